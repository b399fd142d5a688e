"""What the corpus queries share: names to entity ids, TIMEX3 date ranges, duplicate exclusion."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, select

from ..errors import AmbiguousName, NameNotFound, NoSuchId
from ..store.schema import articles, entities
from .dossier import find_entities, suggest
from .timeorder import time_sort_key

__all__ = [
    "NameNotFound",
    "AmbiguousName",
    "resolve_entity",
    "entity_ref",
    "entity_exists",
    "NoSuchId",
    "DateRange",
    "period",
    "not_duplicate",
]


_REF = re.compile(r"^\s*#(\d{1,18})\s*$")


def entity_ref(value: str | int | None) -> int | None:
    """The id a reference gives (``37`` or ``'#37'``); None for a name."""
    if isinstance(value, int):
        return value
    m = _REF.match(value or "")
    return int(m.group(1)) if m else None


def entity_exists(conn: Connection, entity_id: int) -> bool:
    """True when an entity with this id is stored."""
    return conn.execute(select(entities.c.id).where(entities.c.id == entity_id)).first() is not None


def resolve_entity(conn: Connection, name: str | int) -> int:
    """The one entity id a name (any alias), ``#ID`` or id stands for; raise when none or several match."""
    ref = entity_ref(name)
    if ref is not None:
        if not entity_exists(conn, ref):
            raise NoSuchId(ref)
        return ref
    assert isinstance(name, str)
    candidates = find_entities(conn, name)
    if not candidates:
        raise NameNotFound(name, suggest(conn, name))
    if len(candidates) > 1:
        raise AmbiguousName(name, candidates)
    return int(candidates[0]["id"])


_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}|W\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]))?(?:-(\d{2}))?")
_MONTHS_SPANNED = {"SP": 3, "SU": 3, "FA": 3, "WI": 3, "Q1": 3, "Q2": 3, "Q3": 3, "Q4": 3, "H1": 6, "H2": 6}

Day = tuple[int, int, int]


def period(value: str | None) -> tuple[Day, Day] | None:
    """The first and last day a TIMEX3 value covers ("2026-03" is March), or None for no date."""
    if not value or time_sort_key(value)[0] == 9999:
        return None
    m = _VALUE.match(value)
    if not m:
        return None
    year, month, day = time_sort_key(value)[:3]
    part, day_part = m.group(2), m.group(3)
    if part is None:
        return (year, 1, 1), (year, 12, 31)
    if part.startswith("W") and part[1:].isdigit():  # an ISO week ("WI" is winter)
        if not month:  # an impossible ISO week: the year is all we know
            return (year, 1, 1), (year, 12, 31)
        end = date(year, month, day) + timedelta(days=6)
        return (year, month, day), (end.year, end.month, end.day)
    if day_part:
        return (year, month, day), (year, month, day)
    last = month + _MONTHS_SPANNED.get(part, 1) - 1  # winter runs into the next year
    return (year, month, 1), (year + (last - 1) // 12, (last - 1) % 12 + 1, 31)


@dataclass(frozen=True)
class DateRange:
    """``--from`` / ``--to`` as TIMEX3 values; a date is in range when its period overlaps it."""

    start: str | None = None
    end: str | None = None

    def __post_init__(self) -> None:
        for bound in (self.start, self.end):
            if bound is not None and period(bound) is None:
                raise ValueError(f"{bound!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")

    @property
    def bounded(self) -> bool:
        """True when either end is set."""
        return self.start is not None or self.end is not None

    def contains(self, value: str | None) -> bool:
        """True when the value's period overlaps the range (an undated value only fits no range)."""
        if not self.bounded:
            return True
        span = period(value)
        if span is None:
            return False
        lo, hi = span
        if self.start is not None and hi < period(self.start)[0]:  # type: ignore[index]
            return False
        return not (self.end is not None and lo > period(self.end)[1])  # type: ignore[index]


def not_duplicate() -> Any:
    """The condition keeping a near-duplicate reprint from being counted twice."""
    return articles.c.duplicate_of.is_(None)


def article_exists(conn: Connection, article_id: str) -> bool:
    """True when an article with this id is stored."""
    return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None
