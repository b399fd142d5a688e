"""Schema upgrades run through Alembic on open, on both backends: a knowledge base made by the
previous release (schema 4, before Alembic) is upgraded to the head and keeps its data."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text

from newsgraph.model import Article, Event, Facts, Quote, Relation
from newsgraph.store import connect
from newsgraph.store.alembic.versions.v0004_event_place_columns import COLUMNS as V4_COLUMNS
from newsgraph.store.alembic.versions.v0005_event_data_columns import COLUMNS as V5_COLUMNS
from newsgraph.store.alembic.versions.v0006_relation_former import COLUMNS as V6_COLUMNS
from newsgraph.store.db import schema_version
from newsgraph.store.migrations import ALEMBIC_DIR, revision_of
from newsgraph.store.schema import SCHEMA_VERSION, articles, events, quotes, relations
from newsgraph.writer import write_facts

BODY = (
    'Dock workers blocked the Varrow ferry terminal on Friday. "We stay until they listen," said Ilse Brandt.'
)


def _facts() -> Facts:
    stop = BODY.index(".") + 1
    said = BODY.index('"We') + 1
    return Facts(
        article=Article(
            id="k1", source="k1.txt", text=BODY, published="2026-05-08", title="Terminal blocked"
        ),
        events=[Event(type="PROTEST", start=0, end=stop, trigger="blocked", actor_sector="labour")],
        quotes=[Quote(text="We stay until they listen,", start=said, end=said + 26, kind="direct")],
        relations=[Relation("e1", "leader_of", "e2", 0, stop)],
    )


def _revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _as_previous_release(engine: Engine, version: int) -> None:
    """Take a knowledge base back to what an earlier release left: no Alembic table, the columns
    of later versions absent, ``meta`` saying ``version``."""
    later = {**(V4_COLUMNS if version < 4 else {}), **V5_COLUMNS}
    with engine.begin() as conn:
        for name in later:
            conn.execute(text(f"ALTER TABLE events DROP COLUMN {name}"))
        for name in V6_COLUMNS:
            conn.execute(text(f"ALTER TABLE relations DROP COLUMN {name}"))
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text(f"UPDATE meta SET value = '{version}' WHERE key = 'schema_version'"))
    engine.dispose()


def _event_columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("events")}


def test_the_revisions_are_one_line_ending_at_the_schema_version() -> None:
    scripts = ScriptDirectory(str(ALEMBIC_DIR))
    assert scripts.get_heads() == [revision_of(SCHEMA_VERSION)] == ["0006"]
    chain = [rev.revision for rev in scripts.walk_revisions()]
    assert chain == ["0006", "0005", "0004", "0003", "0002", "0001"]


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return str(tmp_path / "kb.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")


def test_a_new_knowledge_base_is_stamped_with_the_head(db: str) -> None:
    engine = connect(db)
    assert _revision(engine) == "0006" and schema_version(engine) == SCHEMA_VERSION
    engine.dispose()


@pytest.mark.parametrize("version", [4, 3])
def test_a_previous_release_knowledge_base_upgrades_through_alembic_and_keeps_its_data(
    db: str, version: int
) -> None:
    engine = connect(db)
    write_facts(engine, _facts())
    _as_previous_release(engine, version)
    engine = connect(db, create=True)
    try:
        # schema 4 had no event-data columns (schema 3 no place columns either) and no Alembic table
        assert V5_COLUMNS.keys() <= _event_columns(engine)
        assert V4_COLUMNS.keys() <= _event_columns(engine)
        assert _revision(engine) == "0006" and schema_version(engine) == SCHEMA_VERSION
        with engine.connect() as conn:
            assert conn.execute(select(articles.c.id, articles.c.title)).all() == [("k1", "Terminal blocked")]
            kept = conn.execute(select(events.c.type, events.c.trigger, events.c.actor_sector)).all()
            assert kept == [("PROTEST", "blocked", None)]  # the dropped column's value is unknown, not 0
            assert conn.execute(select(quotes.c.text)).scalars().all() == ["We stay until they listen,"]
            # schema 5 had no relations.former: a tie stored before is not marked over
            assert conn.execute(select(relations.c.relation, relations.c.former)).all() == [
                ("leader_of", False)
            ]
        # and it takes new facts with every column
        more = _facts()
        more.article.id, more.article.source = "k2", "k2.txt"
        more.article.text = more.article.text.replace("Friday", "Saturday")
        write_facts(engine, more)
        with engine.connect() as conn:
            sectors = (
                conn.execute(select(events.c.actor_sector).order_by(events.c.article_id)).scalars().all()
            )
        assert sectors == [None, "labour"]
    finally:
        engine.dispose()


def test_opening_again_runs_nothing(db: str) -> None:
    engine = connect(db)
    write_facts(engine, _facts())
    engine.dispose()
    again = connect(db, create=False)
    assert _revision(again) == "0006"
    with again.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 1
    again.dispose()
