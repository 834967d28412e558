"""``sagte batch``: JSONL, WARC and folder inputs; errors file; Parquet; resuming after a crash or Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batch_inputs import ARTICLES, ENGLISH, german_page, jsonl_line, write_jsonl, write_warc
from sagte.batch import read_errors, read_output, run_batch
from sagte.batch.manifest import load_manifest
from sagte.cli import app
from sagte.errors import BatchError

runner = CliRunner()


def _good_lines():
    return [jsonl_line(i, t, d) for i, t, d in ARTICLES]


def _ids(out: Path) -> list[str]:
    return [d.id for d in read_output(out)]


def _by_id(out: Path) -> dict[str, dict]:
    return {d.id: d.to_dict() for d in read_output(out)}


# --- every article becomes a document, with what the reader expects --------------------

@pytest.fixture(scope="module")
def jsonl_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("jsonl-run")
    summary = run_batch([write_jsonl(tmp / "in.jsonl", _good_lines())], tmp / "out", chunk_size=4)
    return summary, {d.id: d for d in read_output(tmp / "out")}


@pytest.mark.parametrize(("doc_id", "text", "date"), ARTICLES)
def test_each_article_gives_the_document_analyze_gives(jsonl_run, analyze, doc_id, text, date):
    summary, docs = jsonl_run
    assert (summary.documents, summary.errors, summary.chunks) == (len(ARTICLES), 0, 2)
    assert docs[doc_id].to_dict() == analyze(text, date=date, id=doc_id).to_dict()


def test_a_statement_is_found_in_batch_output(jsonl_run):
    _, docs = jsonl_run
    assert [st.speaker.text for st in docs["a1"].statements if st.speaker] == ["die Ministerin"]
    assert docs["a1"].date == "2025-02-12" and docs["a2"].date is None


# --- bad records go to errors.jsonl with the reason, never silently dropped --------------

@pytest.mark.parametrize(
    ("line", "stage", "reason"),
    [
        ("this is not json\n", "read", "not valid JSON"),
        ('["a list", "not an object"]\n', "read", "not a JSON object"),
        (jsonl_line("empty", "   "), "prepare", "is empty"),
        (jsonl_line("bad-date", "Der Minister sagte, es gehe voran.", "12.02.2025"), "prepare", "YYYY-MM-DD"),
        (jsonl_line("english", ENGLISH), "language", "not German"),
    ],
)
def test_bad_records_go_to_the_errors_file(tmp_path, line, stage, reason):
    lines = _good_lines()[:2] + [line] + _good_lines()[2:3]
    out = tmp_path / "out"
    summary = run_batch([write_jsonl(tmp_path / "in.jsonl", lines)], out)
    errors = read_errors(out)
    assert summary.documents == 3 and summary.errors == 1
    assert [(e["record"], e["stage"]) for e in errors] == [(2, stage)]
    assert reason in errors[0]["reason"]
    assert _ids(out) == ["a1", "a2", "a3"]


def test_all_languages_keeps_a_text_not_in_german(tmp_path):
    out = tmp_path / "out"
    run_batch([write_jsonl(tmp_path / "in.jsonl", [jsonl_line("english", ENGLISH)])], out, all_languages=True)
    assert _ids(out) == ["english"] and read_errors(out) == []


def test_gzipped_jsonl_gives_the_same_documents(tmp_path):
    import gzip

    plain = write_jsonl(tmp_path / "in.jsonl", _good_lines()[:3])
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    run_batch([plain], tmp_path / "plain")
    run_batch([packed], tmp_path / "packed")
    assert _by_id(tmp_path / "packed") == _by_id(tmp_path / "plain") and len(_ids(tmp_path / "packed")) == 3


def test_blank_lines_are_skipped_and_counted(tmp_path):
    out = tmp_path / "out"
    summary = run_batch([write_jsonl(tmp_path / "in.jsonl", [_good_lines()[0], "\n", _good_lines()[1]])], out)
    assert (summary.documents, summary.skipped, summary.errors) == (2, 1, 0)


# --- WARC: HTML responses become articles; everything else is skipped or an error -------

WARC_PAGES = [
    ("https://zeitung.example/politik/steuern", 200, "text/html; charset=utf-8",
     german_page("Steuern bleiben", "„Wir erhöhen die Steuern nicht“, sagte der Finanzminister am Montag in Berlin. "
                 "Die Opposition kritisierte die Pläne der Regierung scharf und forderte eine Debatte im Parlament.",
                 "2025-02-10").encode("utf-8")),
    ("https://zeitung.example/en/taxes", 200, "text/html",
     german_page("Taxes", ENGLISH + " " + ENGLISH, "2025-02-10").encode("utf-8")),
    ("https://zeitung.example/logo.png", 200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ("https://zeitung.example/fehlt", 404, "text/html", b"<html><body>Nicht gefunden</body></html>"),
]


@pytest.mark.parametrize(
    ("url", "outcome"),
    [
        ("https://zeitung.example/politik/steuern", "document"),
        ("https://zeitung.example/en/taxes", "language"),
        ("https://zeitung.example/logo.png", "extract"),
        ("https://zeitung.example/fehlt", "extract"),
    ],
)
def test_warc_responses(tmp_path, url, outcome):
    warc = write_warc(tmp_path / "crawl.warc.gz", WARC_PAGES)
    out = tmp_path / "out"
    summary = run_batch([warc], out, fmt="parquet")
    docs = {d.id: d for d in read_output(out)}
    errors = {e["id"]: e["stage"] for e in read_errors(out)}
    # warcinfo + 4 requests are not articles; each response is a document or an error
    assert summary.skipped == 5 and summary.documents + summary.errors == 4
    if outcome == "document":
        doc = docs[url]
        assert doc.title == "Steuern bleiben" and doc.date == "2025-02-10"
        assert "Finanzminister" in doc.text and "Impressum" not in doc.text
        assert [st.speaker.text for st in doc.statements if st.speaker][:1] == ["der Finanzminister"]
    else:
        assert url not in docs and errors[url] == outcome


GERMAN_BODY = "„Wir erhöhen die Steuern nicht“, sagte der Finanzminister am Montag in Berlin. Die Opposition kritisierte das."


@pytest.mark.parametrize(
    ("html_lang", "content_language", "body", "outcome"),
    [
        ('lang="de-DE"', None, GERMAN_BODY, "document"),
        ("", None, GERMAN_BODY, "document"),  # no declaration: extracted, then detected
        ('lang="en"', None, ENGLISH, "declares language 'en'"),
        ('lang="de"', "fr-FR", GERMAN_BODY, "declares language 'fr'"),  # the header wins
        ('lang="de"', None, ENGLISH + " " + ENGLISH, "in language 'en'"),  # declared German, detected English
    ],
)
def test_declared_language_is_checked_before_extraction(tmp_path, html_lang, content_language, body, outcome):
    page = german_page("Seite", body, "2025-02-10").replace('lang="de"', html_lang).encode("utf-8")
    headers = [("Content-Language", content_language)] if content_language else []
    warc = write_warc(tmp_path / "c.warc.gz", [("https://zeitung.example/s", 200, "text/html", page)], extra_headers=headers)
    out = tmp_path / "out"
    run_batch([warc], out)
    errors = read_errors(out)
    if outcome == "document":
        assert _ids(out) == ["https://zeitung.example/s"] and errors == []
    else:
        assert _ids(out) == [] and [e["stage"] for e in errors] == ["language"]
        assert outcome in errors[0]["reason"]


def test_corrupt_warc_keeps_the_records_before_and_logs_where_it_broke(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz", WARC_PAGES[:1] * 3, with_requests=False)
    warc.write_bytes(warc.read_bytes() + b"this is no WARC record\r\n" * 4)  # garbage after 3 good records
    out = tmp_path / "out"
    summary = run_batch([warc], out)
    errors = read_errors(out)
    assert summary.documents == 3
    assert [(e["record"], e["stage"]) for e in errors] == [(4, "read")]  # 0 is the warcinfo record
    assert "cannot read WARC" in errors[0]["reason"]


def test_folder_of_text_and_html_files(tmp_path):
    folder = tmp_path / "artikel"
    (folder / "sub").mkdir(parents=True)
    (folder / "eins.txt").write_text(ARTICLES[0][1], encoding="utf-8")
    (folder / "sub" / "zwei.html").write_text(german_page("Zwei", ARTICLES[2][1] + " " + ARTICLES[3][1], "2025-03-01"), encoding="utf-8")
    (folder / "drei.txt").write_bytes(b"\x00\x01binary")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([folder], out)
    docs = {d.id: d for d in read_output(out)}
    assert sorted(docs) == ["eins.txt", "sub/zwei.html"]
    assert docs["sub/zwei.html"].title == "Zwei" and docs["sub/zwei.html"].date == "2025-03-01"
    assert [(e["id"], e["stage"]) for e in read_errors(out)] == [("drei.txt", "read")] and summary.errors == 1


# --- output formats ------------------------------------------------------------------------

def test_parquet_equals_jsonl_and_duckdb_and_pandas_read_it(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", _good_lines())
    run_batch([src], tmp_path / "j", fmt="jsonl", chunk_size=4)
    run_batch([src], tmp_path / "p", fmt="parquet", chunk_size=4)
    assert _by_id(tmp_path / "p") == _by_id(tmp_path / "j")

    duckdb = pytest.importorskip("duckdb")
    rows = duckdb.sql(
        f"SELECT id, s.speaker.text FROM read_parquet('{tmp_path}/p/documents/*.parquet'), "
        "unnest(statements) AS t(s) WHERE id = 'a1'"
    ).fetchall()
    assert rows == [("a1", "die Ministerin")]
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_parquet(tmp_path / "p" / "documents")
    assert sorted(frame["id"]) == sorted(a[0] for a in ARTICLES)


def test_two_workers_give_the_same_documents_as_one(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", _good_lines() * 1 + [jsonl_line("english", ENGLISH)])
    one = run_batch([src], tmp_path / "one", chunk_size=2, workers=1)
    two = run_batch([src], tmp_path / "two", chunk_size=2, workers=2)
    assert _by_id(tmp_path / "two") == _by_id(tmp_path / "one")
    assert (two.documents, two.errors) == (one.documents, one.errors) == (6, 1)
    assert os.getpid() not in {c["pid"] for c in load_manifest(tmp_path / "two")[1]}  # analysed in worker processes


# --- resuming: no duplicate, no gap --------------------------------------------------------

def test_resume_after_a_crash_redoes_only_uncommitted_chunks(tmp_path):
    lines = _good_lines() + [jsonl_line("english", ENGLISH)]
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    full = tmp_path / "full"
    run_batch([src], full, chunk_size=2)

    # the state a crash leaves: 2 of 4 chunks committed, a torn manifest line, the shard
    # and error lines of a chunk that was never committed, a half-written temporary shard
    out = tmp_path / "out"
    run_batch([src], out, chunk_size=2)
    header, chunks = load_manifest(out)
    committed = sorted(chunks, key=lambda c: c["start"])[:2]
    (out / "manifest.jsonl").write_text(
        "".join(json.dumps(x) + "\n" for x in [header, *committed]) + '{"source": "torn', encoding="utf-8"
    )
    (out / "documents" / ".part-half.jsonl.tmp").write_text('{"id": "half', encoding="utf-8")
    assert len(read_errors(out)) == 1  # the English line's chunk (4-6) is not committed any more

    summary = run_batch([src], out, chunk_size=2)
    assert summary.resumed_chunks == 2 and summary.chunks == 2
    assert _ids(out) == _ids(full) and len(_ids(out)) == len(set(_ids(out))) == 6
    assert read_errors(out) == read_errors(full)
    ranges = sorted((c["start"], c["end"]) for c in load_manifest(out)[1])
    assert ranges == [(0, 2), (2, 4), (4, 6), (6, 7)]
    assert not list((out / "documents").glob(".*"))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_then_rerun_continues_with_no_duplicate_and_no_gap(tmp_path, workers):
    """A real SIGINT: the run reads from a pipe we hold open, so it is mid-run for sure."""
    lines = _good_lines() + [jsonl_line("english", ENGLISH)] + [jsonl_line(f"b{i}", t, d) for i, (_, t, d) in enumerate(ARTICLES)]
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    os.mkfifo(src)
    cmd = [sys.executable, "-m", "sagte.cli", "batch", str(src), "--output", str(out), "--chunk-size", "2", "--workers", workers]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with open(src, "w", encoding="utf-8") as pipe:
        pipe.write("".join(lines[:6]))
        pipe.flush()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _committed(out) < 3:
            time.sleep(0.05)
        assert _committed(out) == 3, "the first 3 chunks were not committed in time"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "rerun the same command" in " ".join(err.decode().split())
    os.unlink(src)
    write_jsonl(src, lines)  # the same input, now as a file
    rerun = subprocess.run(cmd, capture_output=True, timeout=300)
    assert rerun.returncode == 1, rerun.stderr.decode()  # 1: the English line is an error
    ids = _ids(out)
    assert sorted(ids) == sorted([a[0] for a in ARTICLES] + [f"b{i}" for i in range(len(ARTICLES))]), read_errors(out)
    assert [e["id"] for e in read_errors(out)] == ["english"]
    ranges = sorted((c["start"], c["end"]) for c in load_manifest(out)[1])
    assert ranges == [(i, min(i + 2, len(lines))) for i in range(0, len(lines), 2)]


def _committed(out: Path) -> int:
    try:
        return len(load_manifest(out)[1])
    except BatchError:
        return 0


def test_a_replaced_file_is_refused_on_resume_and_a_grown_one_continued(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    write_jsonl(src, _good_lines()[:2])
    run_batch([src], out)
    write_jsonl(src, _good_lines()[:4])  # grown at the end: the new lines are analysed
    assert run_batch([src], out).documents == 2 and _ids(out) == ["a1", "a2", "a3", "a4"]
    write_jsonl(src, _good_lines()[2:])  # another file under the same name
    with pytest.raises(BatchError, match="changed since this run began"):
        run_batch([src], out)


def test_a_changed_folder_is_refused_on_resume(tmp_path):
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "eins.txt").write_text(ARTICLES[0][1], encoding="utf-8")
    run_batch([folder], tmp_path / "out")
    (folder / "null.txt").write_text(ARTICLES[1][1], encoding="utf-8")
    with pytest.raises(BatchError, match="changed since this run began"):
        run_batch([folder], tmp_path / "out")


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("foreign", [], "not empty and has no manifest.jsonl"),
        ("parquet-run", ["--format", "jsonl"], "format='parquet', not 'jsonl'"),
        ("none", ["--workers", "0"], "at least 1"),
    ],
)
def test_cli_refuses_what_it_cannot_continue(tmp_path, setup, args, message):
    src = write_jsonl(tmp_path / "in.jsonl", _good_lines()[:1])
    out = tmp_path / "out"
    if setup == "foreign":
        out.mkdir()
        (out / "notes.txt").write_text("x", encoding="utf-8")
    elif setup == "parquet-run":
        run_batch([src], out, fmt="parquet")
    result = runner.invoke(app, ["batch", str(src), "--output", str(out), *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_cli_batch_exit_codes(tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", _good_lines()[:2])
    bad = write_jsonl(tmp_path / "bad.jsonl", ["not json\n"])
    assert runner.invoke(app, ["batch", str(good), "-o", str(tmp_path / "o1")]).exit_code == 0
    assert runner.invoke(app, ["batch", str(good), str(bad), "-o", str(tmp_path / "o2")]).exit_code == 1
    assert runner.invoke(app, ["batch", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o3")]).exit_code == 2
