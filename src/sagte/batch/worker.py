"""Raw records to documents: decoding, HTML extraction, the German filter, analysis.

Shared by ``sagte batch`` (one call per chunk, in a worker process) and ``sagte spark`` (one
call per work unit, in a partition). Nothing here depends on module state set by a parent:
each process loads the pipeline itself with :func:`sagte.load` (cached per process).

Every record ends as exactly one of: a document, an error ``{"record", "id", "stage",
"reason"}``, or a skipped non-article (a WARC request or metadata record, a blank line).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language

from ..analyze import analyze_many, parse_date, prepare
from ..document import Document
from ..errors import BatchError, InputError, SagteError
from ..textio import decode_bytes
from .sources import RawRecord

#: languages the detector tells German apart from (the commonest of news crawls); a text
#: is kept only where German is the most likely of these
DETECTOR_LANGUAGES = (
    "GERMAN", "ENGLISH", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "DANISH", "SWEDISH",
    "BOKMAL", "POLISH", "CZECH", "SLOVAK", "SLOVENE", "CROATIAN", "HUNGARIAN", "ROMANIAN", "TURKISH",
    "RUSSIAN", "UKRAINIAN", "GREEK", "ARABIC", "CHINESE", "JAPANESE", "KOREAN",
)  # fmt: skip
#: characters of the text the detector looks at (enough for a reliable answer, and cheap)
DETECT_CHARS = 3000


#: language codes of pages declared German (ISO 639-1, 639-2 B/T, Swiss German)
GERMAN_CODES = frozenset({"de", "deu", "ger", "gsw"})
_HTML_LANG = re.compile(rb"<html\b[^>]*?\slang\s*=\s*[\"']?\s*([A-Za-z]{2,3})\b", re.IGNORECASE)


class NotGermanError(InputError):
    """A text or page that is not German (the German filter's refusal)."""


@dataclass
class ChunkOutput:
    documents: list[Document] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    skipped: int = 0
    chars: int = 0


@lru_cache(maxsize=1)
def language_detector():
    """A lingua detector built for :data:`DETECTOR_LANGUAGES` only (small and fast)."""
    try:
        from lingua import Language as L, LanguageDetectorBuilder
    except ImportError:
        raise BatchError(
            "the German filter needs lingua: pip install 'sagte[batch]', or pass --all-languages to keep every text."
        ) from None
    return LanguageDetectorBuilder.from_languages(*(getattr(L, name) for name in DETECTOR_LANGUAGES)).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's most likely language, or None where undecidable."""
    lang = language_detector().detect_language_of(text[:DETECT_CHARS])
    return lang.iso_code_639_1.name.lower() if lang is not None else None


def declared_language(data: bytes, header: str | None = None) -> str | None:
    """The language a page declares (``Content-Language`` header, else ``<html lang>``), or None.

    A cheap look at the first 8 KB that spares extracting pages declared in another language;
    pages that declare none, or German, are extracted and checked by :func:`detect_language`.
    """
    if header:
        code = header.split(",")[0].strip().split("-")[0].split("_")[0].lower()
        if code.isalpha() and 2 <= len(code) <= 3:
            return code
    match = _HTML_LANG.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def _refuse_declared(data: bytes, header: str | None, where: str) -> None:
    lang = declared_language(data, header)
    if lang is not None and lang not in GERMAN_CODES:
        raise NotGermanError(
            f"{where}: the page declares language {lang!r}, not German: sagte analyses German only "
            "(pass --all-languages to analyse it anyway)."
        )


def extract_html(data: bytes | str, *, url: str | None = None, source: str = "input") -> dict:
    """Main text, title and date of an HTML page (trafilatura, which asks htmldate for the date)."""
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{source} is HTML; reading HTML needs the html extra: pip install 'sagte[html]'.") from None
    try:
        result = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, favor_precision=True, include_comments=False, include_tables=False
        )
    except Exception as err:  # noqa: BLE001 - a page that breaks the parser is one bad record, not a stopped run
        raise InputError(f"{source}: the HTML could not be parsed ({type(err).__name__}: {err}).") from None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError(f"{source}: no article text found in the HTML (is it a news page?).")
    try:
        date = parse_date(result.date)
    except SagteError:
        date = None  # a date the page gets wrong is no reason to lose the article
    return {"text": text, "title": result.title or None, "date": date}


