"""Learning the cue lexicon from quotes-de train: ``sagte train cues``.

For every gold cue of ``quotes-de/train.jsonl`` the head verb (auxiliaries, "wie", "es" and the
like removed; a clause-final particle joined: "teilte … mit" → mitteilen) is lemmatised with
simplemma and counted, with the medium of its statements. Each lemma's *rate* is how often a
token of that lemma is a cue among all its occurrences in the training text: "sagen" is almost
always a cue, "sehen" rarely. The speech stage uses count, rate and medium; thresholds are
tuned on dev. Output: ``lang/de/speech/cues.tsv`` (CC BY-NC-SA 4.0, as its source).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from ..lang import LANG_DIR, load_list

MEDIA = {"Speech": "speech", "Writing": "writing", "Thought": "thought"}
OUTPUT = LANG_DIR / "de" / "speech" / "cues.tsv"


def _lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="de").lower()


def cue_lemma(words: list[str], stop: set[str], particles: set[str]) -> str | None:
    """The lemma a cue's words stand for ("teilte mit" → "mitteilen"), or None."""
    words = [w for w in words if w.lower() not in stop]
    if not words:
        return None
    particle = words[-1].lower() if len(words) > 1 and words[-1].lower() in particles else None
    heads = [w for w in words if w.lower() != particle]
    if not heads:
        return None
    head = heads[-1] if heads[-1][:1].islower() else heads[0]
    lemma = _lemma(head)
    return f"{particle}{lemma}" if particle else lemma


def learn(train: Path) -> list[dict]:
    stop = set(load_list("speech/cue_stopwords.txt"))
    particles = set(load_list("speech/particles.txt"))
    counts: Counter[str] = Counter()
    media: dict[str, Counter[str]] = defaultdict(Counter)
    occurrences: Counter[str] = Counter()
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            tokens = {t["id"]: t["text"] for t in doc["tokens"]}
            for text in tokens.values():
                if text[:1].islower():
                    occurrences[_lemma(text)] += 1
            for ann in doc["annotations"]:
                ids = ann["cue"]["tokenIds"] if ann.get("cue") else []
                lemma = cue_lemma([tokens[i] for i in sorted(ids)], stop, particles)
                if lemma is None:
                    continue
                counts[lemma] += 1
                media[lemma][ann.get("medium", "")] += 1
    rows = []
    for lemma, n in counts.most_common():
        medium, _ = media[lemma].most_common(1)[0]
        base_occ = occurrences.get(lemma, 0)
        rows.append({
            "lemma": lemma,
            "medium": MEDIA.get(medium, ""),
            "count": n,
            "occurrences": max(base_occ, n),
            "rate": round(n / max(base_occ, n), 3),
        })
    return rows


NON_NAMES = LANG_DIR / "de" / "speech" / "non_names.txt"
REPORTED = LANG_DIR / "de" / "speech" / "reported_verbs.tsv"


def learn_reported(train: Path) -> list[dict]:
    """Verbs that carry *reported* speech ("forderte ein Gutachten", "sprach von einem Erfolg").

    Each gold Reported statement's first finite full verb (tagged by the morphology stage,
    particle joined) is counted; ``rate`` is that count over all finite occurrences of the
    lemma in train.
    """
    from spacy.tokens import Doc

    from ..pipeline import create_pipeline

    nlp = create_pipeline(disable=("sagte_speech", "sagte_times", "sagte_quantities", "sagte_entities"))
    particles = set(load_list("speech/particles.txt"))
    counts: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            raw = json.loads(line)
            tokens = sorted(raw["tokens"], key=lambda t: t["id"])
            words = [t["text"] for t in tokens]
            spaces = [tokens[k + 1]["charBegin"] > tokens[k]["charEnd"] if k + 1 < len(tokens) else False for k in range(len(tokens))]
            doc = Doc(nlp.vocab, words=words, spaces=spaces)
            for _name, proc in nlp.pipeline:
                doc = proc(doc)
            finite = {}
            for sent in doc.sents:
                for tok in sent:
                    if tok.tag_ == "VVFIN":
                        lemma = tok.lemma_.lower()
                        tail = next((t for t in sent[tok.i - sent.start + 1 :] if t.tag_ == "PTKVZ" or t.is_punct), None)
                        if tail is not None and tail.tag_ == "PTKVZ" and tail.lower_ in particles:
                            lemma = tail.lower_ + lemma
                        finite[tok.i] = lemma
                        occurrences[lemma] += 1
            for ann in raw["annotations"]:
                if ann["type"] != "Reported":
                    continue
                ids = sorted(ann["quote"]["tokenIds"])
                first = next((finite[i] for i in ids if i in finite), None)
                if first:
                    counts[first] += 1
    return [{"lemma": lemma, "count": n, "occurrences": occurrences[lemma], "rate": round(n / max(occurrences[lemma], n), 3)}
            for lemma, n in counts.most_common()]


def write_reported(rows: list[dict], path: Path = REPORTED) -> None:
    lines = [
        "# source: learned by `sagte train cues` from the Reported statements of quotes-de/train.jsonl (CC BY-NC-SA 4.0; this file inherits that licence): first finite full verb of each statement, tagged by the sagte_morph stage",
        "lemma\tcount\toccurrences\trate",
    ]
    lines += [f"{r['lemma']}\t{r['count']}\t{r['occurrences']}\t{r['rate']}" for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def learn_non_names(train: Path, *, min_lower: int = 3) -> list[str]:
    """Words never capitalised inside a sentence but seen lowercase there ``min_lower`` times:
    when such a word opens a sentence ("Insgesamt", "Am", "Dazu") it is not a name."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for sent in doc["sentences"]:
                for word in sent["tokens"][1:]:
                    if word[:1].islower():
                        lower[word] += 1
                    elif word[:1].isupper():
                        upper[word.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= min_lower and upper.get(w, 0) * 20 < n and w.isalpha())


def write_non_names(words: list[str], path: Path = NON_NAMES) -> None:
    header = ("# source: learned by `sagte train cues` from quotes-de/train.jsonl (CC BY-NC-SA 4.0): words seen lowercase "
              "inside sentences at least 3 times and capitalised there less than 1 time in 20; a sentence-initial capital on them is not a name\n")
    path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")


def write(rows: list[dict], path: Path = OUTPUT) -> None:
    lines = [
        "# source: learned by `sagte train cues` from the gold cues of quotes-de/train.jsonl (GermEval 2023 SpkAtt task 2, Wikinews, CC BY-NC-SA 4.0; this file inherits that licence)",
        "# lemma: head verb lemma (simplemma), separable particle joined; medium: majority medium of its statements; count: cues in train; occurrences: tokens with that lemma in train; rate = count / occurrences",
        "lemma\tmedium\tcount\toccurrences\trate",
    ]
    lines += [f"{r['lemma']}\t{r['medium']}\t{r['count']}\t{r['occurrences']}\t{r['rate']}" for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
