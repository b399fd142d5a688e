"""POST /api/ingest takes only http(s) source URLs and plain ids (no '..')."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app

from .conftest import copy_db

TOKEN = "ch3ck-t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "The Velmora port authority said on Tuesday that the night shift would end early.\n"


@pytest.fixture(scope="module")
def client(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(copy_db(examples_db, tmp_path_factory.mktemp("checks")), token=TOKEN)
    with TestClient(app) as c:
        yield c
    app.state.kb.close()


@pytest.mark.parametrize(
    "source_url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://news.example/a",
        "//news.example/a",
        "http:///no-host",
        "news.example/a",
        "",
    ],
)
def test_non_http_source_urls_are_422(client: TestClient, source_url: str) -> None:
    r = client.post("/api/ingest?wait=true", headers=AUTH, json={"text": TEXT, "source_url": source_url})
    assert r.status_code == 422, r.text
    (error,) = r.json()["detail"]
    assert error["loc"] == ["body", "source_url"]
    assert "source_url must be an http:// or https:// URL" in error["msg"]


@pytest.mark.parametrize("article_id", ["..", "...", ".", "a..b", "..secret", "x.."])
def test_ids_with_dot_dot_are_422(client: TestClient, article_id: str) -> None:
    r = client.post("/api/ingest?wait=true", headers=AUTH, json={"text": TEXT, "id": article_id})
    assert r.status_code == 422, r.text
    (error,) = r.json()["detail"]
    assert error["loc"] == ["body", "id"] and "'..'" in error["msg"]


def test_url_to_fetch_must_be_http_too(client: TestClient) -> None:
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/plain,hi"):
        r = client.post("/api/ingest?wait=true", headers=AUTH, json={"url": url})
        assert r.status_code == 422 and "http" in r.text


def test_http_source_urls_and_dotted_ids_are_taken(client: TestClient) -> None:
    r = client.post(
        "/api/ingest?wait=true",
        headers=AUTH,
        json={"text": TEXT, "source_url": "https://news.example/2026/04/velmora", "id": "velmora.night-1"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["articles"] == ["velmora.night-1"]
    record = client.get("/api/articles/velmora.night-1").json()
    assert record["url"] == "https://news.example/2026/04/velmora"
