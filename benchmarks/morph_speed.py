"""Tokens per second of the morphology stage (tokenizer + sentencizer + sagte_morph) on one core.

Run: OMP_NUM_THREADS=1 python benchmarks/morph_speed.py [--model DIR] [--articles N]
Reads raw-de/10kgnad-test.csv from ../shared/data (or SAGTE_DATA); prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None, help="morphology model directory (default: shipped)")
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()

    from sagte.evaluation import data_dir
    from sagte.morph import morph_pipeline

    with (data_dir() / "raw-de" / "10kgnad-test.csv").open(encoding="utf-8") as fh:
        texts = [row[-1] for row in csv.reader(fh, delimiter=";", quotechar="'")][: args.articles]

    base = morph_pipeline(with_morph=False)
    nlp = morph_pipeline(args.model)
    list(nlp.pipe(texts[:10]))  # warm up

    def rate(pipeline) -> tuple[int, float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        n = sum(len(doc) for doc in pipeline.pipe(texts, batch_size=64))
        return n, time.perf_counter() - wall, time.process_time() - cpu

    n, w_base, c_base = rate(base)
    _, w_all, c_all = rate(nlp)
    print(f"{len(texts)} articles, {n} tokens, pipes: {nlp.pipe_names}")
    print("tokens/s                                  wall    CPU time (one thread: = one core)")
    print(f"tokenizer + sentencizer:              {n / w_base:8.0f} {n / c_base:8.0f}")
    print(f"tokenizer + sentencizer + sagte_morph: {n / w_all:8.0f} {n / c_all:8.0f}")
    print(f"sagte_morph alone (difference):        {n / (w_all - w_base):8.0f} {n / (c_all - c_base):8.0f}")
    print("On a shared machine the wall figures understate; the CPU-time figures count only this process.")


if __name__ == "__main__":
    main()
