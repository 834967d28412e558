"""Statement extraction: quotations, frames, prepositional sources and continuations.

The extractor works sentence by sentence, in passes that each add candidates:

1. ``direct``: balanced quotation marks (:mod:`.quotes`) with a frame after them
   („…“, sagte X · „…“, so X · a quote interrupted by its frame), before them
   (X sagte: „…“), or none (the speaker is inherited from the statement before);
   short quotes without a frame are scare quotes or titles and are not statements.
2. ``indirect`` with a verb frame: a cue verb from the lexicon (learned from quotes-de train)
   with its clause (X sagte, dass … · X sagte, er habe … · …, sagte X · Wie X sagte, …).
3. ``indirect`` with a prepositional source: laut X · X zufolge · nach Angaben X · gemäß X ·
   demnach.
4. ``indirect_free_indirect``: sentences in Konjunktiv after a statement, with no frame of
   their own, continue it (needs the morphology stage's ``token._.sagte_mood``).
5. nested: quotations inside the content of a statement are direct statements of the same
   speaker, with ``parent`` set.

Every candidate records the rule that found it (``evidence``); its confidence is that rule's
precision on quotes-de train for its kind of speaker (:mod:`.confidence`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..extensions import SPANS_TIMES
from .confidence import confidence
from .lexicon import SpeechLexicon, lemma_of, speech_lexicon
from .model import Statement
from .phrases import is_dative, phrase_left, phrase_right, skip_adjuncts
from .quotes import QuotePair, Refusal, find_quotes

#: how far back (in sentences) a frameless quote or a continuation looks for its speaker
INHERIT_WINDOW = 3
#: a cue verb with no clause of its own reports speech when train saw it as a cue this often
MIN_REPORTED_CUE_RATE = 0.5
#: clause-ending punctuation
CLAUSE_END = frozenset({",", ";", ":", ".", "!", "?", "…", "(", ")", "–"})
SENT_END = frozenset({".", "!", "?", "…"})
SUBORDINATORS = frozenset({"dass", "daß", "ob", "wie", "wer", "was", "warum", "wann", "wo", "weshalb", "wieso", "inwiefern"})



@dataclass
class _Cue:
    tokens: list[int]  # token indices of the cue (verb, particle)
    lemma: str
    medium: str | None


class SpeechExtractor:
    def __init__(self, *, min_direct_tokens: int = 4):
        self.min_direct_tokens = min_direct_tokens

    def __call__(self, doc: Doc) -> tuple[list[Statement], list[Refusal]]:
        lex = speech_lexicon()
        for span in doc.spans.get(SPANS_TIMES, []):
            for tok in span:
                tok._.sagte_time_token = True
        pairs, refusals = find_quotes(doc)
        in_quote = _quoted_tokens(doc, pairs)
        sents = [s for s in doc.sents if not s.text.isspace()]
        sent_of = _sentence_index(doc, sents)
        statements: list[Statement] = []
        used_cue_tokens: set[int] = set()

        outer = [p for p in pairs if p.depth == 0]
        statements += self._direct(doc, outer, sents, sent_of, lex, used_cue_tokens)
        covered = _covered(statements)
        for sent in sents:
            statements += self._verb_frames(doc, sent, lex, in_quote, covered, used_cue_tokens)
            statements += self._prep_frames(doc, sent, lex, in_quote, covered, used_cue_tokens)
        # a quotation inside a speech act may sit inside the reported statement of its sentence
        covered = _covered([st for st in statements if "direct_in_speech_act" not in st.evidence])
        for sent in sents:
            statements += self._reported(doc, sent, lex, in_quote, covered)
        statements = _drop_overlaps(statements)
        statements.sort(key=lambda s: s.start)
        statements = self._inherit_speakers(doc, statements, sents, sent_of)
        for st in statements:
            st.date = _said_when(doc, st)
        continuations = self._continuations(doc, statements, sents, sent_of, in_quote)
        inside = {i for st in continuations for c in st.content for i in range(c.start, c.end)}
        statements = [st for st in statements if "direct_in_konjunktiv" not in st.evidence
                      or not all(i in inside for c in st.content for i in range(c.start, c.end))] + continuations
        statements.sort(key=lambda s: s.start)
        statements += self._nested(doc, statements, pairs)
        statements.sort(key=lambda s: (s.start, s.parent is not None))
        _link_parents(statements)
        for st in statements:
            st.confidence = confidence(st.evidence[0], st.speaker)
        return statements, refusals

    # -- pass 1: direct quotations -------------------------------------------------------
    def _direct(self, doc, outer: list[QuotePair], sents, sent_of, lex, used) -> list[Statement]:
        out: list[Statement] = []
        skip: set[int] = set()
        for n, pair in enumerate(outer):
            if n in skip:
                continue
            content = [doc[pair.open : pair.close + 1]]
            sent = sents[sent_of[pair.open]]
            cue, speaker, addressee, rule = None, None, None, None
            # frame after: „…“, sagte X  /  „…“, so X
            after = pair.close + 1
            if after < sent.end and doc[after].text == ",":
                cue, speaker, addressee, frame_end = self._frame_after(doc, after + 1, sent.end, lex)
                if cue is not None:
                    rule = "direct_frame_after"
                    # interrupted quote: „…“, sagte X, „…“
                    nxt = n + 1
                    if (nxt < len(outer) and frame_end < len(doc) and doc[frame_end].text == ","
                            and outer[nxt].open == frame_end + 1):
                        content.append(doc[outer[nxt].open : outer[nxt].close + 1])
                        skip.add(nxt)
            if cue is None:
                # frame before: X sagte: „…“
                before = pair.open - 1
                if before >= 0 and doc[before].text == ":":
                    clause_start = _clause_start(doc, before, sent.start)
                    cue = self._last_cue(doc, clause_start, before, lex, set())
                    if cue is not None:
                        speaker = self._speaker_around(doc, cue, clause_start, before, lex)
                        if speaker is None and clause_start > sent.start:
                            # "…, und fügt hinzu: „…“": the subject of the sentence speaks on
                            speaker = self._subject(doc, sent, lex)
                        addressee = self._addressee(doc, clause_start, before, lex, speaker=speaker, cue=cue)
                        rule = "direct_frame_before"
                    else:
                        # "Stegemann bestreitet jede Kenntnis: „…“": any verb before a colon frames it
                        verb = next((j for j in range(clause_start, before) if doc[j].tag_.endswith("FIN")), None)
                        if verb is not None:
                            speaker = self._speaker_around(doc, _Cue([verb], doc[verb].lemma_.lower(), None), clause_start, before, lex)
                            if speaker is not None:
                                rule = "direct_colon"
            n_tokens = pair.close - pair.open - 1
            if cue is None and (n_tokens < self.min_direct_tokens or not _reads_as_speech(doc[pair.open + 1 : pair.close])):
                # words quoted inside a speech act are quoted speech ("bezeichnete die Pläne als
                # „maßvoll“", "sprach von einem „Dammbruch“"); elsewhere a scare quote or a title
                act = self._speech_act(doc, sent, pair, lex)
                if act is None:
                    continue
                cue, speaker = act
                rule = "direct_in_speech_act"
            if cue is None and rule is None and pair.open > sent.start + 1:
                if _has_subjunctive(sent, set(range(pair.open, pair.close + 1))):
                    # "Der Mann sei „nicht aggressiv“": the sentence reports someone else's words;
                    # a continuation may take it, and the quotation then comes back nested in it
                    rule = "direct_in_konjunktiv"
                # a quotation inside a sentence with no frame: its subject is the speaker
                # ("Hürter nennt den Vorgang ein „Musterbeispiel …“")
                else:
                    speaker = self._sentence_subject(doc, sent, pair, lex)
                    if speaker is not None:
                        rule = "direct_in_sentence"
            if cue is not None:
                used.update(cue.tokens)
            out.append(Statement(
                kind="direct",
                content=content,
                cue=[doc[i : i + 1] for i in cue.tokens] if cue else [],
                speaker=speaker,
                addressee=addressee,
                medium=cue.medium if cue else None,
                evidence=(rule or "direct_inherited",),
            ))
        return out

    def _subject(self, doc, sent: Span, lex) -> Span | None:
        """The phrase before a sentence's first finite verb, or right after it."""
        end = _content_end(doc, sent)
        verb = next((i for i in range(sent.start, end) if doc[i].tag_.endswith("FIN")), None)
        if verb is None:
            return None
        left = phrase_left(doc, verb, sent.start, lex)
        if left is not None and not is_dative(left) and left[0].tag_ != "PDS":
            return left
        return phrase_right(doc, skip_adjuncts(doc, verb + 1, end, lex), _clause_end(doc, verb + 1, end), lex)

    def _sentence_subject(self, doc, sent: Span, pair: QuotePair, lex) -> Span | None:
        """The subject of the sentence around a quotation: the phrase before its first finite
        verb, or right after it when something else stands first."""
        end = _content_end(doc, sent)
        verb = next((i for i in range(sent.start, end) if doc[i].tag_.endswith("FIN") and not pair.open <= i <= pair.close), None)
        if verb is None or verb > pair.open:
            return None
        left = phrase_left(doc, verb, sent.start, lex)
        if left is not None and not is_dative(left) and left[0].tag_ not in {"PDS"}:
            return left
        return phrase_right(doc, skip_adjuncts(doc, verb + 1, pair.open, lex), pair.open, lex)

    def _frame_after(self, doc, i, end, lex):
        """A frame right after a quotation and its comma: cue, speaker, addressee, frame end."""
        if i >= end:
            return None, None, None, i
        tok = doc[i]
        if tok.lower_ == "so":
            speaker = phrase_right(doc, skip_adjuncts(doc, i + 1, end, lex), end, lex)
            if speaker is not None:
                return _Cue([i], "so", None), speaker, None, speaker.end
            return None, None, None, i
        if tok.lower_ == "wie":
            cue = self._first_cue(doc, i + 1, _clause_end(doc, i + 1, end), lex)
            if cue is not None:
                speaker = phrase_right(doc, skip_adjuncts(doc, i + 1, end, lex), cue.tokens[0], lex)
                return _Cue([i, *cue.tokens], cue.lemma, cue.medium), speaker, None, cue.tokens[-1] + 1
            return None, None, None, i
        clause_end = _clause_end(doc, i, end)
        cue = self._cue_at(doc, i, clause_end, lex)
        if cue is None and doc[i].tag_ in {"VAFIN", "VMFIN"}:
            # „…“, hatte X in einem Interview erklärt
            cue = self._last_cue(doc, i + 1, clause_end, lex, set())
            if cue is not None:
                cue = _Cue([i, *cue.tokens], cue.lemma, cue.medium)
        if cue is None:
            return None, None, None, i
        start = skip_adjuncts(doc, i + 1, end, lex)
        speaker = phrase_right(doc, start, end, lex)
        addressee = None
        frame_end = speaker.end if speaker is not None else i + 1
        if speaker is not None:
            j = skip_adjuncts(doc, speaker.end, end, lex)
            addressee = self._addressee(doc, i, _clause_end(doc, speaker.end, end), lex, speaker=speaker, cue=cue)
            frame_end = max(frame_end, j)
        frame_end = max(frame_end, cue.tokens[-1] + 1)
        return cue, speaker, addressee, frame_end

    def _addressee(self, doc, start: int, end: int, lex, *, speaker: Span | None = None, cue: _Cue | None = None) -> Span | None:
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
        if cue is not None and speaker is not None and speaker.end <= cue.tokens[0]:
            j = cue.tokens[0] + 1
            if j < end and doc[j].lower_ in {"dem", "einem", "der", "den"} and doc[j].tag_ in {"ART", ""}:
                found = phrase_right(doc, j, end, lex, apposition=False)
                if found is not None and found[-1].tag_ in {"NN", "NE", ""}:
                    return found
        return None

    # -- cues -------------------------------------------------------------------------------
    def _cue_at(self, doc: Doc, i: int, clause_end: int, lex: SpeechLexicon) -> _Cue | None:
        """The cue whose verb is token ``i`` (its particle searched up to ``clause_end``),
        with its auxiliary ("hat … angekündigt", "gesagt hatte", "wird … zitiert")."""
        cue = self._bare_cue_at(doc, i, clause_end, lex)
        if cue is None or doc[i].tag_ not in {"VVPP", "VVINF", "VVIZU", "VVFIN"}:
            return cue
        clause_start = _clause_start(doc, i, doc[i].sent.start)
        if doc[i].tag_ == "VVFIN" and not (i + 1 < clause_end and doc[i + 1].tag_ in {"VAFIN", "VMFIN"}):
            return cue  # a finite cue verb needs no auxiliary
        aux = next((j for j in (i + 1, i + 2) if j < clause_end and doc[j].tag_ in {"VAFIN", "VMFIN"}), None)
        if aux is None:
            aux = next((j for j in range(i - 1, clause_start - 1, -1) if doc[j].tag_ in {"VAFIN", "VMFIN"}), None)
        if aux is None:
            return cue
        return _Cue(sorted({aux, *cue.tokens}), cue.lemma, cue.medium)

    def _bare_cue_at(self, doc: Doc, i: int, clause_end: int, lex: SpeechLexicon) -> _Cue | None:
        tok = doc[i]
        if not tok.is_alpha or tok.text[:1].isupper() and not tok.is_sent_start:
            return None
        if tok.tag_ and not tok.tag_.startswith("V"):
            return None
        lemma = tok.lemma_.lower() if tok.lemma_ and tok.tag_ else lemma_of(tok.text)
        if i > 0 and doc[i - 1].lower_ in lex.particles and doc[i - 1].tag_ in {"", "PTKVZ", "ADJD", "ADV"}:
            joined = doc[i - 1].lower_ + lemma
            if lex.is_cue_lemma(joined):
                return _Cue([i - 1, i], joined, lex.cue_medium[joined])
        last = doc[clause_end - 1] if clause_end - 1 > i else None
        if last is not None and last.lower_ in lex.particles:
            joined = last.lower_ + lemma
            if lex.is_cue_lemma(joined):
                return _Cue([i, last.i], joined, lex.cue_medium[joined])
        if lemma == "heißen":
            # only "heißt es" / "es hieß" reports speech ("das Projekt heißt …" does not)
            es = next((j for j in (i - 1, i + 1) if 0 <= j < len(doc) and doc[j].lower_ == "es"), None)
            return _Cue(sorted([i, es]), lemma, None) if es is not None else None
        if lex.is_cue_lemma(lemma):
            return _Cue([i], lemma, lex.cue_medium[lemma])
        return None

    def _past_apposition(self, doc, verb: int, clause_end: int, end: int, lex) -> int:
        """The end of a verb's clause when its subject, right after the verb, carries an
        apposition between commas; else ``clause_end``."""
        subject = phrase_right(doc, skip_adjuncts(doc, verb + 1, clause_end, lex), end, lex)
        if subject is None or subject.end <= clause_end or doc[subject.end - 1].text == ",":
            return clause_end
        after = subject.end + 1 if subject.end < end and doc[subject.end].text == "," else subject.end
        return _clause_end(doc, after, end) if after > clause_end else clause_end

    def _dass_cue(self, doc, i, clause_end, end, lex) -> _Cue | None:
        """A full verb outside the lexicon that takes a "dass" clause in Konjunktiv ("gestand
        ein, dass die Regierung überwältigt worden sei"): a cue of lower confidence."""
        tok = doc[i]
        if tok.tag_ != "VVFIN" or clause_end + 1 >= end or doc[clause_end].text != ",":
            return None
        if doc[clause_end + 1].lower_ not in {"dass", "daß"}:
            return None
        follow = doc[clause_end + 1 : _clause_end(doc, clause_end + 2, end)]
        if not any(t._.sagte_mood in {"sub1", "sub2"} for t in follow):
            return None
        last = doc[clause_end - 1]
        tokens = [i, last.i] if last.i > i and last.tag_ == "PTKVZ" else [i]
        return _Cue(tokens, tok.lemma_.lower(), None)

    def _first_cue(self, doc, start, end, lex) -> _Cue | None:
        for i in range(start, end):
            cue = self._cue_at(doc, i, end, lex)
            if cue is not None:
                return cue
        return None

    def _last_cue(self, doc, start, end, lex, used) -> _Cue | None:
        for i in range(end - 1, start - 1, -1):
            if i in used:
                continue
            cue = self._cue_at(doc, i, end, lex)
            if cue is not None:
                return cue
        return None

    def _speaker_around(self, doc, cue: _Cue, clause_start: int, clause_end: int, lex) -> Span | None:
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
        right_end = cue.tokens[1] if len(cue.tokens) > 1 else _content_end(doc, doc[verb].sent)
        if clause_start == verb and verb > 0 and doc[verb - 1].text == ",":
            clause_start = doc[verb].sent.start  # "X, Sprecher der Y, sagte": look past the apposition
        left = phrase_left(doc, verb, clause_start, lex)
        if left is not None and not is_dative(left) and left[0].tag_ != "PDS":
            return left
        right = phrase_right(doc, skip_adjuncts(doc, verb + 1, right_end, lex), right_end, lex)
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
        return right if right is not None else left

    # -- pass 2: verb frames (indirect) ------------------------------------------------------
    def _verb_frames(self, doc, sent: Span, lex, in_quote, covered, used) -> list[Statement]:
        out = []
        end = _content_end(doc, sent)
        i = sent.start
        while i < end:
            if i in in_quote or i in used or i in covered:
                i += 1
                continue
            clause_end = _clause_end(doc, i, end)
            cue = self._cue_at(doc, i, clause_end, lex)
            if cue is None:
                # "ging Celebi, die Anwältin der Frau, davon aus, dass …": the clause goes on after
                # the subject's apposition, and its particle stands there
                longer = self._past_apposition(doc, i, clause_end, end, lex)
                if longer != clause_end:
                    cue = self._cue_at(doc, i, longer, lex)
                    if cue is not None and len(cue.tokens) > 1:
                        clause_end = longer
                    else:
                        cue = None
            if cue is None:
                cue = self._dass_cue(doc, i, clause_end, end, lex)
            if cue is None:
                i += 1
                continue
            clause_start = _clause_start(doc, i, sent.start)
            st = None
            if clause_start == i and i > sent.start and doc[i - 1].text == ",":
                # "Wie X, Sprecher der Y, mitteilte, …": the wie-clause holds an apposition
                wie = next((j for j in range(i - 2, max(sent.start, i - 24) - 1, -1)
                            if doc[j].lower_ == "wie" and (j == sent.start or doc[j - 1].text == ",")), None)
                if wie is not None:
                    found = phrase_right(doc, wie + 1, i, lex)
                    if found is not None and found.end >= i - 1:
                        clause_start = wie
            # "Das berichtete die Zeitung." / "Dies gab Airbus bekannt.": the sentence before is the content
            if clause_start == sent.start and i == sent.start + 1 and doc[sent.start].lower_ in {"das", "dies"} and sent.start > 0:
                previous = doc[sent.start - 1].sent
                content = _span(doc, previous.start, _content_end(doc, previous))
                speaker = phrase_right(doc, skip_adjuncts(doc, i + 1, clause_end, lex), clause_end, lex)
                if content is not None and speaker is not None and not any(t in covered for t in range(content.start, content.end)):
                    st = self._statement("indirect", content, cue.tokens, cue, speaker, None, "indirect_anaphoric", doc)
            # "Wie X mitteilte, …" / "…, wie X mitteilte."
            if st is not None:
                pass
            elif clause_start < i and doc[clause_start].lower_ == "wie":
                speaker = phrase_right(doc, clause_start + 1, i, lex)
                cue_tokens = [clause_start, *cue.tokens]
                if clause_end < end and doc[clause_end].text == ",":
                    content = _span(doc, clause_end + 1, end)
                else:
                    content = _span(doc, sent.start, _strip_comma(doc, clause_start, sent.start))
                if content is not None and speaker is not None:
                    st = self._statement("indirect", content, cue_tokens, cue, speaker, None, "indirect_wie", doc)
            # "…, sagte X." (the frame ends the sentence) — unless what stands before the comma
            # is the speaker with an apposition ("X, Sprecher der Y, sagte, …")
            elif (clause_start > sent.start and doc[clause_start - 1].text == "," and clause_start == i
                  and phrase_left(doc, i, sent.start, lex) is None):
                speaker = phrase_right(doc, skip_adjuncts(doc, i + 1, clause_end, lex), clause_end, lex)
                content = _span(doc, sent.start, clause_start - 1)
                if speaker is not None and content is not None and clause_end >= end - 0:
                    st = self._statement("indirect", content, cue.tokens, cue, speaker,
                                         self._addressee(doc, i, clause_end, lex, speaker=speaker, cue=cue), "indirect_final_frame", doc)
            # "X sagte, dass …" / "X sagte, er habe …" / "X sagte: …"
            if st is None and clause_end < end and doc[clause_end].text in {",", ":"}:
                content = _span(doc, clause_end + 1, end)
                if content is not None:
                    # "sagte X, Kommandant der Y, ohne …, dass …": the content starts at "dass"
                    dass = next((j for j in range(content.start, end) if doc[j].lower_ in {"dass", "daß"} and j not in in_quote), None)
                    if dass is not None and dass > content.start and doc[dass - 1].text == ",":
                        content = _span(doc, dass, end)
                if content is not None and self._cue_at(doc, content.start, _clause_end(doc, content.start, end), lex) is not None:
                    content = None  # "…, den die Zeitung zitiert, kommentierte, …": the next cue frames it
                if content is not None and doc[clause_end].text == "," and not _reads_as_report(content, in_quote):
                    content = None
                if content is not None and not (content.start in in_quote and content.end - 1 in in_quote):
                    speaker = self._speaker_around(doc, cue, clause_start, clause_end, lex)
                    addressee = self._addressee(doc, clause_start, clause_end, lex, speaker=speaker, cue=cue)
                    st = self._statement("indirect", content, cue.tokens, cue, speaker, addressee, "indirect_clause", doc)
            if st is not None:
                out.append(st)
                used.update(t.i for c in st.cue for t in c)
                i = max(c.end for c in st.content)
                continue
            i += 1
        return out

    # -- pass 3: prepositional sources ------------------------------------------------------
    def _prep_frames(self, doc, sent: Span, lex, in_quote, covered, used) -> list[Statement]:
        out = []
        end = _content_end(doc, sent)
        for i in range(sent.start, end):
            if i in in_quote or i in used or i in covered:
                continue
            word = doc[i].lower_
            positions = lex.prep_cues.get(word, ())
            frame = None
            if "alone" in positions and (i == sent.start or doc[i - 1].text == "," or word == "demnach"):
                # "Demnach …" points back to a source; the speaker comes from the statement before
                frame = (i, i + 1, None)
            if frame is None and "after_comma" in positions and i > sent.start and doc[i - 1].text == ",":
                # "…, so der Minister, …" / "…, so der Minister."
                phrase = phrase_right(doc, skip_adjuncts(doc, i + 1, end, lex), end, lex)
                if phrase is not None:
                    after = skip_adjuncts(doc, phrase.end, end, lex)
                    if after >= end or doc[after].text == ",":
                        frame = (i, after, phrase)
            if frame is None and "before" in positions:
                phrase = phrase_right(doc, i + 1, end, lex)
                if phrase is not None and (word != "nach" or _has_source_noun(phrase, lex)):
                    frame = (i, phrase.end, phrase)
            if frame is None and "after" in positions and i > sent.start:
                phrase = phrase_left(doc, i, _clause_start(doc, i, sent.start), lex, need_edge=False)
                if phrase is not None and (word != "nach" or _has_source_noun(phrase, lex)):
                    frame = (phrase.start, i + 1, phrase)
            if frame is None:
                continue
            f_start, f_end, speaker = frame
            pieces = []
            left = _span(doc, sent.start, _strip_comma(doc, f_start, sent.start))
            right_start = f_end + 1 if f_end < end and doc[f_end].text == "," else f_end
            right = _span(doc, right_start, end)
            pieces = [p for p in (left, right) if p is not None and len(p) >= 2]
            if not pieces:
                continue
            cue = _Cue([i], word, None)
            st = self._statement("indirect", pieces[0], cue.tokens, cue, speaker, None, "prep_source", doc)
            st.content = pieces
            out.append(st)
            used.add(i)
        return out

    # -- pass 3b: reported speech ----------------------------------------------------------------
    def _reported(self, doc, sent: Span, lex, in_quote, covered) -> list[Statement]:
        """"Sie forderte ein unabhängiges Gutachten." — a speech act with an object, not a clause:
        the whole sentence is the content, its subject the speaker (quotes-de's Reported).
        The sentence's first finite verb decides: a reported-speech verb learned from train, a
        cue verb with no clause of its own, or a participle cue after an auxiliary
        ("hat den Abzug angekündigt")."""
        if any(i in covered for i in range(sent.start, sent.end)):
            return []
        end = _content_end(doc, sent)
        verb = next((i for i in range(sent.start, end) if doc[i].tag_.endswith("FIN") and i not in in_quote), None)
        if verb is None:
            return []
        clause_end = _clause_end(doc, verb, end)
        lemma = self._reported_lemma(doc, verb, clause_end, lex)
        if lemma is None:
            return []
        needed = lex.reported_requires.get(lemma)
        if needed is not None and not any(t.lower_ == needed for t in doc[verb:clause_end]):
            return []
        if lemma == "heißen" or doc[sent.start].text == "(":
            return []
        if any(t.tag_ == "VAFIN" and t.lemma_.lower() == "werden" for t in doc[sent.start:clause_end]) and any(
                t.tag_ == "VVPP" for t in doc[verb:clause_end]):
            return []  # a passive names no speaker in subject position
        clause_start = _clause_start(doc, verb, sent.start)
        speaker = phrase_left(doc, verb, clause_start, lex)
        if speaker is None and doc[sent.start].tag_ in {"ADV", "APPR", "APPRART", "PROAV", "ADJD"}:
            # "In seiner Rede unterstrich General X …": the subject follows the verb
            speaker = phrase_right(doc, skip_adjuncts(doc, verb + 1, clause_end, lex), clause_end, lex)
        if speaker is None or is_dative(speaker) or speaker[0].tag_ in {"PRELS", "PDS"}:
            return []
        content = doc[sent.start : sent.end]
        while len(content) > 1 and content[-1].is_space:
            content = content[:-1]
        return [Statement(kind="reported", content=[content], speaker=speaker, medium=lex.cue_medium.get(lemma),
                          evidence=("reported",))]

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

    def _statement(self, kind, content: Span, cue_tokens, cue: _Cue, speaker, addressee, rule, doc) -> Statement:
        return Statement(
            kind=kind,
            content=[content],
            cue=[doc[t : t + 1] for t in sorted(set(cue_tokens))],
            speaker=speaker,
            addressee=addressee,
            medium=cue.medium,
            evidence=(rule,),
        )

    # -- pass 4: speakers and continuations ------------------------------------------------------
    def _inherit_speakers(self, doc, statements: list[Statement], sents, sent_of) -> list[Statement]:
        """A quotation without a frame takes the person the sentence before it is about ("Er
        fuhr fort. „…“"), else the speaker of the statement just before it."""
        lex = speech_lexicon()
        last: Statement | None = None
        for st in statements:
            k = sent_of[st.content[0].start]
            if st.speaker is None and not st.cue and k > 0:
                subject = self._subject(doc, sents[k - 1], lex)
                if subject is not None and (subject[0].lower_ in {"er", "sie"} or any(t.tag_ == "NE" for t in subject)):
                    st.speaker = subject
            anaphoric = bool(st.cue) and st.cue[0][0].lower_ in lex.prep_cues and "alone" in lex.prep_cues[st.cue[0][0].lower_]
            if st.speaker is None and (not st.cue or anaphoric) and last is not None and last.speaker is not None:
                gap = sent_of[st.content[0].start] - sent_of[last.content[-1].end - 1]
                if 0 <= gap <= INHERIT_WINDOW:
                    st.speaker = _nearest_mention(doc, last.speaker, st.content[0].start, lex)
                    st.speaker_cluster = last.speaker_cluster
            if st.speaker is not None:
                last = st
        return statements

    def _continuations(self, doc, statements, sents, sent_of, in_quote) -> list[Statement]:
        """Konjunktiv sentences with no frame of their own continue the statement before them,
        or take the subject of a sentence that introduced a speaker without a statement
        ("Die Stadtreinigung äußerte Zweifel. Für ein Jahr sei es rechtens, …")."""
        if not Token.has_extension("sagte_mood"):
            return []
        lex = speech_lexicon()
        statements = [st for st in statements if "direct_in_konjunktiv" not in st.evidence]
        taken = {sent_of[s.start] for st in statements for s in st.content} | {
            sent_of[s.end - 1] for st in statements for s in st.content
        }
        by_end = {}
        for st in statements:
            if st.speaker is not None and st.kind in {"indirect", "direct", "indirect_free_indirect", "reported"}:
                by_end[sent_of[st.content[-1].end - 1]] = st
        out = []
        current: Statement | None = None
        source: Statement | None = None
        for k, sent in enumerate(sents):
            if k in by_end:
                source, current = by_end[k], None
                continue
            if k in taken:
                source, current = None, None
                continue
            subjunctive = _has_subjunctive(sent, in_quote)
            if not subjunctive and not _has_reportive_sollen(sent, in_quote):
                speaker = self._speech_subject(doc, sent, lex)
                source = Statement(kind="reported", content=[sent], speaker=speaker) if speaker is not None else None
                current = None
                continue
            if source is None and subjunctive and k > 0 and sent_of[sent.start - 1] == k - 1 and "\n" not in doc[sent.start - 1].text:
                # Konjunktiv I after a sentence about someone, in the same paragraph: "Edler sieht
                # Parallelen. Die Ursache sei nie gefunden worden." reports that someone
                subject = self._subject(doc, sents[k - 1], lex)
                if subject is not None and any(t.tag_ == "NE" for t in subject) \
                        and any(t._.sagte_mood == "sub1" for t in sent if t.i not in in_quote):
                    source = Statement(kind="reported", content=[sents[k - 1]], speaker=subject, evidence=("subject",))
            if source is None:
                continue
            span = _span(doc, sent.start, _content_end(doc, sent))
            if span is None:
                continue
            kind = "indirect_free_indirect" if subjunctive else "free_indirect"
            if current is None or current.kind != kind:
                current = Statement(kind=kind, content=[span],
                                    speaker=_nearest_mention(doc, source.speaker, span.start, lex) if source.speaker is not None else None,
                                    medium=source.medium, date=source.date,
                                    evidence=("continuation_after_subject",) if source.evidence == ("subject",) else ("continuation",))
                current.speaker_cluster = source.speaker_cluster
                out.append(current)
            else:
                current.content = [doc[current.content[0].start : span.end]]
        return out

    def _speech_act(self, doc, sent: Span, pair: QuotePair, lex) -> tuple[_Cue, Span] | None:
        """The cue and subject of a sentence whose first finite verb, before the quotation, is a
        speech verb (cue lexicon or reported-speech verbs)."""
        end = _content_end(doc, sent)
        verbs = [i for i in range(sent.start, pair.open) if doc[i].tag_.endswith("FIN")]
        cue, verb = None, None
        for candidate in reversed(verbs):  # the closest speech verb before the quotation
            clause_end = _clause_end(doc, candidate, end)
            cue = self._cue_at(doc, candidate, clause_end, lex)
            if cue is None:
                lemma = self._reported_lemma(doc, candidate, clause_end, lex)
                if lemma is None and pair.open > 0 and doc[pair.open - 1].lower_ == "als":
                    lemma = doc[candidate].lemma_.lower()  # "charakterisierte das Opfer als „…“"
                if lemma is not None:
                    cue = _Cue([candidate], lemma, lex.cue_medium.get(lemma))
            if cue is not None:
                verb = candidate
                break
        if cue is None:
            return None
        clause_end = _clause_end(doc, verb, end)
        speaker = self._speaker_around(doc, cue, _clause_start(doc, verb, sent.start), clause_end, lex)
        if speaker is None or speaker.start <= pair.open < speaker.end:
            return None
        return cue, speaker

    def _speech_subject(self, doc, sent: Span, lex) -> Span | None:
        """The subject of a sentence whose first finite verb is a speech verb, if any."""
        end = _content_end(doc, sent)
        for i in range(sent.start, end):
            tok = doc[i]
            if not tok.tag_.endswith("FIN"):
                continue
            clause_end = _clause_end(doc, i, end)
            cue = self._cue_at(doc, i, clause_end, lex)
            lemma = tok.lemma_.lower()
            if cue is None and lemma not in lex.reported:
                return None
            return self._speaker_around(doc, cue or _Cue([i], lemma, None), _clause_start(doc, i, sent.start), clause_end, lex)
        return None

    # -- pass 5: nested quotations ----------------------------------------------------------------
    def _nested(self, doc, statements, pairs: list[QuotePair]) -> list[Statement]:
        out = []
        for st in statements:
            if st.kind == "direct":
                continue
            for pair in pairs:
                if any(c.start <= pair.open and pair.close < c.end for c in st.content):
                    out.append(Statement(kind="direct", content=[doc[pair.open : pair.close + 1]], speaker=st.speaker,
                                         cue=list(st.cue), medium=st.medium, evidence=("nested",)))
                    out[-1].speaker_cluster = st.speaker_cluster
        return out


