"""newsgraph: read news pages and build a knowledge base of who did what to whom, when and where.

The library is the product; the CLI, REST API and web UI are thin projections of it.
"""

from __future__ import annotations

import logging

from .api import KnowledgeBase, open_kb
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

open = open_kb
"""``newsgraph.open(db)``: the knowledge base at ``db`` (``api.open_kb``)."""

logging.getLogger(__name__).addHandler(logging.NullHandler())
