"""The entity stage: one entity per referent, roles, and speakers resolved (issue 6 item 1, issue 4 item 2).

Unit cases set ``doc.ents`` and the statements themselves (so they do not depend on the NER or
the speech stage); the last cases go through ``analyze``.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from sagte.entities.resolve import build_entities, head_type, roles_match
from sagte.speech.model import Statement


def find(doc, text: str, nth: int = 0) -> Span:
    """The ``nth`` span of ``doc`` whose text is ``text`` (token-aligned)."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    span = doc.char_span(start, start + len(text))
    assert span is not None, f"{text!r} is not token-aligned"
    return span


def make(nlp, text: str, *, ents=(), speakers=()):
    """Run the pipeline, then replace its entities and statements with ours.

    ``ents``: (text, label) or (text, label, nth); ``speakers``: (speaker text, nth) or
    (None, kind) for a continuation without a speaker.
    """
    doc = nlp(text)
    doc.ents = [Span(doc, s.start, s.end, label=e[1]) for e in ents for s in [find(doc, e[0], e[2] if len(e) > 2 else 0)]]
    statements = []
    for speaker, extra in speakers:
        if speaker is None:
            statements.append(Statement(kind=extra, content=[doc[-2:-1]]))
        else:
            span = find(doc, speaker, extra)
            statements.append(Statement(kind="indirect", content=[doc[span.end : span.end + 1]], speaker=span))
    doc._.sagte_statements = statements
    doc._.sagte_entities = build_entities(doc)
    return doc


def names_of(doc) -> dict[str, list[str]]:
    return {c.name: [m.text for m in c.mentions] for c in doc._.sagte_entities}


def speaker_names(doc) -> list[str | None]:
    ents = doc._.sagte_entities
    return [None if st.speaker_cluster is None else ents[st.speaker_cluster].name for st in doc._.sagte_statements]


# --- names, partial and genitive forms -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Donald Trump landete in Rom. Trump sprach kurz. Trumps Berater schwiegen.",
         [("Donald Trump", "PER")], {"Donald Trump": ["Donald Trump", "Trump", "Trumps"]}),
        ("Bill Clinton und Hillary Clinton reisten ab. Hillary Clinton kam wieder.",
         [("Bill Clinton", "PER"), ("Hillary Clinton", "PER"), ("Hillary Clinton", "PER", 1)],
         {"Bill Clinton": ["Bill Clinton"], "Hillary Clinton": ["Hillary Clinton", "Hillary Clinton"]}),
        ("Der Kreml lehnte ab. Ein Sprecher des Kremls bestätigte das.",
         [("Kreml", "ORG"), ("Kremls", "ORG")], {"Kreml": ["Kreml", "Kremls"]}),
        ("Die Europäische Union zögert. Die EU will warten.",
         [("Europäische Union", "ORG"), ("EU", "ORG")], {"Europäische Union": ["Europäische Union", "EU"]}),
        ("Die Vereinten Nationen warnen. Die UNO will helfen.",
         [("Vereinten Nationen", "ORG"), ("UNO", "ORG")], {"Vereinten Nationen": ["Vereinten Nationen", "UNO"]}),
        ("Wolodymyr Selenskyj reiste nach Paris. Selenskyjs Rede war kurz.",
         [("Wolodymyr Selenskyj", "PER")], {"Wolodymyr Selenskyj": ["Wolodymyr Selenskyj", "Selenskyjs"]}),
    ],
)
def test_names_and_partial_forms(nlp, text, ents, expected):
    assert names_of(make(nlp, text, ents=ents)) == expected


