"""Inputs for the batch and Spark tests, written by us: JSONL lines, HTML pages, a WARC file."""

from __future__ import annotations

import io
import json
from pathlib import Path

#: (id, text, date): German articles with a statement each
ARTICLES = [
    ("a1", "„Wir prüfen das“, sagte die Ministerin am Dienstag in Berlin.", "2025-02-12"),
    ("a2", "Der Bürgermeister erklärte, die Straße werde im Sommer gesperrt.", None),
    ("a3", "„Das Werk bleibt offen“, versprach der Betriebsrat nach der Versammlung.", "2025-03-01"),
    ("a4", "Die Polizei teilte mit, niemand sei bei dem Unfall verletzt worden.", "2025-03-02"),
    ("a5", "„Die Preise steigen weiter“, warnte die Ökonomin in einem Interview.", None),
    ("a6", "Der Trainer sagte, seine Mannschaft habe verdient gewonnen.", "2025-04-05"),
]

ENGLISH = "The minister said on Tuesday that the government would review the plan very carefully."


def german_page(title: str, body: str, date: str) -> str:
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{date}"></head><body>'
        f"<nav>Startseite Politik Wirtschaft</nav><article><h1>{title}</h1><p>{body}</p></article>"
        "<footer>Impressum Datenschutz</footer></body></html>"
    )


def jsonl_line(doc_id: str, text: str, date: str | None = None) -> str:
    record = {"id": doc_id, "text": text}
    if date:
        record["date"] = date
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def write_warc(
    path: Path, responses: list[tuple[str, int, str, bytes]], *, with_requests: bool = True, extra_headers: list | None = None
) -> Path:
    """A gzipped WARC: for each ``(url, status, content type, body)`` a request (if
    ``with_requests``) and a response record (with ``extra_headers`` in its HTTP headers)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "sagte tests"}))
        for url, status, ctype, body in responses:
            if with_requests:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.invalid")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders(f"{status} X", [("Content-Type", ctype), *(extra_headers or [])], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return path
