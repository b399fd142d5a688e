"""Timeline lines with the ISO days each date covers, for the web's charts."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from ..query.filters import period

__all__ = ["timeline_days"]


def timeline_days(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline lines with ``day_from``/``day_to`` (ISO days a TIMEX3 value covers) for charts."""
    out = []
    for line in lines:
        try:
            span = period(line.get("date"))
        except ValueError:
            span = None
        first, last = (_iso(span[0]), _iso(span[1])) if span else (None, None)
        out.append({**line, "day_from": first, "day_to": last})
    return out


def _iso(day: tuple[int, int, int]) -> str:
    """A (year, month, day) as an ISO date; ``period`` ends months on day 31, so clamp to the month."""
    year, month, d = day
    return date(year, month, min(d, calendar.monthrange(year, month)[1])).isoformat()
