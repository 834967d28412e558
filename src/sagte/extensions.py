"""Namespaced ``Doc``/``Span`` extensions, registered once (guarded by ``has_extension``).

Every stage writes its results onto the ``Doc``; the converter (:mod:`sagte.convert`) is the
only place that turns them into the public document.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# spans groups (doc.spans[...]) used by the stages
SPANS_TIMES = "sagte_times"
SPANS_QUANTITIES = "sagte_quantities"
SPANS_CONTENT = "sagte_content"
SPANS_CUES = "sagte_cues"
SPANS_SPEAKERS = "sagte_speakers"


def register_extensions() -> None:
    """Register the ``sagte_*`` extensions; safe to call more than once."""
    doc_ext = {
        "sagte_id": None,  # document id
        "sagte_title": None,
        "sagte_date": None,  # publication date, datetime.date or None
        "sagte_statements": None,  # list[sagte.speech.model.Statement], set by the speech stage
        "sagte_entities": None,  # list[sagte.entities.model.EntityCluster]
        "sagte_warnings": None,  # list[str]: what a stage refused to guess, and why
    }
    for name, default in doc_ext.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    span_ext = {
        "sagte_timex": None,  # {"type": ..., "value": ...}
        "sagte_quantity": None,  # {"value": ..., "unit": ..., "approximate": ..., "low", "high"}
    }
    for name, default in span_ext.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    tok_ext = {
        "sagte_quote_depth": 0,  # how many quotation marks enclose the token
        "sagte_time_token": False,  # inside a time expression (set by the speech stage from doc.spans)
    }
    for name, default in tok_ext.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)
    if not Token.has_extension("sagte_mood"):  # "ind" / "sub1" / "sub2" / None, read from token.morph
        Token.set_extension("sagte_mood", getter=token_mood)


def token_mood(token: Token) -> str | None:
    """Mood of a finite verb from ``token.morph`` (set by ``sagte_morph``): Konjunktiv I = Sub + Pres."""
    mood = token.morph.get("Mood")
    if mood == ["Ind"]:
        return "ind"
    if mood == ["Sub"]:
        return "sub2" if token.morph.get("Tense") == ["Past"] else "sub1"
    return None


def warn(doc: Doc, message: str) -> None:
    if doc._.sagte_warnings is None:
        doc._.sagte_warnings = []
    doc._.sagte_warnings.append(message)
