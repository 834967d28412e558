"""``sagte train morph``, ``sagte eval mood`` and ``sagte eval morph``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..errors import SagteError
from .app import EXIT_MISSING, eval_app, train_app
from .output import err_console, fail, scores_or_exit, track, write_json




def _pipeline(model: Path | None):
    from ..morph import morph_pipeline

    return morph_pipeline(model)


def _prf_row(table: Table, name: str, v: dict) -> None:
    table.add_row(name, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", f"{v['pred']:g}", f"{v['gold']:g}")


@eval_app.command("mood")
def eval_mood(
    path: Path = typer.Option(None, "--gold", help="A mood test set TSV (default: the shipped one, sagte/evaluation/data/mood_test.tsv)."),
    model: Path = typer.Option(None, "--model", help="Score this morphology model directory instead of the shipped one."),
    errors: bool = typer.Option(False, "--errors", help="Also list every wrong verb."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Mood of finite verbs (indicative, Konjunktiv I, Konjunktiv II) on the hand-labelled test set.

    Precision, recall and F1 for Sub (KI or KII) and for KI and KII separately, and accuracy
    over all gold finite verbs. Needs ../shared/data (or SAGTE_DATA) for the sentences.

    Example: sagte eval mood
    """
    from ..evaluation.morph import MOOD_TEST, run_mood

    try:
        scores = run_mood(nlp=_pipeline(model), path=path or MOOD_TEST, progress=track)
    except SagteError as err:
        fail(str(err), EXIT_MISSING)
    result = scores.as_dict()
    if errors:
        result["errors"] = scores.errors
    if as_json:
        write_json(result)
        return
    table = Table(title=f"mood: {result['verbs']} gold finite verbs in {result['sentences']} sentences")
    for col in ("measure", "precision", "recall", "F1", "pred", "gold"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    _prf_row(table, "Sub (KI or KII)", result["sub"])
    _prf_row(table, "KI (Sub, Pres)", result["sub1"])
    _prf_row(table, "KII (Sub, Past)", result["sub2"])
    console = Console()
    console.print(table)
    console.print(f"accuracy (ind / sub1 / sub2 / not a finite verb): {result['accuracy']:.3f}")
    if errors:
        for e in scores.errors:
            console.print(f"{e['sentence']} [{e['start']}] {e['form']!r}: gold {e['gold']}, predicted {e['pred']} ({e['tag']})",
                          highlight=False)


@eval_app.command("morph")
def eval_morph(
    model: Path = typer.Option(None, "--model", help="Score this morphology model directory instead of the shipped one."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """POS (UPOS and STTS), lemma accuracy and finite-verb detection on UD German GSD test.

    Example: sagte eval morph
    """
    from ..evaluation.morph import run_morph

    result = scores_or_exit(lambda: run_morph(nlp=_pipeline(model), progress=track).as_dict(), as_json=as_json)
    if result is None:
        return
    console = Console()
    table = Table(title=f"morph: UD German GSD test ({result['tokens']} tokens)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("upos_acc", "tag_acc", "lemma_acc"):
        table.add_row(key, f"{result[key]:.4f}")
    f = result["finite_verbs"]
    table.add_row("finite verbs P / R / F1", f"{f['precision']:.3f} / {f['recall']:.3f} / {f['f1']:.3f}")
    for key, v in result["finite_features"].items():
        table.add_row(f"{key} of finite verbs (where set)", f"{v['accuracy']:.3f} of {v['compared']}")
    console.print(table)


@train_app.command("morph")
def train_morph_cmd(
    work: Path = typer.Option(Path("runs/morph"), "--work", help="Folder for the converted corpora and training output."),
    silver: int = typer.Option(400_000, "--silver", help="Tokens of HanTa-tagged news to add to the gold data (0 for none)."),
    epochs: int = typer.Option(15, "--epochs", help="Maximum training epochs."),
    seed: int = typer.Option(1, "--seed", help="Random seed."),
    install: bool = typer.Option(False, "--install", help="Copy the finished model to sagte/models/morph."),
) -> None:
    """Train the STTS tagger behind sagte_morph from ../shared/data, score it, write its model card.

    Gold: UD German GSD dev + PCC 2.0 (STTS); silver: quotes-de train and raw-de news tagged by
    HanTa (pip install -e '.[train]'). About 15 to 25 minutes on 2 cores (silver tagging 5 to 10 of them).

    Example: sagte train morph --install
    """
    from ..evaluation import data_dir
    from ..morph import MODEL_DIR
    from ..training.morph import finish, train_morph

    output = work / "model"
    try:
        figures = train_morph(data=data_dir(), output=output, workdir=work, seed=seed, max_epochs=epochs,
                              silver_tokens=silver, progress=lambda it, total: track(it, total, "silver tags"))
        card = finish(output, figures, install_to=MODEL_DIR if install else None)
    except SagteError as err:
        fail(str(err), EXIT_MISSING)
    err_console.print(f"model: {output}" + (f" (installed to {MODEL_DIR})" if install else ""))
    err_console.print(card)
