"""How far to trust a resolved time expression: ``Timex.confidence`` from what the value rests on.

A value read off the words ("12 March 2026", "2019", "FY2024") is near certain; one that needed a
guess is less so: the year of "March 12", the direction of a bare "September" or "Friday" (the
governing verb's tense when there is one, the news default "the latest one" when there is none), the
day a clock time belongs to, a count from another date ("two days later"). A date that modifies a
noun ("the September 11 memorial", "the 2020 election") names a thing, not the time of what the
sentence reports, and gets a low score whatever its value.

The scores are ordinal, set by hand from the error classes seen on news and the MEANTIME tuning
corpora; ``bench/timex.py --by-confidence`` prints how often each band is right, which is what a
threshold for dated timeline lines should be chosen from.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Evidence", "confidence"]

# kind -> score when the value is written out in full (a year given) or needs no guess
_EXPLICIT = {
    "iso": 0.95, "mdy": 0.95, "dmy": 0.95, "my": 0.95, "year": 0.9, "decade": 0.9, "decadeword": 0.9,
    "century": 0.9, "fiscal": 0.9, "fy": 0.9, "holiday": 0.9, "season": 0.9, "quarter": 0.9,
    "qshort": 0.9, "half": 0.9, "ref": 0.9, "pastfut": 0.9, "dur": 0.9, "durthe": 0.85,
    "durvague": 0.85, "durplural": 0.85, "durlong": 0.85, "set": 0.85, "setfreq": 0.85,
}  # fmt: skip
# kind -> score when the value leans on the publication date (no guess of direction)
_ANCHORED = {
    "rel": 0.85, "relunit": 0.85, "unitpart": 0.8, "weekend": 0.75, "my": 0.9, "quarter": 0.85,
    "half": 0.85, "fiscal": 0.8, "decade": 0.85, "dur": 0.85,
}  # fmt: skip
# kind -> (score with a verb's tense to point it, score on the news default alone)
_DIRECTED = {
    "mon": (0.8, 0.7), "wd": (0.85, 0.75), "season": (0.75, 0.65), "holiday": (0.75, 0.65),
    "mdy": (0.85, 0.75), "dmy": (0.85, 0.75), "quarter": (0.65, 0.55), "qshort": (0.65, 0.55),
    "half": (0.65, 0.55),
}  # fmt: skip
_MODIFIER = 0.5  # "the 2020 election", "the May 3 vote": the date of a thing, not of the report
_NAME = 0.2  # "the September 11 memorial", "the July 4th parade": a name with a date in it


@dataclass
class Evidence:
    """What a timex's value rests on, as ``find_timexes`` saw it."""

    kind: str
    value: str | None
    explicit: bool
    """The words give the whole value (a year where one is needed, no relative word)."""
    modified: bool = False
    """A modifier fixes the direction ("last March", "next Friday", "this year")."""
    tense: str | None = None
    """The governing verb's tense when it pointed a bare weekday, month or season."""
    counted: str | None = None
    """``sentence`` or ``before`` when the value counts from a date named in this sentence or the
    one before; ``anchor`` when a count had only the publication date to go on."""
    clock_day: str | None = None
    """For a time of day: ``date`` when a date next to it gives its day, ``anchor`` otherwise."""
    modifier: bool = False
    """The expression modifies a noun ("the 2020 election")."""
    name: bool = False
    """The expression is part of a name ("the September 11 memorial")."""
    two_digit_year: bool = False
    ambiguous_order: bool = False
    """A slashed date whose day and month could be swapped (3/4/2025)."""
    verbless: bool = False
    """The sentence has no verb (a list line "June 9 -- Civic Arena", a caption): nothing but the
    news default points a bare date."""


def confidence(ev: Evidence) -> float:
    """A score in [0, 1]: how likely the value is right as the time of what the sentence reports."""
    if ev.value is None:
        return 0.0
    kind = ev.kind
    if kind in ("time", "time24", "noon"):
        score = 0.85 if ev.clock_day == "date" else 0.65
        if kind == "time24":
            score -= 0.05
    elif kind == "slash":
        score = 0.9 - (0.25 if ev.ambiguous_order else 0) - (0.1 if ev.two_digit_year else 0)
    elif kind == "fy" and ev.two_digit_year:
        score = 0.8
    elif ev.counted is not None:
        score = {"sentence": 0.75, "before": 0.65}.get(ev.counted, 0.7)
    elif ev.explicit:
        score = _EXPLICIT.get(kind, 0.85)
    elif ev.modified and kind in _DIRECTED:
        score = 0.85
    elif kind in _DIRECTED:
        with_tense, default = _DIRECTED[kind]
        score = with_tense if ev.tense in ("past", "future") else default
        if ev.verbless:
            score -= 0.2  # schedules and lists look ahead as often as back
    else:
        score = _ANCHORED.get(kind, 0.8)
    if ev.name:
        score = min(score, _NAME)
    elif ev.modifier:
        score *= _MODIFIER
    return round(score, 2)
