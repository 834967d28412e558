"""The German time vocabulary, loaded from the data files under ``sagte/lang/de/``.

Everything language-specific the time tagger knows (month and weekday names, number words,
units, fixed expressions, modifiers, tense markers) comes from those files; this module only
turns them into lookups and regular-expression alternations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import load_table


def alternation(forms) -> str:
    """A regex alternation of ``forms``, longest first, with ``.`` escaped."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def _ci(form: str) -> str:
    """Regex for ``form`` whose first letter may be either case."""
    first, rest = form[0], form[1:]
    if first.lower() != first.upper():
        return f"[{first.upper()}{first.lower()}]" + re.escape(rest)
    return re.escape(form)


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, bool]]  # form -> (TIMEX3 unit letter, is a time-of-day unit)
    words: dict[str, tuple[str, str]]  # form -> (type, value template)
    word_case: dict[str, bool]  # form -> first letter case-insensitive
    day_parts: dict[str, str]  # Abend -> EV
    seasons: dict[str, str]  # Sommer -> SU
    shifts: dict[str, int]
    day_shifts: dict[str, int]  # morgigen -> 1 ("am morgigen Sonntag")
    mods: dict[str, str]
    hedges: dict[str, str]
    tense: dict[str, str]
    holidays: dict[str, str]  # Ostern -> easter+0, Allerheiligen -> 11-01
    context: dict[str, tuple[str, ...]]  # role -> words (see time_context.tsv)

    def words_re(self, role: str, *extra: str) -> str:
        """Alternation of the ``role`` words (and ``extra``), first letter in either case, spaces flexible."""
        forms = set(self.context.get(role, ())) | set(extra)
        return "|".join(_ci(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))

    def number(self, text: str) -> float | None:
        """``"3"``, ``"2,5"``, ``"drei"``, ``"eineinhalb"`` as a number, else ``None``."""
        from ..quantities.numbers import parse_digits

        t = text.strip()
        if t.lower() in self.numbers:
            return self.numbers[t.lower()]
        return parse_digits(t)

    def ordinal(self, text: str) -> int | None:
        t = text.lower().rstrip(".")
        if t.isdigit():
            return int(t)
        for ending in ("en", "em", "er", "es", "e"):
            if t.endswith(ending) and t[: -len(ending)] in self.ordinals:
                return self.ordinals[t[: -len(ending)]]
        return None

    def month(self, text: str) -> int | None:
        return self.months.get(text) or self.months.get(text.capitalize())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    words, word_case = {}, {}
    for r in load_table("time_words.tsv"):
        words[r["form"]] = (r["type"], r["value"])
        word_case[r["form"]] = r["case"] == "ci"
    parts = load_table("time_parts.tsv")
    mods = load_table("time_modifiers.tsv")
    return Lexicon(
        months={r["form"]: int(r["month"]) for r in load_table("time_months.tsv")},
        weekdays={r["form"]: int(r["weekday"]) for r in load_table("time_weekdays.tsv")},
        numbers={r["form"]: float(r["value"]) for r in load_table("number_words.tsv")},
        ordinals={r["stem"]: int(r["value"]) for r in load_table("ordinal_words.tsv")},
        units={r["form"]: (r["unit"], r["time"] == "1") for r in load_table("time_units.tsv")},
        words=words,
        word_case=word_case,
        day_parts={r["form"]: r["code"] for r in parts if r["kind"] == "day"},
        seasons={r["form"]: r["code"] for r in parts if r["kind"] == "season"},
        shifts={r["form"]: int(r["value"]) for r in mods if r["kind"] == "shift"},
        day_shifts={r["form"]: int(r["value"]) for r in mods if r["kind"] == "day"},
        mods={r["form"]: r["value"] for r in mods if r["kind"] == "mod"},
        hedges={r["form"]: r["value"] for r in mods if r["kind"] == "approx"},
        tense={r["form"]: r["tense"] for r in load_table("tense_markers.tsv")},
        holidays={r["form"]: r["when"] for r in load_table("holidays.tsv")},
        context=_context(),
    )


def _context() -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for r in load_table("time_context.tsv"):
        roles.setdefault(r["role"], []).append(r["form"])
    return {role: tuple(forms) for role, forms in roles.items()}


def word_pattern(lex: Lexicon) -> str:
    """Alternation of the fixed expressions, honouring their case column."""
    forms = sorted(lex.words, key=len, reverse=True)
    parts = []
    for f in forms:
        p = _ci(f) if lex.word_case[f] else re.escape(f)
        parts.append(p.replace(r"\ ", r"\s+"))
    return "|".join(parts)
