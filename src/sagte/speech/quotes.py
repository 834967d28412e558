"""Pairing German quotation marks, with an explicit refusal to guess.

German news writes „…“ (the closing mark is U+201C, the *opening* mark in English), »…«,
Swiss «…», nested ‚…‘ and typewriter "…". :func:`find_quotes` pairs them with a stack, per
paragraph, and returns every balanced pair with its depth. An opening mark that is never
closed in its paragraph (or a closing mark that was never opened) makes the paragraph
*unbalanced*: nothing inside it that depends on the unmatched mark is returned, and the
refusal is reported so the caller can say so.

Runs in linear time in the number of tokens; depth is capped at ``MAX_DEPTH``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

MAX_DEPTH = 3

#: opening mark -> the closing marks that may end it
PAIRS: dict[str, frozenset[str]] = {
    "„": frozenset({"“", "”"}),
    "»": frozenset({"«"}),
    "«": frozenset({"»"}),
    "‚": frozenset({"‘", "’"}),
    "›": frozenset({"‹"}),
    "“": frozenset({"”"}),
    '"': frozenset({'"'}),
}
ALL_MARKS = frozenset(PAIRS) | frozenset(m for closers in PAIRS.values() for m in closers)
#: marks that can only close
CLOSE_ONLY = ALL_MARKS - frozenset(PAIRS)


@dataclass(frozen=True)
class QuotePair:
    """A balanced pair of marks: token indices of the opening and the closing mark."""

    open: int
    close: int
    depth: int  # 0 = outermost

    @property
    def inner(self) -> tuple[int, int]:
        """Token range strictly inside the marks."""
        return self.open + 1, self.close


@dataclass(frozen=True)
class Refusal:
    token: int
    reason: str


def _paragraphs(doc: Doc) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            if start < token.i:
                bounds.append((start, token.i))
            start = token.i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def _straight_opens(doc: Doc, i: int) -> bool:
    """A typewriter quote opens when nothing word-like is glued before it."""
    if i == 0:
        return True
    prev = doc[i - 1]
    return bool(prev.whitespace_) or prev.is_space or prev.text in {"(", "[", ":", "„", "»", "‚"}


def _can_open(doc: Doc, i: int, mark: str) -> bool:
    if mark not in PAIRS:
        return False
    if mark in {'"', "“"}:  # typewriter and English-style marks open only before a word
        return _straight_opens(doc, i)
    return True


def find_quotes(doc: Doc) -> tuple[list[QuotePair], list[Refusal]]:
    """All balanced quotation pairs of ``doc`` and the places where pairing was refused."""
    pairs: list[QuotePair] = []
    refusals: list[Refusal] = []
    for start, end in _paragraphs(doc):
        stack: list[tuple[str, int]] = []
        found: list[QuotePair] = []
        refusal: Refusal | None = None
        for i in range(start, end):
            mark = doc[i].text
            if mark not in ALL_MARKS:
                continue
            if stack and mark in PAIRS[stack[-1][0]]:
                _, at = stack.pop()
                found.append(QuotePair(at, i, len(stack)))
            elif _can_open(doc, i, mark):
                if len(stack) >= MAX_DEPTH:
                    refusal = Refusal(i, f"quotation marks nested deeper than {MAX_DEPTH} levels")
                    break
                stack.append((mark, i))
            elif any(mark in PAIRS[o] for o, _ in stack):
                refusal = Refusal(i, f"'{mark}' closes an outer quotation while an inner one is still open")
                break
            else:
                refusal = Refusal(i, f"closing '{mark}' without an opening mark")
                break
        if refusal is None and stack:
            opener, at = stack[0]
            refusal = Refusal(at, f"opening '{opener}' is never closed in its paragraph")
        if refusal is not None:
            refusals.append(refusal)
            # keep what closed before the trouble; refuse to guess about the rest
            found = [p for p in found if p.close < refusal.token and not any(o < p.open for _, o in stack)]
        pairs.extend(found)
    pairs.sort(key=lambda p: p.open)
    return pairs, refusals
