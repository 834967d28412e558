"""Speed and memory of tokenizer + NER on one core, over real news text.

Usage: OMP_NUM_THREADS=1 python benchmarks/ner_speed.py [--model DIR] [--articles 400] [--repeat 1]

Text: the first ``--articles`` articles of ``raw-de/10kgnad-test.csv`` (derStandard news).
Prints load time, tokens, tokens/s of the tokenizer alone and of tokenizer + NER (by wall clock
and by CPU time of this process: on a machine shared with other jobs, the CPU-time figure is
the one-core speed), and peak RSS.
``--model`` scores a model directory instead of the shipped ``sagte/models/ner``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    from sagte.evaluation import data_dir

    with (data_dir() / "raw-de" / "10kgnad-test.csv").open(encoding="utf-8") as f:
        texts = [row[1] for row in csv.reader(f, delimiter=";", quotechar="'") if len(row) >= 2][: args.articles]

    t0 = time.perf_counter()
    from sagte.models import load_model
    from sagte.tokenizer import customize_tokenizer

    nlp = customize_tokenizer(load_model("ner", path=args.model))
    load_s = time.perf_counter() - t0
    nlp("Warm-up in Wien.")

    t, c = time.perf_counter(), time.process_time()
    tokens = sum(len(nlp.make_doc(text)) for text in texts)
    tok_s, tok_cpu = time.perf_counter() - t, time.process_time() - c

    best = best_cpu = float("inf")
    ents = 0
    for _ in range(args.repeat):
        t, c = time.perf_counter(), time.process_time()
        ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
        best, best_cpu = min(best, time.perf_counter() - t), min(best_cpu, time.process_time() - c)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {len(texts)}  tokens {tokens:,}  entities {ents:,}")
    print(f"model load {load_s:.2f} s")
    print(f"tokenizer alone      {tokens / tok_s:>9,.0f} tokens/s wall  {tokens / tok_cpu:>9,.0f} tokens/s CPU time")
    print(f"tokenizer + NER      {tokens / best:>9,.0f} tokens/s wall  {tokens / best_cpu:>9,.0f} tokens/s CPU time"
          f"  ({best:.1f} s wall, best of {args.repeat})")
    print(f"peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
