"""Time expressions: the ``sagte_times`` stage and :func:`time_in` for later stages."""

from __future__ import annotations

from spacy.tokens import Span

from ..extensions import SPANS_TIMES
from .component import TimeExpressions
from .tagger import Timex, TimeTagger

__all__ = ["TimeExpressions", "TimeTagger", "Timex", "time_in", "times_in"]


def times_in(span: Span) -> list[Span]:
    """The time expressions of ``span.doc`` that lie inside ``span`` (``[]`` when none)."""
    doc = span.doc
    return [t for t in doc.spans.get(SPANS_TIMES, []) if t.start >= span.start and t.end <= span.end]


def time_in(span: Span, *, types: tuple[str, ...] = ("DATE", "TIME")) -> str | None:
    """The TIMEX3 value of the first dated time expression inside ``span``, else ``None``.

    For the speech stage: given the frame of a statement ("sagte am Dienstag"), this is the
    day it was said. Only values that name a calendar day, month or year count (``PAST_REF``
    or a duration say nothing about when); a TIME is cut to its day.
    """
    for t in times_in(span):
        timex = t._.sagte_timex or {}
        value = timex.get("value") or ""
        if timex.get("type") in types and value[:4].isdigit():
            return value[:10] if timex.get("type") == "TIME" else value
    return None
