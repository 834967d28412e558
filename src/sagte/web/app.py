"""The FastAPI application: :func:`create_app` builds one over a corpus store.

Everything the app needs lives on ``app.state.sagte`` (a :class:`WebState`): no module
globals, so several apps (tests, workers) can live in one process.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import SagteError
from .corpus import StorePool
from .render import KIND_LABELS

HERE = Path(__file__).parent
DEFAULT_MAX_BODY = 5 * 1024 * 1024
#: open store connections per app (SQLite in WAL mode reads on all of them in parallel)
STORE_CONNECTIONS = 4


@dataclass
class WebState:
    """What the request handlers share: the store, the write policy, the pipeline lock."""

    pool: Any  # a corpus.StorePool
    db_url: str
    allow_write: bool = False
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    nlp: Any = None  # a spaCy pipeline; loaded on first analysis unless given
    analyze_lock: threading.Lock = field(default_factory=threading.Lock)
    store_threads: int = 4  # store calls run in at most this many threads at once
    _limiter: Any = None

    async def read(self, fn, /, *args, **kwargs):
        """Run ``fn(self, *args, **kwargs)`` (a blocking store call) in a worker thread.

        At most ``store_threads`` run at once, whatever the number of open requests: Python
        threads beyond the number of connections only wait for the GIL and for a connection.
        """
        import anyio.to_thread

        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.store_threads)
        return await anyio.to_thread.run_sync(functools.partial(fn, self, *args, **kwargs), limiter=self._limiter)

    @property
    def writes_enabled(self) -> bool:
        return self.allow_write or self.token is not None

    def pipeline(self):
        if self.nlp is None:
            from ..analyze import load

            self.nlp = load()
        return self.nlp

    def check_write(self, request: Request) -> None:
        """Raise 403/401 unless this request may write to the corpus."""
        if not self.writes_enabled:
            raise HTTPException(403, "this server is read-only: start it with `sagte serve --allow-write` "
                                     "or `--token T` to let clients store articles")
        if self.token is None:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), self.token.encode()):
            raise HTTPException(401, "writing needs the server's token: send the header `Authorization: Bearer T`",
                                headers={"WWW-Authenticate": "Bearer"})


def create_app(
    db_url: str,
    *,
    allow_write: bool = False,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    nlp: Any = None,
    store: Any = None,
) -> FastAPI:
    """The web UI and HTTP API over the corpus at ``db_url``.

    ``allow_write`` lets any client store articles (``POST /api/analyze?store=true``); a
    ``token`` lets only clients that send ``Authorization: Bearer <token>``. ``max_body``
    bounds request bodies (413 beyond). ``nlp`` and ``store`` may be passed in by tests and
    benchmarks that already hold them.
    """
    if token is not None and not token.strip():
        raise ValueError("--token must not be empty: give a secret string, or leave the option out")
    if store is not None:
        pool = StorePool(None, first=store)
    else:
        from ..store import open_store

        in_memory = db_url.removeprefix("sqlite:///") == ":memory:"
        # one connection opened now, so a wrong --db fails at start, not on the first request
        pool = StorePool(None if in_memory else (lambda: open_store(db_url)), first=open_store(db_url, create=in_memory),
                         size=STORE_CONNECTIONS)
    state = WebState(pool=pool, db_url=db_url, allow_write=allow_write, token=token, max_body=max_body, nlp=nlp,
                     store_threads=pool.size)

    app = FastAPI(
        title="sagte",
        version=__version__,
        summary="Who said what, when, about whom: reported speech in German news.",
        description="The HTTP API of `sagte serve`. Every document follows the contract `sagte.document/1` "
                    "(`GET /api/schema` returns its JSON Schema). Errors are JSON: `{\"error\": {\"status\", \"message\"}}`.",
        docs_url=None,  # Swagger UI would load scripts from a CDN; /openapi.json is the reference
        redoc_url=None,
    )
    app.state.sagte = state
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.globals["writes_enabled"] = state.writes_enabled
    templates.env.filters["kind_label"] = lambda kind: KIND_LABELS.get(kind or "", kind or "statement")
    app.state.templates = templates

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _install_error_handlers(app, templates)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ServerTiming)
    app.router.add_event_handler("shutdown", pool.close)
    return app


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``sagte serve --workers N``, built from the settings
    the command puts in the environment (``SAGTE_SERVE_DB``, ``…_ALLOW_WRITE``, ``…_TOKEN``,
    ``…_MAX_BODY``)."""
    db = os.environ.get("SAGTE_SERVE_DB")
    if not db:
        raise RuntimeError("SAGTE_SERVE_DB is not set: start the workers with `sagte serve --workers N`")
    return create_app(db, allow_write=bool(os.environ.get("SAGTE_SERVE_ALLOW_WRITE")),
                      token=os.environ.get("SAGTE_SERVE_TOKEN") or None,
                      max_body=int(os.environ.get("SAGTE_SERVE_MAX_BODY") or DEFAULT_MAX_BODY))


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def error_body(status: int, message: str, **extra) -> dict:
    return {"error": {"status": status, "message": message, **extra}}


def _install_error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    def respond(request: Request, status: int, message: str, headers=None, **extra):
        if _wants_json(request):
            return JSONResponse(error_body(status, message, **extra), status_code=status, headers=headers)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}: see /openapi.json for the API, or / for the pages"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}: see /openapi.json"
        return respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = []
        for err in exc.errors():
            if err.get("type") == "json_invalid":
                detail = (err.get("ctx") or {}).get("error", "")
                problems.append(f"the body is not JSON ({detail}); send e.g. {{\"text\": \"…\", \"date\": \"2025-02-12\"}}")
                continue
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
            problems.append(f"{where}: {err.get('msg')}")
        message = "the request is not valid: " + "; ".join(problems) + ". See /openapi.json for the expected shape."
        return respond(request, 422, message, problems=[str(p) for p in problems])

    @app.exception_handler(SagteError)
    async def sagte_error(request: Request, exc: SagteError):
        return respond(request, 400, str(exc), code=exc.code)


class BodyLimit:
    """Refuse request bodies over ``max_body`` bytes with 413, before the app sees them.

    Checks the declared Content-Length first, then counts the bytes as they stream in
    (chunked uploads declare none); a body within the limit is buffered and replayed.
    """

    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_body
            except ValueError:
                await _send_json(send, 400, error_body(400, "Content-Length is not a number"))
                return
            if too_big:
                await self._refuse(send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body:
                await self._refuse(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replayed() -> Message:
            if replay:
                return replay.pop()
            return await receive()

        await self.app(scope, replayed, send)

    async def _refuse(self, send: Send) -> None:
        await _send_json(send, 413, error_body(
            413, f"the request body is larger than this server's limit of {self.max_body} bytes: "
                 "send a shorter article, or start the server with a larger --max-body"))


async def _send_json(send: Send, status: int, body: dict) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": payload})


class ServerTiming:
    """Adds ``Server-Timing: app;dur=MS``: the time from the request to the response headers
    (pages are rendered before their headers go out), read by ``benchmarks/web_load.py``."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - started) * 1000
                message = {**message, "headers": [*message.get("headers", []), (b"server-timing", f"app;dur={ms:.1f}".encode())]}
            await send(message)

        await self.app(scope, receive, timed)


class SecurityHeaders:
    """A strict Content-Security-Policy: scripts and styles only from this server, no inline script."""

    CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", self.CSP.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"same-origin"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def html_response(request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)
