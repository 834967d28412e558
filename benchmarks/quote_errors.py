"""Print aligned gold/predicted statements of quotes-de dev where the speaker or content differ.

Usage: python benchmarks/quote_errors.py [../shared/data/quotes-de/dev.jsonl] [--kind direct] [--limit 40]
A reading aid for tuning on dev; prints nothing into the repository.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import sagte
from sagte.evaluation import data_dir
from sagte.evaluation.quotes import TokenIndex, align, predicted_statements, read_gold


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(data_dir() / "quotes-de" / "dev.jsonl"))
    ap.add_argument("--kind", default=None)
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--what", choices=["speaker", "missed", "false", "content", "cue"], default="speaker")
    args = ap.parse_args()
    gold_docs = read_gold(Path(args.path))
    nlp = sagte.load()
    shown = 0
    for gold, doc in zip(gold_docs, sagte.analyze_many(({"text": g.text, "date": g.date} for g in gold_docs), nlp=nlp)):
        d = doc.to_dict()
        index = TokenIndex(gold.token_starts, gold.token_ends)
        pred = predicted_statements(d, index)
        pairs = align(pred, gold.statements)
        words = lambda ids: " ".join(gold.text[gold.token_starts[i]:gold.token_ends[i]] for i in sorted(ids))  # noqa: E731
        matched_g = {j for _, j, _ in pairs}
        matched_p = {i for i, _, _ in pairs}
        if args.what == "missed":
            for j, g in enumerate(gold.statements):
                if j not in matched_g and (args.kind is None or g.kind == args.kind):
                    print(f"MISSED {g.kind}: {words(g.roles['content'])[:200]}\n   cue={words(g.roles['cue'])} spk={words(g.roles['speaker'])}")
                    shown += 1
        elif args.what == "false":
            for i, p in enumerate(pred):
                if i not in matched_p and (args.kind is None or p.kind == args.kind):
                    print(f"FALSE {p.kind}: {words(p.roles['content'])[:200]}\n   cue={words(p.roles['cue'])} spk={words(p.roles['speaker'])}")
                    shown += 1
        else:
            for i, j, jac in pairs:
                p, g = pred[i], gold.statements[j]
                if args.kind and g.kind != args.kind:
                    continue
                role = "content" if args.what == "content" else args.what
                if p.roles[role] != g.roles[role]:
                    print(f"{g.kind}/{p.kind} jac={jac:.2f}: {words(g.roles['content'])[:120]}")
                    print(f"   gold {role}: {words(g.roles[role])[:200]!r}\n   pred {role}: {words(p.roles[role])[:200]!r}")
                    shown += 1
        if shown >= args.limit:
            break


if __name__ == "__main__":
    main()
