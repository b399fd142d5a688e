"""Schema version 2: resolution keys (``entity_keys``) and near-duplicate signatures (``minhash_*``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from newsgraph.store.alembic.steps import create_tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_tables("entity_keys", "minhash_signatures", "minhash_bands")