# -- helpers ----------------------------------------------------------------------------------
def _quoted_tokens(doc: Doc, pairs: list[QuotePair]) -> set[int]:
    inside: set[int] = set()
    for p in pairs:
        if p.depth == 0:
            inside.update(range(p.open, p.close + 1))
    return inside


def _sentence_index(doc: Doc, sents: list[Span]) -> list[int]:
    index = [0] * (len(doc) + 1)
    k = 0
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            index[i] = k
    index[len(doc)] = k
    # whitespace tokens between sentences belong to the one before
    for i in range(1, len(doc)):
        if doc[i].is_space and index[i] == 0 and i > 0:
            index[i] = index[i - 1]
    return index


def _covered(statements: list[Statement]) -> set[int]:
    return {i for st in statements for c in st.content for i in range(c.start, c.end)}


def _clause_start(doc: Doc, i: int, sent_start: int) -> int:
    """Start of the clause holding token ``i``; a bracket pair ("(NEMA)") does not end it."""
    j = i
    while j > sent_start and not doc[j - 1].is_space:
        text = doc[j - 1].text
        if text == ")":
            opening = next((k for k in range(j - 2, max(sent_start, j - 16) - 1, -1) if doc[k].text == "("), None)
            if opening is None:
                break
            j = opening
            continue
        if text in CLAUSE_END:
            break
        j -= 1
    return j


