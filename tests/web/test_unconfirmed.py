"""The web pages and the REST API show confirmed facts by default; the "show unconfirmed" toggle and
``all=true`` show the rest, visibly marked. A trust table written here holds every event and quote
back (threshold above any confidence), so what the default hides is known whatever the NLP scores.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph import trust
from newsgraph.web import create_app

STRICT = "\n".join(
    f"[{kind}]\nthreshold = {1.01 if kind in ('event', 'quote') else 0.0}\ncuts = []\nprecision = []\nn = 0\n"
    for kind in trust.KINDS
)


@pytest.fixture(autouse=True)
def strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    path = tmp_path / "trust.toml"
    path.write_text(STRICT)
    monkeypatch.setenv(trust.ENV_PATH, str(path))
    trust.reload()
    yield
    monkeypatch.delenv(trust.ENV_PATH)
    trust.reload()


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    app = create_app(examples_db)
    with TestClient(app) as c:
        yield c
    app.state.kb.close()


def test_api_hides_unconfirmed_events_and_counts_them_in_a_header(client: TestClient) -> None:
    shown = client.get("/api/events")
    assert shown.json() == []
    every = client.get("/api/events", params={"all": "true"}).json()
    assert every and all(e["confirmed"] is False for e in every)
    assert int(shown.headers["x-unconfirmed-count"]) == len(every)
    assert any(e["hypothetical"] for e in every)  # the examples hold a hypothetical event
    assert client.get("/api/places").json()["places"] == []  # the map counts what the table shows
    assert client.get("/api/places", params={"all": "true"}).json()["places"]
    quotes = client.get("/api/quotes")
    assert quotes.json() == [] and int(quotes.headers["x-unconfirmed-count"]) > 0


def test_events_page_toggle_shows_the_rest_marked(client: TestClient) -> None:
    page = client.get("/events").text
    assert 'id="events-table"' in page and 'class="unconfirmed"' not in page
    n = len(client.get("/api/events", params={"all": "true"}).json())
    assert f"0 events; {n} more unconfirmed" in page
    assert 'id="unconfirmed-toggle" href="/events?all=true"' in page
    marked = client.get("/events", params={"all": "true"}).text
    assert len(re.findall(r'<tr class="unconfirmed">', marked)) == n  # the sentence is in the row now
    assert "unconfirmed-tag" in marked and ">hypothetical</span>" in marked
    assert 'name="all" value="true" checked' in marked and "Hide unconfirmed" in marked
    csv_link = re.search(r'id="csv-download" href="([^"]+)"', marked)
    assert csv_link and "all=true" in csv_link.group(1)  # the CSV holds what the page shows


def test_dossier_page_toggle_and_its_json_twin(client: TestClient) -> None:
    eid = client.get("/api/who", params={"name": "Elena Varga"}).json()["id"]
    page = client.get(f"/entities/{eid}").text
    assert "Show unconfirmed" in page and 'class="quote unconfirmed"' not in page
    marked = client.get(f"/entities/{eid}", params={"all": "true"}).text
    assert 'class="quote unconfirmed"' in marked and "Hide unconfirmed" in marked
    assert f'data-src="/api/entities/{eid}/timeline?all=true"' in marked
    assert f'href="/api/entities/{eid}?all=true"' in marked  # the JSON twin of what is shown
    twin = client.get(f"/entities/{eid}", params={"all": "true", "format": "json"}).json()
    assert twin["quotes_by"] and all(q["confirmed"] is False for q in twin["quotes_by"])
    plain = client.get(f"/api/entities/{eid}").json()
    assert plain["quotes_by"] == [] and plain["unconfirmed"]["quotes_by"] == len(twin["quotes_by"])


def test_quotes_page_marks_unconfirmed_quotes(client: TestClient) -> None:
    page = client.get("/quotes").text
    assert "0 quotes;" in page and "No quotes match." in page
    marked = client.get("/quotes", params={"all": "true"}).text
    assert 'class="quote unconfirmed"' in marked and "unconfirmed-tag" in marked


def test_article_page_highlights_confirmed_facts_unless_all(client: TestClient) -> None:
    eid = client.get("/api/who", params={"name": "Elena Varga"}).json()["id"]
    aid = client.get(f"/api/entities/{eid}").json()["sources"][0]["id"]
    plain = client.get(f"/api/articles/{aid}").json()
    every = client.get(f"/api/articles/{aid}", params={"all": "true"}).json()
    assert plain["quotes"] == [] and plain["events"] == []
    assert every["quotes"] and all(q["confirmed"] is False for q in every["quotes"])
    assert plain["unconfirmed"]["quotes"] == len(every["quotes"])
    assert plain["unconfirmed"]["events"] == len(every["events"])
    page = client.get(f"/articles/{aid}").text
    assert "hl-quote" not in page.split('id="article-body"')[1].split("</div>")[0]
    assert "Show unconfirmed" in page
    marked = client.get(f"/articles/{aid}", params={"all": "true"}).text
    assert "hl-quote" in marked.split('id="article-body"')[1].split("</div>")[0]
    assert 'data-fact="quote-0" class="unconfirmed"' in marked and "unconfirmed-tag" in marked
