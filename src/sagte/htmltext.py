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


def html_article(html: str, *, source: str = "input") -> dict:
    """``{"text", "date", "title"}`` of an HTML article: the main text (as :func:`html_to_text`),
    the publication date found by htmldate (``YYYY-MM-DD`` or ``None``) and the title."""
    text = html_to_text(html, source=source)
    import trafilatura

    try:
        from htmldate import find_date
    except ImportError:
        raise InputError(f"{source} is HTML; its date needs the html extra: pip install 'sagte[html]'.") from None
    date = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else None
    return {"text": text, "date": date or None, "title": title}