def test_a_genitive_alone_gives_the_bare_name(nlp):
    doc = make(nlp, "Trumps Vorschlag wurde abgelehnt.", ents=[("Trumps", "PER")])
    assert names_of(doc) == {"Trump": ["Trumps"]}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # the NER wavers between labels for one name: one entity
        ("Gunnar Lade sprach. Später sprach Gunnar Lade erneut.", [("Gunnar Lade", "PER"), ("Gunnar Lade", "ORG", 1)],
         {"Gunnar Lade": [("PER", "Gunnar Lade"), ("PER", "Gunnar Lade")]}),
        ("Gransee ist klein. Gransees Stadtväter tagten.", [("Gransee", "LOC"), ("Gransees Stadtväter", "PER")],
         {"Gransee": [("LOC", "Gransee"), ("LOC", "Gransees")]}),
        # a genitive owner ends a person's name the NER ran on
        ("Klaus Petry kam. Das ist Petrys Haupttrumpfkarte.", [("Klaus Petry", "PER"), ("Petrys Haupttrumpfkarte", "PER")],
         {"Klaus Petry": [("PER", "Klaus Petry"), ("PER", "Petrys")]}),
        # punctuation the NER took along
        ("Er traf Rogner .", [("Rogner .", "PER")], {"Rogner": [("PER", "Rogner")]}),
    ],
)
def test_ner_slips(nlp, text, ents, expected):
    doc = make(nlp, text, ents=ents)
    assert {c.name: [(c.label, m.text) for m in c.mentions] for c in doc._.sagte_entities} == expected


def test_names_without_ner_from_first_names(nlp):
    """With no NER entities, a known first name starts a person's name."""
    doc = make(nlp, "Angela Merkel kam spät. Merkel sagte nichts.")
    assert names_of(doc) == {"Angela Merkel": ["Angela Merkel", "Merkel"]}
    assert doc._.sagte_entities[0].gender == "f"


# --- roles -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "ents", "expected_roles"),
    [
        ("Kreml-Sprecher Dmitrij Peskow wies das zurück.", [("Dmitrij Peskow", "PER")], ["Kreml-Sprecher"]),
        ("Dmitrij Peskow, der Sprecher des Kremls, wies das zurück.", [("Dmitrij Peskow", "PER")], ["Sprecher des Kremls"]),
        ("Bundeskanzlerin Angela Merkel reiste ab.", [("Angela Merkel", "PER")], ["Bundeskanzlerin"]),
        ("Angela Merkel reiste ab.", [("Angela Merkel", "PER")], []),
    ],
)
def test_roles_in_apposition(nlp, text, ents, expected_roles):
    doc = make(nlp, text, ents=ents)
    assert doc._.sagte_entities[0].roles == expected_roles


def test_role_phrase_is_a_later_mention(nlp):
    doc = make(nlp, "Kreml-Sprecher Dmitrij Peskow wies das zurück. Der Kreml-Sprecher nannte keine Details.",
               ents=[("Dmitrij Peskow", "PER")])
    assert names_of(doc) == {"Dmitrij Peskow": ["Dmitrij Peskow", "Kreml-Sprecher"]}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Kreml-Sprecher", "Sprecher des Kremls", True), ("Bundeskanzlerin", "Kanzlerin", True),
     ("US-Präsident", "Präsidenten", True), ("Sprecher", "Präsident", False)],
)
def test_roles_match(a, b, same):
    assert roles_match(a, b) is same


@pytest.mark.parametrize(
    ("noun", "type_"),
    [("Sprecher", "PER"), ("Polizeisprecherin", "PER"), ("Präsidialbüro", "ORG"), ("Polizei", "ORG"),
     ("Kreml", "ORG"), ("Außenministerin", "PER"), ("Wetter", None)],
)
def test_head_type(noun, type_):
    assert head_type(noun) == type_


