"""Cross-article identity: name keys and same/different decisions (issue 6 item 2)."""

from __future__ import annotations

import pytest

from sagte.corpus.identity import NameRecord, name_key, same_identity


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Selenskij", "Zelenskyy"),
        ("Selenskyj", "Selensky"),
        ("Zelensky", "Selenskyjs"),
        ("Wolodymyr Selenskyj", "Volodymyr Zelensky"),
        ("Peskow", "Peskov"),
        ("Dmitrij Peskow", "Dmitry Peskov"),
        ("Sergej Lawrow", "Sergei Lavrov"),
        ("Jelzin", "Yeltsin"),
        ("Gorbatschow", "Gorbachev"),
        ("Chruschtschow", "Khrushchev"),
        ("Janukowytsch", "Yanukovych"),
        ("Kiew", "Kyiv"),
        ("Trump", "Trumps"),
        ("Trump", "Trump's"),
        ("Merz", "Merz'"),
        ("Müller", "Mueller"),
        ("MERKEL", "merkel"),
        ("Ursula von der Leyen", "Ursula Leyen"),
        ("Baschar al-Assad", "Baschar Assad"),
        ("Dr. Angela Merkel", "Angela Merkel"),
        ("Kreml-Sprecher Dmitrij Peskow", "Dmitrij Peskow"),
        ("Europäischen Union", "Europäische Union"),
    ],
)
def test_same_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Scholz", "Schulz"), ("Merkel", "Merz"), ("Joe Biden", "Hunter Biden"), ("Putin", "Peskow"), ("Lawrow", "Lukaschenko")],
)
def test_different_key(a, b):
    assert name_key(a) != name_key(b)


def P(name, *roles):
    return NameRecord(name, "PER", tuple(roles))


@pytest.mark.parametrize(
    ("a", "b", "same", "because"),
    [
        (P("Donald Trump"), P("Trumps"), True, "surname of"),
        (P("Donald Trump", "US-Präsident"), P("Trump", "Präsident"), True, "matching role"),
        (P("Joe Biden"), P("Hunter Biden"), False, "different first names"),
        (P("George W. Bush"), P("George H. W. Bush"), False, "different first names"),
        (P("George W. Bush"), P("George Walker Bush"), True, "matching first names"),
        (P("J. D. Vance"), P("JD Vance"), True, "matching first names"),
        (P("Bill Clinton"), P("William Clinton"), True, "matching first names"),
        (P("Trump", "US-Präsident"), P("Melania Trump", "First Lady"), False, "a woman"),
        (P("Clinton", "Außenministerin"), P("Bill Clinton"), False, "a man"),
        (P("Müller", "Bürgermeister"), P("Thomas Müller", "Fußballspieler"), False, "different fields"),
        (P("Angela Merkel", "Bundeskanzlerin"), P("Merkel", "CDU-Vorsitzende"), True, "same field"),
        (P("Peskow", "Kreml-Sprecher"), P("Peskov", "Sprecher des Kremls"), True, "matching role"),
        (P("Wolodymyr Selenskyj"), P("Zelenskyy"), True, "surname of"),
        (P("Scholz"), P("Schulz"), False, "different surnames"),
        (NameRecord("Peskow", "PER"), NameRecord("Peskow", "ORG"), False, "different kinds"),
        (NameRecord("EU", "ORG"), NameRecord("Europäische Union", "ORG"), True, "abbreviation"),
        (NameRecord("Kiew", "LOC"), NameRecord("Kyjiw", "LOC"), True, "another spelling"),
        (NameRecord("SPD", "ORG"), NameRecord("CDU", "ORG"), False, "different names"),
    ],
)
def test_same_identity(a, b, same, because):
    decision = same_identity(a, b)
    assert decision.same is same, decision.why
    assert because in decision.why
    assert same_identity(b, a).same is same  # symmetric
