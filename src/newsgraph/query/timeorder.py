"""Order TIMEX3 values in time ("2026-W11" after "2026-03-09", "2025-FA" in autumn 2025)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

__all__ = ["time_sort_key"]

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_QUARTER_MONTH = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10}
_H_MONTH = {"H1": 1, "H2": 7}
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}|W\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]))?(?:-(\d{2}))?")


@lru_cache(maxsize=8192)  # a dossier sorts thousands of lines over a few hundred distinct values
def time_sort_key(value: str | None) -> tuple[int, int, int, str]:
    """A sortable key for a TIMEX3 value; values that are not dates sort last."""
    if not value:
        return (9999, 99, 99, "")
    m = _VALUE.match(value)
    if not m:
        return (9999, 99, 99, value)
    year = int(m.group(1))
    part, day = m.group(2), m.group(3)
    if part is None:
        return (year, 0, 0, value)
    if part.startswith("W") and part[1:].isdigit():  # an ISO week; "WI" is winter
        try:
            d = date.fromisocalendar(year, int(part[1:]), 1)
        except ValueError:
            return (year, 0, 0, value)
        return (d.year, d.month, d.day, value)
    month = _SEASON_MONTH.get(part) or _QUARTER_MONTH.get(part) or _H_MONTH.get(part) or int(part)
    return (year, month, int(day) if day else 0, value)
