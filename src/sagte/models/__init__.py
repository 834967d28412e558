"""The trained models shipped inside the package, one spaCy pipeline directory each.

``ner/``: PER / LOC / ORG / MISC (``sagte train ner``; see its ``MODEL_CARD.md``).
:func:`load_model` loads one and turns every way it can fail into a :class:`ModelError` that
names the fix.
"""

from __future__ import annotations

import configparser
from pathlib import Path

from spacy.language import Language

from ..errors import ModelError

MODELS_DIR = Path(__file__).parent


def model_path(name: str) -> Path:
    """Where the shipped model ``name`` lives."""
    return MODELS_DIR / name


def load_model(name: str, *, path: Path | None = None) -> Language:
    """The shipped model ``name`` (or the model directory ``path``) as a spaCy ``Language``."""
    import spacy

    where = Path(path) if path is not None else model_path(name)
    fix = f"retrain it with `sagte train {name} --install` (needs ../shared/data and pip install -e '.[train]') or reinstall sagte"
    if not (where / "config.cfg").is_file() or not (where / "meta.json").is_file():
        raise ModelError(f"model {name!r} is missing: {where} has no config.cfg/meta.json; {fix}.")
    try:
        nlp = spacy.load(where)
    except (OSError, ValueError, KeyError, TypeError, IndexError, configparser.Error) as err:
        raise ModelError(f"model {name!r} at {where} is corrupt and cannot be loaded ({type(err).__name__}: {err}); {fix}.") from err
    use_numpy_blas(nlp)
    return nlp


def use_numpy_blas(nlp: Language) -> Language:
    """Matrix products through numpy's BLAS instead of thinc's blis: same results, ~3x faster here.

    Measured on the NER (``benchmarks/ner_speed.py``): 19-21k -> 30k tokens/s of CPU time.
    Only the ops of this pipeline's models change; nothing global is set.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp
