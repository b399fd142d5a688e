"""What the server must not give away: a body echoed to a client without the token, the ingesting
machine's paths, whether an internal name resolves."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app
from newsgraph.web.sources import hide_paths, shown_source

from .conftest import EXAMPLES, REPO

TOKEN = "l3ak-t0ken"
MARKER = "zq-echo-marker-"


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    app = create_app(examples_db, token=TOKEN)
    with TestClient(app) as c:
        yield c
    app.state.kb.close()


BAD_BODIES = [
    json.dumps({"text": MARKER * 20_000, "unknown_field": MARKER}).encode(),  # about 300 KB, invalid
    json.dumps({"text": 12, "id": MARKER}).encode(),
    json.dumps({"published": MARKER}).encode(),
    (MARKER * 1000).encode(),  # not JSON at all
    b'{"text": "' + MARKER.encode() + b'"',  # JSON cut short
    b"",
]


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_the_token_is_checked_before_the_body(client: TestClient, body: bytes) -> None:
    for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        r = client.post(
            "/api/ingest?wait=true", content=body, headers={**auth, "Content-Type": "application/json"}
        )
        assert r.status_code == 401, (auth, r.status_code)
        assert MARKER not in r.text and len(r.content) < 500
    # with the token, the body's faults are listed, but not its values
    r = client.post(
        "/api/ingest?wait=true",
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"] == "invalid" and r.json()["detail"]
    assert MARKER not in r.text and len(r.content) < 2000


def test_with_ingest_off_every_body_gets_403(examples_db: Path) -> None:
    app = create_app(examples_db)
    with TestClient(app) as c:
        for body in BAD_BODIES:
            r = c.post("/api/ingest?wait=true", content=body, headers={"Content-Type": "application/json"})
            assert r.status_code == 403 and MARKER not in r.text
    app.state.kb.close()


def test_ingest_request_body_is_still_documented(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    body = spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"url", "html", "text", "published", "title", "source_url", "id"} <= set(body["properties"])
    assert body["additionalProperties"] is False


def test_paths_are_shown_as_file_names() -> None:
    assert shown_source("/srv/crawl/2026/03/strike.html") == "strike.html"
    assert shown_source("/srv/crawl/dump.jsonl#L12") == "dump.jsonl#L12"
    assert shown_source("/srv/crawl/wire.warc.gz#88120") == "wire.warc.gz#88120"
    assert shown_source("C:\\Users\\desk\\pages\\a.txt") == "a.txt"
    assert shown_source("file:///home/desk/pages/b.html") == "b.html"
    assert shown_source("crawl/2026/c.html") == "c.html"
    assert shown_source("~/pages/d.html") == "d.html"
    for kept in ("https://news.example/2026/strike", "http://news.example/a", "api:evil1", "api:text", "-",
                 "page.html", "text", "coref"):  # fmt: skip
        assert shown_source(kept) == kept
    nested = {"source": "/a/b.txt", "place": {"source": "text"}, "sources": [{"source": "/x/y.html",
              "also_in": [{"source": "/x/z.html"}]}], "date_source": "published"}  # fmt: skip
    assert hide_paths(nested) == {"source": "b.txt", "place": {"source": "text"}, "sources": [
        {"source": "y.html", "also_in": [{"source": "z.html"}]}], "date_source": "published"}  # fmt: skip


def test_no_page_or_api_answer_shows_the_ingest_paths(client: TestClient) -> None:
    hwa = client.get("/api/entities", params={"q": "Harbour Workers"}).json()[0]["id"]
    dossier = client.get(f"/api/entities/{hwa}").json()
    assert {s["source"] for s in dossier["sources"]} == {"alder-strike.txt", "alder-deal.html"}
    article_ids = [s["id"] for s in dossier["sources"]]
    paths = [
        "/", "/api/home", f"/entities/{hwa}", f"/api/entities/{hwa}", f"/api/entities/{hwa}?all=true",
        "/api/who?name=HWA", f"/api/entities/{hwa}/timeline?all=true", f"/api/entities/{hwa}/graph?depth=2",
        "/events?all=true", "/api/events?all=true", "/api/events.csv?all=true", "/quotes?all=true",
        "/api/quotes?all=true", "/search?q=strike", "/api/search?q=strike", "/api/stats", "/api/places",
        *(f"/articles/{a}?all=true" for a in article_ids), *(f"/api/articles/{a}?all=true" for a in article_ids),
    ]  # fmt: skip
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, path
        for leak in (str(EXAMPLES), str(REPO), "/examples/"):
            assert leak not in r.text, (path, leak)
    article = client.get(f"/api/articles/{article_ids[0]}").json()
    assert article["source"] in {"alder-strike.txt", "alder-deal.html"}
    page = client.get(f"/articles/{article_ids[0]}").text
    assert f"Source: {article['source']}" in page


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/page",
        "http://localhost/",
        "http://10.0.0.1/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://intranet.newsgraph-test.invalid/",  # does not resolve: must read the same as one that does
    ],
)
def test_internal_addresses_are_only_refused(client: TestClient, url: str) -> None:
    r = client.post("/api/ingest?wait=true", json={"url": url}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400
    assert r.json()["detail"] == "refused"
