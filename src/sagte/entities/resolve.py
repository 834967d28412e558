"""Entities within one article, and the entity each statement's speaker refers to.

:func:`build_entities` groups name mentions into one :class:`EntityCluster` per referent:

* names from ``doc.ents`` (the NER stage), or, where a pipeline has none, person names found by
  rule (a known first name followed by capitalised words, and the names in speaker spans);
* a surname alone or in the genitive ("Trump", "Trumps") joins the person of that surname
  mentioned last (:func:`sagte.corpus.identity.name_key` folds the spelling);
* a role right before a name or in apposition after it ("Kreml-Sprecher Dmitrij Peskow",
  "Peskow, der Sprecher des Kremls,") becomes one of its ``roles``; a later definite role phrase
  ("der Kreml-Sprecher") is a mention of the person holding that role;
* a statement's speaker (and addressee) is resolved: a name to its entity, a pronoun ("er",
  "sie") to the closest preceding person of matching gender (the previous speaker first), a role
  phrase to the entity holding the role, and any other phrase ("ein Sprecher der Polizei",
  "das Präsidialbüro", "laut Kreml") to a new entity typed by its head noun. Continuations
  without a speaker (free indirect speech) inherit the speaker of the statement before.

Everything the rules read is language data under ``lang/de/`` (roles, given names, pronouns,
head nouns, determiners).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..corpus.identity import _acronym, alias_group, given_gender, name_key, name_parts, role_field, role_gender, role_head
from ..lang import load_list, load_table
from ..speech.lexicon import speech_lexicon
from .clusters import EntityCluster

_ENT_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "OTH": "MISC"}
_NAME_TAGS = frozenset({"NE", "NN", "FM", "XY"})
#: tags a first name gets from the tagger ("" where a pipeline has no tagger)
_FIRST_NAME_TAGS = frozenset({"NE", "FM", ""})
_MODIFIER_TAGS = frozenset({"ADJA", "ADJD", "CARD", "ADV"})
_DETERMINER_TAGS = frozenset({"ART", "ADJA", "PPOSAT", "APPRART", "PDAT"})
#: possessive determiners of a source phrase and the pronoun they stand for ("seiner Meinung nach")
_POSSESSIVE = {"seiner": "er", "seinen": "er", "seines": "er", "seinem": "er", "ihrer": "sie", "ihren": "sie", "ihres": "sie", "ihrem": "sie"}
_CONTINUATION_KINDS = frozenset({"free_indirect", "indirect_free_indirect"})
_INDEFINITE = frozenset({"ein", "eine", "einer", "eines", "einem", "einen"})
_GENITIVE_DET = frozenset({"der", "des"})
#: how far back (in sentences) a pronoun or a continuation looks for its speaker
_PRONOUN_WINDOW = 4


@lru_cache(maxsize=1)
def _pronouns() -> dict[str, dict[str, str]]:
    return {row["form"]: row for row in load_table("entities/pronouns.tsv")}


@lru_cache(maxsize=1)
def _determiners() -> frozenset[str]:
    return frozenset(load_list("entities/determiners.txt"))


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(load_list("names/particles.txt"))


@lru_cache(maxsize=1)
def _head_types() -> tuple[tuple[str, str], ...]:
    rows = [(row["ending"], row["type"]) for row in load_table("entities/head_nouns.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    return frozenset(row["role"] for row in load_table("roles.tsv"))


@lru_cache(maxsize=1)
def _noun_genders() -> tuple[tuple[str, str], ...]:
    rows = [(row["ending"], row["gender"]) for row in load_table("entities/noun_gender.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def noun_gender(noun: str) -> str | None:
    """Grammatical gender of a noun by its ending: 'f' (die Polizei), 'n' (das Ministerium), 'm'."""
    low = noun.lower()
    for ending, gender in _noun_genders():
        if low.endswith(ending):
            return gender
    return None


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(row["name"] for row in load_table("names/surnames.tsv"))


@lru_cache(maxsize=1)
def _source_nouns() -> tuple[str, ...]:
    return tuple(sorted((w.lower() for w in load_list("speech/source_nouns.txt")), key=len, reverse=True))


@lru_cache(maxsize=65536)
def head_type(noun: str) -> str | None:
    """PER / ORG for a head noun ("Sprecher" → PER, "Präsidialbüro" → ORG), None if unknown."""
    low = noun.lower()
    forms = [low] + [low[: -len(e)] for e in ("en", "n", "e", "s") if low.endswith(e) and len(low) - len(e) >= 3]
    for form in forms:  # plurals and case endings: "Menschenrechtsorganisationen", "Augenzeugen"
        for ending, type_ in _head_types():
            if form.endswith(ending):
                return type_
    if is_role_word(noun):
        return "PER"
    return None


@lru_cache(maxsize=65536)
def is_role_word(text: str) -> bool:
    """A noun that names a role or office of a person ("US-Präsident", "Kreml-Sprecher")."""
    if not text[:1].isupper() or not re.search(r"[a-zäöüß]$", text):
        return False
    if not (text in _roles() or role_gender(text) is not None or role_field(text) is not None):
        return False
    return not given_gender(text)


def _norm_head(head: str) -> str:
    """Strip a case ending from a role head ("sprechers" → "sprecher", "präsidenten" → "präsident")."""
    for ending in ("en", "s", "n"):
        if head.endswith(ending) and len(head) - len(ending) >= 4:
            return head[: -len(ending)]
    return head


def roles_match(a: str, b: str) -> bool:
    """Two role phrases name the same office: heads equal, or one a compound of the other
    ("Bundeskanzlerin" / "Kanzlerin"); case endings ignored."""
    ha, hb = role_head(a), role_head(b)
    if not ha or not hb:
        return False
    for x in {ha, _norm_head(ha)}:
        for y in {hb, _norm_head(hb)}:
            if x == y:
                return True
            short, long_ = sorted((x, y), key=len)
            if len(short) >= 5 and long_.endswith(short):
                return True
    return False


@dataclass
class _Entity:
    label: str
    mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    surname: str | None = None  # name key of the surname, PER only
    given: tuple[str, ...] = ()
    key: str = ""  # name key of the name (non-PER) or of the NP
    np_name: str | None = None  # the name of an entity made from a phrase ("Sprecher der Polizei")

    ends: list[int] = field(default_factory=list)  # mention ends, sorted
    seen: set[tuple[int, int]] = field(default_factory=set)  # (start, end) of the mentions

    def last_before(self, i: int) -> int:
        """End token of the last mention that ends at or before token ``i`` (-1 if none)."""
        k = bisect.bisect_right(self.ends, i)
        return self.ends[k - 1] if k else -1


class _Builder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.entities: list[_Entity] = []
        self.taken: dict[int, int] = {}  # token index -> entity index (name mentions)
        # token texts and tags once (a spaCy Token is costly to make in every loop)
        self.texts: list[str] = []
        self.tags: list[str] = []
        for tok in doc:
            self.texts.append(tok.text)
            self.tags.append(tok.tag_)
        self.sent_of: list[int] = [0] * len(doc)  # token index -> sentence number
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n

    # -- mentions ---------------------------------------------------------------------------
    def add_mention(self, e: int, span: Span) -> None:
        ent = self.entities[e]
        if (span.start, span.end) in ent.seen:
            return
        ent.seen.add((span.start, span.end))
        ent.mentions.append(span)
        bisect.insort(ent.ends, span.end)
        for i in range(span.start, span.end):
            self.taken.setdefault(i, e)

    def new_entity(self, label: str, span: Span, **kw) -> int:
        self.entities.append(_Entity(label=label, **kw))
        e = len(self.entities) - 1
        self.add_mention(e, span)
        return e

    def names(self) -> None:
        doc = self.doc
        spans = [(ent, _ENT_TYPES.get(ent.label_, "MISC")) for ent in doc.ents]
        if not spans:
            spans = [(s, "PER") for s in self._rule_person_names()]
        for span, label in sorted(spans, key=lambda x: x[0].start):
            span = self._trim_punct(span)
            span = self._strip_front(span) if span is not None and label == "PER" else span
            span = self._trim_genitive_owner(span) if span is not None and label == "PER" else span
            if span is None:
                continue
            if label != "PER" and self._person_named(span) is not None:
                label = "PER"  # the NER calls a person's name ORG or LOC once ("Gunnar Lade", "Kadatz")
            if label == "PER" and len(span) == 1:
                # a bare name the NER calls a person once but a place or organisation before ("Gransees")
                key = name_key(span.text)
                if not any(e.label == "PER" and e.surname == key for e in self.entities):
                    other = next((n for n, e in enumerate(self.entities) if e.label != "PER" and e.key == key), None)
                    if other is not None:
                        self.add_mention(other, span)
                        continue
            if label == "PER":
                self.add_person(span)
            else:
                key = name_key(span.text)
                if not key:
                    continue
                # the same name with another non-person label is the NER wavering, not another referent
                found = next((n for n, e in enumerate(self.entities) if e.label != "PER" and e.key == key), None)
                if found is None:  # "EU" after "Europäische Union", "UNO" after "Vereinte Nationen"
                    group = alias_group(span.text, label)
                    found = next((n for n, e in enumerate(self.entities) if e.label == label and e.mentions
                                  and (_acronym(span.text, e.mentions[0].text) or _acronym(e.mentions[0].text, span.text)
                                       or group is not None and alias_group(e.mentions[0].text, label) == group)), None)
                if found is None:
                    self.new_entity(label, span, key=key)
                else:
                    self.add_mention(found, span)

    def _trim_punct(self, span: Span) -> Span | None:
        start, end = span.start, span.end
        while start < end and self.doc[start].is_punct:
            start += 1
        while end > start and self.doc[end - 1].is_punct:  # "Rogner ." from the NER
            end -= 1
        return self.doc[start:end] if end > start else None

    def _trim_genitive_owner(self, span: Span) -> Span:
        """"Petrys Haupttrumpfkarte" → "Petrys": a name in the genitive ends a person's name."""
        doc = self.doc
        for i in range(span.start, span.end - 1):
            tok = doc[i]
            if tok.text.endswith(("s", "'", "’")) and not given_gender(tok.text) and doc[i + 1].tag_ == "NN" \
                    and not _capitalised_name(doc[i + 1]):
                return doc[span.start : i + 1]
        return span

    def _person_named(self, span: Span) -> int | None:
        """A person already found whose full name or surname this span is."""
        key = name_key(span.text)
        if not key:
            return None
        for n, e in enumerate(self.entities):
            if e.label == "PER" and e.surname and e.given and (key == e.surname or key == " ".join(e.given + (e.surname,))):
                return n
        return None

    def _strip_front(self, span: Span) -> Span | None:
        """A person's name without a role word or determiner at its front."""
        start = span.start
        while start < span.end - 1 and (self.doc[start].lower_ in _determiners() or is_role_word(self.doc[start].text)):
            start += 1
        out = self.doc[start : span.end]
        return out if out.text.strip() else None

    def _rule_person_names(self) -> list[Span]:
        """Without NER: a known first name followed by capitalised words ("Dmitrij Peskow")."""
        doc, out, i = self.doc, [], 0
        while i < len(doc):
            tok = doc[i]
            if tok.tag_ in _FIRST_NAME_TAGS and _capitalised(tok) and given_gender(tok.text) and not is_role_word(tok.text):
                j = i + 1
                while j < len(doc) and j - i < 5:
                    t = doc[j]
                    if j > i + 1 and doc[j - 1].text.endswith(("s", "'", "’")) and not given_gender(doc[j - 1].text) \
                            and (doc[j - 1].tag_ != "NE" or t.tag_ == "NN"):
                        break  # "Christian Gildes Wiederwahl": a genitive ends the name
                    if _capitalised(t) and not is_role_word(t.text) and t.tag_ in _NAME_TAGS | {""}:
                        j += 1
                    elif re.fullmatch(r"[A-ZÄÖÜ]\.", t.text):  # "J. D. Vance"
                        j += 1
                    elif t.lower_ in _particles() and j + 1 < len(doc) and _capitalised(doc[j + 1]):
                        j += 1
                    else:
                        break
                while j > i + 1 and (doc[j - 1].lower_ in _particles() or doc[j - 1].text.endswith(".")):
                    j -= 1
                if j > i + 1:
                    out.append(doc[i:j])
                    i = j
                    continue
            # a role right before a capitalised word: "Bürgermeister Lünser", "Ministerin Faeser"
            if tok.tag_ in {"NN", ""} and is_role_word(tok.text) and i + 1 < len(doc):
                nxt = doc[i + 1]
                if nxt.tag_ in _FIRST_NAME_TAGS | {"NN"} and _capitalised(nxt) and not is_role_word(nxt.text) \
                        and head_type(nxt.text) is None and nxt.lower_ not in _determiners():
                    j = i + 2
                    while j < len(doc) and j - i < 4 and doc[j].tag_ in _FIRST_NAME_TAGS | {"NN"} and _capitalised(doc[j]) \
                            and not is_role_word(doc[j].text) and head_type(doc[j].text) is None \
                            and not (doc[j - 1].text.endswith(("s", "'", "’")) and not given_gender(doc[j - 1].text)):
                        j += 1
                    out.append(doc[i + 1 : j])
                    i = j
                    continue
            i += 1
        return out

    def add_person(self, span: Span) -> int:
        parts = name_parts(span.text)
        if parts is None:
            return -1
        for i in range(span.start, span.end):
            if i in self.taken and self.entities[self.taken[i]].label == "PER":
                return self.taken[i]
        gender = None
        if parts.given and not parts.initials[0]:
            gender = given_gender(parts.shown_given[0].rstrip("."))
        best = None
        for n, e in enumerate(self.entities):
            if e.label != "PER" or e.surname != parts.surname:
                continue
            if parts.given and e.given:
                if not _given_compatible(parts, e.given):
                    continue
            if gender and e.gender and gender != e.gender:
                continue
            if best is None or e.last_before(span.start) > self.entities[best].last_before(span.start):
                best = n
        if best is None:
            best = self.new_entity("PER", span, surname=parts.surname, given=parts.given, gender=gender)
        else:
            self.add_mention(best, span)
            e = self.entities[best]
            if parts.given and len(parts.given) > len(e.given):
                e.given = parts.given
            e.gender = e.gender or gender
        self._roles_around(best, span)
        return best

    def _roles_around(self, e: int, span: Span) -> None:
        """Roles right before the name, and in apposition after it (", der Sprecher des Kremls,")."""
        doc, ent = self.doc, self.entities[e]
        if span.start > 0 and is_role_word(doc[span.start - 1].text):
            self._add_role(ent, doc[span.start - 1].text)
        k = span.end
        if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in _determiners():
            j = k + 2
            while j < len(doc) and doc[j].tag_ in _MODIFIER_TAGS:
                j += 1
            if j < len(doc) and is_role_word(doc[j].text):
                end = j + 1
                while end + 1 < len(doc) and doc[end].lower_ in _GENITIVE_DET | {"von", "vom"} and _capitalised(doc[end + 1]):
                    end += 2
                self._add_role(ent, doc[j:end].text)

    @staticmethod
    def _add_role(ent: _Entity, role: str) -> None:
        """Add a role; a longer form of one already there replaces it ("Bürgermeister" →
        "Bürgermeister von Mexiko-Stadt")."""
        for n, old in enumerate(ent.roles):
            if role == old or old.startswith(role + " "):
                break
            if role.startswith(old + " "):
                ent.roles[n] = role
                break
        else:
            ent.roles.append(role)
        if ent.gender is None:
            ent.gender = role_gender(role)

    def surnames(self) -> None:
        """A surname alone or in the genitive: the person of that surname mentioned last."""
        by_surname: dict[str, list[int]] = {}
        for n, e in enumerate(self.entities):
            if e.label == "PER" and e.surname:
                by_surname.setdefault(e.surname, []).append(n)
        if not by_surname:
            return
        doc, texts, tags = self.doc, self.texts, self.tags
        for i, text in enumerate(texts):
            # tags of names are unreliable: only a determiner or adjective in front rules one out
            if i in self.taken or (i > 0 and tags[i - 1] in _DETERMINER_TAGS) or not _cap_text(text):
                continue
            key = name_key(text)
            if key not in by_surname:
                continue
            cands = by_surname[key]
            before = [n for n in cands if self.entities[n].last_before(i) >= 0]
            pick = max(before, key=lambda n: self.entities[n].last_before(i)) if before else cands[0]
            self.add_mention(pick, doc[i : i + 1])

    def role_phrases(self) -> None:
        """"der Kreml-Sprecher": a definite role phrase is a mention of the person holding it."""
        doc, texts, tags = self.doc, self.texts, self.tags
        for i, text in enumerate(texts):
            if (tags[i] and tags[i] != "NN") or i in self.taken or not is_role_word(text):
                continue
            start = self._phrase_start(i)
            if start is None or texts[start - 1].lower() in _INDEFINITE:
                continue
            if i + 1 < len(doc) and i + 1 in self.taken:
                continue  # a role in front of a name, not a mention of its own
            e = self._holder(text, i)
            if e is not None:
                self.add_mention(e, doc[start : i + 1])

    def _phrase_start(self, i: int) -> int | None:
        """First modifier after the determiner of the phrase whose head is token ``i``."""
        j = i
        while j > 0 and self.tags[j - 1] in _MODIFIER_TAGS:
            j -= 1
        if j > 0 and self.texts[j - 1].lower() in _determiners():
            return j
        return None

    def _holder(self, role: str, i: int) -> int | None:
        """The person mentioned last before token ``i`` who holds ``role``."""
        best, best_pos = None, -1
        for n, e in enumerate(self.entities):
            if e.label == "PER" and any(roles_match(r, role) for r in e.roles):
                pos = e.last_before(i)
                if pos > best_pos:
                    best, best_pos = n, pos
        return best

    # -- speakers ---------------------------------------------------------------------------
    def speakers(self, statements: list) -> None:
        previous: int | None = None
        previous_sent = -1
        for st in statements:
            cluster = None
            if st.speaker is not None:
                cluster = self.resolve(st.speaker, previous=previous, previous_sent=previous_sent)
            elif st.kind in _CONTINUATION_KINDS and previous is not None:
                sent = self._sent_index(st.content[0].start) if st.content else -1
                if sent - previous_sent <= _PRONOUN_WINDOW:
                    cluster = previous
            st.speaker_cluster = cluster
            if st.addressee is not None:
                st.addressee_cluster = self.resolve(st.addressee, previous=None, previous_sent=-1, exclude=cluster)
            if cluster is not None:
                previous = cluster
                anchor = st.speaker.start if st.speaker is not None else (st.content[0].start if st.content else 0)
                previous_sent = self._sent_index(anchor)

    def _sent_index(self, i: int) -> int:
        if i < 0:
            return -1
        return self.sent_of[min(i, len(self.sent_of) - 1)] if self.sent_of else 0

    def resolve(self, span: Span, *, previous: int | None, previous_sent: int, exclude: int | None = None) -> int | None:
        """The entity a speaker (or addressee) span refers to; ``exclude`` is never a pronoun's
        referent (the speaker, for "sagte ihm")."""
        doc = self.doc
        tokens = [t for t in span if not t.is_punct]
        if not tokens:
            return None
        # "demnach" / "danach": the source named before
        if len(tokens) == 1 and "alone" in speech_lexicon().prep_cues.get(tokens[0].lower_, ()):
            return previous
        # a pronoun
        if len(tokens) == 1 and tokens[0].lower_ in _pronouns():
            return self._pronoun(tokens[0], previous=previous, previous_sent=previous_sent, exclude=exclude)
        # a name in front, then an apposition or "von …": "Marcelo Ebrard, der Bürgermeister von Mexiko-Stadt"
        lead = self._leading_name(span)
        if lead is not None:
            return lead
        # a role and then a name at the end of the span: "Human Rights Watch-Sprecher Malinowski"
        for n in range(len(tokens) - 1):
            if is_role_word(tokens[n].text) and all(
                    _capitalised(t) and not is_role_word(t.text) and head_type(t.text) is None and t.lower_ not in _GENITIVE_DET
                    for t in tokens[n + 1:]) and len(tokens) - n - 1 <= 4:
                taken = [self.taken[t.i] for t in tokens[n + 1:] if t.i in self.taken]
                if taken:
                    return taken[-1]
                person = self.add_person(doc[tokens[n + 1].i : tokens[-1].i + 1])
                if person >= 0:
                    self._add_role(self.entities[person], tokens[n].text)
                    return person
        # the phrase's head: after determiners and modifiers
        k = 0
        while k < len(tokens) and (tokens[k].lower_ in _determiners() or tokens[k].tag_ == "PPOSAT"
                                   or tokens[k].tag_ in _MODIFIER_TAGS and not tokens[k].text.isupper()):
            k += 1  # an acronym is never a modifier, whatever the tagger says ("EADS"/ADJD)
        if k >= len(tokens):
            return None
        # "Trumps Sprecherin …": a genitive owner in front of the role is not the head
        if k + 1 < len(tokens) and tokens[k].text.endswith(("s", "'", "’")) and _capitalised(tokens[k]) \
                and is_role_word(tokens[k + 1].text):
            k += 1
        head = tokens[k]
        indefinite = any(t.lower_ in _INDEFINITE for t in tokens[:k])
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        # a role followed by a name the name rules missed: "Sprecherin Karoline Leavitt"
        if is_role_word(head.text) and after is not None and after.i not in self.taken and _capitalised(after) \
                and not is_role_word(after.text) and after.lower_ not in _GENITIVE_DET:
            end = k + 1
            while end < len(tokens) and _capitalised(tokens[end]) and not is_role_word(tokens[end].text) and end - k <= 4:
                end += 1
            person = self.add_person(doc[after.i : tokens[end - 1].i + 1])
            if person >= 0:
                return person
        # a role in front of a name, or a name: the entity of the last person mention in the span
        mentioned = [self.taken[t.i] for t in tokens[k:] if t.i in self.taken]
        head_is_role = is_role_word(head.text) or head_type(head.text) == "PER"
        genitive_after = after is not None and after.lower_ in _GENITIVE_DET
        if mentioned and not (head_is_role and genitive_after) and not (head.i not in self.taken and head_type(head.text) == "ORG"):
            persons = [e for e in mentioned if self.entities[e].label == "PER"]
            return (persons or mentioned)[-1]
        # "nach eigenen Angaben": the subject named last in the sentence, else the last speaker;
        # "seiner Meinung nach": as "er"
        if head.lower_ in _source_nouns() and k > 0:
            lead_words = [t.lower_ for t in tokens[:k]]
            if any(w.startswith("eigen") for w in lead_words):
                return self._nearest_in_sentence(head.i) if self._nearest_in_sentence(head.i) is not None else previous
            possessive = next((w for w in lead_words if w in _POSSESSIVE), None)
            if possessive is not None:
                return self._pronoun(tokens[lead_words.index(possessive)], previous=previous, previous_sent=previous_sent,
                                     exclude=exclude, as_form=_POSSESSIVE[possessive])
        # a source noun: "Angaben der Polizei", "Angaben von AFP", "Polizeiangaben", "Celebis Angaben"
        low = head.lower_
        if after is not None and after.lower_ in _source_nouns() and head.text.endswith(("s", "'", "’")) and _capitalised(head):
            owner = doc[head.i : head.i + 1]
            if head.i in self.taken:
                return self.taken[head.i]
            if head.tag_ in _FIRST_NAME_TAGS or head.text.rstrip("s'’") in _surnames():
                person = self.add_person(owner)
                return person if person >= 0 else None
            return None
        for noun in _source_nouns():
            if low == noun and after is not None and after.lower_ in _GENITIVE_DET | {"von", "vom"} and k + 2 < len(tokens):
                return self.resolve(doc[tokens[k + 2].i : span.end], previous=None, previous_sent=-1)
            if low.endswith(noun) and len(low) - len(noun) >= 3 and low != noun:
                prefix = head.text[: len(head.text) - len(noun)].rstrip("-")
                type_ = head_type(prefix) or ("ORG" if prefix.isupper() and len(prefix) >= 2 else None)
                if type_ is None:
                    return None
                return self._entity_for(type_, name_key(prefix), doc[head.i : head.i + 1], name=prefix)
        if low in {n for n in _source_nouns()}:
            return None  # "eigenen Angaben": no one named
        # a role phrase: the person holding the role, unless indefinite ("ein Sprecher der Polizei")
        if head_is_role:
            if not indefinite and not genitive_after:
                holder = self._holder(head.text, head.i)
                if holder is not None:
                    self.add_mention(holder, self._np(span, k))
                    return holder
                # an epithet for the last speaker: "Trump sagte … Der Republikaner fügte hinzu, …"
                if k > 0 and previous is not None and self.entities[previous].label == "PER" \
                        and self._sent_index(head.i) - previous_sent <= 2 \
                        and role_gender(head.text) in (None, self.entities[previous].gender) \
                        and not self.entities[previous].np_name:
                    self.add_mention(previous, self._np(span, k))
                    return previous
            np = self._np(span, k)
            return self._entity_for("PER", name_key(np.text), np, name=np.text, roles=[head.text])
        # a bare capitalised word without determiner: a person's surname ("sagte Gall")
        if k == 0 and _capitalised(head) and head_type(head.text) is None and len(tokens) <= 3 \
                and all(t.tag_ in _FIRST_NAME_TAGS or t.text in _surnames() for t in tokens[k:]):
            person = self.add_person(doc[head.i : tokens[-1].i + 1])
            return person if person >= 0 else None
        # a name of capitalised words or an acronym without determiner: an organisation ("EADS",
        # "Human Rights Watch"); a bare word of no known type ("Folter", "Danach") is no one
        if k == 0 and head_type(head.text) is None:
            caps = all(t.text[:1].isupper() for t in tokens)
            if caps and (len(tokens) >= 2 or (head.text.isupper() and len(head.text) >= 2)):
                return self._entity_for("ORG", name_key(span.text), doc[tokens[0].i : tokens[-1].i + 1], name=doc[tokens[0].i : tokens[-1].i + 1].text)
            return None
        np = self._np(span, k)
        type_ = head_type(head.text) or "ORG"
        return self._entity_for(type_, name_key(np.text), np, name=np.text)

    def _leading_name(self, span: Span) -> int | None:
        """A person's name at the front of a speaker span followed by an apposition or "von …"."""
        doc = self.doc
        i, end = span.start, span.end
        if i >= end or doc[i].lower_ in _determiners() or not _capitalised(doc[i]):
            return None
        j = i
        while j < end and j - i < 4 and (_capitalised(doc[j]) or re.fullmatch(r"[A-ZÄÖÜ]\.", doc[j].text)) \
                and not is_role_word(doc[j].text) and head_type(doc[j].text) is None:
            j += 1
        if j == i or j >= end or not (doc[j].text == "," or doc[j].lower_ in {"von", "vom", "aus"}):
            return None
        run = doc[i:j]
        if not (given_gender(run[0].text) or run[-1].text in _surnames()
                or any(t.tag_ in {"NE", "FM"} for t in run) and len(run) >= 2):
            return None
        if any(t.i in self.taken for t in run):
            return next(self.taken[t.i] for t in run if t.i in self.taken)
        person = self.add_person(run)
        if person < 0:
            return None
        # ", der Bürgermeister von Mexiko-Stadt" / ", einem Manager der Firma"
        k = j + 1 if doc[j].text == "," else j
        while k < end and (doc[k].lower_ in _determiners() or doc[k].tag_ in _MODIFIER_TAGS):
            k += 1
        if k < end and is_role_word(doc[k].text):
            stop = k + 1
            while stop < end and doc[stop].text not in {",", "(", ")"}:
                stop += 1
            self._add_role(self.entities[person], doc[k:stop].text)
        return person

    def _np(self, span: Span, k: int) -> Span:
        """The speaker phrase without its leading determiners (modifiers kept)."""
        tokens = [t for t in span if not t.is_punct]
        start = tokens[0].i
        while start < span.end - 1 and self.doc[start].lower_ in _determiners():
            start += 1
        end = tokens[-1].i + 1
        return self.doc[start:end]

    def _phrase_entity(self, span: Span, tokens: list[Token]) -> int | None:
        if not tokens:
            return None
        mentioned = [self.taken[t.i] for t in tokens if t.i in self.taken]
        if mentioned:
            return mentioned[-1]
        np = self._np(span, 0)
        head = next((t for t in tokens if t.lower_ not in _determiners() and t.tag_ not in _MODIFIER_TAGS), tokens[-1])
        return self._entity_for(head_type(head.text) or "ORG", name_key(np.text), np, name=np.text)

    def _entity_for(self, label: str, key: str, span: Span, *, name: str, roles: list[str] | None = None) -> int | None:
        if not key:
            return None
        for n, e in enumerate(self.entities):
            if e.label == label and (e.key == key or (label != "PER" and e.surname is None and name_key(_entity_name(e)) == key)):
                self.add_mention(n, span)
                return n
        e = self.new_entity(label, span, key=key, np_name=name)
        for role in roles or []:
            if is_role_word(role):
                self._add_role(self.entities[e], role)
        return e

    def _nearest_in_sentence(self, i: int) -> int | None:
        """The entity mentioned last before token ``i`` in its sentence (a pronoun mention excluded)."""
        sent = self._sent_index(i)
        best, best_end = None, -1
        for n, e in enumerate(self.entities):
            for m in e.mentions:
                if m.end <= i and self._sent_index(m.start) == sent and m.end > best_end and m.text.lower() not in _pronouns():
                    best, best_end = n, m.end
        return best

    def _pronoun(self, tok: Token, *, previous: int | None, previous_sent: int, exclude: int | None = None,
                 as_form: str | None = None) -> int | None:
        """``as_form``: resolve a possessive ("seiner") as the personal pronoun it stands for ("er")."""
        row = _pronouns()[as_form or tok.lower_]
        if row["kind"] == "generic":
            return None
        gender = row["gender"] or None
        sent = self._sent_index(tok.i)
        excluded = self.entities[exclude] if exclude is not None else None

        def fits(e: _Entity) -> bool:
            # a phrase entity without a role ("Konservative", "Augenzeugen") may be a group: not "er"/"sie"
            return e is not excluded and e.label == "PER" and (gender is None or e.gender in (None, gender)) \
                and not (e.np_name and not e.roles)

        if previous is not None and fits(self.entities[previous]) and sent - previous_sent <= _PRONOUN_WINDOW:
            # the last speaker, unless a person of the pronoun's gender came between
            chosen = previous
            last_prev = self.entities[previous].last_before(tok.i)
            for n, e in enumerate(self.entities):
                if n != previous and fits(e) and gender and e.gender == gender and self.entities[previous].gender != gender:
                    if e.last_before(tok.i) > last_prev:
                        chosen = n
            self.add_mention(chosen, self.doc[tok.i : tok.i + 1])
            return chosen
        best, best_pos = None, -1
        earlier = [n for n, e in enumerate(self.entities) if fits(e) and e.last_before(tok.i) >= 0]
        if len(earlier) == 1:  # the only person it can be, however far back
            self.add_mention(earlier[0], self.doc[tok.i : tok.i + 1])
            return earlier[0]
        for n, e in enumerate(self.entities):
            if not fits(e):
                continue
            pos = e.last_before(tok.i)
            if pos < 0 or sent - self._sent_index(pos - 1) > _PRONOUN_WINDOW:
                continue
            # a person whose gender is known to match beats a closer one of unknown gender
            score = (gender is not None and e.gender == gender, pos)
            if best is None or score > best_pos:
                best, best_pos = n, score
        if best is None:
            best = self._organisation_for(as_form or tok.lower_, tok.i, sent)
        if best is not None and as_form is None:
            self.add_mention(best, self.doc[tok.i : tok.i + 1])
        return best

    def _organisation_for(self, form: str, i: int, sent: int) -> int | None:
        """No person fits: "sie" for "die Polizei", "es" for "das Ministerium", "er" for "der Konzern"
        (grammatical gender of the organisation's head noun), mentioned last within the window."""
        want = {"er": "m", "sie": "f", "es": "n"}.get(form)
        if want is None:
            return None
        best, best_pos = None, -1
        for n, e in enumerate(self.entities):
            if e.label not in ("ORG",) or not e.mentions:
                continue
            head = _entity_name(e).split()[-1]
            if noun_gender(head) != want:
                continue
            pos = e.last_before(i)
            if pos > best_pos and sent - self._sent_index(pos - 1) <= 2:
                best, best_pos = n, pos
        return best

    # -- result -----------------------------------------------------------------------------
    def finish(self, statements: list) -> list[EntityCluster]:
        order = sorted((n for n, e in enumerate(self.entities) if e.mentions), key=lambda n: min(m.start for m in self.entities[n].mentions))
        index = {old: new for new, old in enumerate(order)}
        for st in statements:
            st.speaker_cluster = index.get(st.speaker_cluster) if st.speaker_cluster is not None else None
            st.addressee_cluster = index.get(st.addressee_cluster) if st.addressee_cluster is not None else None
        out = []
        for n in order:
            e = self.entities[n]
            mentions = sorted(e.mentions, key=lambda m: (m.start, m.end))
            out.append(EntityCluster(name=_entity_name(e), label=e.label, mentions=mentions, roles=list(e.roles), gender=e.gender))
        return out


