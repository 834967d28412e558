"""Finding cues and the phrases around them: the speech verb (with its particle and
auxiliary), its subject, its addressee, and the speech act of a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from . import clauses as cl
from .lexicon import SpeechLexicon, lemma_of
from .phrases import is_dative, phrase_left, phrase_right, skip_adjuncts
from .quotes import QuotePair

#: a cue verb with no clause of its own reports speech when train saw it as a cue this often
MIN_REPORTED_CUE_RATE = 0.5
#: tags that open a noun phrase in the first position of a clause (its subject, mostly)
VORFELD_SUBJECT_TAGS = frozenset({"ART", "NE", "NN", "PPOSAT", "PIAT", "PIDAT", "PDAT", "ADJA"})
#: how far (in tokens) a speech act's verb may stand from its quotation
MAX_SPEECH_ACT_SPAN = 40
#: prepositions that name the source of a passive frame ("in einem Bericht", "von der Polizei")
PASSIVE_SOURCE_PREPOSITIONS = frozenset({"in", "im", "von", "vom", "seitens"})
#: words allowed between a source and the colon of a verbless frame ("wörtlich", "nach der Festnahme")
MAX_COLON_TAIL = 4


def subject_only(phrase: Span | None, lex: SpeechLexicon) -> Span | None:
    """The phrase, unless its determiner marks an object ("dem Sender", "den USA")."""
    return None if phrase is None or phrase[0].lower_ in lex.object_determiners else phrase


@dataclass
class Cue:
    """A cue: its tokens (verb, particle, auxiliary or "wie"), lemma and medium."""

    tokens: list[int]  # token indices of the cue (verb, particle)
    lemma: str
    medium: str | None
    any_verb: bool = False  # a verb outside the cue lexicon, taken for where it stands


class CueFinder:
    """Cue and speaker finding shared by the extraction passes (a mixin of SpeechExtractor)."""

    def _subject(self, doc, sent: Span, lex) -> Span | None:
        """The phrase before a sentence's first finite verb, or right after it."""
        end = cl.content_end(doc, sent)
        verb = next((i for i in range(sent.start, end) if doc[i].tag_.endswith("FIN")), None)
        if verb is None:
            return None
        if doc[sent.start].tag_ in VORFELD_SUBJECT_TAGS:
            # "Sadiq Khan, einer der Abgeordneten, die den Brief unterschrieben, verurteilte …"
            first = subject_only(phrase_right(doc, sent.start, end, lex), lex)
            if first is not None and not is_dative(first) and first.end < end and (first.end == verb or doc[first.end].text == ","):
                return first
        left = phrase_left(doc, verb, sent.start, lex)
        if left is not None and not is_dative(left) and left[0].tag_ != "PDS":
            return left
        return subject_only(phrase_right(doc, skip_adjuncts(doc, verb + 1, end, lex), cl.clause_end(doc, verb + 1, end), lex), lex)

    def _sentence_subject(self, doc, sent: Span, pair: QuotePair, lex) -> Span | None:
        """The subject of the sentence around a quotation: the phrase before its first finite
        verb, or right after it when something else stands first."""
        end = cl.content_end(doc, sent)
        verb = next((i for i in range(sent.start, end) if doc[i].tag_.endswith("FIN") and not pair.open <= i <= pair.close), None)
        if verb is None or verb > pair.open:
            return None
        left = phrase_left(doc, verb, sent.start, lex)
        if left is not None and not is_dative(left) and left[0].tag_ not in {"PDS"}:
            return left
        return subject_only(phrase_right(doc, skip_adjuncts(doc, verb + 1, pair.open, lex), pair.open, lex), lex)

    def _addressee(self, doc, start: int, end: int, lex, *, speaker: Span | None = None, cue: Cue | None = None) -> Span | None:
        """Whom the words were addressed to, within a frame ``[start, end)``: "gegenüber der
        Presse", "der Zeitung gegenüber", "sagte Putin zu Trump", "in einem Interview mit X",
        "vor Journalisten", or a dative right after the cue verb when the subject stands
        before it ("Die Botschaft teilte dem Sender CNN mit")."""
        taken = set(range(speaker.start, speaker.end)) if speaker is not None else set()
        for i in range(start, end):
            if i in taken:
                continue
            low = doc[i].lower_
            if low in {"gegenüber", "zu"} or (low == "mit" and i > 0 and doc[i - 1].lower_.startswith("interview")) or (
                    low == "vor" and i + 1 < end and doc[i + 1].lower_ in {"der", "journalisten", "reportern", "medienvertretern"}):
                found = phrase_right(doc, i + 1, end, lex, apposition=False)
                if found is not None and not taken & set(range(found.start, found.end)) and not found[0]._.sagte_time_token:
                    if low != "zu" or any(t.tag_ in {"NE", "PPER"} or t.text[:1].isupper() for t in found):
                        return found
            if low == "gegenüber" and i > start:
                found = phrase_left(doc, i, start, lex, need_edge=False)
                if found is not None and not taken & set(range(found.start, found.end)):
                    return found
        if cue is not None and speaker is not None and cue.lemma in lex.addressee_verbs:
            # "warf der Regierung vor", "forderte die Stadt auf", "bat ihn": the verb's object
            j = cue.tokens[0] + 1
            if not (j < end and doc[j].lower_ in lex.object_pronouns):
                j = skip_adjuncts(doc, j, end, lex)
            while j < end and j in taken:
                j = skip_adjuncts(doc, j + 1, end, lex)
            found = None if j >= end else doc[j : j + 1] if doc[j].lower_ in lex.object_pronouns else phrase_right(
                doc, j, end, lex, apposition=False)
            if found is not None and not taken & set(range(found.start, found.end)) and (
                    found[0].lower_ in lex.object_pronouns
                    or found[0].lower_ in lex.determiners and found[0].tag_ == "ART" and found[-1].tag_ in {"NN", "NE"}):
                return found
        if cue is not None and speaker is not None and speaker.end <= cue.tokens[0]:
            j = cue.tokens[0] + 1
            if j < end and doc[j].lower_ in {"dem", "einem", "der", "den"} and doc[j].tag_ in {"ART", ""}:
                found = phrase_right(doc, j, end, lex, apposition=False)
                if found is not None and found[-1].tag_ in {"NN", "NE", ""}:
                    return found
        return None

    def _cue_at(self, doc: Doc, i: int, clause_end: int, lex: SpeechLexicon) -> Cue | None:
        """The cue whose verb is token ``i`` (its particle searched up to ``clause_end``),
        with its auxiliary ("hat … angekündigt", "gesagt hatte", "wird … zitiert")."""
        cue = self._bare_cue_at(doc, i, clause_end, lex)
        if cue is None or doc[i].tag_ not in {"VVPP", "VVINF", "VVIZU", "VVFIN"}:
            return cue
        clause_start = cl.clause_start(doc, i, doc[i].sent.start)
        if doc[i].tag_ == "VVFIN" and not (i + 1 < clause_end and doc[i + 1].tag_ in {"VAFIN", "VMFIN"}):
            return cue  # a finite cue verb needs no auxiliary
        aux = next((j for j in (i + 1, i + 2) if j < clause_end and doc[j].tag_ in {"VAFIN", "VMFIN"}), None)
        if aux is None:
            aux = next((j for j in range(i - 1, clause_start - 1, -1) if doc[j].tag_ in {"VAFIN", "VMFIN"}), None)
        if aux is None:
            return cue
        return Cue(sorted({aux, *cue.tokens}), cue.lemma, cue.medium)

    def _bare_cue_at(self, doc: Doc, i: int, clause_end: int, lex: SpeechLexicon) -> Cue | None:
        tok = doc[i]
        if not tok.is_alpha or tok.text[:1].isupper() and not tok.is_sent_start:
            return None
        if tok.tag_ and not tok.tag_.startswith("V"):
            return None
        lemma = tok.lemma_.lower() if tok.lemma_ and tok.tag_ else lemma_of(tok.text)
        if i > 0 and doc[i - 1].lower_ in lex.particles and doc[i - 1].tag_ in {"", "PTKVZ", "ADJD", "ADV"}:
            joined = doc[i - 1].lower_ + lemma
            if lex.is_cue_lemma(joined):
                return Cue([i - 1, i], joined, lex.cue_medium[joined])
        last = doc[clause_end - 1] if clause_end - 1 > i else None
        if last is not None and last.lower_ in lex.particles:
            joined = last.lower_ + lemma
            if lex.is_cue_lemma(joined):
                return Cue([i, last.i], joined, lex.cue_medium[joined])
        if lemma == "heißen":
            # only "heißt es" / "es hieß" reports speech ("das Projekt heißt …" does not)
            es = next((j for j in (i - 1, i + 1) if 0 <= j < len(doc) and doc[j].lower_ == "es"), None)
            return Cue(sorted([i, es]), lemma, None) if es is not None else None
        if lex.is_cue_lemma(lemma):
            return Cue([i], lemma, lex.cue_medium[lemma])
        return None

    def _verb_cue(self, doc, verb: int, clause_end: int, lex, *, closing: bool = False) -> Cue:
        """Any finite verb as a cue, with its separable particle at the clause's end
        ("fuhr … fort", "fügte … hinzu"), and with ``closing`` the infinitive, participle or
        predicative adjective there too ("ließ … verlauten", "zeigte sich … zufrieden"): for
        frames that a colon or a quotation marks."""
        cue = self._cue_at(doc, verb, clause_end, lex)
        if cue is not None:
            return cue
        last = doc[clause_end - 1] if clause_end - 1 > verb else None
        closers = {"PTKVZ", "VVINF", "VVPP", "ADJD"} if closing else {"PTKVZ"}
        tokens = [verb, last.i] if last is not None and last.tag_ in closers else [verb]
        if closing and verb + 1 < clause_end and doc[verb + 1].tag_ == "PRF":
            tokens.insert(1, verb + 1)  # "zeigte sich … zufrieden"
        lemma = (last.lower_ if len(tokens) > 1 and last.tag_ == "PTKVZ" else "") + doc[verb].lemma_.lower()
        return Cue(tokens, lemma, lex.cue_medium.get(lemma))

    def _with_als(self, doc, cue: Cue, quote: int) -> Cue:
        """"bezeichnete die Pläne als „maßvoll“": the "als" before a quotation belongs to the cue."""
        als = next((j for j in range(quote - 1, max(cue.tokens[-1], quote - 3), -1) if doc[j].lower_ == "als"), None)
        return Cue(sorted({*cue.tokens, als}), cue.lemma, cue.medium) if als is not None else cue

    def _with_words(self, doc, cue: Cue, start: int, end: int) -> Cue:
        """"kommentierte mit folgenden Worten: „…“": "mit … Worten" belongs to the cue."""
        for j in range(start, end - 2):
            if doc[j].lower_ == "mit" and doc[j + 2].lower_ == "worten":
                return Cue(sorted({*cue.tokens, j, j + 1, j + 2}), cue.lemma, cue.medium)
        return cue

    def _colon_source(self, doc, start: int, colon: int, lex) -> Span | None:
        """The source named before a colon with no verb: "BKA-Präsident Ziercke: „…“",
        "Koppelin wörtlich: „…“", "Ein Beamter der Polizei nach der Festnahme: „…“"."""
        words = doc[start:colon]
        if not len(words) or any(t.tag_.startswith("V") and t.text[:1].islower() or t.text in cl.SENT_END for t in words):
            return None
        found = phrase_right(doc, start, colon, lex)
        if found is None or found.start != start or colon - found.end > MAX_COLON_TAIL:
            return None
        if len(found) == 1 and found[0].tag_ in {"PPER", "PIS", "PDS", "PRELS"} or found[0].lower_ in lex.non_names:
            return None
        return found

    def _past_apposition(self, doc, verb: int, clause_end: int, end: int, lex) -> int:
        """The end of a verb's clause when its subject, right after the verb, carries an
        apposition between commas; else ``clause_end``."""
        subject = phrase_right(doc, skip_adjuncts(doc, verb + 1, clause_end, lex), end, lex)
        if subject is None or subject.end <= clause_end or doc[subject.end - 1].text == ",":
            return clause_end
        after = subject.end + 1 if subject.end < end and doc[subject.end].text == "," else subject.end
        return cl.clause_end(doc, after, end) if after > clause_end else clause_end

    def _dass_cue(self, doc, i, clause_end, end, lex) -> Cue | None:
        """A full verb outside the lexicon that takes a "dass" clause in Konjunktiv ("gestand
        ein, dass die Regierung überwältigt worden sei"): a cue of lower confidence."""
        tok = doc[i]
        if tok.tag_ != "VVFIN" or clause_end + 1 >= end or doc[clause_end].text != ",":
            return None
        if doc[clause_end + 1].lower_ not in {"dass", "daß"}:
            return None
        follow = doc[clause_end + 1 : cl.clause_end(doc, clause_end + 2, end)]
        if not any(t._.sagte_mood in {"sub1", "sub2"} for t in follow):
            return None
        last = doc[clause_end - 1]
        tokens = [i, last.i] if last.i > i and last.tag_ == "PTKVZ" else [i]
        return Cue(tokens, tok.lemma_.lower(), None)

    def _first_cue(self, doc, start, end, lex) -> Cue | None:
        for i in range(start, end):
            cue = self._cue_at(doc, i, end, lex)
            if cue is not None:
                return cue
        return None

    def _last_cue(self, doc, start, end, lex, used) -> Cue | None:
        for i in range(end - 1, start - 1, -1):
            if i in used:
                continue
            cue = self._cue_at(doc, i, end, lex)
            if cue is not None:
                return cue
        return None

    def _speaker_around(self, doc, cue: Cue, clause_start: int, clause_end: int, lex) -> Span | None:
        """Subject before the cue verb (X sagte) or after it (Dazu sagte X / sagte X)."""
        verb = cue.tokens[0]
        if cue.lemma == "heißen":
            # "In einem Papier des Ministeriums heißt es, …": the source is the place it says so
            for j in range(clause_start, clause_end - 1):
                if doc[j].lower_ in {"in", "im", "aus"}:
                    found = phrase_right(doc, j + 1, clause_end, lex)
                    if found is not None:
                        return found
            return None
        right_end = cue.tokens[1] if len(cue.tokens) > 1 else cl.content_end(doc, doc[verb].sent)
        if clause_start == verb and verb > 0 and doc[verb - 1].text == ",":
            clause_start = doc[verb].sent.start  # "X, Sprecher der Y, sagte": look past the apposition
        left = phrase_left(doc, verb, clause_start, lex)
        if left is not None and not is_dative(left) and left[0].tag_ != "PDS":
            return left
        if left is None and clause_start < verb and doc[clause_start].tag_ in VORFELD_SUBJECT_TAGS:
            # "Der Fraktionschef im Landtag, Jan Roth, hatte Lenz aufgefordert": the phrase that
            # opens the clause is its subject, even where it does not reach the verb
            first = subject_only(phrase_right(doc, clause_start, verb, lex), lex)
            if first is not None and not is_dative(first):
                return first
        # "teilte dem Sender mit", "war den USA vorgeworfen worden": an object, not a subject
        right = subject_only(phrase_right(doc, skip_adjuncts(doc, verb + 1, right_end, lex), right_end, lex), lex)
        if right is None and left is None and clause_start < verb:
            first = doc[clause_start]
            if first.tag_ in {"PRELS", "PDS"}:
                return doc[clause_start : clause_start + 1]  # "…, der betonte, …"
            if first.tag_ == "KOUS":
                # "Nachdem die Anwältin dem Richter mitgeteilt hatte, …"
                found = phrase_right(doc, clause_start + 1, verb, lex)
                if found is not None and not is_dative(found):
                    return found
        if right is None and left is None:
            # "X hat … angekündigt" / "Hat X … erklärt": the subject stands by the auxiliary
            aux = next((j for j in range(verb - 1, clause_start - 1, -1) if doc[j].tag_ in {"VAFIN", "VMFIN"}), None)
            if aux is not None:
                left = phrase_left(doc, aux, clause_start, lex)
                if left is None or is_dative(left):
                    right = phrase_right(doc, skip_adjuncts(doc, aux + 1, verb, lex), verb, lex)
        if right is None and left is None and self._passive(doc, cue, clause_start, clause_end):
            # "In einem Bericht der Zeitung wurde vermutet, …" / "Von den Behörden wird
            # angenommen, …": a passive frame names its source in a phrase with in/von
            for j in range(clause_start, clause_end - 1):
                if doc[j].lower_ in PASSIVE_SOURCE_PREPOSITIONS:
                    found = phrase_right(doc, j + 1, clause_end, lex)
                    if found is not None:
                        return found
        return right if right is not None else left

    def _passive(self, doc, cue: Cue, clause_start: int, clause_end: int) -> bool:
        """A cue participle with a form of "werden" in its clause ("wurde vermutet")."""
        return any(doc[t].tag_ == "VVPP" for t in cue.tokens) and any(
            doc[j].tag_.startswith("VA") and doc[j].lemma_.lower() == "werden" for j in range(clause_start, clause_end))

    def _reported_lemma(self, doc, verb: int, clause_end: int, lex) -> str | None:
        tok = doc[verb]
        if tok.tag_ in {"VAFIN", "VMFIN"}:
            # "hat … angekündigt" / "will … ausweiten": the verb at the clause's end decides
            main = next((j for j in range(clause_end - 1, verb, -1) if doc[j].tag_ in {"VVPP", "VVINF"}), None)
            if main is None:
                return None
            if tok.tag_ == "VMFIN":
                return None
            cue = self._bare_cue_at(doc, main, clause_end, lex)
            lemma = cue.lemma if cue is not None else doc[main].lemma_.lower()
        else:
            lemma = tok.lemma_.lower()
            last = doc[clause_end - 1] if clause_end - 1 > verb else None
            if last is not None and last.tag_ == "PTKVZ":
                lemma = last.lower_ + lemma
        if lemma in lex.reported or lex.cue_rate.get(lemma, 0.0) >= MIN_REPORTED_CUE_RATE:
            return lemma
        return None

    def _speech_act(self, doc, sent: Span, pair: QuotePair, lex) -> tuple[Cue, Span] | None:
        """The cue and subject of a sentence whose first finite verb, before the quotation, is a
        speech verb (cue lexicon or reported-speech verbs)."""
        # the quotation's own clause bounds the search (and keeps hostile text linear)
        end = min(cl.content_end(doc, sent), pair.close + 1 + MAX_SPEECH_ACT_SPAN)
        verbs = [i for i in range(max(sent.start, pair.open - MAX_SPEECH_ACT_SPAN), pair.open) if doc[i].tag_.endswith("FIN")]
        cue, verb = None, None
        for candidate in reversed(verbs):  # the closest speech verb before the quotation
            clause_end = cl.clause_end(doc, candidate, end)
            cue = self._cue_at(doc, candidate, clause_end, lex)
            if cue is None:
                lemma = self._reported_lemma(doc, candidate, clause_end, lex)
                if lemma is None and pair.open > 0 and doc[pair.open - 1].lower_ == "als":
                    lemma = doc[candidate].lemma_.lower()  # "charakterisierte das Opfer als „…“"
                if lemma is not None:
                    cue = Cue([candidate], lemma, lex.cue_medium.get(lemma))
            if cue is not None:
                verb = candidate
                break
        if cue is None:
            return None
        clause_end = cl.clause_end(doc, verb, end)
        speaker = self._speaker_around(doc, cue, cl.clause_start(doc, verb, sent.start), clause_end, lex)
        if speaker is None or speaker.start <= pair.open < speaker.end:
            return None
        return cue, speaker

    def _speech_subject(self, doc, sent: Span, lex) -> Span | None:
        """The subject of a sentence whose first finite verb is a speech verb, if any."""
        end = cl.content_end(doc, sent)
        for i in range(sent.start, end):
            tok = doc[i]
            if not tok.tag_.endswith("FIN"):
                continue
            clause_end = cl.clause_end(doc, i, end)
            cue = self._cue_at(doc, i, clause_end, lex)
            lemma = tok.lemma_.lower()
            if cue is None and lemma not in lex.reported:
                return None
            return self._speaker_around(doc, cue or Cue([i], lemma, None), cl.clause_start(doc, i, sent.start), clause_end, lex)
        return None
