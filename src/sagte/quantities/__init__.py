"""Quantities: the ``sagte_quantities`` stage (numbers, units, hedges, ranges)."""

from .component import Quantities
from .numbers import parse_digits, parse_number_word
from .tagger import Amount, QuantityTagger

__all__ = ["Amount", "Quantities", "QuantityTagger", "parse_digits", "parse_number_word"]
