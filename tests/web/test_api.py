"""The REST API and the pages' JSON twins over a knowledge base built from the bundled examples."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from html import escape
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


def hwa_id(client: TestClient) -> int:
    return client.get("/api/who", params={"name": "HWA"}).json()["id"]


def test_autocomplete_finds_an_entity_by_any_alias_prefix(client: TestClient) -> None:
    hits = client.get("/api/entities", params={"q": "hw"}).json()
    assert [h["name"] for h in hits] == ["Harbour Workers Alliance"]
    assert hits[0]["alias"] == "HWA"
    names = {h["name"] for h in client.get("/api/entities", params={"q": "harb"}).json()}
    assert "Harbour Workers Alliance" in names
    assert client.get("/api/entities", params={"q": "zzqx"}).json() == []
    assert client.get("/api/entities", params={"q": "  "}).json() == []


def test_dossier_by_id_and_by_name_agree(client: TestClient) -> None:
    by_name = client.get("/api/who", params={"name": "Harbour Workers Alliance"}).json()
    by_id = client.get(f"/api/entities/{by_name['id']}").json()
    assert by_id["name"] == by_name["name"] == "Harbour Workers Alliance"
    assert "HWA" in by_id["aliases"]
    assert by_id["relations"]["affiliated_with"][0]["other"]["name"] == "General Federation of Labour"
    assert {s["id"] for s in by_id["sources"]} == {s["id"] for s in by_name["sources"]}
    # the strike is stored; whether it is shown by default is trust's call, and all=true shows it either way
    every = client.get(f"/api/entities/{by_name['id']}", params={"all": "true"}).json()
    assert any(e["type"] == "PROTEST" for e in every["events"])
    assert by_id["events"] == [e for e in every["events"] if e["confirmed"]]
    assert by_id["unconfirmed"]["events"] == sum(not e["confirmed"] for e in every["events"])


def test_unknown_names_and_ids_are_404_with_suggestions(client: TestClient) -> None:
    r = client.get("/api/who", params={"name": "Harbour Workers Alliance Ltd"})
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"
    assert "Harbour Workers Alliance" in r.json()["suggestions"]
    assert client.get("/api/entities/987654").status_code == 404
    assert client.get("/api/entities/987654/timeline").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/quotes", params={"speaker": "Nobody Atall"}).status_code == 404


def test_timeline_lines_carry_chart_days(client: TestClient) -> None:
    data = client.get(f"/api/entities/{hwa_id(client)}/timeline", params={"all": "true"}).json()
    assert data["total"] == len(data["timeline"]) > 0
    shown = client.get(f"/api/entities/{hwa_id(client)}/timeline").json()
    assert shown["total"] + shown["unconfirmed"] == data["total"]
    assert shown["timeline"] == [line for line in data["timeline"] if line["confirmed"]]
    by_date = {line["date"]: line for line in data["timeline"]}
    assert by_date["2026-03-09"]["day_from"] == by_date["2026-03-09"]["day_to"] == "2026-03-09"
    assert (by_date["2011"]["day_from"], by_date["2011"]["day_to"]) == ("2011-01-01", "2011-12-31")
    fall = by_date["2025-FA"]
    assert fall["day_from"] == "2025-09-01" and fall["day_to"] == "2025-11-30"
    later = client.get(
        f"/api/entities/{hwa_id(client)}/timeline", params={"from": "2026-03-10", "all": "true"}
    ).json()
    assert later["timeline"] and all(line["day_to"] >= "2026-03-10" for line in later["timeline"])
    assert client.get(f"/api/entities/{hwa_id(client)}/timeline", params={"from": "soon"}).status_code == 422


def test_graph_reaches_two_hops(client: TestClient) -> None:
    one = client.get(f"/api/entities/{hwa_id(client)}/graph", params={"depth": 1}).json()
    two = client.get(f"/api/entities/{hwa_id(client)}/graph", params={"depth": 2}).json()
    assert one["center"]["name"] == "Harbour Workers Alliance"
    assert {n["name"] for n in one["nodes"]} >= {"Meridian Shipping", "Tomas Reyes"}
    assert len(two["nodes"]) > len(one["nodes"])
    ids = {n["id"] for n in two["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in two["edges"])
    assert client.get(f"/api/entities/{hwa_id(client)}/graph", params={"depth": 3}).status_code == 422


def test_events_filter_and_csv_agree(client: TestClient) -> None:
    every = client.get("/api/events", params={"all": "true"}).json()
    protests = client.get("/api/events", params={"type": "protest", "all": "true"}).json()
    assert protests and all(e["type"] == "PROTEST" for e in protests)
    assert len(protests) < len(every)
    r = client.get("/api/events.csv", params={"type": "PROTEST", "all": "true"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == [str(e["id"]) for e in protests]
    assert {row["type"] for row in rows} == {"PROTEST"}
    by_actor = client.get("/api/events", params={"actor": "HWA", "all": "true"}).json()
    assert by_actor and all(e["actor_name"] == "Harbour Workers Alliance" for e in by_actor)


def test_quotes_by_speaker_and_topic(client: TestClient) -> None:
    varga = client.get("/api/quotes", params={"speaker": "Elena Varga"}).json()
    assert varga and all(q["speaker_name"] == "Elena Varga" for q in varga)
    topic = client.get("/api/quotes", params={"q": "hostage"}).json()
    assert [q["speaker_name"] for q in topic] == ["Elena Varga"]
    assert "hostage" in topic[0]["text"]


def test_article_with_facts_links_entities_to_the_knowledge_base(client: TestClient) -> None:
    source = client.get(f"/api/entities/{hwa_id(client)}").json()["sources"][0]
    record = client.get(f"/api/articles/{source['id']}").json()
    assert record["id"] == source["id"] and record["title"] == source["title"]
    hwa = next(e for e in record["entities"] if e["name"] == "Harbour Workers Alliance")
    assert hwa["kb"] == {"id": hwa_id(client), "name": "Harbour Workers Alliance"}
    for e in record["entities"]:
        for start, end in e["mentions"]:
            assert record["text"][start:end]


def test_search_and_stats(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "cranes"}).json()
    assert {a["article"]["title"] for a in found["articles"]} >= {
        "Alder dock strike ends after deal on automated cranes"
    }
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 2 and stats["entities"]["total"] >= 5
    home = client.get("/api/home").json()
    assert home["trending"]["to"] == "2026-03-19" and home["trending"]["from"] == "2026-03-13"
    assert home["trending"]["entities"][0]["name"] == "Harbour Workers Alliance"


@pytest.mark.parametrize(
    ("page", "twin"),
    [("/", "/api/home"), ("/events?type=PROTEST", "/api/events?type=PROTEST"),
     ("/quotes?speaker=Elena+Varga", "/api/quotes?speaker=Elena+Varga"), ("/search?q=cranes", "/api/search?q=cranes")],
)  # fmt: skip
def test_every_page_has_a_json_twin(client: TestClient, page: str, twin: str) -> None:
    html = client.get(page)
    assert html.headers["content-type"].startswith("text/html")
    assert f'<link rel="alternate" type="application/json" href="{escape(twin)}">' in html.text
    sep = "&" if "?" in page else "?"
    assert client.get(page + sep + "format=json").json() == client.get(twin).json()


def test_dossier_and_article_pages_have_twins(client: TestClient) -> None:
    eid = hwa_id(client)
    assert client.get(f"/entities/{eid}?format=json").json() == client.get(f"/api/entities/{eid}").json()
    page = client.get(f"/entities/{eid}").text
    assert f'href="/api/entities/{eid}"' in page and 'id="timeline-chart"' in page and 'id="graph"' in page
    aid = client.get(f"/api/entities/{eid}").json()["sources"][0]["id"]
    assert client.get(f"/articles/{aid}?format=json").json() == client.get(f"/api/articles/{aid}").json()


def test_who_redirects_to_the_dossier(client: TestClient) -> None:
    r = client.get("/who", params={"name": "HWA"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/entities/{hwa_id(client)}"
    r = client.get("/entities", params={"q": "hw"}, follow_redirects=False)
    assert r.status_code == 303
    missing = client.get("/who", params={"name": "Harbour Workers Alliance Ltd"})
    assert missing.status_code == 404 and "Did you mean" in missing.text


SECURITY_HEADERS = ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/api/stats",
        "/static/css/newsgraph.css",
        "/nope",
        "/api/entities/0",
        "/static/vendor/vega-lite-5.23.0.min.js",
    ],
)
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    r = client.get(path)
    for header in SECURITY_HEADERS:
        assert header in r.headers, (path, header)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    import re

    eid = hwa_id(client)
    aid = client.get(f"/api/entities/{eid}").json()["sources"][0]["id"]
    for path in [
        "/",
        f"/entities/{eid}",
        f"/articles/{aid}",
        "/events",
        "/quotes",
        "/search?q=strike",
        "/docs",
    ]:
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert "<style" not in html and " style=" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path


def test_vendored_assets_are_served_offline(client: TestClient) -> None:
    for name in [
        "vega-5.33.1.min.js",
        "vega-lite-5.23.0.min.js",
        "vega-embed-6.29.0.min.js",
        "vega-interpreter-1.2.1.min.js",
        "cytoscape-3.35.0.min.js",
    ]:
        r = client.get(f"/static/vendor/{name}")
        assert r.status_code == 200 and len(r.content) > 4000, name
        assert "javascript" in r.headers["content-type"]
    assert "BSD-3-Clause" in client.get("/static/vendor/README.md").text


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in [
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/who",
        "/api/entities/{entity_id}/timeline",
        "/api/entities/{entity_id}/graph",
        "/api/quotes",
        "/api/events",
        "/api/events.csv",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/stats",
        "/api/ingest",
        "/api/ingest/jobs/{job_id}",
    ]:
        assert path in spec["paths"], path
    dossier = spec["paths"]["/api/entities/{entity_id}"]["get"]["responses"]["200"]
    assert dossier["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Dossier"}
    assert "/docs" not in spec["paths"]  # pages stay out of the API document
    assert client.get("/docs").status_code == 200


def test_ingest_is_off_without_a_token(client: TestClient) -> None:
    r = client.post("/api/ingest?wait=true", json={"text": "Anything at all."})
    assert r.status_code == 403


def test_request_bodies_over_the_limit_get_413(examples_db: Path) -> None:
    app = create_app(examples_db, token="t0ken", max_body=1000)
    with TestClient(app) as c:
        big = {"text": "x" * 5000}
        assert (
            c.post("/api/ingest?wait=true", json=big, headers={"Authorization": "Bearer t0ken"}).status_code
            == 413
        )

        def chunks() -> Iterator[bytes]:  # no Content-Length: the cap must count streamed bytes
            yield b'{"text": "'
            for _ in range(50):
                yield b"y" * 100
            yield b'"}'

        r = c.post(
            "/api/ingest?wait=true",
            content=chunks(),
            headers={"Authorization": "Bearer t0ken", "Content-Type": "application/json"},
        )
        assert r.status_code == 413
        assert (
            c.post(
                "/api/ingest?wait=true", json={"text": "short"}, headers={"Authorization": "Bearer wrong"}
            ).status_code
            == 401
        )
        assert c.post("/api/ingest?wait=true", json={"text": "short"}).status_code == 401
    app.state.kb.close()


def test_ingest_refuses_private_and_loopback_urls(examples_db: Path) -> None:
    app = create_app(examples_db, token="t0ken")
    with TestClient(app) as c:
        for url in [
            "http://127.0.0.1:9/page",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/x",
            "http://localhost/",
        ]:
            r = c.post("/api/ingest?wait=true", json={"url": url}, headers={"Authorization": "Bearer t0ken"})
            assert r.status_code == 400, (url, r.text)
        r = c.post(
            "/api/ingest?wait=true",
            json={"url": "file:///etc/passwd"},
            headers={"Authorization": "Bearer t0ken"},
        )
        assert r.status_code == 422
    app.state.kb.close()
