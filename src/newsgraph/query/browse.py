"""The browsing reads: alias autocomplete, the newest week's most-named entities, event places.

``KnowledgeBase.autocomplete``, ``trending`` and ``places`` call these; the web's name search,
home page and map show what they return.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from ..resolve.names import name_key
from ..store.schema import aliases, articles, entities, events, mentions
from .confirmed import confirmed_clause
from .events import _filtered, check_event_type
from .filters import DateRange

__all__ = ["complete", "trending", "places"]


def complete(conn: Connection, prefix: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """Entities with an alias starting with ``prefix`` (same normalisation as lookups), most mentioned first."""
    key = name_key(prefix)
    if not key:
        return []
    # A range on the indexed ``norm`` column instead of LIKE: SQLite's LIKE is case-insensitive and
    # cannot use a plain index, and PostgreSQL's needs a pattern-ops index we do not create.
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type, entities.c.mention_count, aliases.c.alias)
        .join(entities, entities.c.id == aliases.c.entity_id)
        .where(aliases.c.norm >= key, aliases.c.norm < key + "\U0010ffff")
        .order_by(entities.c.mention_count.desc(), entities.c.id, aliases.c.alias)
        .limit(limit * 4)
    ).all()
    out: dict[int, dict[str, Any]] = {}
    for r in rows:
        if r.id not in out:
            out[r.id] = {
                "id": r.id,
                "name": r.name,
                "type": r.type,
                "mention_count": r.mention_count,
                "alias": r.alias,
            }
        elif r.alias == r.name:  # show the canonical name when it is one of the matches
            out[r.id]["alias"] = r.alias
    return list(out.values())[:limit]


def trending(conn: Connection, *, days: int = 7, limit: int = 10) -> dict[str, Any]:
    """Most-mentioned entities in articles published in the ``days`` up to the newest article's date."""
    newest = conn.execute(select(func.max(articles.c.published))).scalar()
    if not newest:
        return {"from": None, "to": None, "entities": []}
    try:
        first = (date.fromisoformat(newest) - timedelta(days=days - 1)).isoformat()
    except ValueError:  # a malformed stored date: fall back to that one day
        first = newest
    count = func.count(mentions.c.id).label("mentions")
    rows = conn.execute(
        select(
            entities.c.id,
            entities.c.name,
            entities.c.type,
            count,
            func.count(func.distinct(mentions.c.article_id)).label("articles"),
        )
        .join(mentions, mentions.c.entity_id == entities.c.id)
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(articles.c.published >= first, articles.c.published <= newest)
        .where(articles.c.duplicate_of.is_(None))
        .where(mentions.c.kind == "name")  # named mentions, as entities.mention_count counts
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(count.desc(), entities.c.name)
        .limit(limit)
    ).all()
    return {
        "from": first,
        "to": newest,
        "entities": [
            {"id": r.id, "name": r.name, "type": r.type, "mentions": r.mentions, "articles": r.articles}
            for r in rows
        ],
    }


def places(
    conn: Connection,
    *,
    limit: int = 200,
    include_unconfirmed: bool = False,
    type: str | None = None,
    actor_id: int | None = None,
    recipient_id: int | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[dict[str, Any]]:
    """Event places with coordinates: name, country, lat/lon and how many events, most events first.

    Counts confirmed events (``newsgraph.trust``) unless ``include_unconfirmed`` (negated never); the
    other filters are those of ``iter_events`` (an event's date is its own, else its article's), so a
    map drawn beside a filtered events list counts the same events.
    """
    check_event_type(conn, type)
    span = DateRange(date_from, date_to)
    shown = events.c.negated.is_(False) if include_unconfirmed else confirmed_clause("event")
    keys = (events.c.place, events.c.country_code, events.c.lat, events.c.lon)
    base = (
        select(*keys)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.place.is_not(None), shown, articles.c.duplicate_of.is_(None))
    )
    base = _filtered(base, type, actor_id, recipient_id, place)
    if span.bounded:  # TIMEX3 dates are compared in Python, as iter_events does
        counted: dict[tuple[Any, ...], int] = {}
        for r in conn.execute(base.add_columns(events.c.date, articles.c.published)):
            if span.contains(r.date or r.published):
                key = (r.place, r.country_code, r.lat, r.lon)
                counted[key] = counted.get(key, 0) + 1
        found = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0][0]))[:limit]
        return [
            {"place": k[0], "country_code": k[1], "lat": k[2], "lon": k[3], "events": n} for k, n in found
        ]
    count = func.count(events.c.id).label("events")
    rows = conn.execute(
        base.add_columns(count).group_by(*keys).order_by(count.desc(), events.c.place).limit(limit)
    ).all()
    return [
        {"place": r.place, "country_code": r.country_code, "lat": r.lat, "lon": r.lon, "events": r.events}
        for r in rows
    ]
