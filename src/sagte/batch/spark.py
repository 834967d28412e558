"""``sagte spark``: the batch analysis as a PySpark job (extra ``spark``).

The driver cuts the inputs into *work units* (:func:`plan_units`): a range of JSONL lines
(with its byte offset, so an executor seeks straight to it), a range of files of a folder,
or one whole WARC file (as Common Crawl's cc-pyspark does). The units are parallelised one
per partition; ``mapPartitions`` loads the pipeline once per partition (:func:`sagte.load`,
cached per Python worker) and analyses each unit with the same code as ``sagte batch``
(:func:`sagte.batch.worker.analyse_records`), so both give the same documents.

Output, in ``OUT``:

- ``documents/part-*.parquet``: one row per document, one column per contract field, nested
  lists as Arrow/Spark ``array<struct>`` (the schema of :func:`sagte.batch.shards.arrow_schema`);
- ``errors/part-*.json``: one JSON line per bad record ``{"source", "record", "id", "stage", "reason"}``.

Inputs must be readable at the same path on every executor (a shared file system); see
``docs/spark.md`` for submitting to a cluster.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path

from ..errors import BatchError
from .shards import arrow_schema
from .sources import Source, SourceReadError, discover, iter_records

#: records analysed together inside a unit (bounds an executor's memory on a whole WARC file)
BATCH_RECORDS = 256

ERROR_FIELDS = (("source", "string"), ("record", "bigint"), ("id", "string"), ("stage", "string"), ("reason", "string"))


def plan_units(sources: Sequence[Source], unit_size: int = 256) -> list[dict]:
    """Work units ``{"source", "start", "end", "offset"}`` covering every record once."""
    units = []
    for src in sources:
        if src.kind == "files":
            for start in range(0, len(src.files), unit_size):
                units.append({"source": src, "start": start, "end": min(start + unit_size, len(src.files)), "offset": 0})
        elif src.kind == "jsonl" and not src.path.endswith(".gz"):
            units.extend(_jsonl_units(src, unit_size))
        else:  # a WARC or gzipped file is read from its start: one unit
            units.append({"source": src, "start": 0, "end": None, "offset": 0})
    return units


def _jsonl_units(src: Source, unit_size: int) -> Iterator[dict]:
    offset, line, unit_start, unit_offset = 0, 0, 0, 0
    with open(src.path, "rb") as fh:
        for raw in fh:
            line += 1
            offset += len(raw)
            if line - unit_start == unit_size:
                yield {"source": src, "start": unit_start, "end": line, "offset": unit_offset}
                unit_start, unit_offset = line, offset
    if line > unit_start:
        yield {"source": src, "start": unit_start, "end": line, "offset": unit_offset}


def analyse_partition(units: Iterator[dict], *, all_languages: bool) -> Iterator[tuple[str, str]]:
    """``mapPartitions`` function: ``("d", document JSON)`` and ``("e", error JSON)`` pairs.

    Loads the pipeline once for the partition; needs nothing from the driver but its arguments.
    """
    import sagte

    from .worker import analyse_records

    nlp = sagte.load()
    for unit in units:
        src: Source = unit["source"]
        batch, read_error = [], None
        records = iter_records(src, start=unit["start"], end=unit["end"], offset=unit["offset"])
        while True:
            try:
                rec = next(records, None)
            except SourceReadError as err:
                read_error, rec = err, None
            if rec is not None:
                batch.append(rec)
            if batch and (rec is None or len(batch) >= BATCH_RECORDS):
                out = analyse_records(batch, source=src.key, nlp=nlp, all_languages=all_languages)
                for doc in out.documents:
                    yield ("d", doc.to_json())
                for err in out.errors:
                    yield ("e", json.dumps({"source": src.key, **err}, ensure_ascii=False))
                batch = []
            if rec is None:
                break
        if read_error is not None:
            error = {"source": src.key, "record": read_error.index, "id": None, "stage": "read", "reason": read_error.reason}
            yield ("e", json.dumps(error, ensure_ascii=False))


def spark_session(master: str | None = None, conf: dict[str, str] | None = None):
    """A SparkSession for the job; ``local[N]`` masters get the settings that work offline."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise BatchError("sagte spark needs PySpark: pip install 'sagte[spark]' (and Java 17).") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("sagte")
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        builder = (
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_spark(
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    master: str | None = None,
    unit_size: int = 256,
    all_languages: bool = False,
    overwrite: bool = False,
    conf: dict[str, str] | None = None,
    spark=None,
) -> dict:
    """Analyse ``inputs`` on Spark into ``output`` (``documents/`` and ``errors/``); returns counts.

    ``spark`` is an existing SparkSession to use (else one is made for ``master``).
    """
    if unit_size < 1:
        raise BatchError(f"--unit-size must be at least 1, not {unit_size}.")
    out = str(output)
    if not out.startswith(("hdfs:", "s3a:", "gs:", "abfs:")) and Path(out).exists() and any(Path(out).iterdir()) and not overwrite:
        raise BatchError(f"{out} exists and is not empty: give a new output folder, or --overwrite to replace it.")
    sources = discover(inputs)
    units = plan_units(sources, unit_size)
    spark = spark or spark_session(master, conf)
    from pyspark import StorageLevel
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import StructType

    began = time.perf_counter()
    tagged = (
        spark.sparkContext.parallelize(units, max(1, len(units)))
        .mapPartitions(partial(analyse_partition, all_languages=all_languages))
        .persist(StorageLevel.DISK_ONLY)
    )
    try:
        counts = tagged.countByKey()
        doc_schema = from_arrow_schema(arrow_schema())
        docs = spark.read.schema(doc_schema).json(tagged.filter(lambda t: t[0] == "d").map(lambda t: t[1]))
        docs.write.mode("overwrite").parquet(f"{out}/documents")
        err_schema = StructType.fromDDL(", ".join(f"{name} {kind}" for name, kind in ERROR_FIELDS))
        errors = spark.read.schema(err_schema).json(tagged.filter(lambda t: t[0] == "e").map(lambda t: t[1]))
        errors.write.mode("overwrite").json(f"{out}/errors")
    finally:
        tagged.unpersist()
    return {
        "documents": int(counts.get("d", 0)),
        "errors": int(counts.get("e", 0)),
        "units": len(units),
        "seconds": time.perf_counter() - began,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point for ``spark-submit`` (the master and resources come from spark-submit)::

        # sagte_job.py
        import sys
        from sagte.batch.spark import main
        main(sys.argv[1:])
    """
    import argparse

    ap = argparse.ArgumentParser(prog="sagte_job.py", description="sagte's analysis as a Spark job: IN… OUT")
    ap.add_argument("paths", nargs="+", help="inputs (JSONL, WARC, folders), then the output folder")
    ap.add_argument("--unit-size", type=int, default=256)
    ap.add_argument("--all-languages", action="store_true")
    ap.add_argument("--overwrite", action="store_true")
    args = ap.parse_args(argv)
    if len(args.paths) < 2:
        ap.error("give at least one input and the output folder")
    result = run_spark(args.paths[:-1], args.paths[-1], unit_size=args.unit_size, all_languages=args.all_languages, overwrite=args.overwrite)
    print(json.dumps(result))
