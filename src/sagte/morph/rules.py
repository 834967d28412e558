"""Mood, tense, person and number of German finite verbs, from the form, its lemma and the clause.

Plain functions over strings; the component (:mod:`sagte.morph.component`) feeds them tokens.
All German forms come from the data files under ``lang/de/morph/``.

Conventions (UD): Konjunktiv I = ``Mood=Sub|Tense=Pres``, Konjunktiv II = ``Mood=Sub|Tense=Past``.
Where Konjunktiv I or II has the same form as the indicative for that person (``ich habe``,
``sie haben``, ``er plante``), the form is indicative. The ``-e`` present forms (``plane, gebe,
habe, werde``) are 1st person indicative after ``ich`` and 3rd person Konjunktiv I otherwise;
``sollte/wollte`` are preterite indicative except in a verb-first conditional clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang import load_list, load_table

IND, SUB1, SUB2 = "ind", "sub1", "sub2"


@dataclass(frozen=True)
class Analysis:
    """A finite verb's features; ``person``/``number`` are ``None`` where the form does not show them."""

    mood: str
    tense: str
    person: str | None = None
    number: str | None = None
    lemma: str | None = None

    def ud_features(self) -> str:
        feats = {"Mood": "Ind" if self.mood == IND else "Sub", "Tense": self.tense, "VerbForm": "Fin"}
        if self.person:
            feats["Person"] = self.person
        if self.number:
            feats["Number"] = self.number
        return "|".join(f"{k}={feats[k]}" for k in sorted(feats))


@dataclass(frozen=True)
class Subject:
    """What the clause says about the subject: person/number of a nominative pronoun, if any."""

    person: str | None = None
    number: str | None = None


@lru_cache(maxsize=1)
def _finite_forms() -> dict[str, tuple[Analysis, ...]]:
    out: dict[str, list[Analysis]] = {}
    for row in load_table("morph/finite_forms.tsv"):
        person = None if row["person"] == "-" else row["person"]
        out.setdefault(row["form"], []).append(
            Analysis(row["mood"], row["tense"], person, row["number"], row["lemma"]))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _strong() -> dict[str, tuple[str, Analysis]]:
    """Every preterite and Konjunktiv II form of the strong verbs -> (base lemma, analysis)."""
    out: dict[str, tuple[str, Analysis]] = {}
    for row in load_table("morph/strong_verbs.tsv"):
        lemma, past, kii = row["lemma"], row["past"], row["kii"]
        # 2nd person forms without -e- (gabst, gabt, gäbst) are left out: they collide with
        # present forms of other verbs (lasst, drängt)
        if past.endswith("te"):  # mixed verbs: brachte, dachte
            stem = past[:-1]
            past_forms = {stem + "e": "Sing", stem + "est": "Sing2", stem + "en": "Plur", stem + "et": "Plur2"}
        else:
            past_forms = {past: "Sing", past + "en": "Plur"}
        kii_forms = {}
        if kii != "-" and kii != past:
            k = kii[:-1]
            kii_forms = {k + "e": "Sing", k + "est": "Sing2", k + "en": "Plur", k + "et": "Plur2"}
        for forms, mood in ((kii_forms, SUB2), (past_forms, IND)):
            for form, pn in forms.items():
                person = "2" if pn.endswith("2") else None
                number = "Sing" if pn.startswith("Sing") else "Plur"
                out[form] = (lemma, Analysis(mood, "Past", person, number, lemma))
    return out


