"""``sagte eval quotes``: the statement scorer on quotes-de."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .app import eval_app
from .output import scores_or_exit, track




@eval_app.command("quotes")
def eval_quotes(
    path: Path = typer.Argument(..., help="A quotes-de JSONL file (../shared/data/quotes-de/dev.jsonl) or a GePaDe folder (../shared/data/speech-de/gepade/dev/task1)."),
    top_level: bool = typer.Option(False, "--top-level", help="Score only statements that are not nested (GermEval subtask 2)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Precision, recall and F1 of statements per role, per unit and per kind.

    Example: sagte eval quotes ../shared/data/quotes-de/dev.jsonl
    """
    from ..evaluation.quotes import run

    scores = scores_or_exit(lambda: run(path, top_level_only=top_level, progress=track).as_dict(), as_json=as_json)
    if scores is None:
        return
    console = Console()
    table = Table(title=f"quotes: {path} ({scores['documents']} documents)")
    for col in ("measure", "precision", "recall", "F1", "pred", "gold"):
        table.add_column(col, justify="right" if col != "measure" else "left")
    rows = [(f"{r} tokens", v) for r, v in scores["roles"].items()]
    rows += [("unit (Jaccard ≥ 0.5)", scores["unit"]), ("attributed unit", scores["attributed"]),
             ("attributed at confidence ≥ 0.8", scores["precision_at_confidence_0.8"])]
    for name, v in rows:
        table.add_row(name, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", f"{v['pred']:g}", f"{v['gold']:g}")
    console.print(table)
    kinds = Table(title="by kind")
    for col in ("kind", "gold", "recall", "attributed recall", "precision (predicted kind)"):
        kinds.add_column(col)
    for kind, n in scores["gold_by_kind"].items():
        kinds.add_row(kind, str(n), f"{scores['recall_by_kind'][kind]:.3f}", f"{scores['attributed_recall_by_kind'][kind]:.3f}",
                      f"{scores['precision_by_predicted_kind'].get(kind, 0):.3f}")
    console.print(kinds)
