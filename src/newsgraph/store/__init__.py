"""The store: a SQLAlchemy knowledge base (SQLite by default, PostgreSQL by URL): its tables,
connection, migrations and full-text index. Writing an article's facts, which links its entities
(``newsgraph.resolve``), is ``newsgraph.writer``, above both."""

from .db import DEFAULT_DB, connect, db_url

__all__ = ["DEFAULT_DB", "connect", "db_url"]
