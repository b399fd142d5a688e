"""Quotes across the corpus: by speaker, about an entity, between dates, matching words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection

from ..store.schema import articles, quotes
from .confirmed import confirmed_clause
from .dossier import _quote_record, quote_select, quoted_about
from .filters import DateRange, not_duplicate
from .search import quote_match

__all__ = ["find_quotes", "iter_quotes", "count_unconfirmed_quotes"]


def iter_quotes(
    conn: Connection,
    *,
    speaker_id: int | None = None,
    about_id: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    search: str | None = None,
    include_unconfirmed: bool = False,
    only_unconfirmed: bool = False,
) -> Iterator[dict[str, Any]]:
    """Stream matching quotes in publication order (a quote's date is its own, else its article's).

    Only confirmed quotes (a speaker named, ``newsgraph.trust``) unless ``include_unconfirmed``;
    ``only_unconfirmed`` streams just the ones held back.
    """
    span = DateRange(date_from, date_to)
    stmt = quote_select().where(not_duplicate())
    if only_unconfirmed:
        stmt = stmt.where(~confirmed_clause("quote"))
    elif not include_unconfirmed:
        stmt = stmt.where(confirmed_clause("quote"))
    if speaker_id is not None:
        stmt = stmt.where(quotes.c.speaker_id == speaker_id)
    if about_id is not None:
        stmt = stmt.where(quoted_about(about_id))
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


def count_unconfirmed_quotes(conn: Connection, **filters: Any) -> int:
    """How many matching quotes the default view holds back (filters as for ``iter_quotes``)."""
    return sum(1 for _ in iter_quotes(conn, **filters, only_unconfirmed=True))
