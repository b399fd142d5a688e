"""Alembic's entry: run the revisions on the connection ``store.migrations`` hands over.

``newsgraph`` never runs Alembic from an ``alembic.ini``: ``store.migrations.upgrade`` builds the
``Config`` and puts its open connection (SQLite or PostgreSQL, inside its transaction) in
``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from newsgraph.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("newsgraph's migrations run through newsgraph.store.migrations.upgrade(engine)")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
