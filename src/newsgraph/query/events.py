"""The events table: who did what to whom, where and when, filtered like a spreadsheet."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from sqlalchemy import Connection, func, or_, select

from ..store.schema import articles, events
from ..vocabulary import data_file
from .confirmed import confirmed_clause
from .dossier import _event_record, event_select
from .filters import DateRange, not_duplicate

__all__ = [
    "find_events", "iter_events", "count_unconfirmed_events", "count_events", "EVENT_COLUMNS", "flat_event", "event_types",
    "check_event_type", "lexicon_types",
]  # fmt: skip


@lru_cache(maxsize=1)
def lexicon_types() -> frozenset[str]:
    """The event types the shipped trigger lexicon (``data/event_lexicon.toml``) can write."""
    return frozenset(block["type"] for block in data_file("event_lexicon").get("trigger", []))


def event_types(conn: Connection) -> list[str]:
    """Every event type a filter may ask for: the lexicon's, and any other type stored."""
    stored = conn.execute(select(events.c.type).distinct()).scalars()
    return sorted(lexicon_types() | {t for t in stored if t})


def check_event_type(conn: Connection, type: str | None) -> None:
    """A ``ValueError`` listing the valid types when ``type`` is none of them ('PROTST' is no type)."""
    if not type:
        return
    valid = event_types(conn)
    wanted = type.strip().upper()
    if wanted in valid:
        return
    close = difflib.get_close_matches(wanted, valid, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise ValueError(f"unknown event type {type!r}; {hint}valid types: {', '.join(valid)}")


def iter_events(
    conn: Connection,
    *,
    type: str | None = None,
    actor_id: int | None = None,
    recipient_id: int | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    include_unconfirmed: bool = False,
    only_unconfirmed: bool = False,
    newest_first: bool = False,
) -> Iterator[dict[str, Any]]:
    """Stream matching events in publication order (``newest_first``: the reverse); an event's date is
    its own, else its article's.

    Only confirmed events (``newsgraph.trust``: confident enough, neither negated nor hypothetical)
    unless ``include_unconfirmed``; ``only_unconfirmed`` streams just the ones held back.
    """
    span = DateRange(date_from, date_to)
    check_event_type(conn, type)
    stmt = _filtered(event_select(), type, actor_id, recipient_id, place)
    if only_unconfirmed:
        stmt = stmt.where(~confirmed_clause("event"))
    elif not include_unconfirmed:
        stmt = stmt.where(confirmed_clause("event"))
    if newest_first:  # undated articles last either way
        order = [articles.c.published.desc().nulls_last(), articles.c.id.desc(), events.c.start.desc()]
        stmt = stmt.order_by(*order, events.c.id.desc())
    else:
        stmt = stmt.order_by(
            articles.c.published.asc().nulls_last(), articles.c.id, events.c.start, events.c.id
        )
    with conn.execute(stmt.execution_options(yield_per=500)) as result:  # server-side cursor on PostgreSQL
        for row in result:
            if span.bounded and not span.contains(row.date or row.published):
                continue
            yield {
                "id": row.id,
                **_event_record(row),
                "trigger": row.trigger,
                "lat": row.lat,
                "lon": row.lon,
                # schema 5 (null for rows stored before it, and wherever the text does not say)
                "admin_level": row.admin_level if row.place else None,
                "geo_precision": row.geo_precision if row.place else None,
                "fatalities": row.fatalities,
                "injured": row.injured,
                "actor_sector": row.actor_sector,
                "recipient_sector": row.recipient_sector,
            }


def count_events(
    conn: Connection,
    *,
    type: str | None = None,
    actor_id: int | None = None,
    recipient_id: int | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    include_unconfirmed: bool = False,
) -> int:
    """How many events match (the confirmed ones unless ``include_unconfirmed``; filters as for
    ``iter_events``): one SQL count, unless dates bound the range (compared in Python: count what streams)."""
    view = "all" if include_unconfirmed else "confirmed"
    return _count(conn, view, type, actor_id, recipient_id, place, date_from, date_to)


def count_unconfirmed_events(
    conn: Connection,
    *,
    type: str | None = None,
    actor_id: int | None = None,
    recipient_id: int | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> int:
    """How many matching events the default view holds back (filters as for ``iter_events``)."""
    return _count(conn, "unconfirmed", type, actor_id, recipient_id, place, date_from, date_to)


def _count(
    conn: Connection,
    view: str,
    type: str | None,
    actor_id: int | None,
    recipient_id: int | None,
    place: str | None,
    date_from: str | None,
    date_to: str | None,
) -> int:
    """The events of one view (``confirmed``, ``unconfirmed`` or ``all``) that match the filters."""
    if DateRange(date_from, date_to).bounded:  # dates are compared in Python: count what streams
        streamed = iter_events(
            conn, type=type, actor_id=actor_id, recipient_id=recipient_id, place=place,
            date_from=date_from, date_to=date_to, include_unconfirmed=view == "all",
            only_unconfirmed=view == "unconfirmed",
        )  # fmt: skip
        return sum(1 for _ in streamed)  # iter_events checks the type
    check_event_type(conn, type)
    stmt = select(func.count()).select_from(events).join(articles, articles.c.id == events.c.article_id)
    stmt = _filtered(stmt.where(not_duplicate()), type, actor_id, recipient_id, place)
    if view == "confirmed":
        stmt = stmt.where(confirmed_clause("event"))
    elif view == "unconfirmed":
        stmt = stmt.where(~confirmed_clause("event"))
    return conn.execute(stmt).scalar_one()


def _filtered(
    stmt: Any, type: str | None, actor_id: int | None, recipient_id: int | None, place: str | None
) -> Any:
    if type:
        stmt = stmt.where(events.c.type == type.strip().upper())
    if actor_id is not None:
        stmt = stmt.where(events.c.actor_id == actor_id)
    if recipient_id is not None:
        stmt = stmt.where(events.c.recipient_id == recipient_id)
    if place:
        where = func.lower(events.c.place) == place.strip().lower()
        if len(place.strip()) == 2:  # a country code
            where = or_(where, events.c.country_code == place.strip().upper())
        stmt = stmt.where(where)
    return stmt


def find_events(
    conn: Connection, *, limit: int = 100, offset: int = 0, **filters: Any
) -> list[dict[str, Any]]:
    """The first ``limit`` matching events after the first ``offset`` (filters as for ``iter_events``)."""
    return list(islice(iter_events(conn, **filters), offset, offset + limit))


EVENT_COLUMNS = [
    "id", "date", "type", "mode", "actor", "actor_name", "recipient", "recipient_name", "place",
    "country_code", "lat", "lon", "trigger", "date_source", "confidence", "negated", "hypothetical",
    "article_id", "published", "title", "url", "source", "start", "end", "sentence", "confirmed", "calibrated",
    "place_precision", "place_source", "date_precision", "date_text",
    "admin_level", "geo_precision", "fatalities", "injured", "actor_sector", "recipient_sector",
]  # fmt: skip


def flat_event(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat row (``EVENT_COLUMNS``) for CSV and spreadsheets."""
    art = event["article"]
    flat = {**event, "article_id": art["id"], "published": art["published"], "title": art["title"],
            "url": art["url"], "source": art["source"]}  # fmt: skip
    return {col: flat.get(col) for col in EVENT_COLUMNS}
