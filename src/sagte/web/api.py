"""The JSON API under ``/api``: analysis, and read access to the corpus store."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from ..document import Document, json_schema
from . import corpus

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 500


class AnalyzeRequest(BaseModel):
    text: str = Field(description="The article's text (plain text; HTML is not stripped here).", min_length=1)
    date: str | None = Field(default=None, description="Publication date, YYYY-MM-DD: relative times need it.",
                             examples=["2025-02-12"])
    title: str | None = Field(default=None, description="The article's title.")
    id: str | None = Field(default=None, description="Document id (default: a hash of the text).")


class ErrorBody(BaseModel):
    status: int
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class Page(BaseModel):
    """One page of results; follow ``next`` (a relative URL) until it is null."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next: str | None = None


ERRORS = {
    400: {"model": ErrorResponse, "description": "The input cannot be analysed; the message says why."},
    422: {"model": ErrorResponse, "description": "The request does not have the documented shape."},
}


def _state(request: Request):
    return request.app.state.sagte


def analyze_text(state, body: AnalyzeRequest) -> Document:
    """Run the pipeline on one article; one analysis at a time per app (the pipeline is shared)."""
    from ..analyze import analyze

    nlp = state.pipeline()
    with state.analyze_lock:
        return analyze(body.text, date=body.date, title=body.title, id=body.id, nlp=nlp)


@router.post(
    "/analyze",
    response_model=Document,
    response_model_by_alias=True,
    summary="Analyse an article: statements, speakers, entities, times, quantities",
    responses={**ERRORS, 401: {"model": ErrorResponse, "description": "store=true without the server's token."},
               403: {"model": ErrorResponse, "description": "store=true on a read-only server."},
               413: {"model": ErrorResponse, "description": "The body is over the server's limit."}},
)
def post_analyze(body: AnalyzeRequest, request: Request, response: Response,
                 store: bool = Query(False, description="Also add the document to the corpus (needs write access).")):
    """Returns the document contract `sagte.document/1`. With `store=true` the document is also
    ingested; that needs a server started with `--allow-write`, or `--token T` and the header
    `Authorization: Bearer T`. The header `X-Sagte-Stored` says whether it was stored (`false`
    when the same text is already in the corpus)."""
    state = _state(request)
    if store:
        state.check_write(request)
    doc = analyze_text(state, body)
    if store:
        response.headers["X-Sagte-Stored"] = "true" if corpus.add(state, doc) else "false"
    return doc


@router.get("/schema", summary="The JSON Schema of the document contract")
def get_schema() -> dict:
    return json_schema()


def _page(request: Request, items: list, limit: int, offset: int) -> Page:
    nxt = None
    if len(items) == limit:
        params = dict(request.query_params)
        params.update(limit=str(limit), offset=str(offset + limit))
        nxt = request.url.path + "?" + "&".join(f"{k}={_quote(v)}" for k, v in params.items())
    return Page(items=items, limit=limit, offset=offset, next=nxt)


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def _check_date(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}={value!r} is not a date: give YYYY-MM-DD, e.g. {name}=2025-02-12") from None


Limit = Query(50, ge=1, le=MAX_LIMIT, description=f"Items per page (1–{MAX_LIMIT}).")
Offset = Query(0, ge=0, description="Items to skip.")


@router.get("/documents", response_model=Page, summary="Documents in the corpus, newest first", responses=ERRORS)
async def get_documents(request: Request, limit: int = Limit, offset: int = Offset) -> Page:
    items = await _state(request).read(corpus.documents, limit=limit, offset=offset)
    return _page(request, items, limit, offset)


@router.get("/documents/{doc_id:path}", response_model=Document, response_model_by_alias=True,
            summary="One document, as the contract `sagte.document/1`",
            responses={404: {"model": ErrorResponse, "description": "No such document."}})
async def get_document(doc_id: str, request: Request):
    doc = await _state(request).read(corpus.document, doc_id)
    # the stored document is valid by construction: send it without validating it again
    return Response(doc.model_dump_json(by_alias=True), media_type="application/json")


@router.get("/statements", response_model=Page, summary="Statements across the corpus, filtered", responses=ERRORS)
async def get_statements(
    request: Request,
    speaker: str | None = Query(None, description="Speaker: an entity id or a name (any variant)."),
    about: str | None = Query(None, description="Who or what the statement is about: an entity id or a name."),
    since: str | None = Query(None, description="Said on or after this date, YYYY-MM-DD."),
    until: str | None = Query(None, description="Said on or before this date, YYYY-MM-DD."),
    q: str | None = Query(None, description="Full-text search in what was said."),
    limit: int = Limit,
    offset: int = Offset,
) -> Page:
    items = await _state(request).read(
        corpus.statements, speaker=speaker or None, about=about or None, since=_check_date("since", since),
        until=_check_date("until", until), q=q or None, limit=limit, offset=offset,
    )
    return _page(request, items, limit, offset)


@router.get("/entities", response_model=Page, summary="Speakers and other entities across the corpus", responses=ERRORS)
async def get_entities(request: Request, limit: int = Limit, offset: int = Offset) -> Page:
    items = await _state(request).read(corpus.entities, limit=limit, offset=offset)
    return _page(request, items, limit, offset)


@router.get("/entities/{entity_id:path}", summary="One entity: names, roles, its statements and those about it",
            responses={404: {"model": ErrorResponse, "description": "No such entity."}})
async def get_entity(entity_id: str, request: Request) -> dict:
    """`entity_id` is an identity number, or a name (any variant) that the store resolves.
    `statements` are its own; `about` the first 200 others made about it (page through all of
    them with `GET /api/statements?about=ID`)."""
    return corpus.entity_json(await _state(request).read(corpus.entity, entity_id))


@router.get("/network", summary="Who speaks about whom: nodes and weighted edges")
async def get_network(request: Request,
                min_weight: int = Query(1, ge=1, description="Leave out edges with fewer statements.")) -> dict:
    return await _state(request).read(corpus.network, min_weight=min_weight)
