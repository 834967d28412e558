"""After extraction: speakers' nearest mentions, statement dates, overlaps, nesting."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .lexicon import SpeechLexicon
from .model import Statement
from .phrases import phrase_left


def nearest_mention(doc: Doc, speaker: Span, before: int, lex: SpeechLexicon) -> Span:
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


def real_speaker(speaker: Span | None, lex: SpeechLexicon) -> Span | None:
    """The speaker, unless it is an expletive that names no one ("Es wird angenommen, dass …")."""
    if speaker is None:
        return None
    if len(speaker) == 1 and speaker[0].lower_ in lex.expletives:
        return None
    return speaker


def same_head(a: Span | None, b: Span | None) -> bool:
    """Two mentions of one source: the same span, or the same last word ("Suttner")."""
    if a is None or b is None:
        return False
    return (a.start, a.end) == (b.start, b.end) or a[-1].text == b[-1].text


def said_when(doc: Doc, st: Statement) -> str | None:
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


def drop_overlaps(statements: list[Statement]) -> list[Statement]:
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


def link_parents(statements: list[Statement]) -> None:
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
