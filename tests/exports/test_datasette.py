"""`newsgraph datasette`: metadata for Datasette, checked by starting Datasette and querying its JSON API."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from datasette.app import Datasette
from typer.testing import CliRunner

from newsgraph import trust
from newsgraph.api import KnowledgeBase
from newsgraph.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def site(research_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> tuple[Datasette, str, dict]:
    db = str(research_kb.engine.url.database)
    meta_path = tmp_path_factory.mktemp("datasette") / "metadata.json"
    result = runner.invoke(app, ["datasette", "--db", db, "--metadata", str(meta_path)])
    assert result.exit_code == 0, result.output
    assert f"datasette serve {db} -m {meta_path}" in result.stderr
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return Datasette([db], metadata=meta), Path(db).stem, meta


def _get(ds: Datasette, path: str) -> dict:
    async def fetch() -> dict:
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    return asyncio.run(fetch())


def test_tables_and_columns_are_described_and_bookkeeping_hidden(site: tuple[Datasette, str, dict]) -> None:
    ds, name, meta = site
    tables = meta["databases"][name]["tables"]
    assert tables["events"]["facets"][:2] == ["type", "country_code"]
    assert tables["quotes"]["fts_table"] == "quotes_fts"
    assert tables["minhash_bands"] == {"hidden": True}
    listing = {t["name"]: t for t in _get(ds, f"/{name}.json")["tables"]}
    assert not listing["events"]["hidden"] and listing["minhash_bands"]["hidden"]
    described = _get(ds, "/-/metadata.json")["databases"][name]["tables"]["events"]["columns"]
    assert described["country_code"].startswith("ISO 3166")


def test_event_facets_by_type_and_country(
    site: tuple[Datasette, str, dict], research_kb: KnowledgeBase
) -> None:
    ds, name, _ = site
    data = _get(ds, f"/{name}/events.json?_shape=objects&_size=max")
    types = {f["value"]: f["count"] for f in data["facet_results"]["type"]["results"]}
    stored = research_kb.events(include_unconfirmed=True, limit=10_000)
    assert types["PROTEST"] == sum(e["type"] == "PROTEST" for e in stored) >= 2
    countries = {f["value"]: f["count"] for f in data["facet_results"]["country_code"]["results"]}
    assert countries["KE"] >= 2  # our page's protest and arrests in Nairobi
    assert len(data["rows"]) == data["filtered_table_rows_count"] == len(stored)


def test_full_text_search_on_quotes_and_articles(site: tuple[Datasette, str, dict]) -> None:
    ds, name, _ = site
    quotes = _get(ds, f"/{name}/quotes.json?_search=fees&_shape=objects")["rows"]
    assert "We will not pay these fees," in [q["text"] for q in quotes]
    assert all("fee" in q["text"].lower() for q in quotes)
    found = _get(ds, f"/{name}/search_articles.json?q=tuition&_shape=objects")["rows"]
    assert [r["title"] for r in found] == ["Students march against fees in Nairobi"]
    assert "[tuition]" in found[0]["snippet"]
    assert _get(ds, f"/{name}/search_articles.json?q=dockworkers&_shape=objects")["rows"]  # the examples


def test_confirmed_queries_hold_what_the_default_view_shows(
    site: tuple[Datasette, str, dict], research_kb: KnowledgeBase
) -> None:
    ds, name, _ = site
    rows = _get(ds, f"/{name}/confirmed_relations.json?_shape=objects")["rows"]
    expected = research_kb.relations()
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in expected)
    assert all(trust.shown("relation", r["confidence"]) and not r["negated"] for r in rows)
    quotes = _get(ds, f"/{name}/confirmed_quotes.json?_shape=objects&_size=max")["rows"]
    assert sorted(q["id"] for q in quotes) == sorted(q["id"] for q in research_kb.quotes(limit=10_000))
    events = _get(ds, f"/{name}/confirmed_events.json?_shape=objects&_size=max")["rows"]
    assert sorted(e["id"] for e in events) == sorted(e["id"] for e in research_kb.events(limit=10_000))
