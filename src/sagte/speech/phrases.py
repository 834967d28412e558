"""Finding a speaker's noun phrase next to a cue, without a parser.

German news names sources in a few shapes: a name ("Olaf Scholz"), a determiner phrase with
titles and genitives ("der Sprecher des Innenministeriums", "ein Vertreter von EADS"), a
pronoun ("er", "man"), with an optional party or acronym in brackets ("(CDU)"). These helpers
read such a phrase from a start token to the right, or back from a cue to the left, and stop at
punctuation, verbs and adjuncts.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .lexicon import SpeechLexicon

MAX_PHRASE = 20
#: short adjuncts allowed between a cue verb and its speaker
MAX_ADJUNCT = 4


def _is_name_like(text: str, lex: SpeechLexicon) -> bool:
    """Capitalised (nouns, names, "Dr.") and not a function word that opens a sentence;
    or a lowercase brand with digits, hyphens or inner capitals ("n-tv", "n24", "eHomes")."""
    if text[:1].isupper():
        return text.lower() not in lex.non_names or text.isupper()
    if text[:1].islower() and len(text) > 1 and any(c.isdigit() or c == "-" or c.isupper() for c in text[1:]):
        return not text.endswith("-")
    return len(text) > 1 and text[0].isdigit() and text[-1] == "."


def _is_modifier(text: str) -> bool:
    """Inflected adjectives and participles ("deutsche", "stellvertretende", "ehemaligen")."""
    return text.isalpha() and text.islower() and text.endswith(("e", "en", "er", "es", "em"))


def phrase_right(doc: Doc, start: int, end: int, lex: SpeechLexicon) -> Span | None:
    """The noun phrase that starts at ``start`` (within ``[start, end)``), or None."""
    i = start
    if i >= end:
        return None
    if doc[i].lower_ in lex.pronouns:
        return doc[i : i + 1]
    has_head = False
    while i < end and i - start < MAX_PHRASE:
        tok = doc[i]
        text = tok.text
        if text.lower() in lex.determiners and (i == start or text.islower()):
            if has_head and text not in {"des", "der"}:
                break
            i += 1
            continue
        if _is_name_like(text, lex) and text.lower() not in lex.pronouns:
            has_head = True
            i += 1
            continue
        if text in {"-", "–"} and has_head:
            i += 1
            continue
        if _is_modifier(text) and not has_head:
            i += 1
            continue
        if text in lex.genitive_links and has_head and i + 1 < end and (_is_name_like(doc[i + 1].text, lex) or doc[i + 1].text in lex.determiners):
            i += 1
            continue
        if text == "(" and has_head:
            close = next((j for j in range(i + 1, min(end, i + 8)) if doc[j].text == ")"), None)
            if close is None:
                break
            i = close + 1
            continue
        break
    if not has_head:
        return None
    # never end on a determiner or link word
    while i > start and (doc[i - 1].text in lex.determiners or doc[i - 1].text in lex.genitive_links):
        i -= 1
    return doc[start:i] if i > start else None


def phrase_left(doc: Doc, end: int, start: int, lex: SpeechLexicon) -> Span | None:
    """The noun phrase that ends right before ``end`` and fills the stretch back to a clause
    edge at or after ``start``; None when something else (an adverbial, a verb) is there."""
    i = end
    while i > start and end - i < MAX_PHRASE:
        text = doc[i - 1].text
        if text == ")":
            opening = next((j for j in range(i - 2, max(start, i - 12) - 1, -1) if doc[j].text == "("), None)
            if opening is not None:
                i = opening
                continue
        if _is_name_like(text, lex) or text.lower() in lex.determiners or text in lex.genitive_links or _is_modifier(text) or text in {"(", ")", "-", "–"}:
            i -= 1
            continue
        if text.lower() in lex.pronouns:
            i -= 1
            continue
        break
    if i == end:
        return None
    edge = i == start or doc[i - 1].is_punct or doc[i - 1].is_space or doc[i - 1].lower_ in {"und", "aber", "doch", "denn", "wie", "als", "wobei"}
    if not edge:
        return None
    phrase = phrase_right(doc, i, end, lex)
    if phrase is None or phrase.end != end:
        # the stretch holds more than one phrase (e.g. "Am Dienstag Merkel"): keep the last one
        return None
    return phrase


def skip_adjuncts(doc: Doc, i: int, end: int, lex: SpeechLexicon) -> int:
    """Skip a short adverbial after a cue ("am Dienstag", "dazu", "vor der Presse")."""
    steps = 0
    while i < end and steps < MAX_ADJUNCT:
        text = doc[i].text
        if text.lower() in lex.adjuncts and not text[:1].isupper() or text in {"Am", "Im"}:
            # a preposition takes its phrase with it
            if text.lower() in {"am", "im", "vor", "gegenüber", "in", "auf", "bei", "beim", "nach", "während", "über", "mit", "an", "aus", "seit", "zu", "zum", "zur", "unter"}:
                phrase = phrase_right(doc, i + 1, end, lex)
                i = phrase.end if phrase is not None else i + 1
            else:
                i += 1
            steps += 1
            continue
        break
    return i
