"""Schema creation and upgrades for both backends (SQLite and PostgreSQL), run on every open.

Two versioned tracks:

- the tables of ``schema.metadata``: Alembic revisions in ``store/alembic/versions`` (``0001`` ...
  ``0006``; revision ``000N`` is schema version N), recorded in Alembic's ``alembic_version`` table,
  and the version number kept in ``meta.schema_version`` too (``db.schema_version``). A new
  knowledge base is made from the metadata and stamped with the head. One from before Alembic (no
  ``alembic_version``) is stamped with the revision of its ``meta.schema_version`` (1 when it has
  tables but no version) and upgraded from there. A new schema version N is a column or table in
  ``schema.py``, ``SCHEMA_VERSION = N`` and a revision ``000N`` whose ``down_revision`` is the last.
- ``index_version``: what the queries need beside the tables (extra indexes, the full-text
  index). Each step in ``INDEX_STEPS`` runs once, in order, in one transaction with its version
  bump; steps are idempotent DDL, so a step cut short is simply run again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, insert, inspect, select, text, update

from .fts import install_fts
from .schema import SCHEMA_VERSION, meta, metadata

__all__ = ["upgrade", "needs_upgrade", "INDEX_VERSION", "INDEX_STEPS", "revision_of", "alembic_config"]

ALEMBIC_DIR = Path(__file__).resolve().parent / "alembic"
"""The Alembic environment (``env.py``, ``versions/``)."""


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


def _get(conn: Connection, key: str) -> int | None:
    row = conn.execute(select(meta.c.value).where(meta.c.key == key)).first()
    return int(row[0]) if row else None


def _set(conn: Connection, key: str, value: int, exists: bool) -> None:
    if exists:
        conn.execute(update(meta).where(meta.c.key == key).values(value=str(value)))
    else:
        conn.execute(insert(meta).values(key=key, value=str(value)))


def revision_of(version: int) -> str:
    """The Alembic revision of schema version ``version`` (``5`` -> ``"0005"``)."""
    return f"{version:04d}"


def alembic_config(conn: Connection | None = None) -> Config:
    """An Alembic ``Config`` for newsgraph's environment, running on ``conn`` (no ``alembic.ini``)."""
    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.attributes["connection"] = conn
    return config


@cache
def _scripts() -> ScriptDirectory:
    """The revisions, read once."""
    return ScriptDirectory(str(ALEMBIC_DIR))


def _migrate(conn: Connection, version: int, fresh: bool) -> None:
    """Bring the tables to the head revision; ``version``: the schema version ``meta`` records."""
    stamped = MigrationContext.configure(conn).get_current_revision()
    if stamped is None and fresh:
        # made from the metadata just now: it is the head, nothing to run
        MigrationContext.configure(conn).stamp(_scripts(), revision_of(SCHEMA_VERSION))
        return
    config = alembic_config(conn)
    if stamped is None or int(stamped) > version:
        # from before Alembic, or taken back by hand: it is where meta says (every step is idempotent)
        command.stamp(config, revision_of(version), purge=True)
    command.upgrade(config, "head")


def needs_upgrade(engine: Engine) -> bool:
    """True when the knowledge base is empty, behind this code's schema or index version, or not
    yet recorded by Alembic."""
    found = inspect(engine)
    if not found.has_table("meta") or not found.has_table("alembic_version"):
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
        _migrate(conn, current, fresh)
        _set(conn, "schema_version", SCHEMA_VERSION, exists=True)
    done = None
    for version, step in INDEX_STEPS:
        with engine.begin() as conn:
            done = _get(conn, "index_version")
            if done is not None and done >= version:
                continue
            step(conn)
            _set(conn, "index_version", version, exists=done is not None)
    return SCHEMA_VERSION
