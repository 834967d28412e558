"""``sagte train cues``: the cue lexicon the speech stage uses, learned from quotes-de train."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import EXIT_MISSING, train_app
from .output import err_console, fail, track


def _train_file(train: Optional[Path]) -> Path:
    """quotes-de train, or the file given; exits saying where the corpora live when missing."""
    from ..evaluation import data_dir

    path = train or data_dir() / "quotes-de" / "train.jsonl"
    if not path.is_file():
        fail(f"{path} not found: the corpora live in ../shared/data (or set SAGTE_DATA).", EXIT_MISSING)
    return path


@train_app.command("cues")
def train_cues(
    train: Optional[Path] = typer.Option(None, help="quotes-de train file (default: ../shared/data/quotes-de/train.jsonl)."),
) -> None:
    """Learn the cue lexicon (lemmas, counts, media, cue rates) from quotes-de train.

    Example: sagte train cues
    """
    from ..training.cues import OUTPUT, learn, learn_non_names, learn_reported, write, write_non_names, write_reported

    path = _train_file(train)
    rows = learn(path)
    write(rows)
    write_non_names(learn_non_names(path))
    write_reported(learn_reported(path))
    err_console.print(f"wrote {len(rows)} cue lemmas to {OUTPUT}")


@train_app.command("speech")
def train_speech(
    train: Optional[Path] = typer.Option(None, help="quotes-de train file (default: ../shared/data/quotes-de/train.jsonl)."),
) -> None:
    """Learn each extraction rule's confidence (its precision on quotes-de train).

    Example: sagte train speech
    """
    from ..training.speech import OUTPUT, learn, write

    path = _train_file(train)
    rows = learn(path, progress=track)
    write(rows)
    for row in rows:
        err_console.print(f"{row['rule']:<24} {row['speaker']:<8} {row['statements']:>5} statements  confidence {row['confidence']:.3f}")
    err_console.print(f"wrote {OUTPUT}")
