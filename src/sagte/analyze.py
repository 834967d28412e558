"""The plain functions behind ``sagte analyze``: text in, :class:`Document` out."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language

from .convert import doc_to_document
from .document import Document
from .errors import DateError
from .textio import check_text


@lru_cache(maxsize=1)
def load() -> Language:
    """The pipeline with the shipped models, loaded once per process."""
    from .pipeline import create_pipeline

    return create_pipeline()


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise DateError(f"date {value!r} is not a valid YYYY-MM-DD date: give e.g. --date 2025-02-12.") from None


def document_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def analyze(
    text: str,
    *,
    date: str | dt.date | None = None,
    title: str | None = None,
    id: str | None = None,  # noqa: A002 - the contract's name
    nlp: Language | None = None,
) -> Document:
    """Analyse one article. ``date`` is its publication date (relative times need it)."""
    return next(iter(analyze_many([{"text": text, "date": date, "title": title, "id": id}], nlp=nlp)))


def analyze_many(records: Iterable[dict], *, nlp: Language | None = None, batch_size: int = 32) -> Iterator[Document]:
    """Analyse records ``{"text", "date"?, "title"?, "id"?}`` in order, streaming.

    Raises on the first bad record; callers that must keep going (``--jsonl``) check each
    record with :func:`prepare` first.
    """
    nlp = nlp or load()
    prepared = (prepare(r) for r in records)
    for doc in nlp.pipe(_make_docs(nlp, prepared), batch_size=batch_size):
        yield doc_to_document(doc)


def prepare(record: dict) -> dict:
    """Validate and clean one input record; raises a :class:`SagteError` saying what is wrong."""
    text = check_text(record.get("text") or "", source=f"article {record.get('id') or ''}".strip())
    return {
        "text": text,
        "date": parse_date(record.get("date")),
        "title": record.get("title"),
        "id": str(record["id"]) if record.get("id") not in (None, "") else document_id(text),
    }


def _make_docs(nlp: Language, prepared: Iterable[dict]):
    for rec in prepared:
        doc = nlp.make_doc(rec["text"])
        doc._.sagte_id = rec["id"]
        doc._.sagte_title = rec["title"]
        doc._.sagte_date = rec["date"]
        yield doc
