"""Plain functions that turn documents and statements into what the templates draw.

Nothing here writes HTML: the functions return small dataclasses, and the Jinja templates
(autoescaped) turn them into markup, so every text from an article is escaped in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..document import Document, Statement

#: colours per speaker, in order of first appearance (Okabe–Ito and Tol's muted scheme:
#: distinguishable with the common colour-vision deficiencies). The last one is for
#: statements whose speaker is unknown.
PALETTE = (
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00",
    "#56b4e9", "#882255", "#117733", "#999933", "#332288",
)
UNKNOWN_COLOUR = "#6b6b6b"
#: the timeline has one bar per month up to this many months, else one per year
YEARLY_AFTER_MONTHS = 72

KIND_LABELS = {
    "direct": "direct quote",
    "indirect": "indirect speech",
    "free_indirect": "free indirect speech",
    "indirect_free_indirect": "indirect / free indirect",
    "reported": "reported speech",
}
MEDIUM_LABELS = {"speech": "said", "writing": "wrote", "thought": "thought"}


@dataclass(frozen=True)
class Speaker:
    """One speaking identity in a document: an entity, or a speaker text without one."""

    key: str
    name: str
    colour: int  # index into PALETTE, or -1 for "unknown"
    entity: str | None = None  # the document's entity id
    roles: tuple[str, ...] = ()


@dataclass
class StatementView:
    id: str
    kind: str
    kind_label: str
    medium: str | None
    medium_label: str
    speaker: Speaker
    speaker_text: str | None
    time: str
    time_from_text: bool
    cue: str
    content: str
    confidence: float
    parent: str | None


@dataclass
class Segment:
    """A run of article text with the same marks. ``role`` is '', 'content', 'cue' or 'speaker'."""

    text: str
    role: str = ""
    statement: str | None = None
    colour: int = -1
    focus: bool = False  # the one tab stop of its statement


def speakers_of(doc: Document) -> dict[str, Speaker]:
    """Statement id -> its speaker identity, colours given in order of first appearance."""
    entities = {e.id: e for e in doc.entities}
    by_key: dict[str, Speaker] = {}
    result: dict[str, Speaker] = {}
    for st in sorted(doc.statements, key=_first_offset):
        mention = st.speaker
        if mention is None:
            result[st.id] = Speaker(key="", name="unknown speaker", colour=-1)
            continue
        ent = entities.get(mention.entity) if mention.entity else None
        key = f"entity:{ent.id}" if ent else "text:" + " ".join(mention.text.split()).casefold()
        if key not in by_key:
            by_key[key] = Speaker(
                key=key,
                name=ent.name if ent else " ".join(mention.text.split()),
                colour=len(by_key) % len(PALETTE),
                entity=ent.id if ent else None,
                roles=tuple(ent.roles) if ent else (),
            )
        result[st.id] = by_key[key]
    return result


def statement_views(doc: Document, speakers: dict[str, Speaker] | None = None) -> list[StatementView]:
    """The side list: who said what, in the order of the text."""
    speakers = speakers if speakers is not None else speakers_of(doc)
    views = []
    for st in sorted(doc.statements, key=_first_offset):
        time, from_text = statement_time(st, doc.date)
        views.append(
            StatementView(
                id=st.id,
                kind=st.kind,
                kind_label=KIND_LABELS.get(st.kind, st.kind),
                medium=st.medium,
                medium_label=MEDIUM_LABELS.get(st.medium or "", "unknown"),
                speaker=speakers[st.id],
                speaker_text=st.speaker.text if st.speaker else None,
                time=time,
                time_from_text=from_text,
                cue=" … ".join(c.text for c in st.cue),
                content=" […] ".join(c.text for c in st.content),
                confidence=st.confidence,
                parent=st.parent,
            )
        )
    return views


def statement_time(st: Statement, doc_date: str | None) -> tuple[str, bool]:
    """When it was said: the statement's own date if the text gives one, else the article's."""
    if st.date:
        return st.date, True
    if doc_date:
        return f"{doc_date} (article date)", False
    return "unknown", False


def segments(doc: Document, speakers: dict[str, Speaker] | None = None) -> list[Segment]:
    """Split the text into runs with one mark each (the template keeps line breaks).

    Statements may nest (a quote inside a quote) or share text; every run takes the mark of
    the innermost statement covering it, and a cue or speaker mention beats content. The
    first content run of each statement is its one keyboard tab stop.
    """
    speakers = speakers if speakers is not None else speakers_of(doc)
    text = doc.text
    # (start, end, priority, role, statement id); a higher priority wins, then the shorter span
    marks: list[tuple[int, int, int, str, str]] = []
    for st in doc.statements:
        for c in st.content:
            marks.append((c.start, c.end, 1, "content", st.id))
        for c in st.cue:
            marks.append((c.start, c.end, 2, "cue", st.id))
        if st.speaker is not None:
            marks.append((st.speaker.start, st.speaker.end, 2, "speaker", st.id))
    marks = [m for m in marks if 0 <= m[0] < m[1] <= len(text)]
    bounds = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    focused: set[str] = set()
    out: list[Segment] = []
    for a, b in zip(bounds, bounds[1:]):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        if not covering:
            out.append(Segment(text=text[a:b]))
            continue
        _, _, _, role, sid = max(covering, key=lambda m: (m[2], -(m[1] - m[0]), m[0]))
        focus = role == "content" and sid not in focused
        if focus:
            focused.add(sid)
        colour = speakers[sid].colour if sid in speakers else -1
        out.append(Segment(text=text[a:b], role=role, statement=sid, colour=colour, focus=focus))
    return out


def _first_offset(st: Statement) -> int:
    offsets = [c.start for c in st.content] + [c.start for c in st.cue]
    if st.speaker is not None:
        offsets.append(st.speaker.start)
    return min(offsets) if offsets else 0


# --- the timeline chart on the entity page -------------------------------------------------


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "2025-02: 3 statements"
    count: int


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    max_count: int
    undated: int
    baseline: float


def timeline(dates: Iterable[str | None], *, width: int = 640, height: int = 160) -> Timeline:
    """A monthly bar chart of statement dates (``YYYY-MM-DD…``), drawn by the template as SVG.

    Months without statements between the first and the last get an empty slot, so the
    x axis is time; undated statements are counted separately.
    """
    counts: dict[tuple[int, int], int] = {}
    undated = 0
    for d in dates:
        month = _month(d)
        if month is None:
            undated += 1
        else:
            counts[month] = counts.get(month, 0) + 1
    margin_left, margin_right, margin_bottom, margin_top = 28.0, 24.0, 22.0, 8.0
    baseline = height - margin_bottom
    if not counts:
        return Timeline(width, height, [], [], 0, undated, baseline)
    months = _month_range(min(counts), max(counts))
    if len(months) > YEARLY_AFTER_MONTHS:  # a long span: one slot per year, bars stay readable
        months_per_slot = 12
    else:
        months_per_slot = 1
    slots: list[tuple[str, int]] = []
    if months_per_slot == 12:
        years = range(months[0][0], months[-1][0] + 1)
        slots = [(str(y), sum(c for (yy, _), c in counts.items() if yy == y)) for y in years]
    else:
        slots = [(f"{y:04d}-{m:02d}", counts.get((y, m), 0)) for y, m in months]
    top = max(c for _, c in slots)
    slot_w = (width - margin_left - margin_right) / len(slots)
    usable = baseline - margin_top
    bars = []
    for i, (label, count) in enumerate(slots):
        h = usable * count / top if top else 0
        bars.append(Bar(x=margin_left + i * slot_w + slot_w * 0.1, y=baseline - h, width=max(slot_w * 0.8, 1.0), height=h,
                        label=f"{label}: {count} statement{'s' if count != 1 else ''}", count=count))
    every = max(1, len(slots) // 6)
    ticks = [Tick(x=margin_left + i * slot_w + slot_w / 2, label=label) for i, (label, _) in enumerate(slots) if i % every == 0]
    return Timeline(width, height, bars, ticks, top, undated, baseline)


def _month(value: str | None) -> tuple[int, int] | None:
    if not value or len(value) < 7:
        return None
    try:
        d = dt.date.fromisoformat(value[:7] + "-01")
    except ValueError:
        return None
    return d.year, d.month


def _month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    y, m = first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
