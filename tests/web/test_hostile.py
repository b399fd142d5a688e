"""A hostile page (script and event-handler payloads in its text, title, an entity name and its URL)
goes in through POST /api/ingest and comes out as inert text, in the HTML and in a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from newsgraph.resolve.corrections import add_alias
from newsgraph.store.schema import articles, entities
from newsgraph.web import create_app

from .conftest import LiveServer, copy_db, shot, watch

TOKEN = "s3cret-token"
TITLE = 'Strike spreads <script>window.__pwned=1;alert("title")</script>'
URL = "javascript:window.__pwned=1;alert('url')//"
EVIL_NAME = "Rotterdam <img src=x onerror=\"window.__pwned=1;alert('name')\">"
EVIL_ALIAS = "<svg onload=alert('alias')>"
TEXT = """Transport Minister Elena Varga said on Monday that the union "will not <img src=x onerror=window.__pwned=1;alert(2)> win this fight."

The company Acme"><svg onload=alert(3)> Holdings signed a deal with the Harbour Workers Alliance in Alder on Tuesday, officials said.

Tomas Reyes, the union's general secretary, said the <script>window.__pwned=1;alert(4)</script> agreement was "a victory for every docker in Alder."

Police arrested six protesters in Rotterdam on Wednesday after a scuffle near the gates, according to a statement from the Rotterdam police.
"""


@pytest.fixture(scope="module")
def hostile(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    db = copy_db(examples_db, tmp_path_factory.mktemp("hostile"))
    app = create_app(db, token=TOKEN)
    with TestClient(app) as client:
        r = client.post(
            "/api/ingest?wait=true",
            headers={"Authorization": f"Bearer {TOKEN}"},
            json={"text": TEXT, "title": TITLE, "published": "2026-03-20", "id": "evil1"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["articles"] == ["evil1"] and r.json()["summary"]["stored"] == 1
        # POST /api/ingest refuses a javascript: source_url (422), but a page read another way (a JSONL
        # line, a knowledge base from before that rule) can still carry one: store it as such a page would.
        with app.state.kb.engine.begin() as conn:
            stored = conn.execute(select(articles.c.record).where(articles.c.id == "evil1")).scalar_one()
            stored = {**stored, "url": URL}
            conn.execute(update(articles).where(articles.c.id == "evil1").values(url=URL, record=stored))
        # The NER cannot be steered into reading markup as a name, so give one entity of the page the
        # hostile name a scraped name could carry (as a curator's alias or an odd page would).
        record = client.get("/api/articles/evil1").json()
        rotterdam = next(e["kb"]["id"] for e in record["entities"] if e["name"] == "Rotterdam" and e["kb"])
        with app.state.kb.engine.begin() as conn:
            conn.execute(update(entities).where(entities.c.id == rotterdam).values(name=EVIL_NAME))
            add_alias(conn, f"#{rotterdam}", EVIL_ALIAS)
        yield {"app": app, "client": client, "entity": rotterdam}
    app.state.kb.close()


def test_payloads_are_stored_verbatim_and_escaped_in_pages(hostile: dict) -> None:
    client = hostile["client"]
    record = client.get("/api/articles/evil1").json()
    assert (
        record["title"] == TITLE
        and record["url"] == URL
        and "<script>window.__pwned=1;alert(4)</script>" in record["text"]
    )
    for path in [
        "/articles/evil1",
        f"/entities/{hostile['entity']}",
        "/events",
        "/quotes",
        "/search?q=victory",
        "/",
        "/entities?q=rotterdam",
    ]:
        html = client.get(path).text
        assert "<script>window.__pwned" not in html, path
        assert "<img src=x" not in html and "<svg onload" not in html, path
        assert 'href="javascript:' not in html, path
    article = client.get("/articles/evil1").text
    assert "&lt;script&gt;window.__pwned=1;alert(4)&lt;/script&gt;" in article
    assert "Strike spreads &lt;script&gt;" in article
    dossier = client.get(f"/entities/{hostile['entity']}").text
    assert "Rotterdam &lt;img src=x onerror=&#34;window.__pwned=1" in dossier


def test_csv_cells_cannot_start_a_spreadsheet_formula() -> None:
    from newsgraph.web.routes_api import _csv_safe

    row = _csv_safe({"actor_name": '=HYPERLINK("http://x")', "place": "+1", "trigger": "said", "lat": -3.5})
    assert row == {"actor_name": '\'=HYPERLINK("http://x")', "place": "'+1", "trigger": "said", "lat": -3.5}


def test_nothing_runs_in_a_real_browser(hostile: dict, browser: object) -> None:
    with LiveServer(hostile["app"]) as server:
        page = browser.new_page()  # type: ignore[attr-defined]
        seen = watch(page)
        for path in [
            "/articles/evil1",
            f"/entities/{hostile['entity']}",
            "/events",
            "/quotes",
            "/search?q=victory",
        ]:
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            # hover and click every highlight: event handlers in the payloads would fire now
            for mark in page.locator(".hl").all()[:40]:
                mark.hover()
            assert page.evaluate("window.__pwned") is None, path
        page.goto(server.url + "/articles/evil1")
        page.wait_for_load_state("networkidle")
        body = page.inner_text("#article-body")
        assert "<script>window.__pwned=1;alert(4)</script>" in body
        assert "<img src=x onerror=window.__pwned=1;alert(2)>" in body
        assert TITLE in page.inner_text("h1")
        assert URL in page.inner_text("article header")  # shown as text, not a link
        assert page.locator("a[href^='javascript']").count() == 0
        shot(page, "hostile-article")
        page.goto(f"{server.url}/entities/{hostile['entity']}")
        page.wait_for_selector(
            "#graph[data-rendered]"
        )  # wait_for_function polls with eval, which our CSP blocks
        assert EVIL_NAME in page.inner_text("h1")
        # the hostile name has no ties: the graph says so in a sentence naming it, as text (no elements)
        assert page.get_attribute("#graph", "data-rendered") == "0"
        assert EVIL_NAME in page.inner_text("#graph") and page.locator("#graph *").count() == 0
        assert page.evaluate("window.__pwned") is None
        page.close()
    assert seen["dialogs"] == [], seen
    assert seen["errors"] == [], seen