@lru_cache(maxsize=1)
def _prefixes() -> tuple[str, ...]:
    return tuple(sorted(load_list("morph/verb_prefixes.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def subject_pronouns() -> dict[str, Subject]:
    return {row["form"]: Subject(row["person"], row["number"]) for row in load_table("morph/subject_pronouns.tsv")}


@lru_cache(maxsize=100_000)
def _strong_lookup(form: str) -> tuple[str, Analysis] | None:
    hit = _strong().get(form)
    if hit:
        return hit
    for prefix in _prefixes():
        if form.startswith(prefix) and len(form) > len(prefix) + 2:
            hit = _strong().get(form[len(prefix):])
            if hit:
                lemma, a = hit
                return prefix + lemma, Analysis(a.mood, a.tense, a.person, a.number, prefix + lemma)
    return None


def _choose(options: tuple[Analysis, ...], subject: Subject) -> Analysis:
    """Among the analyses of an ambiguous form, the one the subject agrees with."""
    if len(options) == 1:
        return options[0]
    person = subject.person or "3"
    fitting = [a for a in options if a.person in (None, person)] or list(options)
    return fitting[0]


def _stems(lemma: str) -> tuple[str, ...]:
    if lemma.endswith(("eln", "ern")):
        return (lemma[:-1], lemma[:-3] + lemma[-2])  # sammel-, samml-
    if lemma.endswith("en"):
        return (lemma[:-2],)
    if lemma.endswith("n"):
        return (lemma[:-1],)
    return ()


def is_preterite_or_kii(form: str) -> bool:
    """``sollte, wollte, sollten …``: forms that are preterite indicative and Konjunktiv II alike."""
    options = _finite_forms().get(form)
    return bool(options) and {a.mood for a in options} == {IND, SUB2}


@lru_cache(maxsize=1)
def conditional_words() -> frozenset[str]:
    return frozenset(load_list("morph/conditional_words.txt"))


def analyse_finite(form: str, lemma: str, subject: Subject, *, conditional: bool = False,
                   past_frame: bool = False, sentence_initial: bool = False) -> Analysis:
    """Mood, tense, person, number of a finite verb ``form`` (lower-cased) with the given ``lemma``.

    ``subject`` is what the clause shows about the subject. ``conditional``: the verb opens a
    conditional clause (``Sollte es regnen, …``) or one opened by ``wenn``/``falls``.
    ``past_frame``: another finite verb of the sentence is a preterite indicative (then ``sollte``
    reads "was to", else "should"). ``sentence_initial``: the verb opens the sentence with no
    subject pronoun in its clause, as in the diary style "Habe heute …" (1st person).
    """
    person = subject.person
    if sentence_initial and person is None:
        person = "1"
        subject = Subject("1", "Sing")
    options = _finite_forms().get(form)
    if options:
        moods = {a.mood for a in options}
        if moods == {IND, SUB2}:  # sollte, wollte
            if conditional:
                wanted = SUB2
            elif lemma == "sollen" or options[0].lemma == "sollen":
                wanted = IND if past_frame else SUB2
            else:
                wanted = IND
            options = tuple(a for a in options if a.mood == wanted)
        return _choose(options, subject)
    for stem in _stems(lemma):
        if not stem or not form.startswith(stem[: max(1, len(stem) - 2)]):
            continue
        rest = form[len(stem):] if form.startswith(stem) else None
        if rest == "e" or (lemma.endswith(("eln", "ern")) and form == lemma[:-3] + lemma[-2] + "e"):
            if person == "1":
                return Analysis(IND, "Pres", "1", "Sing", lemma)
            return Analysis(SUB1, "Pres", "3", "Sing", lemma)
        if rest in ("te", "ete"):
            return Analysis(IND, "Past", None, "Sing", lemma)
        if rest in ("ten", "eten"):
            return Analysis(IND, "Past", None, "Plur", lemma)
        if rest in ("test", "etest"):
            return Analysis(IND, "Past", "2", "Sing", lemma)
        if rest in ("tet", "etet") and not stem.endswith(("t", "d")):
            return Analysis(IND, "Past", "2", "Plur", lemma)
    hit = _strong_lookup(form)
    if hit:
        return hit[1]
    if form.endswith("st"):
        return Analysis(IND, "Pres", "2", "Sing", lemma)
    if form.endswith("en") or form.endswith("ern") or form.endswith("eln"):
        return Analysis(IND, "Pres", "1" if person == "1" else "3", "Plur", lemma)
    if form.endswith("t"):
        if subject.person == "2" and subject.number == "Plur":
            return Analysis(IND, "Pres", "2", "Plur", lemma)
        return Analysis(IND, "Pres", "3", "Sing", lemma)
    if form.endswith("e") and not form.endswith("te"):
        if person == "1":
            return Analysis(IND, "Pres", "1", "Sing", lemma)
        return Analysis(SUB1, "Pres", "3", "Sing", lemma)
    return Analysis(IND, "Pres", None, None, lemma)


@lru_cache(maxsize=100_000)
def is_finite_only(form: str) -> bool:
    """True for forms that can only be finite verbs (``seien``, ``hätten``), whatever the tagger said."""
    options = _finite_forms().get(form)
    return bool(options) and all(a.lemma != form for a in options)


@lru_cache(maxsize=100_000)
def lexicon_lemma(form: str) -> str | None:
    options = _finite_forms().get(form)
    if options:
        return options[0].lemma
    hit = _strong_lookup(form)
    return hit[0] if hit else None


@lru_cache(maxsize=100_000)
def looks_like_e_form(form: str, lemma: str) -> bool:
    """``arbeite, plane, sammle``: the verb's present stem plus ``-e`` (a Konjunktiv I or 1st person)."""
    if form == lemma or not lemma.endswith("n"):
        return False
    if lemma.endswith(("eln", "ern")) and form == lemma[:-3] + lemma[-2] + "e":
        return True
    return any(form == stem + "e" for stem in _stems(lemma))


@lru_cache(maxsize=100_000)
def is_strong_finite(form: str) -> bool:
    """A singular preterite or a Konjunktiv II of a strong verb from the table (``kam, käme, fänden``).

    Preterite plurals are left out: many equal a participle (``verloren, bezogen, geboten``).
    """
    hit = _strong_lookup(form)
    return hit is not None and not (hit[1].mood == IND and hit[1].number == "Plur")


@lru_cache(maxsize=1)
def _participles() -> dict[str, str]:
    return {row["participle"]: row["lemma"] for row in load_table("morph/strong_participles.tsv")}


@lru_cache(maxsize=1)
def _inseparable() -> tuple[str, ...]:
    return tuple(sorted(load_list("morph/inseparable_prefixes.txt"), key=len, reverse=True))


def _weak_stem_lemma(stem: str) -> str:
    if stem.endswith(("er", "el")):
        return stem + "n"  # geändert -> ändern
    if stem.endswith("e") and stem[:-1].endswith(("t", "d")):
        stem = stem[:-1]  # gearbeitet -> arbeit-
    return stem + "en"


@lru_cache(maxsize=100_000)
def strong_participle_lemma(form: str) -> str | None:
    """Infinitive of a strong or irregular participle, with prefixes: ``angekommen`` -> ``ankommen``,
    ``verstanden`` -> ``verstehen``; ``None`` if the table does not know it."""
    table = _participles()
    if form in table:
        return table[form]
    for prefix in _prefixes():
        rest = form[len(prefix):]
        if form.startswith(prefix) and rest in table and rest.startswith("ge"):
            return prefix + table[rest]
    for prefix in _inseparable():
        if form.startswith(prefix) and len(form) > len(prefix) + 3 and ("ge" + form[len(prefix):]) in table:
            return prefix + table["ge" + form[len(prefix):]]
    return None


@lru_cache(maxsize=100_000)
def weak_participle_lemma(form: str) -> str | None:
    """Infinitive of a weak participle by its shape: ``gefreut`` -> ``freuen``, ``abkassiert`` ->
    ``abkassieren``, ``angefragt`` -> ``anfragen``, ``verjährt`` -> ``verjähren``."""
    if not form.endswith("t") or len(form) < 5:
        return None
    if form.endswith("iert"):
        return form[:-1] + "en"
    for prefix in ("",) + _prefixes():
        if form.startswith(prefix + "ge") and len(form) > len(prefix) + 4:
            return prefix + _weak_stem_lemma(form[len(prefix) + 2:-1])
    for prefix in _inseparable():
        if form.startswith(prefix) and len(form) > len(prefix) + 3:
            return _weak_stem_lemma(form[:-1])
    return None
