"""Server time of the web pages, and API latency under concurrent clients, on loopback.

Usage:
    python benchmarks/web_load.py --db sqlite:///corpus/web-bench.db [--clients 20] [--requests 4000]
    python benchmarks/web_load.py --db sqlite:///corpus/web-bench.db --build    # ingest quotes-de train+dev first

Starts ``sagte serve`` in its own process on a free loopback port (one uvicorn worker, as a
user would run it), then

1. pages: fetches each kind of page ``--page-repeats`` times, one at a time, and reads the
   server's own time from the ``Server-Timing`` header (the template is rendered before the
   headers are sent), reporting median, p95 and max per page kind;
2. API: ``--clients`` concurrent clients (keep-alive connections, asyncio) send a bounded
   number of requests (``--requests`` in total, at most ``--max-seconds``) drawn round-robin
   from a mix of the API's read endpoints with real ids and names from the corpus, and it
   reports client-side latency p50 / p95 / p99 per endpoint and overall, and requests/s.

The corpus for the figures in the issue is quotes-de train + dev (850 articles); ``--build``
creates it with ``sagte ingest`` from ``../shared/data`` (takes minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def build_corpus(db: str) -> None:
    """Ingest quotes-de train + dev (text, date, title) into ``db`` with ``sagte ingest``."""
    from sagte.evaluation import data_dir

    folder = data_dir() / "quotes-de"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for split in ("train", "dev"):
            with open(folder / f"{split}.jsonl", encoding="utf-8") as fh:
                for line in fh:
                    raw = json.loads(line)
                    title = raw["documentName"].split(" - ", 1)[-1].rsplit(" (", 1)[0]
                    out.write(json.dumps({"id": f"{split}-{raw['file'].split(' ')[0]}", "text": raw["originalText"],
                                          "date": raw.get("date"), "title": title}, ensure_ascii=False) + "\n")
    try:
        subprocess.run([sys.executable, "-m", "sagte.cli", "ingest", out.name, "--db", db], check=True)
    finally:
        os.unlink(out.name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "sagte.cli", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/documents?limit=1", timeout=2)
            return proc
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise SystemExit(f"sagte serve did not start: {proc.communicate()[1]}")
            time.sleep(0.2)


def sample(db: str, seed: int) -> dict:
    """Real ids and names to ask for: documents, speakers, words from statements."""
    from sagte.store import open_store

    rng = random.Random(seed)
    with open_store(db) as store:
        stats = store.stats()
        docs = store.documents(limit=None)
        speakers = store.speakers(limit=200)
        entities = store.entities(limit=None)
        statements = store.statements(limit=2000)
    by_statements = sorted(docs, key=lambda d: -d["statements"])
    words = [w for s in statements for w in s["content"].split() if len(w) > 6 and w.isalpha()]
    return {
        "stats": stats,
        "docs": [d["id"] for d in rng.sample(docs, min(50, len(docs)))],
        "biggest_doc": by_statements[0]["id"] if by_statements else None,
        "speaker_ids": [s["id"] for s in speakers[:50]],
        "speaker_names": [s["name"].split()[-1] for s in speakers[:50]],
        "top_speaker": speakers[0]["id"] if speakers else None,
        "entity_ids": [e["id"] for e in rng.sample(entities, min(50, len(entities)))],
        "words": rng.sample(words, min(50, len(words))) or ["Regierung"],
        "dates": sorted({s["date"] for s in statements if s.get("date")}),
    }


def page_paths(s: dict) -> dict[str, list[str]]:
    q = lambda v: quote(str(v), safe="")  # noqa: E731
    return {
        "/ (start page)": ["/"],
        "/?q=… (search)": [f"/?q={q(w)}" for w in s["words"][:10]],
        "/?speaker=… (search)": [f"/?speaker={q(n)}" for n in s["speaker_names"][:10]],
        "/documents/{id}": [f"/documents/{q(d)}" for d in s["docs"][:10]],
        "/documents/{id} (most statements)": [f"/documents/{q(s['biggest_doc'])}"],
        "/entities/{id}": [f"/entities/{i}" for i in s["speaker_ids"][:10]],
        "/entities/{id} (most quoted)": [f"/entities/{s['top_speaker']}"],
        "/network": ["/network"],
    }


def api_paths(s: dict) -> dict[str, list[str]]:
    q = lambda v: quote(str(v), safe="")  # noqa: E731
    d0, d1 = (s["dates"][len(s["dates"]) // 3], s["dates"][2 * len(s["dates"]) // 3]) if s["dates"] else ("2005-01-01", "2010-01-01")
    return {
        "GET /api/documents": ["/api/documents?limit=20", "/api/documents?limit=20&offset=200"],
        "GET /api/documents/{id}": [f"/api/documents/{q(d)}" for d in s["docs"]],
        "GET /api/statements?speaker": [f"/api/statements?speaker={q(n)}&limit=50" for n in s["speaker_names"]],
        "GET /api/statements?about": [f"/api/statements?about={i}&limit=50" for i in s["speaker_ids"]],
        "GET /api/statements?q": [f"/api/statements?q={q(w)}&limit=50" for w in s["words"]],
        "GET /api/statements?since&until": [f"/api/statements?since={d0}&until={d1}&limit=50&offset={k * 50}" for k in range(10)],
        "GET /api/entities": ["/api/entities?limit=50", "/api/entities?limit=50&offset=500"],
        "GET /api/entities/{id}": [f"/api/entities/{i}" for i in s["entity_ids"]],
        "GET /api/network": ["/api/network?min_weight=2"],
    }


def measure_pages(base: str, paths: dict[str, list[str]], repeats: int) -> None:
    print(f"\npages: server time (Server-Timing) over {repeats} fetches each, one at a time")
    print(f"{'page':38} {'n':>4} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'KiB':>6}")
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, urls in paths.items():
            times, size = [], 0
            for url in itertools.islice(itertools.cycle(urls), repeats):
                r = client.get(url)
                if r.status_code != 200:
                    print(f"  {url}: HTTP {r.status_code}: {r.text[:200]}")
                    continue
                times.append(float(r.headers["server-timing"].split("dur=")[1]))
                size = max(size, len(r.content))
            if times:
                print(f"{name:38} {len(times):4d} {statistics.median(times):10.1f} {percentile(times, 95):8.1f} "
                      f"{max(times):8.1f} {size / 1024:6.0f}")


async def load(base: str, paths: dict[str, list[str]], clients: int, total: int, max_seconds: float) -> None:
    jobs = [(name, url) for name, urls in paths.items() for url in urls]
    random.Random(1).shuffle(jobs)
    queue = itertools.cycle(jobs)
    results: dict[str, list[float]] = {name: [] for name in paths}
    errors: list[str] = []
    sent = 0
    deadline = time.monotonic() + max_seconds

    async def client_task() -> None:
        nonlocal sent
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
            while sent < total and time.monotonic() < deadline:
                sent += 1
                name, url = next(queue)
                t0 = time.perf_counter()
                r = await client.get(url)
                ms = (time.perf_counter() - t0) * 1000
                if r.status_code != 200:
                    errors.append(f"{url}: HTTP {r.status_code}")
                results[name].append(ms)

    t0 = time.perf_counter()
    await asyncio.gather(*(client_task() for _ in range(clients)))
    wall = time.perf_counter() - t0
    everything = [ms for v in results.values() for ms in v]
    print(f"\nAPI: {clients} concurrent clients, {len(everything)} requests in {wall:.1f} s "
          f"({len(everything) / wall:.0f} requests/s), {len(errors)} errors; client-side latency")
    print(f"{'endpoint':34} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, v in results.items():
        if v:
            print(f"{name:34} {len(v):5d} {percentile(v, 50):8.1f} {percentile(v, 95):8.1f} {percentile(v, 99):8.1f} {max(v):8.1f}")
    print(f"{'all':34} {len(everything):5d} {percentile(everything, 50):8.1f} {percentile(everything, 95):8.1f} "
          f"{percentile(everything, 99):8.1f} {max(everything):8.1f}")
    for e in errors[:10]:
        print("  error:", e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="store URL, e.g. sqlite:///corpus/web-bench.db")
    ap.add_argument("--build", action="store_true", help="ingest quotes-de train+dev into --db first (if it does not exist)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=4000, help="API requests in total (the bound)")
    ap.add_argument("--max-seconds", type=float, default=120, help="stop the API load after this long in any case")
    ap.add_argument("--page-repeats", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    path = args.db.removeprefix("sqlite:///")
    if args.build and "://" not in path and not Path(path).exists():
        build_corpus(args.db)
    s = sample(args.db, args.seed)
    st = s["stats"]
    print(f"corpus {args.db}: {st['documents']} documents, {st['statements']} statements, "
          f"{st['identities']} identities, {st['bytes'] / 1e6:.1f} MB")
    port = free_port()
    server = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        measure_pages(base, page_paths(s), args.page_repeats)
        asyncio.run(load(base, api_paths(s), args.clients, args.requests, args.max_seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"\n(machine: {os.cpu_count()} CPUs; server: one uvicorn process; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
