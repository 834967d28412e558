"""Sentence boundaries for German news text (rule-based, linear time)."""

from .sentencizer import GermanSentencizer

__all__ = ["GermanSentencizer"]
