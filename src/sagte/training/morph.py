"""``sagte train morph``: a small STTS tagger (tok2vec + tagger) trained from ../shared/data.

Training data (no UD German training split exists here):

* UD German GSD **dev** (``ud-de/de_gsd-ud-dev.conllu``): the XPOS column is STTS; multiword
  tokens ("zum" = "zu dem") are kept as their surface token, tagged ``APPRART``.
* PCC 2.0 TIGER-XML (``coref-de/pcc-2.0/syntax/*.xml``): STTS POS, all 176 texts.

UD GSD **test** and PUD stay untouched: ``sagte eval morph`` measures on GSD test and the mood
test set (see ``sagte/evaluation/data/README.md``) is drawn from PUD and quotes-de train.
Every tenth sentence goes to the dev split that spaCy uses to pick the best model.
The mood, person, number and tense of finite verbs come from rules (``sagte.morph.rules``),
not from this model; UPOS is mapped from STTS by ``lang/de/stts_upos.tsv``.
"""

from __future__ import annotations

import json
import shutil
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldDataError

CONFIG = Path(__file__).parent / "configs" / "morph.cfg"
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "morph"

#: GSD's tag names that differ from TIGER's STTS
_STTS_ALIASES = {"PAV": "PROAV"}
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]"}


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]
    source: str
    spaces: list[bool] = field(default_factory=list)


