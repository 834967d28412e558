"""``sagte ingest`` (issue 6, items 4 and 5): inputs, idempotence, workers, kills and concurrency."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from corpus_articles import ARTICLES, article, store_url  # noqa: F401
from sagte.store import open_store
from sagte.store.ingest import date_in_name, ingest
from sagte.store.migrations import MIGRATIONS

CLI = [sys.executable, "-c", "from sagte.cli import main; main()"]


def many_articles(n: int) -> list:
    """``n`` distinct small articles, each with two entities and two statements."""
    return [
        article(f"k{i}", f"2025-01-{1 + i % 28:02d}",
                f"Bericht {i}: „Die Lage ist ernst“, sagte Bürgermeisterin Anna Berg. Sie fügte hinzu, Kurt Mayer habe recht.",
                entities={"Anna Berg": ("PER", ["Anna Berg"], ["Bürgermeisterin"]), "Kurt Mayer": ("PER", ["Kurt Mayer"])},
                statements=[{"content": "Die Lage ist ernst", "cue": "sagte", "speaker": "Anna Berg"},
                            {"content": "Kurt Mayer habe recht", "cue": "fügte hinzu", "speaker": None, "kind": "indirect"}])
        for i in range(n)
    ]


def write_jsonl(path, docs) -> None:
    path.write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")


def test_analysed_documents_are_ingested_once(store_url, tmp_path):  # noqa: F811
    src = tmp_path / "docs.jsonl"
    write_jsonl(src, ARTICLES)
    first = ingest([src], store_url)
    second = ingest([src], store_url)
    assert (first.added, first.skipped, first.failed) == (3, 0, [])
    assert (second.added, second.skipped, second.failed) == (0, 3, [])
    with open_store(store_url) as s:
        assert s.stats()["documents"] == 3


HTML = """<!doctype html><html lang="de"><head><title>Streit um Radwege</title>
<meta property="article:published_time" content="2025-02-10T09:30:00+01:00"></head>
<body><nav>Start | Politik | Sport</nav><article><h1>Streit um Radwege</h1>
<p>„Wir bauen den Radweg noch in diesem Jahr“, sagte Bürgermeisterin Anna Berg am Montag im Rathaus.</p>
<p>Der Verkehrsclub begrüßte die Entscheidung, forderte aber mehr Tempo bei den übrigen Projekten.</p>
</article><footer>Impressum</footer></body></html>"""


def test_folders_of_text_html_and_jsonl(nlp, tmp_path):
    folder = tmp_path / "in" / "sub"
    folder.mkdir(parents=True)
    (tmp_path / "in" / "2025-01-07 eins.txt").write_text("„Das reicht nicht“, sagte Kurt Mayer am Dienstag in Linz.\n", encoding="utf-8")
    (folder / "zwei.html").write_text(HTML, encoding="utf-8")
    (folder / "drei.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Die Ministerin sagte, man prüfe den Antrag.", "date": "2025-03-01", "title": "Antrag"},
                   ensure_ascii=False) + "\n"
        + json.dumps({"id": "j2", "text": "Kurt Mayer erklärte, er sei zufrieden."}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    (folder / "notizen.pdf").write_bytes(b"%PDF-1.4 not an article")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    report = ingest([tmp_path / "in"], url)
    assert (report.added, report.failed) == (4, [])
    assert ingest([tmp_path / "in"], url).added == 0
    with open_store(url) as s:
        docs = {d["title"]: d for d in s.documents()}
        assert docs["Streit um Radwege"]["date"] == "2025-02-10"
        assert docs["Antrag"]["date"] == "2025-03-01"
        page = s.document(docs["Streit um Radwege"]["id"])
        assert "sagte Bürgermeisterin Anna Berg" in page.text and "Impressum" not in page.text
        assert s.document("j2").text == "Kurt Mayer erklärte, er sei zufrieden."
        assert {d["source"].rsplit("/", 1)[-1]: d["date"] for d in s.documents()}["2025-01-07 eins.txt"] == "2025-01-07"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("2025-02-10-kreml.txt", "2025-02-10"), ("bericht (2005-08-20).txt", "2005-08-20"), ("2025-13-40.txt", None),
     ("notiz.txt", None), ("120250210.txt", None)],
)
def test_date_in_a_file_name(name, expected):
    assert date_in_name(name) == expected


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("{not json", "Expecting property name"),
        ('["a list"]', "not a JSON object"),
        ('{"id": "x", "text": ""}', "is empty"),
        ('{"id": "y", "text": "Kurt Mayer sagte nichts.", "date": "gestern"}', "not a valid YYYY-MM-DD date"),
    ],
)
def test_bad_lines_are_reported_and_the_rest_stored(tmp_path, line, error):
    src = tmp_path / "in.jsonl"
    src.write_text(ARTICLES[0].to_json() + "\n" + line + "\n" + ARTICLES[1].to_json() + "\n", encoding="utf-8")
    report = ingest([src], f"sqlite:///{tmp_path / 'c.db'}")
    assert report.added == 2
    assert [source for source, _ in report.failed] == [f"{src}:2"]
    assert error in report.failed[0][1]


def test_an_article_the_store_rejects_does_not_stop_the_run(store_url, tmp_path):  # noqa: F811
    broken = ARTICLES[0].model_copy(deep=True)
    broken.statements[1].id = broken.statements[0].id  # two statements "q1"
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [broken, ARTICLES[1], ARTICLES[2]])
    report = ingest([src], store_url)
    assert report.added == 2
    assert [(source, "cannot store it" in error) for source, error in report.failed] == [(f"{src}:1", True)]
    _consistent(store_url)
    with open_store(store_url) as s:
        assert s.document(ARTICLES[0].id) is None


def test_workers_analyse_in_processes(tmp_path):
    src = tmp_path / "in.jsonl"
    texts = ["Kurt Mayer sagte, er komme morgen.", "„Wir warten ab“, sagte Anna Berg.", "Die Polizei teilte mit, die Straße sei frei."]
    src.write_text("".join(json.dumps({"id": f"w{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
                   encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert ingest([src], url, workers=2).added == 3
    with open_store(url) as s:
        assert sorted(d["id"] for d in s.documents()) == ["w0", "w1", "w2"]


def _count(url: str) -> int:
    try:
        with open_store(url) as s:
            return int(s.db.q("SELECT COUNT(*) FROM documents")[0][0])
    except Exception:  # noqa: BLE001 - the store may not exist yet while the child starts
        return 0


def _consistent(url: str) -> None:
    """Every stored article is whole: its statements and entities are all there."""
    with open_store(url) as s:
        rows = s.db.q("SELECT d.id, d.n_statements, d.n_entities, (SELECT COUNT(*) FROM statements t WHERE t.doc_id = d.id), "
                      "(SELECT COUNT(*) FROM doc_entities e WHERE e.doc_id = d.id) FROM documents d")
        assert rows
        for doc_id, n_st, n_ent, st, ent in rows:
            assert (st, ent) == (n_st, n_ent), doc_id
        assert s.db.q("SELECT COUNT(*), COUNT(DISTINCT hash) FROM documents")[0] == (len(rows), len(rows))
        if s.dialect == "sqlite":
            assert s.db.q("PRAGMA integrity_check") == [("ok",)]
            # the full-text index matches the statements table exactly (raises otherwise)
            s.db.q("INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)")


def test_sigkill_mid_run_then_rerun_completes(store_url, tmp_path):  # noqa: F811
    n = 300
    src = tmp_path / "many.jsonl"
    write_jsonl(src, many_articles(n))
    child = subprocess.Popen([*CLI, "ingest", str(src), "--db", store_url], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(store_url) < 20:
        assert child.poll() is None, child.stderr.read().decode()
        assert time.monotonic() < deadline, "the ingest stored nothing in 120 s"
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    stored = _count(store_url)
    assert 20 <= stored < n, "the kill must land mid-run"
    _consistent(store_url)
    report = ingest([src], store_url)
    assert (report.added, report.skipped) == (n - stored, stored)
    _consistent(store_url)
    assert _count(store_url) == n


def test_two_ingests_on_one_store(store_url, tmp_path):  # noqa: F811
    """Two processes start on the same new store (both migrate it) and the same input."""
    n = 150
    src = tmp_path / "many.jsonl"
    write_jsonl(src, many_articles(n))
    url = store_url
    children = [subprocess.Popen([*CLI, "ingest", str(src), "--db", url], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                for _ in range(2)]
    outs = [c.communicate(timeout=300)[1].decode() for c in children]
    assert [c.returncode for c in children] == [0, 0], outs
    added = sum(int(out.split("added ")[1].split(",")[0]) for out in outs)
    assert added == n
    assert _count(url) == n
    _consistent(url)
    with open_store(url) as s:
        assert len(s.migrations()) == len(MIGRATIONS)
        if s.dialect == "sqlite":
            assert s.db.q("PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_postgres_going_away_mid_ingest(store_url, tmp_path):  # noqa: F811
    import psycopg

    n = 300
    src = tmp_path / "many.jsonl"
    write_jsonl(src, many_articles(n))
    child = subprocess.Popen([*CLI, "ingest", str(src), "--db", store_url], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(store_url) < 20:
        assert child.poll() is None, child.stderr.read().decode()
        assert time.monotonic() < deadline, "the ingest stored nothing in 120 s"
        time.sleep(0.05)
    with psycopg.connect(store_url, autocommit=True) as admin:  # the server drops the ingest's session
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE application_name = 'sagte' AND pid <> pg_backend_pid()")
    err = child.communicate(timeout=60)[1].decode()
    assert child.returncode == 4, err
    message = " ".join(err.split())
    assert "lost the connection to PostgreSQL" in message and "were stored before it stopped" in message
    stored = _count(store_url)
    assert 20 <= stored < n
    _consistent(store_url)
    report = ingest([src], store_url)
    assert (report.added, report.skipped) == (n - stored, stored)
    _consistent(store_url)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_batch_output_is_ingested(store_url, tmp_path, fmt):  # noqa: F811
    """`sagte batch` output (JSONL or Parquet shards) loads into the store, once."""
    pytest.importorskip("pyarrow")
    from sagte.batch import run_batch

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"b{i}", "text": f"„Das ist Meldung {i}“, sagte Anna Berg.", "date": "2025-03-01"},
                                      ensure_ascii=False) + "\n" for i in range(3)), encoding="utf-8")
    out = tmp_path / "out"
    run_batch([src], out, fmt=fmt)
    first = ingest([out], store_url)
    second = ingest([out], store_url)
    assert (first.added, first.failed) == (3, [])
    assert (second.added, second.skipped) == (0, 3)
    with open_store(store_url) as s:
        assert s.stats()["documents"] == 3
