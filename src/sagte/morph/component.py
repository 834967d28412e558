"""The ``sagte_morph`` stage: STTS tag, UPOS, lemma, and the morphology of verbs on every token."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, MorphAnalysis, Token

from ..errors import ModelError
from ..lang import load_table
from . import load_tagger
from .rules import Subject, analyse_finite, is_finite_only, lexicon_lemma, subject_pronouns

FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
NONFINITE_FEATS = {"VVINF": "VerbForm=Inf", "VAINF": "VerbForm=Inf", "VMINF": "VerbForm=Inf",
                   "VVIZU": "VerbForm=Inf", "VVPP": "VerbForm=Part", "VAPP": "VerbForm=Part",
                   "VMPP": "VerbForm=Part", "VVIMP": "Mood=Imp|VerbForm=Fin", "VAIMP": "Mood=Imp|VerbForm=Fin"}
#: tokens that end the clause in which a verb's subject is looked for
CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "„", "“", "”", "»", "«", '"', "(", ")", "–", "—", "-"})


@lru_cache(maxsize=1)
def stts_to_upos() -> dict[str, str]:
    return {row["stts"]: row["upos"] for row in load_table("morph/stts_upos.tsv")}


@Language.factory(
    "sagte_morph",
    assigns=["token.tag", "token.pos", "token.lemma", "token.morph"],
    requires=["token.is_sent_start"],
    default_config={"model": None, "lemmas": True},
)
def make_morph(nlp: Language, name: str, *, model: str | None, lemmas: bool) -> "Morphology":
    return Morphology(nlp, name, model=model, lemmas=lemmas)


class Morphology:
    """Tags with the shipped tagger, then sets UPOS, lemmas and verb features by rules."""

    def __init__(self, nlp: Language, name: str = "sagte_morph", *, model: str | None = None, lemmas: bool = True):
        self.name = name
        self.tagger = load_tagger(model)
        for label in self.tagger.get_pipe("tagger").labels:  # the tagger writes tags as hashes
            nlp.vocab.strings.add(label)
        self.upos = stts_to_upos()
        self.lemmas = lemmas
        self._lemmatize = _simplemma() if lemmas else None

    def __call__(self, doc: Doc) -> Doc:
        for _name, proc in self.tagger.pipeline:
            doc = proc(doc)
        self.set_annotations(doc)
        return doc

    def pipe(self, docs, *, batch_size: int = 256):
        procs = [proc for _name, proc in self.tagger.pipeline]
        for proc in procs:
            docs = proc.pipe(docs, batch_size=batch_size) if hasattr(proc, "pipe") else map(proc, docs)
        for doc in docs:
            self.set_annotations(doc)
            yield doc

    def set_annotations(self, doc: Doc) -> None:
        pronouns = subject_pronouns()
        for sent in doc.sents:
            question = any(t.text == "?" for t in sent[-3:])
            for token in sent:
                self._annotate(token, sent, pronouns, question)

    def _annotate(self, token: Token, sent, pronouns, question: bool) -> None:
        text = token.text
        lower = text.lower()
        tag = token.tag_
        if tag.startswith("V") and tag not in FINITE_TAGS and is_finite_only(lower):
            tag = "VAFIN" if lexicon_lemma(lower) in ("sein", "haben", "werden") else "VMFIN"
            token.tag_ = tag
        token.pos_ = self.upos.get(tag, "X")
        lemma = self._lemma(token, lower, tag)
        token.lemma_ = lemma
        if tag in FINITE_TAGS:
            subject, verb_first = _clause_context(token, sent, pronouns)
            analysis = analyse_finite(lower, lemma, subject, verb_first=verb_first and not question)
            token.set_morph(analysis.ud_features())
            if analysis.lemma and analysis.lemma != lemma:
                token.lemma_ = analysis.lemma
        elif tag in NONFINITE_FEATS:
            token.set_morph(NONFINITE_FEATS[tag])

    def _lemma(self, token: Token, lower: str, tag: str) -> str:
        if tag.startswith("$") or token.is_punct or token.is_space or token.like_num:
            return token.text
        if tag.startswith("V"):
            known = lexicon_lemma(lower)
            if known:
                return known
        if self._lemmatize is None:
            return token.text
        if tag in ("NN", "NE"):
            return self._lemmatize(token.text)
        return self._lemmatize(lower if not tag.startswith("N") else token.text)


def _clause_context(token: Token, sent, pronouns: dict[str, Subject]) -> tuple[Subject, bool]:
    """The subject pronoun of the verb's clause (if any) and whether the verb opens the clause."""
    doc = token.doc
    start = token.i
    while start > sent.start and doc[start - 1].text not in CLAUSE_BREAKS:
        start -= 1
    end = token.i + 1
    while end < sent.end and doc[end].text not in CLAUSE_BREAKS:
        end += 1
    subject = Subject()
    # a 1st or 2nd person pronoun (always nominative: ich, du, wir) anywhere in the clause decides;
    # otherwise the subject is taken to be 3rd person
    for j in range(start, end):
        hit = pronouns.get(doc[j].text.lower())
        if hit and hit.person in ("1", "2") and doc[j].text.lower() != "ihr":
            subject = hit
            if j != token.i:
                break
    return subject, token.i == start


def _simplemma():
    try:
        import simplemma
    except ImportError as err:
        raise ModelError("simplemma is not installed: pip install simplemma (sagte needs it for lemmas).") from err

    @lru_cache(maxsize=200_000)
    def lemmatize(word: str) -> str:
        return simplemma.lemmatize(word, lang="de")

    return lemmatize