def read_conllu(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL-U file as surface tokens with their STTS tags (XPOS)."""
    if not path.is_file():
        raise GoldDataError(f"{path} is missing: set SAGTE_DATA to the folder holding ud-de/.")
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    spaces: list[bool] = []
    skip_until = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append(Sentence(words, tags, path.name, spaces))
            words, tags, spaces, skip_until = [], [], [], 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        tid = cols[0]
        if "." in tid:
            continue
        if "-" in tid:
            start, end = (int(x) for x in tid.split("-"))
            skip_until = end
            words.append(cols[1])
            tags.append("APPRART")
            spaces.append("SpaceAfter=No" not in cols[9])
            continue
        if int(tid) <= skip_until:
            continue
        words.append(cols[1])
        tags.append(_STTS_ALIASES.get(cols[4], cols[4]))
        spaces.append("SpaceAfter=No" not in cols[9])
    if words:
        sentences.append(Sentence(words, tags, path.name, spaces))
    return sentences


def read_tiger(path: Path) -> list[Sentence]:
    """Sentences of a TIGER-XML file (PCC syntax layer) with their STTS tags."""
    sentences = []
    root = ET.parse(path).getroot()
    for s in root.iter("s"):
        words, tags = [], []
        for t in s.iter("t"):
            words.append(t.get("word", ""))
            tags.append(_STTS_ALIASES.get(t.get("pos", ""), t.get("pos", "")))
        if words:
            spaces = [i + 1 >= len(words) or words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(words))]
            sentences.append(Sentence(words, tags, path.name, spaces))
    return sentences


def training_sentences(data: Path) -> list[Sentence]:
    gsd_dev = data / "ud-de" / "de_gsd-ud-dev.conllu"
    pcc = data / "coref-de" / "pcc-2.0" / "syntax"
    if not pcc.is_dir():
        raise GoldDataError(f"{pcc} is missing: set SAGTE_DATA to the folder holding coref-de/pcc-2.0/.")
    sentences = read_conllu(gsd_dev)
    for path in sorted(pcc.glob("*.xml")):
        sentences.extend(read_tiger(path))
    return [s for s in sentences if all(s.words) and all(s.tags)]


#: HanTa's tag names -> STTS (it marks the verb form in brackets and splits nouns by type)
_HANTA_TAGS = {"NNA": "NN", "NNI": "NN", "$": "$("}
_SENTENCE_PUNCT = {".", "!", "?", ";", ":", "…"}


def _hanta_tag(tag: str, word: str) -> str:
    if not any(ch.isalnum() for ch in word):
        return "$," if word == "," else "$." if word in _SENTENCE_PUNCT else "$("
    tag = tag.replace("(", "").replace(")", "")
    return _HANTA_TAGS.get(tag, tag)


def silver_sentences(data: Path, *, max_tokens: int, exclude: set[str] = frozenset(), progress=None) -> list[Sentence]:
    """News sentences tokenised by sagte and tagged with HanTa (silver STTS).

    Text: quotes-de **train** (documents holding a sentence of the mood test set are left out)
    and the raw derStandard articles of ``raw-de/10kgnad-test.csv``, until ``max_tokens``.
    """
    import csv as _csv

    try:
        from HanTa import HanoverTagger
    except ImportError as err:
        raise GoldDataError("HanTa is not installed: pip install -e '.[train]' (or pip install hanta).") from err
    from ..morph import morph_pipeline

    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    nlp = morph_pipeline(with_morph=False)  # sagte's tokenizer and sentences
    texts: list[tuple[str, str]] = []
    quotes = data / "quotes-de" / "train.jsonl"
    if quotes.is_file():
        with quotes.open(encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                if doc["file"] not in exclude:
                    texts.append((f"quotes-de/train.jsonl:{doc['file']}", doc["originalText"]))
    raw = data / "raw-de" / "10kgnad-test.csv"
    if raw.is_file():
        with raw.open(encoding="utf-8") as fh:
            for i, row in enumerate(_csv.reader(fh, delimiter=";", quotechar="'")):
                if len(row) >= 2:
                    texts.append((f"raw-de/10kgnad-test.csv:{i}", row[1]))
    out: list[Sentence] = []
    total = 0
    items = progress(texts, total=len(texts)) if progress else texts
    for source, text in items:
        if total >= max_tokens:
            break
        for sent in nlp(text).sents:
            words = [t.text for t in sent if not t.is_space]
            if not 3 <= len(words) <= 80:
                continue
            spaces = [bool(t.whitespace_) for t in sent if not t.is_space]
            tags = [_hanta_tag(tag, word) for (word, _lemma, tag), word in zip(tagger.tag_sent(words), words)]
            out.append(Sentence(words, tags, source, spaces))
            total += len(words)
    return out


def _docbin(nlp, sentences: list[Sentence]):
    from spacy.tokens import Doc, DocBin

    db = DocBin(attrs=["TAG", "SENT_START"])
    for s in sentences:
        doc = Doc(nlp.vocab, words=s.words, spaces=s.spaces, tags=s.tags,
                  sent_starts=[True] + [False] * (len(s.words) - 1))
        db.add(doc)
    return db


def train_morph(*, data: Path, output: Path = MODEL_DIR, workdir: Path | None = None, seed: int = 1,
                max_epochs: int | None = None, silver_tokens: int = 400_000, gold_copies: int = 2,
                progress=None) -> dict:
    """Build the corpora, train, copy the best model to ``output``; returns the figures.

    Gold (GSD dev + PCC) is repeated ``gold_copies`` times next to ``silver_tokens`` tokens of
    HanTa-tagged news (0 for none); the dev split (every tenth gold sentence) is gold only.
    """
    import tempfile

    import spacy
    from spacy.cli.train import train as spacy_train

    from ..evaluation.morph import MOOD_TEST, load_mood_test

    sentences = training_sentences(data)
    gold_train = [s for i, s in enumerate(sentences) if i % 10 != 9]
    dev = [s for i, s in enumerate(sentences) if i % 10 == 9]
    exclude = {g.sentence.rsplit("#", 1)[0] for g in load_mood_test(MOOD_TEST) if g.source.startswith("quotes-de/")}
    silver = silver_sentences(data, max_tokens=silver_tokens, exclude=exclude, progress=progress) if silver_tokens else []
    train = gold_train * gold_copies + silver
    work = Path(workdir or tempfile.mkdtemp(prefix="sagte-morph-"))
    work.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("de")
    _docbin(nlp, train).to_disk(work / "train.spacy")
    _docbin(nlp, dev).to_disk(work / "dev.spacy")
    overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
                 "system.seed": seed}
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    started = time.time()
    spacy_train(CONFIG, work / "out", overrides=overrides, use_gpu=-1)
    minutes = (time.time() - started) / 60
    best = work / "out" / "model-best"
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(best, output)
    _forget_paths(output / "config.cfg")
    figures = {
        "gold_train_tokens": sum(len(s.words) for s in gold_train), "gold_copies": gold_copies,
        "silver_tokens": sum(len(s.words) for s in silver),
        "silver_sources": sorted({s.source.split(":")[0] for s in silver}),
        "train_sentences": len(train), "train_tokens": sum(len(s.words) for s in train),
        "dev_sentences": len(dev), "dev_tokens": sum(len(s.words) for s in dev),
        "dev_tag_acc": round(meta.get("performance", {}).get("tag_acc", 0.0), 4),
        "training_minutes": round(minutes, 1), "seed": seed,
    }
    (output / "training.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


def _forget_paths(config_path: Path) -> None:
    """The shipped config must not name this machine's temporary corpora."""
    from spacy.util import load_config

    cfg = load_config(config_path)
    cfg["paths"]["train"] = None
    cfg["paths"]["dev"] = None
    cfg.to_disk(config_path)


def throughput(nlp, texts: list[str]) -> float:
    """Tokens per CPU second of ``nlp`` over ``texts``: one thread (OMP_NUM_THREADS=1) = one core,
    and on a shared machine the process's CPU time is fairer than the wall clock."""
    import time as _time

    list(nlp.pipe(texts[:5]))  # warm up: lexicons, caches
    start = _time.process_time()
    n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return n / (_time.process_time() - start)


def finish(model: Path, figures: dict, *, install_to: Path | None = None, data: Path | None = None) -> str:
    """Score the model in ``model`` (GSD test, mood test set, speed), write MODEL_CARD.md, install it."""
    import csv as _csv

    from ..evaluation import data_dir
    from ..evaluation.morph import run_mood, run_morph
    from ..morph import morph_pipeline

    data = data or data_dir()
    nlp = morph_pipeline(model)
    morph = run_morph(nlp=nlp, data=data).as_dict()
    mood = run_mood(nlp=nlp, data=data).as_dict()
    texts = []
    with (data / "raw-de" / "10kgnad-test.csv").open(encoding="utf-8") as fh:
        for row in _csv.reader(fh, delimiter=";", quotechar="'"):
            texts.append(row[-1])
    speed = throughput(nlp, texts[:200])
    size_mb = sum(p.stat().st_size for p in model.rglob("*") if p.is_file()) / 1e6
    figures = {**figures, "gsd_test": morph, "mood_test": mood, "tokens_per_second": round(speed),
               "size_mb": round(size_mb, 1)}
    (model / "training.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    from spacy.util import load_config

    cfg = load_config(model / "config.cfg")
    encode = cfg["components"]["tok2vec"]["model"]["encode"]
    embed = cfg["components"]["tok2vec"]["model"]["embed"]
    size = cfg["training"]["batcher"]["size"]
    card = MODEL_CARD.format(
        width=encode["width"], depth=encode["depth"], rows=embed["rows"], dropout=cfg["training"]["dropout"],
        lr=cfg["training"]["optimizer"]["learn_rate"], bstart=size["start"], bstop=size["stop"],
        steps=cfg["training"]["max_steps"],
        gold=figures["gold_train_tokens"], copies=figures["gold_copies"], silver=figures["silver_tokens"],
        dev=figures["dev_tokens"], dev_acc=figures["dev_tag_acc"], minutes=figures["training_minutes"],
        seed=figures["seed"], upos=morph["upos_acc"], tag=morph["tag_acc"], lemma=morph["lemma_acc"],
        fin=morph["finite_verbs"], sub=mood["sub"], sub1=mood["sub1"], sub2=mood["sub2"], acc=mood["accuracy"],
        verbs=mood["verbs"], speed=round(speed), size=round(size_mb, 1))
    (model / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    if install_to is not None:
        if install_to.exists():
            shutil.rmtree(install_to)
        shutil.copytree(model, install_to)
    return card


MODEL_CARD = """# sagte morph: STTS tagger behind the `sagte_morph` stage

Made by `sagte train morph` (sagte/training/morph.py, config sagte/training/configs/morph.cfg).
A spaCy `tok2vec` (MultiHashEmbed over NORM/PREFIX/SUFFIX/SHAPE with {rows} rows,
MaxoutWindowEncoder width {width}, depth {depth}) + `tagger` predicting STTS tags. UPOS comes from STTS by `lang/de/morph/stts_upos.tsv`;
lemmas from simplemma and the verb tables; mood, tense, person and number of finite verbs from
the rules in `sagte/morph/rules.py` and the tables under `lang/de/morph/`.

## Data and licences
| data | use | tokens | licence |
|---|---|---|---|
| UD German GSD **dev** (`ud-de/de_gsd-ud-dev.conllu`), STTS from the XPOS column | gold, 9/10 train ×{copies}, 1/10 dev | {gold} train (before copies) | CC BY-SA 4.0 |
| PCC 2.0 TIGER-XML (`coref-de/pcc-2.0/syntax`), STTS | gold, as above | (in the figure above) | CC BY-NC-SA 4.0 |
| quotes-de **train** (documents of the mood test set left out) and `raw-de/10kgnad-test.csv`, tokenised by sagte and tagged by HanTa 1.2.1 (LGPL-3.0-or-later, used as a tool) | silver | {silver} | CC BY-NC-SA 4.0 |

The model therefore inherits **CC BY-NC-SA 4.0** (non-commercial, share-alike). The model's
`vocab/strings.json` lists word types seen in training (no sentences).
Not used for training: UD GSD test (POS/lemma figures below), UD PUD (mood test set).

## Settings
seed {seed}, dropout {dropout}, Adam {lr}, batches of {bstart}→{bstop} words, at most {steps} steps,
best model by STTS accuracy on the gold dev split ({dev} tokens): {dev_acc}.
Training time: {minutes} minutes on 2 CPU cores. Size on disk: {size} MB.

## Figures (measured by `sagte train morph`; re-measure with `sagte eval morph` / `sagte eval mood`)
UD German GSD test, gold tokens (whole stage: tagger + tables + simplemma):
UPOS accuracy {upos}, STTS accuracy {tag}, lemma accuracy {lemma};
finite verbs P {fin[precision]} / R {fin[recall]} / F1 {fin[f1]}.

Mood test set (`sagte/evaluation/data/mood_test.tsv`, {verbs} hand-labelled finite verbs):
Sub P {sub[precision]} / R {sub[recall]} / F1 {sub[f1]};
KI P {sub1[precision]} / R {sub1[recall]}; KII P {sub2[precision]} / R {sub2[recall]}; accuracy {acc}.

Speed: tokenizer + sentencizer + sagte_morph, {speed} tokens per CPU second, one thread (200
derStandard articles; see benchmarks/morph_speed.py for wall-clock figures too).
"""
