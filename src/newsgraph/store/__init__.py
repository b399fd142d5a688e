"""The store stage: a SQLAlchemy knowledge base (SQLite by default, PostgreSQL by URL)."""

from .db import DEFAULT_DB, connect, db_url
from .writer import WriteResult, has_article, write_error, write_facts

__all__ = ["DEFAULT_DB", "connect", "db_url", "WriteResult", "write_facts", "write_error", "has_article"]
