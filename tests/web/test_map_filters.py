"""The events page's map counts the events the page's filters find, is fitted to them, and draws
places that would overlap as one circle."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import KnowledgeBase
from newsgraph.web import create_app
from newsgraph.writer import write_facts

from .conftest import LiveServer, shot, watched_page

_spec = importlib.util.spec_from_file_location(
    "map_corpus", Path(__file__).parents[1] / "query" / "conftest.py"
)
corpus = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(corpus)  # type: ignore[union-attr]

# two wharves a street apart (one circle on a map of Europe) and two harbours far away
BRINDLE = {"name": "Brindle Wharf", "country_code": "NL", "lat": 52.37, "lon": 4.90}
OSPREY = {"name": "Osprey Basin", "country_code": "NL", "lat": 52.38, "lon": 4.93}
TAMSIN = {"name": "Tamsin Pier", "country_code": "IT", "lat": 40.85, "lon": 14.27}
GULL = {"name": "Gullhaven", "country_code": "PL", "lat": 54.35, "lon": 18.65}
# (place, event type, actor, day): the Alliance protests in the north, Meridian strikes in the south
PLAN = [(BRINDLE, "PROTEST", "hwa", "2025-01-06"), (BRINDLE, "PROTEST", "hwa", "2025-01-13"),
        (BRINDLE, "PROTEST", "hwa", "2025-02-03"), (OSPREY, "PROTEST", "hwa", "2025-02-10"),
        (GULL, "PROTEST", "hwa", "2025-03-03"), (TAMSIN, "STRIKE", "meridian", "2025-04-07"),
        (TAMSIN, "STRIKE", "meridian", "2025-05-05"), (GULL, "STRIKE", "meridian", "2025-06-02")]  # fmt: skip


# a different second sentence each: pages alike but for a date would be near-duplicate reprints
ASIDES = [
    "Reporters counted forty banners and nine police vans before noon.",
    "A brass band from the tram depot played until the rain came.",
    "Shopkeepers along the quay closed early and pulled their shutters down.",
    "The harbour master refused to comment on the stalled ferries.",
    "Students from the maritime college joined with drums and flares.",
    "Cranes stood idle while three container ships waited beyond the breakwater.",
    "Union stewards handed out soup and leaflets printed overnight.",
    "Fishermen moored their boats across the channel in support.",
]


def article(n: int) -> object:
    where, kind, actor, day = PLAN[n]
    name = corpus.PEOPLE[actor][0]
    verb = "marched" if kind == "PROTEST" else "walked out"
    return corpus.build(
        f"m{n}",
        day,
        [
            f"The {name} {verb} at {where['name']} on {day}.",
            ASIDES[n],
        ],
        [actor],
        timexes=[(f"on {day}", day)],
        events=[{"type": kind, "actor": actor, "sentence": 0, "date": day, "trigger": verb, "place": where}],
    )


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    db = tmp_path_factory.mktemp("map-filters") / "kb.db"
    kb = KnowledgeBase(db)
    for n in range(len(PLAN)):
        write_facts(kb.engine, article(n))
    kb.close()
    app = create_app(db)
    yield app
    app.state.kb.close()


def counts(client: TestClient, **params: str) -> dict[str, int]:
    r = client.get("/api/places", params={"all": "true", **params})
    assert r.status_code == 200, r.text
    return {p["place"]: p["events"] for p in r.json()["places"]}


def test_places_take_the_events_filters(app: object) -> None:
    client = TestClient(app)
    assert counts(client) == {"Brindle Wharf": 3, "Osprey Basin": 1, "Gullhaven": 2, "Tamsin Pier": 2}
    assert counts(client, type="STRIKE") == {"Tamsin Pier": 2, "Gullhaven": 1}
    assert counts(client, actor="Harbour Workers Alliance") == {
        "Brindle Wharf": 3,
        "Osprey Basin": 1,
        "Gullhaven": 1,
    }
    assert counts(client, **{"from": "2025-02-01", "to": "2025-04-30"}) == {
        "Brindle Wharf": 1, "Osprey Basin": 1, "Gullhaven": 1, "Tamsin Pier": 1,
    }  # fmt: skip
    assert counts(client, place="PL") == {"Gullhaven": 2}
    # the same events the events list finds
    listed = client.get("/api/events", params={"all": "true", "type": "STRIKE", "limit": 100}).json()
    assert len(listed) == sum(counts(client, type="STRIKE").values())
    assert client.get("/api/places", params={"actor": "Nobody Atall"}).status_code == 404
    # the page's places table follows the filters too
    html = client.get("/events", params={"all": "true", "type": "STRIKE"}).text
    table = html[html.index('id="places-table"') :]
    assert "Tamsin Pier" in table and "Brindle Wharf" not in table
    assert 'data-src="/api/places?all=true&amp;type=STRIKE"' in html


@pytest.fixture(scope="module")
def server(app: object) -> Iterator[LiveServer]:
    with LiveServer(app) as live:
        yield live


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as page:
        yield page


def circles(page: object) -> list[list[float]]:
    return page.evaluate(
        "[...document.querySelectorAll('#place-map svg .mark-symbol path')]"
        ".map(p => { const b = p.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })"
    )


def test_the_map_merges_overlapping_places(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/events?all=true")
    page.wait_for_selector("#place-map[data-rendered] svg")
    assert page.get_attribute("#place-map", "data-places") == "4"
    assert len(circles(page)) == 3  # the two wharves a street apart are one circle
    names = page.evaluate(
        "[...document.querySelectorAll('#place-map svg .mark-text text')].map(t => t.textContent)"
    )
    assert sorted(names) == ["Brindle Wharf +1", "Gullhaven", "Tamsin Pier"]
    merged = page.evaluate("document.querySelector('#place-map').newsgraphClusters.find(c => c.places === 2)")
    assert merged["events"] == 4 and "Osprey Basin (1)" in merged["names"]
    shot(page, "events-map-clustered")


def test_the_map_fits_the_filtered_events(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/events?all=true&type=STRIKE")
    page.wait_for_selector("#place-map[data-rendered] svg")
    names = page.evaluate(
        "[...document.querySelectorAll('#place-map svg .mark-text text')].map(t => t.textContent)"
    )
    assert sorted(names) == ["Gullhaven", "Tamsin Pier"]  # no northern wharf: no strike there
    xy = circles(page)
    area = page.locator("#place-map").bounding_box()
    xs, ys = [x for x, _ in xy], [y for _, y in xy]
    # fitted to the two harbours: they span most of the map one way
    assert max((max(xs) - min(xs)) / area["width"], (max(ys) - min(ys)) / area["height"]) > 0.5


def test_the_map_draws_country_outlines_around_the_places(server: LiveServer, page: object) -> None:
    """The vendored world-atlas outlines are drawn under the points (no tiles, no network), and the
    projection still frames the places, not the whole world: every circle lies inside the map."""
    page.goto(server.url + "/events?all=true")
    page.wait_for_selector("#place-map[data-rendered] svg .mark-shape path")
    shapes = page.evaluate("document.querySelectorAll('#place-map svg .mark-shape path').length")
    assert shapes > 100  # one path per country (and the sphere)
    area = page.locator("#place-map").bounding_box()
    for x, y in circles(page):
        assert area["x"] <= x <= area["x"] + area["width"] and area["y"] <= y <= area["y"] + area["height"]
