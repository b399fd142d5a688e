"""The query stage: dossier, timeline, quotes, events, graph and search. Returns records, never prints."""

from .dossier import dossier, find_entities, suggest
from .timeorder import time_sort_key

__all__ = ["dossier", "find_entities", "suggest", "time_sort_key"]
