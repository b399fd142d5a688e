"""The store's watermark: a value that changes with every write a reader could see.

Rows are only ever added to the tables that record a write: every stored page adds an
``article_sources`` row (an exact reprint too), every fact an entity takes part in comes with
``mentions`` rows, and every human correction (merge, split, alias) adds a ``corrections`` row. The
newest id of each of the three is therefore a cheap stamp (three index lookups) of the store's
state: caches of answers and of resolution contexts stay valid while it holds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from .schema import article_sources, corrections, mentions

__all__ = ["watermark"]

_WATERMARK = select(
    select(func.max(mentions.c.id)).scalar_subquery(),
    select(func.max(article_sources.c.id)).scalar_subquery(),
    select(func.max(corrections.c.id)).scalar_subquery(),
)


def watermark(conn: Connection) -> tuple[Any, ...]:
    """The store's watermark as seen by ``conn`` (read it in the transaction that reads the answer)."""
    return tuple(conn.execute(_WATERMARK).one())
