"""Quotes across the corpus: by speaker, about an entity, between dates, matching words."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from sqlalchemy import Connection, func, select

from ..store.schema import articles, quotes
from .confirmed import confirmed_clause
from .dossier import _quote_record, quote_select, quoted_about
from .filters import DateRange, not_duplicate
from .search import quote_match

__all__ = ["find_quotes", "iter_quotes", "count_unconfirmed_quotes", "count_quotes"]


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
    newest_first: bool = False,
) -> Iterator[dict[str, Any]]:
    """Stream matching quotes in publication order (``newest_first``: the reverse; a quote's date is its
    own, else its article's).

    Only confirmed quotes (a speaker named, ``newsgraph.trust``) unless ``include_unconfirmed``;
    ``only_unconfirmed`` streams just the ones held back.
    """
    span = DateRange(date_from, date_to)
    stmt = _matching(conn, speaker_id, about_id, search, include_unconfirmed, only_unconfirmed)
    if stmt is None:
        return
    if newest_first:  # undated articles last either way
        order = [articles.c.published.desc().nulls_last(), articles.c.id.desc(), quotes.c.start.desc()]
        stmt = stmt.order_by(*order, quotes.c.id.desc())
    else:
        stmt = stmt.order_by(
            articles.c.published.asc().nulls_last(), articles.c.id, quotes.c.start, quotes.c.id
        )
    with conn.execute(stmt.execution_options(yield_per=500)) as result:  # server-side cursor on PostgreSQL
        for row in result:
            if span.bounded and not span.contains(row.date or row.published):
                continue
            yield {"id": row.id, **_quote_record(row)}


def _matching(
    conn: Connection,
    speaker_id: int | None,
    about_id: int | None,
    search: str | None,
    include_unconfirmed: bool,
    only_unconfirmed: bool,
) -> Any:
    """The quotes query with its filters (dates aside), unordered; None when the search can match nothing."""
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
            return None
        stmt = stmt.where(match)
    return stmt


def find_quotes(
    conn: Connection, *, limit: int = 100, offset: int = 0, **filters: Any
) -> list[dict[str, Any]]:
    """The first ``limit`` matching quotes after the first ``offset`` (filters as for ``iter_quotes``)."""
    return list(islice(iter_quotes(conn, **filters), offset, offset + limit))


def count_quotes(
    conn: Connection,
    *,
    speaker_id: int | None = None,
    about_id: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    search: str | None = None,
    include_unconfirmed: bool = False,
) -> int:
    """How many quotes match (the confirmed ones unless ``include_unconfirmed``; filters as for
    ``iter_quotes``): one SQL count, unless dates bound the range (compared in Python: count what streams)."""
    if DateRange(date_from, date_to).bounded:
        matching = iter_quotes(conn, speaker_id=speaker_id, about_id=about_id, search=search,
                               date_from=date_from, date_to=date_to, include_unconfirmed=include_unconfirmed)  # fmt: skip
        return sum(1 for _ in matching)
    stmt = _matching(conn, speaker_id, about_id, search, include_unconfirmed, False)
    if stmt is None:
        return 0
    return conn.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()


def count_unconfirmed_quotes(conn: Connection, **filters: Any) -> int:
    """How many matching quotes the default view holds back (filters as for ``iter_quotes``)."""
    return sum(1 for _ in iter_quotes(conn, **filters, only_unconfirmed=True))
