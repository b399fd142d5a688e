"""The carrier objects that cross stage boundaries: Page, Article and the fact records.

Every fact carries character offsets into ``Article.text`` (the clean body), so a reader can
always go back to the words it came from. ``to_dict`` gives the JSON contract documented in
``docs/json-contract.md``: fields are only ever added, never renamed or dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from .errors import BadDate

__all__ = [
    "published_date",
    "Page",
    "Caption",
    "Article",
    "Entity",
    "Timex",
    "Quote",
    "Description",
    "Relation",
    "Event",
    "CorefMention",
    "Facts",
    "content_hash",
]

PageKind = Literal["html", "text"]


def content_hash(data: bytes | str) -> str:
    """Return the sha256 hex digest used as a page's identity (same bytes, same page)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def published_date(value: date | str | None) -> date | None:
    """A publication date given at a door, as a ``date``: the one check of every door's ``published``.

    Takes a ``date`` (a ``datetime`` gives its day) or a string written ``YYYY-MM-DD``; None stays
    None. Anything else, a day not on the calendar ("2024-02-30") included, raises ``BadDate``
    (E011, a ``ValueError``).
    """
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise BadDate(value)


@dataclass
class Page:
    """One raw page as it arrived from a source, before any extraction."""

    source: str
    """Where it came from: a file path, ``path#line``, ``warc-path#offset``, ``-`` or a URL."""
    kind: PageKind
    """``html`` or ``text`` (scraped plain text)."""
    data: bytes | str = b""
    url: str | None = None
    published: date | None = None
    """Publication date given beside the page, if any; a ``YYYY-MM-DD`` string is read as its date
    when the Page is made, and a bad one raises ``BadDate`` then (``published_date``)."""
    title: str | None = None
    """Title given beside the page (JSONL), if any."""
    id: str | None = None
    """Id given beside the page (JSONL); defaults to the content hash."""
    error: str | None = None
    """Set when the page could not even be read (e.g. a truncated archive record): a message."""
    error_reason: str | None = None
    """Short tag for ``error`` (``truncated``, ``too_large``, ``unreadable``...), counted in summaries."""

    def __post_init__(self) -> None:
        self.published = published_date(self.published)

    @property
    def hash(self) -> str:
        """Content hash of the raw page."""
        return content_hash(self.data)

    @property
    def page_id(self) -> str:
        """The id used in records: the given id, else the first 16 hex digits of the content hash."""
        return self.id or self.hash[:16]


@dataclass
class Caption:
    """An image caption with its credit, kept apart from the body (a caption is news, a credit is not)."""

    text: str
    credit: str | None = None


