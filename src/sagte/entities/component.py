"""The ``sagte_entities`` pipeline stage: one entity per referent, and the speakers resolved."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .resolve import build_entities


@Language.factory(
    "sagte_entities",
    assigns=["doc._.sagte_entities"],
    requires=["doc._.sagte_statements"],
    default_config={},
)
def make_entities(nlp: Language, name: str) -> "EntityStage":
    return EntityStage(nlp, name)


class EntityStage:
    """Groups name mentions into entities (``doc._.sagte_entities``) and sets each statement's
    ``speaker_cluster`` / ``addressee_cluster`` (see :mod:`sagte.entities.resolve`)."""

    def __init__(self, nlp: Language, name: str = "sagte_entities"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.sagte_entities = build_entities(doc)
        return doc
