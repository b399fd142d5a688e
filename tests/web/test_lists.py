"""Lists that tell the truth: the dossier, Quotes and Events pages run newest first with a sort switch,
say how many there are in all ("51–60 of 60") and page to the end."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import KnowledgeBase
from newsgraph.model import Article, Entity, Event, Facts, Quote, Timex
from newsgraph.web import create_app
from newsgraph.writer import write_facts

from .conftest import LiveServer, shot, watched_page

DAYS = 60
FIRST = date(2026, 1, 5)
WORDS = (
    "harbour crane ferry tide ledger rope gull anchor pier cargo barge lantern mooring quay salt chart "
    "hull keel mast rudder sail tackle winch bollard buoy jetty slipway dredger tug pilot freight "
    "container gantry berth dock customs tariff manifest voyage convoy beacon compass signal whistle"
).split()


# three harbours with coordinates, so the events map has something to fit
HARBOURS = [
    {"name": "Velmora", "country_code": "NL", "lat": 52.37, "lon": 4.9},
    {"name": "Ostrava Bay", "country_code": "PL", "lat": 54.35, "lon": 18.65},
    {"name": "Kestrel Point", "country_code": "IT", "lat": 40.85, "lon": 14.27},
]


def day(n: int) -> str:
    return (FIRST + timedelta(days=n)).isoformat()


def article(n: int, rng: random.Random) -> Facts:
    """Day n: Marta Kovalski's union marches, a line of other words (so no two articles are
    near-duplicates), and she says something. Day 5's march is denied, day 7's only threatened."""
    filler = " ".join(rng.sample(WORDS, 14)).capitalize() + "."
    quote = f"We will march again, day {n} is ours"
    sentences = [
        f"The Velmora Dockers Union marched to the port office on {FIRST + timedelta(days=n):%A}.",
        filler,  # in the middle: a sentence of its own there makes the page no copy of another day's
        f'"{quote}," said Marta Kovalski.',
    ]
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1

    def at(words: str) -> tuple[int, int]:
        i = text.index(words)
        return i, i + len(words)

    weekday = f"{FIRST + timedelta(days=n):%A}"
    return Facts(
        article=Article(
            id=f"day-{n:02d}",
            source=f"day-{n:02d}.txt",
            text=text,
            title=f"March, day {n}",
            published=day(n),
            content_hash=f"march-{n}",
        ),  # fmt: skip
        entities=[
            Entity("e1", "Velmora Dockers Union", "ORG", [], [at("Velmora Dockers Union")]),
            Entity("e2", "Marta Kovalski", "PERSON", [], [at("Marta Kovalski")]),
        ],
        sentences=spans,
        timexes=[Timex(weekday, *at(weekday), "DATE", day(n))],
        quotes=[
            Quote(
                quote + ",",
                *at(quote + ","),
                "direct",
                speaker="e2",
                speaker_text="Marta Kovalski",
                cue="said",
                date=day(n),
            )
        ],  # fmt: skip
        events=[
            Event(
                type="PROTEST",
                start=spans[0][0],
                end=spans[0][1],
                actor="e1",
                date=day(n),
                date_source="text",
                trigger="marched",
                negated=n == 5,
                hypothetical=n == 7,
                place=HARBOURS[n % 3],
            )  # fmt: skip
        ],
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lists") / "lists.db"
    kb = KnowledgeBase(path)
    rng = random.Random(9)
    for n in range(DAYS):
        write_facts(kb.engine, article(n, rng))
    kb.close()
    return path


@pytest.fixture(scope="module")
def app(db: Path) -> Iterator[object]:
    app = create_app(db)
    yield app
    app.state.kb.close()


@pytest.fixture(scope="module")
def client(app: object) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def entity(client: TestClient, name: str) -> int:
    return client.get("/api/who", params={"name": name}).json()["id"]


def test_the_corpus_is_whole(client: TestClient) -> None:
    assert client.get("/api/health").json()["articles"] == DAYS
    r = client.get("/api/quotes", params={"limit": 1})
    assert r.headers["x-total-count"] == str(DAYS)  # no article folded into another as a reprint


def test_the_dossier_api_counts_and_pages_newest_first(client: TestClient) -> None:
    marta = entity(client, "Marta Kovalski")
    first = client.get(f"/api/entities/{marta}").json()
    assert first["totals"]["quotes_by"] == DAYS and len(first["quotes_by"]) == 50
    assert first["order"] == "newest"
    assert first["quotes_by"][0]["article"]["published"] == day(DAYS - 1)  # the newest first
    rest = client.get(f"/api/entities/{marta}", params={"quotes_by_offset": 50}).json()["quotes_by"]
    assert [q["article"]["published"] for q in rest] == [day(n) for n in range(9, -1, -1)]
    oldest = client.get(f"/api/entities/{marta}", params={"order": "oldest", "limit": 3}).json()
    assert [q["article"]["published"] for q in oldest["quotes_by"]] == [day(0), day(1), day(2)]
    union = entity(client, "Velmora Dockers Union")
    shown = client.get(f"/api/entities/{union}").json()
    every = client.get(f"/api/entities/{union}", params={"all": "true"}).json()
    assert shown["totals"]["events"] == DAYS - 2 and every["totals"]["events"] == DAYS  # 2 held back
    assert every["totals"]["sources"] == DAYS and len(every["sources"]) == 50
    line = client.get(f"/api/entities/{union}/timeline", params={"order": "newest", "limit": 2, "offset": 1})
    assert [t["date"] for t in line.json()["timeline"]] == [day(DAYS - 2), day(DAYS - 3)]
    assert client.get(f"/api/entities/{union}", params={"events_offset": -1}).status_code == 422


def test_the_dossier_events_table_flags_like_the_events_page(client: TestClient) -> None:
    union = entity(client, "Velmora Dockers Union")
    page = client.get(f"/entities/{union}", params={"all": "true", "order": "oldest"}).text
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page.split('id="dossier-events"')[1].split("</table>")[0], re.S)
    flagged = {n: row for n, row in enumerate(rows[1:]) if "negated" in row or "hypothetical" in row}
    assert set(flagged) == {5, 7}
    assert '<span class="tag">negated</span>' in flagged[5] and "marched" in flagged[5]
    assert '<span class="tag">hypothetical</span>' in flagged[7]
    events = client.get("/events", params={"all": "true", "order": "oldest", "limit": 10}).text
    assert '<span class="tag">negated</span>' in events and '<span class="tag">hypothetical</span>' in events


def test_pages_say_the_true_total(client: TestClient) -> None:
    quotes = client.get("/quotes", params={"limit": 25, "offset": 50}).text
    assert "51–60 of 60 quotes" in " ".join(quotes.split())
    events = client.get("/events", params={"limit": 25}).text
    assert "1–25 of 58 events" in " ".join(events.split())
    union = entity(client, "Velmora Dockers Union")
    dossier = " ".join(client.get(f"/entities/{union}").text.split())
    assert "1–50 of 58 events" in dossier and "1–50 of 60 sources" in dossier
    assert "1 articles" not in dossier


@pytest.fixture(scope="module")
def server(app: object) -> Iterator[LiveServer]:
    with LiveServer(app) as live:
        yield live


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as page:
        yield page


def test_paging_to_the_newest_quote_of_a_long_list(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/quotes?limit=10")
    newest = page.locator("#quote-list li.quote").first.inner_text()
    assert f"day {DAYS - 1} is ours" in newest  # newest first by default
    page.click("#sort-oldest")
    page.wait_for_url("**order=oldest**")
    assert "day 0 is ours" in page.locator("#quote-list li.quote").first.inner_text()
    pages = 1
    while page.locator("nav.pager a[rel=next]").count():
        page.click("nav.pager a[rel=next]")
        page.wait_for_load_state()
        pages += 1
    assert pages == DAYS // 10
    assert "51–60 of 60 quotes" in page.inner_text("#quote-count")
    assert f"day {DAYS - 1} is ours" in page.locator("#quote-list li.quote").last.inner_text()


def test_paging_a_dossier_list_to_its_newest_item(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/who?name=Marta%20Kovalski")
    page.wait_for_url("**/entities/*")
    page.click("#sort-oldest")
    page.wait_for_url("**order=oldest**")
    quotes = page.locator("#quotes-by li.quote")
    assert quotes.count() == 50 and "day 0 is ours" in quotes.first.inner_text()
    page.locator("#quotes-by ~ nav.pager a[rel=last], nav.pager:near(#quotes-by) a[rel=last]").first.click()
    page.wait_for_url("**quotes_by_offset=50**")
    assert page.locator("#quotes-by li.quote").count() == DAYS - 50
    assert f"day {DAYS - 1} is ours" in page.locator("#quotes-by li.quote").last.inner_text()
    shot(page, "dossier-paged")


def test_a_dossier_without_ties_says_so_instead_of_one_big_circle(server: LiveServer, page: object) -> None:
    # Marta Kovalski speaks in a sentence of her own: no name beside hers, no stated tie
    page.goto(server.url + "/who?name=Marta%20Kovalski")
    page.wait_for_url("**/entities/*")
    page.wait_for_selector("#graph[data-rendered]")
    assert page.get_attribute("#graph", "data-rendered") == "0"
    assert page.inner_text("#graph").startswith("No ties yet") and page.locator("#graph canvas").count() == 0
    assert not page.locator("#graph-legend").is_visible()  # no legend for nothing drawn


def test_the_map_fits_the_places_and_names_them(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/events")
    page.wait_for_selector("#place-map[data-rendered] svg")
    above = page.evaluate(
        "document.querySelector('#place-map').getBoundingClientRect().top"
        " < document.querySelector('#events-table').getBoundingClientRect().top"
    )
    assert above  # seen before the long table, not under it
    names = page.evaluate(
        "[...document.querySelectorAll('#place-map svg .mark-text text')].map(t => t.textContent)"
    )
    assert sorted(names) == ["Kestrel Point", "Ostrava Bay", "Velmora"]
    boxes = page.evaluate(
        "[...document.querySelectorAll('#place-map svg .mark-symbol path')]"
        ".map(p => { const b = p.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })"
    )
    area = page.locator("#place-map").bounding_box()
    xs, ys = [x for x, _ in boxes], [y for _, y in boxes]
    # fitted: three harbours 14 degrees apart span most of the map one way (on a world map: 4%)
    assert len(boxes) == 3
    assert max((max(xs) - min(xs)) / area["width"], (max(ys) - min(ys)) / area["height"]) > 0.5
    shot(page, "events-map")
