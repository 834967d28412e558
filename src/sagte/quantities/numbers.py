"""German numerals: "2.500", "3,5", "drei", "dreihundertfünfzig", "zweieinhalb" as numbers."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import load_table

#: digits with German thousands dots (or thin/no-break spaces) and decimal comma
DIGITS = r"\d{1,3}(?:(?:\.|\u00a0|\u202f)\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def parse_digits(text: str) -> float | None:
    """``"2.500"`` → 2500, ``"3,5"`` → 3.5; ``None`` if it is not a German numeral."""
    t = text.replace("\u00a0", ".").replace("\u202f", ".")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        t = t.replace(".", "")
    elif not re.fullmatch(r"\d+(?:,\d+)?", t):
        return None
    return float(t.replace(",", "."))


@lru_cache(maxsize=1)
def _morphemes() -> tuple[tuple[str, float], ...]:
    """Number words usable inside compounds, longest first (inflected "einem" etc. left out)."""
    rows = load_table("number_words.tsv")
    skip = {"eine", "einem", "einen", "einer", "eines", "beide", "beiden", "halbe", "halben", "halbes"}
    pairs = {(r["form"].lower(), float(r["value"])) for r in rows if r["form"].lower() not in skip}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _shape() -> re.Pattern:
    """The shape every number word has: morphemes, optionally joined by "und" (a fast first test)."""
    morph = "|".join(re.escape(f) for f, _ in _morphemes())
    return re.compile(rf"(?:{morph})(?:(?:und)?(?:{morph}))*")


@lru_cache(maxsize=16384)
def parse_number_word(word: str) -> float | None:
    """A German number word, simple or compound ("dreihundertfünfzig"), as a number, else ``None``."""
    w = word.lower()
    if not w or not w.isalpha() or _shape().fullmatch(w) is None:
        return None
    parts: list[float] = []
    i = 0
    morphemes = _morphemes()
    while i < len(w):
        if w.startswith("und", i) and parts and i + 3 < len(w):
            i += 3
            continue
        for form, value in morphemes:
            if w.startswith(form, i):
                parts.append(value)
                i += len(form)
                break
        else:
            return None
    total = current = 0.0
    for v in parts:
        if v in (100.0, 1000.0):
            current = (current or 1.0) * v
            if v == 1000.0:
                total += current
                current = 0.0
        else:
            current += v
    return total + current
