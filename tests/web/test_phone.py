"""Phones: at 390 px wide no page scrolls sideways, table rows become cards and long aliases wrap."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import newsgraph
from newsgraph.web import create_app

from .conftest import LiveServer, copy_db, shot, watched_page

LONG = "Harbour-Workers-Alliance-of-the-Port-of-Alder-and-the-Northern-Coast-Dockers"
WIDTH = 390


@pytest.fixture(scope="module")
def server(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = copy_db(examples_db, tmp_path_factory.mktemp("phone"))
    with newsgraph.open(db) as kb:
        kb.add_alias("HWA", LONG)  # one word of 76 letters: it must wrap, not widen the page
    app = create_app(db)
    with LiveServer(app) as live:
        yield live
    app.state.kb.close()


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    with watched_page(
        browser, viewport={"width": WIDTH, "height": 844}, is_mobile=True, has_touch=True
    ) as page:
        yield page


def sideways(page: object) -> list[str]:
    """Elements that reach past the right edge, and the page's scroll width if it is wider than the screen."""
    return page.evaluate(  # type: ignore[attr-defined]
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right));
            if (document.documentElement.scrollWidth > width) out.push('scrollWidth ' + document.documentElement.scrollWidth);
            return out;
        }"""
    )


def test_the_events_page_fits_a_phone(server: LiveServer, phone: object) -> None:
    phone.goto(server.url + "/events?all=true")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.clientWidth") == WIDTH
    assert sideways(phone) == []
    rows = phone.locator("#events-table tbody tr")
    assert rows.count() > 3
    for i in range(rows.count()):  # each sentence is on the page, not in a hover title (touch screens)
        sentence = rows.nth(i).locator("q.sentence")
        box = sentence.bounding_box()
        assert sentence.is_visible() and sentence.inner_text().strip() and box["x"] + box["width"] <= WIDTH
    header = phone.locator("#events-table thead")
    assert not header.is_visible()  # rows are cards with their own labels
    shot(phone, "events-390")


def test_a_long_alias_wraps_on_the_dossier(server: LiveServer, phone: object) -> None:
    phone.goto(server.url + "/who?name=HWA")
    phone.wait_for_url("**/entities/*")
    phone.wait_for_selector("#graph[data-rendered]")
    alias = phone.locator(".alias", has_text=LONG[:20])
    box = alias.bounding_box()
    line = float(phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.alias')).lineHeight)"))
    assert box["x"] + box["width"] <= WIDTH and box["height"] > 1.5 * line  # wrapped onto more lines
    assert sideways(phone) == []
    phone.goto(phone.url + "?all=true")
    phone.wait_for_selector("#timeline-chart svg")
    assert sideways(phone) == []
    shot(phone, "dossier-390")


@pytest.mark.parametrize("path", ["/", "/quotes", "/search?q=strike", "/docs"])
def test_other_pages_fit_a_phone(server: LiveServer, phone: object, path: str) -> None:
    phone.goto(server.url + path)
    assert sideways(phone) == []
