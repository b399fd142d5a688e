"""Article text cut into highlight segments from the stored fact offsets.

The output is plain data (strings and labels), never markup: the template writes every piece
through Jinja2's autoescape, so a hostile article cannot inject HTML through its text or facts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Mark",
    "Segment",
    "Sentence",
    "highlight",
    "fact_marks",
    "fact_anchors",
    "fact_anchor",
    "sentences",
]


@dataclass(frozen=True)
class Mark:
    """One fact over a stretch of text: its kind (ent, quote, date, event), a label and a fact id."""

    kind: str
    label: str
    fact: str
    start: int
    end: int
    href: str | None = None


@dataclass
class Segment:
    """A run of text covered by the same marks (none for plain text)."""

    text: str
    marks: list[Mark] = field(default_factory=list)
    start: int = 0

    @property
    def classes(self) -> str:
        """CSS classes, one per kind of mark."""
        return " ".join(sorted({f"hl-{m.kind}" for m in self.marks}))

    @property
    def title(self) -> str:
        """The tooltip: each fact's label on its own line."""
        return "\n".join(dict.fromkeys(m.label for m in self.marks))

    @property
    def facts(self) -> str:
        """Space-separated fact ids, for the side panel."""
        return " ".join(dict.fromkeys(m.fact for m in self.marks))

    @property
    def href(self) -> str | None:
        """The dossier link when the segment is one entity's mention."""
        links = {m.href for m in self.marks if m.href}
        return links.pop() if len(links) == 1 else None


def fact_marks(record: dict[str, Any]) -> list[Mark]:
    """Every entity mention, quote, time expression and event trigger of an article record as a Mark."""
    marks: list[Mark] = []
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    for e in record.get("entities", []):
        kb = e.get("kb") or {}
        href = f"/entities/{kb['id']}" if kb.get("id") is not None else None
        label = f"{e['name']} ({e['type']})"
        for start, end in e.get("mentions", []):
            marks.append(Mark("ent", label, f"ent-{e['id']}", start, end, href))
    for i, q in enumerate(record.get("quotes", [])):
        speaker = names.get(q.get("speaker")) or q.get("speaker_text") or "unknown speaker"
        label = f"{q['kind']} quote by {speaker}" + (f" ({q['date']})" if q.get("date") else "")
        marks.append(Mark("quote", label, f"quote-{i}", q["start"], q["end"]))
    for i, t in enumerate(record.get("timexes", [])):
        label = f"{t['type'].lower()}: {t['text']} = {t['value'] or 'unresolved'}"
        marks.append(Mark("date", label, f"date-{i}", t["start"], t["end"]))
    for i, ev in enumerate(record.get("events", [])):
        if ev.get("trigger_start") is None or ev.get("trigger_end") is None:
            continue
        marks.append(
            Mark("event", event_label(ev, names), f"event-{i}", ev["trigger_start"], ev["trigger_end"])
        )
    return marks


def event_label(ev: dict[str, Any], names: dict[str, str]) -> str:
    """``PROTEST/strike: HWA → Meridian Shipping, 2026-03-09, Alder`` from an article event."""
    kind = ev["type"] + (f"/{ev['mode']}" if ev.get("mode") else "")
    actor = names.get(ev.get("actor")) or ev.get("actor_text") or "?"
    recipient = names.get(ev.get("recipient")) or ev.get("recipient_text")
    place = (ev.get("place") or {}).get("name") if isinstance(ev.get("place"), dict) else ev.get("place")
    who = actor + (f" → {recipient}" if recipient else "")
    extra = ", ".join(x for x in (ev.get("date"), place) if x)
    flags = " (negated)" if ev.get("negated") else " (hypothetical)" if ev.get("hypothetical") else ""
    return f"{kind}: {who}" + (f", {extra}" if extra else "") + flags


