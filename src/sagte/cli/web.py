"""``sagte serve``: the web UI and HTTP API over a corpus."""

from __future__ import annotations

import os
from typing import Optional

import typer

from ..errors import SagteError
from .app import EXIT_MISSING, EXIT_USAGE, app
from .output import err_console, fail

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@app.command("serve")
def serve_command(
    db: str = typer.Option("sqlite:///sagte.db", "--db", envvar="SAGTE_DB",
                           help="Store URL: sqlite:///path.db (default sqlite:///sagte.db) or postgresql://user@host:port/db."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; the default, loopback, is reachable only from this machine."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    allow_write: bool = typer.Option(False, "--allow-write", help="Let any client store articles (POST /api/analyze?store=true)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="SAGTE_TOKEN",
                                        help="Let only clients sending 'Authorization: Bearer TOKEN' store articles (or set SAGTE_TOKEN)."),
    max_body: int = typer.Option(5 * 1024 * 1024, "--max-body", help="Largest request body in bytes; larger ones get 413."),
    workers: int = typer.Option(1, "--workers", min=1, help="Server processes (each opens its own store connections; "
                                "up to one per CPU core serves more clients at once)."),
) -> None:
    """Serve the web UI (search, articles, speakers, network) and the HTTP API (/openapi.json).

    Example: sagte serve --db sqlite:///corpus.db --port 8000 --workers 2
    """
    from .corpus import EXIT_STORE

    try:
        import uvicorn

        from ..web import create_app
    except ImportError as err:
        fail(f"the web server needs the 'web' extra ({err.name} is missing): pip install 'sagte[web]'", EXIT_MISSING)
    if host not in LOOPBACK and not token:
        err_console.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach it can read the corpus"
                          + (" and store articles; use --token" if allow_write else ""), highlight=False)
    if max_body < 1:
        fail("--max-body must be a positive number of bytes, e.g. --max-body 5242880", EXIT_USAGE)
    try:
        web_app = create_app(db, allow_write=allow_write, token=token, max_body=max_body)
    except SagteError as err:
        fail(str(err), EXIT_STORE)
    except ValueError as err:
        fail(str(err), EXIT_USAGE)
    err_console.print(f"sagte: serving {db} on http://{host}:{port}/ "
                      f"({'writes with token' if token else 'writes allowed' if allow_write else 'read-only'}); Ctrl-C stops",
                      highlight=False)
    log_level = os.environ.get("SAGTE_LOG_LEVEL", "warning")
    http = "sagte.web.server:H11NoDelay"
    if workers == 1:
        uvicorn.run(web_app, host=host, port=port, log_level=log_level, http=http)
        return
    # each worker process builds its own app from these settings (see app_from_environment)
    web_app.state.sagte.pool.close()
    os.environ.update(environment_for_workers(db, allow_write=allow_write, token=token, max_body=max_body))
    uvicorn.run("sagte.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, http=http)


def environment_for_workers(db: str, *, allow_write: bool, token: Optional[str], max_body: int) -> dict[str, str]:
    return {"SAGTE_SERVE_DB": db, "SAGTE_SERVE_ALLOW_WRITE": "1" if allow_write else "",
            "SAGTE_SERVE_TOKEN": token or "", "SAGTE_SERVE_MAX_BODY": str(max_body)}
