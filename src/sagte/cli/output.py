"""Shared output helpers: one place that prints documents as json, jsonl, table or html."""

from __future__ import annotations

import html
import json
import sys
from enum import Enum

from rich.console import Console
from rich.table import Table

from ..document import Document

err_console = Console(stderr=True)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    html = "html"


def track(items, total=None, description: str = "analysing"):
    """A transient progress bar on stderr over ``items`` (the one every command uses)."""
    from rich.progress import track as rich_track

    return rich_track(items, total=total, description=description, console=err_console, transient=True)


def fail(message: str, code: int) -> None:
    """Print an error that says what to do, and exit with ``code``."""
    import typer

    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def scores_or_exit(compute, *, as_json: bool):
    """Run an evaluation: a :class:`SagteError` exits with the missing-data code; with
    ``--json`` the scores are printed here and ``None`` is returned, else the scores."""
    from ..errors import SagteError
    from .app import EXIT_MISSING

    try:
        scores = compute()
    except SagteError as err:
        fail(str(err), EXIT_MISSING)
    if as_json:
        write_json(scores)
        return None
    return scores


def print_document(doc: Document, fmt: Format, *, stream=None) -> None:
    stream = stream or sys.stdout
    if fmt is Format.json:
        stream.write(doc.to_json(indent=2) + "\n")
    elif fmt is Format.jsonl:
        stream.write(doc.to_json() + "\n")
    elif fmt is Format.html:
        stream.write(document_html(doc))
    else:
        Console(file=stream, soft_wrap=False).print(statements_table(doc))


def statements_table(doc: Document) -> Table:
    table = Table(title=f"{doc.title or doc.id} ({doc.date or 'no date'}): {len(doc.statements)} statements", show_lines=True)
    for col in ("id", "kind", "speaker", "cue", "content", "conf."):
        table.add_column(col, overflow="fold")
    for st in doc.statements:
        speaker = st.speaker.text if st.speaker else "–"
        if st.speaker and st.speaker.entity:
            ent = next((e for e in doc.entities if e.id == st.speaker.entity), None)
            if ent and ent.name != speaker:
                speaker += f" → {ent.name}"
        table.add_row(
            st.id,
            st.kind + (f" ({st.medium})" if st.medium else ""),
            speaker,
            " … ".join(c.text for c in st.cue) or "–",
            " […] ".join(c.text for c in st.content),
            f"{st.confidence:.2f}",
        )
    return table


def document_html(doc: Document) -> str:
    """A self-contained page with content shaded and cues underlined; every text escaped."""
    marks: list[tuple[int, int, str]] = []
    for st in doc.statements:
        for c in st.content:
            marks.append((c.start, 0, f'<mark class="content" title="{html.escape(st.id + " " + st.kind)}">'))
            marks.append((c.end, 1, "</mark>"))
    pieces, pos = [], 0
    for at, _, tag in sorted(marks, key=lambda m: (m[0], -m[1])):
        pieces.append(html.escape(doc.text[pos:at]))
        pieces.append(tag)
        pos = at
    pieces.append(html.escape(doc.text[pos:]))
    rows = "".join(
        f"<tr><td>{html.escape(st.id)}</td><td>{html.escape(st.kind)}</td>"
        f"<td>{html.escape(st.speaker.text if st.speaker else '–')}</td>"
        f"<td>{html.escape(' … '.join(c.text for c in st.cue))}</td>"
        f"<td>{html.escape(' […] '.join(c.text for c in st.content))}</td></tr>"
        for st in doc.statements
    )
    title = html.escape(doc.title or doc.id)
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "mark.content{background:#fde9a8}td{vertical-align:top;padding:.2em .5em}"
        "p.text{white-space:pre-wrap;line-height:1.5}</style></head><body>"
        f"<h1>{title}</h1><p class=\"text\">{''.join(pieces)}</p>"
        f"<table><tr><th>id</th><th>kind</th><th>speaker</th><th>cue</th><th>content</th></tr>{rows}</table>"
        "</body></html>\n"
    )


def write_json(obj, stream=None) -> None:
    (stream or sys.stdout).write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
