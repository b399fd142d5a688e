"""What event-data users expect of an event beside who did what: how many were killed and injured,
the actor's and recipient's sectors, and how precise its place is.

Filled after the events are found; none of it changes an event's type, actor, recipient or
confidence. Each is None where the text does not say it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Event
from .event_casualties import load_casualties, sentence_casualties
from .event_sectors import party_sector

__all__ = ["add_details", "geo_precision"]

# gazetteer feature -> geo precision of a place the event's own sentence names
_PRECISION = {"place": "place", "region": "region", "country": "country"}


def geo_precision(place: dict | None) -> str | None:
    """``place`` (a town: its coordinates), ``region``, ``country``, or ``article`` for a fallback
    place (the dateline's, the headline's); None without a place or for one the gazetteer lacks."""
    if not place:
        return None
    if place.get("precision") == "article":
        return "article"
    return _PRECISION.get(place.get("feature") or "")


def add_details(doc: Doc, events: list[Event]) -> None:
    """Set each event's ``fatalities``, ``injured``, ``actor_sector``, ``recipient_sector`` and its
    place's ``geo_precision``."""
    types = load_casualties().event_types
    counts: dict[tuple[int, int], tuple[int | None, int | None]] = {}
    for event in events:
        if event.type in types and not event.hypothetical and not event.negated:
            key = (event.start, event.end)
            if key not in counts:
                span = doc.char_span(event.start, event.end, alignment_mode="expand")
                counts[key] = sentence_casualties(span) if span is not None and len(span) else (None, None)
            event.fatalities, event.injured = counts[key]
        event.actor_sector = party_sector(doc, event.start, event.end, event.actor_text, event.actor)
        event.recipient_sector = party_sector(
            doc, event.start, event.end, event.recipient_text, event.recipient
        )
        if event.place:
            event.place["geo_precision"] = geo_precision(event.place)