# --- speakers --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "ents", "speakers", "expected"),
    [
        # a pronoun: the closest preceding person of its gender
        ("Angela Merkel traf Olaf Scholz. Sie sagte, sie sei zufrieden.",
         [("Angela Merkel", "PER"), ("Olaf Scholz", "PER")], [("Sie", 0)], ["Angela Merkel"]),
        ("Angela Merkel traf Olaf Scholz. Er sagte, er sei zufrieden.",
         [("Angela Merkel", "PER"), ("Olaf Scholz", "PER")], [("Er", 0)], ["Olaf Scholz"]),
        # gender from the role form when there is no first name
        ("Ministerin Faeser traf Kanzler Scholz. Sie sagte, sie sei zufrieden.",
         [("Faeser", "PER"), ("Scholz", "PER")], [("Sie", 0)], ["Faeser"]),
        # "er" after a statement: the last speaker, not a man named in what was said
        ("Dmitrij Peskow sagte, Wladimir Putin sei bereit. Er fügte hinzu, man warte ab.",
         [("Dmitrij Peskow", "PER"), ("Wladimir Putin", "PER")], [("Dmitrij Peskow", 0), ("Er", 0)],
         ["Dmitrij Peskow", "Dmitrij Peskow"]),
        # the only person of the article, however far back
        ("Stefan Ziemendorff reiste ab. Der Fluss ist breit. Es regnet. Der Weg ist weit. Die Karte fehlt. "
         "Das Boot ist alt. Er sagte, der Wasserfall sei hoch.",
         [("Stefan Ziemendorff", "PER")], [("Er", 0)], ["Stefan Ziemendorff"]),
        # a role and a name at the end of a longer speaker span
        ("Human Rights Watch-Sprecher Tom Malinowski sagte, das reiche nicht.",
         [], [("Human Rights Watch-Sprecher Tom Malinowski", 0)], ["Tom Malinowski"]),
        # a bare word of no known kind is no one
        ("Folter sei verboten, hieß es.", [], [("Folter", 0)], [None]),
        # a role phrase: the person holding the role
        ("US-Präsident Donald Trump landete. Der US-Präsident sagte, er sei zufrieden.",
         [("Donald Trump", "PER")], [("Der US-Präsident", 0)], ["Donald Trump"]),
        # an epithet for the last speaker
        ("Donald Trump sagte, die Gespräche liefen gut. Der Republikaner fügte hinzu, er sei optimistisch.",
         [("Donald Trump", "PER")], [("Donald Trump", 0), ("Der Republikaner", 0)], ["Donald Trump", "Donald Trump"]),
        # a name with its role in the speaker span
        ("Kreml-Sprecher Dmitrij Peskow sagte, man sei bereit.",
         [("Dmitrij Peskow", "PER")], [("Kreml-Sprecher Dmitrij Peskow", 0)], ["Dmitrij Peskow"]),
        # a genitive owner in front of the role is not the speaker
        ("Donald Trump schwieg. Trumps Sprecherin Karoline Leavitt sagte, es gebe Fortschritte.",
         [("Donald Trump", "PER"), ("Karoline Leavitt", "PER")], [("Trumps Sprecherin Karoline Leavitt", 0)],
         ["Karoline Leavitt"]),
        # phrases that become entities of their own, typed by the head noun
        ("Ein Sprecher der Polizei sagte, es gebe keine Verletzten.", [], [("Ein Sprecher der Polizei", 0)],
         ["Sprecher der Polizei"]),
        ("Das Präsidialbüro teilte mit, der Termin stehe.", [], [("Das Präsidialbüro", 0)], ["Präsidialbüro"]),
        ("Laut Kreml ist der Termin offen.", [], [("Kreml", 0)], ["Kreml"]),
        ("Nach Angaben der Polizei gab es keine Verletzten.", [], [("Angaben der Polizei", 0)], ["Polizei"]),
        ("Laut Angaben von AFP gab es keine Verletzten.", [], [("Angaben von AFP", 0)], ["AFP"]),
        ("Nach NASA-Angaben ist der Start verschoben.", [], [("NASA-Angaben", 0)], ["NASA"]),
        ("EADS teilte mit, der Auftrag sei sicher.", [], [("EADS", 0)], ["EADS"]),
        ("Human Rights Watch erklärte, die Lage sei ernst.", [], [("Human Rights Watch", 0)], ["Human Rights Watch"]),
        # a name with an apposition in the speaker span
        ("Marcelo Ebrard, der Bürgermeister von Mexiko-Stadt, sagte, alles sei ruhig.", [],
         [("Marcelo Ebrard, der Bürgermeister von Mexiko-Stadt", 0)], ["Marcelo Ebrard"]),
        # sources of one's own: the subject of the sentence, or "er"/"sie"
        ("Die Polizei hat nach eigenen Angaben niemanden festgenommen.", [("Polizei", "ORG")],
         [("eigenen Angaben", 0)], ["Polizei"]),
        ("Olaf Scholz kam spät. Seiner Meinung nach sei das Treffen gut gewesen.", [("Olaf Scholz", "PER")],
         [("Seiner Meinung", 0)], ["Olaf Scholz"]),
        # no person fits "sie": the organisation of feminine grammatical gender
        ("Die Polizei sperrte die Straße. Sie sagte, es gebe keine Gefahr.", [],
         [("Die Polizei", 0), ("Sie", 0)], ["Polizei", "Polizei"]),
        # "man" is generic: no entity
        ("Man sei sich einig, hieß es.", [], [("Man", 0)], [None]),
        # a continuation without a speaker inherits the one before
        ("Dmitrij Peskow sagte, man sei bereit. Die Lage sei ernst.",
         [("Dmitrij Peskow", "PER")], [("Dmitrij Peskow", 0), (None, "indirect_free_indirect")],
         ["Dmitrij Peskow", "Dmitrij Peskow"]),
    ],
)
def test_speaker_resolution(nlp, text, ents, speakers, expected):
    assert speaker_names(make(nlp, text, ents=ents, speakers=speakers)) == expected