def _clause_end(doc: Doc, i: int, end: int) -> int:
    j = i
    while j < end and doc[j].text not in CLAUSE_END:
        j += 1
    return j


def _content_end(doc: Doc, sent: Span) -> int:
    """End of the sentence without trailing whitespace and final punctuation."""
    j = sent.end
    while j > sent.start and (doc[j - 1].is_space or doc[j - 1].text in SENT_END):
        j -= 1
    return j


def _strip_comma(doc: Doc, j: int, start: int) -> int:
    while j > start and (doc[j - 1].text in {",", "–", "-"} or doc[j - 1].is_space):
        j -= 1
    return j


def _span(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_space or doc[start].text in {",", ":"}):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if end - start >= 1 else None


def _has_source_noun(phrase: Span, lex: SpeechLexicon) -> bool:
    """"Angaben", "Polizeiangaben", "Meinung", "Studie" … (compounds count by their last part)."""
    return any(t.text in lex.source_nouns or any(t.lower_.endswith(n.lower()) for n in lex.source_nouns if len(n) > 5)
               for t in phrase if t.text[:1].isupper())


def _reads_as_speech(span: Span) -> bool:
    """Quoted words that are said, not named: a finite verb, a sentence's end, or lowercase
    words ("„unter Druck stehenden Soldaten“"), unlike a title ("„Hvalur 9“")."""
    if span[-1].text in SENT_END or any(t.tag_.endswith("FIN") for t in span):
        return True
    words = [t for t in span if t.is_alpha]
    return not any(t.tag_ for t in span) or sum(t.text[:1].islower() for t in words) >= 2


