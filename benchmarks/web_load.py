"""Server time of the web pages, and API latency under concurrent clients, on loopback.

Usage:
    python benchmarks/web_load.py --db sqlite:///corpus/web-bench.db [--workers 2] [--clients 20] [--requests 4000]
    python benchmarks/web_load.py --db sqlite:///corpus/web-bench.db --build    # ingest quotes-de train+dev first

Starts ``sagte serve [--workers N]`` in its own process on a free loopback port, then

1. pages: fetches each kind of page ``--page-repeats`` times, one at a time, and reads the
   server's own time from the ``Server-Timing`` header (the template is rendered before the
   headers are sent), reporting median, p95 and max per page kind;
2. API: ``--clients`` concurrent clients (keep-alive connections, asyncio, spread over
   ``--client-processes`` processes) send a bounded
   number of requests (``--requests`` in total, at most ``--max-seconds``) drawn round-robin
   from a mix of the API's read endpoints with real ids and names from the corpus, and it
   reports client-side latency p50 / p95 / p99 per endpoint and overall, the server's own
   time, requests/s, and the server's CPU time per request (which, unlike latency, does not
   depend on what else runs on the machine).

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
from collections import Counter
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to report CPU per request."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (the uvicorn workers of ``--workers N``)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += cpu_seconds(p)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int = 1) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "sagte.cli", "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
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
    # speakers as written, for corpora whose speakers are not linked to identities
    written = [w for w, _ in Counter(s["speaker"] for s in statements if s.get("speaker")).most_common(50)]
    words = [w for s in statements for w in s["content"].split() if len(w) > 6 and w.isalpha()]
    return {
        "stats": stats,
        "docs": [d["id"] for d in rng.sample(docs, min(50, len(docs)))],
        "biggest_doc": by_statements[0]["id"] if by_statements else None,
        "speaker_ids": [s["id"] for s in speakers[:50]],
        "speaker_names": [s["name"].split()[-1] for s in speakers[:50]] or written,
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
        "/entities/{id} (most quoted)": [f"/entities/{s['top_speaker']}"] if s["top_speaker"] is not None else [],
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
            if not urls:
                print(f"{name:38}    - (nothing of this kind in the corpus)")
                continue
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


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator shares the
    CPUs with the server, so it must cost as little as possible (httpx costs several times more)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def connect(cls, host: str, port: int) -> RawClient:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, host)

    async def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        if "content-length" not in headers:
            raise RuntimeError(f"{path}: no Content-Length in the response; this client reads only such responses")
        body = await self.reader.readexactly(int(headers["content-length"]))
        return status, headers, body

    def close(self) -> None:
        self.writer.close()


async def load_part(base: str, paths: dict[str, list[str]], clients: int, total: int, max_seconds: float,
                    start: int) -> tuple[dict, dict, list, float]:
    """``clients`` connections of one client process sending ``total`` requests between them."""
    # every endpoint equally often, each cycling through its own urls (shifted per process)
    url_of = {name: itertools.islice(itertools.cycle(urls), start, None) for name, urls in paths.items()}
    names = itertools.islice(itertools.cycle(paths), start, None)
    queue = ((name, next(url_of[name])) for name in names)
    results: dict[str, list[float]] = {name: [] for name in paths}
    server: dict[str, list[float]] = {name: [] for name in paths}
    errors: list[str] = []
    sent = 0
    deadline = time.monotonic() + max_seconds
    host, port = base.removeprefix("http://").split(":")

    async def client_task() -> None:
        nonlocal sent
        conn = await RawClient.connect(host, port)
        try:
            while sent < total and time.monotonic() < deadline:
                sent += 1
                name, url = next(queue)
                t0 = time.perf_counter()
                status, headers, _ = await conn.get(url)
                ms = (time.perf_counter() - t0) * 1000
                if status != 200:
                    errors.append(f"{url}: HTTP {status}")
                results[name].append(ms)
                server[name].append(float(headers.get("server-timing", "dur=nan").split("dur=")[1]))
        finally:
            conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client_task() for _ in range(clients)))
    return results, server, errors, time.perf_counter() - t0


def _run_part(args: tuple) -> tuple[dict, dict, list, float]:
    return asyncio.run(load_part(*args))


def load(base: str, paths: dict[str, list[str]], clients: int, total: int, max_seconds: float, processes: int) -> int:
    """The API load: ``clients`` connections spread over ``processes`` client processes (one
    Python process cannot keep 20 connections busy on a loaded machine without adding its
    own queueing to the latency it measures)."""
    from concurrent.futures import ProcessPoolExecutor

    paths = {name: urls for name, urls in paths.items() if urls}
    processes = max(1, min(processes, clients))
    shares = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    parts_args = [(base, paths, n, total * n // clients, max_seconds, 7 * i) for i, n in enumerate(shares)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        parts = list(pool.map(_run_part, parts_args))
    wall = time.perf_counter() - t0
    results = {name: [ms for p in parts for ms in p[0][name]] for name in paths}
    server = {name: [ms for p in parts for ms in p[1][name]] for name in paths}
    errors = [e for p in parts for e in p[2]]
    everything = [ms for v in results.values() for ms in v]
    print(f"\nAPI: {clients} concurrent clients in {processes} client processes, {len(everything)} requests in {wall:.1f} s "
          f"({len(everything) / wall:.0f} requests/s), {len(errors)} errors")
    print("latency as the clients see it (queueing included), and the server's own time (Server-Timing)")
    print(f"{'endpoint':34} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'server p50':>11} {'server p95':>11}")
    for name, v in results.items():
        if v:
            print(f"{name:34} {len(v):5d} {percentile(v, 50):8.1f} {percentile(v, 95):8.1f} {percentile(v, 99):8.1f} "
                  f"{max(v):8.1f} {percentile(server[name], 50):11.1f} {percentile(server[name], 95):11.1f}")
    srv = [ms for v in server.values() for ms in v]
    print(f"{'all':34} {len(everything):5d} {percentile(everything, 50):8.1f} {percentile(everything, 95):8.1f} "
          f"{percentile(everything, 99):8.1f} {max(everything):8.1f} {percentile(srv, 50):11.1f} {percentile(srv, 95):11.1f}")
    for e in errors[:10]:
        print("  error:", e)
    return len(everything)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="store URL, e.g. sqlite:///corpus/web-bench.db")
    ap.add_argument("--build", action="store_true", help="ingest quotes-de train+dev into --db first (if it does not exist)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=4000, help="API requests in total (the bound)")
    ap.add_argument("--max-seconds", type=float, default=120, help="stop the API load after this long in any case")
    ap.add_argument("--page-repeats", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1, help="server processes (sagte serve --workers)")
    ap.add_argument("--client-processes", type=int, default=4, help="processes the clients are spread over")
    args = ap.parse_args()

    path = args.db.removeprefix("sqlite:///")
    if args.build and "://" not in path and not Path(path).exists():
        build_corpus(args.db)
    s = sample(args.db, args.seed)
    st = s["stats"]
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"corpus {args.db}: {st['documents']} documents, {st['statements']} statements, "
          f"{st['identities']} identities, {st['bytes'] / 1e6:.1f} MB")
    port = free_port()
    server = start_server(args.db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        measure_pages(base, page_paths(s), args.page_repeats)
        cpu0 = tree_cpu_seconds(server.pid)
        done = load(base, api_paths(s), args.clients, args.requests, args.max_seconds, args.client_processes)
        cpu = tree_cpu_seconds(server.pid) - cpu0
        print(f"server CPU: {cpu:.1f} s for {done} requests = {1000 * cpu / max(done, 1):.2f} ms per request "
              f"(independent of other load on the machine); load average now {os.getloadavg()[0]:.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"\n(machine: {os.cpu_count()} CPUs; server: sagte serve --workers {args.workers}; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
