"""Dates for people: TIMEX3 values in words, their precision, and an order that puts decades,
seasons and fiscal years where they belong among plain dates."""

from __future__ import annotations

import pytest

from newsgraph.render import date_precision, date_sort_key, human_date


@pytest.mark.parametrize(
    ("value", "words", "precision"),
    [
        ("2026-03-09", "9 March 2026", "day"),
        ("2026-03-09T14:05", "9 March 2026, 14:05", "time"),
        ("2026-03-09T06:30Z", "9 March 2026, 06:30 UTC", "time"),
        ("2026-03-10TNI", "10 March 2026, night", "time"),
        ("2026-03", "March 2026", "month"),
        ("2026", "2026", "year"),
        ("2026-W12", "week 12 of 2026", "week"),
        ("2026-W11-WE", "the weekend of week 11, 2026", "weekend"),
        ("2025-FA", "autumn 2025", "season"),
        ("2025-WI", "winter 2025–26", "season"),
        ("2025-Q3", "the third quarter of 2025", "quarter"),
        ("2025-H1", "the first half of 2025", "half"),
        ("199", "the 1990s", "decade"),
        ("200", "the 2000s", "decade"),
        ("18", "the 19th century", "century"),
        ("20", "the 21st century", "century"),
        ("FY2024", "fiscal 2024", "fiscal year"),
        ("FY2025-Q2", "the second quarter of fiscal 2025", "fiscal quarter"),
        ("PRESENT_REF", "now", "reference"),
        ("PAST_REF", "recently", "reference"),
        ("FUTURE_REF", "in the future", "reference"),
        ("P3D", "3 days", "duration"),
        ("PT30M", "30 minutes", "duration"),
        ("P1M", "1 month", "duration"),
        ("PXY", "years", "duration"),
        ("XXXX-12-25", "25 December (year unknown)", None),
        ("2026-02-30", "2026-02-30", "day"),  # impossible day: left as written
        ("something odd", "something odd", None),
        (None, "undated", None),
    ],
)
def test_human_date_and_precision(value: str | None, words: str, precision: str | None) -> None:
    assert human_date(value) == words
    assert date_precision(value) == precision


def test_a_date_from_the_publication_date_says_so() -> None:
    assert human_date("2026-03-12", "published") == "around the publication date"
    assert human_date("2026-03-12", "text") == "12 March 2026"


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("2026-03-09", ("2026-03-09", "2026-03-09")),
        ("2026-03-09T14:05", ("2026-03-09T14:05", "2026-03-09T14:05")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2026-W12", ("2026-03-16", "2026-03-22")),
        ("2026-W11-WE", ("2026-03-14", "2026-03-15")),
        ("2025-WI", ("2025-12-01", "2026-02-28")),
        ("2025-SU", ("2025-06-01", "2025-08-31")),
        ("2025-Q4", ("2025-10-01", "2025-12-31")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("FY2024", ("2023-02-01", "2024-12-31")),
        ("P3D", ("9999-12-31", "9999-12-31")),
        ("XXXX-12-25", ("9999-12-31", "9999-12-31")),
        (None, ("9999-12-31", "9999-12-31")),
    ],
)
def test_date_sort_key_is_the_span_covered(value: str | None, span: tuple[str, str]) -> None:
    assert date_sort_key(value) == span


def test_references_take_the_publication_date() -> None:
    assert date_sort_key("PRESENT_REF", "2026-03-12") == ("2026-03-12", "2026-03-12")
    assert date_sort_key("PAST_REF", "2026-03-12") == ("2025-03-12", "2026-03-12")
    assert date_sort_key("PRESENT_REF") == ("9999-12-31", "9999-12-31")


def test_decades_seasons_and_fiscal_years_sort_among_dates() -> None:
    values = ["2026-03-09", "FY2024", "2025-WI", "199", "2025-FA", "2026", "P3D", "1987-06-01", "2025-12-24"]
    ordered = sorted(values, key=date_sort_key)
    assert ordered == [
        "1987-06-01",
        "199",
        "FY2024",
        "2025-FA",
        "2025-WI",
        "2025-12-24",
        "2026",
        "2026-03-09",
        "P3D",
    ]


def test_spans_filter_by_overlap() -> None:
    def overlaps(value: str, lo: str, hi: str) -> bool:
        start, end = date_sort_key(value)
        return start <= hi and lo <= end

    # "from 1995 to 1996" catches the 1990s and not the 1980s; winter 2025 reaches into January 2026
    assert overlaps("199", "1995-01-01", "1996-12-31")
    assert not overlaps("198", "1995-01-01", "1996-12-31")
    assert overlaps("2025-WI", "2026-01-01", "2026-01-31")
    assert not overlaps("2025-FA", "2026-01-01", "2026-01-31")
    assert overlaps("FY2024", "2024-06-01", "2024-06-30")
