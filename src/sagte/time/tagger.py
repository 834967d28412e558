"""Find German time expressions in text and normalise them to TIMEX3 against a document date.

A rule-based tagger in the HeidelTime tradition: a few regular expressions built from the
vocabulary in ``sagte/lang/de/`` propose candidate expressions per sentence; overlapping
candidates are resolved longest-first; the survivors are normalised in text order, so that
"18 Uhr" can borrow the day of the last date mentioned, "am Tag darauf" and "am selben Abend"
count from it (event anchoring), and "am Dienstag" is resolved forwards or backwards from the
publication date by the tense of its clause: from the verbs' morphology where ``sagte_morph`` ran
(:mod:`sagte.time.verbs`), else from the finite verbs listed in ``tense_markers.tsv``.

Conventions follow TimeML/TIMEX3 and the KRAUTS annotation of German news (Strötgen et al.
2018): the preposition stays outside the expression ("am [Dienstag]", "seit [2014]"), "vor drei
Jahren" is the DURATION "drei Jahren" (``vor_as_date=True`` makes it the DATE three years before
the publication date instead), "Anfang März" is the month, a decade is "199", a century "19".

Without a document date nothing relative gets an absolute value: the unknown digits are ``X``
(``XXXX-XX-XX``, ``XXXX-WXX-2``) and the tagger reports that once. An impossible date such as
"31. Februar" is left out, never invented.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .lexicon import Lexicon, _ci, alternation, lexicon, word_pattern

DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORDS = re.compile(r"[^\W\d_]+")
_CLOCK_RULES = frozenset({"time", "time_range", "time_um"})
_QUOTES = frozenset('"„“”»«‚‘’\'')


def easter(year: int) -> dt.date:
    """Easter Sunday of ``year`` (Gregorian calendar; the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    i = bisect_right([s for s, _ in sentences], pos) - 1
    return sentences[i] if i >= 0 else None


@dataclass(frozen=True)
class Timex:
    """One time expression: character offsets into the text, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str
    rule: str = ""


@dataclass
class _Context:
    dct: dt.date | None
    lex: Lexicon
    vor_as_date: bool
    narrative: bool = False
    ref: dt.date | None = None  # the last day mentioned (for "18 Uhr", "Vortag")
    ref_sentence: int = -1  # the sentence it was mentioned in
    year: tuple[int, int] | None = None  # the last explicit year and its sentence ("im April" after "1991")
    point: str | None = None  # the last calendar value mentioned (year, month or day: "im selben Monat")
    sentence: int = 0  # the sentence being normalised
    clock_fallback: bool = False  # the last clock time took the publication date for want of a day
    unresolved: int = 0  # relative expressions left without an absolute value
    invalid: list[str] = field(default_factory=list)


@dataclass
class _Candidate:
    start: int
    end: int
    rule: str
    match: re.Match
    sentence: tuple[int, int]


def _day_exists(ctx, surface: str, month: int, day: int) -> bool:
    """Whether the day exists in some year (29 February does); a day that never does ("31.
    Februar") is recorded as invalid."""
    try:
        dt.date(2000, month, day)
    except ValueError:
        ctx.invalid.append(surface)
        return False
    return True


def _year_str(y: int) -> str:
    """A TIMEX3 year: "0480", or "BC0480" for the negative years that stand for years before Christ."""
    return f"BC{-y:04d}" if y < 0 else f"{y:04d}"


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


class TimeTagger:
    """Compiled patterns over a :class:`Lexicon`; :meth:`tag` does the work."""

    def __init__(self, lex: Lexicon | None = None, *, vor_as_date: bool = False, narrative: bool = False):
        self.lex = lex = lex or lexicon()
        self.vor_as_date = vor_as_date
        self.narrative = narrative
        B = r"(?<![\w.,])(?<![A-Za-zäöüÄÖÜß]-)"
        E = r"(?![\wäöüß]|-[A-Za-zÄÖÜ])"
        LINK = r"\s*(?:,\s*(?:und|sowie|oder|bis)?|und|sowie|oder|bis(?:\s+zum)?|-|–|/)\s*(?:(?:am|dem|den|zum|vom)\s+)?"
        MON = alternation(lex.months)
        WD = alternation(lex.weekdays)
        NUMW = "|".join(_ci(f) for f in sorted(lex.numbers, key=len, reverse=True))
        NUM = rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d+(?:,\d+)?|(?:{NUMW}))"
        VAGUE = r"(?:[Mm]ehrere[n]?|[Ee]inige[n]?|[Ww]enige[n]?|[Vv]iele[n]?|[Ll]ange|ein\s+paar)"
        UNIT = alternation(lex.units)
        PART = "|".join(_ci(f) for f in sorted(lex.day_parts, key=len, reverse=True))
        SEASON = alternation(lex.seasons)
        SHIFT = "|".join(_ci(f) for f in sorted(lex.shifts, key=len, reverse=True))
        DAYADJ = alternation(lex.day_shifts)
        MOD = alternation(lex.mods)
        HEDGE = "|".join(_ci(f) for f in sorted(lex.hedges, key=len, reverse=True))
        ORD = "(?:" + "|".join(_ci(s) for s in sorted(lex.ordinals, key=len, reverse=True)) + ")(?:en|em|er|es|e)"
        YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
        BC = lex.words_re("era_bc").replace(r"\.\s+", r"\.\s*")  # "v. Chr.", "v.Chr."
        YEND = r"(?!\w|/\d{1,2}(?!\d)|[.,]\d)"
        ART = r"(?:[Dd]e[rnms]|[Dd]ie|[Dd]as)"
        DATE = rf"(?P<d>\d{{1,2}})\.\s*(?P<mon>{MON})(?!\w)(?:\s+(?P<y>{YEAR}){YEND})?"
        self._following_date = re.compile(rf"\d{{1,2}}\.\s*(?P<mon>{MON})(?!\w)(?:\s+(?P<y>{YEAR}){YEND})?")
        self._range_link = re.compile(r"\s*(?:,|und|bis(?:\s+zum)?|-|–|/)\s*$")
        self.patterns: list[tuple[str, re.Pattern]] = [
            ("date", rf"{B}(?:(?P<wd>{WD}),?\s+(?:(?:den|dem)\s+)?)?{DATE}"),
            ("part_date", rf"{B}(?P<part>{PART})\s+(?:des|vom)\s+{DATE}"),
            # "in der Nacht vom 16. auf den 17. April": the night takes the month of the date after it
            ("part_day", rf"{B}(?P<part>{PART})\s+vom\s+(?P<d>\d{{1,2}})\.(?=\s*(?:auf|zum|/)\s*(?:den\s+)?\d{{1,2}}\.\s*(?:{MON})(?!\w))"),
            # "am selben Abend", "im gleichen Jahr": the day (month, year) last mentioned
            ("same_period", rf"{B}(?:{lex.words_re('same')})\s+(?:(?P<part>{PART})|(?P<u>Monat|Monats|Jahr|Jahres|Woche)){E}"),
            ("numeric", rf"{B}(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}}|\d{{2}})(?!\d)"),
            ("bare_day", rf"{B}(?P<d>\d{{1,2}})\.?(?=(?:{LINK}\d{{1,2}}\.?)*{LINK}\d{{1,2}}\.\s*(?:{MON})(?!\w))"),
            ("month", rf"{B}(?:(?P<mod>{MOD})\s+)?(?P<mon>{MON})(?!\w)(?:\s+(?P<y>{YEAR}){YEND}|\s+(?P<shift>{SHIFT})\s+Jahres{E})?"),
            ("year", rf"{B}(?:(?P<mod>{MOD})\s+|(?P<jahr>(?:das\s+)?Jahr(?:es)?\s+))?(?P<y>{YEAR}){YEND}"),
            ("year_mod", rf"{B}(?P<mod>{MOD})\s+(?:des|dieses|diesen|nächsten|kommenden|vergangenen|letzten)\s+(?P<u>Jahres|Monats){E}"),
            ("decade", rf"{B}(?:(?:den|die|der)\s+)?(?:(?P<c>\d{{2}})(?P<dd>\d{{2}})|(?P<d>\d{{2}}))er(?:-|\s+)?Jahren?{E}"),
            ("century", rf"{B}(?:(?:der\s+)?(?P<half>ersten|zweiten)\s+Hälfte\s+des\s+)?(?P<n>\d{{1,2}})\.\s*(?:Jahrhunderts?{E}|Jh\.)"
                        rf"(?:\s*(?P<bc>{BC}))?"),
            # "499 v. Chr.", "im Jahr 492 v. Chr." (TIMEX3: BC0499)
            ("bc_year", rf"{B}(?:(?:das\s+)?Jahr(?:es)?\s+)?(?P<y>\d{{1,4}})\s*(?:{BC})"),
            ("word_part", rf"{B}(?P<w>[Gg]estern|[Hh]eute|[Vv]orgestern|[Mm]orgen)\s+(?P<part>{PART}|früh){E}"),
            ("word", rf"{B}(?:{word_pattern(lex)}){E}"),
            # a lower-case-only word ("morgen") capitalised because it opens the sentence or a quotation
            ("word_start", rf"(?:^|(?<=[:„“\"»]\s)|(?<=[„“\"»]))(?P<w>{alternation(self._capitalised_starts(lex))}){E}(?!\s+(?:{PART}|früh)\b)"),
            ("weekday", rf"{B}(?:(?P<pre>[Aa]m|[Vv]om|[Ss]eit|[Bb]is|[Aa]b|[Vv]on|[Jj]ede[nm]?|[Ii]m|[Zz]um)\s+)?"
                        rf"(?:(?P<shift>{SHIFT})\s+|(?P<ord>{ORD})\s+|(?P<dayadj>{DAYADJ})\s+)?(?P<wd>{WD})(?P<part>{PART.lower()})?(?P<s>s)?{E}"
                        r"(?P<an>\s+an\b)?(?P<monthly>\s+im\s+Monat\b)?"),
            ("part_am", rf"(?<=\b[Aa]m\s)(?P<part>Nachmittag|Vormittag|Abend|Morgen){E}"),
            # "über Nacht", "in der Nacht", "während der Nacht": the night of the day last mentioned
            # ("in der Nacht auf den 3. Mai" leaves the night to the date)
            ("part_night", rf"(?:(?<=\b[Üü]ber\s)|(?<=\b[Ii]n\sder\s)|(?<=\b[Ww]ährend\sder\s))(?P<part>Nacht){E}"
                           r"(?!\s+(?:auf|zum|zu|vom|von|des|zwischen)\b)"),
            ("time", rf"{B}(?P<h>\d{{1,2}})(?:[.:](?P<m>[0-5]\d))?\s*Uhr{E}"),
            ("time_range", rf"{B}(?P<h>\d{{1,2}})(?:[.:](?P<m>[0-5]\d))?(?=(?:\s*(?:bis|-|–|und|/)\s*\d{{1,2}}(?:[.:][0-5]\d)?){{1,3}}\s*Uhr)"),
            ("time_um", r"(?<=\b[Uu]m\s)(?P<h>\d{1,2})[.:](?P<m>[0-5]\d)(?![\d,]|\.\d)"),
            ("duration", rf"{B}(?:(?P<hedge>{HEDGE})\s+)?(?:(?P<art>{ART})\s+)?(?:(?P<shift>{SHIFT}|ersten)\s+)?"
                         rf"(?P<num>{NUM}|{VAGUE})(?:\s*-\s*|\s+)(?:(?P<adj>[a-zäöü]+(?:e|en))\s+)?(?P<unit>{UNIT}){E}(?!\s+alt\b)"
                         rf"(?P<later>\s+(?:{lex.words_re('later', *lex.context['earlier'])})(?![\wäöüß]))?"),
            ("duration_range", rf"{B}(?P<num>\d+(?:,\d+)?|(?:{NUMW}))(?=\s*(?:bis|und|oder|-|–)\s*(?:\d+(?:,\d+)?|(?:{NUMW}))\s+(?P<unit>{UNIT}){E})"),
            ("unit_compound", rf"{B}(?P<num>\d{{1,3}})-(?P<unit>{UNIT})(?=-[A-ZÄÖÜ])"),
            ("compound_duration", rf"{B}(?P<num>\d{{1,3}}|(?:{NUMW}))-?(?P<unit>[Tt]ägige[nmrs]?|[Ww]öchige[nmrs]?|[Mm]onatige[nmrs]?|[Ss]tündige[nmrs]?|[Mm]inütige[nmrs]?){E}"),
            ("vague_unit", rf"\b(?:[Üü]ber|[Ss]eit|[Vv]or)\s+(?P<art>die\s+)?(?P<unit>Jahren|Jahre|Monaten|Wochen|Jahrzehnten){E}"),
            ("rel_period", rf"{B}(?:(?P<art>{ART})\s+)?(?P<shift>{SHIFT})\s+"
                           r"(?P<unit>Woche|Wochenende|Monat|Monats|Jahr|Jahres|Jahrzehnt|Jahren|Jahre|Monaten|Monate|Wochen|Tagen|Tage|Tag|Tages)(?![\wäöüß])"),
            ("weekend", rf"{B}Wochenende{E}"),
            ("season", rf"{B}(?:(?P<shift>{SHIFT})\s+(?:[a-zäöü]+(?:e|en|em)\s+)?)?(?P<s>{SEASON}){E}(?:\s+(?P<y>{YEAR}){YEND})?"),
            ("ordinal_week", rf"{B}(?:(?:{ART})\s+)?(?:(?P<ord>{ORD})\s+Woche|Woche\s+(?P<after>{lex.words_re('later')})){E}"),
            ("ex_prefix", r"(?<![\w-])Ex(?=-[A-ZÄÖÜ])"),
            ("holiday", rf"{B}(?P<h>{alternation(lex.holidays).replace(chr(92) + ' ', chr(92) + 's+')}){E}(?:\s+(?P<y>{YEAR}){YEND})?"),
            ("rate", r"(?<![\wäöüß])(?:am|im|in\s+der)\s+(?P<u>Tag|Monat|Jahr|Woche|Stunde)(?=\s*[,.;:)!?]|\s+(?!(?:der|des|nach|vor|zuvor|danach|darauf)\b)[a-zäöü])"),
            ("quarter", rf"{B}(?:(?:{ART})\s+)?(?P<ord>{ORD})\s+(?P<u>Quartal|Quartals|Trimester|Trimesters|Jahreshälfte|Halbjahr|Halbjahres){E}(?:\s+(?P<y>{YEAR}){YEND})?"),
        ]
        self.patterns = [(name, re.compile(p)) for name, p in self.patterns]
        # cheap tests a sentence must pass before a pattern is tried on it (speed only)
        triggers = {
            "date": MON, "part_date": MON, "part_day": MON, "same_period": lex.words_re("same"), "bare_day": MON, "month": MON, "numeric": r"\d\.\s?\d", "year": r"\d{4}",
            "year_mod": r"Jahres|Monats", "decade": r"\der", "century": r"Jahrhundert|Jh\.", "bc_year": BC, "word_part": r"estern|eute|orgen",
            "weekday": WD, "word_start": alternation(self._capitalised_starts(lex)), "part_am": r"[Aa]m\s", "part_night": r"Nacht", "unit_compound": r"\d-", "time": r"Uhr", "time_range": r"Uhr", "time_um": r"[Uu]m\s\d",
            "duration": UNIT, "compound_duration": r"tägig|wöchig|monatig|stündig|minütig", "vague_unit": r"Jahr|Monat|Woche",
            "rate": r"(?:am|im|der)\s+(?:Tag|Monat|Jahr|Woche|Stunde)", "duration_range": UNIT, "holiday": alternation({f.split()[0] for f in lex.holidays}), "ordinal_week": r"Woche", "ex_prefix": r"Ex-",
            "rel_period": alternation({f[1:] for f in lex.shifts}), "weekend": r"Wochenende", "season": SEASON, "quarter": r"Quartal|Trimester|Jahreshälfte|Halbjahr",
        }
        self._triggers = {name: re.compile(t) for name, t in triggers.items()}
        self._word_heads = frozenset(f.split()[0].lower() for f in lex.words)
        months_seasons = tuple(lex.months) + tuple(lex.seasons)
        self._year_before = re.compile(rf"(?:\b(?:{lex.words_re('year_before', *months_seasons)})|[,(–-])\s*$")
        self._year_strong = re.compile(rf"\b(?:{lex.words_re('year_strong', *months_seasons)})\s*$")
        self._year_not_before = re.compile(rf"(?:\b(?:{lex.words_re('year_not_before')})|[€$]|\d[.,]?)\s*$")
        self._year_not_after = re.compile(rf"\s*(?:{lex.words_re('year_not_after')})\b")
        self._present_before = re.compile(rf"\b(?:{lex.words_re('present_before')}|[Ww]ie\s+\w+)\s*$")
        self._present_after = re.compile(rf"\s+(?:{lex.words_re('present_after')})\b")
        AGE_AFTER = lex.words_re("age_after")
        self._age_before = re.compile(rf"\b(?:{lex.words_re('age_before')}|[Zz]wischen\s+\w+\s+und)\s*$")
        self._age_after = re.compile(rf"\s+(?:{AGE_AFTER})\b")
        self._age_after_range = re.compile(rf"\s*(?:bis|und|oder|-|–)\s*\S+\s+\S+\s+(?:{AGE_AFTER})\b")
        self._every = re.compile(rf"\b(?:{lex.words_re('every')})\s*$")
        self._not_a_time = re.compile(rf"\b(?:{lex.words_re('not_a_time')})\b")
        self._span_end_before = re.compile(rf"\b(?:{lex.words_re('span_end')})\s*$")
        self._range_link_after = re.compile(r"\s*(?:bis|und|oder|-|–)\s*")
        self._year_not_after_range = re.compile(rf"\s*(?:bis|-|–)\s*\d[\d.,]*\s*(?:{lex.words_re('year_not_after')})\b")
        self._count_in_year = re.compile(rf"\s+im\s+(?:(?:{SHIFT})\s+)?Jahre?\b")
        self._ref_noun_before = re.compile(rf"\b(?:{lex.words_re('ref_noun_before')})\s*$")
        self._day_word_before_weekday = re.compile(rf"\s+(?:{WD})")
        self._participle = re.compile(r"^(?:ge\w+(?:t|en)|\w+(?:iert|ge\w+t|ge\w+en))$")
        self._handlers: dict[str, Callable] = {name: getattr(self, f"_h_{name}") for name, _ in self.patterns}

    # --- finding ---------------------------------------------------------------------------

    def tag(self, text: str, dct: dt.date | None, sentences: list[tuple[int, int]] | None = None, *,
            verb_tense: Callable[[int, int], str | None] | None = None) -> tuple[list[Timex], list[str]]:
        """Time expressions in ``text`` and the warnings to report (missing date, bad dates).

        ``verb_tense(start, end)``, where given, is the tense of the clause around those
        characters from the verbs' morphology (:class:`~sagte.time.verbs.VerbTenses`); where it
        says nothing, the tense comes from the word lists."""
        sentences = sentences or [(0, len(text))]
        candidates: list[_Candidate] = []
        active = self._active(text, sentences)
        for (s_start, s_end), names in zip(sentences, active):
            if not names:
                continue
            chunk = text[s_start:s_end]
            for name, pattern in self.patterns:
                if name not in names:
                    continue
                for m in pattern.finditer(chunk):
                    start, end = self._span_of(name, m)
                    if end > start:
                        candidates.append(_Candidate(s_start + start, s_start + end, name, m, (s_start, s_end)))
        chosen: list[_Candidate] = []
        taken: list[tuple[int, int]] = []
        for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
            if all(c.end <= a or c.start >= b for a, b in taken):
                chosen.append(c)
                taken.append((c.start, c.end))
        ctx = _Context(dct=dct, lex=self.lex, vor_as_date=self.vor_as_date, narrative=self.narrative, ref=dct)
        out: list[Timex] = []
        tense_cache: dict[tuple[int, int], str] = {}
        sentence_no = {s: n for n, s in enumerate(sentences)}
        waiting: list[int] = []  # clock times that took the publication date, in this sentence
        for c in sorted(chosen, key=lambda c: c.start):
            if sentence_no[c.sentence] != ctx.sentence:
                waiting.clear()
            ctx.sentence = sentence_no[c.sentence]
            s_text = text[c.sentence[0] : c.sentence[1]]
            if c.sentence not in tense_cache:
                tense_cache[c.sentence] = self.tense(s_text)
            before = text[c.sentence[0] : c.start]
            tense = ((verb_tense(c.start, c.end) if verb_tense is not None else None)
                     or self.clause_tense(s_text, c.match.start(), c.match.end()) or tense_cache[c.sentence])
            result = self._handlers[c.rule](c.match, ctx, tense, before, s_text, c.match.end())
            if result is None:
                continue
            typ, value = result[0], result[1]
            start, end = (result[2], result[3]) if len(result) == 4 else (c.start, c.end)
            out.append(Timex(start, end, typ, value, c.rule))
            day = value[:10]
            if c.rule in _CLOCK_RULES:
                if ctx.clock_fallback:
                    waiting.append(len(out) - 1)
                continue  # a clock time anchors nothing itself
            if DAY_VALUE.match(day) and waiting:
                # "um 17 Uhr am Freitag": the day comes after the clock time in the same sentence
                for i in waiting:
                    t = out[i]
                    if sentence_no.get(_sentence_of(sentences, t.start)) == ctx.sentence:
                        out[i] = Timex(t.start, t.end, t.type, day + t.value[t.value.index("T"):], t.rule)
                waiting.clear()
            # a day counted back from the last one mentioned ("am Vortag") is a look back: the
            # story's day stays where it was; "am Tag darauf" moves it on
            look_back = c.rule == "word" and (self._ref_offset(c.match.group()) or 0) < 0
            if typ in ("DATE", "TIME") and DAY_VALUE.match(day) and not look_back:
                try:
                    ctx.ref = dt.date.fromisoformat(day)
                    ctx.ref_sentence = ctx.sentence
                except ValueError:
                    pass
            if typ in ("DATE", "TIME") and re.match(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T|$)", value):
                ctx.point = value.split("T")[0]
            if (c.rule in ("date", "month", "year", "numeric") and re.match(r"^\d{4}", value) and re.search(r"\d{4}", c.match.group())
                    and not self._span_end_before.search(before)  # "bis 1881" ends a digression: no new narrative year
                    and before.count("(") <= before.count(")")):  # nor does an aside "(ab 1929 Jugoslawien)"
                ctx.year = (int(value[:4]), ctx.sentence)
            elif c.rule == "bc_year":
                ctx.year = (-int(value[2:]), ctx.sentence)  # years before Christ count as negative
        warnings = []
        if ctx.unresolved:
            warnings.append(f"sagte_times: {ctx.unresolved} relative time expression(s) left without an absolute value: "
                            "the document has no publication date (give one with --date YYYY-MM-DD).")
        for bad in ctx.invalid:
            warnings.append(f"sagte_times: {bad!r} is not a valid calendar date; it was not normalised.")
        return out, warnings

    @staticmethod
    def _capitalised_starts(lex: Lexicon) -> list[str]:
        """The case-sensitive lower-case words ("morgen"), capitalised as at a sentence start."""
        return [f[0].upper() + f[1:] for f, ci in lex.word_case.items() if not ci and f[:1].islower()]

    def _active(self, text: str, sentences: list[tuple[int, int]]) -> list[set[str]]:
        """Per sentence, the patterns worth trying: those whose cheap trigger occurs in it (speed only)."""
        starts = [s for s, _ in sentences]
        active: list[set[str]] = [set() for _ in sentences]
        untriggered = {name for name, _ in self.patterns if name not in self._triggers and name != "word"}

        def mark(pos: int, name: str) -> None:
            i = bisect_right(starts, pos) - 1
            if i >= 0:
                active[i].add(name)

        for name, trigger in self._triggers.items():
            for m in trigger.finditer(text):
                mark(m.start(), name)
        for m in _WORDS.finditer(text):
            if m.group().lower() in self._word_heads:
                mark(m.start(), "word")
        for names in active:
            if names:
                names |= untriggered
        return active

    def _span_of(self, name: str, m: re.Match) -> tuple[int, int]:
        """Where the expression starts and ends inside the match (prepositions stay outside)."""
        start, end = m.start(), m.end()
        if name == "weekday":
            if m.group("pre") and m.group("pre").lower() not in ("jeden", "jedem", "jede"):
                start = (m.start("shift") if m.group("shift") else m.start("ord") if m.group("ord") else m.start("wd"))
            if m.group("dayadj"):
                start = m.start("wd")  # "am heutigen [Samstag]" (KRAUTS)
            end = m.end("s") if m.group("s") else m.end("part") if m.group("part") else m.end("wd")
            if m.group("monthly") and m.group("pre") and m.group("pre").lower().startswith("jede"):
                end = m.end("monthly")
        elif name == "duration" and m.group("art") and not m.group("shift"):
            start = m.start("num") if not m.group("hedge") else m.start()
        elif name == "vague_unit":
            start = m.start("art") if m.group("art") else m.start("unit")
        return start, end

    _CLAUSE_BREAK = re.compile(r"[,;:„“”\"»«()–—]")

    def clause_tense(self, sentence: str, start: int, end: int) -> str | None:
        """The tense of the clause around ``sentence[start:end]`` ("sagte am Dienstag, er werde am
        Freitag kommen": past for Dienstag, future for Freitag), or ``None`` when the clause has no
        tense marker of its own."""
        left = max((m.end() for m in self._CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
        right = self._CLAUSE_BREAK.search(sentence, end)
        clause = sentence[left : right.start() if right else len(sentence)]
        words = re.findall(r"[\wäöüß]+", clause)
        if not any(w in self.lex.tense for w in words):
            return None
        return self.tense(clause)

    def tense(self, sentence: str) -> str:
        """``past``, ``future`` or ``unknown``: the sentence's tense from the finite verbs listed in
        ``tense_markers.tsv``. A sentence with none of them is ``unknown``, not present: most such
        sentences in news narrate the past with verbs the list lacks (the morphology of
        :mod:`sagte.time.verbs`, where available, tells a real present from them)."""
        words = re.findall(r"[\wäöüß]+", sentence)
        kinds = {self.lex.tense.get(w) for w in words}
        if "past" in kinds:
            return "past"
        if "perfect" in kinds and any(w[:1].islower() and self._participle.match(w) for w in words):
            return "past"
        if "future" in kinds:
            return "future"
        return "unknown"

    # --- value helpers -------------------------------------------------------------------

    def _day(self, ctx: _Context, n: int, base: dt.date | None = None) -> str:
        base = base or ctx.dct
        if base is None:
            ctx.unresolved += 1
            return "XXXX-XX-XX"
        return (base + dt.timedelta(days=n)).isoformat()

    def _year(self, ctx: _Context, n: int) -> str:
        if ctx.narrative and ctx.year is not None:
            # a history: "im nächsten Jahr" after 1941 is 1942, and the story moves on to it
            if n > 0:
                ctx.year = (ctx.year[0] + n, ctx.sentence)
            return _year_str(ctx.year[0] if n > 0 else ctx.year[0] + n)
        if ctx.dct is None:
            ctx.unresolved += 1
            return "XXXX"
        return f"{ctx.dct.year + n:04d}"

    def _month(self, ctx: _Context, n: int) -> str:
        if ctx.dct is None:
            ctx.unresolved += 1
            return "XXXX-XX"
        y, m = _add_months(ctx.dct, n)
        return f"{y:04d}-{m:02d}"

    def _week(self, ctx: _Context, n: int) -> str:
        if ctx.dct is None:
            ctx.unresolved += 1
            return "XXXX-WXX"
        y, w, _ = (ctx.dct + dt.timedelta(weeks=n)).isocalendar()
        return f"{y:04d}-W{w:02d}"

    def _year_for(self, ctx: _Context, month: int, day: int | None, tense: str) -> int | None:
        """The year of a day or month named without one: the nearest to the publication date,
        unless the tense says it lies before (past) or after (future)."""
        if ctx.dct is None:
            return None
        d0 = ctx.dct
        best = None
        for y in (d0.year - 1, d0.year, d0.year + 1):
            try:
                cand = dt.date(y, month, day or 15)
            except ValueError:
                continue
            delta = (cand - d0).days
            if day is None:
                delta = (y - d0.year) * 12 + (month - d0.month)
                delta *= 30
            score = abs(delta)
            if tense == "past" and delta > 45:
                score += 400
            if best is None or score < best[0]:
                best = (score, y)
        return best[1] if best else d0.year

    # --- handlers: (match, ctx, tense, text before in sentence, sentence, match end) -> (type, value) | None

    def _date_value(self, ctx, d: int, month: int, year: str | None, tense: str, surface: str) -> str | None:
        if year is None and ctx.narrative and ctx.year is not None:
            year = str(ctx.year[0])
        if year is None:
            y = self._year_for(ctx, month, d, tense)
            if y is None:
                ctx.unresolved += 1
                return f"XXXX-{month:02d}-{d:02d}" if _day_exists(ctx, surface, month, d) else None
        else:
            y = int(year)
        if y <= 0:  # a day in a year before Christ, named in a history ("im Jahr 480 v. Chr. … am 3. Mai")
            return f"{_year_str(y)}-{month:02d}-{d:02d}" if _day_exists(ctx, surface, month, d) else None
        try:
            return dt.date(y, month, d).isoformat()
        except ValueError:
            ctx.invalid.append(surface)
            return None

    def _h_date(self, m, ctx, tense, before, sent, end):
        v = self._date_value(ctx, int(m["d"]), self.lex.month(m["mon"]), m["y"], tense, m.group())
        return None if v is None else ("DATE", v)

    def _h_part_day(self, m, ctx, tense, before, sent, end):
        f = self._following_date.search(sent, end)
        if f is None:
            return None
        v = self._date_value(ctx, int(m["d"]), self.lex.month(f["mon"]), f["y"], tense, m.group())
        code = self.lex.day_parts.get(m["part"].capitalize())
        return None if v is None or code is None else ("TIME", v + "T" + code)

    def _h_same_period(self, m, ctx, tense, before, sent, end):
        """"am selben Abend", "im gleichen Jahr": a part of the day, or the month or year, last mentioned."""
        if m["part"]:
            code = self.lex.day_parts.get(m["part"].capitalize())
            if code is None:
                return None
            if ctx.ref is None:
                ctx.unresolved += 1
                return "TIME", "XXXX-XX-XXT" + code
            return "TIME", ctx.ref.isoformat() + "T" + code
        point = ctx.point or (ctx.dct.isoformat() if ctx.dct else None)
        if m["u"].startswith("Monat"):
            return "DATE", point[:7] if point and len(point) >= 7 else "XXXX-XX"
        if m["u"] == "Woche":
            if point is None or len(point) < 10:
                return "DATE", "XXXX-WXX"
            y, w, _ = dt.date.fromisoformat(point).isocalendar()
            return "DATE", f"{y:04d}-W{w:02d}"
        return "DATE", point[:4] if point else "XXXX"

    def _h_part_date(self, m, ctx, tense, before, sent, end):
        v = self._date_value(ctx, int(m["d"]), self.lex.month(m["mon"]), m["y"], tense, m.group())
        if v is None:
            return None
        return "TIME", v + "T" + self.lex.day_parts[m["part"].capitalize()]

    def _h_numeric(self, m, ctx, tense, before, sent, end):
        y = int(m["y"])
        if y < 100:  # "1.9.39": the century that puts it nearest the story's year (histories) or the publication date
            near = ctx.year[0] if ctx.narrative and ctx.year is not None else ctx.dct.year if ctx.dct else 2000
            y = min((c + y for c in range(near // 100 * 100 - 100, near // 100 * 100 + 200, 100)), key=lambda v: abs(v - near))
        try:
            return "DATE", dt.date(y, int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            ctx.invalid.append(m.group())
            return None

    def _h_bare_day(self, m, ctx, tense, before, sent, end):
        f = self._following_date.search(sent, end)
        if f is None:
            return None
        v = self._date_value(ctx, int(m["d"]), self.lex.month(f["mon"]), f["y"], tense, m.group())
        return None if v is None else ("DATE", v)

    def _h_month(self, m, ctx, tense, before, sent, end):
        month = self.lex.month(m["mon"])
        if not (m["y"] or m["shift"] or m["mod"]):
            if m["mon"].endswith("."):
                return None
            rest = sent[end:end + 30]
            if m["mon"] == "August" and re.match(r"\s+[A-ZÄÖÜ]", rest):
                return None  # a first name
            if m["mon"] == "Mai" and re.match(r"\s+[a-zäöü]", rest) is None and not re.search(r"\b(?:im|Im|Ende|Anfang|Mitte|seit|bis|ab|zum|vom|den)\s*$", before):
                return None
        if m["y"]:
            return "DATE", f"{int(m['y']):04d}-{month:02d}"
        if m["shift"]:
            y = self._year(ctx, self.lex.shifts[m["shift"].lower()] if m["shift"].lower() in self.lex.shifts else self.lex.shifts.get(m["shift"], 0))
            return "DATE", f"{y}-{month:02d}"
        if ctx.year is not None and (ctx.narrative or ctx.sentence - ctx.year[1] <= 1) and (ctx.narrative or ctx.dct is None or abs(ctx.year[0] - ctx.dct.year) > 1):
            return "DATE", f"{_year_str(ctx.year[0])}-{month:02d}"  # "im März 1992 … im April"
        if ctx.dct is None:
            ctx.unresolved += 1
            return "DATE", f"XXXX-{month:02d}"
        y = ctx.dct.year
        if tense == "past" and month > ctx.dct.month + 1:
            y -= 1
        elif tense in ("future", "present") and month < ctx.dct.month - 1:
            y += 1  # "wird im April beginnen", "steht im April auf dem Programm" (written in October)
        return "DATE", f"{y:04d}-{month:02d}"

    _NOT_YEAR_AFTER = re.compile(r"\s*(?:[€$%]|[A-ZÄÖÜ][\wäöüß]*)")

    def _h_year(self, m, ctx, tense, before, sent, end):
        y = int(m["y"])
        if not (m["jahr"] or m["mod"]):
            head = sent[: m.start("y")]
            after = sent[m.end():]
            plausible_before = bool(self._year_before.search(head)) or head.strip() == ""
            follower = self._NOT_YEAR_AFTER.match(after)
            if y < 1900 and not plausible_before:
                return None
            strong_before = self._year_strong.search(head)
            if follower and not strong_before:
                word = follower.group().strip()
                if not (word in self.lex.months or word in ("Uhr",)):
                    return None
            if self._count_in_year.match(after):
                return None  # "davon 2000 im Jahr 2011", "1700 im vergangenen Jahr": a count
            if self._year_not_before.search(head) or self._year_not_after.match(after) or self._year_not_after_range.match(after):
                return None  # "rund 2000", "2000 Euro", "2000 bis 3000 Grad": an amount
        return "DATE", f"{y:04d}"

    def _h_year_mod(self, m, ctx, tense, before, sent, end):
        word = m.group().split()[1].lower()
        shift = self.lex.shifts.get(word, 0)
        if m["u"] == "Monats":
            return "DATE", self._month(ctx, shift)
        if ctx.year is not None and (word == "des" and ctx.sentence - ctx.year[1] <= 1 or ctx.narrative and shift == 0):
            return "DATE", _year_str(ctx.year[0])  # "1991 … Ende des Jahres"
        return "DATE", self._year(ctx, shift)

    def _h_decade(self, m, ctx, tense, before, sent, end):
        if m["c"]:
            return "DATE", m["c"] + m["dd"][0]
        d = m["d"]
        century = "20" if d in ("00", "10") else "19"
        return "DATE", century + d[0]

    def _h_century(self, m, ctx, tense, before, sent, end):
        n = int(m["n"])
        if not 1 <= n <= 21:
            return None
        return "DATE", ("BC" if m["bc"] else "") + f"{n - 1:02d}"

    def _h_bc_year(self, m, ctx, tense, before, sent, end):
        y = int(m["y"])
        return None if y == 0 else ("DATE", f"BC{y:04d}")

    def _h_word_part(self, m, ctx, tense, before, sent, end):
        w = m["w"].lower()
        offset = {"gestern": -1, "heute": 0, "vorgestern": -2, "morgen": 1}[w]
        part = m["part"].lower()
        code = "MO" if part == "früh" else self.lex.day_parts.get(m["part"].capitalize(), self.lex.day_parts.get(m["part"]))
        if code is None:
            return None
        return "TIME", self._day(ctx, offset) + "T" + code

    def _h_word_start(self, m, ctx, tense, before, sent, end):
        entry = self.lex.words.get(m["w"][0].lower() + m["w"][1:])
        if entry is None:
            return None
        typ, template = entry
        unit, _, n = template.partition(":")
        return (typ, self._day(ctx, int(n))) if unit == "day" else None

    def _h_word(self, m, ctx, tense, before, sent, end):
        surface = re.sub(r"\s+", " ", m.group())
        entry = self.lex.words.get(surface) or self.lex.words.get(surface[0].lower() + surface[1:])
        if entry is None:
            return None
        typ, template = entry
        if any(p.start() < end and p.end() > m.start()
               for p in self._not_a_time.finditer(sent, max(0, m.start() - 12), min(len(sent), end + 12))):
            return None  # "so bald ein Bürger" (= sobald), "zur Zeit der Entstehung"
        if surface in self.lex.context.get("ref_noun", ()) and not self._ref_noun_before.search(before):
            return None  # "in Zukunft", not "für die Zukunft"
        if surface in self.lex.day_shifts and self._day_word_before_weekday.match(sent, end):
            return None  # "am heutigen Samstag": the weekday is the expression
        if surface.lower() == "heute" and (ctx.narrative or self._present_before.search(before)
                                           or self._present_after.match(sent, end)):
            return "DATE", "PRESENT_REF"  # "bis heute", "heute noch": the present, not the day
        if ":" not in template:
            return typ, template
        unit, n = template.split(":")
        n = int(n)
        if unit == "day":
            return typ, self._day(ctx, n)
        if unit == "ref":
            return typ, self._day(ctx, n, ctx.ref)
        if unit == "week":
            return typ, self._week(ctx, n)
        if unit == "month":
            return typ, self._month(ctx, n)
        return typ, self._year(ctx, n)

    def _ref_offset(self, surface: str) -> int | None:
        """N for an expression counted from the day last mentioned ("Tag darauf": 1), else ``None``."""
        surface = re.sub(r"\s+", " ", surface)
        entry = self.lex.words.get(surface) or self.lex.words.get(surface[:1].lower() + surface[1:])
        if entry is None or not entry[1].startswith("ref:"):
            return None
        return int(entry[1][4:])

    def _weekday_date(self, ctx, wd: int, direction: int) -> str:
        if ctx.dct is None:
            ctx.unresolved += 1
            return f"XXXX-WXX-{wd}"
        cur = ctx.dct.isoweekday()
        if direction < 0:
            delta = -((cur - wd) % 7)
        else:
            delta = (wd - cur) % 7
        return (ctx.dct + dt.timedelta(days=delta)).isoformat()

    def _h_weekday(self, m, ctx, tense, before, sent, end):
        wd = self.lex.weekdays[m["wd"]]
        pre = (m["pre"] or "").lower()
        code = self.lex.day_parts.get(m["part"].capitalize()) if m["part"] else None
        if pre.startswith("jede") and m["monthly"]:
            return "SET", "P1M"  # "jeden letzten Samstag im Monat": once a month
        if pre.startswith("jede") or (m["s"] and not pre):
            value = f"XXXX-WXX-{wd}"
            return "SET", value + (f"T{code}" if code else "")
        if m["s"]:
            return None
        shift = m["shift"].lower() if m["shift"] else None
        day_shift = self.lex.day_shifts.get(m["dayadj"]) if m["dayadj"] else None
        if day_shift is not None and ctx.dct is not None and (ctx.dct + dt.timedelta(days=day_shift)).isoweekday() == wd:
            value = (ctx.dct + dt.timedelta(days=day_shift)).isoformat()  # "am morgigen Sonntag"
            return ("TIME", value + "T" + code) if code else ("DATE", value)
        if shift in self.lex.shifts and self.lex.shifts[shift] != 0:
            direction = self.lex.shifts[shift]
        elif pre in ("seit", "vom"):
            direction = -1
        elif pre in ("bis", "ab") or (pre == "von" and m["an"]):
            direction = -1 if tense == "past" else 1
        else:
            # a weekday in a present-tense clause is the coming one ("am Sonntag wird gewählt"); in
            # a clause of unknown tense the last one (news narrate the past)
            direction = 1 if tense in ("future", "present") else -1
        value = self._weekday_date(ctx, wd, direction)
        if code:
            return "TIME", value + "T" + code
        return "DATE", value

    def _h_part_am(self, m, ctx, tense, before, sent, end):
        code = self.lex.day_parts.get(m["part"])
        if code is None:
            return None
        if ctx.ref is None:
            ctx.unresolved += 1
            return "TIME", "XXXX-XX-XXT" + code
        return "TIME", ctx.ref.isoformat() + "T" + code

    def _time_value(self, ctx, h: int, mm: int) -> str | None:
        if h > 24 or mm > 59:
            return None
        clock = f"T{h:02d}:{mm:02d}"
        ctx.clock_fallback = False
        if ctx.ref is not None and ctx.ref_sentence == ctx.sentence:
            return ctx.ref.isoformat() + clock  # the day named in the same sentence
        ctx.clock_fallback = True  # a day named later in the sentence may still claim it
        if ctx.dct is not None:
            return ctx.dct.isoformat() + clock
        ctx.unresolved += 1
        return "XXXX-XX-XX" + clock

    def _h_time(self, m, ctx, tense, before, sent, end):
        v = self._time_value(ctx, int(m["h"]), int(m["m"] or 0))
        return None if v is None else ("TIME", v)

    _h_part_night = _h_part_am
    _h_time_range = _h_time
    _h_time_um = _h_time

    def _h_duration(self, m, ctx, tense, before, sent, end):
        unit, is_time = self.lex.units[m["unit"]]
        vague = self.lex.number(m["num"]) is None
        n = None if vague else self.lex.number(m["num"])
        shift = m["shift"].lower() if m["shift"] else None
        if m["adj"] and m["adj"] in self.lex.shifts:
            return None
        if n is not None and n > 10000:
            return None
        if unit == "Y" and (self._age_before.search(before) or self._age_after.match(sent, end)):
            return None  # an age, not a duration
        if unit == "DE" and n is not None:
            unit, n = "Y", n * 10
        if unit == "CE" and n is not None:
            unit, n = "Y", n * 100
        if unit in ("DE", "CE"):
            unit = "DE" if unit == "DE" else "CE"
        amount = "X" if n is None else _fmt_num(n)
        if shift and vague and self.lex.shifts.get(shift, 0) > 0:
            return "DATE", "FUTURE_REF"
        if self.vor_as_date and re.search(r"\b[Vv]or\s*$", before) and n is not None and not is_time and unit in ("Y", "M", "W", "D") and float(n).is_integer():
            return self._ago(ctx, int(n), unit, m)
        if m["later"] and n is not None and float(n).is_integer():
            return self._later(ctx, int(n), unit, is_time, m["later"].strip())
        value = ("PT" if is_time else "P") + amount + unit
        if self._every.search(before) and n is not None:
            return "SET", value  # "alle zwei Jahre": every two years
        return "DURATION", value

    def _later(self, ctx, n: int, unit: str, is_time: bool, word: str):
        """"drei Tage später", "zwei Jahre zuvor": a point counted from the day last mentioned."""
        sign = -1 if word.lower() in self.lex.context["earlier"] else 1
        base = ctx.ref
        if is_time or base is None or unit not in ("Y", "M", "W", "D"):
            ctx.unresolved += base is None
            return "TIME" if is_time else "DATE", "XXXX-XX-XXTXX:XX" if is_time else "XXXX-XX-XX"
        if unit == "D":
            return "DATE", (base + dt.timedelta(days=sign * n)).isoformat()
        if unit == "W":
            y, w, _ = (base + dt.timedelta(weeks=sign * n)).isocalendar()
            return "DATE", f"{y:04d}-W{w:02d}"
        if unit == "M":
            y, mo = _add_months(base, sign * n)
            return "DATE", f"{y:04d}-{mo:02d}"
        return "DATE", f"{base.year + sign * n:04d}"

    def _ago(self, ctx, n, unit, m):
        if ctx.dct is None:
            ctx.unresolved += 1
            return "DATE", {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX"}[unit]
        if unit == "Y":
            return "DATE", f"{ctx.dct.year - n:04d}"
        if unit == "M":
            y, mo = _add_months(ctx.dct, -n)
            return "DATE", f"{y:04d}-{mo:02d}"
        if unit == "W":
            y, w, _ = (ctx.dct - dt.timedelta(weeks=n)).isocalendar()
            return "DATE", f"{y:04d}-W{w:02d}"
        return "DATE", (ctx.dct - dt.timedelta(days=n)).isoformat()

    def _h_duration_range(self, m, ctx, tense, before, sent, end):
        unit, is_time = self.lex.units[m["unit"]]
        n = self.lex.number(m["num"])
        if n is None or n > 10000 or unit in ("DE", "CE"):
            return None
        link = self._range_link_after.match(sent, end)
        second_before = sent[: link.end()] if link else before
        if unit == "Y" and (self._age_before.search(before) or self._age_before.search(second_before)
                            or self._age_after_range.match(sent, end)):
            return None  # ages: "31 und 22 Jahre alt", "Kinder zwischen sechs und elf Jahren"
        return "DURATION", ("PT" if is_time else "P") + _fmt_num(n) + unit

    def _h_ordinal_week(self, m, ctx, tense, before, sent, end):
        base = ctx.ref if ctx.ref is not None and ctx.ref != ctx.dct else None
        if base is None:
            return None  # "die erste Woche" of what? only after a date in the text
        if m["after"]:
            day = base + dt.timedelta(weeks=1)
        else:
            n = self.lex.ordinal(m["ord"])
            if n is None or not 1 <= n <= 5:
                return None
            day = base.replace(day=1) + dt.timedelta(weeks=n - 1)
        y, w, _ = day.isocalendar()
        return "DATE", f"{y:04d}-W{w:02d}"

    def _h_holiday(self, m, ctx, tense, before, sent, end):
        when = self.lex.holidays[re.sub(r"\s+", " ", m["h"])]
        if before[-1:] in _QUOTES and sent[m.end("h"):m.end("h") + 1] in _QUOTES:
            return None  # 'zum Thema "Weihnachten"': a name, not a day

        def day_in(year: int) -> dt.date:
            if when.startswith("easter"):
                return easter(year) + dt.timedelta(days=int(when[6:]))
            month, day = when.split("-")
            return dt.date(year, int(month), int(day))

        if m["y"]:
            return "DATE", day_in(int(m["y"])).isoformat()
        if ctx.dct is None:
            ctx.unresolved += 1
            return "DATE", "XXXX-XX-XX" if when.startswith("easter") else f"XXXX-{when}"
        d = day_in(ctx.dct.year)
        if tense == "past" and (d - ctx.dct).days > 30:
            d = day_in(ctx.dct.year - 1)
        elif tense in ("future", "present") and (ctx.dct - d).days > 30:
            d = day_in(ctx.dct.year + 1)
        return "DATE", d.isoformat()

    _RATE_BEFORE = re.compile(r"(?:\d[\d.,]*|mal)(?:\s+[\wäöüß-]+){0,3}\s*$")

    def _h_rate(self, m, ctx, tense, before, sent, end):
        """"200 Patienten am Tag", "dreimal in der Woche": a frequency (SET), only after a count."""
        if not self._RATE_BEFORE.search(before):
            return None
        return "SET", {"Tag": "P1D", "Monat": "P1M", "Jahr": "P1Y", "Woche": "P1W", "Stunde": "PT1H"}[m["u"]]

    def _h_ex_prefix(self, m, ctx, tense, before, sent, end):
        return "DATE", "PAST_REF"  # "Ex-Minister" (It-TimeML, KRAUTS)

    def _h_compound_duration(self, m, ctx, tense, before, sent, end):
        n = self.lex.number(m["num"])
        if n is None:
            return None
        u = m["unit"].lower()
        unit, is_time = {"t": ("D", False), "w": ("W", False), "j": ("Y", False), "m": ("M", False)}.get(u[0], ("H", True))
        if u.startswith("st"):
            unit, is_time = "H", True
        elif u.startswith("min"):
            unit, is_time = "M", True
        elif u.startswith("mo"):
            unit = "M"
        if unit == "Y" and re.match(r"\s+[A-ZÄÖÜ]", sent[end:]) and u.startswith("jährige"):
            return None  # "ein 30-jähriger Mann": an age
        return "DURATION", ("PT" if is_time else "P") + _fmt_num(n) + unit

    def _h_unit_compound(self, m, ctx, tense, before, sent, end):
        """"die 14-Tage-Frist": the duration inside a compound."""
        unit, is_time = self.lex.units[m["unit"]]
        if unit in ("DE", "CE"):
            return None
        return "DURATION", ("PT" if is_time else "P") + m["num"] + unit

    def _h_vague_unit(self, m, ctx, tense, before, sent, end):
        unit, _ = self.lex.units[m["unit"]]
        return "DURATION", f"PX{unit}"

    def _h_rel_period(self, m, ctx, tense, before, sent, end):
        shift_word = m["shift"].lower()
        shift = self.lex.shifts.get(shift_word, 0)
        u = m["unit"]
        plural = u in ("Jahren", "Jahre", "Monaten", "Monate", "Wochen", "Tagen", "Tage")
        if plural:
            if shift > 0:
                return "DATE", "FUTURE_REF"
            letter = {"J": "Y", "M": "M", "W": "W", "T": "D"}[u[0]]
            return "DURATION", f"PX{letter}"
        if u in ("Tag", "Tages"):
            if shift == 0:
                return "DATE", self._day(ctx, 0, ctx.ref)
            return "DATE", self._day(ctx, shift, ctx.ref)
        if u == "Woche":
            return "DATE", self._week(ctx, shift)
        if u == "Wochenende":
            return "DATE", self._weekend(ctx, shift, tense)
        if u in ("Monat", "Monats"):
            return "DATE", self._month(ctx, shift)
        if u == "Jahrzehnt":
            return None
        return "DATE", self._year(ctx, shift)

    def _weekend(self, ctx, shift: int, tense: str) -> str:
        if ctx.dct is None:
            ctx.unresolved += 1
            return "XXXX-WXX-WE"
        return self._week(ctx, shift) + "-WE"  # KRAUTS: the weekend of the publication week

    def _h_weekend(self, m, ctx, tense, before, sent, end):
        if re.search(r"\b(?:[Jj]ede[ns]?|[Ee]in|[Dd]ieses|[Nn]ächste[ns]?)\s*$", before):
            return None
        return "DATE", self._weekend(ctx, 0, tense)

    def _h_season(self, m, ctx, tense, before, sent, end):
        code = self.lex.seasons[m["s"]]
        if m["y"]:
            return "DATE", f"{m['y']}-{code}"
        shift = self.lex.shifts.get(m["shift"].lower(), 0) if m["shift"] else 0
        if ctx.narrative and ctx.year is not None:
            return "DATE", f"{_year_str(ctx.year[0] + shift)}-{code}"
        if ctx.dct is None:
            ctx.unresolved += 1
            return "DATE", f"XXXX-{code}"
        return "DATE", f"{ctx.dct.year + shift:04d}-{code}"

    def _h_quarter(self, m, ctx, tense, before, sent, end):
        n = self.lex.ordinal(m["ord"])
        if n is None:
            return None
        half = "hälfte" in m["u"].lower() or "halbjahr" in m["u"].lower()
        if (half and n > 2) or n > 4:
            return None
        year = m["y"] or self._year(ctx, 0)
        return "DATE", f"{year}-{'H' if half else 'Q'}{n}"


@lru_cache(maxsize=4)
def tagger(vor_as_date: bool = False, narrative: bool = False) -> TimeTagger:
    """One compiled tagger per setting, shared within a process."""
    return TimeTagger(vor_as_date=vor_as_date, narrative=narrative)
