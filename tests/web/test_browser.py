"""The pages in a real browser (Debian Chromium via Playwright): autocomplete, charts, graph, highlights, CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.web import create_app

from .conftest import LiveServer, shot, watched_page


@pytest.fixture(scope="module")
def server(examples_db: Path) -> Iterator[LiveServer]:
    app = create_app(examples_db)
    with LiveServer(app) as live:
        yield live
    app.state.kb.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    # nothing blocked when it closes: the CSP and our assets agree
    with watched_page(browser, viewport={"width": 1280, "height": 900}, accept_downloads=True) as page:
        yield page
    assert page.seen["dialogs"] == []


def test_home_autocomplete_by_alias_opens_the_dossier(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/")
    assert "Harbour Workers Alliance" in page.inner_text("#trending")
    page.fill("#home-search", "HW")
    option = page.locator(".hero .ac-list li a").first
    option.wait_for()
    assert "Harbour Workers Alliance" in option.inner_text() and "as HWA" in option.inner_text()
    shot(page, "home-autocomplete")
    option.click()
    page.wait_for_url("**/entities/*")
    assert page.inner_text("h1").startswith("Harbour Workers Alliance")


def test_dossier_draws_the_timeline_chart_and_the_graph(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/who?name=Tomas%20Reyes")
    page.wait_for_url("**/entities/*")
    page.goto(server.url + "/who?name=HWA")
    page.wait_for_url("**/entities/*")
    # the examples' dated lines are all unconfirmed (no event band is precise enough to be shown by
    # default; the quotes' dates come from the sentence before): the chart draws them with the toggle
    page.goto(page.url.split("?")[0] + "?all=true")
    page.wait_for_selector("#timeline-chart[data-rendered] svg .mark-rect path")
    # bars of lines per day, week or month (test_timeline_chart): every dated line counted once
    counted = page.evaluate(
        "Object.values(document.querySelector('#timeline-chart').newsgraphBuckets.counts).reduce((a, b) => a + b, 0)"
    )
    dated = page.evaluate(
        "fetch(document.querySelector('#timeline-chart').dataset.src)"
        ".then(r => r.json()).then(d => d.timeline.filter(t => t.day_from).length)"
    )
    assert counted == dated > 0
    page.wait_for_selector("#graph[data-rendered]")  # set by dossier.js once Cytoscape has drawn
    names = page.evaluate("window.cy.nodes().map(n => n.data('label'))")
    assert {"Harbour Workers Alliance", "Meridian Shipping", "Tomas Reyes"} <= set(names)
    box = page.locator("#graph canvas").first.bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    page.screenshot(
        path=str(Path(__file__).resolve().parents[2] / "test-artifacts" / "web" / "dossier-viewport.png")
    )
    shot(page, "dossier")
    # a click on a node opens that entity's dossier
    # (the HWA page's URL already matches **/entities/*, so wait for the new page's heading instead)
    before = page.url
    page.evaluate("window.cy.nodes().filter(n => n.data('label') === 'Meridian Shipping').emit('tap')")
    page.wait_for_function(
        "([before]) => location.href !== before && document.readyState === 'complete'"
        " && (document.querySelector('h1')?.innerText || '').startsWith('Meridian Shipping')",
        arg=[before],
    )
    assert "/entities/" in page.url
    assert page.inner_text("h1").startswith("Meridian Shipping")


def test_article_highlights_show_their_facts(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/who?name=HWA")
    page.locator(".sources a.src").first.click()
    page.wait_for_url("**/articles/*")
    page.goto(page.url.split("?")[0] + "?all=true")  # unconfirmed events are highlighted with the toggle
    for kind in ("ent", "quote", "date", "event"):
        assert page.locator(f"#article-body .hl-{kind}").count() > 0, kind
    hwa = page.locator("#article-body a.hl-ent", has_text="HWA").first
    assert "Harbour Workers Alliance (ORG)" in hwa.get_attribute("title")
    date = page.locator("#article-body span.hl-date").first
    words = date.inner_text()
    date.click()
    assert page.locator("#facts li.selected").count() >= 1
    assert words in page.inner_text("#facts li.selected")
    assert page.locator("details.boilerplate").get_attribute("open") is None  # collapsed
    shot(page, "article")


def test_events_filter_and_csv_download(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/events")
    page.check("input[name=all]")  # the example strikes score below the event threshold: show them, marked
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**all=true**")
    total = page.locator("#events-table tbody tr").count()
    page.select_option("select[name=type]", "PROTEST")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**type=PROTEST**")
    rows = page.locator("#events-table tbody tr")
    assert 0 < rows.count() < total
    types = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    assert all(t.startswith("PROTEST") for t in types)
    marked = page.locator("#events-table tbody tr.unconfirmed")
    assert all("unconfirmed" in marked.nth(i).inner_text() for i in range(marked.count()))
    with page.expect_download() as info:
        page.click("#csv-download")
    body = Path(info.value.path()).read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(body)))
    assert len(table) == rows.count() and {r["type"] for r in table} == {"PROTEST"}
    shot(page, "events")


def test_quotes_by_speaker(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/quotes")
    page.fill("input[name=speaker]", "Elena Varga")
    page.click("#quote-filters button[type=submit]")
    page.wait_for_url("**speaker=Elena**")
    items = page.locator("#quote-list li.quote")
    assert items.count() > 0
    assert all("Elena Varga" in items.nth(i).inner_text() for i in range(items.count()))
    shot(page, "quotes")
