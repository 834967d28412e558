"""The ``sagte_speech`` pipeline stage: finds statements and writes them onto the Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import SPANS_CONTENT, SPANS_CUES, SPANS_SPEAKERS, warn
from .extract import SpeechExtractor


@Language.factory(
    "sagte_speech",
    assigns=["doc._.sagte_statements", "doc.spans"],
    requires=["token.is_sent_start"],
    default_config={"min_direct_tokens": 4, "min_reported_precision": 0.2},
)
def make_speech(nlp: Language, name: str, *, min_direct_tokens: int, min_reported_precision: float) -> "SpeechStage":
    return SpeechStage(nlp, name, min_direct_tokens=min_direct_tokens, min_reported_precision=min_reported_precision)


class SpeechStage:
    def __init__(self, nlp: Language, name: str = "sagte_speech", *, min_direct_tokens: int = 4,
                 min_reported_precision: float = 0.2):
        self.name = name
        self.extractor = SpeechExtractor(min_direct_tokens=min_direct_tokens, min_reported_precision=min_reported_precision)

    def __call__(self, doc: Doc) -> Doc:
        statements, refusals = self.extractor(doc)
        for refusal in refusals:
            warn(doc, f"quotation marks at character {doc[refusal.token].idx}: {refusal.reason}; not guessed")
        doc._.sagte_statements = statements
        doc.spans[SPANS_CONTENT] = [s for st in statements for s in st.content]
        doc.spans[SPANS_CUES] = [s for st in statements for s in st.cue]
        doc.spans[SPANS_SPEAKERS] = [st.speaker for st in statements if st.speaker is not None]
        return doc
