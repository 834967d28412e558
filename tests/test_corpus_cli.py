"""The corpus commands (issue 6, item 4): ingest, speakers, statements, entity, merge, split, export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from corpus_articles import ARTICLES, store_url  # noqa: F401
from sagte.cli import app

runner = CliRunner()


@pytest.fixture
def db(store_url, tmp_path):  # noqa: F811
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(d.to_json() + "\n" for d in ARTICLES), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(src), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "added 3, already stored 0, failed 0" in result.output
    return store_url


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_second_ingest_adds_nothing(db, tmp_path):
    src = tmp_path / "docs.jsonl"
    result = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert result.exit_code == 0 and "added 0, already stored 3" in result.output


def test_speakers_as_json_and_csv(db):
    rows = json.loads(run("speakers", "--db", db, "--format", "json"))
    assert [(r["name"], r["statements"]) for r in rows][:1] == [("Dmitrij Peskow", 3)]
    table = list(csv.DictReader(io.StringIO(run("speakers", "--db", db, "--format", "csv"))))
    assert {r["name"]: r["statements"] for r in table} == {
        "Dmitrij Peskow": "3", "Donald Trump": "1", "Melania Trump": "1", "Wolodymyr Selenskyj": "1"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--speaker", "Peskov"], ["Wir sehen keinen Grund für Gespräche mit Wolodymyr Selenskyj",
                                   "Moskau prüfe alle Vorschläge",
                                   "Präsident Wolodymyr Selenskyj müsse zuerst die Waffen niederlegen"]),
        (["--speaker", "Peskow", "--since", "2025-03-01"], ["Präsident Wolodymyr Selenskyj müsse zuerst die Waffen niederlegen"]),
        (["--about", "Selenskyj", "--until", "2025-02-28"], ["Wir sehen keinen Grund für Gespräche mit Wolodymyr Selenskyj"]),
        (["--search", "Zölle", "--speaker", "Donald Trump"], ["die Zölle seien ein Erfolg"]),
        (["--speaker", "Angela Merkel"], []),
        (["--document", "a3", "--search", "Zölle"], ["die Zölle seien ein Erfolg", "man prüfe die Zölle"]),
    ],
)
def test_statements_filters(db, args, expected):
    rows = json.loads(run("statements", "--db", db, "--format", "json", *args))
    assert [r["content"] for r in rows] == expected


def test_speakers_of_one_type(db):
    rows = json.loads(run("speakers", "--db", db, "--format", "json", "--type", "per", "--limit", "2"))
    assert [(r["name"], r["type"]) for r in rows] == [("Dmitrij Peskow", "PER"), ("Donald Trump", "PER")]
    assert json.loads(run("speakers", "--db", db, "--format", "json", "--type", "ORG")) == []


def test_statements_table_and_jsonl(db):
    assert "Melania Trump" in run("statements", "--db", db, "--speaker", "Melania Trump")
    lines = run("statements", "--db", db, "--format", "jsonl").splitlines()
    assert len(lines) == 7 and all(json.loads(line)["document"] for line in lines)


def test_entity_shows_spellings_roles_and_timeline(db):
    out = run("entity", "Peskov", "--db", db)
    for expected in ("Dmitrij Peskow", "Dmitri Peskov", "Kreml-Sprecher", "2025-02", "2025-03", "first seen"):
        assert expected in out


def test_entity_table_shows_the_latest_statements(db):
    out = run("entity", "Peskow", "--db", db, "--limit", "1")
    assert "the latest 1 of 3 statements" in out and "niederlegen" in out and "Vorschläge" not in out


def test_entity_as_json_and_csv(db):
    found = json.loads(run("entity", "Dmitri Peskov", "--db", db, "--format", "json"))
    assert found["name"] == "Dmitrij Peskow" and len(found["statements"]) == 3
    rows = list(csv.DictReader(io.StringIO(run("entity", "Peskow", "--db", db, "--format", "csv"))))
    assert [r["speaker"] for r in rows] == ["Dmitrij Peskow", "Peskow", "Dmitri Peskov"]


def test_split_then_merge_from_the_command_line(db):
    out = run("split", "Dmitrij Peskow", "Dmitri Peskov", "--db", db, "--why", "Prüfung")
    assert "new identity" in out and "Dmitri Peskov" in out
    rows = json.loads(run("statements", "--db", db, "--format", "json", "--speaker", "Dmitrij Peskow"))
    assert len(rows) == 2
    out = run("merge", "Dmitrij Peskow", "Dmitri Peskov", "--db", db, "--why", "doch dieselbe Person")
    assert "merged into Dmitrij Peskow" in out
    rows = json.loads(run("statements", "--db", db, "--format", "json", "--speaker", "Dmitrij Peskow"))
    assert len(rows) == 3


def test_export_jsonl_and_csv(db, tmp_path):
    lines = run("export", "--db", db, "--format", "jsonl").splitlines()
    assert sorted(json.loads(line)["statement"] for line in lines) == ["q1", "q1", "q1", "q2", "q2", "q2", "q3"]
    out = tmp_path / "s.csv"
    run("export", "--db", db, "--format", "csv", "--output", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 7
    assert {r["about"] for r in rows if r["speaker_name"] == "Dmitrij Peskow"} == {"Wolodymyr Selenskyj", "Moskau"}


def test_export_graphml_reads_in_networkx(db, tmp_path):
    import networkx as nx

    out = tmp_path / "net.graphml"
    run("export", "--db", db, "--format", "graphml", "--output", str(out))
    graph = nx.read_graphml(out)
    edges = {(graph.nodes[a]["label"], graph.nodes[b]["label"], d["weight"]) for a, b, d in graph.edges(data=True)}
    assert edges == {("Dmitrij Peskow", "Wolodymyr Selenskyj", 2.0), ("Dmitrij Peskow", "Moskau", 1.0)}
    assert graph.is_directed()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["speakers", "--db", "sqlite:///{tmp}/nichts.db"], 4, "there is no store"),
        (["statements", "--db", "sqlite:///{tmp}/nichts.db"], 4, "sagte ingest"),
        (["statements", "--db", "sqlite:///{tmp}/c.db", "--since", "letzte Woche"], 2, "YYYY-MM-DD"),
        (["entity", "Niemand", "--db", "sqlite:///{tmp}/c.db"], 2, "no identity called"),
        (["export", "--db", "sqlite:///{tmp}/c.db", "--format", "xlsx"], 2, "use jsonl, csv or graphml"),
        (["speakers", "--db", "sqlite:///{tmp}/c.db", "--type", "Person"], 2, "use PER, ORG, LOC or MISC"),
        (["ingest", "{tmp}/fehlt.txt", "--db", "sqlite:///{tmp}/c.db"], 2, "does not exist"),
        (["ingest", "{tmp}/a.txt", "--db", "sqlite:///{tmp}/kein/ordner/c.db"], 4, "does not exist"),
    ],
)
def test_errors_say_what_to_do(tmp_path, args, code, message):
    (tmp_path / "a.txt").write_text("Kurt Mayer sagte, er komme.", encoding="utf-8")
    from sagte.store import open_store

    open_store(f"sqlite:///{tmp_path / 'c.db'}", create=True).close()
    result = runner.invoke(app, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == code, result.output
    assert message in " ".join(result.output.split())
