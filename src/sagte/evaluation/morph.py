"""Scorers behind ``sagte eval mood`` and ``sagte eval morph``.

* **mood**: the hand-labelled finite-verb test set ``evaluation/data/mood_test.tsv`` (pointers
  into ``../shared/data``, see ``evaluation/data/README.md``). Every finite verb of each listed
  sentence is labelled, so a Konjunktiv predicted on any other token of those sentences counts
  against precision. Reports P/R/F1 for Sub (KI or KII), for KI and KII separately, and accuracy.
* **morph**: UPOS, STTS and lemma accuracy on UD German GSD **test** (not used in training).
"""

from __future__ import annotations

import csv
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import GoldDataError
from . import PRF, data_dir

MOOD_TEST = Path(__file__).parent / "data" / "mood_test.tsv"
MOODS = ("ind", "sub1", "sub2")
UD_TEST = ("ud-de", "de_gsd-ud-test.conllu")


@dataclass
class UDToken:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    start: int
    end: int


@dataclass
class UDSentence:
    sent_id: str
    text: str
    tokens: list[UDToken] = field(default_factory=list)


def read_ud(path: Path) -> Iterator[UDSentence]:
    """Sentences of a CoNLL-U file with character offsets of their surface tokens in ``# text``.

    Multiword tokens ("zum") are kept as one surface token with the features of their parts
    joined by ``+``; their lemma is the first part's.
    """
    if not path.is_file():
        raise GoldDataError(f"{path} is missing: set SAGTE_DATA to the folder holding ud-de/.")
    sent: UDSentence | None = None
    pos = 0
    pending: tuple[str, int] | None = None  # surface form of a multiword token, its last id
    parts: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id = "):
            sent = UDSentence(line[len("# sent_id = "):].strip(), "")
            pos = 0
        elif line.startswith("# text = "):
            assert sent is not None
            sent.text = line[len("# text = "):]
        elif not line.strip():
            if sent is not None:
                yield sent
            sent = None
        elif not line.startswith("#") and sent is not None:
            cols = line.split("\t")
            tid = cols[0]
            if "." in tid:
                continue
            if "-" in tid:
                pending = (cols[1], int(tid.split("-")[1]))
                parts = []
                continue
            if pending is not None:
                parts.append(cols)
                if int(tid) < pending[1]:
                    continue
                form = pending[0]
                cols = [tid, form, parts[0][2], "+".join(p[3] for p in parts), "+".join(p[4] for p in parts),
                        parts[0][5], "", "", "", ""]
                pending = None
            form = cols[1]
            start = sent.text.find(form, pos)
            if start < 0:
                raise GoldDataError(f"{path}: token {form!r} not found in the text of {sent.sent_id}")
            pos = start + len(form)
            sent.tokens.append(UDToken(form, cols[2], cols[3], cols[4], cols[5], start, pos))


def quotes_sentences(path: Path) -> Iterator[tuple[str, str, dict]]:
    """``(file#sentence-id, sentence text, document)`` for every sentence of a quotes-de JSONL file."""
    if not path.is_file():
        raise GoldDataError(f"{path} is missing: set SAGTE_DATA to the folder holding quotes-de/.")
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["originalText"]
            for s in doc["sentences"]:
                yield f"{doc['file']}#{s['id']}", text[s["charBegin"]:s["charEnd"]].rstrip(), doc


@dataclass(frozen=True)
class GoldVerb:
    source: str
    sentence: str
    start: int
    end: int
    form: str
    mood: str


def load_mood_test(path: Path = MOOD_TEST) -> list[GoldVerb]:
    if not path.is_file():
        raise GoldDataError(f"{path} is missing: reinstall sagte (pip install -e .).")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    out = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["mood"] not in MOODS:
            raise GoldDataError(f"{path}: mood must be one of {MOODS}, not {row['mood']!r} ({row})")
        out.append(GoldVerb(row["source"], row["sentence"], int(row["start"]), int(row["end"]), row["form"], row["mood"]))
    return out


