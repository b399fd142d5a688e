"""Schema version 6: ``relations.former``, a tie the text says is over ("former chairman of Y",
"served as CEO of X from 2004 to 2014"); false for rows written before, which kept such ties
below the display band instead.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from newsgraph.store.alembic.steps import add_columns

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = {"former": "BOOLEAN NOT NULL DEFAULT FALSE"}


def upgrade() -> None:
    add_columns("relations", COLUMNS)