def highlight(
    text: str, paragraphs: list[list[int]] | None, marks: list[Mark], cuts_at: Iterable[int] = ()
) -> list[list[Segment]]:
    """Paragraphs of segments: each boundary of a mark (and each offset in ``cuts_at``, e.g. sentence
    boundaries) starts a new segment (marks may overlap)."""
    spans = paragraphs or _split(text)
    starts: dict[int, list[Mark]] = defaultdict(list)
    ends: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        if 0 <= m.start < m.end <= len(text):  # offsets from a broken record are ignored, not trusted
            starts[m.start].append(m)
            ends[m.end].append(m)
    cuts = sorted(set(starts) | set(ends) | {c for c in cuts_at if isinstance(c, int) and 0 < c < len(text)})
    out: list[list[Segment]] = []
    for p_start, p_end in spans:
        points = sorted({p_start, p_end, *(c for c in cuts if p_start < c < p_end)})
        active = [m for m in marks if m.start <= p_start < m.end and 0 <= m.start < m.end <= len(text)]
        segments: list[Segment] = []
        for a, b in zip(points, points[1:], strict=False):
            if a != p_start:
                active = [m for m in active if m.end > a] + [m for m in starts.get(a, []) if m.end > a]
            if text[a:b]:
                segments.append(Segment(text[a:b], sorted(active, key=_nesting), a))
        out.append(segments)
    return out


def _nesting(m: Mark) -> tuple[int, int]:
    return (m.start, -m.end)


def _split(text: str) -> list[list[int]]:
    """Paragraph spans from blank lines, for records that carry none."""
    spans, pos = [], 0
    for chunk in text.split("\n\n"):
        if chunk.strip():
            spans.append([pos, pos + len(chunk)])
        pos += len(chunk) + 2
    return spans


# -- one anchor per fact: a link from a dossier, timeline, quote or event line lands on its sentence --------
# The anchor is built from the fact's offsets, which the stored record and the database rows share:
# ``q{start}`` a quote (its first character), ``e{start}`` an event, ``d{start}`` a description,
# ``r{start}`` a relation (events and relations start at their sentence), ``s{start}`` a sentence.
_ANCHOR_PREFIX = {"quote": "q", "event": "e", "description": "d", "relation": "r", "mention": "s"}
_RECORD_LISTS = {"quotes": "q", "events": "e", "descriptions": "d", "relations": "r"}


def fact_anchor(item: dict[str, Any], kind: str) -> str | None:
    """The article-page anchor of one fact record (``kind``: quote, event, description, relation or
    mention, the last for a sentence); None when the record has no offset."""
    start = item.get("start")
    prefix = _ANCHOR_PREFIX.get(kind)
    if prefix is None or not isinstance(start, int):
        return None
    return f"{prefix}{start}"


def fact_anchors(record: dict[str, Any]) -> dict[str, int]:
    """Every fact anchor of an article record and the text offset it stands at."""
    out: dict[str, int] = {}
    for key, prefix in _RECORD_LISTS.items():
        for fact in record.get(key) or []:
            start = fact.get("start")
            if isinstance(start, int):
                out.setdefault(f"{prefix}{start}", start)
    return out


@dataclass
class Sentence:
    """The segments of one sentence; the first piece of a sentence carries its id and fact anchors."""

    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    first: bool = True

    @property
    def id(self) -> str:
        """``s{start}``: the sentence's own anchor."""
        return f"s{self.start}"


def sentences(
    paragraphs: list[list[Segment]], spans: list[list[int]] | None, anchors: dict[str, int]
) -> list[list[Segment | Sentence]]:
    """Paragraphs whose segments are grouped by sentence (``spans`` from the record), each sentence with
    the anchors of the facts starting in it; text outside every sentence stays as plain segments."""
    spans = sorted((s[0], s[1]) for s in spans or [] if len(s) == 2 and 0 <= s[0] < s[1])
    if not spans:
        return [list(p) for p in paragraphs]
    starts = [s for s, _ in spans]

    def index(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return i if i >= 0 and spans[i][0] <= offset < spans[i][1] else None

    by_sentence: dict[int, list[str]] = defaultdict(list)
    for anchor, offset in sorted(anchors.items(), key=lambda a: (a[1], a[0])):
        i = index(offset)
        if i is not None:
            by_sentence[i].append(anchor)
    placed: set[int] = set()
    out: list[list[Segment | Sentence]] = []
    for para in paragraphs:
        items: list[Segment | Sentence] = []
        current: Sentence | None = None
        current_i: int | None = None
        for seg in para:
            i = index(seg.start)
            if i is None:
                current, current_i = None, None
                items.append(seg)
                continue
            if current is None or i != current_i:
                first = i not in placed  # a sentence split over paragraphs: one id, on its first piece
                placed.add(i)
                current = Sentence(
                    spans[i][0], spans[i][1], [], by_sentence.get(i, []) if first else [], first
                )
                current_i = i
                items.append(current)
            current.segments.append(seg)
        out.append(items)
    return out
