"""The speech stage's language data, loaded once from ``lang/de/speech/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang import load_list, load_table

#: a learned cue lemma counts when seen this often in train …
MIN_CUE_COUNT = 1
#: … and when at least this share of its occurrences in train were cues (tuned on dev)
MIN_CUE_RATE = 0.1
#: a verb carries reported speech when it did so this often in train, at this rate (tuned on dev)
MIN_REPORTED_COUNT = 2
MIN_REPORTED_RATE = 0.2


@dataclass(frozen=True)
class SpeechLexicon:
    cue_medium: dict[str, str | None]  # verb lemma -> medium
    cue_rate: dict[str, float]
    particles: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    genitive_links: frozenset[str]
    adjuncts: frozenset[str]
    source_nouns: frozenset[str]
    prep_cues: dict[str, tuple[str, ...]]  # word -> positions (before / after / alone)
    non_names: frozenset[str]  # lowercase words whose capitalised form opens sentences, not names
    reported: frozenset[str]  # verb lemmas of reported speech ("fordern", "sprechen")
    reported_requires: dict[str, str]  # lemma -> word its clause must hold ("sprechen" -> "von")
    addressee_verbs: frozenset[str] = frozenset()  # verbs whose object is the addressee ("vorwerfen")
    object_determiners: frozenset[str] = frozenset()  # "dem", "den": an object, never a subject
    object_pronouns: frozenset[str] = frozenset()  # "ihm", "ihnen": whom words were addressed to
    expletives: frozenset[str] = frozenset()  # "es" in "Es wird angenommen, dass …": no speaker

    def is_cue_lemma(self, lemma: str) -> bool:
        return lemma in self.cue_medium


@lru_cache(maxsize=1)
def speech_lexicon() -> SpeechLexicon:
    medium: dict[str, str | None] = {}
    rate: dict[str, float] = {}
    learned = {row["lemma"]: row for row in load_table("speech/cues.tsv")}
    for row in load_table("speech/cue_verbs_seed.tsv"):
        # a seed verb counts unless train shows it is rarely a cue ("sehen", "finden")
        if row["lemma"] in learned and float(learned[row["lemma"]]["rate"]) < MIN_CUE_RATE:
            continue
        medium[row["lemma"]] = row["medium"] or None
        rate[row["lemma"]] = 1.0
    prep: dict[str, tuple[str, ...]] = {}
    for row in load_table("speech/prepositional_cues.tsv"):
        prep[row["cue"]] = prep.get(row["cue"], ()) + (row["position"],)
    for row in load_table("speech/cues.tsv"):
        lemma = row["lemma"]
        if lemma in prep or int(row["count"]) < MIN_CUE_COUNT or float(row["rate"]) < MIN_CUE_RATE:
            continue
        if lemma not in medium:
            medium[lemma] = row["medium"] or None
        rate[lemma] = max(rate.get(lemma, 0.0), float(row["rate"]))
    words = load_table("speech/np_words.tsv")
    return SpeechLexicon(
        cue_medium=medium,
        cue_rate=rate,
        particles=frozenset(load_list("speech/particles.txt")),
        determiners=frozenset(r["word"] for r in words if r["class"] == "det"),
        pronouns=frozenset(r["word"] for r in words if r["class"] == "pron"),
        genitive_links=frozenset(r["word"] for r in words if r["class"] == "gen"),
        adjuncts=frozenset(load_list("speech/adjuncts.txt")),
        source_nouns=frozenset(load_list("speech/source_nouns.txt")),
        prep_cues=prep,
        non_names=frozenset(load_list("speech/non_names.txt")),
        reported=frozenset(
            r["lemma"] for r in load_table("speech/reported_verbs.tsv")
            if int(r["count"]) >= MIN_REPORTED_COUNT and float(r["rate"]) >= MIN_REPORTED_RATE
        ),
        reported_requires={r["lemma"]: r["word"] for r in load_table("speech/reported_requires.tsv")},
        addressee_verbs=frozenset(load_list("speech/addressee_verbs.txt")),
        object_determiners=frozenset(r["word"] for r in words if r["class"] == "obj_det"),
        object_pronouns=frozenset(r["word"] for r in words if r["class"] == "obj_pron"),
        expletives=frozenset(r["word"] for r in words if r["class"] == "expletive"),
    )


@lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    """Lowercased lemma (simplemma), cached."""
    import simplemma

    return simplemma.lemmatize(word, lang="de").lower()