def sentence_texts(needed: Iterable[tuple[str, str]], data: Path) -> dict[tuple[str, str], str]:
    """The text of each ``(source, sentence)`` pointer, read from the corpora."""
    wanted: dict[str, set[str]] = {}
    for source, sentence in needed:
        wanted.setdefault(source, set()).add(sentence)
    texts: dict[tuple[str, str], str] = {}
    for source, ids in wanted.items():
        path = data / source
        if source.startswith("ud-de/"):
            for s in read_ud(path):
                if s.sent_id in ids:
                    texts[(source, s.sent_id)] = s.text
        elif source.startswith("quotes-de/"):
            for key, text, _doc in quotes_sentences(path):
                if key in ids:
                    texts[(source, key)] = text
        else:
            raise GoldDataError(f"unknown source {source!r} in the mood test set: expected ud-de/… or quotes-de/…")
    missing = [f"{s}:{i}" for s, ids in wanted.items() for i in ids if (s, i) not in texts]
    if missing:
        raise GoldDataError(f"{len(missing)} sentences of the mood test set are not in the corpora "
                            f"(first: {missing[0]}): check SAGTE_DATA points at the shared data.")
    return texts


@dataclass
class MoodScores:
    sub: PRF = field(default_factory=PRF)
    sub1: PRF = field(default_factory=PRF)
    sub2: PRF = field(default_factory=PRF)
    correct: int = 0
    verbs: int = 0
    sentences: int = 0
    confusion: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.verbs if self.verbs else 0.0

    def as_dict(self) -> dict:
        return {"sub": self.sub.as_dict(), "sub1": self.sub1.as_dict(), "sub2": self.sub2.as_dict(),
                "accuracy": round(self.accuracy, 4), "verbs": self.verbs, "sentences": self.sentences,
                "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items(), key=str)}}


def _is_sub(mood: str | None) -> bool:
    return mood in ("sub1", "sub2")


def score_mood(nlp, gold: list[GoldVerb], texts: dict[tuple[str, str], str],
               progress: Callable | None = None) -> MoodScores:
    """Score ``token._.sagte_mood`` of ``nlp`` against the gold verbs (each sentence analysed alone)."""
    by_sentence: dict[tuple[str, str], list[GoldVerb]] = {}
    for g in gold:
        by_sentence.setdefault((g.source, g.sentence), []).append(g)
    scores = MoodScores(sentences=len(by_sentence))
    keys = list(by_sentence)
    docs = nlp.pipe(texts[k] for k in keys)
    pairs = zip(keys, docs)
    if progress is not None:
        pairs = progress(pairs, total=len(keys))
    for key, doc in pairs:
        verbs = {g.start: g for g in by_sentence[key]}
        for g in verbs.values():
            if doc.text[g.start:g.end] != g.form:
                raise GoldDataError(f"mood test set: {key} [{g.start}:{g.end}] is {doc.text[g.start:g.end]!r}, "
                                    f"not {g.form!r}: the corpus file changed; rebuild the pointers.")
        for token in doc:
            pred = token._.sagte_mood
            g = verbs.get(token.idx)
            gold_mood = g.mood if g else None
            if g is None and not _is_sub(pred):
                continue
            for name, prf, test in (("sub", scores.sub, _is_sub), ("sub1", scores.sub1, lambda m: m == "sub1"),
                                    ("sub2", scores.sub2, lambda m: m == "sub2")):
                prf.add(float(test(pred) and test(gold_mood)), float(test(pred)), float(test(gold_mood)))
            if g is not None:
                scores.verbs += 1
                scores.correct += pred == gold_mood
                scores.confusion[(gold_mood, pred)] += 1
            if pred != gold_mood:
                scores.errors.append({"sentence": f"{key[0]}:{key[1]}", "form": token.text, "start": token.idx,
                                      "gold": gold_mood, "pred": pred, "tag": token.tag_})
    return scores


def run_mood(*, nlp=None, path: Path = MOOD_TEST, data: Path | None = None,
             progress: Callable | None = None) -> MoodScores:
    if nlp is None:
        from ..morph import morph_pipeline

        nlp = morph_pipeline()
    gold = load_mood_test(path)
    texts = sentence_texts({(g.source, g.sentence) for g in gold}, data or data_dir())
    return score_mood(nlp, gold, texts, progress=progress)


@dataclass
class MorphScores:
    tokens: int = 0
    upos: int = 0
    tag: int = 0
    lemma: int = 0
    finite: PRF = field(default_factory=PRF)
    #: on verbs finite in gold and prediction: feature -> [agreeing, compared]
    features: dict = field(default_factory=lambda: {k: [0, 0] for k in ("Tense", "Number", "Person")})
    per_upos: Counter = field(default_factory=Counter)
    per_upos_total: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        t = self.tokens or 1
        return {"tokens": self.tokens, "upos_acc": round(self.upos / t, 4), "tag_acc": round(self.tag / t, 4),
                "lemma_acc": round(self.lemma / t, 4), "finite_verbs": self.finite.as_dict(),
                "finite_features": {k: {"accuracy": round(a / n, 4) if n else 0.0, "compared": n}
                                    for k, (a, n) in self.features.items()},
                "upos_acc_by_gold": {k: round(self.per_upos[k] / n, 4) for k, n in self.per_upos_total.most_common()}}


def run_morph(*, nlp=None, data: Path | None = None, progress: Callable | None = None) -> MorphScores:
    """UPOS, STTS and lemma accuracy of ``sagte_morph`` on the gold tokens of UD German GSD test.

    The gold tokens are given to the pipeline as they are (no tokenisation errors); multiword
    tokens ("zum") count as one token, correct when the gold parts' UPOS/STTS are ADP+DET/APPRART.
    """
    from spacy.tokens import Doc

    if nlp is None:
        from ..morph import morph_pipeline

        nlp = morph_pipeline()
    sentences = list(read_ud((data or data_dir()).joinpath(*UD_TEST)))
    docs = []
    for s in sentences:
        words = [t.form for t in s.tokens]
        spaces = [i + 1 < len(s.tokens) and s.tokens[i + 1].start > t.end for i, t in enumerate(s.tokens)]
        docs.append(Doc(nlp.vocab, words=words, spaces=spaces))
    scores = MorphScores()
    stages = [proc for _name, proc in nlp.pipeline]
    items = zip(sentences, docs)
    if progress is not None:
        items = progress(items, total=len(sentences))
    for s, doc in items:
        for proc in stages:
            doc = proc(doc)
        for gold, token in zip(s.tokens, doc):
            scores.tokens += 1
            multi = "+" in gold.upos
            upos_gold = "ADP" if multi else gold.upos
            tag_gold = "APPRART" if multi else ("PROAV" if gold.xpos == "PAV" else gold.xpos)
            ok = token.pos_ == upos_gold
            scores.upos += ok
            scores.per_upos_total[upos_gold] += 1
            scores.per_upos[upos_gold] += ok
            scores.tag += token.tag_ == tag_gold
            scores.lemma += token.lemma_ == gold.lemma
            gold_fin = "VerbForm=Fin" in gold.feats and gold.xpos.endswith("FIN")
            pred_fin = token.tag_.endswith("FIN")
            scores.finite.add(float(gold_fin and pred_fin), float(pred_fin), float(gold_fin))
            if gold_fin and pred_fin and not multi:
                gold_feats = dict(f.split("=", 1) for f in gold.feats.split("|") if "=" in f)
                for key, tally in scores.features.items():
                    pred = token.morph.get(key)
                    if pred and key in gold_feats:  # only where the form shows it
                        tally[0] += pred == [gold_feats[key]]
                        tally[1] += 1
    return scores


def sample_candidates(data: Path, *, seed: int = 3, pud_sub: int = 70, pud_other: int = 30,
                      quotes_indirect: int = 70) -> list[dict]:
    """The sentences the mood test set was drawn from (for re-drawing or extending it).

    PUD test: ``pud_sub`` random sentences with a UD ``Mood=Sub`` token and ``pud_other`` random
    others; quotes-de **train**: ``quotes_indirect`` random sentences that hold an Indirect quote.
    """
    rng = random.Random(seed)
    pud = list(read_ud(data / "ud-de" / "de_pud-ud-test.conllu"))
    with_sub = [s for s in pud if any("Mood=Sub" in t.feats for t in s.tokens)]
    others = [s for s in pud if s not in with_sub]
    chosen = rng.sample(with_sub, min(pud_sub, len(with_sub))) + rng.sample(others, pud_other)
    out = [{"source": "ud-de/de_pud-ud-test.conllu", "sentence": s.sent_id, "text": s.text} for s in chosen]
    indirect = []
    for key, text, doc in quotes_sentences(data / "quotes-de" / "train.jsonl"):
        sid = int(key.rsplit("#", 1)[1])
        sent = doc["sentences"][sid] if doc["sentences"][sid]["id"] == sid else None
        if sent is None:
            continue
        toks = set(sent["tokenIds"])
        if any(a["type"] == "Indirect" and toks & set(a["quote"]["tokenIds"]) for a in doc["annotations"]):
            indirect.append({"source": "quotes-de/train.jsonl", "sentence": key, "text": text})
    out += rng.sample(indirect, quotes_indirect)
    return out
