"""Schema creation and upgrades for both backends.

Version 1 is created from ``schema.metadata``; later versions add an ``_upgrade_to_N`` step.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert, inspect, select, update

from .schema import SCHEMA_VERSION, meta, metadata

__all__ = ["upgrade"]


def upgrade(engine: Engine) -> int:
    """Create or upgrade the schema to ``SCHEMA_VERSION``; return the version now in place."""
    fresh = not inspect(engine).has_table("meta")
    metadata.create_all(engine)
    with engine.begin() as conn:
        row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
        if row is None:
            conn.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
            current = SCHEMA_VERSION if fresh else 1
        else:
            current = int(row[0])
        for version in range(current + 1, SCHEMA_VERSION + 1):
            globals()[f"_upgrade_to_{version}"](conn)
            conn.execute(update(meta).where(meta.c.key == "schema_version").values(value=str(version)))
    return SCHEMA_VERSION
