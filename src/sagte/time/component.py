"""The ``sagte_times`` pipeline stage: TIMEX3 time expressions on ``doc.spans["sagte_times"]``."""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import SPANS_TIMES, register_extensions, warn
from .tagger import tagger
from .verbs import VerbTenses, has_morphology


@Language.factory(
    "sagte_times",
    assigns=["doc.spans", "span._.sagte_timex"],
    requires=["token.is_sent_start"],
    default_config={"vor_as_date": False, "narrative": False},
)
def make_times(nlp: Language, name: str, *, vor_as_date: bool, narrative: bool) -> "TimeExpressions":
    return TimeExpressions(nlp, name, vor_as_date=vor_as_date, narrative=narrative)


class TimeExpressions:
    """Finds German time expressions and normalises them against ``doc._.sagte_date``.

    ``vor_as_date``: read "vor drei Jahren" as the DATE three years before the publication
    date (TimeBank style) instead of the DURATION "drei Jahren" (KRAUTS style, the default).
    ``narrative``: resolve "im April", "am 3. Mai" against the last year the text named, not the
    publication date (histories, encyclopaedia articles), and read "heute" as the present.
    """

    def __init__(self, nlp: Language, name: str = "sagte_times", *, vor_as_date: bool = False, narrative: bool = False):
        register_extensions()
        self.name = name
        self.vor_as_date = vor_as_date
        self.narrative = narrative

    def __call__(self, doc: Doc) -> Doc:
        found, warnings = self.find(doc)
        spans = []
        for t in found:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None or (spans and span.start < spans[-1].end):
                continue
            span._.sagte_timex = {"type": t.type, "value": t.value}
            spans.append(span)
        doc.spans[SPANS_TIMES] = spans
        for message in warnings:
            warn(doc, message)
        return doc

    def find(self, doc: Doc):
        # the verbs' morphology decides past or future where sagte_morph ran; else word lists
        verb_tense = VerbTenses(doc) if has_morphology(doc) else None
        return tagger(self.vor_as_date, self.narrative).tag(doc.text, doc._.sagte_date, sentence_bounds(doc),
                                                            verb_tense=verb_tense)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]] | None:
    """Character offsets of the sentences (``None`` before sentence splitting), read from arrays
    so that no ``Token`` objects are made (the cheap way for long documents)."""
    if not len(doc):
        return None
    arr = doc.to_array([SENT_START, IDX, LENGTH])
    if not arr[:, 0].any():
        return None
    first = [0] + [int(i) for i in arr[1:, 0].nonzero()[0] + 1 if arr[i, 0] == 1]
    last = [i - 1 for i in first[1:]] + [len(doc) - 1]
    return [(int(arr[a, 1]), int(arr[b, 1] + arr[b, 2])) for a, b in zip(first, last)]
