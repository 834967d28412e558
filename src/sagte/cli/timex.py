"""``sagte eval timex`` and ``sagte eval quantities``: scores of the time and quantity stages."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .app import eval_app
from .output import scores_or_exit, track




@eval_app.command("timex")
def eval_timex(
    paths: list[Path] = typer.Argument(..., help="TimeML folders or files (KRAUTS *.tml, WikiWarsDE keyinline/*.sgm)."),
    system_dir: list[Path] = typer.Option(None, "--system-dir", help="Another system's TimeML output on the same files (same names), scored side by side; repeat it for several folders."),
    narrative: bool = typer.Option(False, "--narrative", help="Resolve dates against the last year the text names, not the document date (histories such as WikiWarsDE)."),
    errors: bool = typer.Option(False, "--errors", help="Also list sagte's missed, spurious and wrongly valued expressions."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """TempEval-3 scores of sagte_times: strict and relaxed span P/R/F1, value F1, type accuracy.

    Example: sagte eval timex ../shared/data/timex-de/krauts/Dolomiten-42 --system-dir ../shared/data/timex-de/krauts/Dolomiten-42-heideltime-output
    """
    from ..evaluation.timex import run

    scores = scores_or_exit(lambda: run(paths, system_dir=system_dir or None, progress=track, keep_errors=errors,
                                        narrative=narrative), as_json=as_json)
    if scores is None:
        return
    console = Console()
    systems = [("sagte", scores["sagte"])] + ([("other system", scores["system"])] if "system" in scores else [])
    table = Table(title=f"time expressions: {', '.join(str(p) for p in paths)} ({scores['files']} files)")
    for col in ("system", "measure", "precision", "recall", "F1", "pred", "gold"):
        table.add_column(col, justify="left" if col in ("system", "measure") else "right")
    for name, s in systems:
        for measure in ("strict", "relaxed", "value", "type"):
            v = s[measure]
            table.add_row(name, measure, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", f"{v['pred']:g}", f"{v['gold']:g}")
        table.add_row(name, "value accuracy (of matches)", "", "", f"{s['value_accuracy']:.3f}", "", "")
        table.add_row(name, "type accuracy (of matches)", "", "", f"{s['type_accuracy']:.3f}", "", "", end_section=True)
    console.print(table)
    if "system" in scores:
        console.print(f"other system: {scores['system']['dir']}", highlight=False)
    if errors:
        for e in scores["errors"]:
            console.print(f"{e['kind']:9} {e['doc']}: {e['text']!r} sagte={e.get('pred')} gold={e.get('gold')}", highlight=False)


@eval_app.command("quantities")
def eval_quantities(
    errors: bool = typer.Option(False, "--errors", help="Also list missed, spurious and wrongly valued mentions (offsets only)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Precision and recall of sagte_quantities on the shipped gold set (pointers into ../shared/data).

    Example: sagte eval quantities --json
    """
    from ..evaluation.quantities import run

    scores = scores_or_exit(lambda: run(progress=track, keep_errors=errors), as_json=as_json)
    if scores is None:
        return
    console = Console()
    table = Table(title="quantities: src/sagte/evaluation/data/quantities_gold.jsonl")
    for col in ("split", "measure", "precision", "recall", "F1", "pred", "gold"):
        table.add_column(col, justify="left" if col in ("split", "measure") else "right")
    for split in ("dev", "test", "all"):
        if split in scores:
            for measure in ("strict", "relaxed", "record"):
                _row_split = scores[split][measure]
                table.add_row(split, measure, f"{_row_split['precision']:.3f}", f"{_row_split['recall']:.3f}", f"{_row_split['f1']:.3f}",
                              f"{_row_split['pred']:g}", f"{_row_split['gold']:g}", end_section=measure == "record")
    console.print(table)
    if errors:
        for e in scores["errors"]:
            console.print(f"{e['kind']:9} {e['where']} sagte={e.get('pred')} gold={e.get('gold')}", highlight=False)
