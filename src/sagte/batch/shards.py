"""Shards: the documents of one chunk in one file, JSONL or Parquet, written atomically.

Parquet columns are the contract's fields (``sagte.document/1``) with the same names; nested
lists are Arrow ``list<struct>`` columns (``statements``, ``entities``, …), so DuckDB and
pandas read them directly (``SELECT unnest(statements) FROM 'out/*.parquet'``). The Arrow
schema is derived from the pydantic models in :mod:`sagte.document`, so a field added to the
contract appears in the Parquet output without a change here.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from ..document import Document
from ..errors import BatchError

FORMATS = ("jsonl", "parquet")


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise BatchError("Parquet output needs pyarrow: pip install 'sagte[batch]', or use --format jsonl.") from None
    return pa, pq


def _arrow_type(annotation):
    pa, _ = _pyarrow()
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise BatchError(f"cannot map {annotation} to Arrow: the contract has a union of several types.")
        return _arrow_type(inner[0])
    if origin is typing.Literal:
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(
            [pa.field(f.alias or name, _arrow_type(f.annotation), nullable=True) for name, f in annotation.model_fields.items()]
        )
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if annotation in simple:
        return simple[annotation]
    raise BatchError(f"cannot map {annotation!r} to Arrow: extend sagte.batch.shards._arrow_type.")


@lru_cache(maxsize=1)
def arrow_schema():
    """The Arrow schema of :class:`~sagte.document.Document` (one column per contract field)."""
    pa, _ = _pyarrow()
    struct = _arrow_type(Document)
    return pa.schema(list(struct), metadata={"sagte.schema": Document.model_fields["schema_"].default})


def shard_name(source_key: str, start: int, fmt: str) -> str:
    import hashlib

    return f"part-{hashlib.sha1(source_key.encode('utf-8')).hexdigest()[:10]}-{start:010d}.{fmt}"


def write_shard(documents: list[Document], path: Path, fmt: str) -> None:
    """Write ``documents`` to ``path`` atomically: a hidden temporary file, fsync, rename."""
    if fmt not in FORMATS:
        raise BatchError(f"unknown output format {fmt!r}: use one of {', '.join(FORMATS)}.")
    tmp = path.with_name(f".{path.name}.tmp")
    if fmt == "jsonl":
        with tmp.open("w", encoding="utf-8") as fh:
            for doc in documents:
                fh.write(doc.to_json() + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    else:
        pa, pq = _pyarrow()
        table = pa.Table.from_pylist([d.to_dict() for d in documents], schema=arrow_schema())
        pq.write_table(table, tmp, compression="zstd")
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    os.replace(tmp, path)


def read_shard(path: Path) -> Iterator[Document]:
    """The documents of one shard file (``.jsonl`` or ``.parquet``)."""
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield Document.model_validate_json(line)
        return
    if path.suffix == ".parquet":
        _, pq = _pyarrow()
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
            for row in batch.to_pylist():
                yield Document.model_validate(row)
        return
    raise BatchError(f"{path}: not a shard (.jsonl or .parquet).")

