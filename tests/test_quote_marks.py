"""Pairing quotation marks, and refusing to guess when they are unbalanced."""

from __future__ import annotations

import pytest

from sagte.speech.quotes import find_quotes


def _quoted(nlp, text):
    doc = nlp.make_doc(text)
    pairs, refusals = find_quotes(doc)
    return [doc[p.open : p.close + 1].text for p in pairs], refusals


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Er sagte: „Ja, das stimmt.“ Dann ging er.", ["„Ja, das stimmt.“"]),
        ("»Nein«, sagte sie.", ["»Nein«"]),
        ("«Nein», sagte sie.", ["«Nein»"]),
        ('Er sagte: "Gut so." Sie nickte.', ['"Gut so."']),
        ("„Er rief ‚Halt‘ und lief“, sagte sie.", ["„Er rief ‚Halt‘ und lief“", "‚Halt‘"]),
        ("„Eins“ und „zwei“", ["„Eins“", "„zwei“"]),
    ],
)
def test_pairs(nlp, text, expected):
    quoted, refusals = _quoted(nlp, text)
    assert quoted == expected
    assert refusals == []


@pytest.mark.parametrize(
    "text,reason",
    [
        ("Er sagte: „Das ist nie zu Ende.", "never closed"),
        ("Das ist“ seltsam.", "without an opening"),
        ("„a ‚b »c ›d‹ c« b‘ a“", "deeper than"),
    ],
)
def test_refusals(nlp, text, reason):
    _, refusals = _quoted(nlp, text)
    assert refusals and reason in refusals[0].reason


def test_unclosed_quote_yields_no_statement_and_a_warning(nlp):
    import sagte

    doc = sagte.analyze("Er sagte: „Das ist nie zu Ende und geht immer weiter so.", nlp=nlp)
    assert [s for s in doc.statements if s.kind == "direct"] == []
