"""The speech stage on sentences a reader can check by eye."""

from __future__ import annotations

import time

import pytest

# (text, [(kind, speaker text, cue words, first content piece)])
CASES = [
    ("„Wir prüfen das sehr genau“, sagte die Ministerin.",
     [("direct", "die Ministerin", ["sagte"], "„Wir prüfen das sehr genau“")]),
    ("Die Ministerin sagte: „Wir prüfen das sehr genau.“",
     [("direct", "Die Ministerin", ["sagte"], "„Wir prüfen das sehr genau.“")]),
    ("„Das ist ein Skandal“, so Peter Müller.",
     [("direct", "Peter Müller", ["so"], "„Das ist ein Skandal“")]),
    ("Der Minister sagte, dass er keine Zeit habe.",
     [("indirect", "Der Minister", ["sagte"], "dass er keine Zeit habe")]),
    ("Er sagte, er habe keine Zeit.",
     [("indirect", "Er", ["sagte"], "er habe keine Zeit")]),
    ("Die Lage sei ernst, erklärte der Sprecher des Ministeriums.",
     [("indirect", "der Sprecher des Ministeriums", ["erklärte"], "Die Lage sei ernst")]),
    ("Wie ein Sprecher der Polizei mitteilte, wurden drei Menschen verletzt.",
     [("indirect", "ein Sprecher der Polizei", ["Wie", "mitteilte"], "wurden drei Menschen verletzt")]),
    ("Laut Polizei wurden drei Menschen verletzt.",
     [("indirect", "Polizei", ["Laut"], "wurden drei Menschen verletzt")]),
    ("Nach Angaben der Feuerwehr brannte das Haus vollständig nieder.",
     [("indirect", "Angaben der Feuerwehr", ["Nach"], "brannte das Haus vollständig nieder")]),
    ("Dem Bericht zufolge stieg die Zahl der Opfer.",
     [("indirect", "Dem Bericht", ["zufolge"], "stieg die Zahl der Opfer")]),
    ("Die Firma teilte am Montag mit, dass sie schließe.",
     [("indirect", "Die Firma", ["teilte", "mit"], "dass sie schließe")]),
    ("Markus Feld, Fraktionschef der Opposition, sagte, die Kosten seien zu hoch.",
     [("indirect", "Markus Feld, Fraktionschef der Opposition", ["sagte"], "die Kosten seien zu hoch")]),
    ("Wie die Sprecherin, Jana Albers, mitteilte, wurde niemand verletzt.",
     [("indirect", "die Sprecherin, Jana Albers", ["Wie", "mitteilte"], "wurde niemand verletzt")]),
    ("Die Linie soll 2028 fertig sein. Das berichtete die Lokalzeitung.",
     [("indirect", "die Lokalzeitung", ["berichtete"], "Die Linie soll 2028 fertig sein")]),
    ("Zu dieser Zeit ging die Anwältin, Eva Stein, noch davon aus, dass der Mann verhaftet würde.",
     [("indirect", "die Anwältin, Eva Stein", ["ging", "davon", "aus"], "dass der Mann verhaftet würde")]),
    ("Der Minister hat angekündigt, die Steuer werde sinken.",
     [("indirect", "Der Minister", ["hat", "angekündigt"], "die Steuer werde sinken")]),
    # the phrase opening the clause is the subject, the one after the verb an object
    ("Der Fraktionschef im Landtag, Jan Roth, hatte Lenz aufgefordert, sein Mandat niederzulegen.",
     [("indirect", "Der Fraktionschef im Landtag, Jan Roth", ["hatte", "aufgefordert"], "sein Mandat niederzulegen")]),
    ("Die Botschaft teilte dem Sender mit, dass niemand verletzt worden sei.",
     [("indirect", "Die Botschaft", ["teilte", "mit"], "dass niemand verletzt worden sei")]),
    # a "dass" clause ends where a main clause in the indicative follows it
    ("Die Anwältin sagte, dass ein Haftbefehl bestehe, und gab an, die Polizei zu informieren.",
     [("indirect", "Die Anwältin", ["sagte"], "dass ein Haftbefehl bestehe"),
      ("indirect", "Die Anwältin", ["gab", "an"], "die Polizei zu informieren")]),
    # any verb right after a quotation and its comma frames it when a subject follows
    ("„Wir brauchen nur noch ein Unentschieden“, zeigte sich der Trainer nach dem Spiel zufrieden.",
     [("direct", "der Trainer", ["zeigte", "sich", "zufrieden"], "„Wir brauchen nur noch ein Unentschieden“")]),
    # "demnach" frames only what follows it
    ("Laut Polizei ist der Mann 24 Jahre alt; demnach wäre er damals erst 16 gewesen.",
     [("indirect", "Polizei", ["Laut"], "ist der Mann 24 Jahre alt"),
      ("indirect", "demnach", ["demnach"], "wäre er damals erst 16 gewesen")]),
    # "heißt es in …" names its source after the quotation too
    ("„Wir prüfen alle Hinweise sehr genau“, heißt es in einer Mitteilung der Polizei.",
     [("direct", "einer Mitteilung der Polizei", ["heißt", "es"], "„Wir prüfen alle Hinweise sehr genau“")]),
    # a quoted name before the verb is the speaker
    ("„BBC News“ berichtet, dass die Gefangenen geflohen seien.",
     [("indirect", "„BBC News“", ["berichtet"], "dass die Gefangenen geflohen seien")]),
    # an adverb opening the sentence does not hide the subject after it
    ("Auch viele Außenminister erklärten, sie seien zufrieden.",
     [("indirect", "viele Außenminister", ["erklärten"], "sie seien zufrieden")]),
    # speaker phrases take coordinated sources, attached places and dated documents
    ("Nach Angaben der Polizei und der Feuerwehr wurde niemand verletzt.",
     [("indirect", "Angaben der Polizei und der Feuerwehr", ["Nach"], "wurde niemand verletzt")]),
    ("Airbus im französischen Toulouse teilte mit, der Testflug sei gelungen.",
     [("indirect", "Airbus im französischen Toulouse", ["teilte", "mit"], "der Testflug sei gelungen")]),
    # an apposition may close the sentence after a final frame or after "so"
    ("Das Gesetz sei gültig, sagte der Korrespondent in Mexiko-Stadt, Jan Grant.",
     [("indirect", "der Korrespondent in Mexiko-Stadt, Jan Grant", ["sagte"], "Das Gesetz sei gültig")]),
    ("„Das ist eine Dämlichkeit der Behörde“, so Martin Behrsing, Sprecher des Forums.",
     [("direct", "Martin Behrsing, Sprecher des Forums", ["so"], "„Das ist eine Dämlichkeit der Behörde“")]),
    # a passive frame names its source in a phrase with "in" or "von"
    ("In einem Bericht der Zeitung wurde vermutet, dass niemand überlebt habe.",
     [("indirect", "einem Bericht der Zeitung", ["wurde", "vermutet"], "dass niemand überlebt habe")]),
    # a frame after a quotation that ends a clause of its own frames the whole clause
    ("Die Soldaten hätten „kaltblütig getötet“, so der Abgeordnete.",
     [("indirect", "der Abgeordnete", ["so"], "Die Soldaten hätten „kaltblütig getötet“"),
      ("direct", "der Abgeordnete", ["so"], "„kaltblütig getötet“")]),
    # "so" and then a verb: the verb frames the quotation; an object pronoun is skipped
    ("„Er ist die eiserne Hand im Samthandschuh“, so charakterisierte ihn der Gewerkschafter Bernd Auer.",
     [("direct", "der Gewerkschafter Bernd Auer", ["charakterisierte"], "„Er ist die eiserne Hand im Samthandschuh“")]),
    # a correlate ("darauf", "davon") and "mit … Worten" belong to the cue
    ("Der Minister verwies darauf, dass die Kosten gestiegen seien.",
     [("indirect", "Der Minister", ["verwies", "darauf"], "dass die Kosten gestiegen seien")]),
    ("Die Ministerin kommentierte das Urteil mit folgenden Worten: „Wir werden es genau prüfen.“",
     [("direct", "Die Ministerin", ["kommentierte", "mit", "folgenden", "Worten"], "„Wir werden es genau prüfen.“")]),
    # a quotation of two sentences keeps the frame after its second one
    ("„Das war knapp. Wir hatten Glück“, sagte die Trainerin nach dem Spiel.",
     [("direct", "die Trainerin", ["sagte"], "„Das war knapp. Wir hatten Glück“")]),
    # a source with no verb before a colon
    ("Polizeipräsident Kramer: „Wir ermitteln in alle Richtungen.“",
     [("direct", "Polizeipräsident Kramer", [], "„Wir ermitteln in alle Richtungen.“")]),
    # any verb before a colon frames the quotation, with its particle
    ("Die Sprecherin fuhr fort: „Niemand wurde verletzt.“",
     [("direct", "Die Sprecherin", ["fuhr", "fort"], "„Niemand wurde verletzt.“")]),
    # "als" before a quotation belongs to the cue
    ("Der Verband wertete den Plan als „völlig unausgegoren und viel zu teuer“.",
     [("direct", "Der Verband", ["wertete", "als"], "„völlig unausgegoren und viel zu teuer“")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_statements(analyze, text, expected):
    doc = analyze(text)
    got = [(s.kind, s.speaker.text if s.speaker else None, [c.text for c in s.cue], s.content[0].text) for s in doc.statements]
    assert got == expected


def test_interrupted_quote_has_two_pieces(analyze):
    doc = analyze("„Wir sind bereit“, sagte der Kanzler, „aber nicht um jeden Preis.“")
    (st,) = doc.statements
    assert [c.text for c in st.content] == ["„Wir sind bereit“", "„aber nicht um jeden Preis.“"]
    assert st.speaker.text == "der Kanzler"


@pytest.mark.parametrize(
    "text",
    [
        "Die Mission „Shenzhou 6“ startete am Mittwoch.",  # a title
        "Das sei ein „Skandal“ gewesen.",  # scare quotes without a frame are no statement of their own
    ],
)
def test_titles_and_scare_quotes_are_not_direct_statements(analyze, text):
    assert [s for s in analyze(text).statements if s.kind == "direct" and s.parent is None] == []


def test_a_quotation_after_a_frame_shares_its_cue(analyze):
    doc = analyze("Die Ministerin sagte: „Wir prüfen das.“ „Das dauert aber noch.“")
    first, second = doc.statements
    assert second.speaker.text == "Die Ministerin" and [c.text for c in second.cue] == ["sagte"]


def test_addressee(analyze):
    doc = analyze("„Wir bleiben“, sagte Putin zu Trump.")
    assert doc.statements[0].addressee.text == "Trump"


@pytest.mark.parametrize(
    "text,addressee",
    [
        ("Die Opposition warf der Regierung vor, sie habe gelogen.", "der Regierung"),
        ("Der Bürgermeister forderte die Bürger auf, zu Hause zu bleiben.", "die Bürger"),
        ("Die Ministerin versicherte ihm, das Geld komme noch.", "ihm"),
    ],
)
def test_the_object_of_a_speech_verb_is_its_addressee(analyze, text, addressee):
    assert analyze(text).statements[0].addressee.text == addressee


def test_medium_from_the_cue(analyze):
    doc = analyze("Die Zeitung schrieb, der Minister sei zurückgetreten.")
    assert doc.statements[0].medium == "writing"


def test_nested_quote_points_to_its_parent(analyze):
    doc = analyze("Die Organisation verlangte, die „schockierenden Szenen der Gewalt“ zu untersuchen.")
    parent, nested = doc.statements
    assert nested.kind == "direct" and nested.parent == parent.id
    assert nested.speaker.text == parent.speaker.text == "Die Organisation"


@pytest.mark.parametrize(
    "text",
    [
        "„" * 3000,
        "„a ‚b »c " * 500,
        "Er sagte: „" + "Das geht immer weiter, " * 800,
        " ".join(["Er", "sagte", ",", "dass"] + ["wir", "bleiben", ","] * 1700) + ".",  # ~5,000 tokens, one sentence
    ],
)
def test_hostile_text_is_harmless(analyze, text):
    start = time.perf_counter()
    doc = analyze(text)
    assert time.perf_counter() - start < 20
    for st in doc.statements:
        for c in st.content:
            assert doc.text[c.start : c.end] == c.text


@pytest.mark.parametrize(
    "text,date,expected",
    [
        ("„Wir prüfen das sehr genau“, sagte die Ministerin am Dienstag.", "2025-02-12", "2025-02-11"),
        ("Die Ministerin sagte am 3. Februar, sie habe keine Eile.", "2025-02-12", "2025-02-03"),
        ("„Wir prüfen das sehr genau“, sagte die Ministerin.", "2025-02-12", None),
    ],
)
def test_statement_date_from_its_frame(analyze, text, date, expected):
    assert analyze(text, date=date).statements[0].date == expected


def test_continuation_inherits_the_speaker(analyze):
    doc = analyze("Die Kosten seien zu hoch, erklärte Markus Feld. Man habe die Zahlen einfach fortgeschrieben.")
    first, second = doc.statements
    assert second.kind == "indirect_free_indirect"
    assert second.speaker.text == first.speaker.text == "Markus Feld"


@pytest.mark.parametrize(
    "text",
    [
        "Der Minister sprach lange. Niemand ahnte damals, wie sehr das Patent die Welt verändern würde.",
        "Die Ministerin sagte, der Plan sei gut. Sollte das nicht gelingen, wird die Partei klagen.",
        "Die Ministerin sagte, der Plan sei gut. Wenn es anders käme, wird die Partei klagen.",
    ],
)
def test_konjunktiv_ii_in_a_subordinate_or_conditional_clause_continues_nothing(analyze, text):
    assert [s.kind for s in analyze(text).statements if s.kind == "indirect_free_indirect"] == []


def test_reported_speech(analyze):
    doc = analyze("Der Fraktionschef forderte ein unabhängiges Gutachten.")
    (st,) = doc.statements
    assert st.kind == "reported" and st.speaker.text == "Der Fraktionschef"


def test_demnach_names_the_source_before(analyze):
    doc = analyze("Die Polizei berichtete, es habe einen Unfall gegeben. Demnach wurden drei Menschen verletzt.")
    first, second = doc.statements
    assert second.speaker.text == "Demnach" and second.speaker.entity == first.speaker.entity is not None
