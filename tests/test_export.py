"""Exports of a knowledge base built from the example pages: JSONL, CSV, Parquet and GraphML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.export import ExportError
from newsgraph.store.schema import articles, entities, events, quotes, relations

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CONTRACT = ["id", "url", "source", "title", "published", "authors", "site", "section", "text", "captions",
            "boilerplate", "entities", "timexes", "quotes", "descriptions", "relations", "events", "coref"]  # fmt: skip
runner = CliRunner()


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    base = KnowledgeBase(tmp_path_factory.mktemp("export") / "kb.db")
    base.ingest([str(EXAMPLES / "alder-strike.txt"), str(EXAMPLES / "alder-deal.html")])
    yield base
    base.close()


def _count(kb: KnowledgeBase, table) -> int:  # type: ignore[no-untyped-def]
    with kb.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_jsonl_writes_the_article_records_of_the_contract(kb: KnowledgeBase, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    assert kb.export(out, format="jsonl") == 2
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["published"] for r in records] == ["2026-03-12", "2026-03-19"]
    for r in records:
        assert [f for f in CONTRACT if f not in r] == []
        for e in r["entities"]:
            for start, end in e["mentions"]:
                assert r["text"][start:end]


@pytest.mark.parametrize("table", ["articles", "entities", "quotes", "events", "relations"])
def test_csv_and_parquet_hold_every_row_with_all(kb: KnowledgeBase, tmp_path: Path, table: str) -> None:
    import pyarrow.parquet as pq

    expected = {"articles": _count(kb, articles), "entities": _count(kb, entities), "quotes": _count(kb, quotes),
                "events": _count(kb, events), "relations": _count(kb, relations)}[table]  # fmt: skip
    assert expected > 0
    path = tmp_path / f"{table}.csv"
    # every row needs include_unconfirmed (--all): the default holds the confirmed facts alone
    assert kb.export(path, format="csv", table=table, include_unconfirmed=True) == expected
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == expected
    pq_path = tmp_path / f"{table}.parquet"
    assert kb.export(pq_path, format="parquet", table=table, include_unconfirmed=True) == expected
    frame = pq.read_table(pq_path)
    assert frame.num_rows == expected and frame.column_names == list(rows[0])
    assert [str(v) for v in frame.column("id").to_pylist()] == [r["id"] for r in rows]


def test_rows_carry_names_and_sentences(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    kb.export(path, format="csv", table="quotes")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    reyes = [r for r in rows if r["speaker_name"] == "Tomas Reyes"]
    assert reyes and all(r["text"] in r["sentence"] for r in reyes)
    ents = tmp_path / "entities.csv"
    kb.export(ents, format="csv", table="entities")
    by_name = {r["name"]: r for r in csv.DictReader(ents.open(encoding="utf-8"))}
    assert "HWA" in by_name["Harbour Workers Alliance"]["aliases"].split("|")


def test_graphml_of_the_whole_entity_graph(kb: KnowledgeBase, tmp_path: Path) -> None:
    import networkx as nx

    out = tmp_path / "g.graphml"
    ties = kb.export(out, format="graphml")
    g = nx.read_graphml(out)
    assert g.number_of_edges() == ties > 0
    names = nx.get_node_attributes(g, "name")
    hwa = next(n for n, name in names.items() if name == "Harbour Workers Alliance")
    assert any(names[m] == "Tomas Reyes" for m in g.neighbors(hwa))


def test_duplicates_are_left_out_unless_asked_for(tmp_path: Path) -> None:
    kb = KnowledgeBase(tmp_path / "kb.db")
    kb.ingest([str(EXAMPLES / "alder-strike.txt"), str(EXAMPLES / "alder-deal.html")])
    with kb.engine.begin() as conn:
        first, second = conn.execute(select(articles.c.id).order_by(articles.c.published)).scalars().all()
        conn.execute(update(articles).where(articles.c.id == second).values(duplicate_of=first))
    out = tmp_path / "a.jsonl"
    assert kb.export(out) == 1
    assert kb.export(out, include_duplicates=True) == 2
    kb.close()


def test_cli_export_and_clear_errors(kb: KnowledgeBase, tmp_path: Path) -> None:
    db = str(kb.engine.url.database)
    result = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--table", "events", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("id,date,type")
    bad = runner.invoke(app, ["export", "--db", db, "--format", "xml", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "E050" in bad.stderr
    with pytest.raises(ExportError, match="--out PATH"):
        kb.export("-", format="parquet", table="events")


@pytest.mark.parametrize("table", ["quotes", "events", "relations"])
def test_default_export_holds_the_confirmed_facts_and_all_marks_the_rest(
    kb: KnowledgeBase, tmp_path: Path, table: str
) -> None:
    from newsgraph import trust

    kind = table[:-1]
    everything = tmp_path / f"{table}-all.csv"
    kb.export(everything, format="csv", table=table, include_unconfirmed=True)
    rows = list(csv.DictReader(everything.open(encoding="utf-8")))
    for r in rows:  # the confirmed column is trust's verdict on the row
        flags = {f: r.get(f) == "True" for f in ("negated", "hypothetical") if f in r}
        speaker_ok = kind != "quote" or r["speaker_id"] != ""
        assert (r["confirmed"] == "True") == (
            speaker_ok and trust.shown(kind, float(r["confidence"]), **flags)
        )
        assert float(r["calibrated"]) == pytest.approx(
            trust.calibrated(kind, float(r["confidence"])), abs=1e-4
        )
    default = tmp_path / f"{table}.csv"
    n = kb.export(default, format="csv", table=table)
    shown = list(csv.DictReader(default.open(encoding="utf-8")))
    assert n == len(shown) == sum(r["confirmed"] == "True" for r in rows)
    assert all(r["confirmed"] == "True" for r in shown)


def test_article_records_keep_only_confirmed_facts_unless_all(kb: KnowledgeBase, tmp_path: Path) -> None:
    out, everything = tmp_path / "a.jsonl", tmp_path / "all.jsonl"
    kb.export(out)
    kb.export(everything, include_unconfirmed=True)
    default = [json.loads(line) for line in out.read_text().splitlines()]
    full = [json.loads(line) for line in everything.read_text().splitlines()]
    for kept, whole in zip(default, full, strict=True):
        for key in ("quotes", "descriptions", "relations", "events"):
            assert all(f["confirmed"] for f in kept[key])
            assert [f for f in whole[key] if f["confirmed"]] == kept[key]
    events_all = [e for r in full for e in r["events"]]
    assert any(not e["confirmed"] for e in events_all), "the examples hold an unconfirmed event to leave out"
