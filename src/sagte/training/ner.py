"""``sagte train ner``: corpora -> DocBins, floret vectors, spaCy NER, evaluation, model card.

Steps (each writes under ``work``, default ``runs/ner``):

1. :func:`build_corpora` converts every NER source (:mod:`.corpora`) to PER/LOC/ORG/MISC,
   keeps LER's sentences with entities (plus a share of the others), oversamples news-like
   sources, holds out every ``dev_every``-th non-LER sentence as the training run's own dev set,
   and writes ``train.spacy`` / ``dev.spacy``. GermEval 2014 is never read here.
2. :func:`train_vectors` trains floret vectors on all raw German text in the data folder
   except ``ner-de/germeval2014`` and stores them as a spaCy vocab (``vectors/``).
3. :func:`pretrain_tok2vec` (when ``pretrain_words`` > 0) pretrains the NER's CNN tok2vec on the
   same raw text with spaCy's characters objective (predict each word's first and last
   characters from its context), settings in the config's ``[sagte_pretraining]`` section.
4. :func:`train_model` trains with ``configs/ner.cfg`` (fixed seed), the tok2vec starting from
   the pretrained weights when there are any.
5. :func:`finish` scores the best model on GermEval 2014 dev and writes ``MODEL_CARD.md``;
   with ``install`` it copies the model to ``sagte/models/ner``.
"""

from __future__ import annotations

import csv
import json
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import GoldDataError
from .corpora import READERS, read_source

CONFIG = Path(__file__).parent / "configs" / "ner.cfg"

#: licences of the sources, for the model card (from each corpus' README / LICENSE)
LICENCES = {
    "wikineural": "CC BY-NC-SA 4.0 (WikiNEuRal, Tedeschi et al. 2021), val + test splits",
    "smartdata": "CC BY 4.0 (DFKI SmartData v3, Schiersch et al. 2018), train split",
    "ler": "CC BY 4.0 per README, NC-SA badge: treated as CC BY-NC-SA 4.0 (LER, Leitner et al. 2019), all courts",
    "europeana": "CC0 (Europeana Newspapers NER, Neudecker 2016)",
    "hipe": "CC BY-NC-SA 4.0 (HIPE-2020 German, Ehrmann et al. 2020), train + dev",
}

#: raw text for the vectors: (glob under the data folder, reader name)
RAW_SOURCES = (
    ("quotes-de/*.jsonl", "quotes"),
    ("speech-de/gepade/*/task1/*.json", "gepade"),
    ("speech-de/redewiedergabe/*.tsv", "rwk"),
    ("coref-de/pcc-2.0/primary-data/*.txt", "plain"),
    ("timex-de/krauts/Dolomiten-42/*.tml", "xml"),
    ("timex-de/krauts/Dolomiten-100/*.tml", "xml"),
    ("timex-de/wikiwars-de/in/*.sgm", "xml"),
    ("ud-de/*.conllu", "conllu"),
    ("raw-de/10kgnad-test.csv", "gnad"),
)


@dataclass
class Settings:
    """What ``sagte train ner`` can change; the rest lives in ``configs/ner.cfg``."""

    work: Path = Path("runs/ner")
    seed: int = 42
    #: copies of each source's training sentences (news-like sources count more)
    weights: dict[str, float] = field(default_factory=lambda: {
        "wikineural": 1.0, "smartdata": 2.0, "ler": 1.0, "europeana": 0.5, "hipe": 0.5})
    #: share of LER sentences without any PER/LOC/ORG/MISC that are kept
    ler_empty_share: float = 0.02
    #: at most this many LER sentences with entities
    ler_max: int = 5000
    dev_every: int = 50
    #: training steps of 1,000 words (0: until ``epochs``)
    steps: int = 2400
    #: 0: no limit (``steps`` decides)
    epochs: int = 0
    vector_dim: int = 96
    #: rows of the floret table: 100,000 x 96 floats = 38 MB in the model (50,000 gave 0.636 on GermEval dev,
    #: 100,000 0.651 with 10 epochs; 75,000 x 128 dims 0.642)
    vector_bucket: int = 100000
    #: 5 epochs (the old default) < 10 (0.651) < 20 (0.661); 40 gave 0.655
    vector_epochs: int = 20
    #: floret's training objective: "cbow" or "skipgram"
    vector_model: str = "cbow"
    threads: int = 2
    #: words of raw text for tok2vec pretraining (0: no pretraining)
    pretrain_words: int = 0
    #: the model directory this run continued training from (``--resume``), if any
    resumed_from: str | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        d["work"] = str(self.work)
        return d


