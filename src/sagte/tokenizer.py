"""German tokenizer: spaCy's, with quotation marks split off wherever they touch words.

spaCy's German rules already split „…“ from words at token edges; news text also glues
marks to punctuation ("sagte:„Nein") and to each other, so those are added as infixes.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

QUOTE_CHARS = "„“”»«‚‘’\"›‹"

EXTRA_INFIXES = (
    rf"[:;,](?=[{QUOTE_CHARS}])",  # sagte:„Nein
    rf"(?<=[:;,.!?…])[{QUOTE_CHARS}]",  # :„
    rf"[{QUOTE_CHARS}](?=[:;,.!?…])",  # “,
    rf"[{QUOTE_CHARS}](?=[{QUOTE_CHARS}])",  # “„
    rf"(?<=[{QUOTE_CHARS}])[{QUOTE_CHARS}]",
)


#: single guillemets are not in spaCy's German prefixes and suffixes
EXTRA_EDGES = (r"[›‹]",)


def customize_tokenizer(nlp: Language) -> Language:
    infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.prefix_search = compile_prefix_regex(list(nlp.Defaults.prefixes) + list(EXTRA_EDGES)).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + list(EXTRA_EDGES)).search
    return nlp
