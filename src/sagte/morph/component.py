"""The ``sagte_morph`` stage: STTS tag, UPOS, lemma, and the morphology of verbs on every token."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ModelError
from ..lang import load_list, load_table
from . import load_tagger
from .rules import (Subject, analyse_finite, conditional_words, is_finite_only, is_preterite_or_kii, is_strong_finite,
                    lexicon_lemma, strong_participle_lemma, weak_participle_lemma,
                    looks_like_e_form, subject_pronouns)

FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
NONFINITE_FEATS = {"VVINF": "VerbForm=Inf", "VAINF": "VerbForm=Inf", "VMINF": "VerbForm=Inf",
                   "VVIZU": "VerbForm=Inf", "VVPP": "VerbForm=Part", "VAPP": "VerbForm=Part",
                   "VMPP": "VerbForm=Part", "VVIMP": "Mood=Imp|VerbForm=Fin", "VAIMP": "Mood=Imp|VerbForm=Fin"}
#: tokens that end the clause in which a verb's subject is looked for
PARTICIPLE_TAGS = frozenset({"VVPP", "VAPP", "VMPP"})
INFINITIVE_TAGS = frozenset({"VVINF", "VAINF", "VMINF"})
ARTICLE_FORMS = frozenset({"der", "die", "das", "den", "dem", "des"})
NOMINAL_TAGS = frozenset({"NN", "NE", "ADJA", "CARD", "ADV", "PIAT", "TRUNC"})
MODALS = frozenset({"können", "müssen", "dürfen", "sollen", "wollen", "mögen"})
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
        self.main_verb_auxiliaries = frozenset(load_list("morph/main_verb_auxiliaries.txt"))
        self.contractions = {row["form"]: row["lemma"] for row in load_table("morph/contractions.tsv")}
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
            self._annotate_sentence(sent, pronouns)

    def _annotate_sentence(self, sent, pronouns) -> None:
        question = any(t.text == "?" for t in sent[-3:])
        # 1. tags: forms that can only be finite verbs override the tagger
        for token in sent:
            if token.tag_ in FINITE_TAGS:
                continue
            if token.tag_ in INFINITIVE_TAGS and not token.text.endswith("n"):
                token.tag_ = token.tag_[:2] + "FIN"  # infinitives end in -n: "beeinflusse" is finite
                continue
            lower = token.text.lower()
            if token.text.islower():
                override = is_finite_only(lower) or is_strong_finite(lower)
            else:
                override = (_opens_sentence(token, sent) and token.tag_ not in ("NN", "NE")
                            and is_finite_only(lower))
            if override:
                token.tag_ = "VAFIN" if lexicon_lemma(lower) in ("sein", "haben", "werden") else (
                    "VMFIN" if token.tag_.startswith("VM") or lexicon_lemma(lower) in MODALS else "VVFIN")
        # 1b. a relative clause has a finite verb; in "verlangte, die „Szenen“ zu untersuchen" only
        # a zu-infinitive follows the "die", so it is an article (or a demonstrative)
        finite_after = zu_after = False
        for token in reversed(sent):
            if token.tag_ in FINITE_TAGS:
                finite_after = True
            elif token.tag_ in ("PTKZU", "VVIZU"):
                zu_after = True
            elif (token.tag_ == "PRELS" and zu_after and not finite_after
                  and token.text.lower() in ARTICLE_FORMS):
                nxt = next((t for t in sent.doc[token.i + 1:sent.end] if not t.is_punct), None)
                token.tag_ = "ART" if nxt is not None and nxt.tag_ in NOMINAL_TAGS else "PDS"
        # 2. POS and lemmas; -e forms of verbs that the tagger missed in a clause with no finite verb
        for token in sent:
            lower = token.text.lower()
            token.lemma_ = self._lemma(token, lower, token.tag_)
            if (token.tag_ not in FINITE_TAGS and not token.tag_.startswith(("V", "$", "NE", "PTKANT"))
                    and token.text.islower() and _looks_like_e_form(lower, token.lemma_)
                    and not _clause_has_finite(token, sent)):
                token.tag_ = "VVFIN"
            token.pos_ = self.upos.get(token.tag_, "X")
        # 2b. UD tags haben/wollen/mögen as VERB when they are the clause's only verb
        for token in sent:
            if token.pos_ == "AUX" and token.lemma_ in self.main_verb_auxiliaries and not _clause_has_nonfinite(token, sent):
                token.pos_ = "VERB"
        # 3. features of finite and non-finite verbs
        finite = [t for t in sent if t.tag_ in FINITE_TAGS]
        analyses = {}
        for token in finite:
            analyses[token.i] = self._analyse(token, sent, pronouns, question, past_frame=False)
        past_frame = any(a.mood == "ind" and a.tense == "Past" and not is_preterite_or_kii(doc_lower(t))
                         for t in finite for a in (analyses[t.i],))
        for token in sent:
            if token.tag_ in FINITE_TAGS:
                analysis = analyses[token.i]
                if past_frame and is_preterite_or_kii(token.text.lower()):
                    analysis = self._analyse(token, sent, pronouns, question, past_frame=True)
                token.set_morph(analysis.ud_features())
                if analysis.lemma and analysis.lemma != token.lemma_:
                    token.lemma_ = analysis.lemma
            elif token.tag_ in NONFINITE_FEATS:
                token.set_morph(NONFINITE_FEATS[token.tag_])

    def _analyse(self, token: Token, sent, pronouns, question: bool, *, past_frame: bool):
        subject, clause_start = _clause_context(token, sent, pronouns)
        opener = sent.doc[clause_start].text.lower() if clause_start < token.i else None
        verb_first = clause_start == token.i and not question
        conditional = verb_first or opener in conditional_words()
        first_word = next((t for t in sent if not t.is_punct and not t.is_space), None)
        return analyse_finite(token.text.lower(), token.lemma_, subject, conditional=conditional,
                              past_frame=past_frame,
                              sentence_initial=first_word is not None and first_word.i == token.i)

    def _lemma(self, token: Token, lower: str, tag: str) -> str:
        if tag.startswith("$") or token.is_punct or token.is_space or token.like_num:
            return token.text
        if tag in PARTICIPLE_TAGS:
            known = strong_participle_lemma(lower)
            if known:
                return known
            if self._lemmatize is not None:
                lemma = self._lemmatize(lower)
                if lemma != lower:
                    return lemma
            return weak_participle_lemma(lower) or lower
        if tag.startswith("V"):
            known = lexicon_lemma(lower)
            if known:
                return known
        elif tag == "APPRART" and lower in self.contractions:
            return self.contractions[lower]
        if self._lemmatize is None:
            return token.text
        if tag in ("NN", "NE"):
            return self._lemmatize(token.text)
        return self._lemmatize(lower if not tag.startswith("N") else token.text)


def _clause_context(token: Token, sent, pronouns: dict[str, Subject]) -> tuple[Subject, int]:
    """The subject pronoun of the verb's clause (if any) and the index where the clause starts."""
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
    return subject, start


def _simplemma():
    try:
        import simplemma
    except ImportError as err:
        raise ModelError("simplemma is not installed: pip install simplemma (sagte needs it for lemmas).") from err

    @lru_cache(maxsize=200_000)
    def lemmatize(word: str) -> str:
        return simplemma.lemmatize(word, lang="de")

    return lemmatize


def doc_lower(token: Token) -> str:
    return token.text.lower()


def _opens_sentence(token: Token, sent) -> bool:
    """Capitalised because it opens the sentence (or follows an opening quotation mark)."""
    prev = token.doc[token.i - 1] if token.i > sent.start else None
    return token.text[1:].islower() and (prev is None or prev.is_punct)


def _looks_like_e_form(lower: str, lemma: str) -> bool:
    return looks_like_e_form(lower, lemma)


def _clause_has_nonfinite(token: Token, sent) -> bool:
    """An infinitive or participle in the token's clause (``hat … gegessen``, ``will … kaufen``)."""
    doc = token.doc
    for step in (-1, 1):
        i = token.i + step
        while sent.start <= i < sent.end and doc[i].text not in CLAUSE_BREAKS:
            if doc[i].tag_ in NONFINITE_FEATS and not doc[i].tag_.endswith("IMP"):
                return True
            i += step
    return False


def _clause_has_finite(token: Token, sent) -> bool:
    doc = token.doc
    i = token.i - 1
    while i >= sent.start and doc[i].text not in CLAUSE_BREAKS:
        if doc[i].tag_ in FINITE_TAGS:
            return True
        i -= 1
    i = token.i + 1
    while i < sent.end and doc[i].text not in CLAUSE_BREAKS:
        if doc[i].tag_ in FINITE_TAGS:
            return True
        i += 1
    return False
