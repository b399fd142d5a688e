"""An entity's timeline: its dated events, dated quotes and mentions beside a date, in time order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_

from ..store.schema import quotes
from .dossier import _entity_summary, event_keys, quote_keys, timeline_lines
from .filters import DateRange

__all__ = ["timeline"]


def timeline(
    conn: Connection,
    entity_id: int,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 200,
    include_unconfirmed: bool = False,
    offset: int = 0,
    newest_first: bool = False,
) -> dict[str, Any]:
    """Dated lines about one entity between two TIMEX3 dates (inclusive; either may be open).

    Only confirmed lines unless ``include_unconfirmed`` (then marked ``confirmed: false``);
    ``total`` counts the lines this view holds, ``unconfirmed`` the unconfirmed lines in the range;
    ``limit`` lines are listed after the first ``offset``, in time order (``newest_first``: the reverse).
    """
    span = DateRange(date_from, date_to)
    # narrow records: only the listed lines' sentences and articles are read
    events = event_keys(conn, entity_id)
    spoken = quote_keys(conn, and_(quotes.c.speaker_id == entity_id, quotes.c.date.is_not(None)))
    lines, total, hidden = timeline_lines(
        conn, entity_id, events, spoken, include_unconfirmed=include_unconfirmed, newest_first=newest_first,
        offset=offset, limit=limit, span=span,
    )  # fmt: skip
    return {
        **_entity_summary(conn, entity_id),
        "from": date_from,
        "to": date_to,
        "total": total,
        "unconfirmed": hidden,
        "timeline": lines,
    }
