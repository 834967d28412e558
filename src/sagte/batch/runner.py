"""``sagte batch``: many articles, N worker processes, sharded output, resumable.

The main process reads the inputs (:mod:`~sagte.batch.sources`) and cuts them into chunks of
consecutive records; each chunk goes to a worker process, which loads the pipeline once
(:func:`sagte.load`), analyses the chunk (:mod:`~sagte.batch.worker`) and writes its shard
atomically; the main process then commits it in the manifest (:mod:`~sagte.batch.manifest`).
Chunks already in the manifest are skipped, which is all that resuming takes.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BatchError
from .manifest import ERRORS, SHARDS, Manifest, load_manifest
from .shards import FORMATS, read_shard, shard_name, write_shard
from .sources import Chunk, RawRecord, discover, iter_chunks
from ..parallel import one_thread_per_worker


@dataclass
class BatchSummary:
    """What a run (or the part of it done by this call) did."""

    output: Path
    documents: int = 0
    errors: int = 0
    skipped: int = 0
    chunks: int = 0
    chars: int = 0
    seconds: float = 0.0
    #: CPU time the workers spent on this call's chunks (analysis, extraction, shard writing)
    cpu_seconds: float = 0.0
    #: chunks committed by an earlier, interrupted run of the same output folder
    resumed_chunks: int = 0
    peak_rss_mb: dict[int, float] = field(default_factory=dict)

    def add(self, entry: dict) -> None:
        self.documents += entry["documents"]
        self.errors += entry["errors"]
        self.skipped += entry["skipped"]
        self.chars += entry["chars"]
        self.cpu_seconds += entry.get("cpu_seconds", 0.0)
        self.chunks += 1
        pid = entry.get("pid")
        if pid is not None:
            self.peak_rss_mb[pid] = max(self.peak_rss_mb.get(pid, 0.0), entry.get("max_rss_mb", 0.0))


def _load(all_languages: bool) -> None:
    """Load the pipeline (and the language detector) into this process, once."""
    import sagte

    sagte.load()
    if not all_languages:
        from .worker import language_detector

        language_detector()


def _init_worker(all_languages: bool) -> None:
    """Runs once in each worker process: Ctrl-C is the parent's to handle; load the pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _load(all_languages)


def process_chunk(
    source_key: str,
    fingerprint: str | None,
    records: list[RawRecord],
    read_error: tuple[int, str] | None,
    out_dir: str,
    fmt: str,
    all_languages: bool,
) -> tuple[dict, list[dict]]:
    """Analyse one chunk and write its shard; returns its manifest entry and its errors.

    Everything it needs comes in its arguments; it loads the pipeline with
    :func:`sagte.load` (once per process).
    """
    import sagte

    from .worker import analyse_records

    began, cpu_began = time.perf_counter(), time.process_time()
    out = analyse_records(records, source=source_key, nlp=sagte.load(), all_languages=all_languages)
    start = records[0].index if records else read_error[0]  # type: ignore[index]
    end = read_error[0] + 1 if read_error else records[-1].index + 1
    errors = out.errors
    if read_error is not None:
        errors = errors + [{"record": read_error[0], "id": None, "stage": "read", "reason": read_error[1]}]
    shard = None
    if out.documents:
        shard = shard_name(source_key, start, fmt)
        write_shard(out.documents, Path(out_dir) / SHARDS / shard, fmt)
    entry = {
        "source": source_key,
        "fingerprint": fingerprint,
        "start": start,
        "end": end,
        "shard": shard,
        "documents": len(out.documents),
        "errors": len(errors),
        "skipped": out.skipped,
        "chars": out.chars,
        "seconds": round(time.perf_counter() - began, 4),
        "cpu_seconds": round(time.process_time() - cpu_began, 4),
        "pid": os.getpid(),
        "max_rss_mb": peak_rss_mb(),
    }
    return entry, errors


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (``VmHWM``: unlike ``ru_maxrss``, not
    inherited from the parent that started the worker)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _chunk_args(chunk: Chunk, out_dir: Path, fmt: str, all_languages: bool) -> tuple:
    return (chunk.source.key, chunk.fingerprint, chunk.records, chunk.read_error, str(out_dir), fmt, all_languages)


