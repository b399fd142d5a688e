"""The REST lists page: newest first by default, ``offset`` and ``limit``, the total in ``X-Total-Count``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app

from .conftest import copy_db

TOKEN = "p4ge-t0ken"
DAYS = ["2026-05-04", "2026-05-11", "2026-05-18", "2026-05-25"]
PAGES = [
    "Police arrested four dock workers in Velmora on Monday, the port authority said.\n\n"
    'Union leader Marta Kovalski said: "We will keep the gates closed until the wages are paid."\n\n'
    "Hundreds of workers protested outside the Velmora town hall on Monday evening.\n",
    "The Velmora port authority fined the Dockside Tenants Union on Tuesday.\n\n"
    '"The fine is an insult to every worker here," said Marta Kovalski, the union leader.\n\n'
    "Protesters marched through the old market of Velmora on Tuesday, police said.\n",
    "Ferry crews in Ostrava Bay joined the dispute on Wednesday and blocked two car ferries.\n\n"
    '"Nobody crosses the bay until the union is heard," Marta Kovalski told a crowd at the quay.\n\n'
    "Several hundred people demonstrated at the ferry terminal, a police spokesman said.\n",
    "Talks between the shipping company Meridian Lines and the dockers collapsed on Thursday night.\n\n"
    'Marta Kovalski said the company "walked out of the room" after an hour, and called the offer '
    'an "insult".\n\nStrikers rallied outside the Meridian Lines offices in Velmora on Friday.\n',
]


@pytest.fixture(scope="module")
def client(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(copy_db(examples_db, tmp_path_factory.mktemp("paging")), token=TOKEN)
    with TestClient(app) as c:
        for n, day in enumerate(DAYS):
            text = PAGES[n]
            r = c.post(
                "/api/ingest?wait=true",
                headers={"Authorization": f"Bearer {TOKEN}"},
                json={"text": text, "published": day, "id": f"velmora-{n}", "title": f"Velmora, week {n}"},
            )
            assert r.status_code == 200 and r.json()["summary"]["stored"] == 1, r.text
        yield c
    app.state.kb.close()


def published(rows: list[dict]) -> list[str]:
    return [r["article"]["published"] or "" for r in rows]


@pytest.mark.parametrize("kind", ["events", "quotes"])
def test_lists_are_newest_first_and_page_to_the_oldest(client: TestClient, kind: str) -> None:
    whole = client.get(f"/api/{kind}", params={"all": "true", "limit": 500})
    rows = whole.json()
    total = int(whole.headers["x-total-count"])
    assert total == len(rows) >= 6  # every ingested page has at least one of each, plus the examples
    dates = published(rows)
    assert dates == sorted(dates, reverse=True) and dates[0] == DAYS[-1]  # the newest first
    paged: list[dict] = []
    for offset in range(0, total + 2, 2):
        r = client.get(f"/api/{kind}", params={"all": "true", "limit": 2, "offset": offset})
        assert r.status_code == 200 and int(r.headers["x-total-count"]) == total
        paged += r.json()
    assert [p["id"] for p in paged] == [r["id"] for r in rows]  # the pages add up to the list, no gap
    assert client.get(f"/api/{kind}", params={"all": "true", "offset": total}).json() == []
    oldest = client.get(f"/api/{kind}", params={"all": "true", "limit": 500, "order": "oldest"}).json()
    assert sorted(published(oldest)) == published(oldest)
    assert {r["id"] for r in oldest} == {r["id"] for r in rows}


def test_totals_follow_the_filters_and_the_view(client: TestClient) -> None:
    bounded = {"from": DAYS[1], "to": DAYS[2], "all": "true", "limit": 500}  # dates: counted as streamed
    for kind in ("events", "quotes"):
        r = client.get(f"/api/{kind}", params=bounded)
        assert int(r.headers["x-total-count"]) == len(r.json()) > 0
        assert set(published(r.json())) <= {DAYS[1], DAYS[2]}
        confirmed = client.get(f"/api/{kind}", params={"limit": 500})  # the default view: confirmed only
        assert int(confirmed.headers["x-total-count"]) == len(confirmed.json())
        assert all(x["confirmed"] for x in confirmed.json())
    r = client.get("/api/quotes", params={"speaker": "Marta Kovalski", "all": "true", "limit": 1})
    assert len(r.json()) == 1 and int(r.headers["x-total-count"]) >= 4
    r = client.get("/api/quotes", params={"q": "insult", "all": "true"})
    assert int(r.headers["x-total-count"]) == len(r.json()) >= 2 and all(
        "insult" in x["text"] for x in r.json()
    )
    r = client.get("/api/events", params={"type": "PROTEST", "all": "true", "limit": 1})
    assert len(r.json()) == 1 and int(r.headers["x-total-count"]) >= 4


def test_bad_paging_values_are_422(client: TestClient) -> None:
    for params in ({"offset": -1}, {"order": "random"}, {"offset": "x"}):
        assert client.get("/api/events", params=params).status_code == 422
        assert client.get("/api/quotes", params=params).status_code == 422


def test_the_library_keeps_publication_order(client: TestClient) -> None:
    kb = client.app.state.kb  # type: ignore[attr-defined]
    rows = kb.events(include_unconfirmed=True, limit=500)
    assert published(rows) == sorted(published(rows))  # oldest first, as before
    newest = kb.events(include_unconfirmed=True, limit=3, offset=1, newest_first=True)
    assert [r["id"] for r in newest] == [r["id"] for r in rows[::-1][1:4]]
