"""Main text (and date) of an HTML article, via trafilatura (extra ``html``)."""

from __future__ import annotations

from .errors import InputError


def html_to_text(html: str, *, source: str = "input") -> str:
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{source} is HTML; reading HTML needs the html extra: pip install 'sagte[html]'.") from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(f"{source}: no article text found in the HTML (is it a news page?).")
    return text