# -- 1. corpora -------------------------------------------------------------------------------

def build_corpora(root: Path, settings: Settings, progress: Callable = lambda it, **kw: it) -> dict:
    """Writes ``train.spacy`` and ``dev.spacy``; returns counts per source."""
    import spacy
    from spacy.tokens import Doc, DocBin

    rng = random.Random(settings.seed)
    ner_root = root / "ner-de"
    nlp = spacy.blank("de")
    train, dev = [], []
    stats: dict[str, dict] = {}
    for name in progress(list(READERS), description="converting corpora"):
        sentences = list(read_source(name, ner_root))
        if name == "ler":
            with_ents = [s for s in sentences if s.has_entity()]
            rng.shuffle(with_ents)
            empty = [s for s in sentences if not s.has_entity()]
            kept = with_ents[: settings.ler_max] + rng.sample(empty, int(len(empty) * settings.ler_empty_share))
            src_train, src_dev = kept, []
        else:
            src_train = [s for i, s in enumerate(sentences) if i % settings.dev_every]
            src_dev = [s for i, s in enumerate(sentences) if not i % settings.dev_every]
        weight = settings.weights.get(name, 1.0)
        copies = int(weight) * src_train + rng.sample(src_train, int(len(src_train) * (weight % 1)))
        train += copies
        dev += src_dev
        ents = Counter(t[2:] for s in src_train for t in s.tags if t.startswith("B-"))
        stats[name] = {"sentences": len(src_train), "tokens": sum(len(s.words) for s in src_train),
                       "copies": len(copies), "dev_sentences": len(src_dev), "entities": dict(ents),
                       "licence": LICENCES[name]}
    rng.shuffle(train)
    settings.work.mkdir(parents=True, exist_ok=True)
    for fname, sents in (("train.spacy", train), ("dev.spacy", dev)):
        db = DocBin(store_user_data=False)
        for s in sents:
            db.add(Doc(nlp.vocab, words=s.words, spaces=s.spaces, ents=s.tags))
        db.to_disk(settings.work / fname)
    stats["total"] = {"train_sentences": len(train), "train_tokens": sum(len(s.words) for s in train),
                      "dev_sentences": len(dev)}
    (settings.work / "corpora.json").write_text(json.dumps(stats, indent=2, ensure_ascii=False), encoding="utf-8")
    return stats


def build_name_list(root: Path, settings: Settings) -> Path:
    """``ner_names.tsv``: capitalised words seen inside entities of the training sources, with counts.

    For the ``sagte_ner_names`` stage; written to ``work`` (``--install`` copies it to
    ``sagte/lang/de``). Counts cover every sentence of every source (not GermEval).
    """
    total: Counter[str] = Counter()
    inside: dict[str, Counter[str]] = {}
    for name in READERS:
        for sent in read_source(name, root / "ner-de"):
            for word, tag in zip(sent.words, sent.tags):
                total[word] += 1
                if tag != "O" and len(word) > 1 and word[0].isupper():
                    inside.setdefault(word, Counter())[tag[2:]] += 1
    path = settings.work / "ner_names.tsv"
    with path.open("w", encoding="utf-8") as out:
        out.write("# source: learned by `sagte train ner` from the NER training corpora in ../shared/data/ner-de "
                  "(WikiNEuRal val+test, SmartData train, LER, Europeana, HIPE-2020 train+dev; not GermEval 2014); "
                  "licence CC BY-NC-SA 4.0 (inherited from WikiNEuRal, HIPE-2020, LER)\n")
        out.write("# word: a capitalised word; label: the entity label it was most often inside; in_entity: how often; "
                  "total: how often the word occurred at all\n")
        out.write("word\tlabel\tin_entity\ttotal\n")
        for word in sorted(inside):
            label, count = inside[word].most_common(1)[0]
            if "\t" not in word:
                out.write(f"{word}\t{label}\t{count}\t{total[word]}\n")
    return path


# -- 2. vectors -------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")