def run_batch(
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    workers: int = 1,
    fmt: str = "jsonl",
    chunk_size: int = 256,
    all_languages: bool = False,
    on_chunk: Callable[[dict], None] | None = None,
) -> BatchSummary:
    """Analyse every article of ``inputs`` into ``output``, continuing a run found there.

    ``on_chunk(entry)`` is called after each committed chunk (for progress). Raises
    :class:`KeyboardInterrupt` on Ctrl-C after stopping the workers: what was committed
    stays, and the same call continues from there.
    """
    if workers < 1:
        raise BatchError(f"--workers must be at least 1, not {workers}.")
    if chunk_size < 1:
        raise BatchError(f"--chunk-size must be at least 1, not {chunk_size}.")
    if fmt not in FORMATS:
        raise BatchError(f"unknown --format {fmt!r}: use one of {', '.join(FORMATS)}.")
    sources = discover(inputs)
    out_dir = Path(output)
    manifest = Manifest.open(out_dir, fmt=fmt, all_languages=all_languages)
    summary = BatchSummary(output=out_dir, resumed_chunks=len(manifest.chunks))
    began = time.perf_counter()

    def commit(entry: dict, errors: list[dict]) -> None:
        manifest.commit(entry, errors)
        summary.add(entry)
        if on_chunk is not None:
            on_chunk(entry)

    chunks: Iterator[Chunk] = (
        c for src in sources for c in iter_chunks(src, chunk_size, manifest.covered(src.key), manifest.fingerprint(src.key))
    )
    if workers == 1:
        _load(all_languages)
        for chunk in chunks:
            commit(*process_chunk(*_chunk_args(chunk, out_dir, fmt, all_languages)))
    else:
        _run_pool(chunks, commit, workers=workers, out_dir=out_dir, fmt=fmt, all_languages=all_languages)
    summary.seconds = time.perf_counter() - began
    return summary


def _run_pool(chunks: Iterator[Chunk], commit, *, workers: int, out_dir: Path, fmt: str, all_languages: bool) -> None:
    """Chunks to a pool of ``workers`` processes, at most two per worker in flight."""
    one_thread_per_worker()
    ctx = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(all_languages,))
    slots = threading.BoundedSemaphore(2 * workers)
    failures: list[BaseException] = []

    def done(fut: Future) -> None:
        try:
            if not fut.cancelled():
                commit(*fut.result())
        except BaseException as err:  # noqa: BLE001 - handed to the main thread, which raises it
            failures.append(err)
        finally:
            slots.release()

    try:
        for chunk in chunks:
            slots.acquire()
            if failures:
                slots.release()
                break
            executor.submit(process_chunk, *_chunk_args(chunk, out_dir, fmt, all_languages)).add_done_callback(done)
        for _ in range(2 * workers):  # wait until every chunk in flight is committed
            slots.acquire()
    except BaseException:  # Ctrl-C or a reading error: stop the workers, keep what was committed
        _stop(executor)
        raise
    executor.shutdown(wait=True)
    if failures:
        err = failures[0]
        if isinstance(err, BrokenProcessPool):
            raise BatchError(
                "a worker process died (out of memory, or killed): the chunks committed so far are kept; "
                "rerun the same command to continue, with fewer --workers if memory is short."
            ) from err
        raise err


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now: the chunks they were on are not committed and will be redone."""
    for proc in list((getattr(executor, "_processes", None) or {}).values()):
        proc.terminate()
    executor.shutdown(wait=False, cancel_futures=True)


def read_output(path: str | Path) -> Iterator:
    """The documents of a ``sagte batch`` output folder (its committed shards, ordered by
    source path and position) or of a ``sagte spark`` output folder
    (``OUT/documents/part-*.parquet``), streaming, as contract documents (:class:`~sagte.document.Document`).

    ``sagte ingest`` can load a batch output with it: ``for doc in read_output(dir): …``.
    """
    out_dir = Path(path)
    if (out_dir / "manifest.jsonl").is_file():
        _, chunks = load_manifest(out_dir)
        for entry in sorted(chunks, key=lambda c: (c["source"], c["start"])):
            if entry.get("shard"):
                yield from read_shard(out_dir / SHARDS / entry["shard"])
        return
    spark_dir = out_dir / SHARDS
    if spark_dir.is_dir():
        for shard in sorted(spark_dir.glob("part-*.parquet")):
            yield from read_shard(shard)
        return
    raise BatchError(f"{out_dir} is neither a sagte batch output (manifest.jsonl) nor a sagte spark output (documents/).")


def read_errors(path: str | Path) -> list[dict]:
    """The bad records of a batch (``errors.jsonl``) or Spark (``errors/*.json``) output."""
    import json

    out_dir = Path(path)
    files = [out_dir / ERRORS] if (out_dir / ERRORS).is_file() else sorted((out_dir / "errors").glob("part-*.json"))
    rows = []
    for file in files:
        with file.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows
