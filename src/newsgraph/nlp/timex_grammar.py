"""The time-expression grammar: precompiled patterns and the TIMEX3 value of what they match.

Pure functions of a text, an anchor date and two hints (the tense of the governing verb and a
reference date mentioned earlier in the sentence); no spaCy here, so ``resolve`` works on any
span. ``newsgraph.nlp.timex`` adds the context checks that need the parsed ``Doc``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..vocabulary import month_numbers, word_list, word_map, word_set

__all__ = [
    "Candidate",
    "find_candidates",
    "value_of",
    "resolve",
    "resolve_range",
    "find_range",
    "complete_year",
    "range_length",
    "granularity",
    "to_date",
    "MONTHS",
    "month_of",
]

MONTHS = month_numbers()
"""Month names and abbreviations, lower case -> number; data/months.toml."""
# The words of time expressions: data/time_words.toml, read once by newsgraph.vocabulary.
WEEKDAYS = {day: n for n, day in enumerate(word_list("time_words", "weekdays"))}
"""Weekday name, lower case -> its number (Monday 0)."""
PARTS_OF_DAY = word_map("time_words", "parts_of_day")
SEASONS = word_map("time_words", "seasons")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_NUMBERS = word_map("time_words", "numbers")
_VAGUE = word_set("time_words", "vague")
_ORDINALS = word_map("time_words", "ordinals")
_UNITS = word_map("time_words", "units")
"""unit -> (TIMEX3 letter, is a time-of-day unit needing the "PT" form)"""

# Month and weekday names are case-sensitive on purpose: "may" and "march" are verbs, "May" and
# "March" capitalised are (with the context checks in timex.py) months. Abbreviated weekdays are
# left out ("Sun", "Wed" are more often a newspaper or a typo than a date).
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_POD = r"(?P<pod>morning|afternoon|evening|night)"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)"
)
_NUM = (
    rf"(?P<num>\d+(?:\.\d+)?|{_NUMWORD}|an?|a\s+dozen|dozen|a\s+couple\s+of|couple\s+of|half\s+an?"
    r"|several|a\s+few|few|many|some|numerous)"
)
_UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))"
_DAYNUM = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
_QORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
HOLIDAYS = word_map("time_words", "holidays")
"""Fixed-date holidays -> (month, day); Thanksgiving (day 0) is the US one, the fourth Thursday of November."""

# (kind, pattern); case-insensitive parts are wrapped in (?i:...) so the names above stay strict.
_PATTERNS: list[tuple[str, str]] = [
    (
        "iso",
        r"(?<![\d/.-])(?P<year>1[6-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d-])",
    ),
    ("slash", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
    ("mdy", rf"(?:{_WD},?\s+)?(?:(?i:the)\s+)?{_MON}\s+{_DAYNUM}(?![\d,]\d)(?:\s*,?\s+{_YEAR})?(?![\d])"),
    (
        "dmy",
        rf"(?:{_WD},?\s+)?(?:(?i:the)\s+)?(?<![\d,.])(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:\s*,?\s+{_YEAR})?(?!\d)",
    ),
    ("my", rf"{_MON},?\s+(?:of\s+)?(?:{_YEAR}(?!\d)|(?i:(?P<rel>last|this|next)\s+year))"),
    (
        "mon",
        rf"(?:(?P<mod>(?i:last|this|next|early|late|mid-|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of))\s*)?{_MON}(?!\w)",
    ),
    ("wd", rf"(?:(?P<mod>(?i:last|this|next|early|late))\s+)?{_WD}(?:\s+{_POD})?"),
    (
        "rel",
        rf"(?i:(?P<rel>yesterday|today|tomorrow|tonight)(?:\s+{_POD})?|(?P<rel2>this|last|yesterday|tomorrow)\s+(?P<pod2>morning|afternoon|evening|night))",
    ),
    (
        "relunit",
        r"(?i:(?:(?P<mod>earlier|later|early|late|the\s+end\s+of|the\s+start\s+of)\s+)?(?P<rel>this\s+past|this|last|next|past|coming|current)\s+(?P<unit>weekend|week|month|year|quarter|decade|century)(?!s))",
    ),
    ("weekend", r"(?i:(?:(?<=\bover\s)|(?<=\bat\s)|(?<=\bon\s))the\s+weekend\b)"),
    (
        "setfreq",
        r"(?i:\b(?:once|twice|(?:three|four|five|six|\d+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade))\b",
    ),
    (
        "season",
        rf"(?i:(?:(?P<mod>last|this|next|early|late|mid-|the)\s*)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{_YEAR}(?!\d))?)",
    ),
    (
        "year",
        rf"(?:(?P<mod>(?i:mid-|early\s+|late\s+|the\s+end\s+of\s+|the\s+start\s+of\s+)))?(?<![\d,.$€£#/])(?<!(?<![Mm]id)-){_YEAR}(?!\d|,\d|/|\.\d|'?s\b|-\d)",
    ),
    (
        "decade",
        r"(?i:(?:the\s+)?(?:(?P<mod>early|late|mid-)\s*)?(?:(?P<dec>1[0-9]\d0|20\d0)|'(?P<short>\d0))'?s\b)",
    ),
    ("decadeword", r"(?i:the\s+(?P<w>sixties|seventies|eighties|nineties))"),
    (
        "fiscal",
        # "fiscal 2024", "the first quarter of fiscal year 2024", "the current financial year"
        rf"(?i:(?:(?:the\s+)?{_QORD}[\s-]+(?:fiscal\s+)?quarter\s+of\s+)?(?:(?:fiscal|financial)(?:\s+year)?\s+{_YEAR}(?!\d)"
        r"|(?:the\s+)?(?:(?P<rel>this|last|next|current|previous|coming)\s+)?(?:fiscal|financial)\s+year(?!\s+\d)))",
    ),
    ("fy", r"(?<!\w)FY\s?(?P<yy>\d{4}|\d{2})(?!\d)"),
    (
        "holiday",
        rf"(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Boxing\s+Day|Halloween"
        rf"|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|May\s+Day)(?!\w)(?:\s*,?\s+{_YEAR}(?!\d))?",
    ),
    (
        "unitpart",
        r"(?i:(?:the\s+)?(?:very\s+)?(?P<mod>end|beginning|start|middle)\s+of\s+the\s+(?P<unit>week|month|year|quarter)(?!\w))",
    ),
    (
        "ref",
        # TimeML's vague references to the present and the past ("now", "recently")
        r"(?i:(?:(?P<now>now|currently|presently|nowadays|at\s+present)"
        r"|(?P<past>(?:more\s+|most\s+|until\s+)?recently|lately))(?![\w-]))",
    ),
    (
        "pastfut",
        r"(?i:(?<=\bin\s)the\s+(?:(?:near|distant|recent)\s+)?(?P<w>past|future)(?![\w-])(?!\s+(?:of|tense|perfect)\b))",
    ),
    ("century", r"(?i:the\s+(?:(?:early|late|mid-)\s*)?(?P<c>\d{1,2})(?:st|nd|rd|th)\s+century)"),
    (
        "quarter",
        rf"(?i:(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?:{_YEAR}|(?P<rel>last|this|next)\s+year))?)",
    ),
    ("qshort", rf"(?<!\w)Q(?P<q>[1-4])(?:\s+{_YEAR})?(?!\w)"),
    (
        "half",
        rf"(?i:(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:{_YEAR}|(?P<rel>last|this|next)\s+year|the\s+year))",
    ),
    (
        "time",
        r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[aApP])\.?\s?[mM]\.?(?![a-zA-Z])(?:\s+(?P<tz>UTC|GMT)\b)?",
    ),
    ("time24", r"(?<![\d:.])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s+(?P<tz>UTC|GMT)\b)?"),
    ("noon", r"(?i:\b(?P<w>noon|midday|midnight)\b)"),
    (
        "dur",
        rf"(?i:(?<![\w-])(?:(?P<lead>the\s+(?:past|last|next|coming|previous|following|first)|almost|nearly|about|over|more\s+than|some)\s+)?{_NUM}(?P<half>\s+and\s+a\s+half)?[\s-]+{_UNIT}s?(?P<half2>\s+and\s+a\s+half)?(?!\w)(?:\s+(?P<dir>ago|before|after|later|earlier|from\s+now))?)",
    ),
    (
        "daybefore",
        r"(?i:\bthe\s+(?:(?P<a>day|week|month|year|morning|afternoon|evening|night)\s+(?P<dir>before|after)|(?P<dir2>following|previous|next)\s+(?P<b>day|morning|afternoon|evening|night)|(?P<dir3>following|previous|prior)\s+(?P<c>week|month|year))\b)",
    ),
    (
        "sameday",
        r"(?i:\b(?:(?P<mod>later|earlier)\s+that|that\s+same|the\s+same)\s+(?P<unit>day|week|month|year)\b)",
    ),
    ("durthe", rf"(?i:\bthe\s+(?P<lead>past|last|next|coming|previous|following)\s+{_UNIT}(?!\w))"),
    (
        "durvague",
        r"(?i:\b(?:for|over)\s+(?:the\s+)?(?:(?P<lead>past|last)\s+)?(?:few\s+|several\s+)?(?P<unit>year|decade|month|week|day|hour|minute)s\b)",
    ),
    (
        "durplural",
        r"(?i:\bthe\s+(?P<lead>past|last|coming|next|previous|following)\s+(?P<unit>year|decade|month|week|day|hour)s\b)",
    ),
    ("durlong", r"(?i:\b(?P<unit>year|decade|month|week|day|hour)s-long\b)"),
    ("set", rf"(?i:\b(?P<q>every|each|per)\s+(?:(?P<num>other|{_NUMWORD}|\d+)\s+)?{_UNIT}s?\b)"),
]
# A leading word start lets the engine give up at once inside words (every pattern starts with a word
# character, so this is the word boundary; the lookbehind is the cheaper test); "decade" may start with
# "'". Where the first letter is known, a lookahead on it skips most positions outright.
_FIRST = {
    "mdy": "MTWFSJAONDtT", "dmy": "MTWFStT0123456789", "my": "JFMASOND", "mon": "lLtTnNeEmMJFMASOND",
    "wd": "lLtTnNeEMTWFS", "year": "mMeElLtT12", "relunit": "eElLtTnNpPcC", "daybefore": "tT",
    "ref": "nNcCpPaAmMuUrRlL", "pastfut": "tT", "unitpart": "tTvVeEbBsSmM", "sameday": "lLeEtT",
    "durplural": "tT", "setfreq": "oOtTfFsS0123456789", "holiday": "CNBHVTM", "weekend": "tT",
    "fiscal": "tTfFsSlLnNpPcC1234", "durlong": "yYdDmMwWhH",
}  # fmt: skip


def _lead(kind: str) -> str:
    if kind == "decade":
        return r"(?<!\w)(?=[\w'])"
    first = _FIRST.get(kind)
    return rf"(?=[{first}])(?<!\w)" if first else r"(?<!\w)"


_COMPILED = [(kind, re.compile(_lead(kind) + p)) for kind, p in _PATTERNS]
# Substrings (of the lowercased text) without which a pattern cannot match: skip its scan entirely.
_GATES: dict[str, tuple[str, ...]] = {
    "iso": ("-",),
    "slash": ("/",),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "decadeword": ("ties",),
    "century": ("century",),
    "quarter": ("quarter",),
    "qshort": ("q",),
    "half": ("half",),
    "time": ("m",),
    "time24": (":",),
    "noon": ("noon", "midday", "midnight"),
    "rel": ("yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"),
    "relunit": ("week", "month", "year", "quarter", "decade", "century"),
    "wd": ("day",),
    "daybefore": ("the",),
    "sameday": ("same", "that"),
    "durthe": ("the",),
    "durvague": ("years", "decades", "months", "weeks", "days", "hours", "minutes"),
    "set": ("every", "each", "per"),
    "fiscal": ("fiscal", "financial"),
    "fy": ("fy",),
    "holiday": ("christmas", "year", "boxing", "halloween", "valentine", "thanksgiving", "may day"),
    "unitpart": ("end", "beginning", "start", "middle"),
    "ref": ("now", "currently", "present", "recently", "lately"),
    "pastfut": ("past", "future"),
    "durplural": ("the",),
    "durlong": ("-long",),
    "weekend": ("weekend",),
    "setfreq": ("once", "twice", "times"),
}


@dataclass
class Candidate:
    """A grammar match: its kind, the regex match and its character span within the searched text."""

    kind: str
    match: re.Match[str]
    start: int
    end: int

    @property
    def text(self) -> str:
        """The matched words."""
        return self.match.group(0)


def find_candidates(text: str) -> list[Candidate]:
    """Every grammar match in ``text``, longest first where they overlap (earliest pattern wins ties)."""
    found: list[tuple[int, int, int, Candidate]] = []
    lower = text.lower()
    for rank, (kind, rx) in enumerate(_COMPILED):
        gate = _GATES.get(kind)
        if gate is not None and not any(word in lower for word in gate):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            # drop trailing whitespace the optional groups may leave
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                found.append((s, -(e - s), rank, Candidate(kind, m, s, e)))
    found.sort(key=lambda t: (t[1], t[0], t[2]))
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for s, _neg, _rank, cand in found:
        e = cand.end
        if any(s < te and ts < e for ts, te in taken):
            continue
        chosen.append(cand)
        taken.append((s, e))
    chosen.sort(key=lambda c: c.start)
    return chosen


# --- small date helpers -------------------------------------------------------------------


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _month_of(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


month_of = _month_of


def _number(word: str | None) -> float | None:
    """A number word or digits as a number; None for vague quantities ("several")."""
    if word is None:
        return 1
    w = re.sub(r"\s+", " ", word.lower())
    if w in _VAGUE:
        return None
    if w in _NUMBERS:
        return _NUMBERS[w]
    if "-" in w:
        a, b = w.split("-", 1)
        return _NUMBERS.get(a, 0) + _NUMBERS.get(b, 0)
    try:
        return float(w)
    except ValueError:
        return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration(n: float | None, unit: str) -> str:
    unit = unit.lower()
    letter, is_time = _UNITS[unit]
    if unit == "fortnight" and n is not None:
        n = n * 2
    if letter in ("DE", "CE"):
        # TimeML durations count in years: "a decade" is P10Y, "decades" PXY
        n = None if n is None else n * (10 if letter == "DE" else 100)
        letter = "Y"
    return ("PT" if is_time else "P") + _fmt_num(n) + letter


def granularity(value: str | None) -> str | None:
    """``day``, ``week``, ``month``, ``year`` or None for a TIMEX3 date value."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def to_date(value: str | None) -> date | None:
    """The first day a TIMEX3 date value names (day values only count as dates), or None."""
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _weekday_date(wd: int, anchor: date, tense: str | None, mod: str | None) -> date:
    """News convention: a bare weekday is the latest one up to the anchor; future tense looks ahead."""
    mod = (mod or "").lower()
    if mod == "next" or (tense == "future" and mod not in ("last",)):
        delta = (wd - anchor.weekday()) % 7
        if mod == "next" and delta == 0:
            delta = 7
        return anchor + timedelta(days=delta)
    if mod == "this":
        return anchor + timedelta(days=wd - anchor.weekday())
    # the publication day itself counts: wires write "on Monday" for the day they report
    return anchor - timedelta(days=(anchor.weekday() - wd) % 7)


