"""The web UI in a real browser: Playwright for Python driving Debian's Chromium.

Needs ``apt-get install chromium`` and ``pip install playwright`` (never ``playwright
install``). Screenshots of every page go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from web_articles import CORPUS, HOSTILE, build

from sagte.store import open_store

IN_CI = bool(os.environ.get("CI"))
CHROMIUM = os.environ.get("SAGTE_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _need(condition: bool, why: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{why} (CI must run the browser tests)")
    pytest.skip(why)


@contextmanager
def serve(url: str, nlp):
    """Serve the app over the store at ``url`` with uvicorn on a free loopback port, in a thread."""
    pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web,dev]'")
    import uvicorn

    from sagte.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(url, nlp=nlp), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def make_store(path: Path, docs) -> str:
    url = f"sqlite:///{path}"
    with open_store(url, create=True) as store:
        for doc in docs:
            store.add(doc)
    return url


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    """The app with the test corpus."""
    with serve(make_store(tmp_path_factory.mktemp("browser") / "corpus.db", CORPUS + [HOSTILE]), nlp) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed: pip install playwright (never `playwright install`)")
    _need(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium, or set SAGTE_CHROMIUM")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    # a Content-Security-Policy violation or a failed load shows up as a console error
    pg.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: None if r.url.startswith((server, "data:")) else errors.append(f"fetched {r.url}"))
    yield pg
    context.close()
    assert errors == [], "the page raised errors, opened dialogs or fetched other hosts"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


UNLABELLED = """() => [...document.querySelectorAll('input, textarea, select, button')]
  .filter(el => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !(el.tagName === 'BUTTON' && el.textContent.trim()))
  .map(el => el.outerHTML)"""


def test_paste_and_analyze(page):
    page.goto("/")
    shot(page, "index")
    assert page.evaluate(UNLABELLED) == []
    page.get_by_label("Title (optional)").fill("Radweg-Streit")
    page.get_by_label("Publication date").fill("2025-02-10")
    page.get_by_label("Article text").fill("„Wir bauen die Strecke bis zum Sommer“, sagte die Bürgermeisterin am Montag.")
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/analyze")
    assert page.locator("h1").inner_text() == "Radweg-Streit"
    assert "not stored" in page.locator("article .meta").inner_text()
    quoted = page.locator("#article-text .content[tabindex]").first
    assert "Wir bauen die Strecke" in quoted.inner_text()
    quoted.hover()
    assert page.locator("#tip").is_visible() and "direct quote" in page.locator("#tip").inner_text()
    shot(page, "analyzed")


def test_highlight_hover_shows_kind_medium_speaker_time(page):
    page.goto("/documents/radweg")
    q2 = page.locator("#mark-q2")
    q2.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    text = tip.inner_text()
    for part in ("indirect speech", "said", "Karl Muster", "Verkehrsminister", "2025-02-10", "erklärte"):
        assert part in text
    # every piece of the statement lights up, and its entry in the side list
    assert page.locator('#article-text [data-st="q2"].active').count() == 3  # speaker, cue, content
    shot(page, "document-hover")
    page.mouse.move(5, 5)
    assert not tip.is_visible()


def test_speaker_colours_cue_underline_content_shading(page):
    page.goto("/documents/radweg")

    def style(selector, prop):
        return page.locator(selector).evaluate(f"el => getComputedStyle(el)['{prop}']")

    # q2 and q3 are both Karl Muster: one colour; q1 (Beispiel) another
    assert style("#mark-q2", "backgroundColor") == style("#mark-q3", "backgroundColor")
    assert style("#mark-q1", "backgroundColor") != style("#mark-q2", "backgroundColor")
    assert style("#mark-q1", "backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "underline" in style('.cue[data-st="q1"]', "textDecorationLine")
    assert page.locator(".who-list > li").all_inner_texts()[1].strip().startswith("Karl Muster")
    shot(page, "document")


def test_keyboard_reaches_every_statement_and_shows_its_details(page):
    page.goto("/documents/radweg")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused.startswith("mark-"):
            tip = page.locator("#tip")
            reached.append((focused, tip.is_visible() and tip.inner_text().split(" · ")[2]))
        if len(reached) == 4:
            break
    assert reached == [("mark-q1", "Speaker: Anna Beispiel (Bürgermeisterin), as “Beispiel”"),
                       ("mark-q2", "Speaker: Karl Muster (Verkehrsminister)"),
                       ("mark-q3", "Speaker: Karl Muster (Verkehrsminister), as “Muster”"),
                       ("mark-q4", "Speaker: Lena Probe (Sprecherin)")]
    assert "wrote" in page.locator("#tip").inner_text()
    page.keyboard.press("Escape")
    assert not page.locator("#tip").is_visible()


def test_entity_page_identity_timeline_and_statements(page):
    page.goto("/entities/Beispiel")
    assert page.locator("h1").inner_text() == "Anna Beispiel"
    assert "Bürgermeisterin" in page.locator("dl.identity").inner_text()
    bars = page.locator("figure.timeline rect.bar")
    # statements in February, March and June 2025: five monthly slots, three with a bar
    assert bars.count() == 5
    heights = [float(bars.nth(i).get_attribute("height")) for i in range(5)]
    assert [h > 0 for h in heights] == [True, True, False, False, True]
    said = page.locator("section[aria-labelledby=said-h] .statement-row")
    about = page.locator("section[aria-labelledby=about-h] .statement-row")
    assert said.count() == 3 and about.count() == 2
    assert "Karl Muster" in about.first.inner_text()
    shot(page, "entity")
    about.first.get_by_role("link", name="Karl Muster").click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text() == "Karl Muster"


def test_network_page_is_an_interactive_graph(page):
    page.goto("/network")
    page.wait_for_selector("#graph[data-ready=true]")
    assert page.locator("#graph .node").count() == 3 and page.locator("#graph .edge").count() == 3
    node = page.locator('#graph .node[aria-label^="Karl Muster"]')
    node.locator("circle").hover()
    info = page.locator("#graph-info").inner_text()
    assert "speaks about: Anna Beispiel (2)" in info and "spoken about by:" in info
    shot(page, "network")
    # dragging moves the node
    before = node.get_attribute("transform")
    box = node.locator("circle").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 60, steps=5)
    page.mouse.up()
    assert node.get_attribute("transform") != before
    assert page.url.endswith("/network")  # a drag is not a click
    # zoom buttons change the view
    view = page.locator("#graph > g")
    scale = view.get_attribute("transform")
    page.get_by_role("button", name="Zoom in").click()
    assert view.get_attribute("transform") != scale
    # keyboard: focus a node and press Enter to open its page
    node.focus()
    assert "Karl Muster" in page.locator("#graph-info").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text() == "Karl Muster"


@pytest.mark.parametrize("path", ["/documents/hostile", "/entities/Beispielmann", "/?q=Bilder", "/?speaker=Beispielmann"])
def test_markup_in_articles_never_runs(page, path):
    page.goto(path)
    for mark in page.locator("[data-st], .statement-row, h1").all():
        mark.hover()
        mark.focus()
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src=x], b[onmouseover], i[onmouseover]").count() == 0
    assert "onerror=" in page.locator("main").inner_text()  # shown as text instead
    if path.startswith("/documents"):
        shot(page, "document-hostile")


def test_pasted_markup_never_runs(page):
    page.goto("/")
    page.get_by_label("Article text").fill(HOSTILE.text)
    page.get_by_label("Title (optional)").fill(HOSTILE.title)
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/analyze")
    for mark in page.locator("[data-st]").all():
        mark.hover()
    assert page.evaluate("window.__xss") is None
    assert "<script>window.__xss = 1</script>" in page.locator("#article-text").inner_text()


@pytest.mark.parametrize("path", ["/", "/documents/radweg", "/entities/Muster", "/network"])
def test_every_control_is_labelled(page, path):
    page.goto(path)
    assert page.evaluate(UNLABELLED) == []


def invented_surnames(n: int) -> list[str]:
    """``n`` distinct invented German-sounding surnames: Alberg, Albrand, …"""
    heads = ["Al", "Bre", "Cla", "Dor", "Eb", "Fal", "Ger", "Hol", "Im", "Jan", "Kes", "Lor", "Mah", "Neu", "Os"]
    tails = ["berg", "brand", "dorf", "feld", "hagen", "hof", "kamp", "mann", "rath", "stein"]
    return [h + t for h in heads for t in tails][:n]


def test_network_layout_of_a_bigger_graph_stays_on_screen(browser, tmp_path, nlp):
    # 150 invented people in 560 one-sentence articles: person 0 speaks three times about each
    # of 120 others (a hub with heavy links, which made an earlier layout diverge to NaN),
    # and 200 statements go between random others
    import random

    rng = random.Random(3)
    names = [f"Karin {s}" for s in invented_surnames(150)]
    pairs = [(0, b) for b in range(1, 121) for _ in range(3)] + [(rng.randrange(1, 150), rng.randrange(1, 150)) for _ in range(200)]
    docs = []
    for n, (a, b) in enumerate(pairs):
        if a == b:
            continue
        speaker, subject = names[a], names[b]
        text = f"{speaker} sagte, {subject} habe recht."
        docs.append(build(f"n{n}", f"2025-01-{n % 28 + 1:02d}", f"Meldung {n}", text,
                          [{"id": "e1", "name": speaker, "type": "PER", "mentions": [(speaker, 0)]},
                           {"id": "e2", "name": subject, "type": "PER", "mentions": [(subject, 0)]}],
                          [{"id": "q1", "kind": "indirect", "content": [(f"{subject} habe recht", 0)], "cue": [("sagte", 0)],
                            "speaker": (speaker, 0, "e1")}]))
    with serve(make_store(tmp_path / "big.db", docs), nlp) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/network")
        page.wait_for_selector("#graph[data-ready=true]")
        nodes = page.locator("#graph .node")
        assert nodes.count() >= 100
        graph = page.locator("#graph").bounding_box()
        centres = page.evaluate("""() => [...document.querySelectorAll('#graph .node circle')].map(c => {
            const r = c.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })""")
        off = [(x, y) for x, y in centres if not (graph["x"] <= x <= graph["x"] + graph["width"]
                                                   and graph["y"] <= y <= graph["y"] + graph["height"])]
        assert off == []
        # the browser ignores a transform of NaN (the node then sits at the origin): check them
        transforms = [nodes.nth(i).get_attribute("transform") for i in range(nodes.count())]
        assert [t for t in transforms if "NaN" in t or "Infinity" in t] == []
        assert len({(round(x), round(y)) for x, y in centres}) > 0.9 * len(centres)  # spread out
        shot(page, "network-bigger")
        context.close()
