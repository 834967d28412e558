"""The public contract: every output validates against the published JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from sagte.document import SCHEMA_PATH, SCHEMA_VERSION, Document, json_schema

ARTICLES = [
    ("„Wir prüfen das sehr genau“, sagte die Ministerin am Dienstag.", "2025-02-12"),
    ("Laut Polizei wurden drei Menschen verletzt. Er sagte, er habe keine Zeit.", None),
    ("Kein Zitat, nur ein Satz über „Shenzhou 6“.", "2005-10-12"),
]


def test_published_schema_is_current():
    """Regenerate with `python -m sagte.document` after a deliberate contract change."""
    published = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert published == json_schema()


def test_schema_names_the_version():
    assert json_schema()["title"] == SCHEMA_VERSION == "sagte.document/1"


@pytest.mark.parametrize("text,date", ARTICLES)
def test_output_validates_against_schema(analyze, text, date):
    doc = analyze(text, date=date).to_dict()
    jsonschema.validate(doc, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert doc["schema"] == SCHEMA_VERSION
    assert doc["language"] == "de"


@pytest.mark.parametrize("field", ["sentences", "entities", "statements", "times", "quantities"])
def test_empty_results_are_lists(analyze, field):
    doc = analyze("Nichts passiert.").to_dict()
    assert isinstance(doc[field], list)


def test_statement_fields_are_fixed(analyze):
    doc = analyze("„Das ist ein Skandal“, sagte Peter Müller.").to_dict()
    st = doc["statements"][0]
    assert {"id", "kind", "medium", "content", "cue", "speaker", "addressee", "confidence", "parent", "date"} <= st.keys()
    assert st["speaker"]["text"] == "Peter Müller"
    assert "entity" in st["speaker"]


def test_round_trip_through_the_model(analyze):
    doc = analyze("„Das ist ein Skandal“, sagte Peter Müller.")
    again = Document.model_validate(json.loads(doc.to_json()))
    assert again == doc


@pytest.mark.parametrize(
    "text,date,expected",
    [
        ("Er sagte: „Das ist nie zu Ende und geht immer so weiter.", None, "never closed"),
        ("Am Dienstag sagte sie, sie habe keine Zeit.", None, "date"),
    ],
)
def test_refusals_are_reported_as_warnings(analyze, text, date, expected):
    doc = analyze(text, date=date)
    assert any(expected in w for w in doc.warnings), doc.warnings