def to_record(raw: RawRecord, *, source: str, german_only: bool = False) -> dict:
    """The ``{"text", "date"?, "title"?, "id"?}`` record of a raw one; raises saying what is wrong.

    ``german_only``: refuse HTML that declares another language before extracting it.
    """
    where = f"{source} record {raw.index}"
    if raw.meta.get("read_error"):
        raise InputError(raw.meta["read_error"])
    if raw.kind == "json":
        where = f"{source} line {raw.meta.get('line', raw.index + 1)}"
        try:
            record = json.loads(decode_bytes(raw.data, source=where).text)
        except json.JSONDecodeError as err:
            raise InputError(f"{where} is not valid JSON ({err}): write one JSON object per line.") from None
        if not isinstance(record, dict):
            raise InputError(f"{where} is not a JSON object: write one {{\"id\", \"text\", \"date\"?, \"title\"?}} per line.")
        return record
    if raw.kind == "text":
        return {"text": decode_bytes(raw.data, source=where).text, "id": raw.meta["name"]}
    if raw.kind == "html":
        if german_only:
            _refuse_declared(raw.data, None, where)
        return {**extract_html(raw.data, source=where), "id": raw.meta["name"]}
    if raw.kind == "warc":
        url = raw.meta.get("url")
        where = f"{source} record {raw.index} ({url})"
        status, ctype = raw.meta.get("status"), raw.meta.get("content_type", "")
        if status and not str(status).startswith("2"):
            raise InputError(f"{where}: HTTP status {status}, not a page; nothing to analyse.")
        if "html" not in ctype.lower():
            raise InputError(f"{where}: content type {ctype or 'unknown'!r}, not HTML; nothing to analyse.")
        if german_only:
            _refuse_declared(raw.data, raw.meta.get("content_language"), where)
        return {**extract_html(raw.data, url=url, source=where), "id": url or raw.meta.get("record_id")}
    raise BatchError(f"{where}: unknown record kind {raw.kind!r}")  # pragma: no cover


def _stage(raw: RawRecord) -> str:
    return {"json": "read", "text": "read", "html": "extract", "warc": "extract"}.get(raw.kind, "read")


def analyse_records(records: list[RawRecord], *, source: str, nlp: Language, all_languages: bool = False) -> ChunkOutput:
    """Analyse ``records`` of ``source``; each ends as a document, an error or a skip."""
    out = ChunkOutput()
    ready: list[tuple[int, dict]] = []
    for raw in records:
        if raw.kind == "skip":
            out.skipped += 1
            continue
        record_id = raw.meta.get("url") or raw.meta.get("name")  # known before the record is read
        stage = _stage(raw)
        try:
            record = to_record(raw, source=source, german_only=not all_languages)
            record_id = record.get("id")
            stage = "prepare"
            prepared = prepare(record)
            record_id = prepared["id"]
            if not all_languages:
                stage = "language"
                lang = detect_language(prepared["text"])
                if lang != "de":
                    raise NotGermanError(
                        f"the text is {'in language ' + repr(lang) if lang else 'of no recognisable language'}, not German: "
                        "sagte analyses German only (pass --all-languages to analyse it anyway)."
                    )
        except SagteError as err:
            stage = "language" if isinstance(err, NotGermanError) else stage
            out.errors.append({"record": raw.index, "id": record_id, "stage": stage, "reason": str(err)})
            continue
        ready.append((raw.index, prepared))
    if not ready:
        return out
    try:
        docs = list(analyze_many([p for _, p in ready], nlp=nlp))
    except Exception:  # noqa: BLE001 - a stage failing on one article must not lose the others: isolate it below
        docs = None
    if docs is None:
        docs = []
        for index, prepared in ready:
            try:
                docs.extend(analyze_many([prepared], nlp=nlp))
            except Exception as err:  # noqa: BLE001 - recorded with its type, never dropped
                out.errors.append(
                    {"record": index, "id": prepared["id"], "stage": "analyze",
                     "reason": f"the pipeline failed on this article ({type(err).__name__}: {err}); please report it."}
                )
    out.documents = docs
    out.chars = sum(len(d.text) for d in docs)
    out.errors.sort(key=lambda e: e["record"])
    return out
