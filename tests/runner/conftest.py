"""Fixtures for the runner tests: generated corpora and the misbehaving extractor."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture
def hostile_extractor() -> str:
    """The ``file.py:function`` spec of an extractor that hangs or crashes on cue."""
    return f"{HERE / 'hostile_extractor.py'}:extract"


def count(db: Path, sql: str) -> int:
    """One number from a read-only look at a SQLite knowledge base."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


@pytest.fixture
def sql_count():  # type: ignore[no-untyped-def]
    """``sql_count(db, sql)``: one number from a SQLite knowledge base, 0 if the table is missing."""
    return count
