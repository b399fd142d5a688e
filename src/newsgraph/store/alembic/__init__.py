"""The Alembic environment of the knowledge base's schema: ``env.py`` and one revision per schema
version in ``versions/`` (``0001`` ... ``0005``, the head). ``store.migrations.upgrade`` runs them
whenever a knowledge base is opened; see ``docs/architecture.md`` for adding one."""
