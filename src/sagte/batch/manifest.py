"""The manifest of a batch run: which input ranges are finished, and in which shard.

``OUT/manifest.jsonl`` is append-only. Its first line is the run's header
(``{"manifest": "sagte.batch/1", "format", "all_languages", …}``); every further line is one
*committed chunk*: ``{"source", "start", "end", "shard", "documents", "errors", "skipped", …}``
saying that records ``start`` to ``end - 1`` of ``source`` are done. ``OUT/errors.jsonl``
holds one line per bad record, tagged with its chunk; shards are in ``OUT/documents/``.

A chunk is committed in this order: its shard is renamed into place (by the worker), its
error lines are appended and flushed to disk, then its manifest line is appended and flushed.
Opening the manifest again (a resumed run) repairs what a crash can leave: a torn last line,
error lines of a chunk that never got its manifest line, shards and temporary files of
uncommitted chunks. So the committed chunks are exactly the manifest's lines, and a rerun
does every other record once: no duplicate, no gap.
"""

from __future__ import annotations

import bisect
import json
import os
import threading
from pathlib import Path

from .. import __version__
from ..errors import BatchError

VERSION = "sagte.batch/1"
MANIFEST = "manifest.jsonl"
ERRORS = "errors.jsonl"
#: the shards' folder, so that ``pandas.read_parquet("OUT/documents")`` reads them all
SHARDS = "documents"


def _fsync_append(path: Path, lines: list[str]) -> None:
    if not lines:
        return
    with path.open("a", encoding="utf-8") as fh:
        fh.write("".join(lines))
        fh.flush()
        os.fsync(fh.fileno())


def _read_json_lines(path: Path) -> tuple[list[dict], int]:
    """The complete JSON lines of ``path`` and the byte length they take (a torn tail is not counted)."""
    good, length = [], 0
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                good.append(json.loads(raw))
            except json.JSONDecodeError:
                break
            length += len(raw)
    return good, length


class Manifest:
    """The finished ranges of an output folder; :meth:`commit` adds one, thread-safely."""

    def __init__(self, out_dir: Path, header: dict, chunks: list[dict]):
        self.out_dir = out_dir
        self.header = header
        self.chunks = chunks
        self._lock = threading.Lock()
        self._ranges: dict[str, list[tuple[int, int]]] = {}
        for entry in chunks:
            self._add_range(entry)

    @property
    def path(self) -> Path:
        return self.out_dir / MANIFEST

    @property
    def errors_path(self) -> Path:
        return self.out_dir / ERRORS

    @classmethod
    def open(cls, out_dir: Path, *, fmt: str, all_languages: bool) -> "Manifest":
        """Start a run in ``out_dir``, or resume the one there (repairing what a crash left)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / MANIFEST
        settings = {"format": fmt, "all_languages": all_languages}
        if not path.exists():
            if any(not p.name.startswith(".") for p in out_dir.iterdir()):
                raise BatchError(
                    f"output folder {out_dir} is not empty and has no {MANIFEST}: give a new or empty folder "
                    "(or the folder of the run you want to continue)."
                )
            (out_dir / SHARDS).mkdir()
            header = {"manifest": VERSION, **settings, "sagte": __version__}
            tmp = out_dir / f".{MANIFEST}.tmp"
            tmp.write_text(json.dumps(header) + "\n", encoding="utf-8")
            os.replace(tmp, path)
            return cls(out_dir, header, [])
        lines, length = _read_json_lines(path)
        if not lines or lines[0].get("manifest") != VERSION:
            raise BatchError(f"{path} is not a sagte batch manifest ({VERSION}): give another output folder.")
        header = lines[0]
        for key, value in settings.items():
            if header.get(key) != value:
                raise BatchError(
                    f"{out_dir} holds a run with {key}={header.get(key)!r}, not {value!r}: rerun with the same "
                    "settings to continue it, or give a new output folder."
                )
        if length != path.stat().st_size:
            with path.open("r+b") as fh:  # a line torn by a crash: that chunk is redone
                fh.truncate(length)
        (out_dir / SHARDS).mkdir(exist_ok=True)
        manifest = cls(out_dir, header, lines[1:])
        manifest._repair()
        return manifest

    def _repair(self) -> None:
        committed = {(c["source"], c["start"]) for c in self.chunks}
        if self.errors_path.exists():
            errors, _ = _read_json_lines(self.errors_path)
            kept = [e for e in errors if (e.get("source"), e.get("chunk_start")) in committed]
            tmp = self.out_dir / f".{ERRORS}.tmp"
            tmp.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in kept), encoding="utf-8")
            os.replace(tmp, self.errors_path)
        shards = {c["shard"] for c in self.chunks if c.get("shard")}
        shard_dir = self.out_dir / SHARDS
        for p in shard_dir.iterdir() if shard_dir.is_dir() else ():
            uncommitted = p.name.startswith("part-") and p.name not in shards
            if uncommitted or (p.name.startswith(".part-") and p.name.endswith(".tmp")):
                p.unlink()

    def _add_range(self, entry: dict) -> None:
        ranges = self._ranges.setdefault(entry["source"], [])
        bisect.insort(ranges, (entry["start"], entry["end"]))

    def covered(self, source_key: str):
        """A function telling whether record ``index`` of the source is already done."""
        ranges = list(self._ranges.get(source_key, []))
        starts = [s for s, _ in ranges]

        def is_done(index: int) -> bool:
            i = bisect.bisect_right(starts, index) - 1
            return i >= 0 and ranges[i][0] <= index < ranges[i][1]

        return is_done

    def fingerprint(self, source_key: str) -> str | None:
        """The fingerprint recorded for a source by its committed chunks (None if none)."""
        return next((c.get("fingerprint") for c in self.chunks if c["source"] == source_key and c.get("fingerprint")), None)

    def commit(self, entry: dict, errors: list[dict]) -> None:
        """Record a finished chunk: its errors first, then its manifest line (each flushed to disk)."""
        with self._lock:
            _fsync_append(
                self.errors_path,
                [json.dumps({"source": entry["source"], "chunk_start": entry["start"], **e}, ensure_ascii=False) + "\n" for e in errors],
            )
            _fsync_append(self.path, [json.dumps(entry, ensure_ascii=False) + "\n"])
            self.chunks.append(entry)
            self._add_range(entry)


def load_manifest(out_dir: Path) -> tuple[dict, list[dict]]:
    """The header and committed chunks of a finished (or interrupted) run, read-only."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        raise BatchError(f"{out_dir} has no {MANIFEST}: give the --output folder of a sagte batch run.")
    lines, _ = _read_json_lines(path)
    if not lines or lines[0].get("manifest") != VERSION:
        raise BatchError(f"{path} is not a sagte batch manifest ({VERSION}).")
    return lines[0], lines[1:]
