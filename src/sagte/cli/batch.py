"""``sagte batch`` and ``sagte spark``: many articles, on one machine or on a Spark cluster."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import SagteError
from .app import EXIT_FAILED_RECORDS, EXIT_USAGE, app
from .output import err_console, fail

EXIT_INTERRUPTED = 130  # Ctrl-C: what was committed stays; rerun to continue


class OutFormat(str, Enum):
    jsonl = "jsonl"
    parquet = "parquet"


@app.command("batch")
def batch_command(
    inputs: List[Path] = typer.Argument(..., help="JSONL files, WARC files (.warc, .warc.gz) or folders of .txt/.html articles."),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder: shards, manifest.jsonl, errors.jsonl. Rerun with the same folder to continue."),
    workers: int = typer.Option(1, "--workers", "-w", help="Worker processes (each loads the pipeline once)."),
    fmt: OutFormat = typer.Option(OutFormat.jsonl, "--format", "-f", help="Shard format: jsonl or parquet."),
    chunk_size: int = typer.Option(256, "--chunk-size", help="Input records per chunk (the unit of a shard and of resuming)."),
    all_languages: bool = typer.Option(False, "--all-languages", help="Keep texts not detected as German (default: they go to errors.jsonl)."),
) -> None:
    """Analyse many articles with N processes into sharded output; resumable after a crash or Ctrl-C.

    Bad records go to OUT/errors.jsonl with the reason; exit code 1 if there were any.

    Example: sagte batch crawl/CC-NEWS-20250212.warc.gz articles.jsonl --output out/ --workers 2 --format parquet
    """
    from ..batch import run_batch
    from ..batch.sources import count_records, discover

    try:
        totals = [count_records(s) for s in discover(inputs)]
    except SagteError as err:
        fail(str(err), EXIT_USAGE)
    total = None if any(t is None for t in totals) else sum(totals)
    with Progress(
        TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TextColumn("records"),
        TextColumn("{task.fields[docs]} docs, {task.fields[errors]} errors"), TimeElapsedColumn(),
        console=err_console, transient=False,
    ) as progress:
        task = progress.add_task("batch", total=total, docs=0, errors=0)
        counts = {"docs": 0, "errors": 0}

        def on_chunk(entry: dict) -> None:
            counts["docs"] += entry["documents"]
            counts["errors"] += entry["errors"]
            progress.update(task, advance=entry["end"] - entry["start"], **counts)

        try:
            summary = run_batch(
                inputs, output, workers=workers, fmt=fmt.value, chunk_size=chunk_size,
                all_languages=all_languages, on_chunk=on_chunk,
            )
        except KeyboardInterrupt:
            err_console.print(f"[yellow]interrupted.[/] Finished chunks are kept in {output}; rerun the same command to continue.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except SagteError as err:
            fail(str(err), EXIT_USAGE)
    resumed = f" (continued a run with {summary.resumed_chunks} chunks done)" if summary.resumed_chunks else ""
    err_console.print(
        f"{summary.documents} documents, {summary.errors} errors, {summary.skipped} skipped records "
        f"in {summary.chunks} chunks, {summary.seconds:.1f} s{resumed} → {output}",
        highlight=False,
    )
    if summary.errors:
        err_console.print(f"[yellow]{summary.errors} records could not be analysed: see {output / 'errors.jsonl'}.[/]")
        raise typer.Exit(EXIT_FAILED_RECORDS)


@app.command("spark")
def spark_command(
    inputs: List[str] = typer.Argument(..., help="JSONL files, WARC files or folders of .txt/.html, readable from every executor."),
    output: str = typer.Argument(..., help="Output folder: documents/ (Parquet) and errors/ (JSON lines)."),
    master: str = typer.Option("local[*]", "--master", help="Spark master URL: local[N], spark://host:7077, yarn, k8s://… (for spark-submit, see docs/spark.md)."),
    unit_size: int = typer.Option(256, "--unit-size", help="JSONL lines or files per Spark task (a WARC file is one task)."),
    all_languages: bool = typer.Option(False, "--all-languages", help="Keep texts not detected as German."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing OUT."),
    conf: Optional[List[str]] = typer.Option(None, "--conf", help="Spark setting KEY=VALUE (repeatable), e.g. spark.executor.memory=4g."),
) -> None:
    """The batch analysis as a PySpark job (extra 'spark'): Parquet with the contract's fields.

    Example: sagte spark crawl/ articles.jsonl out-spark/ --master local[2]
    """
    from ..batch.spark import run_spark

    settings = {}
    for item in conf or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            fail(f"--conf {item!r} is not KEY=VALUE: write e.g. --conf spark.executor.memory=4g.", EXIT_USAGE)
        settings[key.strip()] = value.strip()
    try:
        result = run_spark(
            inputs, output, master=master, unit_size=unit_size, all_languages=all_languages, overwrite=overwrite, conf=settings
        )
    except SagteError as err:
        fail(str(err), EXIT_USAGE)
    err_console.print(f"{result['documents']} documents, {result['errors']} errors in {result['seconds']:.1f} s → {output}", highlight=False)
    if result["errors"]:
        raise typer.Exit(EXIT_FAILED_RECORDS)
