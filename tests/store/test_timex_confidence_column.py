"""``timexes.confidence``: written from ``Timex.confidence``; a knowledge base from before it gets the
column on open, its old rows at 1.0."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from newsgraph.model import Article, Facts, Timex
from newsgraph.store import connect
from newsgraph.store.schema import SCHEMA_VERSION, timexes
from newsgraph.writer import write_facts


def _facts(n: int, confidence: float) -> Facts:
    body = "The ferry left on Monday."
    day = body.index("Monday")
    return Facts(
        article=Article(id=f"t{n}", source=f"t{n}.txt", text=body, published="2026-03-12"),
        timexes=[Timex("Monday", day, day + 6, "DATE", "2026-03-09", confidence)],
    )


def _db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_old_knowledge_base_gets_the_confidence_column(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = _db(backend, tmp_path, request)
    engine = connect(db)
    write_facts(engine, _facts(1, 0.4))
    with engine.connect() as conn:
        assert conn.execute(select(timexes.c.value, timexes.c.confidence)).all() == [("2026-03-09", 0.4)]
    # take it back to schema version 2, before the column existed
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE timexes DROP COLUMN confidence"))
        conn.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    engine.dispose()
    engine = connect(db, create=False)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar_one()
        assert int(version) == SCHEMA_VERSION
        assert conn.execute(select(timexes.c.confidence)).scalars().all() == [1.0]
    write_facts(engine, _facts(2, 0.65))
    with engine.connect() as conn:
        rows = conn.execute(select(timexes.c.article_id, timexes.c.confidence).order_by(timexes.c.article_id))
        assert rows.all() == [("t1", 1.0), ("t2", 0.65)]
    engine.dispose()
