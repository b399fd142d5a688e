"""Register every newsgraph spaCy factory (imported for its side effect by ``nlp.pipeline``)."""

from __future__ import annotations

from . import (  # noqa: F401  (each registers its factories with spaCy on import)
    coref,
    descriptions,
    entities,
    events,
    headline_verbs,
    paragraphs,
    quotes,
    relations,
    timex,
)
