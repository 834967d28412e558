"""Clause and sentence helpers of the speech stage: token ranges, edges, and the tests that
decide whether words read as speech or as a report."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .lexicon import SpeechLexicon
from .model import Statement
from .quotes import QuotePair

#: clause-ending punctuation
CLAUSE_END = frozenset({",", ";", ":", ".", "!", "?", "…", "(", ")", "–"})
SENT_END = frozenset({".", "!", "?", "…"})
SUBORDINATORS = frozenset({"dass", "daß", "ob", "wie", "wer", "was", "warum", "wann", "wo", "weshalb", "wieso", "inwiefern"})


def quoted_tokens(doc: Doc, pairs: list[QuotePair]) -> set[int]:
    inside: set[int] = set()
    for p in pairs:
        if p.depth == 0:
            inside.update(range(p.open, p.close + 1))
    return inside


def sentence_index(doc: Doc, sents: list[Span]) -> list[int]:
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


def covered_tokens(statements: list[Statement]) -> set[int]:
    return {i for st in statements for c in st.content for i in range(c.start, c.end)}


def clause_start(doc: Doc, i: int, sent_start: int) -> int:
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


def clause_end(doc: Doc, i: int, end: int) -> int:
    j = i
    while j < end and doc[j].text not in CLAUSE_END:
        j += 1
    return j


def content_end(doc: Doc, sent: Span, *, keep_final: bool = False) -> int:
    """End of the sentence without trailing whitespace and (unless ``keep_final``) its final punctuation."""
    j = sent.end
    while j > sent.start and (doc[j - 1].is_space or (not keep_final and doc[j - 1].text in SENT_END)):
        j -= 1
    return j


def strip_comma(doc: Doc, j: int, start: int) -> int:
    while j > start and (doc[j - 1].text in {",", "–", "-"} or doc[j - 1].is_space):
        j -= 1
    return j


def inner_span(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_space or doc[start].text in {",", ":"}):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if end - start >= 1 else None


def has_source_noun(phrase: Span, lex: SpeechLexicon) -> bool:
    """"Angaben", "Polizeiangaben", "Meinung", "Studie" … (compounds count by their last part)."""
    return any(t.text in lex.source_nouns or any(t.lower_.endswith(n.lower()) for n in lex.source_nouns if len(n) > 5)
               for t in phrase if t.text[:1].isupper())


def reads_as_speech(span: Span) -> bool:
    """Quoted words that are said, not named: a finite verb, a sentence's end, or lowercase
    words ("„unter Druck stehenden Soldaten“"), unlike a title ("„Hvalur 9“")."""
    if span[-1].text in SENT_END or any(t.tag_.endswith("FIN") for t in span):
        return True
    words = [t for t in span if t.is_alpha]
    return not any(t.tag_ for t in span) or sum(t.text[:1].islower() for t in words) >= 2


#: words that open a clause of comparison, condition or content, where Konjunktiv II reports nothing
CONDITION_OPENERS = SUBORDINATORS | {"als", "wenn", "falls"}
#: share of names, foreign words and numbers that makes quoted words a name
NAME_SHARE = 0.5
#: words that join a new main clause to the one before ("…, denn bisher gibt es …")
MAIN_CLAUSE_JOINERS = frozenset({"und", "aber", "denn", "doch", "sondern", "oder"})


def end_of_subordinate(doc: Doc, content: Span, in_quote: set[int]) -> Span:
    """A "dass/ob/weil" clause ends where a main clause in the indicative follows it: "dass
    ein Haftbefehl besteht | , und gab an, …" / "dass er gesucht werde | , hatte dieser
    versucht, …". Relative clauses inside it and clauses in Konjunktiv go on."""
    if content[0].lower_ not in SUBORDINATORS:
        return content
    for j in range(content.start + 2, content.end - 1):
        if doc[j].text != "," or j in in_quote or not doc[j - 1].tag_.startswith("V"):
            continue
        k = j + 1
        if doc[k].lower_ in MAIN_CLAUSE_JOINERS:
            k += 1
        verb = next((m for m in (k, k + 1) if m < content.end and doc[m].tag_.endswith("FIN")), None)
        if verb is not None and doc[verb]._.sagte_mood not in {"sub1", "sub2"} and doc[verb].text[:1].islower():
            return doc[content.start : j]
    return content


def reads_as_name(span: Span) -> bool:
    """Quoted words that name something („Xinhua“, „Pelle-Romeo“): mostly names, foreign words
    and numbers."""
    words = [t for t in span if t.is_alpha or t.like_num]
    if not words or any(t.tag_.endswith("FIN") for t in span):
        return False
    # quoted nouns are words someone used („Gesindel“, „Gefälschte Demokratie“); names and
    # foreign titles are mostly names and foreign words („Partij voor de Vrijheid“, „Hvalur 9“)
    return sum(t.tag_ in {"NE", "FM"} or t.like_num for t in words) >= NAME_SHARE * len(words)


def reads_as_report(content: Span, in_quote: set[int]) -> bool:
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


def has_reportive_sollen(sent: Span, in_quote: set[int]) -> bool:
    """"Er soll den Anschlag geplant haben": indicative "soll/sollen" passes on what others say
    (quotes-de's FreeIndirect)."""
    return any(t.i not in in_quote and t.lower_ in {"soll", "sollen"} and t.tag_ == "VMFIN" for t in sent)


def has_reportive_perfect(sent: Span, in_quote: set[int]) -> bool:
    """"soll … geschossen haben", "sollen … abgebrannt sein": reportive "sollen" with a perfect
    infinitive, which only passes on what others say."""
    if not has_reportive_sollen(sent, in_quote):
        return False
    return any(t.i not in in_quote and t.lower_ in {"haben", "sein"} and t.i > sent.start
               and sent.doc[t.i - 1].tag_ == "VVPP" for t in sent)


def has_subjunctive(sent: Span, in_quote: set[int]) -> bool:
    return any(t._.sagte_mood in {"sub1", "sub2"} for t in sent if t.i not in in_quote)


def reports_in_subjunctive(sent: Span, in_quote: set[int]) -> bool:
    """Konjunktiv that passes on what someone said: Konjunktiv I anywhere, or Konjunktiv II in
    a main clause ("Fluggäste könnten nur noch …"), but not in a clause of comparison or
    condition ("wie sehr das die Welt verändern würde", "Sollte das nicht gelingen, …")."""
    doc = sent.doc
    for t in sent:
        if t.i in in_quote or t._.sagte_mood not in {"sub1", "sub2"}:
            continue
        if t._.sagte_mood == "sub1":
            return True
        if t.i == sent.start:
            continue  # "Sollte das nicht gelingen, …"
        first = doc[clause_start(doc, t.i, sent.start)]
        if first.tag_ in {"KOUS", "PWAV", "PRELS", "PRELAT", "KOKOM"} or first.lower_ in CONDITION_OPENERS:
            continue
        return True
    return False
