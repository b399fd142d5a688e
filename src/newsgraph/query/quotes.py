"""Quotes across the corpus: by speaker, about an entity, between dates, matching words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from ..store.schema import articles, entities, mentions, quotes
from .dossier import _ARTICLE_COLS, _quote_record, _sentence
from .filters import DateRange, not_duplicate
from .search import quote_match

__all__ = ["find_quotes", "iter_quotes"]


def iter_quotes(
    conn: Connection,
    *,
    speaker_id: int | None = None,
    about_id: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    search: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Stream matching quotes in publication order (a quote's date is its own, else its article's)."""
    span = DateRange(date_from, date_to)
    stmt = (
        select(
            quotes, entities.c.name.label("speaker_name"), _sentence(quotes).label("sentence"), *_ARTICLE_COLS
        )
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(entities, entities.c.id == quotes.c.speaker_id)
        .where(not_duplicate())
    )
    if speaker_id is not None:
        stmt = stmt.where(quotes.c.speaker_id == speaker_id)
    if about_id is not None:
        # "about X": X is named inside the quoted words, and X is not the one speaking
        named = select(mentions.c.id).where(
            mentions.c.entity_id == about_id,
            mentions.c.article_id == quotes.c.article_id,
            mentions.c.start >= quotes.c.start,
            mentions.c.end <= quotes.c.end,
        )
        stmt = stmt.where(
            and_(or_(quotes.c.speaker_id.is_(None), quotes.c.speaker_id != about_id), named.exists())
        )
    if search is not None:
        match = quote_match(conn, search)
        if match is None:
            return
        stmt = stmt.where(match)
    stmt = stmt.order_by(articles.c.published.asc().nulls_last(), articles.c.id, quotes.c.start, quotes.c.id)
    with conn.execute(stmt.execution_options(yield_per=500)) as result:  # server-side cursor on PostgreSQL
        for row in result:
            if span.bounded and not span.contains(row.date or row.published):
                continue
            yield {"id": row.id, **_quote_record(row)}


def find_quotes(conn: Connection, *, limit: int = 100, **filters: Any) -> list[dict[str, Any]]:
    """The first ``limit`` matching quotes (filters as for ``iter_quotes``)."""
    out: list[dict[str, Any]] = []
    for item in iter_quotes(conn, **filters):
        if len(out) >= limit:
            break
        out.append(item)
    return out
