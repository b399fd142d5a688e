"""Schema version 1: the knowledge base before versions were counted (tables made from the metadata).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to do: a version-1 knowledge base has its tables already."""
