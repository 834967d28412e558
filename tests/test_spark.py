"""``sagte spark`` in local[2] mode: the same documents and errors as ``sagte batch``."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from batch_inputs import ARTICLES, ENGLISH, german_page, jsonl_line, write_jsonl, write_warc
from sagte.batch import read_errors, read_output, run_batch
from sagte.batch.sources import discover, iter_records
from sagte.batch.spark import plan_units, run_spark
from sagte.cli import app


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from sagte.batch.spark import spark_session

    session = spark_session("local[2]", {"spark.driver.memory": "1g", "spark.sql.shuffle.partitions": "2"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """A JSONL file with good and bad lines, and a WARC file with German, English and non-HTML responses."""
    root = tmp_path_factory.mktemp("spark-in")
    lines = [jsonl_line(i, t, d) for i, t, d in ARTICLES] + ["not json\n", jsonl_line("english", ENGLISH), "\n"]
    pages = [
        (f"https://zeitung.example/{doc_id}", 200, "text/html",
         german_page(f"Artikel {doc_id}", text + " Die Stadt will die Pläne im Herbst vorstellen.", date or "2025-01-01").encode("utf-8"))
        for doc_id, text, date in ARTICLES[:3]
    ] + [
        ("https://zeitung.example/en", 200, "text/html", german_page("Taxes", ENGLISH + " " + ENGLISH, "2025-02-10").encode("utf-8")),
        ("https://zeitung.example/bild.jpg", 200, "image/jpeg", b"\xff\xd8\xff" + bytes(32)),
    ]
    return [write_jsonl(root / "artikel.jsonl", lines), write_warc(root / "crawl.warc.gz", pages)]


def test_spark_local2_gives_the_same_documents_and_errors_as_batch(spark, inputs, tmp_path):
    run_batch(inputs, tmp_path / "batch", fmt="parquet", chunk_size=3, workers=1)
    result = run_spark(inputs, tmp_path / "spark", unit_size=3, spark=spark)
    batch_docs = {d.id: d.to_dict() for d in read_output(tmp_path / "batch")}
    spark_docs = {d.id: d.to_dict() for d in read_output(tmp_path / "spark")}
    assert len(spark_docs) == result["documents"] == len(ARTICLES) + 3
    assert spark_docs == batch_docs

    def key(e):
        return (e["source"], e["record"], e["stage"])

    assert sorted(map(key, read_errors(tmp_path / "spark"))) == sorted(map(key, read_errors(tmp_path / "batch")))
    assert result["errors"] == 4  # not json, English line, English page, the JPEG

    duckdb = pytest.importorskip("duckdb")
    speakers = duckdb.sql(
        f"SELECT s.speaker.text FROM read_parquet('{tmp_path}/spark/documents/*.parquet'), unnest(statements) AS t(s) "
        "WHERE id = 'a1'"
    ).fetchall()
    assert speakers == [("die Ministerin",)]


@pytest.mark.parametrize(
    ("n_lines", "unit_size", "expected"),
    [
        (5, 2, [(0, 2), (2, 4), (4, 5)]),
        (4, 2, [(0, 2), (2, 4)]),
        (3, 10, [(0, 3)]),
    ],
)
def test_work_units_cover_every_jsonl_line_once_and_seek_to_it(tmp_path, n_lines, unit_size, expected):
    src = write_jsonl(tmp_path / "in.jsonl", [jsonl_line(f"x{i}", f"Text {i}.") for i in range(n_lines)])
    units = plan_units(discover([src]), unit_size)
    assert [(u["start"], u["end"]) for u in units] == expected
    for unit in units:
        records = list(iter_records(unit["source"], start=unit["start"], end=unit["end"], offset=unit["offset"]))
        assert [r.index for r in records] == list(range(unit["start"], unit["end"]))
        assert [f'"x{r.index}"' in r.data.decode() for r in records] == [True] * len(records)


def test_a_warc_file_is_one_unit(tmp_path):
    warc = write_warc(tmp_path / "c.warc.gz", [("https://zeitung.example/a", 200, "text/html", b"<html></html>")])
    assert [(u["start"], u["end"]) for u in plan_units(discover([warc]), 2)] == [(0, None)]


def test_cli_spark_refuses_an_output_folder_in_use(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [jsonl_line("a1", ARTICLES[0][1])])
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["spark", str(src), str(tmp_path / "out"), "--master", "local[1]"])
    assert result.exit_code == 2
    assert "--overwrite" in " ".join(result.output.split())
