"""Ingest speed, database size and query latency of the corpus store (issue 6).

Usage:
    OMP_NUM_THREADS=1 python benchmarks/corpus_store.py [--work DIR] [--workers 2] [--pg URL] [--repeat 7]

1. Converts ``quotes-de`` train + dev (850 articles) to ``{"id","text","date","title"}`` JSONL
   under ``--work`` (default: a temporary folder; never inside the repository).
2. ``sagte ingest`` (the function behind it) of that JSONL into a fresh SQLite store, through
   the full pipeline with ``--workers`` processes: articles/second and database size.
3. With ``--pg URL`` (e.g. ``$SAGTE_TEST_PG``): the analysed documents, exported from the SQLite
   store, are ingested into a fresh PostgreSQL schema (store-only speed), and the same store-only
   ingest into a second SQLite file for comparison.
4. Every query of the corpus commands on each store, ``--repeat`` times: median and worst
   milliseconds (wall clock), and the CPU time of this process (for SQLite the whole query;
   on a machine shared with other jobs it is the figure an idle machine would show), against
   the 100 ms target; the load average is printed with each table.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402


def convert(out: Path) -> int:
    """quotes-de train + dev as ingest JSONL; returns the number of articles."""
    from sagte.evaluation import data_dir

    n = 0
    with out.open("w", encoding="utf-8") as f:
        for split in ("train", "dev"):
            with (data_dir() / "quotes-de" / f"{split}.jsonl").open(encoding="utf-8") as src:
                for line in src:
                    rec = json.loads(line)
                    name = rec.get("documentName") or rec.get("file") or ""
                    number = name.split(" - ", 1)[0].strip() or str(n)
                    title = re.sub(r"\s*\(\d{4}-\d{2}-\d{2}\)\s*$", "", name.split(" - ", 1)[-1]).strip() or None
                    f.write(json.dumps({"id": f"quotes-de/{split}/{number}", "text": rec["originalText"],
                                        "date": rec.get("date"), "title": title}, ensure_ascii=False) + "\n")
                    n += 1
    return n


def timed(fn, repeat: int) -> tuple[float, float, float, object]:
    """Median and worst wall-clock ms, median CPU ms of this process, and the last result."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(times), max(times), statistics.median(cpu), result


