"""API hygiene: impossible dates are a 422, HEAD answers every GET route, the OpenAPI document
declares the bearer scheme and the error body every error carries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    app = create_app(examples_db, token="hyg13ne")
    with TestClient(app) as c:
        yield c
    app.state.kb.close()


@pytest.mark.parametrize(
    "url", ["/api/events?from=2026-02-30", "/api/quotes?to=2025-02-29", "/events?from=2026-04-31"]
)
def test_a_day_not_on_the_calendar_is_422(client: TestClient, url: str) -> None:
    r = client.get(url, headers={"Accept": "application/json"})
    assert r.status_code == 422


def test_a_leap_day_outside_a_leap_year_says_why(client: TestClient) -> None:
    r = client.get("/api/quotes?to=2025-02-29")
    assert r.status_code == 422 and "2025-02-29 is not a day of the calendar" in r.text


def test_a_leap_day_and_partial_dates_are_fine(client: TestClient) -> None:
    for url in ["/api/quotes?from=2024-02-29", "/api/events?from=2026-02", "/api/events?to=2026"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url", ["/", "/events", "/quotes", "/api/stats", "/api/events", "/static/css/newsgraph.css"]
)
def test_head_answers_like_get_without_a_body(client: TestClient, url: str) -> None:
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_openapi_declares_the_bearer_scheme_and_the_error_body(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }
    assert spec["paths"]["/api/ingest"]["post"]["security"] == [{"bearerAuth": []}]
    error = {"$ref": "#/components/schemas/Error"}
    invalid = spec["paths"]["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert invalid == error
    real = client.get("/api/events?from=2026-02-30").json()
    assert set(spec["components"]["schemas"]["Error"]["required"]) <= set(real)


def test_a_digit_that_is_no_number_is_a_name(client: TestClient) -> None:
    """ "¹" is a digit to str.isdigit but no number to int(): a name nobody has, not a 500."""
    for url in ["/api/events?actor=%C2%B9", "/api/events.csv?recipient=%C2%B9", "/api/quotes?speaker=%C2%B9"]:
        assert client.get(url).status_code == 404, url
