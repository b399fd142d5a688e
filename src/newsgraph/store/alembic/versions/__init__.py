"""One revision per schema version; ``0005`` is the head (``schema.SCHEMA_VERSION``)."""
