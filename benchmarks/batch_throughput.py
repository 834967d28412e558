"""Throughput of ``sagte batch`` with 1 and 2 workers, and of ``sagte spark`` in local[2].

Usage: python benchmarks/batch_throughput.py [--limit N] [--quotes-split dev|train] [--no-spark] [--json]

Converts ``raw-de/10kgnad-test.csv`` and ``quotes-de/<split>.jsonl`` (from
``sagte.evaluation.data_dir()``) to JSONL in a temporary folder (never into the repository),
then for each corpus prints: tokens (the pipeline's tokenizer, counted outside the timing),
wall-clock tokens/s with 1 and 2 workers (worker start-up included), the scaling ratio,
tokens per CPU-second of the workers (the per-core figure that other jobs on a shared machine
do not distort),
peak RSS per worker, articles per hour per core, and Spark local[2]'s wall time over
``sagte batch --workers 2``'s (its overhead ratio; Spark's session start is reported apart).
The load average is printed too: on a shared machine, other jobs take cores from the run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from sagte.evaluation import data_dir


def gnad_records(path: Path, limit: int) -> list[dict]:
    """10kGNAD test: ``label;'text'`` per line (quote char ``'``), no dates."""
    records = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter=";", quotechar="'")):
            if limit and n >= limit:
                break
            if len(row) >= 2 and row[1].strip():
                records.append({"id": f"gnad-{n}", "text": row[1]})
    return records


def quotes_records(path: Path, limit: int) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit and n >= limit:
                break
            raw = json.loads(line)
            records.append({"id": f"quotes-{n}", "text": raw["originalText"], "date": raw.get("date")})
    return records


def run_one(records: list[dict], tmp: Path, name: str, *, spark, no_spark: bool) -> dict:
    import sagte
    from sagte.batch import run_batch

    src = tmp / f"{name}.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    tokenizer = sagte.load().tokenizer
    tokens = sum(len(tokenizer(r["text"])) for r in records)
    row = {"corpus": name, "articles": len(records), "tokens": tokens}
    chunk_size = max(4, min(64, len(records) // 16))  # enough chunks for both workers to stay busy
    for workers in (1, 2):
        load_before = os.getloadavg()[0]
        summary = run_batch([src], tmp / f"{name}-w{workers}", workers=workers, chunk_size=chunk_size)
        row[f"w{workers}"] = {
            "seconds": round(summary.seconds, 2),
            "documents": summary.documents,
            "errors": summary.errors,
            "tokens_per_s": round(tokens / summary.seconds),
            "tokens_per_s_per_core": round(tokens / summary.seconds / workers),
            "articles_per_hour_per_core": round(summary.documents / summary.seconds * 3600 / workers),
            "cpu_seconds": round(summary.cpu_seconds, 2),
            "tokens_per_cpu_s": round(tokens / summary.cpu_seconds),
            "articles_per_cpu_hour": round(summary.documents / summary.cpu_seconds * 3600),
            "peak_rss_mb_per_worker": sorted(summary.peak_rss_mb.values()),
            "load_avg_before": round(load_before, 2),
        }
    row["scaling_2_vs_1"] = round(row["w2"]["tokens_per_s"] / row["w1"]["tokens_per_s"], 2)
    if not no_spark:
        from sagte.batch.spark import run_spark

        result = run_spark([src], tmp / f"{name}-spark", unit_size=chunk_size, spark=spark)
        row["spark_local2"] = {
            "seconds": round(result["seconds"], 2),
            "documents": result["documents"],
            "tokens_per_s": round(tokens / result["seconds"]),
            "overhead_vs_batch_w2": round(result["seconds"] / row["w2"]["seconds"], 2),
        }
    return row


def synthetic_page(n: int, text: str) -> bytes:
    """A news-like page we generate: the article's paragraphs inside ~40 KB of navigation,
    teasers and footer links (real CC-NEWS pages are 50-200 KB of HTML; none is in the data)."""
    nav = "".join(f'<li><a href="/rubrik/{i}/thema-{n}">Rubrik {i}</a></li>' for i in range(300))
    teasers = "".join(f'<div class="teaser"><a href="/artikel/{n}-{i}"><h3>Weitere Meldung {i}</h3></a></div>' for i in range(80))
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split(". ") if p)
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Artikel {n}</title>'
        f'<meta property="article:published_time" content="2025-02-12"><script>var x = {n};</script></head>'
        f"<body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>Artikel {n}</h1>{paragraphs}</article>"
        f"<aside>{teasers}</aside></main><footer>{nav}</footer></body></html>"
    ).encode("utf-8")


