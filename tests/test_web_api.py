"""The HTTP API (``sagte serve``): analysis, corpus queries, errors, limits and write access."""

from __future__ import annotations

import pytest
from web_articles import CORPUS, HOSTILE

from sagte.document import Document
from sagte.store import open_store

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web,dev]'")
from fastapi.testclient import TestClient  # noqa: E402

from sagte.web import create_app  # noqa: E402

ARTICLE = "„Wir bauen die Strecke bis zum Sommer“, sagte die Bürgermeisterin am Montag."


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'corpus.db'}"
    with open_store(url, create=True) as store:
        for doc in CORPUS + [HOSTILE]:
            assert store.add(doc)
    return url


@pytest.fixture(scope="module")
def client(corpus_url):
    with TestClient(create_app(corpus_url)) as c:
        yield c


@pytest.fixture
def empty_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(url, create=True).close()
    return url


def _error(response, status):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return body["error"]["message"]


# --- analysis -------------------------------------------------------------------------------

def test_analyze_returns_the_document_contract(corpus_url, nlp):
    with TestClient(create_app(corpus_url, nlp=nlp)) as c:
        r = c.post("/api/analyze", json={"text": ARTICLE, "date": "2025-02-10", "title": "Radweg"})
    assert r.status_code == 200, r.text
    doc = Document.model_validate(r.json())
    assert (doc.text, doc.date, doc.title, r.json()["schema"]) == (ARTICLE, "2025-02-10", "Radweg", "sagte.document/1")
    assert any("Wir bauen die Strecke" in c.text for st in doc.statements for c in st.content)


@pytest.mark.parametrize("body, status, says", [
    ({"text": ARTICLE, "date": "2025-13-45"}, 400, "YYYY-MM-DD"),
    ({"text": "   \n  "}, 400, "E001"),
    ({"text": ""}, 422, "text"),
    ({"date": "2025-02-10"}, 422, "text: Field required"),
])
def test_analyze_errors_say_what_is_wrong(corpus_url, nlp, body, status, says):
    with TestClient(create_app(corpus_url, nlp=nlp)) as c:
        message = _error(c.post("/api/analyze", json=body), status)
    assert says in message


def test_malformed_json_is_a_json_error(client):
    r = client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert "the body is not JSON" in _error(r, 422)


# --- write access ---------------------------------------------------------------------------

def test_read_only_server_refuses_to_store(client):
    message = _error(client.post("/api/analyze?store=true", json={"text": ARTICLE}), 403)
    assert "--allow-write" in message


def test_allow_write_stores_and_the_document_can_be_read_back(empty_url, nlp):
    with TestClient(create_app(empty_url, allow_write=True, nlp=nlp)) as c:
        r = c.post("/api/analyze?store=true", json={"text": ARTICLE, "date": "2025-02-10", "id": "neu"})
        assert r.status_code == 200 and r.headers["x-sagte-stored"] == "true"
        again = c.post("/api/analyze?store=true", json={"text": ARTICLE, "date": "2025-02-10", "id": "neu"})
        assert again.headers["x-sagte-stored"] == "false"  # same text: stored once
        assert [d["id"] for d in c.get("/api/documents").json()["items"]] == ["neu"]
        assert c.get("/api/documents/neu").json() == r.json()


@pytest.mark.parametrize("header, status", [
    (None, 401),
    ("Bearer wrong", 401),
    ("Basic geheim", 401),
    ("Bearer geheim", 200),
])
def test_token_guards_writes(empty_url, nlp, header, status):
    headers = {"Authorization": header} if header else {}
    with TestClient(create_app(empty_url, token="geheim", nlp=nlp)) as c:
        r = c.post("/api/analyze?store=true", json={"text": ARTICLE}, headers=headers)
        assert r.status_code == status, r.text
        assert len(c.get("/api/documents").json()["items"]) == (1 if status == 200 else 0)
    if status == 401:
        assert "Authorization: Bearer" in r.json()["error"]["message"]


def test_analysis_without_store_needs_no_write_access(client, nlp):
    client.app.state.sagte.nlp = nlp
    assert client.post("/api/analyze", json={"text": ARTICLE}).status_code == 200


# --- body limit -----------------------------------------------------------------------------

def test_body_over_the_limit_by_content_length(corpus_url):
    with TestClient(create_app(corpus_url, max_body=1000)) as c:
        message = _error(c.post("/api/analyze", json={"text": "x" * 2000}), 413)
    assert "1000 bytes" in message


