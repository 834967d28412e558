"""Find amounts in German text: numbers with their scale, unit or counted noun, hedges and ranges.

"rund 2.500 Polizisten" → value 2500, unit "Polizisten", approximate; "500 Milliarden Dollar" →
5e11 USD; "fünf Prozent" → 5 %; "ein Fünftel" → 0.2; "zwischen 10 und 20 Euro" → low 10, high 20;
"mehr als 300 Tote" → value null, low 300 (the text gives no exact number); "mehrere
Hunderttausend Tote" → value null, low 200,000, approximate.

The vocabulary (units, scales, hedges, fractions, indefinite numbers, words after which a number
is a name) lives in ``sagte/lang/de/quantity_*.tsv``, ``fractions.tsv`` and ``number_words.tsv``.
Years, dates and clock times are not amounts: spans already taken by ``sagte_times`` are passed
in as ``blocked`` and skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..lang import load_list, load_table
from ..time.lexicon import _ci, alternation
from .numbers import DIGITS, _morphemes, parse_digits, parse_number_word


@dataclass(frozen=True)
class Amount:
    """One quantity mention: character offsets and the contract's ``Quantity`` fields."""

    start: int
    end: int
    value: float | None
    unit: str | None
    approximate: bool = False
    low: float | None = None
    high: float | None = None

    def fields(self) -> dict:
        return {"value": self.value, "unit": self.unit, "approximate": self.approximate, "low": self.low, "high": self.high}


def _clean(x: float | None) -> float | None:
    if x is None:
        return None
    return float(round(x, 6))


