"""``sagte train ner`` and ``sagte eval ner``."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..errors import SagteError
from .app import EXIT_MISSING, eval_app, train_app
from .output import err_console, fail, scores_or_exit, track




@eval_app.command("ner")
def eval_ner(
    path: Path = typer.Argument(..., help="A GermEval-2014 TSV, e.g. ../shared/data/ner-de/germeval2014/NER-de-dev.tsv."),
    model: Path = typer.Option(None, "--model", help="Score this model directory instead of the shipped pipeline."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Precision, recall and F1 of named entities: exact span and label, micro and per label.

    Outer chunks of PER/LOC/ORG/OTH (-deriv/-part ignored), our MISC counted as OTH, scored on
    the gold tokens.

    Example: sagte eval ner ../shared/data/ner-de/germeval2014/NER-de-dev.tsv
    """
    from ..evaluation.ner import run

    scores = scores_or_exit(lambda: run(path, model=model, progress=track), as_json=as_json)
    if scores is None:
        return
    table = Table(title=f"NER: {path} ({scores['sentences']} sentences)")
    for col in ("label", "precision", "recall", "F1", "pred", "gold"):
        table.add_column(col, justify="left" if col == "label" else "right")
    rows = list(scores["per_label"].items()) + [("micro PER/LOC/ORG", scores["micro_per_loc_org"]),
                                                ("micro all", scores["micro"])]
    for name, v in rows:
        table.add_row(name, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", f"{v['pred']:g}", f"{v['gold']:g}")
    Console().print(table)


@train_app.command("ner")
def train_ner(
    work: Path = typer.Option(Path("runs/ner"), "--work", help="Folder for the converted corpora, vectors and model."),
    steps: int = typer.Option(None, "--steps", help="Training steps of 1,000 words (default 2,400)."),
    seed: int = typer.Option(42, "--seed", help="Random seed for sampling and training."),
    install: bool = typer.Option(False, "--install", help="Copy the finished model to sagte/models/ner."),
    reuse: bool = typer.Option(False, "--reuse", help="Keep corpora and vectors already in --work instead of rebuilding them (vectors only if made with the same vector settings)."),
    resume: Path = typer.Option(None, "--resume", help="Train this model directory's NER further (with --reuse)."),
    pretrain_words: int = typer.Option(None, "--pretrain-words", help="Words of raw text for pretraining the tok2vec (characters objective) before training; 0: none (default: the training settings' value)."),
    vector_model: str = typer.Option(None, "--vector-model", help="floret objective for the vectors: cbow or skipgram (default cbow)."),
    vector_bucket: int = typer.Option(None, "--vector-bucket", help="floret hash buckets, the rows of the vector table (default 100,000)."),
    vector_epochs: int = typer.Option(None, "--vector-epochs", help="floret training epochs (default 20)."),
    vector_dim: int = typer.Option(None, "--vector-dim", help="floret vector dimensions (default 96)."),
    config: Path = typer.Option(None, "--config", help="A spaCy config to use instead of sagte/training/configs/ner.cfg (for experiments)."),
    threads: int = typer.Option(None, "--threads", help="Threads for the floret vectors (default 2); the matrix products use OMP_NUM_THREADS."),
) -> None:
    """Train the NER model (PER/LOC/ORG/MISC) from ../shared/data and write its model card.

    Converts the NER corpora, trains floret vectors on the raw text, trains spaCy NER with
    sagte/training/configs/ner.cfg, scores it on GermEval 2014 dev. About 25 minutes on 2 cores (training itself ~4 min,
    vectors ~6 min on one thread; --pretrain-words 10000000 adds ~17 min).

    Example: sagte train ner --install
    """
    import json

    from ..evaluation import data_dir
    from ..models import model_path
    from ..training.ner import (CONFIG, Settings, build_corpora, build_name_list, finish, pretrain_tok2vec, pretrained_matches,
                                 train_model,
                                 train_vectors)

    root = data_dir()
    if not (root / "ner-de").is_dir():
        fail(f"{root / 'ner-de'} is missing: set SAGTE_DATA to the shared corpora folder.", EXIT_MISSING)
    settings = Settings(work=work, seed=seed, resumed_from=str(resume) if resume else None)
    if steps is not None:
        settings.steps = steps
    if pretrain_words is not None:
        settings.pretrain_words = pretrain_words
    if threads is not None:
        settings.threads = threads
    for name, value in (("vector_model", vector_model), ("vector_bucket", vector_bucket),
                        ("vector_epochs", vector_epochs), ("vector_dim", vector_dim)):
        if value is not None:
            setattr(settings, name, value)
    timings: dict[str, float] = {}
    try:
        t = time.perf_counter()
        if reuse and (work / "corpora.json").is_file():
            corpora = json.loads((work / "corpora.json").read_text(encoding="utf-8"))
        else:
            corpora = build_corpora(root, settings, progress=track)
        if not (reuse and (work / "ner_names.tsv").is_file()):
            build_name_list(root, settings)
        timings["corpora"] = time.perf_counter() - t
        t = time.perf_counter()
        vectors = json.loads((work / "vectors.json").read_text(encoding="utf-8")) if (work / "vectors.json").is_file() else {}
        wanted = {"dim": settings.vector_dim, "bucket": settings.vector_bucket, "epochs": settings.vector_epochs,
                  "model": settings.vector_model}
        if not (reuse and all(vectors.get(k) == v for k, v in wanted.items())):  # other settings: new vectors
            err_console.print("training floret vectors …")
            vectors = train_vectors(root, settings)
        timings["vectors"] = time.perf_counter() - t
        if settings.pretrain_words and resume is None:
            t = time.perf_counter()
            if reuse and pretrained_matches(settings, config or CONFIG):
                err_console.print("reusing the pretrained tok2vec …")
            else:
                err_console.print(f"pretraining the tok2vec on {settings.pretrain_words:,} words …")
                pretrain_tok2vec(root, settings, config=config or CONFIG, progress=err_console.print)
            timings["pretraining"] = time.perf_counter() - t
        t = time.perf_counter()
        best = train_model(settings, config=config or CONFIG, resume=resume)
        timings["training"] = time.perf_counter() - t
        scores = finish(root, best, settings, timings, corpora, vectors,
                        install_to=model_path("ner") if install else None)
    except SagteError as err:
        fail(str(err), EXIT_MISSING)
    m = scores["micro_per_loc_org"]
    err_console.print(f"GermEval 2014 dev, micro PER/LOC/ORG: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}")
    err_console.print(f"model: {best}" + (f" (installed to {model_path('ner')})" if install else ""))
