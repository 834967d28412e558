"""Statement extraction (first version: direct quotes only; frames follow)."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Statement
from .quotes import Refusal, find_quotes


class SpeechExtractor:
    def __init__(self, *, min_direct_tokens: int = 4):
        self.min_direct_tokens = min_direct_tokens

    def __call__(self, doc: Doc) -> tuple[list[Statement], list[Refusal]]:
        pairs, refusals = find_quotes(doc)
        statements = []
        for pair in pairs:
            if pair.depth == 0 and pair.close - pair.open - 1 >= self.min_direct_tokens:
                statements.append(Statement(kind="direct", content=[doc[pair.open : pair.close + 1]], confidence=0.5))
        return statements, refusals
