"""The one converter from a processed ``Doc`` to the public :class:`Document`."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .document import Document, Entity, Mention, Quantity, Sentence, Span as SpanModel, Statement, Time
from .extensions import SPANS_QUANTITIES, SPANS_TIMES

_ENT_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "OTH": "MISC"}


def _span(text: str, start: int, end: int) -> SpanModel:
    return SpanModel(start=start, end=end, text=text[start:end])


def _trimmed(span: Span) -> tuple[int, int]:
    """Character offsets of ``span`` without surrounding whitespace."""
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    end = span.start_char + len(text.rstrip())
    return start, max(start, end)


def doc_to_document(doc: Doc) -> Document:
    text = doc.text
    sentences = []
    for sent in doc.sents:
        start, end = _trimmed(sent)
        if end > start:
            sentences.append(Sentence(start=start, end=end))

    entities, entity_of_token = _entities(doc, text)
    statements = _statements(doc, text, entity_of_token)
    times = [
        Time(**_span(text, s.start_char, s.end_char).model_dump(), **s._.sagte_timex)
        for s in doc.spans.get(SPANS_TIMES, [])
        if s._.sagte_timex
    ]
    quantities = [
        Quantity(**_span(text, s.start_char, s.end_char).model_dump(), **s._.sagte_quantity)
        for s in doc.spans.get(SPANS_QUANTITIES, [])
        if s._.sagte_quantity
    ]
    date = doc._.sagte_date
    return Document(
        id=doc._.sagte_id or "",
        title=doc._.sagte_title,
        date=date.isoformat() if date else None,
        text=text,
        sentences=sentences,
        entities=entities,
        statements=statements,
        times=times,
        quantities=quantities,
        warnings=list(doc._.sagte_warnings or []),
    )


def _entities(doc: Doc, text: str) -> tuple[list[Entity], dict[int, str]]:
    """Entities from the entity stage's clusters, or one per distinct name in ``doc.ents``."""
    clusters = doc._.sagte_entities
    if clusters is None:
        from .entities.clusters import clusters_from_ents

        clusters = clusters_from_ents(doc)
    entities, entity_of_token = [], {}
    for n, cluster in enumerate(clusters, start=1):
        eid = f"e{n}"
        mentions = [_span(text, m.start_char, m.end_char) for m in cluster.mentions]
        entities.append(
            Entity(id=eid, name=cluster.name, type=_ENT_TYPES.get(cluster.label, "MISC"), mentions=mentions, roles=list(cluster.roles))
        )
        for m in cluster.mentions:
            for i in range(m.start, m.end):
                entity_of_token.setdefault(i, eid)
    return entities, entity_of_token


def _mention(text: str, span: Span | None, entity_of_token: dict[int, str], entity: str | None = None) -> Mention | None:
    if span is None:
        return None
    if entity is None:
        # the entity of the mention's head: its last name-like token that belongs to one
        for i in range(span.end - 1, span.start - 1, -1):
            if i in entity_of_token:
                entity = entity_of_token[i]
                break
    return Mention(start=span.start_char, end=span.end_char, text=text[span.start_char : span.end_char], entity=entity)


def _eid(cluster: int | None) -> str | None:
    return None if cluster is None else f"e{cluster + 1}"


def _statements(doc: Doc, text: str, entity_of_token: dict[int, str]) -> list[Statement]:
    found = doc._.sagte_statements or []
    out = []
    for n, st in enumerate(found, start=1):
        out.append(
            Statement(
                id=f"q{n}",
                kind=st.kind,
                medium=st.medium,
                content=[_span(text, *_trimmed(s)) for s in st.content],
                cue=[_span(text, s.start_char, s.end_char) for s in st.cue],
                speaker=_mention(text, st.speaker, entity_of_token, _eid(st.speaker_cluster)),
                addressee=_mention(text, st.addressee, entity_of_token, _eid(st.addressee_cluster)),
                confidence=round(float(st.confidence), 3),
                parent=f"q{st.parent + 1}" if st.parent is not None else None,
                date=st.date,
            )
        )
    return out
