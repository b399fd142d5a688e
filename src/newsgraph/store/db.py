"""Open a knowledge base: SQLite file by default (WAL), PostgreSQL by URL."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text

from ..errors import StoreError
from .migrations import needs_upgrade, upgrade
from .schema import SCHEMA_VERSION, metadata

__all__ = ["DEFAULT_DB", "db_url", "connect", "is_sqlite"]

log = logging.getLogger(__name__)

DEFAULT_DB = "newsgraph.db"
"""The default knowledge base: ``newsgraph.db`` in the current directory (override: --db / NEWSGRAPH_DB)."""


def db_url(db: str | os.PathLike[str] | None = None) -> str:
    """Turn ``--db`` (a path or a SQLAlchemy URL), ``NEWSGRAPH_DB`` or the default into a URL."""
    value = str(db) if db else os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://"):  # use psycopg 3, the driver we ship
            value = "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def is_sqlite(engine: Engine) -> bool:
    """True when the engine is a SQLite file."""
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # WAL lets readers (CLI, web server) go on while an ingest writes; a 30 s busy timeout
    # makes a second writer wait instead of failing at once.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def connect(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Engine:
    """Return an engine for the knowledge base, creating the schema when ``create`` is true."""
    url = db_url(db)
    try:
        if url.startswith("sqlite:///"):
            path = Path(url[len("sqlite:///") :])
            if not create and not path.exists():
                raise StoreError(
                    f"no knowledge base at {path}; run `newsgraph ingest PATH... --db {path}` first",
                    code="E031",
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        if create or _has_schema(engine):
            # read-only commands too bring an older knowledge base up to date (new indexes)
            _ensure_schema(engine)
        else:
            raise StoreError(
                f"no knowledge base at {_safe(url)}; run `newsgraph ingest PATH... --db URL` first",
                code="E031",
            )
    except StoreError:
        raise
    except Exception as exc:  # driver errors vary by backend; say what to do
        raise StoreError(f"cannot open knowledge base {_safe(url)!r}: {exc}", code="E032") from exc
    return engine


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("articles")


def _ensure_schema(engine: Engine) -> None:
    for attempt in range(3):
        if not needs_upgrade(engine):
            return
        try:
            upgrade(engine)
            return
        except Exception:  # another process creating the same schema at the same moment: look again
            if attempt == 2:
                raise
            time.sleep(0.2 * (attempt + 1))


def schema_version(engine: Engine) -> int | None:
    """The schema version recorded in the knowledge base, or None for an empty database."""
    if not inspect(engine).has_table("meta"):
        return None
    with engine.connect() as conn:
        row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else None


__all__ += ["schema_version", "metadata", "SCHEMA_VERSION"]
