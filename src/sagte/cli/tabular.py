"""Output options for commands that print rows (sqlite-utils style): one ``--format`` option,
one printer for table, JSON, JSON Lines and CSV."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import Annotated, Sequence

import typer
from rich.console import Console
from rich.table import Table


class RowFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


#: the ``--format`` option every row-printing command takes
FormatOption = Annotated[RowFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def print_rows(rows: Sequence[dict], fmt: RowFormat, *, columns: Sequence[str] | None = None, title: str | None = None,
               stream=None) -> None:
    """Print ``rows`` (dicts) as ``fmt``; ``columns`` picks and orders them (default: all keys of
    the first row). JSON keeps every key; the others show ``columns``."""
    stream = stream or sys.stdout
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt is RowFormat.json:
        stream.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt is RowFormat.jsonl:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is RowFormat.csv:
        writer = csv.writer(stream)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    else:
        table = Table(title=title, show_lines=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        tty = hasattr(stream, "isatty") and stream.isatty()
        Console(file=stream, soft_wrap=False, width=None if tty else 240).print(table)  # piped: wide, no folding
