"""``sagte eval ner``: named entities against GermEval-2014-style TSV.

Gold: the outer column (third) of each ``index  word  outer  inner`` row; chunks of PER, LOC,
ORG and OTH only (``-deriv`` / ``-part`` chunks are ignored, as in GermEval's "outer chunks"
measure without derivations). Our MISC is counted as OTH. A match is the exact token span with
the same label. Scored on the gold tokens: Docs are built from the gold words and the
pipeline's components (not its tokenizer) run on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import GoldDataError
from . import PRF

GOLD_LABELS = ("PER", "LOC", "ORG", "OTH")
HEADLINE = ("PER", "LOC", "ORG")
#: our label -> GermEval's
TO_GERMEVAL = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "OTH"}


@dataclass
class GoldSentence:
    words: list[str]
    spans: set[tuple[int, int, str]]  # (start token, end token exclusive, label)


def bio_spans(tags: list[str], labels: tuple[str, ...] = GOLD_LABELS) -> set[tuple[int, int, str]]:
    """Chunks of a BIO sequence whose type is in ``labels`` (others, e.g. ``LOCderiv``, skipped)."""
    spans: set[tuple[int, int, str]] = set()
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and not (prefix == "I" and kind == label):
            if label in labels:
                spans.add((start, i, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, kind
    return spans


def read_germeval(path: Path) -> Iterator[GoldSentence]:
    """Sentences of a GermEval 2014 TSV (``#`` lines are sources; blank lines end sentences)."""
    if not path.is_file():
        raise GoldDataError(f"{path} does not exist: give a GermEval-2014 TSV such as ../shared/data/ner-de/germeval2014/NER-de-dev.tsv.")
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield GoldSentence(words, bio_spans(tags))
                words, tags = [], []
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                raise GoldDataError(f"{path}:{lineno}: expected 'index<TAB>word<TAB>outer tag…', got {line!r}.")
            words.append(parts[1])
            tags.append(parts[2])
    if words:
        yield GoldSentence(words, bio_spans(tags))


def predict(nlp: Language, sentences: list[GoldSentence], batch_size: int = 256) -> Iterator[set[tuple[int, int, str]]]:
    """Runs every pipeline component on Docs made from the gold words; yields predicted spans."""
    docs: Iterator[Doc] = (Doc(nlp.vocab, words=s.words) for s in sentences)
    for _name, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            docs = proc.pipe(docs, batch_size=batch_size)
        else:
            docs = map(proc, docs)
    for doc in docs:
        yield {(e.start, e.end, TO_GERMEVAL.get(e.label_, e.label_)) for e in doc.ents}


@dataclass
class NerScores:
    per_label: dict[str, PRF]
    sentences: int = 0

    def micro(self, labels: tuple[str, ...]) -> PRF:
        total = PRF()
        for label in labels:
            p = self.per_label[label]
            total.add(p.tp, p.pred, p.gold)
        return total

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "micro_per_loc_org": self.micro(HEADLINE).as_dict(),
            "micro": self.micro(GOLD_LABELS).as_dict(),
            "per_label": {k: v.as_dict() for k, v in self.per_label.items()},
        }


def score(nlp: Language, path: Path, progress: Callable = lambda it, **kw: it) -> NerScores:
    sentences = list(read_germeval(path))
    scores = NerScores({label: PRF() for label in GOLD_LABELS}, len(sentences))
    predicted = predict(nlp, sentences)
    for gold, pred in progress(zip((s.spans for s in sentences), predicted), total=len(sentences)):
        for label in GOLD_LABELS:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            scores.per_label[label].add(len(g & p), len(p), len(g))
    return scores


def run(path: Path, *, model: Path | None = None, progress: Callable = lambda it, **kw: it) -> dict:
    """Scores of sagte's pipeline (tokenizer left out) or of the model directory ``model``."""
    if model is not None:
        return score_model(path, model, progress=progress)
    from ..pipeline import STAGES, create_pipeline

    # the stages after the NER, and the tagger (the NER does not read tags), are left out
    nlp = create_pipeline(disable=tuple(name for name, _ in STAGES) + ("sagte_morph",))
    return score(nlp, path, progress=progress).as_dict()


def score_model(path: Path, model: Path, progress: Callable = lambda it, **kw: it) -> dict:
    from ..models import load_model

    nlp = load_model("ner", path=model)
    return score(nlp, path, progress=progress).as_dict()
