"""Schema version 4: ``events.place_precision`` and ``events.place_source`` (NULL for rows written before).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from newsgraph.store.alembic.steps import add_columns

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = {"place_precision": "VARCHAR(16)", "place_source": "VARCHAR(16)"}


def upgrade() -> None:
    add_columns("events", COLUMNS)
