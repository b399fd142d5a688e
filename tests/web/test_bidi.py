"""Bidirectional control characters: stripped from names at ingest; names isolated in <bdi> on the pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from newsgraph.resolve.names import BIDI_CONTROLS, strip_bidi
from newsgraph.store.schema import entities
from newsgraph.web import create_app

from .conftest import LiveServer, copy_db, watch

TOKEN = "b1di-token"
RLO, LRI, PDI, RLM = "\u202e", "\u2066", "\u2069", "\u200f"
# a name with a right-to-left override inside: it would show as "Marta Koikslav"
TEXT = (
    "The Dockside Tenants Union said on Monday that it would strike.\n\n"
    f"Union leader Marta Ko{RLO}valski told reporters the strike would begin in Velmora on Friday.\n\n"
    f"Kovalski said the {LRI}Dockside Tenants Union{PDI} had voted for it{RLM}.\n"
)
LEGACY = f"Harbour {RLO}Workers Alliance"  # a name stored before the strip, or set by a curator


@pytest.fixture(scope="module")
def bidi(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    db = copy_db(examples_db, tmp_path_factory.mktemp("bidi"))
    app = create_app(db, token=TOKEN)
    with TestClient(app) as client:
        r = client.post(
            "/api/ingest?wait=true",
            headers={"Authorization": f"Bearer {TOKEN}"},
            json={"text": TEXT, "title": "Dock strike", "published": "2026-04-02", "id": "bidi1"},
        )
        assert r.status_code == 200 and r.json()["summary"]["stored"] == 1, r.text
        yield {"app": app, "client": client}
    app.state.kb.close()


def test_strip_bidi_removes_every_control_and_nothing_else() -> None:
    assert len(BIDI_CONTROLS) == 12
    for ch in BIDI_CONTROLS:
        assert strip_bidi(f"Ab{ch}c") == "Abc"
    kept = "Zoë שרה לוי محمد\u200d\u200b"  # letters of any script, and joiners, stay
    assert strip_bidi(kept) == kept


def test_names_and_aliases_are_stored_without_bidi_controls(bidi: dict) -> None:
    client = bidi["client"]
    record = client.get("/api/articles/bidi1").json()
    names = [e["name"] for e in record["entities"]] + [a for e in record["entities"] for a in e["aliases"]]
    assert "Marta Kovalski" in names and "Dockside Tenants Union" in names
    assert not any(ch in n for n in names for ch in BIDI_CONTROLS), [ascii(n) for n in names]
    hit = client.get("/api/entities", params={"q": "Marta"}).json()
    assert [h["name"] for h in hit] == ["Marta Kovalski"]
    assert RLO in record["text"]  # the article text itself stays verbatim (offsets point into it)


def test_pages_isolate_every_name_in_bdi(bidi: dict) -> None:
    client, app = bidi["client"], bidi["app"]
    hwa = client.get("/api/entities", params={"q": "Harbour Workers"}).json()[0]["id"]
    with app.state.kb.engine.begin() as conn:
        conn.execute(update(entities).where(entities.c.id == hwa).values(name=LEGACY))
    try:
        pages = {
            "dossier": client.get(f"/entities/{hwa}").text,
            "names": client.get("/entities", params={"q": "Harbour"}).text,
            "home": client.get("/").text,
            "events": client.get("/events", params={"all": "true"}).text,
        }
    finally:
        with app.state.kb.engine.begin() as conn:
            conn.execute(update(entities).where(entities.c.id == hwa).values(name="Harbour Workers Alliance"))
    for name, html in pages.items():
        body = re.sub(r"<title>.*?</title>|data-name=\"[^\"]*\"", "", html, flags=re.S)
        shown = body.count(LEGACY)
        assert shown > 0, name
        assert body.count(f"<bdi>{LEGACY}</bdi>") == shown, name  # each time inside <bdi>
    assert f"<h1><bdi>{LEGACY}</bdi>" in pages["dossier"]
    article = client.get("/articles/bidi1").text  # the article's own entity list
    assert re.search(r'<li id="fact-ent-[^>]*><a href="/entities/\d+"><bdi>Marta Kovalski</bdi></a>', article)


def test_a_name_given_with_an_override_shows_as_written_in_a_browser(bidi: dict, browser: object) -> None:
    app = bidi["app"]
    marta = bidi["client"].get("/api/entities", params={"q": "Marta"}).json()[0]["id"]
    with LiveServer(app) as live:
        page = browser.new_page()  # type: ignore[attr-defined]
        seen = watch(page)
        page.goto(f"{live.url}/entities/{marta}")
        assert page.inner_text("h1 bdi") == "Marta Kovalski"
        # the autocomplete list isolates names too
        page.fill("#site-search, input[name=q]", "Marta")
        option = page.locator(".ac-list li a bdi").first
        option.wait_for()
        assert option.inner_text() == "Marta Kovalski"
        page.close()
        assert seen["errors"] == [] and seen["csp"] == []