def extraction_cost(records: list[dict], n: int = 100) -> dict:
    """CPU milliseconds per page for HTML extraction (trafilatura + htmldate) and the German check."""
    from sagte.batch.worker import declared_language, detect_language, extract_html

    pages = [synthetic_page(i, r["text"]) for i, r in enumerate(records[:n])]
    t = time.process_time()
    for _ in range(10):
        declared = [declared_language(p) for p in pages]
    prefilter = (time.process_time() - t) / 10
    t0 = time.process_time()
    texts = [extract_html(p)["text"] for p in pages]
    t1 = time.process_time()
    langs = [detect_language(t) for t in texts]
    t2 = time.process_time()
    return {
        "pages": len(pages),
        "mean_page_kb": round(sum(map(len, pages)) / len(pages) / 1024, 1),
        "extract_cpu_ms_per_page": round((t1 - t0) / len(pages) * 1000, 2),
        "language_cpu_ms_per_page": round((t2 - t1) / len(pages) * 1000, 2),
        "declared_language_cpu_ms_per_page": round(prefilter / len(pages) * 1000, 3),
        "declared_german": sum(1 for lang in declared if lang == "de"),
        "detected_german": sum(1 for lang in langs if lang == "de"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="articles per corpus (0: all)")
    ap.add_argument("--quotes-split", default="dev", choices=["dev", "train"])
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    data = data_dir()
    corpora = {
        "10kgnad-test": gnad_records(data / "raw-de" / "10kgnad-test.csv", args.limit),
        f"quotes-de-{args.quotes_split}": quotes_records(data / "quotes-de" / f"{args.quotes_split}.jsonl", args.limit),
    }
    import sagte

    t0 = time.perf_counter()
    sagte.load()
    startup = time.perf_counter() - t0
    spark, spark_start = None, None
    if not args.no_spark:
        from sagte.batch.spark import spark_session

        t0 = time.perf_counter()
        spark = spark_session("local[2]", {"spark.driver.memory": "2g"})
        spark.sparkContext.parallelize([0], 1).count()
        spark_start = time.perf_counter() - t0
    rows = []
    with tempfile.TemporaryDirectory(prefix="sagte-bench-") as tmp:
        for name, records in corpora.items():
            rows.append(run_one(records, Path(tmp), name, spark=spark, no_spark=args.no_spark))
    if spark is not None:
        spark.stop()
    report = {
        "pipeline": sagte.load().pipe_names,
        "cpu_count": os.cpu_count(),
        "load_avg_end": [round(x, 2) for x in os.getloadavg()],
        "pipeline_load_s": round(startup, 2),
        "spark_session_start_s": round(spark_start, 2) if spark_start is not None else None,
        "corpora": rows,
        "html_extraction_synthetic": extraction_cost(corpora["10kgnad-test"]),
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return
    print(f"pipeline {report['pipeline']}; {report['cpu_count']} CPUs; load average at end {report['load_avg_end']}")
    print(f"pipeline load {startup:.2f} s; Spark session start {report['spark_session_start_s']} s")
    h = report["html_extraction_synthetic"]
    print(f"HTML extraction on {h['pages']} generated pages of {h['mean_page_kb']} KB: {h['extract_cpu_ms_per_page']} ms CPU per page, "
          f"German check {h['language_cpu_ms_per_page']} ms; {h['detected_german']} detected as German; "
          f"reading the declared language {h['declared_language_cpu_ms_per_page']} ms")
    for r in rows:
        print(f"\n{r['corpus']}: {r['articles']} articles, {r['tokens']:,} tokens")
        for w in ("w1", "w2"):
            m = r[w]
            print(f"  {w[1]} worker(s): {m['seconds']:.1f} s, {m['tokens_per_s']:,} tokens/s ({m['tokens_per_s_per_core']:,}/core), "
                  f"{m['articles_per_hour_per_core']:,} articles/h/core, peak RSS per worker {m['peak_rss_mb_per_worker']} MB, "
                  f"{m['documents']} docs, {m['errors']} errors, load before {m['load_avg_before']}")
            print(f"      CPU time {m['cpu_seconds']:.1f} s: {m['tokens_per_cpu_s']:,} tokens per CPU-second, "
                  f"{m['articles_per_cpu_hour']:,} articles per CPU-hour")
        print(f"  scaling 2 vs 1 workers: {r['scaling_2_vs_1']:.2f}x")
        if "spark_local2" in r:
            s = r["spark_local2"]
            print(f"  Spark local[2]: {s['seconds']:.1f} s, {s['tokens_per_s']:,} tokens/s, {s['overhead_vs_batch_w2']:.2f}x the time of batch --workers 2")


if __name__ == "__main__":
    main()