def _reads_as_report(content: Span, in_quote: set[int]) -> bool:
    """The clause after "X sagte," is what was said: a "dass/ob/wie" clause, a clause in
    Konjunktiv, an infinitive with "zu" ("forderte, … zu untersuchen"), or a quotation."""
    first = content[0]
    if first.lower_ in SUBORDINATORS or first.text in {"„", "»", '"', "«"}:
        return True
    if not any(t.tag_ for t in content):
        return True  # no morphology: nothing to check against
    if any(t.i not in in_quote and (t._.sagte_mood in {"sub1", "sub2"} or t.tag_ == "VVIZU" or
           (t.lower_ == "zu" and t.tag_ == "PTKZU")) for t in content) or all(t.i in in_quote for t in content):
        return True
    if first.tag_ in {"PRELS", "PRELAT", "KON", "ADV", "PWAV"} and first.lower_ not in SUBORDINATORS:
        return False  # a relative clause or a coordination goes on the sentence, it reports nothing
    # a main clause right after the frame ("sagte Rice, die USA hielten sich …"): subject, then verb
    head = content[:8]
    return first.tag_ in {"ART", "PPER", "NE", "NN", "PIS", "PDS", "PPOSAT", "CARD"} and any(
        t.tag_.endswith("FIN") for t in head[1:])


