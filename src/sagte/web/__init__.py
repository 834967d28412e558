"""The web UI and HTTP API (``sagte serve``): FastAPI, Jinja2 templates, no build step.

>>> from sagte.web import create_app
>>> app = create_app("corpus.db")            # doctest: +SKIP
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
