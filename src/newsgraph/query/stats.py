"""What the knowledge base holds: counts by kind, the date range, the most named entities."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, case, distinct, func, select

from ..store.schema import articles, entities, errors, events, mentions, quotes
from .confirmed import confirmed_clause
from .filters import not_duplicate

__all__ = ["stats"]


def _by(conn: Connection, column: Any, *joins: Any, where: Any = None) -> dict[str, int]:
    stmt = select(column, func.count()).group_by(column)
    for table, on in joins:
        stmt = stmt.join(table, on)
    if where is not None:
        stmt = stmt.where(where)
    rows = conn.execute(stmt).all()
    return {str(k): n for k, n in sorted(rows, key=lambda r: (-r[1], str(r[0])))}


def stats(conn: Connection, *, top: int = 10) -> dict[str, Any]:
    """Counts of articles, entities by type, quotes, events by type, errors by reason; dates; top entities."""
    live = not_duplicate()
    n_articles = conn.execute(select(func.count()).select_from(articles).where(live)).scalar_one()
    n_dupes = conn.execute(select(func.count()).select_from(articles).where(~live)).scalar_one()
    first, last = conn.execute(
        select(func.min(articles.c.published), func.max(articles.c.published)).where(live)
    ).one()
    entity_types = _by(conn, entities.c.type)
    # Articles per detected language ("unknown": too short to tell); the other facts come only
    # from languages with a pipeline.
    languages = {
        ("unknown" if k == "None" else k): n for k, n in _by(conn, articles.c.language, where=live).items()
    }
    event_types = _by(
        conn,
        events.c.type,
        (articles, articles.c.id == events.c.article_id),
        where=live & events.c.negated.is_(False),
    )
    confirmed_types = _by(  # what the events table shows by default (newsgraph.trust)
        conn,
        events.c.type,
        (articles, articles.c.id == events.c.article_id),
        where=live & confirmed_clause("event"),
    )
    n_unconfirmed = conn.execute(  # negated and hypothetical ones included, as the events table counts them
        select(func.count())
        .select_from(events)
        .join(articles, articles.c.id == events.c.article_id)
        .where(live & ~confirmed_clause("event"))
    ).scalar_one()
    # what 'export --table events --all' writes (every stored event of a live article), and how many
    # of those are negated or hypothetical; 'export --table events' writes the confirmed ones
    n_stored, n_negated, n_hypothetical = conn.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((events.c.negated.is_(True), 1), else_=0)), 0),
            func.coalesce(func.sum(case((events.c.hypothetical.is_(True), 1), else_=0)), 0),
        )
        .select_from(events)
        .join(articles, articles.c.id == events.c.article_id)
        .where(live)
    ).one()
    n_quotes = conn.execute(
        select(func.count())
        .select_from(quotes)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(live)
    ).scalar_one()
    error_reasons = _by(conn, errors.c.reason)
    in_articles = func.count(distinct(mentions.c.article_id)).label("articles")
    top_rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type, in_articles, func.count().label("mentions"))
        .select_from(mentions)
        .join(entities, entities.c.id == mentions.c.entity_id)
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(live, mentions.c.kind == "name")  # named mentions, as entities.mention_count counts
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(in_articles.desc(), func.count().desc(), entities.c.id)
        .limit(top)
    ).all()
    return {
        "articles": n_articles,
        "duplicates": n_dupes,
        "languages": languages,
        "date_range": {"first": first, "last": last},
        "entities": {"total": sum(entity_types.values()), "by_type": entity_types},
        "quotes": n_quotes,
        "events": {
            "total": sum(event_types.values()),
            "by_type": event_types,
            "confirmed": sum(confirmed_types.values()),
            "confirmed_by_type": confirmed_types,
            "unconfirmed": n_unconfirmed,
            "stored": n_stored,
            "negated": n_negated,
            "hypothetical": n_hypothetical,
        },
        "errors": {"total": sum(error_reasons.values()), "by_reason": error_reasons},
        "top_entities": [
            {"id": r.id, "name": r.name, "type": r.type, "articles": r.articles, "mentions": r.mentions}
            for r in top_rows
        ],
    }