def _has_reportive_sollen(sent: Span, in_quote: set[int]) -> bool:
    """"Er soll den Anschlag geplant haben": indicative "soll/sollen" passes on what others say
    (quotes-de's FreeIndirect)."""
    return any(t.i not in in_quote and t.lower_ in {"soll", "sollen"} and t.tag_ == "VMFIN" for t in sent)


def _has_subjunctive(sent: Span, in_quote: set[int]) -> bool:
    return any(t._.sagte_mood in {"sub1", "sub2"} for t in sent if t.i not in in_quote)


def _nearest_mention(doc: Doc, speaker: Span, before: int, lex: SpeechLexicon) -> Span:
    """The mention of an inherited speaker closest before ``before``: a later "Suttner" rather
    than the "Michael Suttner" of the frame two sentences up (pronouns are left as they are)."""
    head = speaker[-1]
    if not head.text[:1].isupper() or head.tag_ in {"PPER", "PIS"}:
        return speaker
    for i in range(before - 1, speaker.end - 1, -1):
        if doc[i].text == head.text:
            found = phrase_left(doc, i + 1, doc[i].sent.start, lex, need_edge=False)
            return found if found is not None and found.end == i + 1 else doc[i : i + 1]
    return speaker


def _said_when(doc: Doc, st: Statement) -> str | None:
    """When a statement was made, from a time expression in its frame ("sagte am Dienstag"):
    the sentence around its cue (or speaker) outside the content; None when the text does not say."""
    from ..time import times_in

    anchor = st.cue[0] if st.cue else st.speaker
    if anchor is None:
        return None
    sent = anchor.sent
    content = {i for c in st.content for i in range(c.start, c.end)}
    candidates = [t for t in times_in(sent) if not any(i in content for i in range(t.start, t.end))]
    candidates.sort(key=lambda t: abs(t.start - anchor.start))
    for t in candidates:
        timex = t._.sagte_timex or {}
        value = timex.get("value") or ""
        if timex.get("type") in {"DATE", "TIME"} and value[:4].isdigit():
            return value[:10] if timex.get("type") == "TIME" else value
    return None


