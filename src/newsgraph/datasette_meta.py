"""Datasette metadata for a SQLite knowledge base: descriptions, facets, full-text search, canned queries.

``datasette newsgraph.db -m metadata.json`` (or ``newsgraph datasette``) then opens the knowledge base
with each table and column described (``data/datasette_tables.toml``), facets on event type,
country and mode, full-text search on quotes (the ``quotes_fts`` index newsgraph keeps), and canned
queries: ``search_articles`` (full text of the articles, ``?q=``) and ``confirmed_events``,
``confirmed_quotes``, ``confirmed_relations``, the facts newsgraph's default view shows (the tables
themselves hold every stored fact; their ``confidence``, ``negated`` and ``hypothetical`` columns
tell them apart). Bookkeeping tables are hidden.
"""

from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect
from sqlalchemy.dialects import sqlite

from .query.confirmed import confirmed_clause
from .query.dossier import event_select, quote_select, relation_select
from .store.schema import articles

__all__ = ["datasette_metadata", "write_metadata", "SEARCH_ARTICLES"]

SEARCH_ARTICLES = """SELECT a.id, a.title, a.published, a.site, a.url,
       snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet
FROM articles_fts
JOIN fts_article_keys k ON k.rowid = articles_fts.rowid
JOIN articles a ON a.id = k.article_id
WHERE articles_fts MATCH :q AND a.duplicate_of IS NULL
ORDER BY rank
LIMIT 200"""


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    text = resources.files("newsgraph").joinpath("data/datasette_tables.toml").read_text("utf-8")
    return tomllib.loads(text)["tables"]


def _sql(stmt: Any) -> str:
    return str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def _confirmed_queries() -> dict[str, dict[str, Any]]:
    live = articles.c.duplicate_of.is_(None)
    return {
        "confirmed_events": {
            "title": "Confirmed events",
            "description": "The events newsgraph's default view shows: confident enough, neither negated nor "
            "hypothetical; reprints left out. With actor and recipient names, the sentence and the article.",
            "sql": _sql(event_select().where(confirmed_clause("event"))),
        },
        "confirmed_quotes": {
            "title": "Confirmed quotes",
            "description": "The quotes newsgraph's default view shows: a named speaker, confident enough; "
            "reprints left out.",
            "sql": _sql(quote_select().where(confirmed_clause("quote"), live)),
        },
        "confirmed_relations": {
            "title": "Confirmed relations",
            "description": "The relation statements newsgraph's default view shows: confident enough, not "
            "negated; reprints left out.",
            "sql": _sql(relation_select().where(confirmed_clause("relation"), live)),
        },
        "search_articles": {
            "title": "Search the articles",
            "description": 'Full-text search of titles and text (FTS5 syntax: words, "a phrase", NOT, OR); '
            "reprints left out. The snippet marks the matches in [brackets].",
            "sql": SEARCH_ARTICLES,
        },
    }


def datasette_metadata(engine: Engine, database: str) -> dict[str, Any]:
    """Datasette metadata (a dict for ``metadata.json``) for the SQLite knowledge base ``engine``.

    ``database`` is the name Datasette gives the file: its name without ``.db``.
    """
    if engine.dialect.name != "sqlite":
        raise ValueError("Datasette reads SQLite files; this knowledge base is on " + engine.dialect.name)
    present = set(inspect(engine).get_table_names())
    tables: dict[str, Any] = {}
    for name, spec in _tables().items():
        if name not in present:
            continue
        entry: dict[str, Any] = {"description": spec["description"]}
        for key in ("label_column", "facets"):
            if key in spec:
                entry[key] = spec[key]
        entry["columns"] = dict(spec.get("columns", {}))
        tables[name] = entry
    if "quotes_fts" in present and "quotes" in tables:
        tables["quotes"].update({"fts_table": "quotes_fts", "fts_pk": "id"})
    if "events" in tables:
        tables["events"]["sort_desc"] = "id"
    for name in sorted(present - set(tables)):
        tables[name] = {"hidden": True}
    queries = _confirmed_queries()
    if "articles_fts" not in present:
        queries.pop("search_articles")
    return {
        "title": "newsgraph knowledge base",
        "description": "Who did what to whom, when and where, and who said what: every fact tied to its "
        "sentence. Tables hold every stored fact; the confirmed_* queries hold what newsgraph shows by default.",
        "databases": {database: {"tables": tables, "queries": queries}},
    }


def write_metadata(engine: Engine, db_path: str | Path, out: str | Path) -> dict[str, Any]:
    """Write ``metadata.json`` for the SQLite file ``db_path`` to ``out``; return the metadata."""
    meta = datasette_metadata(engine, Path(db_path).stem)
    Path(out).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta
