"""Ids in the web: every route that takes a name takes '#ID'; pages link entities by id, never by name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    app = create_app(examples_db)
    with TestClient(app) as c:
        yield c
    app.state.kb.close()


def _id(client: TestClient, name: str) -> int:
    return client.get("/api/who", params={"name": name}).json()["id"]


def test_name_routes_take_a_hash_id(client: TestClient) -> None:
    hwa = _id(client, "HWA")
    assert client.get("/api/who", params={"name": f"#{hwa}"}).json()["name"] == "Harbour Workers Alliance"
    r = client.get("/who", params={"name": f"#{hwa}"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/entities/{hwa}"
    by_name = client.get("/api/events", params={"actor": "HWA", "all": "true"}).json()
    assert by_name  # the examples' strike
    assert client.get("/api/events", params={"actor": f"#{hwa}", "all": "true"}).json() == by_name
    assert client.get("/api/events", params={"actor": str(hwa), "all": "true"}).json() == by_name
    varga = _id(client, "Elena Varga")
    quotes = client.get("/api/quotes", params={"speaker": f"#{varga}"}).json()
    assert quotes and quotes == client.get("/api/quotes", params={"speaker": "Elena Varga"}).json()
    missing = client.get("/api/quotes", params={"speaker": "#987654"})
    assert missing.status_code == 404 and "no entity with id #987654" in missing.text


def test_an_unknown_event_type_is_a_422_listing_the_valid_ones(client: TestClient) -> None:
    r = client.get("/api/events", params={"type": "PROTST"})
    assert r.status_code == 422
    assert "did you mean PROTEST?" in r.text and "AGREE" in r.text


def _entity_links(html: str) -> list[str]:
    return re.findall(r'href="(/(?:entities|who)[^"]*)"', html)


def test_the_dossier_links_entities_by_id(client: TestClient) -> None:
    hwa = _id(client, "HWA")
    html = client.get(f"/entities/{hwa}", params={"all": "true"}).text
    links = _entity_links(html)
    assert links, "the dossier links its related entities"
    # by id; the page's own sort and paging links add parameters to its id
    assert all(re.fullmatch(r"/entities/\d+(\?[^#]*)?(#[\w-]+)?", link) for link in links), links
    dossier = client.get(f"/api/entities/{hwa}", params={"all": "true"}).json()
    for r in dossier["related"]:
        assert f'href="/entities/{r["id"]}"' in html


def test_the_article_page_links_speakers_and_actors_by_id(client: TestClient) -> None:
    hwa = _id(client, "HWA")
    source = client.get(f"/api/entities/{hwa}").json()["sources"][0]
    record = client.get(f"/api/articles/{source['id']}", params={"all": "true"}).json()
    html = client.get(f"/articles/{source['id']}", params={"all": "true"}).text
    kb_ids = {e["id"]: e["kb"]["id"] for e in record["entities"] if e.get("kb")}
    linked = [kb_ids[q["speaker"]] for q in record["quotes"] if q.get("speaker") in kb_ids]
    linked += [kb_ids[e["actor"]] for e in record["events"] if e.get("actor") in kb_ids]
    assert linked, "the example article has a named speaker or actor"
    heads = [html.index(h) for h in ("<h3>Quotes</h3>", "<h3>Events</h3>") if h in html]
    quotes_and_events = html[min(heads) :]  # after the entity list, which links by id already
    for entity_id in linked:
        assert f'href="/entities/{entity_id}"' in quotes_and_events
    assert all(re.fullmatch(r"/entities/\d+", link) for link in _entity_links(html))


def test_the_dossier_header_counts_the_articles_it_lists(client: TestClient) -> None:
    hwa = _id(client, "HWA")
    d = client.get(f"/api/entities/{hwa}").json()
    assert d["article_count"] == len(d["sources"]) == len({s["id"] for s in d["sources"]})
    cut = client.get(f"/api/entities/{hwa}", params={"limit": 1}).json()
    assert cut["article_count"] == d["article_count"] and len(cut["sources"]) == 1