@dataclass
class Article:
    """The article separated from its page: metadata, clean body text and what was dropped."""

    id: str
    source: str
    text: str
    """The clean body; paragraphs separated by a blank line. Every fact offset indexes this."""
    url: str | None = None
    title: str | None = None
    published: str | None = None
    """ISO date (YYYY-MM-DD) or None."""
    published_source: str | None = None
    """Where the date came from: ``page``, ``given`` (metadata / --published) or None."""
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    section: list[str] = field(default_factory=list)
    language: str | None = None
    captions: list[Caption] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) offsets of each body paragraph in ``text``."""
    content_hash: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The extraction part of the JSON contract."""
        return {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "published_source": self.published_source,
            "authors": list(self.authors),
            "site": self.site,
            "section": list(self.section),
            "language": self.language,
            "text": self.text,
            "paragraphs": [list(p) for p in self.paragraphs],
            "captions": [asdict(c) for c in self.captions],
            "boilerplate": list(self.boilerplate),
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        """Rebuild an Article from its JSON record."""
        return cls(
            id=d["id"],
            source=d.get("source", ""),
            text=d.get("text", ""),
            url=d.get("url"),
            title=d.get("title"),
            published=d.get("published"),
            published_source=d.get("published_source"),
            authors=list(d.get("authors") or []),
            site=d.get("site"),
            section=list(d.get("section") or []),
            language=d.get("language"),
            captions=[Caption(**c) for c in d.get("captions") or []],
            boilerplate=list(d.get("boilerplate") or []),
            paragraphs=[tuple(p) for p in d.get("paragraphs") or []],
            content_hash=d.get("content_hash"),
        )

    @property
    def published_date(self) -> date | None:
        """The publication date as a ``date``, if known."""
        return date.fromisoformat(self.published) if self.published else None


@dataclass
class Entity:
    """One thing named in an article, with every mention of it (names, acronyms, variants)."""

    id: str
    """Article-local id (``e1``, ``e2``...)."""
    name: str
    """Canonical name: the longest full proper name used for it."""
    type: str
    """spaCy label: PERSON, ORG, GPE, LOC, FAC, NORP, ..."""
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    """Mentions in ``text`` only; empty for an entity named only in the headline or a caption."""
    context_mentions: list[dict[str, Any]] = field(default_factory=list)
    """Mentions in the headline and captions: ``{field: "title"|"caption", index, start, end}``,
    offsets into that field's text (``index``: the caption's position, 0 for the title)."""


_CALENDAR = re.compile(r"\d{2,4}(?:$|[-T])")


@dataclass
class Timex:
    """A time expression with its TIMEX3 value resolved against the publication date."""

    text: str
    start: int
    end: int
    type: str
    """DATE, TIME, DURATION or SET."""
    value: str | None
    """TIMEX3 value (``2026-03-09``, ``2026-W12``, ``2025-FA``, ``P3D``...) or None if unresolved."""
    confidence: float = 1.0
    """How likely the value is right as the time of what its sentence reports, in [0, 1]: high for a
    date written out in full, lower where a year, a direction or a day had to be guessed, low for a
    date inside a name ("the September 11 memorial"); 0 when unresolved (``nlp.timex_confidence``)."""

    @property
    def on_calendar(self) -> bool:
        """Whether the value names a stretch of the calendar (``2026-03-09``, ``2025-Q1``, ``199``)
        and so can date a fact, unlike a duration (``P3D``), a reference (``PRESENT_REF``), a fiscal
        year (``FY2024``) or a date with an unknown year (``XXXX-12-25``)."""
        return self.type in ("DATE", "TIME") and bool(self.value and _CALENDAR.match(self.value))


@dataclass
class Quote:
    """Words attributed to a speaker."""

    text: str
    start: int
    end: int
    kind: str
    """``direct``, ``indirect`` or ``mixed``."""
    speaker: str | None = None
    """Entity id of the speaker, or None if unresolved."""
    speaker_text: str | None = None
    cue: str | None = None
    date: str | None = None
    """When the words were spoken (TIMEX3 value) where the text says so."""
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 1.0


@dataclass
class Description:
    """A description of an entity: appositive, copula or role title."""

    entity: str
    text: str
    start: int
    end: int
    kind: str = "appositive"
    confidence: float = 1.0


@dataclass
class Relation:
    """A typed relation between two entities."""

    subject: str
    relation: str
    object: str
    start: int
    end: int
    confidence: float = 1.0
    negated: bool = False
    date: str | None = None
    former: bool = False
    """The text says the tie is over ("former chairman of Y", "ex-CEO", "served as CEO from 2004
    to 2014"): a fact about the past, shown as "former", never as a current tie."""


@dataclass
class Event:
    """An event in the PLOVER ontology (or an everyday news event) with its participants."""

    type: str
    start: int
    end: int
    """Sentence span."""
    mode: str | None = None
    actor: str | None = None
    recipient: str | None = None
    actor_text: str | None = None
    recipient_text: str | None = None
    place: dict[str, Any] | None = None
    date: str | None = None
    date_source: str | None = None
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    confidence: float = 1.0
    negated: bool = False
    hypothetical: bool = False
    fatalities: int | None = None
    """People killed, as the event's sentence states it (None: not stated; see data/casualties.toml)."""
    injured: int | None = None
    actor_sector: str | None = None
    """government, military, police, rebels, protesters, civilians, business, media or international
    where the actor's own words say it (data/sectors.toml); None otherwise. Likewise the recipient's."""
    recipient_sector: str | None = None


@dataclass
class CorefMention:
    """A nominal or pronoun mention linked to the entity it refers to."""

    entity: str
    start: int
    end: int
    text: str = ""
    confidence: float = 1.0


@dataclass
class Facts:
    """Everything newsgraph knows about one article: the article plus its facts."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    coref: list[CorefMention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) of each sentence in ``article.text``: the provenance unit of every fact."""

    def to_dict(self) -> dict[str, Any]:
        """The full article record of the JSON contract."""
        record = self.article.to_dict()
        record["sentences"] = [list(s) for s in self.sentences]
        record["entities"] = [{**asdict(e), "mentions": [list(m) for m in e.mentions]} for e in self.entities]
        record["timexes"] = [asdict(t) for t in self.timexes]
        record["quotes"] = [asdict(q) for q in self.quotes]
        record["descriptions"] = [asdict(d) for d in self.descriptions]
        record["relations"] = [asdict(r) for r in self.relations]
        record["events"] = [asdict(e) for e in self.events]
        record["coref"] = [asdict(c) for c in self.coref]
        return record

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Facts:
        """Rebuild Facts from a JSON record."""
        return cls(
            article=Article.from_dict(d),
            entities=[
                Entity(**{**e, "mentions": [tuple(m) for m in e.get("mentions", [])]})
                for e in d.get("entities", [])
            ],
            timexes=[Timex(**t) for t in d.get("timexes", [])],
            quotes=[Quote(**q) for q in d.get("quotes", [])],
            descriptions=[Description(**x) for x in d.get("descriptions", [])],
            relations=[Relation(**x) for x in d.get("relations", [])],
            events=[Event(**x) for x in d.get("events", [])],
            coref=[CorefMention(**x) for x in d.get("coref", [])],
            sentences=[tuple(s) for s in d.get("sentences", [])],
        )
