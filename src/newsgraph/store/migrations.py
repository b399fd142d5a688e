"""Schema creation and upgrades for both backends (SQLite and PostgreSQL).

Two versioned tracks live in the ``meta`` table:

- ``schema_version``: the tables of ``schema.metadata``. Version 1 is created from the metadata;
  a later version N adds an ``_upgrade_to_N(conn)`` step here.
- ``index_version``: what the queries need beside the tables (extra indexes, the full-text
  index). Each step in ``INDEX_STEPS`` runs once, in order, in one transaction with its version
  bump; steps are idempotent DDL, so a step cut short is simply run again.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, insert, inspect, select, text, update

from .fts import install_fts
from .schema import SCHEMA_VERSION, meta, metadata

__all__ = ["upgrade", "needs_upgrade", "INDEX_VERSION", "INDEX_STEPS"]


def _query_indexes(conn: Connection) -> None:
    """Indexes the corpus queries use (timeline, co-occurrence graph, quotes about, events lists)."""
    for ddl in [
        # co-occurrence and timeline: from an entity to its sentences, without touching the table
        "CREATE INDEX IF NOT EXISTS ix_mentions_entity_sentence ON mentions (entity_id, article_id, sent_start)",
        # "quotes about X": X's mentions inside a quote's span
        "CREATE INDEX IF NOT EXISTS ix_mentions_article_span ON mentions (article_id, start)",
        "CREATE INDEX IF NOT EXISTS ix_quotes_article ON quotes (article_id, start)",
        "CREATE INDEX IF NOT EXISTS ix_events_actor_type ON events (actor_id, type)",
        "CREATE INDEX IF NOT EXISTS ix_articles_published_id ON articles (published, id)",
    ]:
        conn.execute(text(ddl))


def _pg_stored_tsvector(conn: Connection) -> None:
    """PostgreSQL: rank from stored tsvector columns (index version 2 indexed expressions)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP INDEX IF EXISTS ix_articles_fts"))
        conn.execute(text("DROP INDEX IF EXISTS ix_quotes_fts"))
        install_fts(conn)


INDEX_STEPS: list[tuple[int, Callable[[Connection], None]]] = [
    (1, _query_indexes),
    (2, install_fts),
    (3, _pg_stored_tsvector),
]
INDEX_VERSION = INDEX_STEPS[-1][0]


def _upgrade_to_2(conn: Connection) -> None:
    """Version 2: resolution keys (``entity_keys``) and near-duplicate signatures (``minhash_*``)."""
    from .schema import entity_keys, minhash_bands, minhash_signatures

    metadata.create_all(conn, tables=[entity_keys, minhash_signatures, minhash_bands], checkfirst=True)


def _upgrade_to_3(conn: Connection) -> None:
    """Version 3: ``timexes.confidence`` (1.0 for rows written before it existed)."""
    if "confidence" not in {c["name"] for c in inspect(conn).get_columns("timexes")}:
        conn.execute(text("ALTER TABLE timexes ADD COLUMN confidence FLOAT NOT NULL DEFAULT 1.0"))


def _upgrade_to_4(conn: Connection) -> None:
    """Version 4: ``events.place_precision`` and ``events.place_source`` (NULL for rows written before)."""
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for name in ("place_precision", "place_source"):
        if name not in have:
            conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} VARCHAR(16)"))


_V5_COLUMNS = {
    "admin_level": "INTEGER",
    "geo_precision": "VARCHAR(16)",
    "fatalities": "INTEGER",
    "injured": "INTEGER",
    "actor_sector": "VARCHAR(32)",
    "recipient_sector": "VARCHAR(32)",
}


def _upgrade_to_5(conn: Connection) -> None:
    """Version 5: the event-data fields of ``events`` (admin level, geo precision, fatalities, injured,
    actor and recipient sectors); NULL for rows written before (unknown, never 0)."""
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for name, sql_type in _V5_COLUMNS.items():
        if name not in have:
            conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} {sql_type}"))


def _get(conn: Connection, key: str) -> int | None:
    row = conn.execute(select(meta.c.value).where(meta.c.key == key)).first()
    return int(row[0]) if row else None


def _set(conn: Connection, key: str, value: int, exists: bool) -> None:
    if exists:
        conn.execute(update(meta).where(meta.c.key == key).values(value=str(value)))
    else:
        conn.execute(insert(meta).values(key=key, value=str(value)))


def needs_upgrade(engine: Engine) -> bool:
    """True when the knowledge base is empty or behind this code's schema or index version."""
    if not inspect(engine).has_table("meta"):
        return True
    with engine.connect() as conn:
        return (_get(conn, "schema_version") or 0) < SCHEMA_VERSION or (
            _get(conn, "index_version") or 0
        ) < INDEX_VERSION


def upgrade(engine: Engine) -> int:
    """Create or upgrade the schema and query indexes; return the schema version now in place."""
    fresh = not inspect(engine).has_table("meta")
    metadata.create_all(engine)
    with engine.begin() as conn:
        current = _get(conn, "schema_version")
        if current is None:
            _set(conn, "schema_version", SCHEMA_VERSION, exists=False)
            # a database with tables but no version predates versioning: it is version 1
            current = SCHEMA_VERSION if fresh else 1
        for version in range(current + 1, SCHEMA_VERSION + 1):
            # a version that only adds tables needs no step: create_all above made them
            step = globals().get(f"_upgrade_to_{version}")
            if step is not None:
                step(conn)
            _set(conn, "schema_version", version, exists=True)
    done = None
    for version, step in INDEX_STEPS:
        with engine.begin() as conn:
            done = _get(conn, "index_version")
            if done is not None and done >= version:
                continue
            step(conn)
            _set(conn, "index_version", version, exists=done is not None)
    return SCHEMA_VERSION
