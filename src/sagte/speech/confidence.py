"""Confidence of a statement: how often its rule was right on quotes-de train.

``lang/de/speech/rule_confidence.tsv`` (written by ``sagte train speech``) holds, per rule and
kind of speaker, the share of statements that matched the gold with the right speaker. A
statement gets the figure of its (rule, speaker kind), or of its rule where the pair was seen
fewer than ``MIN_SUPPORT`` times.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from ..lang import load_table

MIN_SUPPORT = 8
PRONOUNS = frozenset({"er", "sie", "es", "man", "wir", "ich", "der", "die", "das", "dieser", "diese"})


def speaker_kind(speaker: Span | None) -> str:
    if speaker is None:
        return "none"
    if len(speaker) == 1 and speaker[0].lower_ in PRONOUNS:
        return "pronoun"
    if any(t.tag_ == "NE" for t in speaker):
        return "name"
    return "other"


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], tuple[int, float]]:
    return {(r["rule"], r["speaker"]): (int(r["statements"]), float(r["confidence"]))
            for r in load_table("speech/rule_confidence.tsv")}


def confidence(rule: str, speaker: Span | None) -> float:
    table = _table()
    n, value = table.get((rule, speaker_kind(speaker)), (0, 0.0))
    if n >= MIN_SUPPORT:
        return value
    return table.get((rule, "*"), (0, 0.5))[1]
