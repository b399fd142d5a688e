"""The dossier's timeline chart in a real browser: volume per day, week or month (not one dot per
line), years on the axis over a long span, and a click on a bar lists that bar's lines with links
to their sentences."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.web import create_app
from newsgraph.writer import write_facts

from .conftest import LiveServer, shot, watched_page

_spec = importlib.util.spec_from_file_location(
    "query_corpus", Path(__file__).parents[1] / "query" / "conftest.py"
)
corpus = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(corpus)  # type: ignore[union-attr]

PORTS = ["Kestrel Quay", "Brindle Wharf", "Osprey Basin", "Tamsin Pier", "Gullhaven", "Marrow Dock", "Fennick Slip",
         "Larchmouth", "Quillon Reach", "Saltery Row", "Wendle Berth", "Harrowgate Mole"]  # fmt: skip
# three strikes in the week of Monday 5 June 2023; the rest spread over almost three years
DAYS = ["2023-06-05", "2023-06-07", "2023-06-09", "2023-09-14", "2024-01-22", "2024-05-03", "2024-08-19",
        "2024-12-02", "2025-03-11", "2025-07-28", "2025-10-06", "2026-02-16"]  # fmt: skip


def strike(n: int) -> object:
    day = DAYS[n]
    words = f"on {day}"
    return corpus.build(
        f"t{n}",
        day,
        [
            f"The Harbour Workers Alliance walked out at {PORTS[n]} {words}.",
            f"Pickets at {PORTS[n]} counted {n * 7 + 3} cranes idle and {n * 11 + 2} ships waiting offshore.",
        ],
        ["hwa"],
        timexes=[(words, day)],
        events=[{"type": "STRIKE", "actor": "hwa", "sentence": 0, "date": day, "trigger": "walked out"}],
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("timeline-chart") / "kb.db"
    kb = KnowledgeBase(db)
    for n in range(len(DAYS)):
        write_facts(kb.engine, strike(n))
    kb.close()
    app = create_app(db)
    with LiveServer(app) as live:
        yield live
    app.state.kb.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as page:
        yield page


def open_dossier(server: LiveServer, page: object) -> list[dict]:
    page.goto(server.url + "/who?name=Harbour%20Workers%20Alliance")
    page.wait_for_url("**/entities/*")
    page.goto(page.url.split("?")[0] + "?all=true")  # every dated line, whatever the trust table says
    page.wait_for_selector("#timeline-chart[data-rendered] svg .mark-rect path")
    return page.evaluate(
        "fetch(document.querySelector('#timeline-chart').dataset.src + '&limit=2000')"
        ".then(r => r.json()).then(d => d.timeline.filter(t => t.day_from))"
    )


def test_bars_count_lines_per_week_with_years_on_the_axis(server: LiveServer, page: object) -> None:
    dated = open_dossier(server, page)
    assert len(dated) >= len(DAYS)
    chart = page.evaluate("(() => { const el = document.querySelector('#timeline-chart');"
                          " return {unit: el.dataset.unit, counts: el.newsgraphBuckets.counts}; })()")  # fmt: skip
    assert chart["unit"] == "week"  # almost three years: a bar a week
    assert sum(chart["counts"].values()) == len(dated)  # every dated line counted once
    assert chart["counts"]["2023-06-05"] >= 3  # Monday, Wednesday and Friday share one bar
    bars = page.locator("#timeline-chart svg .mark-rect path").count()
    assert bars < len(dated)  # volume, not one mark per line
    labels = page.evaluate(
        "[...document.querySelectorAll('#timeline-chart svg .role-axis-label text')].map(t => t.textContent.trim())"
    )
    years = [t for t in labels if re.fullmatch(r"\d{4}", t)]
    assert {"2024", "2025"} <= set(years)
    assert len(set(years)) == len(years) <= 6  # one label a year, no crowding
    shot(page, "timeline-chart")


def test_a_click_on_a_bar_lists_its_lines(server: LiveServer, page: object) -> None:
    open_dossier(server, page)
    assert page.locator("#timeline-picked").is_hidden()
    index = page.evaluate(
        "document.querySelector('#timeline-chart').newsgraphView.data('data_0')"
        ".findIndex(b => b.key === '2023-06-05')"
    )
    assert index >= 0
    page.locator("#timeline-chart svg .mark-rect path").nth(index).click()
    picked = page.locator("#timeline-picked")
    picked.wait_for(state="visible")
    assert picked.locator(".picked-head").inner_text().startswith("Week of 5 June 2023")
    items = picked.locator("li")
    assert items.count() >= 3
    texts = items.all_inner_texts()
    assert all(re.search(r"2023-06-0[579]", t) for t in texts)
    assert any("walked out at Kestrel Quay" in t for t in texts)
    for link in picked.locator("a.source").all():
        assert re.fullmatch(r"/articles/t[0-2](\?all=true)?#[esq]\d+", link.get_attribute("href"))
    # the link lands on the sentence, highlighted
    picked.locator("a.source").first.click()
    page.wait_for_url("**/articles/*")
    target = page.evaluate("location.hash.slice(1)")
    assert page.locator(f"[id='{target}']").count() == 1
