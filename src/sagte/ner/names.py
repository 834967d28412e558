"""``sagte_ner_names``: adds entities the statistical NER missed, from a name list.

The list (``lang/de/ner_names.tsv``, written by ``sagte train ner``) holds every capitalised
word that occurs inside an entity of the NER training data, with how often it was inside an
entity of each label and how often it occurred at all. A word counts as a name of ``label``
when it occurred at least ``min_count`` times and at least ``min_ratio`` of its occurrences
were inside a ``label`` entity. The stage never changes an entity the model found: it only
tags runs of such words (same label, adjacent) that lie outside every entity.

Defaults (persons only, seen at least once, at least 70 % of the time inside a person) were
chosen on GermEval 2014 dev: about +1.5 F1 points for PER/LOC/ORG; adding LOC and ORG words
raised recall but cost as much precision.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lang import load_table

NAMES_FILE = "ner_names.tsv"


@lru_cache(maxsize=8)
def name_lexicon(min_count: int, min_ratio: float, labels: tuple[str, ...]) -> dict[str, str]:
    """word -> label for the words that pass the thresholds."""
    lexicon: dict[str, str] = {}
    for row in load_table(NAMES_FILE):
        total = int(row["total"])
        if row["label"] in labels and total >= min_count and int(row["in_entity"]) / total >= min_ratio:
            lexicon[row["word"]] = row["label"]
    return lexicon


@Language.factory(
    "sagte_ner_names",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"min_count": 1, "min_ratio": 0.7, "labels": ["PER"]},
)
def make_names(nlp: Language, name: str, *, min_count: int, min_ratio: float, labels: list[str]) -> "NameList":
    return NameList(nlp, name, min_count=min_count, min_ratio=min_ratio, labels=labels)


class NameList:
    def __init__(self, nlp: Language, name: str = "sagte_ner_names", *, min_count: int = 1, min_ratio: float = 0.7,
                 labels: list[str] | tuple[str, ...] = ("PER",)):
        self.name = name
        self.lexicon = name_lexicon(min_count, min_ratio, tuple(labels))

    def __call__(self, doc: Doc) -> Doc:
        covered = [False] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                covered[i] = True
        found: list[Span] = []
        i = 0
        while i < len(doc):
            label = None if covered[i] else self.lexicon.get(doc[i].text)
            if label is None:
                i += 1
                continue
            j = i + 1
            while j < len(doc) and not covered[j] and self.lexicon.get(doc[j].text) == label:
                j += 1
            found.append(Span(doc, i, j, label=label))
            i = j
        if found:
            doc.ents = sorted(list(doc.ents) + found, key=lambda span: span.start)
        return doc
