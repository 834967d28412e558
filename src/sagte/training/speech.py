"""Confidence per extraction rule, learned on quotes-de train: ``sagte train speech``.

The speech stage runs over ``quotes-de/train.jsonl``; each predicted statement is aligned to
the gold (:mod:`sagte.evaluation.quotes`). A statement is *correct* when it matches a gold
statement (content Jaccard ≥ 0.5) with the right speaker. Its confidence is the share of
correct statements among those found by the same rule with the same kind of speaker (none,
pronoun, name, other: :func:`sagte.speech.confidence.speaker_kind`), add-one smoothed, backing
off to the rule alone where fewer than ``MIN_SUPPORT`` statements were seen. Written to
``lang/de/speech/rule_confidence.tsv``; nothing is tuned on dev.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..lang import LANG_DIR
from ..evaluation.quotes import UNIT_JACCARD, PredStatement, TokenIndex, align, read_gold

OUTPUT = LANG_DIR / "de" / "speech" / "rule_confidence.tsv"


def learn(train: Path, *, progress=None) -> list[dict]:
    from ..analyze import _make_docs, prepare
    from ..pipeline import create_pipeline

    nlp = create_pipeline(disable=("sagte_entities", "sagte_quantities"))
    nlp.get_pipe("sagte_speech").extractor.min_reported_precision = 0.0  # every verb, to learn each one's precision
    gold_docs = read_gold(train)
    docs = nlp.pipe(_make_docs(nlp, (prepare({"text": g.text, "date": g.date}) for g in gold_docs)))
    if progress is not None:
        docs = progress(docs, len(gold_docs))
    from ..speech.confidence import LEMMA_EVIDENCE, speaker_kind

    seen: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    for gold, doc in zip(gold_docs, docs):
        index = TokenIndex(gold.token_starts, gold.token_ends)
        found = doc._.sagte_statements or []
        preds = [_pred(st, index) for st in found]
        matched = {i: j for i, j, jac in align(preds, gold.statements) if jac >= UNIT_JACCARD}
        for i, st in enumerate(found):
            keys = [(st.evidence[0], "*"), (st.evidence[0], speaker_kind(st.speaker))]
            keys += [(st.evidence[0], e) for e in st.evidence[1:] if e.startswith(LEMMA_EVIDENCE)]
            ok = False
            if i in matched:
                g = gold.statements[matched[i]]
                p = preds[i]
                ok = bool((not g.roles["speaker"] and not p.roles["speaker"]) or p.roles["speaker"] & g.roles["speaker"])
            for key in keys:
                seen[key] += 1
                right[key] += ok
    return [{"rule": r, "speaker": k, "statements": n, "correct": right[(r, k)],
             "confidence": round((right[(r, k)] + 1) / (n + 2), 3)}
            for (r, k), n in sorted(seen.items())]


def _pred(st, index: TokenIndex) -> PredStatement:
    def toks(spans):
        out = frozenset()
        for s in spans:
            out |= index.tokens(s.start_char, s.end_char)
        return out

    return PredStatement(st.kind, {"content": toks(st.content), "cue": toks(st.cue),
                                   "speaker": toks([st.speaker] if st.speaker is not None else []),
                                   "addressee": frozenset()}, st.confidence)


def write(rows: list[dict], path: Path = OUTPUT) -> None:
    lines = [
        "# source: learned by `sagte train speech` on quotes-de/train.jsonl (CC BY-NC-SA 4.0): share of each rule's statements that match a gold statement with the right speaker (add-one smoothed)",
        "rule\tspeaker\tstatements\tcorrect\tconfidence",
    ]
    lines += [f"{r['rule']}\t{r['speaker']}\t{r['statements']}\t{r['correct']}\t{r['confidence']}" for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
