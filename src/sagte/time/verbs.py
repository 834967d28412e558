"""The tense of the clause around a time expression, read from the verbs' morphology.

Where ``sagte_morph`` ran before ``sagte_times``, every token has an STTS tag and finite verbs
carry ``Tense`` and ``Mood``. A time expression takes the tense of the nearest finite verb of
its clause together with the infinitives and participles that belong to it (its verbal complex):

- ``hat … gesagt``, ``ist … gekommen``, ``wäre … gesprungen``: a perfect auxiliary (see
  ``lang/de/time_verbs.tsv``) with a participle: past;
- ``wird … kommen``: the future auxiliary with an infinitive: future; ``würde … kommen`` (a
  conditional) is present; ``wird … gewählt`` is the passive and takes the auxiliary's own tense;
- ``soll … eröffnet werden``: a future modal in the present: future;
- otherwise the finite verb's own ``Tense`` (indicative ``Past``: past; else present).

A clause with no finite verb takes the sentence's tense (past before future before present, as
the word-list fallback in :class:`~sagte.time.tagger.TimeTagger` does). Without morphology the
tagger uses its word lists (``tense_markers.tsv``) instead.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.attrs import IDX
from spacy.tokens import Doc

from ..lang import load_table

FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
PARTICIPLE_TAGS = frozenset({"VVPP", "VAPP", "VMPP"})
INFINITIVE_TAGS = frozenset({"VVINF", "VAINF", "VMINF", "VVIZU"})
#: tokens that end a clause (the same marks as the word-list fallback's clause breaks)
CLAUSE_BREAKS = frozenset({",", ";", ":", "„", "“", "”", '"', "»", "«", "(", ")", "–", "—"})
_ORDER = ("past", "future", "present")


@lru_cache(maxsize=1)
def verb_roles() -> dict[str, str]:
    """Lemma -> role (``perfect``, ``future``, ``future_modal``) from ``time_verbs.tsv``."""
    return {row["lemma"]: row["role"] for row in load_table("time_verbs.tsv")}


def has_morphology(doc: Doc) -> bool:
    """Whether a tagger (``sagte_morph``) has put STTS tags on ``doc``."""
    return len(doc) > 0 and doc.has_annotation("TAG")


class VerbTenses:
    """``tenses(start, end)``: ``past``, ``future`` or ``present`` for the characters
    ``start:end`` of ``doc``, or ``None`` when its sentence has no finite verb. Sentences are
    analysed when first asked about (only those with a time expression cost anything)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.roles = verb_roles()
        self._starts = [int(i) for i in doc.to_array([IDX])]
        self._sentences: dict[int, tuple[list[int], dict[int, str]]] = {}

    def __call__(self, start: int, end: int) -> str | None:
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = max(bisect_right(self._starts, max(end - 1, start)) - 1, first)
        sent = self.doc[first].sent
        breaks, finite = self._sentence(sent)
        if not finite:
            return None
        left = max((b for b in breaks if b < first), default=sent.start - 1)
        right = min((b for b in breaks if b > last), default=sent.end)
        in_clause = [i for i in finite if left < i < right]
        if not in_clause:
            kinds = set(finite.values())
            return next(k for k in _ORDER if k in kinds)
        nearest = min(in_clause, key=lambda i: (first - i) if i < first else (i - last))
        return finite[nearest]

    def _sentence(self, sent) -> tuple[list[int], dict[int, str]]:
        if sent.start in self._sentences:
            return self._sentences[sent.start]
        doc = self.doc
        breaks = [t.i for t in sent if t.text in CLAUSE_BREAKS]
        finite_ids = [t.i for t in sent if t.tag_ in FINITE_TAGS]
        complexes: dict[int, list[int]] = {i: [] for i in finite_ids}
        for t in sent:
            if t.tag_ in PARTICIPLE_TAGS or t.tag_ in INFINITIVE_TAGS:
                owner = self._owner(t, sent, breaks, finite_ids)
                if owner is not None:
                    complexes[owner].append(t.i)
        finite = {i: self._tense(doc[i], [doc[j] for j in complexes[i]]) for i in finite_ids}
        self._sentences[sent.start] = (breaks, finite)
        return breaks, finite

    def _owner(self, token, sent, breaks: list[int], finite_ids: list[int]) -> int | None:
        """The finite verb an infinitive or participle belongs to: the one that closes its verb
        cluster ("gewählt wird", "kommen können wird"), else the nearest before it in the clause
        (the left bracket: "haben … abgeschlossen und sind … geheilt"), else the nearest after it."""
        doc = self.doc
        j = token.i + 1
        while j < sent.end and doc[j].tag_.startswith("V"):
            if doc[j].tag_ in FINITE_TAGS:
                return j
            j += 1
        lo = max((b for b in breaks if b < token.i), default=sent.start - 1)
        hi = min((b for b in breaks if b > token.i), default=sent.end)
        before = [i for i in finite_ids if lo < i < token.i]
        if before:
            return before[-1]
        after = [i for i in finite_ids if token.i < i < hi]
        return after[0] if after else None

    def _tense(self, verb, rest) -> str:
        role = self.roles.get(verb.lemma_)
        tense = verb.morph.get("Tense")
        mood = verb.morph.get("Mood")
        past = "Past" in tense
        subjunctive = "Sub" in mood
        participle = any(t.tag_ in PARTICIPLE_TAGS for t in rest)
        infinitive = any(t.tag_ in INFINITIVE_TAGS for t in rest)
        if role == "perfect" and (participle or any(t.tag_ == "VMINF" for t in rest)):
            return "past"  # hat … gesagt, war … gekommen, wäre … gesprungen, hätte … gewinnen können
        if role == "future":
            if infinitive:
                return "present" if past and subjunctive else "future"  # würde kommen / wird kommen
            return "past" if past and not subjunctive else "present"  # wurde gewählt / wird gewählt
        if role == "future_modal" and infinitive and (not past or subjunctive):
            return "future"  # soll … eröffnet werden, möchte … kommen
        if past and not subjunctive:
            return "past"
        return "present"
