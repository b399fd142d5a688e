"""The dossier's relation graph in a real browser with 45 neighbours: a force layout whose labels do
not sit on each other, labels cut to a width, zoom buttons and a legend."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.web import create_app
from newsgraph.writer import write_facts

from .conftest import LiveServer, shot, watched_page

_spec = importlib.util.spec_from_file_location(
    "graph_corpus", Path(__file__).parents[1] / "query" / "conftest.py"
)
corpus = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(corpus)  # type: ignore[union-attr]

FIRST = ["Ansel", "Brisa", "Caddo", "Delphine", "Ettore", "Fenna", "Gorm", "Halcyon", "Ilse"]
LAST = ["Quarrender", "Moltby", "Vashti-Orrin", "Pellacombe", "Tressick"]
# 45 made-up people, one a very long name (its label is cut, not spread over the graph)
NAMES = [f"{f} {last}" for last in LAST for f in FIRST]
NAMES[7] = "Halcyon Bartholomew-Featherstonehaugh Wintergreen-Abernathy Quarrender"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    for i, name in enumerate(NAMES):
        corpus.PEOPLE[f"p{i}"] = (name, "PERSON", [])
    db = tmp_path_factory.mktemp("graph-layout") / "kb.db"
    kb = KnowledgeBase(db)
    for n in range(15):  # fifteen meetings, three people each, all with the Alliance
        trio = [f"p{3 * n + k}" for k in range(3)]
        names = [corpus.PEOPLE[t][0] for t in trio]
        sentence = f"The Harbour Workers Alliance met {names[0]}, {names[1]} and {names[2]} at pier {n + 1}."
        other = f"The talks at pier {n + 1} lasted {n + 2} hours and covered {3 * n + 5} crane contracts."
        write_facts(
            kb.engine, corpus.build(f"g{n}", f"2025-03-{n + 1:02d}", [sentence, other], ["hwa", *trio])
        )
    kb.close()
    app = create_app(db)
    with LiveServer(app) as live:
        yield live
    app.state.kb.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as page:
        yield page


def open_graph(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/who?name=Harbour%20Workers%20Alliance")
    page.wait_for_url("**/entities/*")
    page.wait_for_selector("#graph[data-rendered]")


def test_forty_neighbours_get_room_and_short_labels(server: LiveServer, page: object) -> None:
    open_graph(server, page)
    nodes = page.evaluate("window.cy.nodes().length")
    assert nodes >= 40
    # label boxes (node and label together) of the centre and its neighbours do not overlap
    overlaps = page.evaluate(
        """(() => {
          const boxes = window.cy.nodes('[depth <= 1]').map(n => n.boundingBox({ includeLabels: true }));
          let hits = 0;
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.x1 < b.x2 - 2 && b.x1 < a.x2 - 2 && a.y1 < b.y2 - 2 && b.y1 < a.y2 - 2) hits++;
          }
          return hits;
        })()"""
    )
    # drawn at a readable scale: 12px labels shown at 8px or more once fitted to the box
    assert page.evaluate("window.cy.zoom()") >= 0.7
    assert overlaps == 0
    # not a ring: the force layout placed neighbours at different distances from the centre
    spread = page.evaluate(
        """(() => {
          const c = window.cy.nodes('[depth = 0]').position();
          const d = window.cy.nodes('[depth = 1]').map(n => Math.hypot(n.position('x') - c.x, n.position('y') - c.y));
          return Math.max(...d) / Math.min(...d);
        })()"""
    )
    assert spread > 1.3
    # the long name is cut to its label width, not drawn across the graph
    widest = page.evaluate(
        "Math.max(...window.cy.nodes().map(n => n.boundingBox({ includeLabels: true }).w))"
    )
    assert widest <= 140
    assert page.locator("#graph-legend").is_visible()
    shot(page, "graph-forty")


def test_zoom_buttons(server: LiveServer, page: object) -> None:
    open_graph(server, page)
    start = page.evaluate("window.cy.zoom()")
    page.click("#graph-tools button[data-zoom='in']")
    assert page.evaluate("window.cy.zoom()") == pytest.approx(start * 1.3, rel=0.01)
    page.click("#graph-tools button[data-zoom='out']")
    page.click("#graph-tools button[data-zoom='out']")
    assert page.evaluate("window.cy.zoom()") < start
    page.click("#graph-tools button[data-zoom='fit']")
    assert page.evaluate("window.cy.zoom()") == pytest.approx(start, rel=0.05)
