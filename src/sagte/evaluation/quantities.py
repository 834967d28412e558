"""``sagte eval quantities``: precision and recall of ``sagte_quantities`` on our annotated set.

The gold set (``data/quantities_gold.jsonl``, see ``data/README.md``) holds *pointers* into the
corpora, never their text: for each annotated sentence the corpus file, the document's index in
it, the sentence's character offsets, a hash of its text (so a changed corpus is noticed), and the
quantity mentions in it as character offsets plus their value, unit, approximate, low and high.

Measures: strict span P/R/F1 (identical offsets), relaxed span P/R/F1 (overlap, one-to-one), and
record P/R/F1, where a relaxed match counts only if value, low and high agree (to 0.1 %), the unit
is the same and the ``approximate`` flag too. Per split (``dev``: used while writing the rules;
``test``: annotated before the rules were changed after looking at ``dev``) and overall.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import GoldDataError
from . import PRF, data_dir

GOLD_PATH = Path(__file__).parent / "data" / "quantities_gold.jsonl"


def load_gold(path: Path = GOLD_PATH) -> list[dict]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as err:
        raise GoldDataError(f"cannot read the quantity gold set {path}: {err}; reinstall sagte (pip install -e .).") from err


@lru_cache(maxsize=4)
def _corpus(source: str, root: str) -> tuple[tuple[str, str | None], ...]:
    """(text, date) of every document of one corpus file, by index."""
    path = Path(root) / source
    if not path.is_file():
        raise GoldDataError(f"{path} is missing: the quantity gold set points into ../shared/data (set SAGTE_DATA).")
    docs: list[tuple[str, str | None]] = []
    with path.open(encoding="utf-8") as fh:
        if path.suffix == ".csv":
            for row in csv.reader(fh, delimiter=";", quotechar="'"):
                docs.append((row[1] if len(row) >= 2 else "", None))
        else:
            for line in fh:
                d = json.loads(line)
                docs.append((d["originalText"], d.get("date")))
    return tuple(docs)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-3 * max(1.0, abs(a), abs(b))


def same_record(pred: dict, gold: dict) -> bool:
    return (
        all(_close(pred.get(k), gold.get(k)) for k in ("value", "low", "high"))
        and pred.get("unit") == gold.get("unit")
        and bool(pred.get("approximate")) == bool(gold.get("approximate"))
    )


@dataclass
class QuantityScores:
    regions: int = 0
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    record: PRF = field(default_factory=PRF)

    def add(self, gold: list[dict], pred: list[dict], errors: list | None = None, where: str = "") -> None:
        self.regions += 1
        gs = {(g["start"], g["end"]) for g in gold}
        self.strict.add(len({(p["start"], p["end"]) for p in pred} & gs), len(pred), len(gold))
        used: set[int] = set()
        matched = ok = 0
        for p in pred:
            hit = next((i for i, g in enumerate(gold) if i not in used and (g["start"], g["end"]) == (p["start"], p["end"])), None)
            if hit is None:
                hit = next((i for i, g in enumerate(gold) if i not in used and p["start"] < g["end"] and g["start"] < p["end"]), None)
            if hit is None:
                if errors is not None:
                    errors.append({"where": where, "kind": "spurious", "pred": p})
                continue
            used.add(hit)
            matched += 1
            if same_record(p, gold[hit]):
                ok += 1
            elif errors is not None:
                errors.append({"where": where, "kind": "record", "pred": p, "gold": gold[hit]})
        if errors is not None:
            errors.extend({"where": where, "kind": "missed", "gold": g} for i, g in enumerate(gold) if i not in used)
        self.relaxed.add(matched, len(pred), len(gold))
        self.record.add(ok, len(pred), len(gold))

    def as_dict(self) -> dict:
        return {"regions": self.regions, "mentions": int(self.relaxed.gold), "strict": self.strict.as_dict(),
                "relaxed": self.relaxed.as_dict(), "record": self.record.as_dict()}


def quantity_pipeline():
    from .. import quantities as _q  # noqa: F401  (registers sagte_quantities)
    from .timex import time_pipeline

    nlp = time_pipeline()
    nlp.add_pipe("sagte_quantities")
    return nlp


def run(*, gold_path: Path = GOLD_PATH, nlp=None, progress: Callable | None = None, keep_errors: bool = False) -> dict:
    """Scores per split and overall; raises :class:`GoldDataError` if a pointer no longer fits."""
    from ..extensions import SPANS_QUANTITIES

    gold = load_gold(gold_path)
    root = str(data_dir())
    nlp = nlp or quantity_pipeline()
    by_doc: dict[tuple[str, int], list[dict]] = {}
    for r in gold:
        by_doc.setdefault((r["source"], r["doc"]), []).append(r)
    scores = {"all": QuantityScores()}
    errors: list | None = [] if keep_errors else None
    items = list(by_doc.items())
    for (source, index), regions in (progress(items, len(items)) if progress else items):
        text, date = _corpus(source, root)[index]
        doc = nlp.make_doc(text)
        doc._.sagte_date = dt.date.fromisoformat(date) if date else None
        doc = nlp(doc)
        found = [dict(start=s.start_char, end=s.end_char, **s._.sagte_quantity) for s in doc.spans[SPANS_QUANTITIES]]
        for r in regions:
            a, b = r["region"]
            if hashlib.sha1(text[a:b].encode("utf-8")).hexdigest()[:12] != r["sha1"]:
                raise GoldDataError(f"{source} document {index}: the text at {a}:{b} changed since it was annotated; the gold set no longer fits this corpus.")
            pred = [p for p in found if p["start"] < b and p["end"] > a]
            for split in ("all", r["split"]):
                scores.setdefault(split, QuantityScores()).add(r["mentions"], pred, errors if split == "all" else None,
                                                               f"{source}:{index}:{a}")
    result = {name: s.as_dict() for name, s in scores.items()}
    if keep_errors:
        result["errors"] = errors
    return result