def _month_year(month: int, anchor: date, tense: str | None, mod: str | None) -> int:
    """The year of a month named without one: the latest past one, or the next one in future tense."""
    mod = (mod or "").lower()
    if mod == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if mod == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if mod == "this":
        return anchor.year
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _day_year(month: int, day: int, anchor: date, tense: str | None) -> int:
    """The year of a day named without one: the anchor's, unless far on the wrong side for the tense."""
    try:
        d = date(anchor.year, month, day)
    except ValueError:
        return anchor.year
    if tense != "future" and (d - anchor).days > 60:
        return anchor.year - 1
    if tense == "future" and (anchor - d).days > 60:
        return anchor.year + 1
    return anchor.year


def _season(code: str, anchor: date, tense: str | None, mod: str | None) -> str:
    """The season's TIMEX3 value; winter is named for the year it starts in (December)."""
    mod = (mod or "").lower()
    cur_code = {12: "WI", 1: "WI", 2: "WI"}.get(anchor.month) or (
        "SP" if anchor.month < 6 else "SU" if anchor.month < 9 else "FA"
    )
    cur_year = anchor.year - 1 if anchor.month < 3 else anchor.year
    cur = cur_year * 12 + _SEASON_START[cur_code]
    # candidate starts of this season around the anchor
    starts = [
        (y, y * 12 + _SEASON_START[code])
        for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)
    ]
    if mod == "last" or (mod in ("", "the") and tense != "future" and code != cur_code):
        y = max(y for y, s in starts if s < cur)
    elif mod == "next" or (mod in ("", "the") and tense == "future" and code != cur_code):
        y = min(y for y, s in starts if s > cur)
    elif code == cur_code:
        y = cur_year
    else:  # "this spring" said in winter: the one in the anchor's year
        y = anchor.year
    return f"{y}-{code}"


