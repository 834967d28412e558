"""sagte: who said what, when, about whom, in German news.

>>> import sagte
>>> doc = sagte.analyze("„Wir prüfen das“, sagte die Ministerin.", date="2025-02-12")
>>> doc.statements[0].speaker.text
'die Ministerin'
"""

from __future__ import annotations

from .analyze import analyze, analyze_many, load
from .document import SCHEMA_VERSION, Document

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "load", "Document", "SCHEMA_VERSION", "__version__"]
