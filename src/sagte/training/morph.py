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


def _docbin(nlp, sentences: list[Sentence]):
    from spacy.tokens import Doc, DocBin

    db = DocBin(attrs=["TAG", "SENT_START"])
    for s in sentences:
        doc = Doc(nlp.vocab, words=s.words, spaces=s.spaces, tags=s.tags,
                  sent_starts=[True] + [False] * (len(s.words) - 1))
        db.add(doc)
    return db


def train_morph(*, data: Path, output: Path = MODEL_DIR, workdir: Path | None = None,
                seed: int = 1, max_epochs: int | None = None) -> dict:
    """Build the corpora, train, copy the best model to ``output`` with a model card; returns figures."""
    import tempfile

    import spacy
    from spacy.cli.train import train as spacy_train

    sentences = training_sentences(data)
    train = [s for i, s in enumerate(sentences) if i % 10 != 9]
    dev = [s for i, s in enumerate(sentences) if i % 10 == 9]
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
    figures = {
        "train_sentences": len(train), "train_tokens": sum(len(s.words) for s in train),
        "dev_sentences": len(dev), "dev_tokens": sum(len(s.words) for s in dev),
        "dev_tag_acc": round(meta.get("performance", {}).get("tag_acc", 0.0), 4),
        "training_minutes": round(minutes, 1), "seed": seed,
    }
    (output / "training.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures
