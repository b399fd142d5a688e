"""Full-text search over articles and quotes: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

The index lives beside the schema and keeps itself in sync: on SQLite, triggers on ``articles``
and ``quotes`` feed FTS5 tables; on PostgreSQL, GIN indexes over ``to_tsvector`` expressions need
no triggers at all. The writer knows nothing of either, and both commit in its transaction, so a
reader never finds an article in the index that is not in the tables (or the other way round).

User queries use web-search syntax on both backends (``words``, ``"a phrase"``, ``-word``,
``or``); for FTS5 they are translated here, so user input can never be an FTS5 syntax error.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from ..vocabulary import shared_words

__all__ = [
    "install_fts",
    "fts5_query",
    "article_tsv",
    "quote_tsv",
    "SNIPPET_START",
    "SNIPPET_END",
    "TS_CONFIG",
]

SNIPPET_START = "["
SNIPPET_END = "]"
TS_CONFIG = "english"
"""The PostgreSQL text search configuration (snowball English stemming and stop words)."""

# SQLite. Articles have a text primary key, so their implicit rowid may change on VACUUM; an FTS5
# index keyed on it would drift. ``fts_article_keys`` gives each article a stable integer key,
# and the FTS5 table reads its columns (for snippets) through a view over that key: no copy of
# the text is kept. Quotes have an INTEGER PRIMARY KEY, stable, so their index points straight at them.
_SQLITE_DDL = [
    """CREATE TABLE IF NOT EXISTS fts_article_keys (
        rowid INTEGER PRIMARY KEY,
        article_id VARCHAR(64) NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
    )""",
    """CREATE VIEW IF NOT EXISTS fts_article_docs AS
        SELECT k.rowid AS rowid, a.title AS title, a.text AS text
        FROM fts_article_keys k JOIN articles a ON a.id = k.article_id""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, content='fts_article_docs', content_rowid='rowid', tokenize='porter unicode61')""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
        text, content='quotes', content_rowid='id', tokenize='porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO fts_article_keys(article_id) VALUES (new.id);
        INSERT INTO articles_fts(rowid, title, text) VALUES (last_insert_rowid(), new.title, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_bd BEFORE DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
            SELECT 'delete', k.rowid, old.title, old.text FROM fts_article_keys k WHERE k.article_id = old.id;
        DELETE FROM fts_article_keys WHERE article_id = old.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_bu BEFORE UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
            SELECT 'delete', k.rowid, old.title, old.text FROM fts_article_keys k WHERE k.article_id = old.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text)
            SELECT k.rowid, new.title, new.text FROM fts_article_keys k WHERE k.article_id = new.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS quotes_fts_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS quotes_fts_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]

# Index what is already stored (a knowledge base made before the index existed).
_SQLITE_BACKFILL = [
    "INSERT INTO fts_article_keys(article_id) SELECT id FROM articles "
    "WHERE id NOT IN (SELECT article_id FROM fts_article_keys)",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
]


def article_tsv(prefix: str = "") -> str:
    """The indexed tsvector of an article (``prefix``: a table alias and dot, e.g. ``"a."``).

    It defines the stored ``search_tsv`` column that queries read.
    """
    return f"to_tsvector('{TS_CONFIG}', coalesce({prefix}title, '') || ' ' || {prefix}text)"


def quote_tsv(prefix: str = "") -> str:
    """The indexed tsvector of a quote."""
    return f"to_tsvector('{TS_CONFIG}', {prefix}text)"


# A stored, generated tsvector column: ranking reads it instead of re-parsing every matching text
# (an expression index finds rows but ts_rank would still parse each one). It is not in
# ``schema.metadata``, so the writer never sees it; PostgreSQL computes it on every insert.
_PG_DDL = [
    f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS ({article_tsv()}) STORED",
    "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN (search_tsv)",
    f"ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS ({quote_tsv()}) STORED",
    "CREATE INDEX IF NOT EXISTS ix_quotes_fts ON quotes USING GIN (search_tsv)",
]


def install_fts(conn: Connection) -> None:
    """Create the full-text index for this backend and index what is already stored."""
    if conn.dialect.name == "sqlite":
        for ddl in _SQLITE_DDL:
            conn.execute(text(ddl))
        for sql in _SQLITE_BACKFILL:
            conn.execute(text(sql))
    elif conn.dialect.name == "postgresql":
        for ddl in _PG_DDL:
            conn.execute(text(ddl))


# PostgreSQL's English stop words (snowball list, shortened to the common ones): dropped from
# FTS5 queries too, so "the strike" means the same on both backends.
_STOP = shared_words("stop_words", "stop", "search")  # data/stop_words.toml: core + additions
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str | None:
    """Translate a web-search query (words, "phrases", -word, or) into FTS5 syntax; None if empty.

    Every term is quoted, so punctuation and FTS5 keywords in user input are only words.
    """
    groups: list[list[str]] = [[]]  # OR of ANDs, as websearch_to_tsquery reads it
    negated: list[str] = []
    for m in _TOKEN.finditer(query):
        neg, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            neg, bare = "-", bare[1:]
        words = _WORD.findall(phrase if phrase is not None else bare or "")
        if phrase is None or len(words) < 2:  # a phrase keeps its small words: they fix the word order
            words = [w for w in words if w.lower() not in _STOP]
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        (negated if neg else groups[-1]).append(term)
    ands = [" AND ".join(g) for g in groups if g]
    if not ands:
        return None
    expr = " OR ".join(f"({a})" for a in ands) if len(ands) > 1 else ands[0]
    for term in negated:
        expr = f"({expr}) NOT {term}"
    return expr
