"""newsgraph: read news pages and build a knowledge base of who did what to whom, when and where.

The library is the product; the CLI, REST API and web UI are thin projections of it.
"""

from __future__ import annotations

import logging

from .model import Article, Caption, Entity, Event, Facts, Page, Quote, Relation, Timex

__all__ = [
    "__version__",
    "Article",
    "Caption",
    "Entity",
    "Event",
    "Facts",
    "Page",
    "Quote",
    "Relation",
    "Timex",
    "open",
    "KnowledgeBase",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """Load the knowledge-base API lazily, so ``import newsgraph`` stays cheap."""
    if name in {"open", "KnowledgeBase"}:
        from .api import KnowledgeBase, open_kb

        return open_kb if name == "open" else KnowledgeBase
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
