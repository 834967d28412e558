"""Small articles we wrote, built as contract ``Document``s, for the store, ingest and CLI tests.

``article(...)`` finds every offset by searching the text, so a reader checks each case by eye.
"""

from __future__ import annotations

import re

from sagte.document import Document, Entity, Mention, Span, Statement


def _spans(text: str, needle: str) -> list[Span]:
    return [Span(start=m.start(), end=m.end(), text=needle) for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]


def _first(text: str, needle: str, after: int = 0) -> Span:
    at = text.index(needle, after)
    return Span(start=at, end=at + len(needle), text=needle)


def article(doc_id: str, date: str | None, text: str, *, entities: dict[str, tuple], statements: list[dict], title=None) -> Document:
    """``entities``: name -> (type, [mention strings], [roles]); ``statements``: dicts with
    ``content``, ``cue``, ``speaker`` (a mention string or None), ``kind`` (default direct)."""
    ents = []
    for n, (name, (type_, mentions, *rest)) in enumerate(entities.items(), start=1):
        spans = sorted({(s.start, s.end): s for m in mentions for s in _spans(text, m)}.values(), key=lambda s: s.start)
        ents.append(Entity(id=f"e{n}", name=name, type=type_, mentions=spans, roles=list(rest[0]) if rest else []))
    sts = []
    for n, st in enumerate(statements, start=1):
        content = _first(text, st["content"])
        cue = _first(text, st["cue"])
        speaker = None
        if st.get("speaker"):
            sp = _first(text, st["speaker"], st.get("speaker_after", 0))
            eid = next((e.id for e in ents for m in e.mentions if m.start <= sp.start and sp.end <= m.end), None)
            speaker = Mention(start=sp.start, end=sp.end, text=sp.text, entity=eid)
        sts.append(Statement(id=f"q{n}", kind=st.get("kind", "direct"), medium="speech", content=[content], cue=[cue],
                             speaker=speaker, confidence=st.get("confidence", 0.9), date=st.get("date")))
    return Document(id=doc_id, title=title, date=date, text=text, entities=ents, statements=sts)


PESKOW_1 = article(
    "a1", "2025-02-10",
    "„Wir sehen keinen Grund für Gespräche mit Wolodymyr Selenskyj“, sagte Kreml-Sprecher Dmitrij Peskow am Montag. "
    "Peskow fügte hinzu, Moskau prüfe alle Vorschläge.",
    entities={
        "Dmitrij Peskow": ("PER", ["Dmitrij Peskow", "Peskow"], ["Kreml-Sprecher"]),
        "Wolodymyr Selenskyj": ("PER", ["Wolodymyr Selenskyj"]),
        "Moskau": ("LOC", ["Moskau"]),
    },
    statements=[
        {"content": "Wir sehen keinen Grund für Gespräche mit Wolodymyr Selenskyj", "cue": "sagte", "speaker": "Dmitrij Peskow"},
        {"content": "Moskau prüfe alle Vorschläge", "cue": "fügte hinzu", "speaker": "Peskow", "kind": "indirect"},
    ],
    title="Kreml lehnt Gespräche ab",
)

PESKOW_2 = article(
    "a2", "2025-03-04",
    "Der Kreml-Sprecher Dmitri Peskov sagte, Präsident Wolodymyr Selenskyj müsse zuerst die Waffen niederlegen. "
    "„Das ist inakzeptabel“, erklärte Selenskyj in Kiew.",
    entities={
        "Dmitri Peskov": ("PER", ["Dmitri Peskov"], ["Kreml-Sprecher"]),
        "Wolodymyr Selenskyj": ("PER", ["Wolodymyr Selenskyj", "Selenskyj"], ["Präsident"]),
        "Kiew": ("LOC", ["Kiew"]),
    },
    statements=[
        {"content": "Präsident Wolodymyr Selenskyj müsse zuerst die Waffen niederlegen", "cue": "sagte",
         "speaker": "Dmitri Peskov", "kind": "indirect"},
        {"content": "Das ist inakzeptabel", "cue": "erklärte", "speaker": "Selenskyj", "speaker_after": 100},
    ],
)

TRUMPS = article(
    "a3", "2025-04-01",
    "Donald Trump sagte, die Zölle seien ein Erfolg. Melania Trump erklärte dagegen, sie lese keine Zeitungen. "
    "Die Ministerin sagte, man prüfe die Zölle.",
    entities={
        "Donald Trump": ("PER", ["Donald Trump"]),
        "Melania Trump": ("PER", ["Melania Trump"]),
    },
    statements=[
        {"content": "die Zölle seien ein Erfolg", "cue": "sagte", "speaker": "Donald Trump", "kind": "indirect"},
        {"content": "sie lese keine Zeitungen", "cue": "erklärte", "speaker": "Melania Trump", "kind": "indirect"},
        {"content": "man prüfe die Zölle", "cue": "sagte", "speaker": "Die Ministerin", "kind": "indirect"},
    ],
)

ARTICLES = (PESKOW_1, PESKOW_2, TRUMPS)


# -- stores on both backends ------------------------------------------------------------------
import os  # noqa: E402
from contextlib import contextmanager  # noqa: E402
import uuid  # noqa: E402

import pytest  # noqa: E402

BACKENDS = ("sqlite", "postgresql")


def pg_admin_url() -> str:
    """``SAGTE_TEST_PG`` (set by ``. .ci/postgres.sh``); skips without it, fails under CI=1."""
    url = os.environ.get("SAGTE_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("SAGTE_TEST_PG is not set in CI: source .ci/postgres.sh before running the tests")
        pytest.skip("SAGTE_TEST_PG is not set: run `. .ci/postgres.sh` to test the PostgreSQL store")
    return url


@contextmanager
def empty_store_url(backend: str, folder):
    """A URL for an empty store: a SQLite file in ``folder``, or a fresh PostgreSQL schema."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'corpus.db'}"
        return
    import psycopg

    admin = pg_admin_url()
    name = f"sagte_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in admin else "?"
    yield f"{admin}{sep}options=-csearch_path%3D{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """A URL for an empty store, on each backend."""
    with empty_store_url(request.param, tmp_path) as url:
        yield url