def _rel_unit(rel: str, unit: str, anchor: date) -> str:
    rel = re.sub(r"\s+", " ", rel)
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit in ("week", "weekend"):
        v = _iso_week(anchor + timedelta(weeks=step))
        return v + "-WE" if unit == "weekend" else v
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, step)
        return f"{y}-{m:02d}"
    if unit == "year":
        return str(anchor.year + step)
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + step
        y = anchor.year + (q // 4)
        return f"{y}-Q{q % 4 + 1}"
    if unit == "decade":
        return str(anchor.year // 10 + step)
    return str(anchor.year // 100 + step)


def _shift(d: date, n: float, unit: str, sign: int) -> str | None:
    """``d`` moved by n units, at the unit's granularity."""
    n = int(n) * sign
    unit = unit.lower()
    if unit == "day":
        return (d + timedelta(days=n)).isoformat()
    if unit in ("week", "fortnight"):
        return _iso_week(d + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        y, m = _add_months(d.year, d.month, n)
        return f"{y}-{m:02d}"
    if unit == "year":
        return str(d.year + n)
    if unit == "decade":
        return str((d.year + 10 * n) // 10)
    return None


# --- values -------------------------------------------------------------------------------


def value_of(
    cand: Candidate, anchor: date | None, tense: str | None = None, ref: date | None = None
) -> tuple[str, str | None]:
    """The TIMEX3 (type, value) of a grammar match; relative values need ``anchor`` (else None)."""
    g = cand.match.groupdict()
    kind = cand.kind
    try:
        return _VALUE[kind](g, anchor, tense, ref)
    except (ValueError, KeyError, TypeError):
        return ("DATE", None)


def _v_iso(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "DATE", date(int(g["year"]), int(g["m"]), int(g["day"])).isoformat()


def _v_slash(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    # month/day/year (US, as in most English wires) unless the first number cannot be a month
    options = []
    for m, d in ((a, b), (b, a)):
        try:
            options.append(date(y, m, d))
        except ValueError:
            pass
    if not options:
        return "DATE", None
    if anchor is not None and len(options) == 2:
        options.sort(key=lambda d: abs((d - anchor).days))
    return "DATE", options[0].isoformat()


def _v_mdy(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    m, d = _month_of(g["mon"]), int(g["day"])
    if g.get("year"):
        return "DATE", date(int(g["year"]), m, d).isoformat()
    if anchor is None:
        return "DATE", None
    return "DATE", date(_day_year(m, d, anchor, tense), m, d).isoformat()


def _v_my(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    m = _month_of(g["mon"])
    if g.get("year"):
        return "DATE", f"{int(g['year'])}-{m:02d}"
    if anchor is None:
        return "DATE", None
    y = anchor.year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    return "DATE", f"{y}-{m:02d}"


def _v_mon(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    if anchor is None:
        return "DATE", None
    m = _month_of(g["mon"])
    mod = (g.get("mod") or "").strip()
    return "DATE", f"{_month_year(m, anchor, tense, mod)}-{m:02d}"


def _v_wd(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    pod = g.get("pod")
    typ = "TIME" if pod else "DATE"
    if anchor is None:
        return typ, None
    d = _weekday_date(WEEKDAYS[g["wd"].lower()], anchor, tense, g.get("mod"))
    return typ, d.isoformat() + (f"T{PARTS_OF_DAY[pod.lower()]}" if pod else "")


def _v_rel(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    pod = (g.get("pod") or g.get("pod2") or "").lower()
    if rel == "tonight":
        rel, pod = "today", "night"
    typ = "TIME" if pod else "DATE"
    if anchor is None:
        return typ, None
    if rel == "last" and pod == "night":
        d = anchor - timedelta(days=1)
    else:
        d = anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(rel, 0))
    return typ, d.isoformat() + (f"T{PARTS_OF_DAY[pod]}" if pod else "")


def _v_relunit(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    if anchor is None:
        return "DATE", None
    return "DATE", _rel_unit(g["rel"].lower(), g["unit"].lower(), anchor)


def _v_season(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    code = SEASONS[g["season"].lower()]
    if g.get("year"):
        return "DATE", f"{int(g['year'])}-{code}"
    if anchor is None:
        return "DATE", None
    return "DATE", _season(code, anchor, tense, g.get("mod"))


def _v_year(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "DATE", str(int(g["year"]))


def _v_decade(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    if g.get("dec"):
        y = int(g["dec"])
        # "the 1800s" is a century; "the 2000s" is read as the decade, as news uses it
        return "DATE", str(y // 100) if y % 100 == 0 and y != 2000 else str(y // 10)
    if anchor is None:
        return "DATE", None
    short = int(g["short"])
    century = anchor.year // 100 if short <= anchor.year % 100 else anchor.year // 100 - 1
    return "DATE", f"{century}{short // 10}"


def _v_decadeword(
    g: dict, anchor: date | None, tense: str | None, ref: date | None
) -> tuple[str, str | None]:
    n = {"sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}[g["w"].lower()]
    return "DATE", f"19{n}"


def _v_century(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "DATE", f"{int(g['c']) - 1:02d}"


def _year_or_rel(g: dict, anchor: date | None, tense: str | None, index: int) -> int | None:
    if g.get("year"):
        return int(g["year"])
    if anchor is None:
        return None
    if g.get("rel"):
        return anchor.year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    # a bare quarter/half: this year's, or last year's if it has not begun yet (past tense)
    cur = (anchor.month - 1) // 3 + 1 if index <= 4 else (anchor.month - 1) // 6 + 1
    if tense == "future":
        return anchor.year if index >= cur else anchor.year + 1
    return anchor.year if index <= cur else anchor.year - 1


def _v_quarter(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    q = int(g["q"]) if g["q"].isdigit() else _ORDINALS[g["q"].lower()]
    y = _year_or_rel(g, anchor, tense, q)
    return "DATE", None if y is None else f"{y}-Q{q}"


def _v_half(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    h = _ORDINALS[g["h"].lower()]
    y = _year_or_rel(g, anchor, tense, h + 4)
    return "DATE", None if y is None else f"{y}-H{h}"


def _time_value(h: int, mi: int, tz: str | None, anchor: date | None, ref: date | None) -> str | None:
    day = ref or anchor
    if day is None:
        return None
    return f"{day.isoformat()}T{h:02d}:{mi:02d}" + ("Z" if tz else "")


def _v_time(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    h, mi = int(g["h"]), int(g["mi"] or 0)
    if h > 12:
        return "TIME", None
    if g["ap"].lower() == "p" and h < 12:
        h += 12
    elif g["ap"].lower() == "a" and h == 12:
        h = 0
    return "TIME", _time_value(h, mi, g.get("tz"), anchor, ref)


def _v_time24(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "TIME", _time_value(int(g["h"]), int(g["mi"]), g.get("tz"), anchor, ref)


def _v_noon(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    h = 0 if g["w"].lower() == "midnight" else 12
    return "TIME", _time_value(h, 0, None, anchor, ref)


def _v_dur(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    unit = g["unit"].lower()
    n = _number(g.get("num"))
    if n is not None and (g.get("half") or g.get("half2")):
        n += 0.5
    direction = (g.get("dir") or "").lower()
    if not direction:
        return "DURATION", _duration(n, unit)
    if n is None:
        return "DURATION", _duration(n, unit)
    if direction in ("ago", "from now"):
        base, sign = anchor, (-1 if direction == "ago" else 1)
    else:
        # "three days before a hearing", after a date D: the hearing is D + 3 days
        base, sign = ref, (1 if direction in ("before", "later") else -1)
    if base is None and direction == "earlier" and anchor is not None:
        base = anchor  # "sales rose from a year earlier": before the report, as "a year ago"
    if base is None:
        # nothing to count from: keep what is certain, the length ("three years after the merger")
        return "DURATION", _duration(n, unit)
    return "DATE", _shift(base, n, unit, sign)


def _v_durthe(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "DURATION", _duration(1, g["unit"])


def _v_durvague(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "DURATION", _duration(None, g["unit"])


def _v_daybefore(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    unit = (g.get("a") or g.get("b") or g.get("c")).lower()
    direction = (g.get("dir") or g.get("dir2") or g.get("dir3")).lower()
    sign = -1 if direction in ("before", "previous", "prior") else 1
    if ref is None and sign < 0 and unit != "day":
        ref = anchor  # "up 5% on the previous year": the year before the report
    pod = PARTS_OF_DAY.get(unit)
    if ref is None:
        return ("TIME" if pod else "DATE"), None
    if pod:  # "the following morning": the day after, in the morning
        return "TIME", f"{_shift(ref, 1, 'day', sign)}T{pod}"
    return "DATE", _shift(ref, 1, unit, sign)


def _v_sameday(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    """ "later that day", "the same week": the period of the date mentioned before, else unknown."""
    if ref is None:
        return "DATE", None
    return "DATE", _shift(ref, 0, g["unit"], 1)


def _v_fiscal(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    if g.get("year"):
        y: int | None = int(g["year"])
    elif anchor is None:
        y = None
    else:
        rel = (g.get("rel") or "").lower()
        y = anchor.year + {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if y is None:
        return "DATE", None
    q = g.get("q")
    return "DATE", f"FY{y}" + (f"-Q{_ORDINALS[q.lower()]}" if q else "")


def _v_fy(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    yy = g["yy"]
    return "DATE", "FY" + (yy if len(yy) == 4 else f"20{yy}")


def _holiday_date(name: str, year: int) -> date:
    month, day = HOLIDAYS[name]
    if day == 0:  # Thanksgiving: the fourth Thursday of November
        first = date(year, month, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return date(year, month, day)


def _v_holiday(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    name = re.sub(r"\s+", " ", g["h"].lower()).replace("’", "'")
    if g.get("year"):
        return "DATE", _holiday_date(name, int(g["year"])).isoformat()
    if anchor is None:
        return "DATE", None
    month, day = HOLIDAYS[name]
    y = _day_year(month, day or 25, anchor, tense)
    return "DATE", _holiday_date(name, y).isoformat()


def _v_unitpart(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    if anchor is None:
        return "DATE", None
    return "DATE", _rel_unit("this", g["unit"].lower(), anchor)


def _v_weekend(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    """ "over the weekend": the latest one (this week's once it has begun), the coming one in the future."""
    if anchor is None:
        return "DATE", None
    if tense == "future" or anchor.weekday() >= 5:
        return "DATE", _iso_week(anchor) + "-WE"
    return "DATE", _iso_week(anchor - timedelta(weeks=1)) + "-WE"


def _v_setfreq(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "SET", _duration(1, g["unit"])


def _v_ref(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "DATE", "PRESENT_REF" if g.get("now") else "PAST_REF"


def _v_pastfut(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    return "DATE", f"{g['w'].upper()}_REF"


def _v_set(g: dict, anchor: date | None, tense: str | None, ref: date | None) -> tuple[str, str | None]:
    num = g.get("num")
    n = 2 if (num or "").lower() == "other" else _number(num)
    return "SET", _duration(n, g["unit"])


_VALUE = {
    "iso": _v_iso, "slash": _v_slash, "mdy": _v_mdy, "dmy": _v_mdy, "my": _v_my, "mon": _v_mon,
    "wd": _v_wd, "rel": _v_rel, "relunit": _v_relunit, "season": _v_season, "year": _v_year,
    "decade": _v_decade, "decadeword": _v_decadeword, "century": _v_century, "quarter": _v_quarter,
    "qshort": _v_quarter, "half": _v_half, "time": _v_time, "time24": _v_time24, "noon": _v_noon,
    "dur": _v_dur, "durthe": _v_durthe, "durvague": _v_durvague, "daybefore": _v_daybefore, "set": _v_set,
    "fiscal": _v_fiscal, "fy": _v_fy, "holiday": _v_holiday, "unitpart": _v_unitpart, "ref": _v_ref,
    "pastfut": _v_pastfut, "durplural": _v_durvague, "durlong": _v_durvague, "weekend": _v_weekend,
    "setfreq": _v_setfreq, "sameday": _v_sameday,
}  # fmt: skip


def resolve(
    text: str, anchor: date | None, *, tense: str | None = None, ref: date | None = None
) -> tuple[str, str | None]:
    """TIMEX3 ``(type, value)`` of a time expression, resolved against ``anchor`` (publication date).

    ``tense`` is ``"past"``, ``"future"`` or None (news default: past) and decides which way a bare
    weekday or month points; ``ref`` is a date mentioned earlier in the sentence, which "three days
    later" and "two days before the vote" count from. Text without a recognised expression gives
    ``("DATE", None)``; a relative expression without an anchor gives value None.
    """
    ranged = resolve_range(text, anchor, tense)
    if ranged is not None:
        return ranged
    cands = find_candidates(text)
    if not cands:
        return "DATE", None
    best = max(cands, key=lambda c: c.end - c.start)
    return value_of(best, anchor, tense, ref)


def iter_values(text: str, anchor: date | None) -> Iterator[tuple[Candidate, str, str | None]]:
    """Every candidate in ``text`` with its (type, value), no context hints (for quick checks)."""
    for c in find_candidates(text):
        typ, val = value_of(c, anchor)
        yield c, typ, val


_RANGE_SEP = re.compile(r"\s*(?:and|to|through|until|till|-|–|—)\s*$", re.I)
_RANGE_LEAD = re.compile(r"(?:between|from)\s+$", re.I)
_NO_YEAR = {"mon", "mdy", "dmy", "season"}


def complete_year(
    first: Candidate, second_value: str | None, anchor: date | None, tense: str | None
) -> tuple[str, str | None]:
    """Value of a range's first end borrowing the second end's year ("between April and June 2021")."""
    g = first.match.groupdict()
    if first.kind in _NO_YEAR and not g.get("year") and second_value and re.match(r"\d{4}", second_value):
        year = second_value[:4]
        if first.kind == "mon":
            return "DATE", f"{year}-{_month_of(g['mon']):02d}"
        if first.kind == "season":
            return "DATE", f"{year}-{SEASONS[g['season'].lower()]}"
        try:
            return "DATE", date(int(year), _month_of(g["mon"]), int(g["day"])).isoformat()
        except ValueError:
            return "DATE", None
    return value_of(first, anchor, tense)


def range_length(a: str | None, b: str | None) -> str | None:
    """TIMEX3 duration between two date values at the coarser granularity (as TimeML counts ranges)."""
    ga, gb = granularity(a), granularity(b)
    if not a or not b or ga is None or gb is None or ga == "week" or gb == "week":
        return None
    if "year" in (ga, gb):
        n, unit = int(b[:4]) - int(a[:4]), "Y"
    elif "month" in (ga, gb):
        n, unit = (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7]), "M"
    else:
        da, db = to_date(a), to_date(b)
        if da is None or db is None:
            return None
        n, unit = (db - da).days, "D"
    return f"P{n}{unit}" if n > 0 else None


def find_range(text: str, cands: list[Candidate], i: int) -> int | None:
    """End offset of "between/from A and/to B" when ``cands[i]`` is A and ``cands[i+1]`` is B."""
    if i + 1 >= len(cands):
        return None
    a, b = cands[i], cands[i + 1]
    if not _RANGE_SEP.match(text[a.end : b.start]) or not _RANGE_LEAD.search(
        text[max(0, a.start - 10) : a.start]
    ):
        return None
    return b.end


def resolve_range(text: str, anchor: date | None, tense: str | None = None) -> tuple[str, str | None] | None:
    """``("DURATION", length)`` when ``text`` is a range "between A and B", else None."""
    cands = find_candidates(text)
    for i in range(len(cands) - 1):
        if find_range(text, cands, i) is not None:
            vb = value_of(cands[i + 1], anchor, tense)[1]
            va = complete_year(cands[i], vb, anchor, tense)[1]
            return "DURATION", range_length(va, vb)
    return None
