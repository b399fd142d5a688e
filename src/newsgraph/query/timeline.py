"""An entity's timeline: its dated events, dated quotes and mentions beside a date, in time order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from ..store.schema import quotes
from .confirmed import split
from .dossier import _entity_summary, _events, _quotes, _timeline
from .filters import DateRange

__all__ = ["timeline"]

# The dossier helpers take a limit; the timeline filters by date first and cuts after.
_ALL = 1_000_000


def timeline(
    conn: Connection,
    entity_id: int,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 200,
    include_unconfirmed: bool = False,
) -> dict[str, Any]:
    """Dated lines about one entity between two TIMEX3 dates (inclusive; either may be open).

    Only confirmed lines unless ``include_unconfirmed`` (then marked ``confirmed: false``);
    ``total`` counts the lines this view holds, ``unconfirmed`` the unconfirmed lines in the range.
    """
    span = DateRange(date_from, date_to)
    events = _events(conn, entity_id, None)
    spoken = _quotes(conn, quotes.c.speaker_id == entity_id, _ALL, include_unconfirmed=True)
    every = [line for line in _timeline(conn, entity_id, events, spoken, None) if span.contains(line["date"])]
    lines, hidden = split(every, include_unconfirmed)
    return {
        **_entity_summary(conn, entity_id),
        "from": date_from,
        "to": date_to,
        "total": len(lines),
        "unconfirmed": hidden,
        "timeline": lines[:limit],
    }
