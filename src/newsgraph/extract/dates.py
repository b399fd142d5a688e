"""Find publication dates written in page text ("Published March 12, 2026", "2019-11-19T12:48Z")."""

from __future__ import annotations

import re
from datetime import date

from ..vocabulary import month_numbers

__all__ = ["find_date", "to_iso"]

_MONTHS = month_numbers()  # data/months.toml
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(
        r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)\b"),
]


def to_iso(text: str | None) -> str | None:
    """Normalise an ISO-ish date or datetime string to ``YYYY-MM-DD``; None if it is not one."""
    if not text:
        return None
    match = _PATTERNS[0].search(text)
    if not match:
        return None
    return _build(match)


def _build(match: re.Match[str]) -> str | None:
    """The ISO date of a pattern match, or None when the numbers are not a real date."""
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower().rstrip(".")]
    try:
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def find_date(line: str) -> str | None:
    """The first calendar date written in ``line`` as ``YYYY-MM-DD``, or None."""
    best: tuple[int, str] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(line):
            iso = _build(match)
            if iso and (best is None or match.start() < best[0]):
                best = (match.start(), iso)
            break
    return best[1] if best else None
