"""Schema version 5: the event-data fields of ``events`` (admin level, geo precision, fatalities,
injured, actor and recipient sectors); NULL for rows written before (unknown, never 0).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from newsgraph.store.alembic.steps import add_columns

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = {
    "admin_level": "INTEGER",
    "geo_precision": "VARCHAR(16)",
    "fatalities": "INTEGER",
    "injured": "INTEGER",
    "actor_sector": "VARCHAR(32)",
    "recipient_sector": "VARCHAR(32)",
}


def upgrade() -> None:
    add_columns("events", COLUMNS)
