"""Finding a speaker's noun phrase next to a cue, without a parser.

German news names sources in a few shapes: a name ("Olaf Scholz"), a determiner phrase with
titles and genitives ("der Sprecher des Innenministeriums", "ein Vertreter von EADS"), a
pronoun ("er", "man"), with an optional party or acronym in brackets ("(CDU)") and an
apposition between commas ("Markus Feld, Fraktionschef der Opposition,"). These helpers read
such a phrase from a start token to the right, or back from a cue to the left, and stop at
punctuation, verbs and adjuncts. They use the STTS tags of the morphology stage where a token
has one, and the token's spelling where it has none.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .lexicon import SpeechLexicon

MAX_PHRASE = 20
#: short adjuncts allowed between a cue verb and its speaker
MAX_ADJUNCT = 4
#: longest apposition ("ein Repräsentant aus Minnesota und Marineoberst außer Dienst")
MAX_APPOSITION = 14

NAME_TAGS = frozenset({"NN", "NE", "FM", "TRUNC", "XY"})
DET_TAGS = frozenset({"ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "PRELAT", "PWAT", "CARD"})
PRON_TAGS = frozenset({"PPER", "PIS", "PDS", "PRELS"})
MOD_TAGS = frozenset({"ADJA"})
PREPOSITIONS = frozenset({"am", "im", "vor", "gegenüber", "in", "auf", "bei", "beim", "nach", "während", "über", "mit", "an",
                          "aus", "seit", "zu", "zum", "zur", "unter"})

#: determiners that open a genitive after a head noun ("Angaben einer Gewerkschaft")
GENITIVE_DETERMINERS = frozenset({"des", "der", "eines", "einer", "aller"})
#: prepositions whose phrase belongs to the speaker ("ein Reporter aus Leicestershire")
ATTACHED_PREPOSITIONS = frozenset({"aus", "für", "im", "in", "bei", "beim", "von", "vom"})

NAME, DET, PRON, MOD, LINK, OTHER = "name", "det", "pron", "mod", "link", "other"


def word_class(tok: Token, lex: SpeechLexicon) -> str:
    """The role a token can play inside a speaker phrase."""
    text, tag = tok.text, tok.tag_
    if text in lex.genitive_links:
        return LINK
    if tok._.sagte_time_token:
        return OTHER
    if _brand(text) or ("-" in text.strip("-") and text.rsplit("-", 1)[1][:1].isupper()):
        return NAME  # "n-tv", "39-Jährige", "US-Präsident"
    if text[:1].isupper() and not tok.is_sent_start and text.lower() not in lex.non_names and tag not in DET_TAGS | PRON_TAGS:
        return NAME  # a capitalised word inside a sentence is a noun or a name, whatever the tagger says
    if tag:
        if tag in NAME_TAGS or (tag == "ADJA" and text[:1].isupper() and not tok.is_sent_start):
            # "39-Jährige", "n-tv" count; an all-lowercase word tagged as a noun is a tagger slip
            return OTHER if text.isalpha() and text.islower() else NAME
        if tag == "CARD" and any(c.isdigit() for c in text) and any(c.isalpha() for c in text):
            return NAME  # "n24", "G20"
        if tag in DET_TAGS:
            return DET
        if tag in PRON_TAGS:
            return PRON
        if tag in MOD_TAGS:
            return MOD
        return OTHER  # adverbs, verbs, prepositions, punctuation ("Ähnlich äußerte sich …")
    low = text.lower()
    if low in lex.determiners:
        return DET
    if low in lex.pronouns:
        return PRON
    if _name_like(text, lex):
        return NAME
    if text.isalpha() and text.islower() and text.endswith(("e", "en", "er", "es", "em")):
        return MOD
    return OTHER


def _brand(text: str) -> bool:
    """A lowercase brand with digits, hyphens or inner capitals ("n-tv", "n24", "eHomes")."""
    return len(text) > 1 and text[:1].islower() and not text.endswith("-") and any(
        c.isdigit() or c == "-" or c.isupper() for c in text[1:])


def _name_like(text: str, lex: SpeechLexicon) -> bool:
    if text[:1].isupper():
        return text.lower() not in lex.non_names or text.isupper()
    return _brand(text)


def phrase_right(doc: Doc, start: int, end: int, lex: SpeechLexicon, *, apposition: bool = True) -> Span | None:
    """The noun phrase that starts at ``start`` (within ``[start, end)``), or None."""
    i = start
    if i >= end:
        return None
    first = doc[i]
    if (first.lower_ in lex.pronouns and first.tag_ in {"", "PPER", "PIS"}) or first.tag_ in {"PRELS", "PDS"}:
        return doc[i : i + 1]
    has_head = False
    while i < end and i - start < MAX_PHRASE:
        tok = doc[i]
        cls = word_class(tok, lex)
        if cls == DET or (cls == PRON and tok.lower_ in lex.determiners):
            after_link = i > start and (word_class(doc[i - 1], lex) == LINK or doc[i - 1].lower_ in ATTACHED_PREPOSITIONS
                                        or doc[i - 1].lower_ == "und")
            if has_head and tok.lower_ not in GENITIVE_DETERMINERS and not after_link:
                break
            if has_head and not after_link and doc[i - 1].tag_ == "NE" and tok.lower_ in GENITIVE_DETERMINERS:
                break  # a name takes no genitive: "des BMI | der Verbesserung"
            i += 1
            continue
        if cls == NAME:
            has_head = True
            i += 1
            continue
        if tok.text in {"-", "–"} and has_head and i + 1 < end and word_class(doc[i + 1], lex) == NAME:
            i += 1
            continue
        if cls == MOD and (not has_head or word_class(doc[i - 1], lex) == DET or
                           (i + 1 < end and word_class(doc[i + 1], lex) == NAME)):
            i += 1  # "Meinung politischer Beobachter"
            continue
        if (has_head and tok.lower_ in ATTACHED_PREPOSITIONS and i + 1 < end and not doc[i + 1]._.sagte_time_token and (
                word_class(doc[i + 1], lex) in {NAME, DET}
                or word_class(doc[i + 1], lex) == MOD and i + 2 < end and word_class(doc[i + 2], lex) == NAME)):
            i += 1  # "Sascha Kempf vom Max-Planck-Institut für Kernphysik in Heidelberg", "Airbus im französischen Toulouse"
            continue
        if has_head and tok.lower_ == "vom" and i + 1 < end and doc[i + 1]._.sagte_time_token:
            while i + 1 < end and doc[i + 1]._.sagte_time_token:
                i += 1  # "einer Erklärung vom vergangenen Freitag"
            i += 1
            continue
        if cls == LINK and has_head and i + 1 < end and (word_class(doc[i + 1], lex) == NAME or (
                word_class(doc[i + 1], lex) == DET and doc[i + 1].tag_ in {"ART", "PPOSAT", ""})):
            i += 1  # "von der Polizei", not "von weniger Auseinandersetzungen"
            continue
        if tok.text in {"„", "»", '"'} and (has_head or i == start or word_class(doc[i - 1], lex) == DET) and (
                i + 1 < end and doc[i + 1].text[:1].isupper()):
            # a quoted name: „Automobilwoche“, die „Computerwoche“
            close = next((j for j in range(i + 1, min(end, i + 8)) if doc[j].text in {"“", "«", '"', "”"}), None)
            if close is None or close == i + 1:
                break
            has_head = True
            i = close + 1
            if i < end and word_class(doc[i], lex) == NAME:
                break  # „Reuters“ Warnschüsse …: the quoted name ends the phrase
            continue
        if tok.text == "(" and has_head:
            close = next((j for j in range(i + 1, min(end, i + 10)) if doc[j].text == ")"), None)
            if close is None:
                break
            i = close + 1
            continue
        if tok.lower_ == "und" and has_head and i + 1 < end and word_class(doc[i + 1], lex) == NAME and (
                i + 2 >= end or word_class(doc[i + 2], lex) in {NAME, OTHER}):
            i += 1  # "Sonia und Willy Bogner"
            continue
        if tok.lower_ == "und" and has_head and i + 2 < end and doc[i + 1].tag_ == "ART" and word_class(doc[i + 2], lex) in {NAME, MOD}:
            i += 1  # "Angaben der New York Times und der Los Angeles Times"
            continue
        break
    while i > start and (word_class(doc[i - 1], lex) in {DET, LINK} or doc[i - 1].lower_ in ATTACHED_PREPOSITIONS):
        i -= 1
    if not has_head or i <= start:
        return None
    phrase = doc[start:i]
    if apposition:
        phrase = extend_apposition(doc, phrase, end, lex)
    return phrase


def extend_apposition(doc: Doc, phrase: Span, end: int, lex: SpeechLexicon) -> Span:
    """``Markus Feld, Fraktionschef der Opposition,`` → the phrase with its apposition, when a
    comma-enclosed noun phrase follows and the comma after it closes it."""
    i = phrase.end
    if i + 1 >= end or doc[i].text != ",":
        return phrase
    close = next((j for j in range(i + 1, min(end, i + 2 + MAX_APPOSITION)) if doc[j].text == ","), None)
    if close is None:
        if end - i - 1 > MAX_APPOSITION:
            return phrase
        close = end  # "…, sagte der Nachfolger des Chefs, Louis Gallois.": the apposition ends the clause
        while close > i + 1 and (doc[close - 1].is_punct or doc[close - 1].is_space):
            close -= 1
    inner = phrase_right(doc, i + 1, close, lex, apposition=False)
    if inner is None or inner.start != i + 1:
        return phrase
    # the apposition may go on with a prepositional phrase ("ein Repräsentant aus Minnesota")
    j = inner.end
    while j < close and (doc[j].lower_ in PREPOSITIONS | {"und", "für", "von", "vom", "außer"} or word_class(doc[j], lex) in {NAME, DET, MOD, LINK}):
        j += 1
    if j != close:
        return phrase
    return doc[phrase.start : close]


def phrase_left(doc: Doc, end: int, start: int, lex: SpeechLexicon, *, need_edge: bool = True) -> Span | None:
    """The noun phrase that ends right before ``end`` and fills the stretch back to a clause
    edge at or after ``start``; None when something else (an adverbial, a verb) is there.
    An apposition between commas ("X, Sprecher der Y, sagte") belongs to the phrase."""
    i = end
    if i - 1 >= start and doc[i - 1].text == ",":
        # "Markus Feld, Fraktionschef der Opposition, sagte": find the phrase the apposition follows
        opening = next((j for j in range(i - 2, max(start, i - 2 - MAX_APPOSITION) - 1, -1) if doc[j].text == ","), None)
        if opening is not None:
            head = phrase_left(doc, opening, start, lex)
            if head is not None:
                full = extend_apposition(doc, doc[head.start : head.end], end, lex)
                if full.end == i - 1:
                    return full
        return None
    while i > start and end - i < MAX_PHRASE:
        tok = doc[i - 1]
        if tok.text == ")":
            opening = next((j for j in range(i - 2, max(start, i - 12) - 1, -1) if doc[j].text == "("), None)
            if opening is not None:
                i = opening
                continue
        if tok.text in {"“", "«", '"', "”"}:
            # a quoted name: „BBC News“ berichtet, die Zeitung „Die Welt“ schreibt
            opening = next((j for j in range(i - 2, max(start, i - 8) - 1, -1) if doc[j].text in {"„", "»", '"'}), None)
            if opening is not None and doc[opening + 1].text[:1].isupper():
                i = opening
                continue
        if word_class(tok, lex) in {NAME, DET, LINK, MOD, PRON} or tok.text in {"-", "–"} or tok.lower_ == "und":
            i -= 1
            continue
        break
    if i == end:
        return None
    edge = i == start or doc[i - 1].is_punct or doc[i - 1].is_space or doc[i - 1].lower_ in {"und", "aber", "doch", "denn", "wie", "als", "wobei", "dass"} or (
        doc[i - 1].tag_ == "ADV" and doc[i - 1].is_sent_start)  # "Auch viele Minister erklärten …"
    if need_edge and not edge:
        return None
    if not need_edge:
        # "befanden sich Berichten zufolge": keep the phrase that ends at ``end``
        while i < end and word_class(doc[i], lex) not in {NAME, DET, MOD}:
            i += 1
    phrase = phrase_right(doc, i, end, lex, apposition=False)
    if phrase is None or phrase.end != end:
        return None
    return phrase


def is_dative(phrase: Span) -> bool:
    """"Der Zeitung" / "dem Sender": an addressee in front of the verb, not a subject."""
    first = phrase[0].lower_
    if first == "dem":
        return True
    return first == "der" and len(phrase) > 1 and phrase[1].tag_ == "ADJA" and phrase[1].lower_.endswith("en")


def skip_adjuncts(doc: Doc, i: int, end: int, lex: SpeechLexicon) -> int:
    """Skip a short adverbial after a cue ("am Dienstag", "dazu", "vor der Presse")."""
    steps = 0
    while i < end and steps < MAX_ADJUNCT:
        tok = doc[i]
        low = tok.lower_
        if ((low in lex.adjuncts and (tok.text[:1].islower() or tok.is_sent_start)) or tok.tag_ in {"ADV", "PTKNEG", "ADJD", "PRF"}
                or low in lex.object_pronouns):  # "sagte ihm der Minister", "so charakterisierte ihn X"
            if low in PREPOSITIONS or tok.tag_ in {"APPR", "APPRART"}:
                phrase = phrase_right(doc, i + 1, end, lex, apposition=False)
                i = phrase.end if phrase is not None else i + 1
            else:
                i += 1
            steps += 1
            continue
        if tok.tag_ in {"APPR", "APPRART"} and low not in {"zu", "gegenüber"}:
            phrase = phrase_right(doc, i + 1, end, lex, apposition=False)
            if phrase is None:
                break
            i = phrase.end
            steps += 1
            continue
        break
    return i
