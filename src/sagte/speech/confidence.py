"""Confidence of a statement: how often its rule was right on quotes-de train.

``lang/de/speech/rule_confidence.tsv`` (written by ``sagte train speech``) holds, per rule and
kind of speaker, the share of statements that matched the gold with the right speaker. A
statement gets the figure of its (rule, speaker kind), or of its rule where the pair was seen
fewer than ``MIN_SUPPORT`` times. Rows ``reported / lemma:<verb>`` hold the same share per verb
of reported speech, which the extractor uses to leave out verbs that rarely report.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from ..lang import load_table

MIN_SUPPORT = 8
#: a reported-speech verb's own precision counts when train saw it this often
MIN_LEMMA_SUPPORT = 4
#: how a reported statement names its verb among its evidence ("lemma:fordern")
LEMMA_EVIDENCE = "lemma:"
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


def reported_precision(lemma: str) -> float:
    """How often reported statements of this verb were right on train (1.0 when seen too rarely)."""
    n, value = _table().get(("reported", LEMMA_EVIDENCE + lemma), (0, 1.0))
    return value if n >= MIN_LEMMA_SUPPORT else 1.0
