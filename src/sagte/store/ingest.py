"""``sagte ingest``: files and folders of articles into a store, idempotently.

Inputs: ``.txt`` (one article, UTF-8; a ``YYYY-MM-DD`` in the file name is its publication
date), ``.html``/``.htm`` (main text, title and publication
date via trafilatura/htmldate, extra ``html``), ``.jsonl`` (one ``{"id", "text", "date"?,
"title"?}`` per line, or documents already analysed by ``sagte analyze --jsonl``); folders are
read recursively.

- Idempotent: an article whose text (its SHA-256) is stored already is skipped before analysis.
- One transaction per article: a crash or a kill loses nothing committed and leaves no half
  article; running the same command again completes the job.
- ``workers > 1`` analyses in that many processes (each loads the pipeline once via
  :func:`sagte.load`); this process alone writes, so identities are resolved in order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import multiprocessing
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..document import SCHEMA_VERSION, Document
from ..errors import SagteError, StoreError
from ..textio import decode_bytes
from .backends import RejectedDocument
from .core import content_hash, open_store
from ..parallel import one_thread_per_worker

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
_NAME_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


@dataclass
class Item:
    """One article to ingest: a raw record to analyse, or a document analysed already."""

    source: str
    record: dict | None = None
    document: Document | None = None
    error: str | None = None
    digest: str = ""


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"added": self.added, "skipped": self.skipped, "failed": [{"source": s, "error": e} for s, e in self.failed],
                "seconds": round(self.seconds, 3)}


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: each file given, and every supported file under each folder, sorted."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir() and _is_batch_output(path):
            out.append(path)  # a `sagte batch` / `sagte spark` output: its documents, analysed already
        elif path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            out.append(path)
        else:
            raise SagteError(f"{path} does not exist: give files or folders of .txt, .html or .jsonl articles.")
    return out


def _is_batch_output(path: Path) -> bool:
    return (path / "manifest.jsonl").is_file() or any((path / "documents").glob("part-*.parquet"))


def _batch_documents(path: Path) -> Iterator[Document]:
    from ..batch import read_output  # JSONL or Parquet shards (extra `batch` for Parquet)

    yield from read_output(path)


def read_items(path: Path) -> Iterator[Item]:
    """The articles in one file (or batch output folder); a line or file that cannot be read
    becomes an ``Item`` with an error."""
    if path.is_dir():
        try:
            for n, doc in enumerate(_batch_documents(path)):
                yield Item(f"{path}#{n}", document=doc)
        except (SagteError, ImportError, OSError) as err:
            yield Item(str(path), error=f"cannot read this batch output: {err}")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        try:
            lines = path.open("rb")
        except OSError as err:
            yield Item(str(path), error=f"cannot read it: {err.strerror}")
            return
        with lines:
            yield from _jsonl_items(path, lines)
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Item(str(path), error=f"cannot read it: {err.strerror}")
        return
    try:
        text = decode_bytes(data, source=str(path)).text
        if suffix in {".html", ".htm"}:
            from ..htmltext import html_article

            yield Item(str(path), record=html_article(text, source=str(path)))
        else:
            yield Item(str(path), record={"text": text, "date": date_in_name(path.name)})
    except SagteError as err:
        yield Item(str(path), error=str(err))


def date_in_name(name: str) -> str | None:
    """A publication date written in a file name ('2025-02-10-kreml.txt'), if valid."""
    for match in _NAME_DATE.finditer(name):
        try:
            return dt.date.fromisoformat(match.group(0)).isoformat()
        except ValueError:
            continue
    return None


def _jsonl_items(path: Path, lines) -> Iterator[Item]:
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            obj = json.loads(decode_bytes(raw, source=source).text)
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
            if obj.get("schema") == SCHEMA_VERSION:
                yield Item(source, document=Document.model_validate(obj))
            else:
                yield Item(source, record={k: obj.get(k) for k in ("id", "text", "date", "title")})
        except (SagteError, ValueError) as err:  # pydantic's ValidationError is a ValueError
            yield Item(source, error=str(err).splitlines()[0] if str(err) else type(err).__name__)


def count_items(path: Path) -> int:
    """How many articles :func:`read_items` will give for ``path`` (non-blank JSONL lines)."""
    if path.is_dir():
        return sum(1 for _ in _batch_documents(path))
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 1


def _prepare(item: Item) -> Item:
    from ..analyze import prepare

    if item.error is None and item.record is not None:
        try:
            item.record = prepare(item.record)
        except SagteError as err:
            item.error = str(err)
    if item.error is None:
        item.digest = content_hash(item.document.text if item.document is not None else item.record["text"])
    return item


def _init_worker() -> None:
    from ..analyze import load

    load()


def _analyze(item: Item) -> tuple[str, str | None, str | None]:
    """Worker: (source, document JSON, error)."""
    from ..analyze import analyze_many, load

    try:
        doc = next(analyze_many([item.record], nlp=load()))
        return item.source, doc.to_json(), None
    except SagteError as err:
        return item.source, None, str(err)


def ingest(
    paths: Iterable[Path],
    url: str,
    *,
    workers: int = 1,
    progress: Callable[[int], Callable[[], None]] | None = None,
    timeout: float = 30.0,
) -> IngestReport:
    """Analyse and store every article under ``paths`` in the store at ``url`` (created if
    missing). ``progress(total)`` returns a function called once per article done (stored,
    skipped or failed). Files are read as the work goes, so memory stays flat on big inputs.

    Raises :class:`StoreError` when the store fails (locked too long, server gone): every
    article stored before that stays stored, and running again continues where it stopped.
    """
    started = time.perf_counter()
    report = IngestReport()
    files = input_files(paths)
    store = open_store(url, create=True, timeout=timeout)
    try:
        advance = progress(sum(count_items(f) for f in files)) if progress else (lambda: None)
        known = store.known_hashes()
        seen: set[str] = set()

        def todo() -> Iterator[Item]:
            """Articles to store, read as they are needed; failures and repeats are counted here."""
            for f in files:
                for item in read_items(f):
                    item = _prepare(item)
                    if item.error is not None:
                        report.failed.append((item.source, item.error))
                    elif item.digest in known or item.digest in seen:
                        report.skipped += 1
                    else:
                        seen.add(item.digest)
                        yield item
                        continue
                    advance()

        def store_one(source: str, doc: Document) -> None:
            if store.add(doc, source=source):
                report.added += 1
            else:  # another process stored the same text meanwhile
                report.skipped += 1

        if workers <= 1:
            for item in todo():
                if item.document is not None:
                    _store_guarded(store_one, item.source, item.document, report)
                else:
                    _store_result(store_one, *_analyze(item), report)
                advance()
        else:
            _ingest_parallel(todo(), workers, store_one, advance, report)
    finally:
        store.close()
    report.seconds = time.perf_counter() - started
    return report


def _ingest_parallel(items: Iterator[Item], workers: int, store_one, advance, report: IngestReport) -> None:
    """Analyse in ``workers`` processes, at most ``4 * workers`` articles in flight; store here."""
    one_thread_per_worker()
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker)
    pending: set = set()

    def collect(done) -> None:
        for future in done:
            _store_result(store_one, *future.result(), report)
            advance()

    try:
        for item in items:
            if item.document is not None:
                _store_guarded(store_one, item.source, item.document, report)
                advance()
                continue
            pending.add(pool.submit(_analyze, item))
            if len(pending) >= 4 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                collect(done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            collect(done)
    except BrokenProcessPool:
        raise SagteError(
            f"an analysis worker died (out of memory?); {report.added} articles were stored. "
            "Run the command again with fewer --workers: it continues where it stopped."
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _store_result(store_one, source: str, body: str | None, error: str | None, report: IngestReport) -> None:
    """Store what a worker returned (a document as JSON), or count its error."""
    if error is not None:
        report.failed.append((source, error))
        return
    _store_guarded(store_one, source, Document.model_validate_json(body), report)


def _store_guarded(store_one, source: str, doc: Document, report: IngestReport) -> None:
    try:
        store_one(source, doc)
    except RejectedDocument as err:  # this article only: the others go on
        report.failed.append((source, str(err)))
    except StoreError as err:
        err.report = report  # what was stored before the store failed
        raise
