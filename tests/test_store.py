"""The corpus store (issue 6, item 3): same behaviour on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest

from corpus_articles import BACKENDS, ARTICLES, PESKOW_1, PESKOW_2, TRUMPS, article, empty_store_url, store_url  # noqa: F401
from sagte.errors import DateError, StoreError
from sagte.store import open_store
from sagte.store.migrations import MIGRATIONS


@pytest.fixture
def store(store_url):  # noqa: F811
    """A store with the three articles, for tests that change it."""
    s = open_store(store_url, create=True)
    for doc in ARTICLES:
        assert s.add(doc)
    yield s
    s.close()


@pytest.fixture(scope="module", params=BACKENDS)
def filled(request, tmp_path_factory):
    """The same, shared by the tests that only read."""
    with empty_store_url(request.param, tmp_path_factory.mktemp("store")) as url:
        s = open_store(url, create=True)
        for doc in ARTICLES:
            assert s.add(doc)
        yield s
        s.close()


def test_migrations_are_recorded_once(store_url):  # noqa: F811
    with open_store(store_url, create=True) as s:
        assert [m["version"] for m in s.migrations()] == sorted(MIGRATIONS)
    with open_store(store_url, create=True) as s:
        assert s.migrate() == []
        assert len(s.migrations()) == len(MIGRATIONS)


def test_same_text_is_stored_once(store):
    again = PESKOW_1.model_copy(update={"id": "another-id"})
    assert store.add(again) is False
    assert store.stats()["documents"] == 3


def test_an_id_taken_by_another_text_is_refused(store):
    other = PESKOW_1.model_copy(update={"text": PESKOW_1.text + " Ende."})
    with pytest.raises(StoreError, match="already used by another text"):
        store.add(other)
    assert store.stats()["documents"] == 3


def test_document_comes_back_unchanged(filled):
    for doc in ARTICLES:
        assert filled.document(doc.id) == doc
    assert filled.document("nope") is None
    assert [d["id"] for d in filled.documents()] == ["a3", "a2", "a1"]


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Dmitrij Peskow", ["a1/q1", "a1/q2", "a2/q1"]),  # both articles, both spellings
        ("Peskov", ["a1/q1", "a1/q2", "a2/q1"]),
        ("PESKOW", ["a1/q1", "a1/q2", "a2/q1"]),
        ("Donald Trump", ["a3/q1"]),  # same surname, another first name: not merged
        ("Melania Trump", ["a3/q2"]),
        ("die Ministerin", ["a3/q3"]),  # an unlinked speaker, matched by its words
        ("Olaf Scholz", []),
    ],
)
def test_statements_by_speaker(filled, speaker, expected):
    assert [f"{r['document']}/{r['statement']}" for r in filled.statements(speaker=speaker)] == expected


@pytest.mark.parametrize(
    ("about", "expected"),
    [("Selenskyj", ["a1/q1", "a2/q1"]), ("Moskau", ["a1/q2"]), ("Kiew", [])],
)
def test_statements_about(filled, about, expected):
    assert [f"{r['document']}/{r['statement']}" for r in filled.statements(about=about)] == expected


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [("2025-03-01", None, 5), (None, "2025-03-04", 4), ("2025-03-04", "2025-03-04", 2), ("2026-01-01", None, 0)],
)
def test_statements_by_date(filled, since, until, expected):
    assert filled.count_statements(since=since, until=until) == expected
    assert len(filled.statements(since=since, until=until)) == expected


@pytest.mark.parametrize("bad", ["März 2025", "2025-13-01", "gestern"])
def test_bad_dates_are_refused(filled, bad):
    with pytest.raises(DateError, match="not a valid YYYY-MM-DD date"):
        filled.statements(since=bad)


@pytest.mark.parametrize(
    ("words", "expected"),
    [("Zölle", ["a3/q1", "a3/q3"]), ("zolle", ["a3/q1", "a3/q3"]), ("Waffen", ["a2/q1"]),
     ("Grund Gespräche", ["a1/q1"]), ("Bananen", [])],
)
def test_full_text_search(filled, words, expected):
    assert [f"{r['document']}/{r['statement']}" for r in filled.statements(q=words)] == expected


def test_filters_combine_and_page(filled):
    rows = filled.statements(speaker="Peskow", about="Selenskyj", since="2025-03-01")
    assert [(r["document"], r["speaker"], r["speaker_name"]) for r in rows] == [("a2", "Dmitri Peskov", "Dmitrij Peskow")]
    everything = filled.statements(limit=None)
    assert filled.statements(limit=2, offset=1) == everything[1:3]


def test_statement_keeps_its_own_date(store_url):  # noqa: F811
    doc = article("d1", "2025-05-02", "Am 30. April sagte Olaf Scholz, er sei zufrieden.",
                  entities={"Olaf Scholz": ("PER", ["Olaf Scholz"])},
                  statements=[{"content": "er sei zufrieden", "cue": "sagte", "speaker": "Olaf Scholz", "date": "2025-04-30"}])
    with open_store(store_url, create=True) as s:
        s.add(doc)
        assert [r["date"] for r in s.statements(speaker="Scholz")] == ["2025-04-30"]


def test_speakers_and_network(filled):
    assert [(r["name"], r["statements"]) for r in filled.speakers()] == [
        ("Dmitrij Peskow", 3), ("Donald Trump", 1), ("Melania Trump", 1), ("Wolodymyr Selenskyj", 1)]
    net = filled.network()
    names = {n["id"]: n["name"] for n in net["nodes"]}
    assert {(names[e["source"]], names[e["target"]], e["weight"]) for e in net["edges"]} == {
        ("Dmitrij Peskow", "Wolodymyr Selenskyj", 2), ("Dmitrij Peskow", "Moskau", 1)}


def test_entity_has_variants_roles_and_timeline(filled):
    peskow = filled.entity("Peskov")
    assert peskow["name"] == "Dmitrij Peskow"
    assert {v["name"] for v in peskow["variants"]} == {"Dmitrij Peskow", "Dmitri Peskov", "Peskow"}
    assert all(v["why"] for v in peskow["variants"])
    assert peskow["roles"] == [{"role": "Kreml-Sprecher", "count": 2}]
    # the join across articles is logged with why; spellings within one article are not joins
    assert [(m["kind"], m["name"]) for m in peskow["merges"]] == [("auto", "Dmitri Peskov")]
    assert "Peskov" in peskow["merges"][0]["why"]
    assert peskow["timeline"] == [{"month": "2025-02", "statements": 2}, {"month": "2025-03", "statements": 1}]
    assert filled.entity("Angela Merkel") is None
    assert filled.entity(peskow["id"])["name"] == "Dmitrij Peskow"


def test_split_is_remembered_and_merge_undoes_it(store):
    new = store.split("Peskow", "Dmitri Peskov", why="test: pretend they differ")
    assert new["name"] == "Dmitri Peskov"
    assert [r["statement"] for r in store.statements(speaker="Dmitri Peskov")] == ["q1"]
    assert len(store.statements(speaker="Dmitrij Peskow")) == 2
    # a later article with the split-off spelling stays with the split-off identity
    later = article("a4", "2025-06-01", "Dmitri Peskov sagte, alles sei ruhig.", entities={"Dmitri Peskov": ("PER", ["Dmitri Peskov"])},
                    statements=[{"content": "alles sei ruhig", "cue": "sagte", "speaker": "Dmitri Peskov", "kind": "indirect"}])
    store.add(later)
    assert len(store.statements(speaker="Dmitri Peskov")) == 2
    assert len(store.statements(speaker="Dmitrij Peskow")) == 2
    merged = store.merge("Dmitrij Peskow", "Dmitri Peskov", why="test: the same after all")
    assert len(store.statements(speaker="Peskov")) == 4
    assert [m["kind"] for m in merged["merges"] if m["kind"] != "auto"] == ["user_split", "user_merge"]
    assert {v["name"] for v in merged["variants"]} == {"Dmitrij Peskow", "Dmitri Peskov", "Peskow"}


def test_split_refuses_an_unknown_spelling(store):
    with pytest.raises(StoreError, match="not a name of identity"):
        store.split("Donald Trump", "Melania")


def test_offsets_of_stored_documents_are_valid(filled):
    for doc in ARTICLES:
        stored = filled.document(doc.id)
        for st in stored.statements:
            for span in st.content + st.cue:
                assert stored.text[span.start:span.end] == span.text


# -- errors (item 5) -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:///{tmp}/missing.db", "there is no store"),
        ("sqlite:///{tmp}/no/such/folder/x.db", "there is no store"),
        ("mysql://localhost/x", "unknown store URL"),
        ("postgresql://postgres@127.0.0.1:1/postgres", "cannot connect to PostgreSQL"),
    ],
)
def test_store_that_cannot_be_opened(tmp_path, url, message):
    with pytest.raises(StoreError, match=message):
        open_store(url.format(tmp=tmp_path))


def test_create_in_a_missing_folder_says_so(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path}/no/such/folder/x.db", create=True)


def test_a_file_that_is_not_a_store(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Einkaufsliste: Milch, Brot\n" * 200)
    with pytest.raises(StoreError, match="not a sagte store"):
        open_store(f"sqlite:///{path}")
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="not a sagte store"):
        open_store(f"sqlite:///{empty}")
    with pytest.raises(StoreError, match="already holds other tables"):
        open_store(f"sqlite:///{empty}", create=True)
    assert sqlite3.connect(empty).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]  # untouched


def test_locked_sqlite_store_fails_clearly_and_keeps_data(tmp_path):
    path = tmp_path / "corpus.db"
    with open_store(f"sqlite:///{path}", create=True) as s:
        s.add(PESKOW_1)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with open_store(f"sqlite:///{path}", timeout=0.2) as s:
        with pytest.raises(StoreError, match="locked by another process"):
            s.add(PESKOW_2)
        assert s.stats()["documents"] == 1  # readers are not blocked (WAL)
    blocker.execute("ROLLBACK")
    blocker.close()
    with open_store(f"sqlite:///{path}") as s:
        assert s.add(PESKOW_2)
        assert s.db.q("PRAGMA integrity_check") == [("ok",)]
        assert s.stats()["documents"] == 2


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_postgres_connection_lost_mid_run(store_url):  # noqa: F811
    import psycopg

    s = open_store(store_url, create=True)
    try:
        assert s.add(PESKOW_1)
        pid = s.db.q("SELECT pg_backend_pid()")[0][0]
        with psycopg.connect(store_url, autocommit=True) as conn:  # the server drops our session
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreError, match="lost the connection to PostgreSQL"):
            s.add(TRUMPS)
    finally:
        s.close()
    with open_store(store_url) as again:  # what was reported as stored is there; the rest can be added
        assert [d["id"] for d in again.documents()] == ["a1"]
        assert again.add(TRUMPS)
        assert again.stats()["statements"] == 5


def test_merge_is_remembered_by_later_ingests(store_url):  # noqa: F811
    def note(doc_id, org):
        return article(doc_id, "2025-05-01", f"Der {org} sagte, man sei bereit ({doc_id}).", entities={org: ("ORG", [org])},
                       statements=[{"content": "man sei bereit", "cue": "sagte", "speaker": org, "kind": "indirect"}])

    with open_store(store_url, create=True) as s:
        assert s.add(note("o1", "Kreml"))
        assert s.add(note("o2", "Moskauer Regierungssitz"))
        assert len(s.statements(speaker="Kreml")) == 1  # the matcher keeps them apart
        s.merge("Kreml", "Moskauer Regierungssitz", why="test: the same institution")
        assert len(s.statements(speaker="Kreml")) == 2
        assert s.add(note("o3", "Kreml"))  # the matcher alone would not join it to the merged name
        assert len(s.statements(speaker="Kreml")) == 3
        assert [e["name"] for e in s.entities()] == ["Moskauer Regierungssitz"]  # the most complete name


def test_identity_is_named_by_its_full_name_not_a_genitive(store_url):  # noqa: F811
    first = article("g1", "2025-01-02", "Barack Obamas Sprecher sagte, man warte ab.", entities={"Barack Obamas": ("PER", ["Barack Obamas"])},
                    statements=[{"content": "man warte ab", "cue": "sagte", "speaker": None, "kind": "indirect"}])
    second = article("g2", "2025-01-03", "Barack Obama sagte, er sei zuversichtlich.", entities={"Barack Obama": ("PER", ["Barack Obama"])},
                     statements=[{"content": "er sei zuversichtlich", "cue": "sagte", "speaker": "Barack Obama", "kind": "indirect"}])
    with open_store(store_url, create=True) as s:
        s.add(first)
        s.add(second)
        assert [(e["name"], e["documents"]) for e in s.entities()] == [("Barack Obama", 2)]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Donald Trump", "Trump"], [("Donald Trump", 2)]),  # no other Trump known: the surname joins
        (["Donald Trump", "Melania Trump", "Trump"], [("Donald Trump", 1), ("Melania Trump", 1), ("Trump", 1)]),
        (["Selenskyj", "Wolodymyr Selenskyj", "Selensky", "Zelenskyy"], [("Wolodymyr Selenskyj", 4)]),
        (["Dmitrij Peskow", "Dmitri Peskov", "Peskov"], [("Dmitrij Peskow", 3)]),
        (["Olaf Scholz", "Olaf Scholz"], [("Olaf Scholz", 2)]),
    ],
)
def test_identities_across_articles(store_url, names, expected):  # noqa: F811
    with open_store(store_url, create=True) as s:
        for n, name in enumerate(names):
            s.add(article(f"p{n}", "2025-01-01", f"{name} sagte, es regne ({n}).", entities={name: ("PER", [name])},
                          statements=[{"content": "es regne", "cue": "sagte", "speaker": name, "kind": "indirect"}]))
        assert sorted((e["name"], e["documents"]) for e in s.entities()) == expected


def test_a_description_is_no_identity_but_can_be_searched(store_url):  # noqa: F811
    doc = article("s1", "2025-01-05", "Ein Sprecher der Polizei sagte, die Lage sei ruhig.",
                  entities={"Sprecher der Polizei": ("PER", ["Sprecher der Polizei"])},
                  statements=[{"content": "die Lage sei ruhig", "cue": "sagte", "speaker": "Sprecher der Polizei", "kind": "indirect"}])
    with open_store(store_url, create=True) as s:
        s.add(doc)
        assert s.entities() == [] and s.speakers() == []
        assert [r["content"] for r in s.statements(speaker="Sprecher der Polizei")] == ["die Lage sei ruhig"]


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_locked_postgres_store_fails_clearly_and_keeps_data(store_url):  # noqa: F811
    import psycopg

    from sagte.store.backends import PG_WRITE_LOCK

    with open_store(store_url, create=True) as s:
        s.add(PESKOW_1)
    with psycopg.connect(store_url) as blocker:  # another writer holds the write lock
        blocker.execute("SELECT pg_advisory_xact_lock(%s)", (PG_WRITE_LOCK,))
        with open_store(store_url, timeout=0.3) as s:
            with pytest.raises(StoreError, match="locked by another writer"):
                s.add(PESKOW_2)
            assert s.stats()["documents"] == 1  # readers are not blocked
        blocker.rollback()
    with open_store(store_url) as s:
        assert s.add(PESKOW_2)
        assert s.stats()["documents"] == 2