def _raw_lines(path: Path, kind: str) -> Iterator[str]:
    if kind == "quotes":
        with path.open(encoding="utf-8") as f:
            for line in f:
                yield from json.loads(line)["originalText"].splitlines()
    elif kind == "gepade":
        for sent in json.loads(path.read_text(encoding="utf-8"))["Sentences"]:
            yield " ".join(sent["Tokens"])
    elif kind == "rwk":
        words: list[str] = []
        with path.open(encoding="utf-8") as f:
            next(f)
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 6:
                    continue
                if parts[5] == "yes" and words:
                    yield " ".join(words)
                    words = []
                words.append(parts[0])
        if words:
            yield " ".join(words)
    elif kind == "plain":
        yield from path.read_text(encoding="utf-8").splitlines()
    elif kind == "xml":
        yield from _TAG.sub(" ", path.read_text(encoding="utf-8")).splitlines()
    elif kind == "conllu":
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.startswith("# text = "):
                    yield line[len("# text = "):].strip()
    elif kind == "gnad":
        with path.open(encoding="utf-8") as f:
            for row in csv.reader(f, delimiter=";", quotechar="'"):
                if len(row) >= 2:
                    yield row[1]


def raw_text(root: Path) -> Iterator[str]:
    """Lines of raw German text, tokenised with sagte's tokenizer, from every corpus but GermEval."""
    import spacy

    from ..tokenizer import customize_tokenizer

    nlp = customize_tokenizer(spacy.blank("de"))

    def lines() -> Iterator[str]:
        for pattern, kind in RAW_SOURCES:
            for path in sorted(root.glob(pattern)):
                for line in _raw_lines(path, kind):
                    line = line.strip()
                    if line:
                        yield line

    for doc in nlp.tokenizer.pipe(lines(), batch_size=1000):
        yield " ".join(t.text for t in doc if not t.is_space)
    for name in READERS:  # NER corpora, already tokenised; germeval2014 is not among them
        for sent in read_source(name, root / "ner-de"):
            yield " ".join(sent.words)


def train_vectors(root: Path, settings: Settings) -> dict:
    """floret vectors on the raw text -> ``vectors/`` (a spaCy pipeline holding only the table)."""
    import floret
    import spacy
    from spacy.training.initialize import convert_vectors

    work = settings.work
    work.mkdir(parents=True, exist_ok=True)
    text_path = work / "raw.txt"
    tokens = 0
    with text_path.open("w", encoding="utf-8") as out:
        for line in raw_text(root):
            tokens += line.count(" ") + 1
            out.write(line + "\n")
    model = floret.train_unsupervised(
        str(text_path), model=settings.vector_model, mode="floret", hashCount=2, bucket=settings.vector_bucket,
        minn=4, maxn=5, minCount=3, dim=settings.vector_dim, epoch=settings.vector_epochs,
        thread=settings.threads, verbose=0)
    model.save_floret_vectors(str(work / "vectors.floret"))
    nlp = spacy.blank("de")
    convert_vectors(nlp, work / "vectors.floret", truncate=0, prune=-1, mode="floret")
    nlp.to_disk(work / "vectors")
    text_path.unlink()
    info = {"raw_tokens": tokens, "dim": settings.vector_dim, "bucket": settings.vector_bucket,
            "epochs": settings.vector_epochs, "model": settings.vector_model}
    (work / "vectors.json").write_text(json.dumps(info), encoding="utf-8")
    return info


# -- 3. tok2vec pretraining ------------------------------------------------------------------

def pretrain_text(root: Path, settings: Settings) -> Path:
    """``pretrain.txt``: the vectors' raw text (one tokenised line each), shuffled with the seed."""
    path = settings.work / "pretrain.txt"
    if not path.is_file():
        lines = [line for line in raw_text(root) if line.count(" ") >= 4]
        random.Random(settings.seed).shuffle(lines)
        settings.work.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(path)
    return path


def _inner_tok2vec(nlp):
    """The NER's CNN tok2vec (embedding + encoder), without the parser's projection layer."""
    return nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]


