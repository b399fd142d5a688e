"""Human corrections change the store at once and hold when pages come again or new ones arrive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.query import find_entities
from newsgraph.resolve.corrections import (
    CorrectionError,
    add_alias,
    list_aliases,
    merge,
    recount,
    remove_alias,
    split_alias,
    split_articles,
)
from newsgraph.store import connect
from newsgraph.store.schema import articles, descriptions, entities, mentions
from newsgraph.writer import write_facts

runner = CliRunner()


def entity_of(engine: Engine, article_id: str, text: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(mentions.c.entity_id).where(mentions.c.article_id == article_id, mentions.c.text == text)
        ).scalar_one()


def reingest(engine: Engine, facts) -> None:  # noqa: ANN001
    """Drop a stored article (its fact rows go with it) and write it again."""
    with engine.begin() as conn:
        conn.execute(delete(articles).where(articles.c.id == facts.article.id))
    assert write_facts(engine, facts).status == "stored"


def test_merge_moves_facts_and_holds_on_reingest_and_new_pages(engine: Engine, make_facts) -> None:
    a = make_facts(
        "p1",
        "Tesla Motors, the carmaker, rose.",
        [("Tesla Motors", "ORG", [])],
        {"Tesla Motors": "the carmaker"},
    )
    b = make_facts("p2", "Tesla Inc said sales fell.", [("Tesla Inc", "ORG", [])])
    write_facts(engine, a)
    write_facts(engine, b)
    first, second = entity_of(engine, "p1", "Tesla Motors"), entity_of(engine, "p2", "Tesla Inc")
    assert first != second
    with engine.begin() as conn:
        result = merge(conn, "Tesla Motors", "Tesla Inc")
        assert result["id"] == first
        row = conn.execute(select(entities).where(entities.c.id == first)).one()
        assert (row.mention_count, row.article_count) == (2, 2)
        assert conn.execute(select(entities).where(entities.c.id == second)).first() is None
        assert {c["id"] for c in find_entities(conn, "Tesla Inc")} == {first}
    # the same page again, and a new page with the merged-away name, both go to the survivor
    reingest(engine, b)
    assert entity_of(engine, "p2", "Tesla Inc") == first
    write_facts(engine, make_facts("p3", "Tesla Inc opened a plant.", [("Tesla Inc", "ORG", [])]))
    assert entity_of(engine, "p3", "Tesla Inc") == first
    reingest(engine, a)
    with engine.connect() as conn:
        assert (
            conn.execute(select(descriptions.c.entity_id).where(descriptions.c.article_id == "p1")).scalar()
            == first
        )


def test_split_by_article_holds_on_reingest(engine: Engine, make_facts) -> None:
    f1 = make_facts("s1", "Jordan Lee, a coach in Ohio, won.", [("Jordan Lee", "PERSON", [])])
    f2 = make_facts("s2", "Jordan Lee released an album.", [("Jordan Lee", "PERSON", [])])
    write_facts(engine, f1)
    write_facts(engine, f2)
    coach = entity_of(engine, "s1", "Jordan Lee")
    assert entity_of(engine, "s2", "Jordan Lee") == coach  # same name, nothing says otherwise
    with engine.begin() as conn:
        out = split_articles(conn, f"#{coach}", ["s2"], name="Jordan Lee (singer)")
    singer = out["id"]
    assert entity_of(engine, "s2", "Jordan Lee") == singer != coach
    reingest(engine, f2)
    assert entity_of(engine, "s2", "Jordan Lee") == singer
    reingest(engine, f1)
    assert entity_of(engine, "s1", "Jordan Lee") == coach
    with engine.begin() as conn:
        recount(conn, [coach, singer])  # a raw delete leaves counters behind; recount reads the mentions
        counts = {r.id: r.article_count for r in conn.execute(select(entities))}
        assert counts[coach] == 1 and counts[singer] == 1
        with pytest.raises(CorrectionError, match="names 2 entities"):
            from newsgraph.resolve.corrections import resolve_ref

            resolve_ref(conn, "Jordan Lee")


def test_split_by_alias_and_alias_add_remove(engine: Engine, make_facts) -> None:
    write_facts(engine, make_facts("t1", "The Apple Corps label sued.", [("Apple Corps", "ORG", ["Apple"])]))
    write_facts(
        engine,
        make_facts("t2", "Apple Records reissued the album.", [("Apple Corps", "ORG", ["Apple Records"])]),
    )
    corps = entity_of(engine, "t1", "Apple Corps")
    assert entity_of(engine, "t2", "Apple Records") == corps
    with engine.begin() as conn:
        out = split_alias(conn, "Apple Corps", "Apple Records")
    records = out["id"]
    assert entity_of(engine, "t2", "Apple Records") == records
    write_facts(engine, make_facts("t3", "Apple Records signed a band.", [("Apple Records", "ORG", [])]))
    assert entity_of(engine, "t3", "Apple Records") == records

    with engine.begin() as conn:
        add_alias(conn, f"#{records}", "Zapple")
        assert {"alias": "Zapple", "origin": "user"} in list_aliases(conn, f"#{records}")["aliases"]
    write_facts(engine, make_facts("t4", "Zapple was the label's spoken-word arm.", [("Zapple", "ORG", [])]))
    assert entity_of(engine, "t4", "Zapple") == records

    with engine.begin() as conn:
        remove_alias(conn, f"#{records}", "Zapple")
        assert find_entities(conn, "Zapple") == []
    write_facts(engine, make_facts("t5", "Zapple returns.", [("Zapple", "ORG", [])]))
    assert entity_of(engine, "t5", "Zapple") != records


def test_cli_merge_split_alias(tmp_path: Path, make_facts) -> None:
    db = tmp_path / "kb.db"
    engine = connect(db)
    write_facts(engine, make_facts("u1", "Acme Widgets grew.", [("Acme Widgets", "ORG", [])]))
    write_facts(engine, make_facts("u2", "Widget Makers Ltd shrank.", [("Widget Makers Ltd", "ORG", [])]))
    engine.dispose()
    res = runner.invoke(app, ["merge", "Acme Widgets", "Widget Makers Ltd", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    merged = json.loads(res.stdout)
    res = runner.invoke(app, ["alias", "list", f"#{merged['id']}", "--db", str(db), "--json"])
    assert {a["alias"] for a in json.loads(res.stdout)["aliases"]} == {"Acme Widgets", "Widget Makers Ltd"}
    res = runner.invoke(app, ["alias", "add", "Acme Widgets", "ACME", "--db", str(db)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["split", "ACME", "--article", "u2", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["name"] == "Widget Makers Ltd"
    res = runner.invoke(app, ["merge", "Nobody", "Acme Widgets", "--db", str(db)])
    assert res.exit_code == 2 and "E061" in res.output
    res = runner.invoke(app, ["split", "Acme Widgets", "--db", str(db)])
    assert res.exit_code != 0