def _drop_overlaps(statements: list[Statement]) -> list[Statement]:
    """Of statements whose contents overlap, keep the more confident (direct first).

    A quotation without a frame of its own that lies inside another statement's content is
    dropped here: it comes back as that statement's nested quote.
    """
    frameless = {"direct_inherited", "direct_in_sentence", "direct_colon", "direct_in_speech_act", "direct_in_konjunktiv"}
    framed = [s for s in statements if not frameless & set(s.evidence)]
    statements = [
        s for s in statements
        if not frameless & set(s.evidence)
        or not any(o.start <= s.start and s.end <= o.end and (o.start, o.end) != (s.start, s.end) for o in framed)
    ]
    ranked = sorted(statements, key=lambda s: (s.kind != "direct", -s.confidence, s.start))
    kept: list[Statement] = []
    taken: set[int] = set()
    for st in ranked:
        toks = {i for c in st.content for i in range(c.start, c.end)}
        if len(toks & taken) > 0.5 * len(toks):
            continue
        kept.append(st)
        taken |= toks
    return kept


def _link_parents(statements: list[Statement]) -> None:
    """Nested statements point to the statement whose content holds them."""
    for n, st in enumerate(statements):
        if "nested" not in st.evidence:
            continue
        for m, other in enumerate(statements):
            if m != n and "nested" not in other.evidence and any(
                c.start_char <= st.start and st.end <= c.end_char for c in other.content
            ):
                st.parent = m
                break