def pretrain_tok2vec(root: Path, settings: Settings, config: Path = CONFIG,
                     progress: Callable[[str], None] = lambda msg: None) -> dict:
    """Pretrains the NER's tok2vec on ``settings.pretrain_words`` words of raw text -> ``pretrain/tok2vec.bin``.

    spaCy's characters objective (``spacy.PretrainCharacters.v1``) on the tok2vec defined in
    ``config`` (floret vectors included as input), Adam, batches of ``batch_words`` words,
    lines in the order of ``pretrain.txt`` (shuffled with the seed), at most 500 words a line.
    """
    import time

    from spacy.tokens import Doc
    from spacy.util import fix_random_seed, load_config, load_model_from_config, registry
    from thinc.api import set_dropout_rate
    from thinc.api import Adam

    text = pretrain_text(root, settings)
    cfg = load_config(config, overrides={"paths.vectors": str(settings.work / "vectors"),
                                         "system.seed": settings.seed})
    P = cfg["sagte_pretraining"]
    fix_random_seed(settings.seed)
    nlp = load_model_from_config(cfg, auto_fill=True, validate=True)
    with nlp.select_pipes(enable=[]):
        nlp.initialize()  # loads the vectors
    tok2vec = _inner_tok2vec(nlp)
    tok2vec.initialize(X=[nlp.make_doc("Gib ihm ein Dokument , um die Formen abzuleiten .")])
    make = registry.architectures.get("spacy.PretrainCharacters.v1")(
        maxout_pieces=P["maxout_pieces"], hidden_size=P["hidden_size"], n_characters=P["n_characters"])
    model = make(nlp.vocab, tok2vec)
    model.initialize(X=[nlp.make_doc("Gib ihm ein Dokument , um die Formen abzuleiten .")])
    use_numpy_blas_model(model)
    set_dropout_rate(model, P["dropout"])
    objective = model.attrs["loss"]
    optimizer = Adam(learn_rate=P["learn_rate"], beta1=0.9, beta2=0.999, L2=0.01, L2_is_weight_decay=True,
                     grad_clip=1.0, use_averages=True, eps=1e-8)
    out = settings.work / "pretrain"
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    loss_sum = 0.0
    log = []
    start = time.perf_counter()
    batch: list[Doc] = []
    batch_words = 0

    def update(docs: list[Doc]) -> float:
        predictions, backprop = model.begin_update(docs)
        loss, gradients = objective(model.ops, docs, predictions)
        backprop(gradients)
        model.finish_update(optimizer)
        return float(loss)

    def lines() -> Iterator[list[str]]:
        while True:  # as many passes over the text as the number of words asks for
            with text.open(encoding="utf-8") as f:
                for line in f:
                    tokens = line.split()[:500]
                    if len(tokens) >= 5:
                        yield tokens

    next_report = 500_000
    recent = 0.0
    for tokens in lines():
        batch.append(Doc(nlp.vocab, words=tokens))
        batch_words += len(tokens)
        if batch_words < P["batch_words"]:
            continue
        loss = update(batch)
        loss_sum += loss
        recent += loss
        words += batch_words
        batch, batch_words = [], 0
        if words >= next_report:
            entry = {"words": words, "recent_loss_per_word": recent / 500_000,
                     "seconds": round(time.perf_counter() - start, 1)}
            log.append(entry)
            progress(f"pretraining: {words:,} words, recent loss/word {entry['recent_loss_per_word']:.3f}, "
                     f"{words / entry['seconds']:.0f} words/s")
            next_report += 500_000
            recent = 0.0
        if words >= settings.pretrain_words:
            break
    with model.use_params(optimizer.averages):
        (out / "tok2vec.bin").write_bytes(tok2vec.to_bytes())
    info = {"target_words": settings.pretrain_words, "seed": settings.seed, "recipe": _pretrain_recipe(config),
            "words": words, "seconds": round(time.perf_counter() - start, 1), "settings": dict(P),
            "loss_per_word": loss_sum / max(words, 1), "log": log}
    (out / "pretrain.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    return info


def _pretrain_recipe(config: Path) -> str:
    """The config parts a pretrained tok2vec depends on (tok2vec architecture, pretraining settings)."""
    from spacy.util import load_config

    cfg = load_config(config)
    return json.dumps([cfg["components"]["ner"]["model"]["tok2vec"], cfg["sagte_pretraining"]], sort_keys=True)


def pretrained_matches(settings: Settings, config: Path = CONFIG) -> bool:
    """A pretrained tok2vec in ``work`` made with the same words, seed, architecture and settings."""
    info = settings.work / "pretrain" / "pretrain.json"
    if not (info.is_file() and (settings.work / "pretrain" / "tok2vec.bin").is_file()):
        return False
    done = json.loads(info.read_text(encoding="utf-8"))
    return (done.get("target_words"), done.get("seed"), done.get("recipe")) == (
        settings.pretrain_words, settings.seed, _pretrain_recipe(config))


def use_numpy_blas_model(model) -> None:
    """numpy's BLAS for every layer of a thinc model (see :func:`sagte.models.use_numpy_blas`)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for node in model.walk():
        node.ops = ops


# -- 4. training ------------------------------------------------------------------------------

def train_model(settings: Settings, config: Path = CONFIG, resume: Path | None = None) -> Path:
    """spaCy training with ``config``; returns the best model's directory.

    ``resume``: a model directory whose NER is trained further (the optimizer starts afresh),
    for runs split into legs when the cores are shared; the output goes to ``model-resumed``.
    """
    import sys

    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_nlp
    from spacy.util import load_config

    work = settings.work
    for name in ("train.spacy", "dev.spacy", "vectors"):
        if not (work / name).exists():
            raise GoldDataError(f"{work / name} is missing: run the earlier steps of `sagte train ner` first.")
    overrides = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
        "paths.vectors": str(work / "vectors"),
        "system.seed": settings.seed,
        "training.max_epochs": settings.epochs,
        "training.max_steps": settings.steps,
    }
    out = work / "model"
    if resume is not None:
        cfg = load_config(config)
        cfg["components"]["ner"] = {"source": str(resume)}
        config = work / "resume.cfg"
        cfg.to_disk(config)
        out = work / "model-resumed"
    pretrained = work / "pretrain" / "tok2vec.bin"
    cfg = load_config(config, overrides=overrides, interpolate=False)
    nlp = init_nlp(cfg, use_gpu=-1)
    if settings.pretrain_words and resume is None:
        if not pretrained.is_file():
            raise GoldDataError(f"{pretrained} is missing: run `sagte train ner` with --pretrain-words first.")
        _inner_tok2vec(nlp).from_bytes(pretrained.read_bytes())
    use_numpy_blas_model(nlp.get_pipe("ner").model)
    out.mkdir(parents=True, exist_ok=True)
    train_nlp(nlp, out, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)
    return out / "model-best"


# -- 4. evaluation, card, install -------------------------------------------------------------

def finish(root: Path, model_dir: Path, settings: Settings, timings: dict, corpora: dict, vectors: dict,
           install_to: Path | None = None) -> dict:
    """Scores ``model_dir`` on GermEval 2014 dev, writes ``MODEL_CARD.md``, installs it."""
    from ..evaluation.ner import score_model

    dev = root / "ner-de" / "germeval2014" / "NER-de-dev.tsv"
    import spacy

    scores = score_model(dev, model_dir)
    scores["spacy"] = spacy.__version__
    scores["size_mb"] = round(_size_mb(model_dir), 1)
    card = model_card(settings, timings, corpora, vectors, scores, model_dir)
    (model_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    (model_dir / "germeval2014_dev_scores.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
    if install_to is not None:
        if install_to.exists():
            shutil.rmtree(install_to)
        shutil.copytree(model_dir, install_to)
        names = settings.work / "ner_names.tsv"
        if names.is_file():
            from ..lang import LANG_DIR, load_table

            shutil.copy(names, LANG_DIR / "de" / "ner_names.tsv")
            load_table.cache_clear()
        from ..evaluation.ner import run

        pipeline = run(dev)
        m = pipeline["micro_per_loc_org"]
        per = ", ".join(f"{k} {v['f1']:.3f}" for k, v in pipeline["per_label"].items())
        extra = (f"\n## The shipped pipeline (`ner` + `sagte_ner_names`)\n\n`sagte eval ner` on GermEval 2014 dev: "
                 f"**micro F1 over PER/LOC/ORG {m['f1']:.3f}** (P {m['precision']:.3f}, R {m['recall']:.3f}); "
                 f"per label F1: {per}; all four types {pipeline['micro']['f1']:.3f}.\n")
        for d in (model_dir, install_to):
            with (d / "MODEL_CARD.md").open("a", encoding="utf-8") as f:
                f.write(extra)
        scores["pipeline"] = pipeline
    return scores


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _architecture(model_dir: Path | None) -> str:
    """Width, depth, maxout pieces of the tok2vec and the parser's hidden width, from the model's config."""
    from spacy.util import load_config

    cfg = load_config(model_dir / "config.cfg" if model_dir else CONFIG)
    m = cfg["components"]["ner"]["model"]
    enc = m["tok2vec"]["encode"]
    return (f"width {enc['width']}, depth {enc['depth']}, window {enc['window_size']}, maxout pieces "
            f"{enc['maxout_pieces']}; NER hidden width {m['hidden_width']}, maxout pieces {m['maxout_pieces']}")


def _pretraining_note(settings: Settings) -> str:
    info = settings.work / "pretrain" / "pretrain.json"
    if not settings.pretrain_words or not info.is_file():
        return "No tok2vec pretraining. "
    done = json.loads(info.read_text(encoding="utf-8"))
    p = done["settings"]
    return (f"The tok2vec started from weights pretrained on {done['words']:,} words of the vectors' raw text "
            f"(about {done['words'] / max(vectors_tokens(settings), 1):.1f} passes; spaCy's characters objective, "
            f"first/last {p['n_characters']} characters, hidden {p['hidden_size']}, dropout {p['dropout']}, "
            f"batches of {p['batch_words']:,} words; {done['seconds'] / 60:.1f} min). ")


def vectors_tokens(settings: Settings) -> int:
    path = settings.work / "pretrain.txt"
    if not path.is_file():
        return 0
    with path.open(encoding="utf-8") as f:
        return sum(min(len(line.split()), 500) for line in f if len(line.split()) >= 5)


def model_card(settings: Settings, timings: dict, corpora: dict, vectors: dict, scores: dict,
               model_dir: Path | None = None) -> str:
    rows = [f"| {name} | {c['sentences']:,} | {c['tokens']:,} | {c['copies']:,} | {c['licence']} |"
            for name, c in corpora.items() if name != "total"]
    per = "\n".join(f"| {lab} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['gold']:g} |"
                    for lab, v in scores["per_label"].items())
    timing = ", ".join(f"{k} {v / 60:.1f} min" for k, v in timings.items())
    resumed = (f" (this run continued training the NER of `{settings.resumed_from}`, itself trained by an earlier "
               f"run of the same command; see that run's card for its time)") if settings.resumed_from else ""
    return f"""# sagte NER (German, PER / LOC / ORG / MISC)

Trained by `sagte train ner` on the CPU from `../shared/data`; spaCy {scores.get('spacy', '')}.

## Licence

**CC BY-NC-SA 4.0.** The model is learned from WikiNEuRal, HIPE-2020 and LER (treated as
NC-SA), so it inherits non-commercial share-alike terms; the other sources are CC BY 4.0 or CC0.

## Data

| source | training sentences | tokens | copies in the mix | licence |
|---|---|---|---|---|
{chr(10).join(rows)}

Classes mapped to ours with `sagte/lang/de/ner_label_map.tsv` (LER citations of laws, decisions
and literature are not entities; courts, institutions, companies are ORG; judges and lawyers
PER; brands MISC). Entities made only of lower-case words (adjectives such as *deutschen*,
which GermEval tags `-deriv`) are dropped. Only LER sentences with entities are kept (at most
{settings.ler_max:,}), plus {settings.ler_empty_share:.0%} of the others. Every {settings.dev_every}th
sentence of the other sources is held out as the training run's dev set
({corpora['total']['dev_sentences']:,} sentences). **GermEval 2014 is never trained on**, not
even for the vectors.

Vectors: floret ({vectors.get('model', 'cbow')}, {vectors.get('epochs', 5)} epochs, {vectors['dim']} dimensions, {vectors['bucket']:,} buckets, char 4-5
grams, 2 hashes) trained on {vectors['raw_tokens']:,} tokens of raw German text from every
corpus in the data folder except `ner-de/germeval2014`.

## Settings

Config `sagte/training/configs/ner.cfg` (CNN tok2vec owned by the NER: NORM/PREFIX/SUFFIX/SHAPE
hash embeddings + static floret vectors, {_architecture(model_dir)}; transition-based NER), seed
{settings.seed}, {settings.steps:,} steps of 1,000 words. {_pretraining_note(settings)}Settings: `{json.dumps(settings.as_dict())}`.
Training time: {timing}{resumed}.

## Figures: GermEval 2014 dev (`NER-de-dev.tsv`), outer chunks, exact span and label

Scored on the gold tokens with `sagte eval ner`; our MISC counts as OTH; -deriv/-part ignored.

**micro F1 over PER/LOC/ORG: {scores['micro_per_loc_org']['f1']:.3f}** (P {scores['micro_per_loc_org']['precision']:.3f},
R {scores['micro_per_loc_org']['recall']:.3f}); all four types: {scores['micro']['f1']:.3f}.

| label | precision | recall | F1 | gold |
|---|---|---|---|---|
{per}

Model size on disk: {scores.get('size_mb', 0):.1f} MB.
"""
