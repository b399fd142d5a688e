"""Schema version 3: ``timexes.confidence`` (1.0 for rows written before it existed).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from newsgraph.store.alembic.steps import add_columns

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = {"confidence": "FLOAT NOT NULL DEFAULT 1.0"}


def upgrade() -> None:
    add_columns("timexes", COLUMNS)
