"""``sagte analyze``: one article, or a JSONL batch, to the document contract."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..analyze import analyze, analyze_many, load, prepare
from ..errors import SagteError
from ..textio import decode_bytes
from .app import EXIT_FAILED_RECORDS, EXIT_MISSING, EXIT_USAGE, app
from .output import Format, err_console, fail, print_document


@app.command("analyze")
def analyze_command(
    file: Optional[Path] = typer.Argument(None, help="Article as text or HTML; '-' reads standard input.", show_default=False),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date, YYYY-MM-DD (relative times need it)."),
    title: Optional[str] = typer.Option(None, "--title", help="The article's title."),
    doc_id: Optional[str] = typer.Option(None, "--id", help="Document id (default: a hash of the text)."),
    fmt: Format = typer.Option(Format.json, "--format", "-f", help="json, jsonl, table (who said what) or html."),
    jsonl: Optional[Path] = typer.Option(None, "--jsonl", help="Batch input: one {\"id\", \"text\", \"date\"?, \"title\"?} per line."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where --jsonl writes its output (default: standard output)."),
) -> None:
    """Analyse an article: statements, speakers, entities, times and quantities, with offsets.

    Example: sagte analyze article.txt --date 2025-02-12 --format table
    """
    if jsonl is not None:
        raise typer.Exit(_analyze_jsonl(jsonl, output))
    if file is None:
        fail("give a FILE, '-' for standard input, or --jsonl IN.jsonl. See: sagte analyze --help", EXIT_USAGE)
    try:
        text = _read_article(file)
        doc = analyze(text, date=date, title=title, id=doc_id, nlp=load())
    except SagteError as err:
        fail(str(err), EXIT_MISSING if err.code.startswith("E01") else EXIT_USAGE)
    print_document(doc, fmt)


def _read_article(file: Path) -> str:
    if str(file) == "-":
        data, source = sys.stdin.buffer.read(), "standard input"
    else:
        if not file.is_file():
            fail(f"{file} does not exist or is not a file.", EXIT_USAGE)
        data, source = file.read_bytes(), str(file)
    decoded = decode_bytes(data, source=source)
    for warning in decoded.warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    text = decoded.text
    if file.suffix.lower() in {".html", ".htm"} or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        from ..htmltext import html_to_text

        text = html_to_text(text, source=source)
    return text


def _analyze_jsonl(path: Path, output: Optional[Path], *, chunk: int = 64) -> int:
    """Analyse every line; a bad line gives {"id", "error"} and a non-zero exit, never a gap.

    Lines are read and checked one by one and analysed in chunks (``nlp.pipe``), written in
    input order.
    """
    if not path.is_file():
        fail(f"{path} does not exist or is not a file.", EXIT_USAGE)
    lines = path.read_bytes().splitlines()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    nlp = load()
    failed = 0

    def flush(batch: list[tuple[int, dict | None, str | None, object]]) -> None:
        good = [rec for _, rec, _, _ in batch if rec is not None]
        docs = iter(analyze_many(good, nlp=nlp)) if good else iter(())
        for lineno, rec, error, record_id in batch:
            if rec is None:
                out.write(json.dumps({"id": record_id, "error": f"line {lineno}: {error}"}, ensure_ascii=False) + "\n")
            else:
                out.write(next(docs).to_json() + "\n")

    try:
        with Progress(
            TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err_console,
            disable=not err_console.is_terminal and output is None,
        ) as progress:
            task = progress.add_task("analyse", total=len(lines))
            batch: list = []
            for lineno, raw in enumerate(lines, start=1):
                if not raw.strip():
                    progress.advance(task)
                    continue
                record_id = None
                try:
                    record = json.loads(decode_bytes(raw, source=f"{path}:{lineno}").text)
                    if not isinstance(record, dict):
                        raise SagteError(f"line {lineno} is not a JSON object")
                    record_id = record.get("id")
                    batch.append((lineno, prepare(record), None, record_id))
                except (SagteError, json.JSONDecodeError, ValueError, TypeError) as err:
                    failed += 1
                    batch.append((lineno, None, str(err), record_id))
                if len(batch) >= chunk:
                    flush(batch)
                    progress.advance(task, len(batch))
                    batch = []
            flush(batch)
            progress.advance(task, len(batch))
    finally:
        if output:
            out.close()
    if failed:
        err_console.print(f"[yellow]{failed} of {len(lines)} lines could not be analysed; their error lines say why.[/]")
        return EXIT_FAILED_RECORDS
    return 0
