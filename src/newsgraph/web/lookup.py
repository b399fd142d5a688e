"""The few reads only the web UI needs: alias autocomplete, this week's names, one article with its facts.

Everything else the web shows comes from ``KnowledgeBase`` (dossier, timeline, quotes, events,
graph, search, stats), so the CLI, the Python API and the web agree.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from ..query.filters import period
from ..resolve.names import name_key
from ..store.schema import aliases, articles, entities, events, mentions

__all__ = ["complete", "trending", "timeline_days", "places"]


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


def timeline_days(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline lines with ``day_from``/``day_to`` (ISO days a TIMEX3 value covers) for charts."""
    out = []
    for line in lines:
        try:
            span = period(line.get("date"))
        except ValueError:
            span = None
        first, last = (_iso(span[0]), _iso(span[1])) if span else (None, None)
        out.append({**line, "day_from": first, "day_to": last})
    return out


def _iso(day: tuple[int, int, int]) -> str:
    """A (year, month, day) as an ISO date; ``period`` ends months on day 31, so clamp to the month."""
    year, month, d = day
    return date(year, month, min(d, calendar.monthrange(year, month)[1])).isoformat()


def places(conn: Connection, *, limit: int = 200, include_unconfirmed: bool = False) -> list[dict[str, Any]]:
    """Event places with coordinates: name, country, lat/lon and how many events, most events first.

    Counts confirmed events (``newsgraph.trust``) unless ``include_unconfirmed`` (negated never).
    """
    from ..query.confirmed import confirmed_clause

    count = func.count(events.c.id).label("events")
    shown = events.c.negated.is_(False) if include_unconfirmed else confirmed_clause("event")
    rows = conn.execute(
        select(events.c.place, events.c.country_code, events.c.lat, events.c.lon, count)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.place.is_not(None), shown, articles.c.duplicate_of.is_(None))
        .group_by(events.c.place, events.c.country_code, events.c.lat, events.c.lon)
        .order_by(count.desc(), events.c.place)
        .limit(limit)
    ).all()
    return [
        {"place": r.place, "country_code": r.country_code, "lat": r.lat, "lon": r.lon, "events": r.events}
        for r in rows
    ]
