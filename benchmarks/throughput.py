"""Throughput and memory of `sagte analyze --jsonl`, and pipeline start-up time.

Usage: python benchmarks/throughput.py [quotes-de dev.jsonl] [--limit N]
Prints start-up seconds, tokens per second on one process (one core), and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sagte.evaluation import data_dir


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(data_dir() / "quotes-de" / "dev.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    records, tokens = [], 0
    with open(args.path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if args.limit and n >= args.limit:
                break
            raw = json.loads(line)
            records.append({"id": str(n), "text": raw["originalText"], "date": raw.get("date")})
            tokens += len(raw["tokens"])

    t0 = time.perf_counter()
    import sagte

    nlp = sagte.load()
    startup = time.perf_counter() - t0
    print(f"pipeline: {nlp.pipe_names}")
    print(f"start-up (import + load): {startup:.2f} s")

    t0 = time.perf_counter()
    n_docs = sum(1 for _ in sagte.analyze_many(records, nlp=nlp))
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"in-process: {n_docs} articles, {tokens:,} tokens in {elapsed:.2f} s = {tokens / elapsed:,.0f} tokens/s; peak RSS {rss:.0f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
        env = dict(os.environ, OMP_NUM_THREADS="1")
        t0 = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", sys.executable, "-m", "sagte.cli", "analyze", "--jsonl", str(src), "--output", str(out)]
                       if _has_taskset() else [sys.executable, "-m", "sagte.cli", "analyze", "--jsonl", str(src), "--output", str(out)],
                       check=True, env=env)
        elapsed = time.perf_counter() - t0
        print(f"CLI `analyze --jsonl` on one core, start-up included: {tokens / elapsed:,.0f} tokens/s ({elapsed:.2f} s)")


def _has_taskset() -> bool:
    from shutil import which

    return which("taskset") is not None


if __name__ == "__main__":
    main()
