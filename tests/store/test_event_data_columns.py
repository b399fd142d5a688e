"""Schema 5's event-data columns (admin level, geo precision, fatalities, injured, actor and recipient
sectors): written from ``Event``; a knowledge base from before them gets the columns on open, its
old rows with NULL (unknown, never 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from newsgraph.model import Article, Event, Facts
from newsgraph.store import connect
from newsgraph.store.alembic.versions.v0005_event_data_columns import COLUMNS as _V5_COLUMNS
from newsgraph.store.schema import SCHEMA_VERSION, events
from newsgraph.writer import write_facts

_COLS = ("admin_level", "geo_precision", "fatalities", "injured", "actor_sector", "recipient_sector")


def _facts(n: int, fatalities: int | None, place: dict | None) -> Facts:
    body = "Troops killed 12 civilians in Kabul on Monday."
    event = Event(type="ASSAULT", start=0, end=len(body), trigger="killed", place=place, fatalities=fatalities,
                  injured=None, actor_sector="military", recipient_sector="civilians")  # fmt: skip
    return Facts(
        article=Article(id=f"p{n}", source=f"p{n}.txt", text=body, published="2026-03-12"), events=[event]
    )


def _rows(engine) -> list[tuple]:
    cols = [events.c.article_id, *(events.c[c] for c in _COLS)]
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(*cols).order_by(events.c.article_id))]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_old_knowledge_base_gets_the_event_data_columns(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = str(tmp_path / "kb.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    engine = connect(db)
    kabul = {"name": "Kabul", "precision": "sentence", "source": "text", "feature": "place",
             "admin_level": None, "geo_precision": "place"}  # fmt: skip
    write_facts(engine, _facts(1, 12, kabul))
    assert _rows(engine) == [("p1", None, "place", 12, None, "military", "civilians")]
    # take it back to schema version 4, before the columns existed
    with engine.begin() as conn:
        for name in _V5_COLUMNS:
            conn.execute(text(f"ALTER TABLE events DROP COLUMN {name}"))
        conn.execute(text("UPDATE meta SET value = '4' WHERE key = 'schema_version'"))
    engine.dispose()
    engine = connect(db, create=False)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar_one()
    assert int(version) == SCHEMA_VERSION
    assert _rows(engine) == [("p1", None, None, None, None, None, None)]
    afghanistan = {"name": "Afghanistan", "precision": "sentence", "source": "text", "feature": "country",
                   "admin_level": 0, "geo_precision": "country"}  # fmt: skip
    write_facts(engine, _facts(2, 0, afghanistan))
    assert _rows(engine)[1] == ("p2", 0, "country", 0, None, "military", "civilians")
    engine.dispose()
