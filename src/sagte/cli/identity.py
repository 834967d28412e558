"""``sagte eval identity`` and ``sagte train entity-lexicons``: cross-article identity and the
entity stage's lexicons."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import SagteError
from .app import EXIT_MISSING, eval_app, train_app
from .output import err_console, fail, scores_or_exit


@eval_app.command("identity")
def eval_identity(
    path: Optional[Path] = typer.Argument(None, help="Identity pairs TSV (default: the shipped set, src/sagte/evaluation/data/identity_pairs.tsv)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores and every wrong decision as JSON."),
    errors: bool = typer.Option(False, "--errors", help="List the wrong decisions with their reasons."),
) -> None:
    """Precision and recall of merging name records of different articles into one identity.

    Example: sagte eval identity --errors
    """
    from ..evaluation.identity import PAIRS_PATH, run

    scores = scores_or_exit(lambda: run(path or PAIRS_PATH).as_dict(), as_json=as_json)
    if scores is None:
        return
    console = Console()
    table = Table(title=f"identity merges: {scores['pairs']} pairs ({path or PAIRS_PATH})")
    for col in ("decided", "precision", "recall", "F1", "merged", "correct", "gold same"):
        table.add_column(col, justify="left" if col == "decided" else "right")
    for label, key in (("with the other records known", "merges"), ("pair alone", "merges_pairwise_only")):
        v = scores[key]
        table.add_row(label, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", f"{v['pred']:g}", f"{v['tp']:g}", f"{v['gold']:g}")
    console.print(table)
    if errors:
        for e in scores["errors"]:
            console.print(f"[bold]{e['pair']}[/] {'missed' if e['gold'] else 'wrong merge'}: {e['a']!r} {e['a_roles']} / "
                          f"{e['b']!r} {e['b_roles']}: {e['why']}", highlight=False)


@train_app.command("entity-lexicons")
def train_entity_lexicons(
    data: Optional[Path] = typer.Option(None, "--data", help="The corpora folder (default ../shared/data or $SAGTE_DATA)."),
) -> None:
    """Learn the given-name genders (WikiNEuRal + gender-guesser) and the role nouns (quotes-de train
    speakers) that the entity stage and identity matching use; rewrites lang/de/names/given_names.tsv,
    lang/de/names/surnames.tsv and lang/de/roles.tsv under src/sagte.

    Example: sagte train entity-lexicons
    """
    from ..entities.lexicons import build_all
    from ..evaluation import data_dir

    try:
        counts = build_all(data or data_dir())
    except SagteError as err:
        fail(str(err), EXIT_MISSING)
    err_console.print(f"wrote {counts['given_names']} given names, {counts['surnames']} surnames and {counts['roles']} roles "
                      f"({counts['roles_learned']} learned)")
