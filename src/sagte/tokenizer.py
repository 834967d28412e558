"""German tokenizer: spaCy's, with quotation marks split off wherever they touch words.

spaCy's German rules already split „…“ from words at token edges; news text also glues
marks to punctuation ("sagte:„Nein") and to each other, so those are added as infixes.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex

QUOTE_CHARS = "„“”»«‚‘’\"›‹"

EXTRA_INFIXES = (
    rf"[:;,](?=[{QUOTE_CHARS}])",  # sagte:„Nein
    rf"(?<=[:;,.!?…])[{QUOTE_CHARS}]",  # :„
    rf"[{QUOTE_CHARS}](?=[:;,.!?…])",  # “,
    rf"[{QUOTE_CHARS}](?=[{QUOTE_CHARS}])",  # “„
    rf"(?<=[{QUOTE_CHARS}])[{QUOTE_CHARS}]",
)


def customize_tokenizer(nlp: Language) -> Language:
    infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp
