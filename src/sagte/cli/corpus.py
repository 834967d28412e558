"""Corpus commands: ``sagte ingest``, ``speakers``, ``statements``, ``entity``, ``merge``,
``split`` and ``export`` — thin over :mod:`sagte.store`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..errors import SagteError, StoreError
from .app import EXIT_FAILED_RECORDS, EXIT_USAGE, app
from .output import err_console, fail, write_json
from .tabular import FormatOption, RowFormat, print_rows

#: exit code when the store cannot be opened or written
EXIT_STORE = 4

DbOption = Annotated[str, typer.Option(
    "--db", envvar="SAGTE_DB", help="Store URL: sqlite:///path.db (default sqlite:///sagte.db) or postgresql://user@host:port/db.")]
DEFAULT_DB = "sqlite:///sagte.db"

STATEMENT_COLUMNS = ("date", "speaker_name", "speaker", "kind", "cue", "content", "about", "document")


def _open(url: str):
    from ..store import open_store

    try:
        return open_store(url)
    except StoreError as err:
        fail(str(err), EXIT_STORE)


def _date(value: Optional[str]) -> Optional[str]:
    from ..analyze import parse_date

    if value is None:
        return None
    try:
        return parse_date(value).isoformat()
    except SagteError as err:
        fail(str(err), EXIT_USAGE)


@app.command("ingest")
def ingest_command(
    paths: List[Path] = typer.Argument(..., help="Files (.txt, .html, .jsonl) and folders (read recursively)."),
    db: DbOption = DEFAULT_DB,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes that analyse articles (each loads the pipeline once)."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds to wait for a store locked by another writer."),
) -> None:
    """Analyse articles and store them; a second run adds nothing (articles are keyed by a hash of their text).

    Each article is stored in its own transaction: after a crash or a kill, run the same command again.

    Example: sagte ingest articles/ news.jsonl --db sqlite:///corpus.db --workers 2
    """
    from ..store.ingest import ingest

    with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err_console, disable=not err_console.is_terminal) as progress:
        def start(total: int):
            task = progress.add_task("ingest", total=total)
            return lambda: progress.advance(task)

        try:
            report = ingest(paths, db, workers=workers, progress=start, timeout=timeout)
        except StoreError as err:
            done = getattr(err, "report", None)
            stored = f" {done.added} articles were stored before it stopped; run the command again to continue." if done else ""
            fail(f"{err}{stored}", EXIT_STORE)
        except SagteError as err:
            fail(str(err), EXIT_USAGE)
    for source, error in report.failed:
        err_console.print(f"[yellow]skipped[/] {source}: {error}", highlight=False)
    rate = report.added / report.seconds if report.seconds else 0.0
    err_console.print(f"added {report.added}, already stored {report.skipped}, failed {len(report.failed)} "
                      f"in {report.seconds:.1f} s ({rate:.2f} articles/s)", highlight=False)
    if report.failed:
        raise typer.Exit(EXIT_FAILED_RECORDS)


@app.command("speakers")
def speakers_command(
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = RowFormat.table,
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many speakers."),
    type_: Optional[str] = typer.Option(None, "--type", help="Only PER (people), ORG, LOC or MISC."),
) -> None:
    """Speakers (identities across articles) with their statement counts, most-quoted first.

    Example: sagte speakers --db sqlite:///corpus.db --type PER --format csv
    """
    if type_ is not None and type_.upper() not in {"PER", "ORG", "LOC", "MISC"}:
        fail(f"unknown --type {type_!r}: use PER, ORG, LOC or MISC.", EXIT_USAGE)
    with _open(db) as store:
        rows = _guard(lambda: store.speakers(type=type_.upper() if type_ else None, limit=limit))
    print_rows(rows, fmt, columns=("id", "name", "type", "statements", "documents", "first", "last"), title="speakers")


@app.command("statements")
def statements_command(
    db: DbOption = DEFAULT_DB,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Said by this person (every spelling of the identity), or an identity id."),
    about: Optional[str] = typer.Option(None, "--about", help="Mentioning this person or entity in what was said."),
    since: Optional[str] = typer.Option(None, "--since", help="Said on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Said on or before YYYY-MM-DD."),
    search: Optional[str] = typer.Option(None, "--search", "-s", help="Words in what was said (full-text search)."),
    document: Optional[str] = typer.Option(None, "--document", help="Only this article (its id)."),
    limit: Optional[int] = typer.Option(100, "--limit", help="At most this many statements (0: all)."),
    offset: int = typer.Option(0, "--offset", help="Skip this many first."),
    fmt: FormatOption = RowFormat.table,
) -> None:
    """Statements, oldest first, filtered by speaker, subject, date and words.

    Example: sagte statements --db sqlite:///corpus.db --speaker Peskow --since 2025-02-01 --search Verhandlungen
    """
    since, until = _date(since), _date(until)
    with _open(db) as store:
        rows = _guard(lambda: store.statements(speaker=speaker, about=about, since=since, until=until, q=search,
                                               document=document, limit=limit or None, offset=offset))
    print_rows(rows, fmt, columns=STATEMENT_COLUMNS, title=f"{len(rows)} statements")


@app.command("entity")
def entity_command(
    name: str = typer.Argument(..., help="A name (any spelling) or an identity id."),
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = RowFormat.table,
    limit: int = typer.Option(30, "--limit", help="table: show the latest this many statements (0: all)."),
) -> None:
    """One identity: its spellings (and why each was joined), roles, merges, and statements over time.

    --format json prints all of it as one object; csv prints all its statements.

    Example: sagte entity "Dmitrij Peskow" --db sqlite:///corpus.db
    """
    with _open(db) as store:
        found = _guard(lambda: store.entity(name))
    if found is None:
        fail(f"no identity called {name!r}: list them with `sagte speakers --db {db}`.", EXIT_USAGE)
    if fmt is RowFormat.json:
        write_json(found)
        return
    if fmt is RowFormat.jsonl:
        print_rows([found], fmt)
        return
    if fmt is RowFormat.csv:  # its statements, one row each
        print_rows(found["statements"], fmt, columns=STATEMENT_COLUMNS)
        return
    typer.echo(f"{found['name']} ({found['type']}, identity {found['id']}, in {found['documents']} documents)")
    if found["also"]:
        typer.echo(f"other identities with this name: {', '.join(map(str, found['also']))}")
    print_rows(found["variants"], fmt, columns=("name", "count", "why"), title="spellings")
    if found["roles"]:
        print_rows(found["roles"], fmt, columns=("role", "count"), title="roles")
    if found["merges"]:
        print_rows(found["merges"], fmt, columns=("kind", "identity", "other", "name", "why", "at"), title="merges and splits")
    print_rows(found["timeline"], fmt, columns=("month", "statements"), title="statements over time")
    shown = found["statements"][-limit:] if limit else found["statements"]
    title = "statements" if len(shown) == len(found["statements"]) else f"the latest {len(shown)} of {len(found['statements'])} statements"
    print_rows(shown, fmt, columns=STATEMENT_COLUMNS, title=title)


@app.command("merge")
def merge_command(
    name: str = typer.Argument(..., help="The identity to keep (a name or id)."),
    other: str = typer.Argument(..., help="The identity to join into it (a name or id)."),
    db: DbOption = DEFAULT_DB,
    why: str = typer.Option("merged by the user", "--why", help="Why they are the same (kept in the log)."),
) -> None:
    """Join two identities the matcher kept apart; later ingests keep them together. Undo with `sagte split`.

    Example: sagte merge "Wolodymyr Selenskyj" "Zelensky" --db sqlite:///corpus.db --why "same person"
    """
    with _open(db) as store:
        found = _guard(lambda: store.merge(name, other, why=why))
    typer.echo(f"merged into {found['name']} (identity {found['id']}): {', '.join(v['name'] for v in found['variants'])}")


@app.command("split")
def split_command(
    name: str = typer.Argument(..., help="The identity (a name or id)."),
    variant: str = typer.Argument(..., help="The spelling to take out into an identity of its own."),
    db: DbOption = DEFAULT_DB,
    why: str = typer.Option("split by the user", "--why", help="Why they are different (kept in the log)."),
) -> None:
    """Take a wrongly joined spelling out of an identity; later ingests keep them apart.

    Example: sagte split "Donald Trump" "Melania Trump" --db sqlite:///corpus.db --why "different people"
    """
    with _open(db) as store:
        found = _guard(lambda: store.split(name, variant, why=why))
    typer.echo(f"new identity {found['id']}: {found['name']}")


@app.command("export")
def export_command(
    db: DbOption = DEFAULT_DB,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv (statements), graphml (who speaks about whom)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
    min_weight: int = typer.Option(1, "--min-weight", help="graphml: leave out edges with fewer statements."),
) -> None:
    """Export statements (JSON Lines, CSV) or the network of who speaks about whom (GraphML for Gephi and networkx).

    Example: sagte export --db sqlite:///corpus.db --format graphml --output network.graphml
    """
    from ..store import export

    writers = {"jsonl": export.write_statements_jsonl, "csv": export.write_statements_csv,
               "graphml": lambda s, o: export.write_graphml(s, o, min_weight=min_weight)}
    if fmt not in writers:
        fail(f"unknown --format {fmt!r}: use jsonl, csv or graphml.", EXIT_USAGE)
    with _open(db) as store:
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            _guard(lambda: writers[fmt](store, out))
        finally:
            if output:
                out.close()


def _guard(fn):
    try:
        return fn()
    except StoreError as err:
        fail(str(err), EXIT_STORE)
