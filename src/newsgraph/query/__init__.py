"""The query stage: dossier, timeline, quotes, events, graph, search and stats. Returns records, never prints."""

from .dossier import dossier, find_entities, suggest
from .events import find_events, iter_events
from .filters import AmbiguousName, DateRange, NameNotFound, resolve_entity
from .graph import corpus_graph, graph, to_graphml
from .quotes import find_quotes, iter_quotes
from .search import search
from .stats import stats
from .timeline import timeline
from .timeorder import time_sort_key

__all__ = [
    "dossier",
    "find_entities",
    "suggest",
    "time_sort_key",
    "timeline",
    "find_quotes",
    "iter_quotes",
    "find_events",
    "iter_events",
    "graph",
    "corpus_graph",
    "to_graphml",
    "search",
    "stats",
    "resolve_entity",
    "NameNotFound",
    "AmbiguousName",
    "DateRange",
]
