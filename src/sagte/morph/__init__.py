"""Part of speech, lemmas and morphology (above all the mood of finite verbs).

The ``sagte_morph`` component (:mod:`sagte.morph.component`) runs the shipped STTS tagger
(``sagte/models/morph``, trained by ``sagte train morph``), maps STTS to UPOS, lemmatises with
simplemma and the verb tables under ``lang/de/morph/``, and marks finite verbs with
``VerbForm=Fin|Mood=…|Tense=…`` by rules (:mod:`sagte.morph.rules`).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ModelError

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "morph"


def load_tagger(path: Path | str | None = None):
    """The shipped tagger pipeline (tok2vec + tagger); :class:`ModelError` with the fix if it is unusable."""
    import spacy

    path = Path(path) if path else MODEL_DIR
    if not (path / "config.cfg").is_file():
        raise ModelError(f"the morphology model is missing at {path}: reinstall sagte, or rebuild it with "
                         "`sagte train morph` (needs ../shared/data or SAGTE_DATA).")
    try:
        return spacy.load(path, exclude=[])
    except (OSError, ValueError, KeyError) as err:
        raise ModelError(f"the morphology model at {path} cannot be loaded ({err}): reinstall sagte, or "
                         "rebuild it with `sagte train morph`.") from err


def morph_pipeline(model: Path | str | None = None, *, with_morph: bool = True):
    """Tokenizer + sentencizer + ``sagte_morph`` only (``model``: another morphology model directory)."""
    from ..pipeline import STAGES, create_pipeline

    others = ("ner", "sagte_ner_names") + tuple(name for name, _config in STAGES)
    nlp = create_pipeline(disable=others + (() if with_morph else ("sagte_morph",)))
    if with_morph and model is not None:
        nlp.replace_pipe("sagte_morph", "sagte_morph", config={"model": str(model)})
    return nlp
