"""The server-rendered pages: start page, article, entity, network."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..document import Document
from ..errors import SagteError
from . import corpus, render
from .api import AnalyzeRequest, _check_date, analyze_text
from .app import html_response

router = APIRouter(include_in_schema=False)

RECENT = 20
SEARCH_PAGE = 50


@router.get("/", response_class=HTMLResponse)
async def index(
    request: Request,
    q: str | None = None,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    offset: int = Query(0, ge=0),
):
    state = request.app.state.sagte
    form = {"q": q, "speaker": speaker, "about": about, "since": since, "until": until}
    searched = any(v for v in form.values())
    results, more = [], None
    if searched:
        results = await state.read(
            corpus.statements, speaker=speaker or None, about=about or None, since=_check_date("since", since),
            until=_check_date("until", until), q=q or None, limit=SEARCH_PAGE, offset=offset,
        )
        if len(results) == SEARCH_PAGE:
            params = {k: v for k, v in form.items() if v}
            params["offset"] = str(offset + SEARCH_PAGE)
            from urllib.parse import urlencode

            more = "/?" + urlencode(params)
    documents = await state.read(corpus.documents, limit=RECENT, offset=0)
    return html_response(request, "index.html", {
        "form": form, "searched": searched, "results": results, "more": more, "documents": documents,
    })


@router.post("/analyze", response_class=HTMLResponse)
def analyze_form(
    request: Request,
    text: Annotated[str, Form()] = "",
    date: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
):
    """The paste form: analyse the article and show it, without storing it."""
    state = request.app.state.sagte

    def again(message: str) -> HTMLResponse:  # the start page, the form filled in, the problem said
        return html_response(request, "index.html", {
            "form": {"date": date, "title": title, "text": text}, "searched": False, "results": [], "more": None,
            "documents": corpus.documents(state, limit=RECENT, offset=0), "paste_error": message,
        }, status=422)

    if not text.strip():
        return again("Paste an article's text first.")
    try:
        doc = analyze_text(state, AnalyzeRequest(text=text, date=date or None, title=title or None))
    except SagteError as err:
        return again(str(err))
    return document_page(request, doc, stored=False)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
async def document_view(request: Request, doc_id: str):
    state = request.app.state.sagte
    doc = await state.read(corpus.document, doc_id)
    links = await state.read(corpus.statement_speakers, doc.id)
    return document_page(request, doc, stored=True, links=links)


def document_page(request: Request, doc: Document, *, stored: bool, links: dict | None = None) -> HTMLResponse:
    """``links``: statement id -> identity id of its speaker, for stored documents."""
    speakers = render.speakers_of(doc)
    links = links or {}
    return html_response(request, "document.html", {
        "doc": doc,
        "stored": stored,
        "segments": render.segments(doc, speakers),
        "statements": render.statement_views(doc, speakers),
        "speaker_links": links,
    })


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
async def entity_view(request: Request, entity_id: str):
    entity = await request.app.state.sagte.read(corpus.entity, entity_id)
    chart = render.timeline(st["date"] for st in entity["said"])
    return html_response(request, "entity.html", {"entity": entity, "chart": chart})


@router.get("/network", response_class=HTMLResponse)
async def network_view(request: Request, min_weight: int = Query(1, ge=1)):
    network = await request.app.state.sagte.read(corpus.network, min_weight=min_weight, max_nodes=corpus.NETWORK_PAGE_NODES)
    names = {n["id"]: n["name"] for n in network["nodes"]}
    return html_response(request, "network.html", {"network": network, "names": names, "min_weight": min_weight})


@router.get("/favicon.ico", include_in_schema=False)
def favicon():
    return RedirectResponse("/static/favicon.svg", status_code=301)