def test_body_over_the_limit_while_streaming(corpus_url):
    def chunks():  # no Content-Length: the server must count as the bytes arrive
        for _ in range(20):
            yield b"x" * 100

    with TestClient(create_app(corpus_url, max_body=1000)) as c:
        r = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in {k.lower() for k in r.request.headers}
    _error(r, 413)


def test_body_under_the_limit_passes(corpus_url, nlp):
    with TestClient(create_app(corpus_url, max_body=1000, nlp=nlp)) as c:
        assert c.post("/api/analyze", json={"text": ARTICLE}).status_code == 200


# --- corpus queries -------------------------------------------------------------------------

def test_documents_newest_first_with_pagination(client):
    first = client.get("/api/documents?limit=2").json()
    assert [d["id"] for d in first["items"]] == ["sommer", "hostile"]
    assert first["next"] == "/api/documents?limit=2&offset=2"
    second = client.get(first["next"]).json()
    assert [d["id"] for d in second["items"]] == ["haushalt", "radweg"]


def test_document_is_the_stored_contract(client):
    got = client.get("/api/documents/radweg").json()
    assert got == CORPUS[0].to_dict()


@pytest.mark.parametrize("query, expected", [
    ("speaker=Muster", [("radweg", "q2"), ("radweg", "q3"), ("haushalt", "q1")]),
    ("speaker=Karl%20Muster&since=2025-03-01", [("haushalt", "q1")]),
    ("about=Beispiel", [("radweg", "q2"), ("haushalt", "q1")]),
    ("q=Geld", [("radweg", "q4"), ("haushalt", "q1")]),
    ("until=2025-02-28", [("radweg", "q1"), ("radweg", "q2"), ("radweg", "q3"), ("radweg", "q4")]),
    ("speaker=Niemand", []),
])
def test_statement_filters(client, query, expected):
    items = client.get(f"/api/statements?{query}").json()["items"]
    assert [(s["document"], s["statement"]) for s in items] == expected


def test_statements_are_paginated(client):
    page = client.get("/api/statements?limit=3&offset=1").json()
    assert (len(page["items"]), page["offset"], page["next"]) == (3, 1, "/api/statements?limit=3&offset=4")
    everything = client.get("/api/statements?limit=500").json()["items"]
    assert [s["id"] for s in page["items"]] == [s["id"] for s in everything[1:4]]


@pytest.mark.parametrize("query, says", [
    ("since=gestern", "since='gestern' is not a date"),
    ("limit=0", "limit"),
    ("limit=100000", "limit"),
    ("offset=-1", "offset"),
])
def test_bad_query_parameters(client, query, says):
    assert says in _error(client.get(f"/api/statements?{query}"), 422)


def test_entities_and_one_entity(client):
    names = {e["name"]: e for e in client.get("/api/entities").json()["items"]}
    assert {"Anna Beispiel", "Karl Muster", "Lena Probe", "Grünes Ufer"} <= set(names)
    muster = client.get(f"/api/entities/{names['Karl Muster']['id']}").json()
    assert [r["role"] for r in muster["roles"]] == ["Verkehrsminister"]
    assert [s["content"] for s in muster["statements"]][0] == "Beispiel habe die Kosten unterschätzt"
    assert [(s["document"], s["statement"]) for s in muster["about"]] == [("radweg", "q4"), ("haushalt", "q2")]
    assert client.get("/api/entities/Muster").json()["id"] == muster["id"]  # a name resolves too


def test_network_edges_are_speaker_to_subject(client):
    net = client.get("/api/network").json()
    name = {n["id"]: n["name"] for n in net["nodes"]}
    edges = {(name[e["source"]], name[e["target"]]): e["weight"] for e in net["edges"]}
    assert edges == {("Karl Muster", "Anna Beispiel"): 2, ("Anna Beispiel", "Karl Muster"): 1,
                     ("Lena Probe", "Karl Muster"): 1}
    assert client.get("/api/network?min_weight=2").json()["edges"] == [e for e in net["edges"] if e["weight"] >= 2]


@pytest.mark.parametrize("path, hint", [
    ("/api/documents/nope", "GET /api/documents"),
    ("/api/entities/999", "GET /api/entities"),
    ("/api/entities/Niemand", "GET /api/entities"),
    ("/api/nothing", "/openapi.json"),
])
def test_not_found_is_json_with_a_hint(client, path, hint):
    assert hint in _error(client.get(path), 404)


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/analyze", "/api/documents", "/api/documents/{doc_id}", "/api/statements", "/api/entities",
            "/api/entities/{entity_id}", "/api/network"} <= set(paths)
    assert "post" in paths["/api/analyze"] and "store" in {p["name"] for p in paths["/api/analyze"]["post"]["parameters"]}