def queries(store) -> list[tuple[str, object]]:
    """The queries behind speakers / statements / entity / export, with arguments picked from the data."""
    from sagte.store.export import write_graphml, write_statements_jsonl

    speakers = store.speakers()
    top = speakers[0]["name"] if speakers else "Merkel"
    variants = store.entity(top)["variants"] if speakers else []
    other_spelling = next((v["name"] for v in variants if v["name"] != top), top)
    about = Counter(n for s in store.statements(limit=None) for n in s["about"]).most_common(1)
    about_name = about[0][0] if about else top
    days = sorted(d["date"] for d in store.documents(limit=None) if d["date"])
    mid = days[len(days) // 2] if days else "2010-01-01"
    since, until = mid[:7] + "-01", mid[:4] + "-12-31"
    words = Counter(w for s in store.statements(limit=300) for w in re.findall(r"\w{9,}", s["content"])).most_common(1)
    word = words[0][0] if words else "Regierung"
    first_doc = store.documents(limit=1)[0]["id"]

    class Null:
        def write(self, s):
            return len(s)

    return [
        ("speakers", lambda: store.speakers()),
        ("statements (first 100)", lambda: store.statements()),
        (f"statements --speaker {top!r}", lambda: store.statements(speaker=top)),
        (f"statements --speaker {other_spelling!r} (a variant)", lambda: store.statements(speaker=other_spelling)),
        (f"statements --about {about_name!r}", lambda: store.statements(about=about_name)),
        (f"statements --since {since} --until {until}", lambda: store.statements(since=since, until=until)),
        (f"statements --search {word!r}", lambda: store.statements(q=word)),
        ("statements --speaker + --search + --since", lambda: store.statements(speaker=top, q=word, since="2000-01-01")),
        (f"entity {top!r}", lambda: store.entity(top)),
        ("entities (all identities)", lambda: store.entities()),
        (f"document {first_doc!r}", lambda: store.document(first_doc)),
        ("documents (first 100)", lambda: store.documents()),
        ("network", lambda: store.network()),
        ("export graphml", lambda: write_graphml(store, Null())),
        ("export jsonl (all statements)", lambda: write_statements_jsonl(store, Null())),
    ]


def report_queries(label: str, store, repeat: int) -> None:
    stats = store.stats()
    print(f"\n## queries on {label}: {stats['documents']} documents, {stats['statements']} statements, "
          f"{stats['entities']} entity mentions, {stats['identities']} identities")
    worst_all = 0.0
    for name, fn in queries(store):
        med, worst, cpu, result = timed(fn, repeat)
        if isinstance(result, list):
            n = f"{len(result)} rows"
        elif isinstance(result, dict):
            n = f"{len(result.get('edges', result.get('statements', [])))} edges/statements"
        elif isinstance(result, (int, tuple)):
            n = f"{result} written"
        else:
            n = "found" if result is not None else "none"
        worst_all = max(worst_all, worst)
        print(f"  {name:<62} median {med:7.2f} ms  worst {worst:7.2f} ms  client CPU {cpu:7.2f} ms  ({n})")
    print(f"  slowest (worst wall clock): {worst_all:.2f} ms -> {'all under 100 ms' if worst_all < 100 else 'OVER 100 ms'}"
          f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, default=None, help="folder for the JSONL and the SQLite stores")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--pg", default=os.environ.get("SAGTE_TEST_PG"), help="PostgreSQL admin URL (a schema is created)")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    from sagte.store import open_store
    from sagte.store.ingest import ingest

    work = args.work or Path(tempfile.mkdtemp(prefix="sagte-store-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    src = work / "quotes-de.jsonl"
    n = convert(src)
    print(f"# corpus store benchmark: {n} articles of quotes-de train + dev, work folder {work}")

    db = work / "pipeline.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{db}"
    t = time.perf_counter()
    rep = ingest([src], url, workers=args.workers)
    dt = time.perf_counter() - t
    with open_store(url) as store:
        store.db.q("PRAGMA wal_checkpoint(TRUNCATE)")
        size = store.stats()["bytes"]
    print(f"\n## ingest with the pipeline (--workers {args.workers}) into SQLite")
    print(f"  added {rep.added}, failed {len(rep.failed)}, {dt:.1f} s -> {rep.added / dt:.2f} articles/s; "
          f"database {size / 1e6:.1f} MB ({size / max(rep.added, 1) / 1e3:.1f} kB per article)")
    second = ingest([src], url)
    print(f"  second run: added {second.added}, already stored {second.skipped}, {second.seconds:.1f} s")

    # the analysed documents, for store-only ingests
    analysed = work / "analysed.jsonl"
    with open_store(url) as store, analysed.open("w", encoding="utf-8") as f:
        for d in store.documents(limit=None):
            f.write(store.document(d["id"]).to_json() + "\n")

    targets = [("SQLite (store only)", f"sqlite:///{work / 'store-only.db'}", None)]
    if args.pg:
        schema = f"sagte_bench_{uuid.uuid4().hex[:8]}"
        import psycopg

        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        sep = "&" if "?" in args.pg else "?"
        targets.append(("PostgreSQL (store only)", f"{args.pg}{sep}options=-csearch_path%3D{schema}", schema))
    for p in work.glob("store-only.db*"):
        p.unlink()
    stores = [("SQLite (pipeline ingest)", url)]
    for label, turl, _ in targets:
        r = ingest([analysed], turl)
        with open_store(turl) as store:
            if store.dialect == "sqlite":
                store.db.q("PRAGMA wal_checkpoint(TRUNCATE)")
            else:
                store.db.q("ANALYZE")
            size = store.stats()["bytes"]
        print(f"\n## ingest of analysed documents into {label}")
        print(f"  added {r.added} in {r.seconds:.1f} s -> {r.added / r.seconds:.1f} articles/s; size {size / 1e6:.1f} MB"
              + (" (tables, indexes and TOAST of its schema)" if "PostgreSQL" in label else " (file + WAL)"))
        stores.append((label, turl))

    for label, surl in stores:
        with open_store(surl) as store:
            report_queries(label, store, args.repeat)

    for label, turl, schema in targets:
        if schema:
            import psycopg

            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
