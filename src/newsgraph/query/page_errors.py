"""Pages that failed to ingest, as the store recorded them (``store.write_error``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..store.schema import errors

__all__ = ["page_errors"]


def page_errors(conn: Connection, *, limit: int = 100) -> list[dict[str, Any]]:
    """The newest ``limit`` failures: ``source``, ``reason``, ``code``, ``message`` and ``at`` (as text)."""
    rows = conn.execute(select(errors).order_by(errors.c.id.desc()).limit(limit)).all()
    return [
        {"source": r.source, "reason": r.reason, "code": r.code, "message": r.message, "at": str(r.at)}
        for r in rows
    ]