def test_missing_store_fails_at_start_with_advice(tmp_path):
    from sagte.errors import StoreError

    with pytest.raises(StoreError, match="sagte ingest"):
        create_app(f"sqlite:///{tmp_path / 'missing.db'}")


# --- pages, server side ---------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/?q=Geld", "/documents/hostile", "/entities/Beispielmann", "/network"])
def test_pages_escape_article_text(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert "<script>window" not in r.text and "<img src=x" not in r.text and "<b onmouseover" not in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_search_page_lists_matches(client):
    html = client.get("/?speaker=Muster").text
    assert html.count('class="statement-row"') == 3


# --- the command ----------------------------------------------------------------------------

@pytest.mark.parametrize("workers", [1, 2])
def test_serve_command_serves_the_corpus_on_loopback(corpus_url, workers):
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "sagte.cli", "serve", "--db", corpus_url, "--port", str(port),
                             "--workers", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/documents?limit=1", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"sagte serve did not come up: {proc.communicate()[1]}") from None
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["items"][0]["id"] == "sommer"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("args, code, says", [
    (["--db", "sqlite:///{tmp}/missing.db"], 4, "sagte ingest"),
    (["--db", "{url}", "--token", " "], 2, "--token must not be empty"),
    (["--db", "{url}", "--max-body", "0"], 2, "--max-body must be a positive"),
])
def test_serve_command_errors(corpus_url, tmp_path, args, code, says):
    from typer.testing import CliRunner

    from sagte.cli import app

    args = [a.format(tmp=tmp_path, url=corpus_url) for a in args]
    result = CliRunner().invoke(app, ["serve", *args])
    assert result.exit_code == code
    assert says in " ".join(result.output.split())  # the error message, unwrapped


@pytest.mark.parametrize("form, says", [
    ({"text": ARTICLE, "date": "morgen"}, "YYYY-MM-DD"),
    ({"text": "  ", "date": "2025-02-10"}, "Paste an article"),
])
def test_paste_form_problems_show_on_the_form_with_the_text_kept(corpus_url, nlp, form, says):
    with TestClient(create_app(corpus_url, nlp=nlp)) as c:
        r = c.post("/analyze", data=form)
    assert r.status_code == 422 and says in r.text
    assert 'role="alert"' in r.text
    if form["text"].strip():
        assert "Wir bauen die Strecke" in r.text  # the pasted text is still in the form


def test_server_connections_have_nagle_off():
    # uvicorn --workers binds its socket without naming TCP, so asyncio leaves Nagle on for
    # accepted connections (~40 ms per response with delayed ACKs); sagte's protocol turns it off
    import asyncio
    import socket

    import uvicorn
    from uvicorn.server import ServerState

    from sagte.web.server import H11NoDelay

    class Transport:  # what asyncio hands a protocol: the accepted socket, among other things
        def __init__(self, sock):
            self.sock = sock

        def get_extra_info(self, name, default=None):
            return self.sock if name == "socket" else default

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:  # proto 0, as uvicorn binds it
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
                loop = asyncio.new_event_loop()
                try:
                    config = uvicorn.Config(app=lambda scope, receive, send: None)
                    H11NoDelay(config, ServerState(), {}, _loop=loop).connection_made(Transport(accepted))
                finally:
                    loop.close()
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


@pytest.mark.parametrize("doc_id", ["ordner/meldung 1.txt", "a%b?c#d"])
def test_document_ids_with_slashes_and_odd_characters(empty_url, doc_id):
    from urllib.parse import quote

    from web_articles import RADWEG

    with open_store(empty_url) as store:
        store.add(RADWEG.model_copy(update={"id": doc_id}))
    with TestClient(create_app(empty_url)) as c:
        assert c.get(f"/api/documents/{quote(doc_id, safe='')}").json()["id"] == doc_id
        page = c.get(f"/documents/{quote(doc_id, safe='')}")
        assert page.status_code == 200 and "Streit um den Radweg" in page.text
        # the start page links to it, and the link works
        import html
        import re

        link = re.search(r'<a href="([^"]+)">Streit um den Radweg am Fluss</a>', c.get("/").text).group(1)
        assert c.get(html.unescape(link)).status_code == 200