class QuantityTagger:
    def __init__(self):
        units = load_table("quantity_units.tsv")
        self.units = {r["form"]: r["unit"] for r in units}
        self.currency_symbols = {r["form"] for r in units if r["kind"] == "currency" and not r["form"][0].isalpha()} | {"EUR", "USD", "CHF"}
        self.scales = {r["form"]: float(r["factor"]) for r in load_table("quantity_scales.tsv")}
        self.hedges = {r["form"]: r["kind"] for r in load_table("quantity_hedges.tsv")}
        self.vague = {r["form"]: float(r["low"]) for r in load_table("quantity_vague.tsv")}
        self.fractions = {r["form"]: 1.0 / float(r["denominator"]) for r in load_table("fractions.tsv")}
        self.not_after = set(load_list("quantity_not_after.txt"))
        ctx: dict[str, list[str]] = {}
        for r in load_table("quantity_context.tsv"):
            ctx.setdefault(r["role"], []).append(r["form"])
        self.context = {role: tuple(forms) for role, forms in ctx.items()}
        from ..time.lexicon import lexicon as time_lexicon

        age_words = time_lexicon().context

        def words(*roles: str) -> str:
            forms = {f for role in roles for f in self.context.get(role, age_words.get(role, ()))}
            return "|".join(_ci(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))

        self._link_re = re.compile(rf"\s*(?:{words('share_link')})\s*")
        self._age_re = re.compile(rf"\s+(?:{words('age_unit')})\s+(?:{words('age_after')})\b")
        self._age_before_re = re.compile(rf"\b(?:{words('age_before')})\s*$")
        B = r"(?<![\w.,:/-])"
        morph = "|".join(re.escape(f) for f, _ in _morphemes())
        NUMWORD = rf"(?i:(?:{morph})(?:(?:und)?(?:{morph}))*)(?![\wäöüß])"
        ONE = words("one")
        RANGE_OPEN = words("range_open")
        RANGE_LINK = "|".join(re.escape(f) for f in self.context["range_link"])
        ARTICLE = words("article")
        QUANTIFIER = words("quantifier")
        NUM = rf"(?:{DIGITS})(?![\d]|,\d|\.\d|:\d|/\d)|{NUMWORD}|(?:{ONE})(?=\s+(?:{alternation(self.scales)}|{alternation(self.units)})(?![\wäöüß]))"
        HEDGE = "|".join(_ci(h).replace(r"\ ", r"\s+") for h in sorted(self.hedges, key=len, reverse=True))
        SCALE = alternation(self.scales)
        CUR = alternation(self.currency_symbols)
        FRAC = alternation(self.fractions)
        VAGUE = "|".join(_ci(v) for v in sorted(self.vague, key=len, reverse=True))
        self.unit_re = re.compile(rf"\s*(?P<unit>{alternation(self.units)})(?![\wäöüß])")
        stops = "|".join(re.escape(w) for w in sorted(set(load_list("quantity_noun_stops.txt")) | {f for f, _ in _morphemes()}, key=len, reverse=True))
        FREE = rf"(?!(?:{stops}|dies\w*|jene\w*|keine\w*)(?![\wäöüß]))[a-zäöü][\wäöüß]*"
        self.noun_re = re.compile(rf"\s+(?:(?:{FREE}\s+){{0,1}}(?P<adj>{FREE}(?:e|en|er|es|em))\s+)?(?P<noun>[A-ZÄÖÜ][\wäöüß]*(?:-[\wÄÖÜäöüß]+)*)(?![\wäöüß.]\w)")
        self.patterns = [
            ("range", re.compile(
                rf"{B}(?:(?P<hedge>{HEDGE})\s+)?(?:(?P<cur>{CUR})\s?)?(?P<zw>(?:{RANGE_OPEN})\s+)?(?P<n1>{NUM}|{ONE})(?:\s+(?P<s1>{SCALE})(?![\wäöüß]))?"
                rf"(?:\s*(?P<u1>%|Prozent|Euro|Dollar))?"
                rf"(?:\s*(?:{RANGE_LINK})\s*|(?(zw)\s+und\s+|(?!)))(?P<n2>{NUM})(?:\s+(?P<s2>{SCALE})(?![\wäöüß]))?")),
            ("number", re.compile(
                rf"{B}(?:(?P<hedge>{HEDGE})\s+)?(?:(?P<cur>{CUR})\s?)?(?P<n1>{NUM})(?:\s*(?P<s1>{SCALE})(?![\wäöüß]))?")),
            ("fraction", re.compile(
                rf"{B}(?:(?P<hedge>{HEDGE})\s+)?(?:(?P<n1>{NUMWORD}|\d+|{ARTICLE}|{ONE})\s+)?(?P<frac>{FRAC})(?![\wäöüß])")),
            ("vague", re.compile(
                rf"{B}(?:(?P<q>{QUANTIFIER}|{VAGUE})\s+(?P<s1>{SCALE})|(?P<v>{VAGUE}))(?![\wäöüß])")),
        ]
        # cheap tests a sentence must pass before a pattern is tried on it (speed only)
        self._triggers = {
            "range": re.compile(rf"{RANGE_LINK}|{RANGE_OPEN}"),
            "fraction": re.compile(FRAC),
            "vague": re.compile(r"undert|ausend|illion|illiard|utzend|Mio|Mrd|Tsd"),
        }

    def tag(self, text: str, sentences: list[tuple[int, int]] | None = None, blocked: list[tuple[int, int]] | None = None) -> list[Amount]:
        sentences = sentences or [(0, len(text))]
        blocked = blocked or []
        candidates: list[Amount] = []
        active = self._active(text, sentences)
        for (s_start, s_end), names in zip(sentences, active):
            if not names:
                continue
            chunk = text[s_start:s_end]
            for name, pattern in self.patterns:
                if name not in names or (name == "range" and "number" not in names):
                    continue
                for m in pattern.finditer(chunk):
                    a = getattr(self, f"_h_{name}")(m, chunk)
                    if a is not None:
                        candidates.append(Amount(a.start + s_start, a.end + s_start, a.value, a.unit, a.approximate, a.low, a.high))
        out: list[Amount] = []
        taken = list(blocked)
        time_starts = {s for s, _ in blocked}
        for a in sorted(candidates, key=lambda a: (-(a.end - a.start), a.start)):
            if not all(a.end <= s or a.start >= e for s, e in taken):
                continue
            link = self._link_re.match(text, a.end)
            if link and link.end() in time_starts:
                continue  # "sechs bis [acht Stunden]": one end of a time range
            out.append(a)
            taken.append((a.start, a.end))
        out.sort(key=lambda a: a.start)
        for i in range(len(out) - 2, -1, -1):
            a, nxt = out[i], out[i + 1]
            if a.unit is None and nxt.unit and self._link_re.fullmatch(text, a.end, nxt.start):
                out[i] = Amount(a.start, a.end, a.value, nxt.unit, a.approximate, a.low, a.high)  # "80 statt 40 Polizisten"
        return out

    # --- helpers ---------------------------------------------------------------------------

    _WORD = re.compile(r"[^\W\d_]+")
    _DIGIT = re.compile(r"\d")

    def _active(self, text: str, sentences: list[tuple[int, int]]) -> list[set[str]]:
        """Per sentence, the patterns worth trying (speed only): "number" where a digit, number word
        or scale word occurs, the others where their trigger does."""
        starts = [s for s, _ in sentences]
        active: list[set[str]] = [set() for _ in sentences]

        def mark(pos: int, name: str) -> None:
            i = bisect_right(starts, pos) - 1
            if i >= 0:
                active[i].add(name)

        for m in self._DIGIT.finditer(text):
            mark(m.start(), "number")
        for m in self._WORD.finditer(text):
            w = m.group()
            if w in self.scales or parse_number_word(w) is not None:
                mark(m.start(), "number")
        for name, trigger in self._triggers.items():
            for m in trigger.finditer(text):
                mark(m.start(), name)
        return active

    def _num(self, s: str) -> tuple[float | None, bool]:
        """(value, written as a word)."""
        v = parse_digits(s)
        if v is not None:
            return v, False
        if s.lower() in self.context["one"]:
            return 1.0, True
        return parse_number_word(s), True

    def _age_unit_follows(self, chunk: str, end: int) -> bool:
        """"im Alter von 79 Jahren": the number is followed by a year word."""
        return bool(re.match(rf"\s+(?:{'|'.join(map(re.escape, self.context['age_unit']))})\b", chunk[end:]))

    def _excluded_before(self, chunk: str, start: int) -> bool:
        words = chunk[max(0, start - 20) : start].split()
        return bool(words) and words[-1] in self.not_after

    def _tail(self, chunk: str, end: int) -> tuple[str | None, int, bool]:
        """The unit or counted noun after a number: (unit, new end, is a real unit)."""
        m = self.unit_re.match(chunk, end)
        if m:
            return self.units[m["unit"]], m.end(), True
        m = self.noun_re.match(chunk, end)
        if m and m["noun"] not in self.scales and m["noun"] not in self.context["not_unit"]:
            return m["noun"], m.end(), False
        return None, end, False

    def _apply_hedge(self, hedge: str | None, value: float | None) -> tuple[float | None, bool, float | None, float | None]:
        if not hedge:
            return value, False, None, None
        kind = self.hedges.get(re.sub(r"\s+", " ", hedge)) or self.hedges.get(re.sub(r"\s+", " ", hedge).lower())
        if kind == "negative":
            return (None if value is None else -value), False, None, None
        if kind == "min":
            return None, True, value, None
        if kind == "max":
            return None, True, None, value
        return value, True, None, None

    # --- handlers ----------------------------------------------------------------------------

    def _h_number(self, m: re.Match, chunk: str) -> Amount | None:
        n, as_word = self._num(m["n1"])
        if n is None or self._excluded_before(chunk, m.start("n1")):
            return None
        end = m.end()
        after = chunk[end:end + 3]
        if not m["s1"] and not as_word:
            if re.match(r"\d+$", m["n1"]) and re.match(r"\.(?!\s*$)", after):
                return None  # "20. Spieltag", "(56.)": an ordinal
            if len(m["n1"]) > 1 and m["n1"].startswith("0"):
                return None  # "Schalke 04", "007": a name or a code
        if re.match(r"-[\wÄÖÜäöü]", chunk[end:end + 2]) or (not as_word and re.match(r"[A-Za-zÄÖÜäöüß]", chunk[end:end + 1]) and not self.unit_re.match(chunk, end)):
            return None  # "31-jähriger", "2-Studio", "1980ern": part of a word
        if self._age_re.match(chunk, end) or (self._age_before_re.search(chunk, 0, m.start("n1")) and self._age_unit_follows(chunk, end)):
            return None  # an age
        scale = self.scales.get(m["s1"], 1.0) if m["s1"] else 1.0
        unit, end2, real = self._tail(chunk, end)
        if real and re.match(r"-[\wÄÖÜäöü]", chunk[end2:end2 + 2]):
            return None  # "3,5mm-Klinke"
        if unit in self.fractions:
            return None  # "zwei Drittel": a fraction, see _h_fraction
        if m["cur"]:
            unit = self.units.get(m["cur"], unit)
            if not real:
                end2 = end
        if as_word:
            if n == 1 and not m["s1"] and not real and not m["cur"]:
                return None  # "ein Mann": an article
            if m["n1"][0].isupper() and m.start("n1") > 0 and not m["s1"] and not real and unit is None:
                return None  # "Acht", "Elf" as nouns
        value = n * scale
        value, approx, low, high = self._apply_hedge(m["hedge"], value)
        return Amount(m.start(), end2, _clean(value), unit, approx, _clean(low), _clean(high))

    def _h_range(self, m: re.Match, chunk: str) -> Amount | None:
        n1, w1 = self._num(m["n1"])
        n2, w2 = self._num(m["n2"])
        if n1 is None or n2 is None or self._excluded_before(chunk, m.start("n1")):
            return None
        if w2 and n2 == 1:
            return None
        if self._age_re.match(chunk, m.end()):
            return None  # ages
        s2 = self.scales.get(m["s2"], 1.0) if m["s2"] else 1.0
        s1 = self.scales.get(m["s1"], s2) if m["s1"] else s2
        lo, hi = n1 * s1, n2 * s2
        if hi <= lo:
            return None
        end = m.end()
        if re.match(r"\.\s*[\wÄÖÜäöü]", chunk[end:end + 3]) and not m["s2"]:
            return None
        unit, end2, real = self._tail(chunk, end)
        if m["u1"] and not unit:
            unit = self.units[m["u1"]]
        if m["cur"]:
            unit = self.units.get(m["cur"], unit)
        if not m["zw"] and not (unit or m["s1"] or m["s2"]):
            return None  # "1-2" alone: a score or a code, not clearly an amount
        return Amount(m.start(), end2, None, unit, bool(m["hedge"]), _clean(lo), _clean(hi))

    def _h_fraction(self, m: re.Match, chunk: str) -> Amount | None:
        frac = self.fractions[m["frac"]]
        head = (m["n1"] or "").lower()
        if not head:
            if m["frac"] not in self.context["alone"]:
                return None
            n, start = 1.0, m.start("frac")
        elif head in self.context["one"]:
            n, start = 1.0, m.start()
        elif head in self.context["article"]:
            if m["frac"] not in self.context["article_fraction"]:
                return None
            start, n = m.start("frac") if head == "zur" else m.start("n1"), 1.0
        else:
            n, _ = self._num(m["n1"])
            if n is None:
                return None
            start = m.start()
        value, approx, low, high = self._apply_hedge(m["hedge"], n * frac)
        if m["hedge"]:
            start = m.start()
        return Amount(start, m.end(), _clean(value), None, approx, _clean(low), _clean(high))

    def _vague_count(self, word: str) -> float:
        """How many of the unit "Dutzende Millionen" means at least (24 for "Dutzende")."""
        return self.vague[word]

    def _h_vague(self, m: re.Match, chunk: str) -> Amount | None:
        if m["v"]:
            low = self.vague[m["v"].capitalize()]
        else:
            q = m["q"].capitalize()
            low = (self._vague_count(q) if q in self.vague else 2.0) * self.scales[m["s1"]]
        unit, end2, real = self._tail(chunk, m.end())
        if unit == "von":
            unit = None
        return Amount(m.start(), end2, None, unit, True, _clean(low), None)


@lru_cache(maxsize=1)
def quantity_tagger() -> QuantityTagger:
    """One compiled tagger per process."""
    return QuantityTagger()
