"""Render query records for people in a terminal (rich). The records themselves stay plain.

Dates for people: ``human_date`` writes a TIMEX3 value as words ("9 March 2026", "autumn 2025",
"the 1990s", "fiscal 2024", "around the publication date"), ``date_precision`` names what it pins
down ("day", "season", "decade"...), and ``date_sort_key`` gives the first and last day it covers,
so decades, seasons and fiscal years sort and filter beside plain dates. Show the value beside the
words: the value is what a program compares.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .vocabulary import month_names

__all__ = ["print_dossier", "print_candidates", "human_date", "date_precision", "date_sort_key"]

_MONTH_NAMES = [name.capitalize() for name in month_names()]  # data/months.toml
_SEASONS = {"SP": ("spring", 3), "SU": ("summer", 6), "FA": ("autumn", 9), "WI": ("winter", 12)}
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "recently", "FUTURE_REF": "in the future"}
_UNIT_WORDS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second"}
_CLOCK = re.compile(r"T(?:(?P<hh>\d{2}):(?P<mm>\d{2})(?P<z>Z)?|(?P<pod>MO|AF|EV|NI))$")
_FAR = ("9999-12-31", "9999-12-31")


def _parse(value: str) -> tuple[str, dict[str, str]] | None:
    """(precision, parts) of a TIMEX3 value, or None when it is not one we know."""
    patterns = [
        ("day", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?P<t>T.+)?"),
        ("weekend", r"(?P<y>\d{4})-W(?P<w>\d{2})-WE"),
        ("week", r"(?P<y>\d{4})-W(?P<w>\d{2})"),
        ("month", r"(?P<y>\d{4})-(?P<m>\d{2})"),
        ("season", r"(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)"),
        ("quarter", r"(?P<y>\d{4})-Q(?P<q>[1-4])"),
        ("half", r"(?P<y>\d{4})-H(?P<h>[12])"),
        ("year", r"(?P<y>\d{4})"),
        ("decade", r"(?P<dec>\d{3})"),
        ("century", r"(?P<c>\d{2})"),
        ("fiscal quarter", r"FY(?P<y>\d{4})-Q(?P<q>[1-4])"),
        ("fiscal year", r"FY(?P<y>\d{4})"),
        ("reference", r"(?P<ref>PRESENT_REF|PAST_REF|FUTURE_REF)"),
        ("duration", r"P(?P<tee>T)?(?P<n>[\dX.]+)(?P<u>[YMWDHS])"),
    ]
    for precision, rx in patterns:
        m = re.fullmatch(rx, value)
        if m:
            parts = {k: v for k, v in m.groupdict().items() if v is not None}
            if precision == "day" and parts.get("t"):
                precision = "time"
            return precision, parts
    return None


def date_precision(value: str | None) -> str | None:
    """What a TIMEX3 value pins down: ``time``, ``day``, ``weekend``, ``week``, ``month``,
    ``season``, ``quarter``, ``half``, ``year``, ``fiscal quarter``, ``fiscal year``, ``decade``,
    ``century``, ``reference`` (now, recently), ``duration``; None when unknown or empty."""
    parsed = _parse(value) if value else None
    return parsed[0] if parsed else None


def human_date(value: str | None, date_source: str | None = None) -> str:
    """A TIMEX3 value in words for people: "9 March 2026", "March 2026", "week 12 of 2026",
    "autumn 2025", "the 1990s", "fiscal 2024", "now"; a date taken from the publication date
    (``date_source`` ``published``) is "around the publication date". Unknown values come back as
    they are, an empty one as "undated"."""
    if date_source == "published":
        return "around the publication date"
    if not value:
        return "undated"
    parsed = _parse(value)
    if parsed is None:
        m = re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value)
        if m and 1 <= int(m.group(1)) <= 12:
            return f"{int(m.group(2))} {_MONTH_NAMES[int(m.group(1)) - 1]} (year unknown)"
        return value
    precision, p = parsed
    try:
        return _words(precision, p)
    except (ValueError, IndexError):
        return value


def _words(precision: str, p: dict[str, str]) -> str:
    if precision in ("day", "time"):
        day = date(int(p["y"]), int(p["m"]), int(p["d"]))
        text = f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
        clock = _CLOCK.match(p.get("t") or "")
        if clock and clock.group("pod"):
            return f"{text}, {_PARTS[clock.group('pod')]}"
        if clock:
            return f"{text}, {clock.group('hh')}:{clock.group('mm')}" + (" UTC" if clock.group("z") else "")
        return text
    if precision == "month":
        return f"{_MONTH_NAMES[int(p['m']) - 1]} {p['y']}"
    if precision == "week":
        return f"week {int(p['w'])} of {p['y']}"
    if precision == "weekend":
        return f"the weekend of week {int(p['w'])}, {p['y']}"
    if precision == "season":
        name, _ = _SEASONS[p["s"]]
        y = int(p["y"])
        return f"winter {y}–{(y + 1) % 100:02d}" if p["s"] == "WI" else f"{name} {y}"
    if precision == "quarter":
        return f"the {_ORDINAL[int(p['q'])]} quarter of {p['y']}"
    if precision == "half":
        return f"the {_ORDINAL[int(p['h'])]} half of {p['y']}"
    if precision == "year":
        return p["y"]
    if precision == "decade":
        return f"the {p['dec']}0s"
    if precision == "century":
        n = int(p["c"]) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {n}{suffix} century"
    if precision == "fiscal quarter":
        return f"the {_ORDINAL[int(p['q'])]} quarter of fiscal {p['y']}"
    if precision == "fiscal year":
        return f"fiscal {p['y']}"
    if precision == "reference":
        return _REFS[p["ref"]]
    unit = "minute" if p["u"] == "M" and p.get("tee") else _UNIT_WORDS[p["u"]]
    if p["n"] == "X":
        return unit + "s"
    n = float(p["n"])
    return f"{n:g} {unit}" + ("" if n == 1 else "s")


def date_sort_key(value: str | None, anchor: str | None = None) -> tuple[str, str]:
    """The first and last day (ISO, ``YYYY-MM-DD``; a time of day adds ``THH:MM``) that a TIMEX3
    value covers, to sort by and to test for overlap with a range: "199" is 1990-01-01..1999-12-31,
    "2025-WI" 2025-12-01..2026-02-28, "FY2024" the twelve months that can end in 2024 (fiscal years
    are named for the year they end in: 2023-02-01..2024-12-31). ``PRESENT_REF`` is the ``anchor``
    (the publication date) when given, ``PAST_REF`` the year up to it. Values that are not on the
    calendar (durations, unknown years, empty) sort last."""
    parsed = _parse(value) if value else None
    if parsed is None:
        return _FAR
    precision, p = parsed
    try:
        start, end = _span(precision, p, anchor)
    except (ValueError, KeyError):
        return _FAR
    if precision == "time":
        clock = _CLOCK.match(p["t"])
        if clock and clock.group("hh"):
            t = f"T{clock.group('hh')}:{clock.group('mm')}"
            return start.isoformat() + t, end.isoformat() + t
    return start.isoformat(), end.isoformat()


def _month_end(y: int, m: int) -> date:
    return date(y, m, monthrange(y, m)[1])


def _span(precision: str, p: dict[str, str], anchor: str | None) -> tuple[date, date]:
    y = int(p.get("y") or 0)
    if precision in ("day", "time"):
        d = date(y, int(p["m"]), int(p["d"]))
        return d, d
    if precision in ("week", "weekend"):
        monday = date.fromisocalendar(y, int(p["w"]), 1)
        if precision == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if precision == "month":
        return date(y, int(p["m"]), 1), _month_end(y, int(p["m"]))
    if precision == "season":
        first = _SEASONS[p["s"]][1]
        last_y, last_m = (y + 1, 2) if p["s"] == "WI" else (y, first + 2)
        return date(y, first, 1), _month_end(last_y, last_m)
    if precision in ("quarter", "half"):
        months = 3 if precision == "quarter" else 6
        first = (int(p.get("q") or p.get("h") or 1) - 1) * months + 1
        return date(y, first, 1), _month_end(y, first + months - 1)
    if precision == "year":
        return date(y, 1, 1), date(y, 12, 31)
    if precision == "decade":
        d = int(p["dec"]) * 10
        return date(d, 1, 1), date(d + 9, 12, 31)
    if precision == "century":
        c = int(p["c"]) * 100
        return date(max(c, 1), 1, 1), date(c + 99, 12, 31)
    if precision == "fiscal year":
        return date(y - 1, 2, 1), date(y, 12, 31)
    if precision == "fiscal quarter":
        # which months depend on where the fiscal year starts: the fiscal year is what we know
        return date(y - 1, 2, 1), date(y, 12, 31)
    if precision == "reference" and anchor:
        day = date.fromisoformat(anchor[:10])
        if p["ref"] == "PRESENT_REF":
            return day, day
        if p["ref"] == "PAST_REF":
            return day - timedelta(days=365), day
    raise ValueError(precision)


def _src(article: dict[str, Any]) -> str:
    where = article.get("url") or article.get("source") or ""
    return escape(f"{article.get('title') or where} ({article.get('published') or 'undated'}) {where}")


def print_candidates(result: dict[str, Any], console: Console | None = None) -> None:
    """List the entities an ambiguous name could mean, with ids to pick one."""
    console = console or Console()
    console.print(
        f"[bold]{escape(repr(result['query']))}[/] could mean {len(result['candidates'])} entities; pick one with --id:"
    )
    table = Table("id", "name", "type", "mentions", "articles", "described as")
    for c in result["candidates"]:
        table.add_row(
            str(c["id"]),
            escape(c["name"]),
            c["type"],
            str(c["mention_count"]),
            str(c["article_count"]),
            escape(c.get("description") or ""),
        )
    console.print(table)


def print_dossier(d: dict[str, Any], console: Console | None = None) -> None:
    """Print a dossier: each line with its source."""
    console = console or Console()
    console.rule(
        f"[bold]{escape(d['name'])}[/] · {d['type']} · {d['mention_count']} mentions in {d['article_count']} articles"
    )
    if d["aliases"]:
        console.print(f"[bold]Also known as[/]: {escape(', '.join(d['aliases']))}")
    if d["descriptions"]:
        console.print("[bold]Described as[/]")
        for x in d["descriptions"]:
            console.print(f"  • {escape(x['text'])}  [dim]— {_src(x['article'])}[/]")
    if d["relations"]:
        console.print("[bold]Ties[/]")
        for rel, items in d["relations"].items():
            for r in items:
                former = "former " if r.get("former") else ""
                console.print(
                    f"  • {escape(r['subject']['name'])} [cyan]{former}{rel}[/] {escape(r['object']['name'])}"
                    f"  [dim]“{escape(r['sentence'].strip())}” — {_src(r['article'])}[/]"
                )
    if d["timeline"]:
        console.print("[bold]Timeline[/]")
        for t in d["timeline"]:
            label = t["what"] if t["kind"] == "event" else t["kind"]
            when = f"{human_date(t['date'], t.get('date_source'))} ({t['date']})"
            console.print(
                f"  [magenta]{when:<26}[/] [cyan]{escape(label):<16}[/] {escape(t['sentence'].strip())}  "
                f"[dim]— {_src(t['article'])}[/]"
            )
    if d["quotes_by"]:
        console.print(f"[bold]Quotes by {escape(d['name'])}[/]")
        for q in d["quotes_by"]:
            console.print(
                f"  [green]{q['date'] or 'undated':<12}[/] “{escape(q['text'])}” [dim]({q['kind']}) — {_src(q['article'])}[/]"
            )
    if d["quotes_about"]:
        console.print(f"[bold]Quotes about {escape(d['name'])}[/]")
        for q in d["quotes_about"]:
            who = q["speaker_name"] or q["speaker_text"] or "unattributed"
            console.print(f"  {escape(who)}: “{escape(q['text'])}” [dim]— {_src(q['article'])}[/]")
    if d["related"]:
        console.print(
            "[bold]Most often beside[/]: "
            + ", ".join(f"{escape(r['name'])} ({r['count']})" for r in d["related"])
        )
    shown = len(d["sources"])
    cut = f", {shown} shown" if shown < d["article_count"] else ""
    console.print(f"[bold]Sources[/] ({d['article_count']} articles{cut})")
    for s in d["sources"]:
        console.print(f"  • {_src(s)}")


def event_date_text(event: dict[str, Any]) -> str:
    """An event's date for a table cell: "September 2019", or the publication day marked
    "(published)" when the text gave no date of its own; "" for none."""
    value = event.get("date")
    if not value:
        return ""
    if event.get("date_source") == "published":
        return f"{human_date(value)} (published)"
    return human_date(value)


def event_place_text(event: dict[str, Any]) -> str:
    """An event's place for a table cell; a fallback that only the article names is marked with where
    it came from: "Kabul (dateline)", "Velmar (headline)"."""
    place = event.get("place")
    if not place:
        return ""
    if event.get("place_precision") == "article":
        return f"{place} ({event.get('place_source') or 'article'})"
    return place
