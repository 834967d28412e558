"""The ``sagte_quantities`` pipeline stage: amounts on ``doc.spans["sagte_quantities"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import SPANS_QUANTITIES, SPANS_TIMES, register_extensions
from ..time.component import sentence_bounds
from .tagger import quantity_tagger


@Language.factory(
    "sagte_quantities",
    assigns=["doc.spans", "span._.sagte_quantity"],
    requires=["token.is_sent_start"],
    default_config={},
)
def make_quantities(nlp: Language, name: str) -> "Quantities":
    return Quantities(nlp, name)


class Quantities:
    """Numbers with scale, unit or counted noun, hedges and ranges; skips the spans of ``sagte_times``."""

    def __init__(self, nlp: Language, name: str = "sagte_quantities"):
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        sentences = sentence_bounds(doc)
        blocked = [(t.start_char, t.end_char) for t in doc.spans.get(SPANS_TIMES, [])]
        spans = []
        for a in quantity_tagger().tag(doc.text, sentences, blocked):
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None or (spans and span.start < spans[-1].end):
                continue
            if any(span.start_char < e and s < span.end_char for s, e in blocked):
                continue
            span._.sagte_quantity = a.fields()
            spans.append(span)
        doc.spans[SPANS_QUANTITIES] = spans
        return doc
