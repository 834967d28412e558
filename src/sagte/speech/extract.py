"""Statement extraction: quotations, frames, prepositional sources and continuations.

The extractor works sentence by sentence, in passes that each add candidates:

1. ``direct``: balanced quotation marks (:mod:`.quotes`) with a frame after them
   („…“, sagte X · „…“, so X · „…“, zeigte sich X zufrieden · a quote interrupted by its
   frame), before them (X sagte: „…“ · BKA-Chef Y: „…“), or none (the speaker is inherited
   from the statement before); short quotes without a frame are scare quotes, and quoted
   names and titles („Partij voor de Vrijheid“) are not statements.
2. ``indirect`` with a verb frame: a cue verb from the lexicon (learned from quotes-de train)
   with its clause (X sagte, dass … · X sagte, er habe … · …, sagte X · Wie X sagte, …).
3. ``indirect`` with a prepositional source: laut X · X zufolge · nach Angaben X · gemäß X ·
   demnach.
4. ``reported``: a sentence whose speech verb takes an object, not a clause ("forderte ein
   Gutachten", "sprach von einem Erfolg"); the verbs are learned from quotes-de train.
5. ``indirect_free_indirect`` / ``free_indirect``: sentences in Konjunktiv, or with a
   reportive "soll/sollen", after a statement (or after a sentence about a named person, or
   up to three sentences after a statement when in Konjunktiv I), with no frame of their own,
   continue it (needs the morphology stage's ``token._.sagte_mood``).
6. nested: quotations inside the content of a statement are direct statements of the same
   speaker, with ``parent`` set.

Cue and speaker finding lives in :mod:`.cues`, clause helpers in :mod:`.clauses`, the final
touches (nearest mentions, dates, overlaps, parents) in :mod:`.statements`.

Every candidate records the rule that found it (``evidence``); its confidence is that rule's
precision on quotes-de train for its kind of speaker (:mod:`.confidence`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..extensions import SPANS_TIMES
from .confidence import LEMMA_EVIDENCE, confidence, reported_precision
from .cues import CueFinder, Cue, subject_only
from .lexicon import speech_lexicon
from .model import Statement
from .phrases import is_dative, phrase_left, phrase_right, skip_adjuncts
from . import clauses as cl
from . import statements as post
from .quotes import QuotePair, Refusal, find_quotes

#: how far back (in sentences) a frameless quote or a continuation looks for its speaker
INHERIT_WINDOW = 3
#: the rule of a continuation, by how its source was found (a frame otherwise)
CONTINUATION_RULES = {("subject",): "continuation_after_subject", ("gap",): "continuation_after_gap"}



class SpeechExtractor(CueFinder):
    def __init__(self, *, min_direct_tokens: int = 4, min_reported_precision: float = 0.2):
        self.min_direct_tokens = min_direct_tokens
        #: a verb of reported speech whose statements were right less often than this on train
        #: ("begrüßte den Vorschlag", "kritisierte den Plan") frames no statement (0.2: tuned on dev)
        self.min_reported_precision = min_reported_precision

    def __call__(self, doc: Doc) -> tuple[list[Statement], list[Refusal]]:
        lex = speech_lexicon()
        for span in doc.spans.get(SPANS_TIMES, []):
            for tok in span:
                tok._.sagte_time_token = True
        pairs, refusals = find_quotes(doc)
        in_quote = cl.quoted_tokens(doc, pairs)
        sents = [s for s in doc.sents if not s.text.isspace()]
        sent_of = cl.sentence_index(doc, sents)
        statements: list[Statement] = []
        used_cue_tokens: set[int] = set()

        outer = [p for p in pairs if p.depth == 0]
        statements += self._direct(doc, outer, sents, sent_of, lex, used_cue_tokens)
        covered = cl.covered_tokens(statements)
        for sent in sents:
            framed = self._verb_frames(doc, sent, lex, in_quote, covered, used_cue_tokens)
            # "Wie X mitteilte, ist das nach Auffassung der Y …": a source inside what a verb frames is part of it
            statements += framed + self._prep_frames(doc, sent, lex, in_quote, covered | cl.covered_tokens(framed), used_cue_tokens)
        # a quotation inside a speech act may sit inside the reported statement of its sentence
        covered = cl.covered_tokens([st for st in statements if "direct_in_speech_act" not in st.evidence and not (
            "direct_in_sentence" in st.evidence and not any(c.text == "als" for c in st.cue))])  # "wertete X als „…“" stays direct
        for sent in sents:
            statements += self._reported(doc, sent, lex, in_quote, covered)
        statements = post.drop_overlaps(statements)
        statements.sort(key=lambda s: s.start)
        statements = self._inherit_speakers(doc, statements, sents, sent_of)
        for st in statements:
            st.date = post.said_when(doc, st)
        continuations = self._continuations(doc, statements, sents, sent_of, in_quote)
        inside = {i for st in continuations for c in st.content for i in range(c.start, c.end)}
        statements = [st for st in statements if "direct_in_konjunktiv" not in st.evidence
                      or not all(i in inside for c in st.content for i in range(c.start, c.end))] + continuations
        statements.sort(key=lambda s: s.start)
        statements += self._nested(doc, statements, pairs)
        statements.sort(key=lambda s: (s.start, s.parent is not None))
        post.link_parents(statements)
        for st in statements:
            st.speaker = post.real_speaker(st.speaker, lex)
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
            # a quotation of several sentences ends in the sentence that holds its frame
            last_sent = sents[sent_of[pair.close]]
            cue, speaker, addressee, rule = None, None, None, None
            # frame after: „…“, sagte X  /  „…“, so X
            after = pair.close + 1
            # "Die Soldaten hätten „…“, so X": a frame after a quotation that ends a clause of
            # its own frames the whole clause (indirect speech, the quotation nested in it)
            inside_clause = any(doc[j].tag_.endswith("FIN") for j in range(sent.start, pair.open)) and not (
                doc[pair.open - 1].text in {":", "(", "–", "-"} or doc[pair.open - 1].is_space)
            if not inside_clause and after < last_sent.end and doc[after].text == ",":
                cue, speaker, addressee, frame_end = self._frame_after(doc, after + 1, last_sent.end, lex)
            elif (not inside_clause and after < len(doc) and doc[after].is_alpha and doc[after].is_lower
                  and pair.close - pair.open > self.min_direct_tokens and (doc[after].lower_ == "so" or self._cue_at(
                      doc, after, cl.clause_end(doc, after, sents[sent_of[after]].end), lex) is not None)):
                # „…“ sagte X / „…“ heißt es in … (no comma; the sentence may have been split there)
                cue, speaker, addressee, frame_end = self._frame_after(doc, after, sents[sent_of[after]].end, lex)
                if speaker is None:
                    cue = None
            if cue is not None:
                rule = "direct_frame_after_verb" if cue.any_verb else "direct_frame_after"
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
                    clause_start = cl.clause_start(doc, before, sent.start)
                    cue = self._last_cue(doc, clause_start, before, lex, set())
                    if cue is not None:
                        cue = self._with_words(doc, cue, clause_start, before)
                        speaker = self._speaker_around(doc, cue, clause_start, before, lex)
                        if speaker is None and clause_start > sent.start:
                            # "…, und fügt hinzu: „…“": the subject of the sentence speaks on
                            speaker = self._subject(doc, sent, lex)
                        addressee = self._addressee(doc, clause_start, before, lex, speaker=speaker, cue=cue)
                        rule = "direct_frame_before"
                    else:
                        # "Stegemann bestreitet jede Kenntnis: „…“": any verb before a colon frames it
                        verb = next((j for j in range(clause_start, before) if doc[j].tag_.endswith("FIN") and doc[j].text[:1].islower()), None)
                        if verb is not None:
                            speaker = self._speaker_around(doc, Cue([verb], doc[verb].lemma_.lower(), None), clause_start, before, lex)
                            if speaker is not None:
                                cue = self._verb_cue(doc, verb, cl.clause_end(doc, verb, before + 1), lex)
                                rule = "direct_colon"
                        else:
                            # "BKA-Präsident Ziercke: „…“" / "Ein Beamter der Polizei nach der Festnahme: „…“"
                            speaker = self._colon_source(doc, sent.start, before, lex)
                            if speaker is not None:
                                rule = "direct_colon_noun"
            n_tokens = pair.close - pair.open - 1
            inner = doc[pair.open + 1 : pair.close]
            name_like = cl.reads_as_name(inner)
            if cue is None and (n_tokens < self.min_direct_tokens or not cl.reads_as_speech(inner) or name_like):
                # words quoted inside a speech act are quoted speech ("bezeichnete die Pläne als
                # „maßvoll“", "sprach von einem „Dammbruch“"); elsewhere a scare quote or a title
                act = None if name_like else self._speech_act(doc, sent, pair, lex)
                if act is None or used & set(act[0].tokens):
                    continue  # no speech act, or the frame of another quotation („…“, sagte X zum „Austausch“)
                cue, speaker = act
                cue = self._with_als(doc, cue, pair.open)
                rule = "direct_in_speech_act"
            if cue is None and rule is None and pair.open > sent.start + 1:
                if cl.has_subjunctive(sent, set(range(pair.open, pair.close + 1))):
                    # "Der Mann sei „nicht aggressiv“": the sentence reports someone else's words;
                    # a continuation may take it, and the quotation then comes back nested in it
                    rule = "direct_in_konjunktiv"
                # a quotation inside a sentence with no frame: its subject is the speaker
                # ("Hürter nennt den Vorgang ein „Musterbeispiel …“")
                else:
                    speaker = self._sentence_subject(doc, sent, pair, lex)
                    if speaker is not None:
                        rule = "direct_in_sentence"
                        verb = next(i for i in range(sent.start, pair.open) if doc[i].tag_.endswith("FIN"))
                        cue = self._with_als(doc, self._verb_cue(doc, verb, cl.clause_end(doc, verb, pair.open), lex), pair.open)
            if cue is not None and rule not in {"direct_in_sentence", "direct_in_speech_act"}:
                used.update(cue.tokens)  # a verb that frames only a quotation inside its sentence may frame its clause too
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

    def _frame_after(self, doc, i, end, lex):
        """A frame right after a quotation and its comma: cue, speaker, addressee, frame end."""
        if i >= end:
            return None, None, None, i
        tok = doc[i]
        if tok.lower_ == "so":
            speaker = phrase_right(doc, skip_adjuncts(doc, i + 1, end, lex), end, lex)
            if speaker is not None:
                return Cue([i], "so", None), speaker, None, speaker.end
            if i + 1 < end and doc[i + 1].tag_.endswith("FIN"):
                return self._frame_after(doc, i + 1, end, lex)  # „…“, so charakterisierte ihn X
            return None, None, None, i
        if tok.lower_ == "wie":
            cue = self._first_cue(doc, i + 1, cl.clause_end(doc, i + 1, end), lex)
            if cue is not None:
                speaker = phrase_right(doc, skip_adjuncts(doc, i + 1, end, lex), cue.tokens[0], lex)
                return Cue([i, *cue.tokens], cue.lemma, cue.medium), speaker, None, cue.tokens[-1] + 1
            return None, None, None, i
        clause_end = cl.clause_end(doc, i, end)
        cue = self._cue_at(doc, i, clause_end, lex)
        if cue is None and doc[i].tag_ in {"VAFIN", "VMFIN"}:
            # „…“, hatte X in einem Interview erklärt
            cue = self._last_cue(doc, i + 1, clause_end, lex, set())
            if cue is not None:
                cue = Cue([i, *cue.tokens], cue.lemma, cue.medium)
        if cue is None and doc[i].tag_.endswith("FIN") and doc[i].is_lower:
            # „…“, zeigte sich X zufrieden / „…“, ließ X verlauten: any verb right after a
            # quotation and its comma frames it when its subject follows
            cue = replace(self._verb_cue(doc, i, clause_end, lex, closing=True), any_verb=True)
        if cue is None:
            return None, None, None, i
        start = skip_adjuncts(doc, i + 1, end, lex)
        speaker = phrase_right(doc, start, end, lex)
        if cue.any_verb and (speaker is None or subject_only(speaker, lex) is None):
            return None, None, None, i
        if cue.lemma == "heißen":  # „…“, heißt es in einer Mitteilung der Polizei
            speaker = self._speaker_around(doc, cue, i, cl.clause_end(doc, i, end), lex)
        addressee = None
        frame_end = speaker.end if speaker is not None else i + 1
        if speaker is not None:
            j = skip_adjuncts(doc, speaker.end, end, lex)
            addressee = self._addressee(doc, i, cl.clause_end(doc, speaker.end, end), lex, speaker=speaker, cue=cue)
            frame_end = max(frame_end, j)
        frame_end = max(frame_end, cue.tokens[-1] + 1)
        return cue, speaker, addressee, frame_end

    # -- pass 2: verb frames (indirect) ------------------------------------------------------
    def _verb_frames(self, doc, sent: Span, lex, in_quote, covered, used) -> list[Statement]:
        out = []
        end = cl.content_end(doc, sent)
        i = sent.start
        while i < end:
            if i in in_quote or i in used or i in covered:
                i += 1
                continue
            clause_end = cl.clause_end(doc, i, end)
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
            clause_start = cl.clause_start(doc, i, sent.start)
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
                content = cl.inner_span(doc, previous.start, cl.content_end(doc, previous))
                speaker = phrase_right(doc, skip_adjuncts(doc, i + 1, clause_end, lex), clause_end, lex)
                if content is not None and speaker is not None and not any(t in covered for t in range(content.start, content.end)):
                    st = self._statement("indirect", content, cue.tokens, cue, speaker, None, "indirect_anaphoric", doc)
            # "Wie X mitteilte, …" / "…, wie X mitteilte."
            if st is not None:
                pass
            elif clause_start < i and doc[clause_start].lower_ == "wie":
                first = clause_start + 1
                if doc[first].lower_ in {"aus", "von"} and first + 1 < i:
                    first += 1  # "Wie aus Unternehmenskreisen verlautete, …"
                speaker = phrase_right(doc, first, i, lex)
                cue_tokens = [clause_start, *cue.tokens]
                if clause_end < end and doc[clause_end].text == ",":
                    content = cl.inner_span(doc, clause_end + 1, end)
                else:
                    content = cl.inner_span(doc, sent.start, cl.strip_comma(doc, clause_start, sent.start))
                if content is not None and speaker is not None:
                    st = self._statement("indirect", content, cue_tokens, cue, speaker, None, "indirect_wie", doc)
            # "…, sagte X." (the frame ends the sentence) — unless what stands before the comma
            # is the speaker with an apposition ("X, Sprecher der Y, sagte, …")
            elif (clause_start > sent.start and doc[clause_start - 1].text == "," and clause_start == i
                  and phrase_left(doc, i, sent.start, lex) is None):
                speaker = phrase_right(doc, skip_adjuncts(doc, i + 1, clause_end, lex), clause_end, lex)
                if speaker is not None and speaker.end == clause_end < end:
                    # "…, sagte der Korrespondent in Mexiko-Stadt, Will Grant.": an apposition ends the sentence
                    longer = phrase_right(doc, speaker.start, end, lex)
                    speaker = longer if longer is not None and longer.end >= end else speaker
                content = cl.inner_span(doc, sent.start, clause_start - 1)
                if speaker is not None and content is not None and (clause_end >= end or speaker.end >= end):
                    st = self._statement("indirect", content, cue.tokens, cue, speaker,
                                         self._addressee(doc, i, clause_end, lex, speaker=speaker, cue=cue), "indirect_final_frame", doc)
            # "X sagte, dass …" / "X sagte, er habe …" / "X sagte: …"
            if st is None and clause_end < end and doc[clause_end].text in {",", ":"}:
                content = cl.inner_span(doc, clause_end + 1, end)
                if content is not None:
                    # "sagte X, Kommandant der Y, ohne …, dass …": the content starts at "dass"
                    dass = next((j for j in range(content.start, end) if doc[j].lower_ in {"dass", "daß"} and j not in in_quote), None)
                    if dass is not None and dass > content.start and doc[dass - 1].text == "," and not any(
                            doc[j].tag_.endswith("FIN") and j not in in_quote for j in range(content.start, dass)):
                        content = cl.inner_span(doc, dass, end)
                if content is not None and self._cue_at(doc, content.start, cl.clause_end(doc, content.start, end), lex) is not None:
                    content = None  # "…, den die Zeitung zitiert, kommentierte, …": the next cue frames it
                if content is not None and doc[clause_end].text == "," and not cl.reads_as_report(content, in_quote):
                    content = None
                if content is not None and not (content.start in in_quote and content.end - 1 in in_quote):
                    content = cl.end_of_subordinate(doc, content, in_quote)
                    speaker = self._speaker_around(doc, cue, clause_start, clause_end, lex)
                    if speaker is None and doc[clause_start].lower_ == "und" and out and out[-1].speaker is not None:
                        speaker = out[-1].speaker  # "X sagte, dass …, und gab an, …": the same subject
                    addressee = self._addressee(doc, clause_start, clause_end, lex, speaker=speaker, cue=cue)
                    correlate = [j for j in range(cue.tokens[0] + 1, clause_end) if doc[j].tag_ == "PROAV" and doc[j].lower_.startswith("da")]
                    # "verwies darauf, dass …" / "geht davon aus, dass …": the correlate belongs to the cue
                    st = self._statement("indirect", content, [*cue.tokens, *correlate[-1:]], cue, speaker, addressee, "indirect_clause", doc)
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
        end = cl.content_end(doc, sent)
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
                if phrase is not None and (word != "nach" or cl.has_source_noun(phrase, lex)):
                    frame = (i, phrase.end, phrase)
            if frame is None and "after" in positions and i > sent.start:
                phrase = phrase_left(doc, i, cl.clause_start(doc, i, sent.start), lex, need_edge=False)
                if phrase is not None and (word != "nach" or cl.has_source_noun(phrase, lex)):
                    frame = (phrase.start, i + 1, phrase)
            if frame is None:
                continue
            f_start, f_end, speaker = frame
            pieces = []
            # what the source frames: the clause before it and the rest of the sentence after it
            # ("Er ist 24 Jahre alt; demnach wäre er …": "demnach" frames only what follows it)
            left_start = cl.clause_start(doc, cl.strip_comma(doc, f_start, sent.start), sent.start)
            left = None if speaker is None and "alone" in positions else cl.inner_span(
                doc, left_start, cl.strip_comma(doc, f_start, sent.start))
            right_start = f_end + 1 if f_end < end and doc[f_end].text == "," else f_end
            semicolon = next((j for j in range(right_start, end) if doc[j].text == ";" and j not in in_quote), end)
            right = cl.inner_span(doc, right_start, semicolon)  # a semicolon starts another main clause
            pieces = [p for p in (left, right) if p is not None and len(p) >= 2]
            if not pieces:
                continue
            cue = Cue([i], word, None)
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
        end = cl.content_end(doc, sent)
        verb = next((i for i in range(sent.start, end) if doc[i].tag_.endswith("FIN") and i not in in_quote), None)
        if verb is None:
            return []
        clause_end = cl.clause_end(doc, verb, end)
        lemma = self._reported_lemma(doc, verb, clause_end, lex)
        if lemma is None or reported_precision(lemma) < self.min_reported_precision:
            return []
        needed = lex.reported_requires.get(lemma)
        if needed is not None and not any(t.lower_ == needed for t in doc[verb:clause_end]):
            return []
        if lemma == "heißen" or doc[sent.start].text == "(":
            return []
        if any(t.tag_ == "VAFIN" and t.lemma_.lower() == "werden" for t in doc[sent.start:clause_end]) and any(
                t.tag_ == "VVPP" for t in doc[verb:clause_end]):
            return []  # a passive names no speaker in subject position
        clause_start = cl.clause_start(doc, verb, sent.start)
        speaker = phrase_left(doc, verb, clause_start, lex)
        if speaker is None and doc[sent.start].tag_ in {"ADV", "APPR", "APPRART", "PROAV", "ADJD"}:
            # "In seiner Rede unterstrich General X …": the subject follows the verb
            speaker = subject_only(phrase_right(doc, skip_adjuncts(doc, verb + 1, clause_end, lex), clause_end, lex), lex)
        if speaker is None or is_dative(speaker) or speaker[0].tag_ in {"PRELS", "PDS"}:
            return []
        content = doc[sent.start : sent.end]
        while len(content) > 1 and content[-1].is_space:
            content = content[:-1]
        said = [t for t in content if not (t.is_punct or t.is_space or t.i == verb or t.tag_ == "PTKVZ" or speaker.start <= t.i < speaker.end)]
        if len(said) < 2:
            return []  # "Sie fügte hinzu." says nothing of its own
        st = Statement(kind="reported", content=[content], speaker=speaker, medium=lex.cue_medium.get(lemma),
                       evidence=("reported", f"{LEMMA_EVIDENCE}{lemma}"))
        st.frame_cue = [doc[verb : verb + 1]]  # quotes-de gives reported speech no cue; its nested quotations get the verb
        return [st]

    def _statement(self, kind, content: Span, cue_tokens, cue: Cue, speaker, addressee, rule, doc) -> Statement:
        cue_tokens = set(cue_tokens)
        # "äußerte sich", "zeigte sich überzeugt": the reflexive next to the verb belongs to the cue
        cue_tokens |= {j for t in list(cue_tokens) for j in (t - 1, t + 1)
                       if 0 <= j < len(doc) and doc[j].tag_ == "PRF" and doc[j].lower_ == "sich" and j not in range(content.start, content.end)}
        return Statement(
            kind=kind,
            content=[content],
            cue=[doc[t : t + 1] for t in sorted(cue_tokens)],
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
                    # "Sie fügte hinzu. „…“": a speech verb of that sentence frames the quotation
                    verb = next((t.i for t in sents[k - 1] if t.tag_.endswith("FIN")), None)
                    cue = self._cue_at(doc, verb, cl.clause_end(doc, verb, cl.content_end(doc, sents[k - 1])), lex) if verb is not None else None
                    if cue is not None:
                        st.cue = [doc[t : t + 1] for t in cue.tokens]
                        st.medium = st.medium or cue.medium
            anaphoric = bool(st.cue) and st.cue[0][0].lower_ in lex.prep_cues and "alone" in lex.prep_cues[st.cue[0][0].lower_]
            if st.speaker is None and anaphoric and last is not None and last.speaker is not None:
                # "Demnach …" names its source as a pronoun does: the word is the speaker mention,
                # and the entity stage links it to the source before
                st.speaker = st.cue[0]
            if st.speaker is None and not st.cue and last is not None and last.speaker is not None:
                gap = sent_of[st.content[0].start] - sent_of[last.content[-1].end - 1]
                if 0 <= gap <= INHERIT_WINDOW:
                    st.speaker = post.nearest_mention(doc, last.speaker, st.content[0].start, lex)
                    st.speaker_cluster = last.speaker_cluster
            if (st.kind == "direct" and not st.cue and st.speaker is not None and last is not None and last.cue
                    and 0 <= k - sent_of[last.content[-1].end - 1] <= 1 and post.same_head(st.speaker, last.speaker)):
                # „…“ right after another statement of the same speaker: its frame frames this one too
                st.cue = list(last.cue)
                st.medium = st.medium or last.medium
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
        recent: tuple[int, Statement] | None = None  # the last statement with a speaker, and its sentence
        for k, sent in enumerate(sents):
            if k in by_end:
                source, current = by_end[k], None
                recent = (k, source)
                continue
            if k in taken:
                source, current = None, None
                continue
            subjunctive = cl.reports_in_subjunctive(sent, in_quote)
            if not subjunctive and not cl.has_reportive_sollen(sent, in_quote):
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
            if (source is None and recent is not None and k - recent[0] <= INHERIT_WINDOW
                    and (any(t._.sagte_mood == "sub1" for t in sent if t.i not in in_quote)
                         or cl.has_reportive_perfect(sent, in_quote))):
                # Konjunktiv I a sentence or two after a statement, with narration between
                # ("Laut Polizei brannten 400 Autos. Sirenen heulten. Viele seien in Panik geflohen.")
                source = Statement(kind=recent[1].kind, content=recent[1].content, speaker=recent[1].speaker,
                                   medium=recent[1].medium, date=recent[1].date, evidence=("gap",))
                source.speaker_cluster = recent[1].speaker_cluster
            if source is None:
                continue
            # a continuation is a whole sentence, its final punctuation included (as in quotes-de)
            span = cl.inner_span(doc, sent.start, cl.content_end(doc, sent, keep_final=True))
            if span is None:
                continue
            kind = "indirect_free_indirect" if subjunctive else "free_indirect"
            if current is None or current.kind != kind:
                current = Statement(kind=kind, content=[span],
                                    speaker=post.nearest_mention(doc, source.speaker, span.start, lex) if source.speaker is not None else None,
                                    medium=source.medium, date=source.date,
                                    evidence=(CONTINUATION_RULES.get(source.evidence, "continuation"),))
                current.speaker_cluster = source.speaker_cluster
                current.frame_cue = list(source.cue or source.frame_cue)
                out.append(current)
            else:
                current.content = [doc[current.content[0].start : span.end]]
        return out

    # -- pass 5: nested quotations ----------------------------------------------------------------
    def _nested(self, doc, statements, pairs: list[QuotePair]) -> list[Statement]:
        out = []
        for st in statements:
            if st.kind == "direct":
                continue
            for pair in pairs:
                inner = doc[pair.open + 1 : pair.close]
                if pair.close - pair.open - 1 < self.min_direct_tokens and cl.reads_as_name(inner):
                    continue  # a name or title in quotation marks („Xinhua“, „Graf Zeppelin“)
                if any(c.start <= pair.open and pair.close < c.end for c in st.content):
                    out.append(Statement(kind="direct", content=[doc[pair.open : pair.close + 1]], speaker=st.speaker,
                                         cue=list(st.cue or st.frame_cue), medium=st.medium, evidence=("nested",)))
                    out[-1].speaker_cluster = st.speaker_cluster
        return out
