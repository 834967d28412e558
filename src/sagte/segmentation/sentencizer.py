"""A sentence splitter that knows German news punctuation.

A sentence ends after ``.``, ``!``, ``?`` or ``…`` (standalone tokens: spaCy keeps the period of
"z. B.", "Dr." and "20." inside the token), together with any closing quotation marks and
brackets that follow, when the next word starts a sentence (capital letter, digit, opening
mark). Paragraph breaks always end a sentence. A sentence is also cut after ``max_length``
tokens so that one endless sentence cannot make later stages slow.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSERS = frozenset({"“", "”", "«", "»", "‘", "’", '"', ")", "]", "›", "‹"})
OPENERS = frozenset({"„", "»", "«", "‚", '"', "(", "[", "“", "›", "‹", "-", "–"})
DEFAULT_MAX_LENGTH = 400


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or text in OPENERS


@Language.factory(
    "sagte_sentencizer",
    assigns=["token.is_sent_start"],
    default_config={"max_length": DEFAULT_MAX_LENGTH},
)
def make_sentencizer(nlp: Language, name: str, *, max_length: int) -> "GermanSentencizer":
    return GermanSentencizer(nlp, name, max_length=max_length)


class GermanSentencizer:
    def __init__(self, nlp: Language, name: str = "sagte_sentencizer", *, max_length: int = DEFAULT_MAX_LENGTH):
        self.name = name
        self.max_length = max_length

    def __call__(self, doc: Doc) -> Doc:
        starts = self.sentence_starts(doc)
        if len(doc):
            # one array write: setting token.is_sent_start one by one costs O(n) each in spaCy
            flags = numpy.full((len(doc), 1), -1, dtype="int64")
            flags[sorted(starts), 0] = 1
            doc.from_array([SENT_START], flags.astype("uint64"))  # spaCy's attribute arrays are uint64
        return doc

    def sentence_starts(self, doc: Doc) -> set[int]:
        n = len(doc)
        starts = {0} if n else set()
        last = 0
        i = 0
        while i < n:
            token = doc[i]
            end = None
            if "\n" in token.text and token.is_space:
                end = i + 1
            elif token.text in TERMINALS:
                j = i + 1
                while j < n and doc[j].text in CLOSERS:
                    j += 1
                k = j
                while k < n and doc[k].is_space and "\n" not in doc[k].text:
                    k += 1
                if k >= n or doc[k].is_space or _starts_sentence(doc[k].text):
                    end = j
                i = j - 1
            if end is None and i - last + 1 >= self.max_length:
                end = i + 1
            if end is not None and end < n:
                # a sentence never starts with whitespace: attach it to the previous one
                while end < n and doc[end].is_space:
                    end += 1
                if end < n:
                    starts.add(end)
                    last = end
                i = max(i, end - 1)
            i += 1
        return starts
