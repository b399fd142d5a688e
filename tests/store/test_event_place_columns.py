"""``events.place_precision`` and ``events.place_source``: written from ``Event.place``; a knowledge
base from before them gets the columns on open, its old rows with NULL (unknown, never "sentence")."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from newsgraph.model import Article, Event, Facts
from newsgraph.store import connect
from newsgraph.store.schema import SCHEMA_VERSION, events
from newsgraph.writer import write_facts


def _facts(n: int, place: dict | None) -> Facts:
    body = "Police arrested two men on Monday."
    return Facts(
        article=Article(id=f"p{n}", source=f"p{n}.txt", text=body, published="2026-03-12"),
        events=[Event(type="ARREST", start=0, end=len(body), trigger="arrested", place=place)],
    )


def _db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")


def _rows(engine) -> list[tuple]:
    cols = (events.c.article_id, events.c.place, events.c.place_precision, events.c.place_source)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(*cols).order_by(events.c.article_id))]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_old_knowledge_base_gets_the_place_marker_columns(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = _db(backend, tmp_path, request)
    engine = connect(db)
    write_facts(engine, _facts(1, {"name": "Kabul", "precision": "article", "source": "dateline"}))
    assert _rows(engine) == [("p1", "Kabul", "article", "dateline")]
    # take it back to schema version 3, before the columns existed
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE events DROP COLUMN place_precision"))
        conn.execute(text("ALTER TABLE events DROP COLUMN place_source"))
        conn.execute(text("UPDATE meta SET value = '3' WHERE key = 'schema_version'"))
    engine.dispose()
    engine = connect(db, create=False)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar_one()
    assert int(version) == SCHEMA_VERSION
    assert _rows(engine) == [("p1", "Kabul", None, None)]
    write_facts(engine, _facts(2, {"name": "Velmar", "precision": "sentence", "source": "text"}))
    write_facts(engine, _facts(3, None))
    assert _rows(engine) == [
        ("p1", "Kabul", None, None),
        ("p2", "Velmar", "sentence", "text"),
        ("p3", None, None, None),
    ]
    engine.dispose()
