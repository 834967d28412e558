"""Builds the German pipeline: one ``Language``, one stage per job.

Stages, in order (each a registered spaCy factory, see its module):

==================  ===========================================  ==========================
stage               job                                          writes
==================  ===========================================  ==========================
tokenizer           German tokens, quotation marks split off     ``doc``
sagte_sentencizer   sentence boundaries                          ``token.is_sent_start``
(trained models)    part of speech, morphology, entities         ``token.pos/morph``, ``doc.ents``
  ner               PER/LOC/ORG/MISC (sagte/models/ner)          ``doc.ents``
  sagte_ner_names   names the NER missed, from a learned list    ``doc.ents``
sagte_times         time expressions (TIMEX3)                    ``doc.spans["sagte_times"]``
sagte_quantities    amounts, units, hedges, ranges               ``doc.spans["sagte_quantities"]``
sagte_speech        statements: content, cue, speaker, kind      ``doc._.sagte_statements``
sagte_entities      one entity per referent; speakers resolved   ``doc._.sagte_entities``
==================  ===========================================  ==========================

Later stages (time, quantities, entity linking) are added to ``STAGES`` as they land.
:func:`create_pipeline` builds it; :func:`sagte.load` caches one per process.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from .extensions import register_extensions
from .models import load_model
from .tokenizer import customize_tokenizer

# importing the modules registers their factories
from . import segmentation as _segmentation  # noqa: F401
from .speech import component as _speech  # noqa: F401
from .morph import component as _morph  # noqa: F401
from .time import component as _time  # noqa: F401
from .quantities import component as _quantities  # noqa: F401
from .entities import component as _entities  # noqa: F401
from .ner import names as _ner_names  # noqa: F401

#: (factory name, config overrides) for the rule-based stages after the trained ones
STAGES: tuple[tuple[str, dict], ...] = (
    ("sagte_times", {}),
    ("sagte_quantities", {}),
    ("sagte_speech", {}),
    ("sagte_entities", {}),
)


def create_pipeline(*, disable: tuple[str, ...] = ()) -> Language:
    """A fresh pipeline with every stage; ``disable`` names stages to leave out."""
    register_extensions()
    # the NER model's Language is the base: its vocab holds the floret vectors its ``ner`` reads
    nlp = customize_tokenizer(spacy.blank("de") if "ner" in disable else load_model("ner"))
    nlp.add_pipe("sagte_sentencizer", first=True)
    if "ner" not in disable and "sagte_ner_names" not in disable:
        nlp.add_pipe("sagte_ner_names", after="ner")
    if "sagte_morph" not in disable:  # STTS tag, UPOS, lemma, verb mood (sagte/morph)
        nlp.add_pipe("sagte_morph", after="sagte_sentencizer")
    for factory, config in STAGES:
        if factory not in disable:
            nlp.add_pipe(factory, config=config)
    return nlp