def _entity_name(e: _Entity) -> str:
    """The most complete name: the name mention with most tokens, nominative preferred; the
    phrase for an entity made from a speaker phrase ("Sprecher der Polizei")."""
    names = [m for m in e.mentions if m.text.lower() not in _pronouns()]
    if e.label == "PER":
        if not e.surname:
            return e.np_name or (names or e.mentions)[0].text
        names = [m for m in names if name_key(m.text).split()[-1:] == [e.surname]] or names
    elif e.np_name:
        return e.np_name
    if not names:
        return e.mentions[0].text
    most = max(len(m) for m in names)
    longest = [m for m in names if len(m) == most]
    plain = [m for m in longest if not m.text.endswith(("s", "'", "’"))]
    if plain:
        return plain[0].text
    text = longest[0].text
    # only a genitive was seen: "Trumps" is Trump where the surnames lexicon knows the bare form
    words = text.split()
    bare = words[-1].rstrip("'’")
    bare = bare[:-1] if bare.endswith("s") and not words[-1].endswith(("'", "’")) else bare
    if e.label == "PER" and (bare in _surnames() or given_gender(bare)):
        return " ".join(words[:-1] + [bare])
    return text


_NAME_WORD = re.compile(r"[A-ZÄÖÜ][\w'’-]*[a-zäöüß]")


def _capitalised_name(tok: Token) -> bool:
    """A word that looks like a name rather than a noun: tagged NE, or a known first name or surname."""
    return tok.tag_ == "NE" or bool(given_gender(tok.text)) or tok.text in _surnames()


def _capitalised(tok: Token) -> bool:
    return _cap_text(tok.text)


def _cap_text(text: str) -> bool:
    return text[:1].isupper() and (text.isalpha() or _NAME_WORD.fullmatch(text) is not None)


def _given_compatible(parts, given: tuple[str, ...]) -> bool:
    """First (and second) given names agree; an initial agrees with a name of its letter."""
    for a, b in zip(parts.given[:2], given[:2]):
        if len(a) == 1 or len(b) == 1:
            if a[:1] != b[:1]:
                return False
        elif a != b:
            return False
    return True


def build_entities(doc: Doc) -> list[EntityCluster]:
    """The article's entities; sets ``speaker_cluster``/``addressee_cluster`` on its statements."""
    statements = doc._.sagte_statements or []
    builder = _Builder(doc)
    builder.names()
    builder.surnames()
    builder.role_phrases()
    builder.speakers(statements)
    return builder.finish(statements)
