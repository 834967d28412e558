"""What the document and entity pages draw: highlight runs, speaker colours, the timeline."""

from __future__ import annotations

import pytest
from web_articles import HAUSHALT, RADWEG, SOMMER, build

from sagte.web import render


@pytest.mark.parametrize("doc", [RADWEG, HAUSHALT, SOMMER], ids=lambda d: d.id)
def test_runs_cover_the_text_exactly(doc):
    assert "".join(s.text for s in render.segments(doc)) == doc.text


def _marked(doc, role):
    return [(s.text, s.statement) for s in render.segments(doc) if s.role == role]


@pytest.mark.parametrize("role, expected", [
    ("cue", [("sagte", "q1"), ("erklärte", "q2"), ("Laut", "q3"), ("schrieb", "q4")]),
    ("speaker", [("Beispiel", "q1"), ("Karl Muster", "q2"), ("Muster", "q3"), ("Lena Probe", "q4")]),
    ("content", [("„Wir haben lange genug gewartet“", "q1"), ("Beispiel habe die Kosten unterschätzt", "q2"),
                 ("fehlen rund drei Millionen Euro", "q3"), ("Muster solle das Geld freigeben", "q4")]),
])
def test_cue_speaker_and_content_runs(role, expected):
    assert _marked(RADWEG, role) == expected


def test_one_tab_stop_per_statement():
    focus = [s.statement for s in render.segments(RADWEG) if s.focus]
    assert focus == ["q1", "q2", "q3", "q4"]


def test_speaker_colours_follow_identity_not_spelling():
    # Karl Muster (q2) and "Muster" (q3) are one entity: one colour; Beispiel and Probe differ
    sp = render.speakers_of(RADWEG)
    assert sp["q2"].colour == sp["q3"].colour
    assert len({sp["q1"].colour, sp["q2"].colour, sp["q4"].colour}) == 3
    assert sp["q3"].name == "Karl Muster" and sp["q3"].roles == ("Verkehrsminister",)


def test_unknown_speaker_gets_the_grey_colour():
    # SOMMER's q2 has a speaker without an entity ("Ein Anwohner"); a statement without any
    # speaker is "unknown speaker"
    doc = build("x", "2025-01-01", "t", "Es hieß, alles sei gut.", [],
                [{"id": "q1", "kind": "reported", "content": [("alles sei gut", 0)], "cue": [("hieß", 0)]}])
    assert render.speakers_of(doc)["q1"].colour == -1
    assert render.speakers_of(SOMMER)["q2"].name == "Ein Anwohner"


def test_nested_statement_marks_the_inner_content():
    text = "„Sie sagte mir: Wir bleiben“, berichtete Muster."
    doc = build("n", "2025-01-01", "t", text,
                [{"id": "e1", "name": "Muster", "type": "PER", "mentions": [("Muster", 0)]}],
                [{"id": "q1", "kind": "direct", "content": [("„Sie sagte mir: Wir bleiben“", 0)], "cue": [("berichtete", 0)],
                  "speaker": ("Muster", 0, "e1")},
                 {"id": "q2", "kind": "direct", "content": [("Wir bleiben", 0)], "cue": [("sagte", 0)],
                  "speaker": ("Sie", 0, None), "parent": "q1"}])
    runs = [(s.text, s.role, s.statement) for s in render.segments(doc) if s.role]
    assert runs == [
        ("„", "content", "q1"), ("Sie", "speaker", "q2"), (" ", "content", "q1"), ("sagte", "cue", "q2"),
        (" mir: ", "content", "q1"), ("Wir bleiben", "content", "q2"), ("“", "content", "q1"),
        ("berichtete", "cue", "q1"), ("Muster", "speaker", "q1"),
    ]


@pytest.mark.parametrize("statement, time", [
    ("q1", "2025-02-10 (article date)"),
])
def test_statement_time_falls_back_to_the_article_date(statement, time):
    views = {v.id: v for v in render.statement_views(RADWEG)}
    assert views[statement].time == time


def test_statement_time_from_the_text_wins():
    doc = build("d", "2025-02-10", "t", "Muster sagte, es reiche.", [],
                [{"id": "q1", "kind": "indirect", "content": [("es reiche", 0)], "cue": [("sagte", 0)],
                  "speaker": ("Muster", 0, None), "date": "2025-02-07"}])
    assert render.statement_views(doc)[0].time == "2025-02-07"


@pytest.mark.parametrize("dates, counts, undated", [
    (["2025-01-03", "2025-01-20", "2025-03-01"], [2, 0, 1], 0),  # February is an empty slot
    (["2024-12-31", "2025-01-01", None, "XXXX-XX"], [1, 1], 2),
    ([None], [], 1),
])
def test_timeline_is_monthly_with_gaps(dates, counts, undated):
    chart = render.timeline(dates)
    assert [b.count for b in chart.bars] == counts
    assert chart.undated == undated


def test_timeline_bar_heights_are_proportional():
    chart = render.timeline(["2025-01-01"] * 4 + ["2025-02-01"] * 2)
    tall, short = chart.bars
    assert tall.height == pytest.approx(2 * short.height)
    assert tall.y + tall.height == pytest.approx(chart.baseline)
    assert tall.label == "2025-01: 4 statements"


def test_store_pool_lends_each_connection_to_one_thread_at_a_time():
    import threading
    import time

    from sagte.web.corpus import StorePool

    opened: list[object] = []
    in_use: set[int] = set()
    clashes: list[int] = []
    guard = threading.Lock()

    def opener():
        store = object()
        opened.append(store)
        return store

    pool = StorePool(opener, size=2)

    def work():
        for _ in range(20):
            with pool.borrow() as store:
                with guard:
                    if id(store) in in_use:
                        clashes.append(id(store))
                    in_use.add(id(store))
                time.sleep(0.0005)
                with guard:
                    in_use.discard(id(store))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert clashes == [] and len(opened) == 2


def test_timeline_of_a_long_span_has_one_bar_per_year():
    chart = render.timeline(["2004-12-06", "2010-04-01", "2010-04-02", "2021-02-09"])
    assert [b.label for b in chart.bars if b.count] == ["2004: 1 statement", "2010: 2 statements", "2021: 1 statement"]
    assert len(chart.bars) == 18  # 2004 … 2021
