"""Scorers behind ``sagte eval``: precision, recall and F1 against gold data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: where the corpora live, relative to the project root (see ../shared/data/README.md)
DATA_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data"


def data_dir() -> Path:
    """The shared corpora folder; ``SAGTE_DATA`` overrides it."""
    import os

    return Path(os.environ.get("SAGTE_DATA", DATA_DIR))


@dataclass
class PRF:
    tp: float = 0.0
    pred: float = 0.0
    gold: float = 0.0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: float, pred: float, gold: float) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "pred": self.pred, "gold": self.gold}