def test_apposition_in_speaker_span_is_a_role(nlp):
    doc = make(nlp, "Marcelo Ebrard, der Bürgermeister von Mexiko-Stadt, sagte, alles sei ruhig.",
               speakers=[("Marcelo Ebrard, der Bürgermeister von Mexiko-Stadt", 0)])
    assert [(c.name, c.label, c.roles) for c in doc._.sagte_entities] == [("Marcelo Ebrard", "PER", ["Bürgermeister von Mexiko-Stadt"])]


def test_addressee_pronoun_is_not_the_speaker(nlp):
    doc = nlp("Olaf Scholz traf Wladimir Putin. Putin sagte ihm, er sei bereit.")
    doc.ents = [Span(doc, s.start, s.end, label="PER") for s in (find(doc, "Olaf Scholz"), find(doc, "Wladimir Putin"))]
    doc._.sagte_statements = [Statement(kind="indirect", content=[find(doc, "er sei bereit")], speaker=find(doc, "Putin", 1),
                                        addressee=find(doc, "ihm"))]
    ents = build_entities(doc)
    st = doc._.sagte_statements[0]
    assert (ents[st.speaker_cluster].name, ents[st.addressee_cluster].name) == ("Wladimir Putin", "Olaf Scholz")


def test_pronoun_becomes_a_mention(nlp):
    doc = make(nlp, "Angela Merkel kam. Sie sagte, sie sei zufrieden.", ents=[("Angela Merkel", "PER")], speakers=[("Sie", 0)])
    assert names_of(doc) == {"Angela Merkel": ["Angela Merkel", "Sie"]}


def test_same_phrase_twice_is_one_entity(nlp):
    doc = make(nlp, "Die Polizei sagte, alles sei ruhig. Die Polizei erklärte, niemand sei verletzt.",
               speakers=[("Die Polizei", 0), ("Die Polizei", 1)])
    assert speaker_names(doc) == ["Polizei", "Polizei"]
    assert len(doc._.sagte_entities) == 1


def test_no_statements_no_names(nlp):
    doc = make(nlp, "Es regnete den ganzen Tag.")
    assert doc._.sagte_entities == []


def test_mention_offsets_are_valid(nlp):
    text = "Kreml-Sprecher Dmitrij Peskow sagte, man sei bereit. Der Kreml-Sprecher fügte hinzu, Peskows Team warte."
    doc = make(nlp, text, ents=[("Dmitrij Peskow", "PER")], speakers=[("Kreml-Sprecher Dmitrij Peskow", 0), ("Der Kreml-Sprecher", 0)])
    for cluster in doc._.sagte_entities:
        for m in cluster.mentions:
            assert text[m.start_char : m.end_char] == m.text


