"""What the revisions do, as idempotent steps: a column or table that is there already is left as
it is, so a knowledge base upgraded half-way (or by the hand-rolled steps before Alembic) upgrades
cleanly."""

from __future__ import annotations

from alembic import op
from sqlalchemy import inspect, text

from ..schema import metadata

__all__ = ["add_columns", "create_tables"]


def add_columns(table: str, columns: dict[str, str]) -> None:
    """Add each ``name: SQL type`` column ``table`` lacks (NULL, or its DEFAULT, for old rows)."""
    bind = op.get_bind()
    have = {c["name"] for c in inspect(bind).get_columns(table)}
    for name, sql_type in columns.items():
        if name not in have:
            bind.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}"))


def create_tables(*names: str) -> None:
    """Create the tables of ``schema.metadata`` named here that do not exist yet."""
    tables = [metadata.tables[name] for name in names]
    metadata.create_all(op.get_bind(), tables=tables, checkfirst=True)
