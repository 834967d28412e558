"""Inputs of a batch run, read as numbered records.

A *source* is one input: a JSONL file (one article per line), a WARC file (one record per
WARC record; only HTML responses become articles), or a folder of ``.txt``/``.html`` files
(one article per file, in sorted order). Every record has a stable index within its source,
so a run can say exactly which ranges it finished (see :mod:`sagte.batch.manifest`).

Reading is cheap and happens in the main process; decoding, HTML extraction and analysis
happen in the workers (:mod:`sagte.batch.worker`).
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BatchError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Source:
    """One input. ``key`` (its absolute path) names it in the manifest."""

    path: str
    kind: str  # "jsonl" | "warc" | "files"
    files: tuple[str, ...] = ()  # kind "files": names relative to ``path``, sorted

    @property
    def key(self) -> str:
        return self.path

    def fingerprint(self) -> str | None:
        """For a folder, a hash of its file list (for a file, see :func:`record_fingerprint`)."""
        if self.kind != "files":
            return None
        return hashlib.sha1("\n".join(self.files).encode("utf-8")).hexdigest()[:16]


def record_fingerprint(rec: "RawRecord") -> str:
    """A hash of a file's first record: a resumed run refuses a file whose start changed
    (a replaced file), while a file that only grew at its end is continued."""
    digest = hashlib.sha1(rec.kind.encode("ascii") + b"\0" + rec.data)
    digest.update(str(rec.meta.get("record_id") or "").encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass
class RawRecord:
    """One record as read: ``kind`` is json, text, html, warc or skip (not an article)."""

    index: int
    kind: str
    data: bytes = b""
    meta: dict = field(default_factory=dict)


@dataclass
class Chunk:
    """Consecutive records of one source, analysed and committed together."""

    source: Source
    records: list[RawRecord]
    #: (index, reason) where reading the source failed; the chunk ends there
    read_error: tuple[int, str] | None = None
    #: identifies the source's content (see :func:`iter_chunks`), recorded in the manifest
    fingerprint: str | None = None

    @property
    def start(self) -> int:
        return self.records[0].index if self.records else self.read_error[0]  # type: ignore[index]

    @property
    def end(self) -> int:
        if self.read_error is not None:
            return self.read_error[0] + 1
        return self.records[-1].index + 1


class SourceReadError(Exception):
    """Reading a source failed at record ``index`` (a corrupt WARC, an unreadable file)."""

    def __init__(self, index: int, reason: str):
        super().__init__(reason)
        self.index = index
        self.reason = reason


def _kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
        return "file"
    return None


def discover(inputs: Sequence[str | Path]) -> list[Source]:
    """The sources named by ``inputs`` (files or folders), in the order given, each once."""
    if not inputs:
        raise BatchError("no input given: name JSONL files, WARC files or folders of .txt/.html files.")
    sources: list[Source] = []
    seen: set[str] = set()
    for item in inputs:
        path = Path(item)
        if not path.exists():
            raise BatchError(f"{path} does not exist: give JSONL files, WARC files or folders of .txt/.html files.")
        key = str(path.resolve())
        if key in seen:
            continue
        seen.add(key)
        if path.is_dir():
            files = tuple(
                sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file() and _kind_of(p) == "file")
            )
            if not files:
                raise BatchError(f"folder {path} has no .txt or .html files: give a folder of articles, or the files themselves.")
            sources.append(Source(key, "files", files))
            continue
        kind = _kind_of(path)
        if kind is None:
            raise BatchError(
                f"{path}: unknown input type; name it .jsonl, .warc or .warc.gz, .txt or .html "
                "(or give a folder of .txt/.html files)."
            )
        if kind == "file":
            sources.append(Source(str(path.resolve().parent), "files", (path.name,)))
        else:
            sources.append(Source(key, kind))
    return sources


def count_records(source: Source) -> int | None:
    """How many records a source has, where that is cheap to know (not for WARC or pipes)."""
    if source.kind == "files":
        return len(source.files)
    path = Path(source.path)
    if source.kind != "jsonl" or not path.is_file() or path.name.endswith(".gz"):
        return None
    count, last = 0, b"\n"
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def iter_records(source: Source, *, start: int = 0, end: int | None = None, offset: int = 0) -> Iterator[RawRecord]:
    """Records ``start`` up to ``end`` of ``source``; ``offset`` is the byte position of
    record ``start`` in a plain JSONL file (so a worker can seek to its range).

    Raises :class:`SourceReadError` where the source cannot be read further.
    """
    if source.kind == "jsonl":
        yield from _jsonl_records(source, start, end, offset)
    elif source.kind == "files":
        yield from _file_records(source, start, end)
    elif source.kind == "warc":
        yield from _warc_records(source, start, end)
    else:  # pragma: no cover - discover() makes only the kinds above
        raise BatchError(f"unknown source kind {source.kind!r}")


def _jsonl_records(source: Source, start: int, end: int | None, offset: int) -> Iterator[RawRecord]:
    path = Path(source.path)
    index = 0
    try:
        if path.name.endswith(".gz"):
            fh = gzip.open(path, "rb")
        else:
            fh = path.open("rb")
            if offset:
                fh.seek(offset)
                index = start
        with fh:
            for line in fh:
                if end is not None and index >= end:
                    return
                if index >= start:
                    kind = "json" if line.strip() else "skip"
                    yield RawRecord(index, kind, line, {"line": index + 1})
                index += 1
    except (OSError, EOFError) as err:
        raise SourceReadError(index, f"cannot read {path} after line {index}: {err}") from None


def _file_records(source: Source, start: int, end: int | None) -> Iterator[RawRecord]:
    root = Path(source.path)
    names = source.files[start:end]
    for index, name in enumerate(names, start=start):
        path = root / name
        kind = "html" if name.lower().endswith(HTML_SUFFIXES) else "text"
        try:
            data = path.read_bytes()
        except OSError as err:
            # one unreadable file is a bad record, not the end of the folder
            yield RawRecord(index, kind, b"", {"name": name, "read_error": f"cannot read {path}: {err}"})
            continue
        yield RawRecord(index, kind, data, {"name": name})


def _warc_records(source: Source, start: int, end: int | None) -> Iterator[RawRecord]:
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise BatchError(f"{source.path} is a WARC file; reading WARC needs the batch extra: pip install 'sagte[batch]'.") from None
    index = 0  # the record being read
    try:
        with open(source.path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if end is not None and index >= end:
                    return
                if index < start:
                    index += 1
                    continue
                if rec.rec_type != "response" or rec.http_headers is None:
                    yield RawRecord(index, "skip", b"", {"type": rec.rec_type, "record_id": rec.rec_headers.get_header("WARC-Record-ID")})
                    index += 1
                    continue
                headers = rec.rec_headers
                meta = {
                    "url": headers.get_header("WARC-Target-URI"),
                    "record_id": headers.get_header("WARC-Record-ID"),
                    "warc_date": headers.get_header("WARC-Date"),
                    "status": rec.http_headers.get_statuscode(),
                    "content_type": rec.http_headers.get_header("Content-Type") or "",
                    "content_language": rec.http_headers.get_header("Content-Language"),
                }
                payload = rec.content_stream().read()
                yield RawRecord(index, "warc", payload, meta)
                index += 1
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
        raise SourceReadError(index, f"cannot read WARC {source.path} at record {index}: {err}") from None


def iter_chunks(source: Source, size: int, covered=lambda index: False, expected: str | None = None) -> Iterator[Chunk]:
    """The records of ``source`` not ``covered`` (already finished), in chunks of at most
    ``size`` consecutive records. ``expected`` is the fingerprint an earlier run recorded for
    the source: a different one raises :class:`BatchError` (resuming would skip or repeat)."""
    fingerprint = source.fingerprint()
    if fingerprint is not None:
        _check_fingerprint(source, fingerprint, expected)
    pending: list[RawRecord] = []
    try:
        for rec in iter_records(source):
            if rec.index == 0 and fingerprint is None:
                fingerprint = record_fingerprint(rec)
                _check_fingerprint(source, fingerprint, expected)
            if covered(rec.index):
                if pending:
                    yield Chunk(source, pending, fingerprint=fingerprint)
                    pending = []
                continue
            pending.append(rec)
            if len(pending) >= size:
                yield Chunk(source, pending, fingerprint=fingerprint)
                pending = []
    except SourceReadError as err:
        if not covered(err.index):
            yield Chunk(source, pending, read_error=(err.index, err.reason), fingerprint=fingerprint)
        elif pending:
            yield Chunk(source, pending, fingerprint=fingerprint)
        return
    if pending:
        yield Chunk(source, pending, fingerprint=fingerprint)


def _check_fingerprint(source: Source, fingerprint: str, expected: str | None) -> None:
    if expected is not None and fingerprint != expected:
        what = "its file list" if source.kind == "files" else "its first record"
        raise BatchError(
            f"{source.path} changed since this run began ({what} differs): continuing would skip or repeat "
            "articles. Rerun with the original input, or give a new output folder."
        )