# --- through analyze (the speech stage finds the statements) ----------------------------------------

def test_pipeline_has_the_stage(nlp):
    names = nlp.pipe_names
    assert names.index("sagte_entities") > names.index("sagte_speech")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bundeskanzlerin Angela Merkel traf am Montag Olaf Scholz. Sie sagte, man sei sich einig. "
         "Er erklärte, er sei zufrieden.", [("Sie", "Angela Merkel"), ("Er", "Olaf Scholz")]),
        ("US-Präsident Donald Trump landete in Rom. Der US-Präsident sagte, er freue sich auf das Treffen. "
         "Trumps Sprecherin Karoline Leavitt sagte, es gebe Fortschritte.",
         [("Der US-Präsident", "Donald Trump"), ("Trumps Sprecherin Karoline Leavitt", "Karoline Leavitt")]),
        ("Ein Sprecher der Polizei sagte, es habe keine Verletzten gegeben. Laut Kreml ist das Treffen abgesagt.",
         [("Ein Sprecher der Polizei", "Sprecher der Polizei"), ("Kreml", "Kreml")]),
    ],
)
def test_analyze_resolves_speakers(analyze, text, expected):
    doc = analyze(text)
    names = {e.id: e.name for e in doc.entities}
    assert [(st.speaker.text, names.get(st.speaker.entity)) for st in doc.statements if st.speaker] == expected


def test_analyze_links_speakers_to_entities(analyze):
    doc = analyze("Kreml-Sprecher Dmitrij Peskow sagte am Dienstag, Russland sei zu Gesprächen bereit. "
                  "Der Kreml-Sprecher fügte hinzu, man werde abwarten.")
    peskow = next(e for e in doc.entities if e.name == "Dmitrij Peskow")
    assert peskow.type == "PER" and peskow.roles == ["Kreml-Sprecher"]
    assert [st.speaker.entity for st in doc.statements] == [peskow.id, peskow.id]
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text


# --- the learned lexicons are what `sagte train entity-lexicons` makes ---------------------------------

def test_lexicons_regenerate_identically(data_dir, tmp_path):
    """Regenerating given names, surnames and roles from the corpora gives the shipped files."""
    from sagte.entities.lexicons import build_all
    from sagte.lang import LANG_DIR

    (tmp_path / "names").mkdir()
    build_all(data_dir, lang_dir=tmp_path)
    for name in ("names/given_names.tsv", "names/surnames.tsv", "roles.tsv"):
        shipped = (LANG_DIR / "de" / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == shipped, f"{name} is stale: run sagte train entity-lexicons"


# --- any text: valid offsets, valid indexes, no crash ----------------------------------------------------

_WORDS = ["Angela", "Merkel", "Merkels", "Donald", "Trump", "Trumps", "Kreml-Sprecher", "Peskow", "Der", "der", "Ein",
          "Sprecher", "Polizei", "sagte", ",", ".", "er", "sie", "Er", "Sie", "man", "„", "“", "laut", "Kreml", "EU",
          "Europäische", "Union", "von", "des", "Kremls", "Angaben", "NASA-Angaben", "US-Präsident", "Präsidentin"]


def test_any_word_soup_gives_valid_entities(nlp):
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60))
    def check(words):
        text = " ".join(words)
        doc = nlp(text)
        clusters = doc._.sagte_entities
        assert isinstance(clusters, list)
        for c in clusters:
            assert c.mentions and c.label in ("PER", "ORG", "LOC", "MISC")
            for m in c.mentions:
                assert text[m.start_char : m.end_char] == m.text
        for st_ in doc._.sagte_statements or []:
            for idx in (st_.speaker_cluster, st_.addressee_cluster):
                assert idx is None or 0 <= idx < len(clusters)

    check()
