"""Full-text search over articles and quotes, with ranking and highlighted snippets.

SQLite ranks with FTS5's bm25, PostgreSQL with ``ts_rank_cd`` over ``websearch_to_tsquery``; both
return the same shape, with matches in snippets between ``[`` and ``]``. Scores are comparable
within one result list, not across backends.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, func, literal_column, select, text

from ..store.fts import SNIPPET_END, SNIPPET_START, TS_CONFIG, fts5_query
from ..store.schema import quotes

__all__ = ["search", "quote_match"]

_SNIPPET_WORDS = 16
_HEADLINE = (
    f"StartSel={SNIPPET_START}, StopSel={SNIPPET_END}, MaxWords={_SNIPPET_WORDS + 8}, "
    f"MinWords={_SNIPPET_WORDS // 2}, MaxFragments=1, FragmentDelimiter=…"
)
_ARTICLE = "a.id AS article_id, a.title, a.url, a.source, a.published"


def _sqlite_articles(conn: Connection, q: str, limit: int) -> list[Any]:
    # title hits weigh double; bm25 is lower-is-better, the score we return is higher-is-better
    return conn.execute(
        text(
            f"""SELECT {_ARTICLE}, -bm25(articles_fts, 2.0, 1.0) AS score,
                   snippet(articles_fts, 1, :s, :e, '…', {_SNIPPET_WORDS}) AS snippet
            FROM articles_fts
            JOIN fts_article_keys k ON k.rowid = articles_fts.rowid
            JOIN articles a ON a.id = k.article_id
            WHERE articles_fts MATCH :q AND a.duplicate_of IS NULL
            ORDER BY score DESC, a.id LIMIT :limit"""
        ),
        {"q": q, "s": SNIPPET_START, "e": SNIPPET_END, "limit": limit},
    ).all()


def _sqlite_quotes(conn: Connection, q: str, limit: int) -> list[Any]:
    return conn.execute(
        text(
            f"""SELECT {_ARTICLE}, qt.id AS quote_id, qt.text, qt.kind, qt.start, qt."end",
                   qt.speaker_id, qt.speaker_text, qt.date, en.name AS speaker_name,
                   -bm25(quotes_fts) AS score,
                   snippet(quotes_fts, 0, :s, :e, '…', {_SNIPPET_WORDS}) AS snippet
            FROM quotes_fts
            JOIN quotes qt ON qt.id = quotes_fts.rowid
            JOIN articles a ON a.id = qt.article_id
            LEFT JOIN entities en ON en.id = qt.speaker_id
            WHERE quotes_fts MATCH :q AND a.duplicate_of IS NULL
            ORDER BY score DESC, a.id, qt.start LIMIT :limit"""
        ),
        {"q": q, "s": SNIPPET_START, "e": SNIPPET_END, "limit": limit},
    ).all()


def _pg_articles(conn: Connection, q: str, limit: int) -> list[Any]:
    # rank and filter in a subquery; ts_headline re-parses the text, so only for the page shown
    return conn.execute(
        text(
            f"""SELECT {_ARTICLE}, hit.score,
                   ts_headline('{TS_CONFIG}', a.text, websearch_to_tsquery('{TS_CONFIG}', :q), :opts) AS snippet
            FROM (SELECT a.id, ts_rank_cd(a.search_tsv, websearch_to_tsquery('{TS_CONFIG}', :q)) AS score
                  FROM articles a
                  WHERE a.search_tsv @@ websearch_to_tsquery('{TS_CONFIG}', :q)
                    AND a.duplicate_of IS NULL
                  ORDER BY score DESC, a.id LIMIT :limit) hit
            JOIN articles a ON a.id = hit.id
            ORDER BY hit.score DESC, a.id"""
        ),
        {"q": q, "opts": _HEADLINE, "limit": limit},
    ).all()


def _pg_quotes(conn: Connection, q: str, limit: int) -> list[Any]:
    return conn.execute(
        text(
            f"""SELECT {_ARTICLE}, qt.id AS quote_id, qt.text, qt.kind, qt.start, qt."end",
                   qt.speaker_id, qt.speaker_text, qt.date, en.name AS speaker_name,
                   ts_rank_cd(qt.search_tsv, websearch_to_tsquery('{TS_CONFIG}', :q)) AS score,
                   ts_headline('{TS_CONFIG}', qt.text, websearch_to_tsquery('{TS_CONFIG}', :q), :opts) AS snippet
            FROM quotes qt
            JOIN articles a ON a.id = qt.article_id
            LEFT JOIN entities en ON en.id = qt.speaker_id
            WHERE qt.search_tsv @@ websearch_to_tsquery('{TS_CONFIG}', :q)
              AND a.duplicate_of IS NULL
            ORDER BY score DESC, a.id, qt.start LIMIT :limit"""
        ),
        {"q": q, "opts": _HEADLINE, "limit": limit},
    ).all()


def _article_ref(r: Any) -> dict[str, Any]:
    return {"id": r.article_id, "title": r.title, "url": r.url, "source": r.source, "published": r.published}


def search(conn: Connection, query: str, *, kind: str = "all", limit: int = 20) -> dict[str, Any]:
    """Articles and quotes matching a web-search query ("a phrase", -word, or), best first."""
    if kind not in {"all", "articles", "quotes"}:
        raise ValueError(f"kind must be all, articles or quotes, not {kind!r}")
    out: dict[str, Any] = {"query": query, "articles": [], "quotes": []}
    sqlite = conn.dialect.name == "sqlite"
    q = fts5_query(query) if sqlite else query.strip()
    if not q:
        return out
    if kind in {"all", "articles"}:
        rows = _sqlite_articles(conn, q, limit) if sqlite else _pg_articles(conn, q, limit)
        out["articles"] = [
            {"score": round(float(r.score), 6), "snippet": r.snippet, "article": _article_ref(r)}
            for r in rows
        ]
    if kind in {"all", "quotes"}:
        rows = _sqlite_quotes(conn, q, limit) if sqlite else _pg_quotes(conn, q, limit)
        out["quotes"] = [
            {
                "score": round(float(r.score), 6),
                "snippet": r.snippet,
                "id": r.quote_id,
                "text": r.text,
                "kind": r.kind,
                "start": r.start,
                "end": r.end,
                "speaker": r.speaker_id,
                "speaker_name": r.speaker_name,
                "speaker_text": r.speaker_text,
                "date": r.date,
                "article": _article_ref(r),
            }
            for r in rows
        ]
    return out


def quote_match(conn: Connection, query: str) -> ColumnElement[bool] | None:
    """A WHERE condition on ``quotes``: the quote matches the web-search query (None: no words)."""
    if conn.dialect.name == "sqlite":
        q = fts5_query(query)
        if q is None:
            return None
        return quotes.c.id.in_(
            select(literal_column("rowid"))
            .select_from(text("quotes_fts"))
            .where(literal_column("quotes_fts").op("MATCH")(bindparam("fts_q", q)))
        )
    if not query.strip():
        return None
    config = literal_column(f"'{TS_CONFIG}'")
    return literal_column("quotes.search_tsv").op("@@")(func.websearch_to_tsquery(config, query))
