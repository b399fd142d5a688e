"""Events as PLOVER/POLECAT-style JSON records, one a line.

One record per event: its PLOVER ``event_type`` and ``mode``, ``context`` (PLOVER's context list:
``hypothetical`` for an event the text only supposes), ``actor`` and ``recipient`` (each with the
text, our entity id and type, PLOVER's ``code`` (null: not read yet) and ``sector`` where the
participant's own words say it), ``location``, ``date``, the sentence as ``text``, the trigger word
as ``event_text``, ``confidence`` and the ``source`` article. ``fatalities`` and ``injured`` are the
numbers the event's sentence states, null where it states none. ``intensity`` is null: we cite no
PLOVER manual table for it yet, and a score we cannot cite would be a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, select

from .query.events import iter_events
from .store.schema import articles, entities

__all__ = ["plover_records", "PLOVER_FIELDS"]

PLOVER_FIELDS = [
    "id", "event_type", "mode", "context", "intensity", "actor", "recipient", "location", "date",
    "date_precision", "date_source", "text", "event_text", "fatalities", "injured", "negated", "confidence",
    "calibrated", "confirmed", "source", "language",
]  # fmt: skip


def _party(
    text: str | None, entity_id: int | None, types: dict[int, str], sector: str | None = None
) -> dict[str, Any] | None:
    if text is None and entity_id is None:
        return None
    return {
        "text": text,
        "entity": entity_id,
        "entity_type": types.get(entity_id) if entity_id is not None else None,
        "code": None,  # PLOVER's actor code (country or organisation): not read yet
        "sector": sector,  # government, military, ... where the participant's words say it
    }


def _location(event: dict[str, Any]) -> dict[str, Any] | None:
    if not event.get("place"):
        return None
    return {
        "name": event["place"],
        "country_code": event.get("country_code"),
        "lat": event.get("lat"),
        "lon": event.get("lon"),
        # "sentence": the event's own sentence names it; "article": the dateline's or headline's place
        "precision": event.get("place_precision"),
        # place (a town), region, country, or article (a fallback); admin level 0 country, 1 region
        "geo_precision": event.get("geo_precision"),
        "admin_level": event.get("admin_level"),
    }


def plover_records(conn: Connection, *, include_unconfirmed: bool = False) -> Iterator[dict[str, Any]]:
    """The events (confirmed ones unless ``include_unconfirmed``) as PLOVER-style records."""
    types = {r.id: r.type for r in conn.execute(select(entities.c.id, entities.c.type))}
    meta = {
        r.id: (r.site, r.language)
        for r in conn.execute(select(articles.c.id, articles.c.site, articles.c.language))
    }
    for event in iter_events(conn, include_unconfirmed=include_unconfirmed):
        art = event["article"]
        site, language = meta.get(art["id"], (None, None))
        yield {
            "id": f"newsgraph-event-{event['id']}",
            "event_type": event["type"],
            "mode": event["mode"],
            "context": ["hypothetical"] if event["hypothetical"] else [],
            "intensity": None,
            "actor": _party(event["actor_name"], event["actor"], types, event.get("actor_sector")),
            "recipient": _party(
                event["recipient_name"], event["recipient"], types, event.get("recipient_sector")
            ),
            "location": _location(event),
            # the event's own date from the text, or the publication date (date_source says which)
            "date": event["date"],
            "date_precision": event.get("date_precision"),
            "date_source": event["date_source"],
            "text": event["sentence"],
            "event_text": event.get("trigger"),
            "fatalities": event.get("fatalities"),
            "injured": event.get("injured"),
            "negated": event["negated"],
            "confidence": event["confidence"],
            "calibrated": event["calibrated"],
            "confirmed": event["confirmed"],
            "source": {
                "article": art["id"],
                "url": art["url"],
                "title": art["title"],
                "publisher": site,
                "published": art["published"],
                "span": [event["start"], event["end"]],
            },
            "language": language,
        }
