"""Every span's text is exactly ``text[start:end]``, whatever the input (property test)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = ["Die", "Ministerin", "sagte", "er", "habe", "keine", "Zeit", "laut", "Polizei", "so", "Müller", "am",
         "Dienstag", "3,5", "Millionen", "Euro", "dass", "sei", "Merkel", "erklärte", "nach", "Angaben", "der"]
MARKS = ["„", "“", "»", "«", "‚", "‘", '"', ",", ".", ":", "!", "?", "\n", "\n\n", "\t", "\x00", "\u200b", "\r\n"]


def spans_of(doc: dict):
    for s in doc["sentences"]:
        yield {"start": s["start"], "end": s["end"], "text": doc["text"][s["start"] : s["end"]]}
    for e in doc["entities"]:
        yield from e["mentions"]
    for q in doc["statements"]:
        yield from q["content"]
        yield from q["cue"]
        if q["speaker"]:
            yield q["speaker"]
        if q["addressee"]:
            yield q["addressee"]
    yield from doc["times"]
    yield from doc["quantities"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS + MARKS), min_size=1, max_size=60))
def test_offsets_always_index_the_text(analyze, pieces):
    text = " ".join(pieces)
    if not text.strip() or not text.replace("\x00", "").strip():
        return
    doc = analyze(text).to_dict()
    for span in spans_of(doc):
        assert 0 <= span["start"] <= span["end"] <= len(doc["text"])
        assert doc["text"][span["start"] : span["end"]] == span["text"]
