"""Response schemas of the REST API (the OpenAPI document is generated from these).

They follow docs/json-contract.md. Records may grow new fields (the contract only adds), so every
model accepts and passes on fields it does not name.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "ArticleRef",
    "EntityHit",
    "EntityCandidate",
    "Dossier",
    "Ambiguous",
    "NotFound",
    "Timeline",
    "Quote",
    "Event",
    "Graph",
    "Search",
    "Stats",
    "Trending",
    "ArticleFacts",
    "Health",
    "IngestRequest",
    "IngestResult",
    "Home",
    "Places",
]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ArticleRef(_Open):
    """Where a fact was read: the article's id, title, URL, source and publication date."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


class EntityHit(_Open):
    """An autocomplete match: the entity and the alias that matched the prefix."""

    id: int
    name: str
    type: str
    mention_count: int
    alias: str


class EntityCandidate(_Open):
    """One of several entities carrying a name."""

    id: int
    name: str
    type: str
    mention_count: int
    article_count: int
    description: str | None = None


class Line(_Open):
    """A fact line with its provenance: offsets, the sentence and the article.

    ``confirmed``: shown by default (measured precision at least 0.9, not hypothetical or negated);
    ``calibrated``: the measured precision of facts with this raw confidence.
    """

    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    article: ArticleRef | None = None
    confirmed: bool | None = None
    calibrated: float | None = None


class Quote(Line):
    """Who said what (docs/json-contract.md, Quote), with the speaker's knowledge-base name."""

    text: str
    kind: str
    speaker: int | None = None
    speaker_name: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    date: str | None = None
    confidence: float | None = None


class Event(Line):
    """Who did what to whom, when and where (PLOVER type and mode)."""

    type: str
    mode: str | None = None
    actor: int | None = None
    actor_name: str | None = None
    recipient: int | None = None
    recipient_name: str | None = None
    place: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    date_source: str | None = None
    confidence: float | None = None
    hypothetical: bool | None = None
    negated: bool | None = None


class TimelineLine(Line):
    """A dated line; ``day_from``/``day_to`` are the ISO days its TIMEX3 value covers."""

    date: str
    kind: str
    what: str | None = None
    day_from: str | None = None
    day_to: str | None = None


class Dossier(_Open):
    """Who is X: names, descriptions, relations by type, quotes, events, timeline, related, sources."""

    query: str | None = None
    ambiguous: bool = False
    id: int
    name: str
    type: str
    aliases: list[str]
    mention_count: int
    article_count: int
    descriptions: list[dict[str, Any]]
    relations: dict[str, list[dict[str, Any]]]
    quotes_by: list[Quote]
    quotes_about: list[Quote]
    events: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    related: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    unconfirmed: dict[str, int] = Field(
        default_factory=dict,
        description="per section, how many unconfirmed facts the default view holds back",
    )
    totals: dict[str, int] = Field(
        default_factory=dict,
        description="per list (events, quotes_by, quotes_about, timeline, sources, descriptions), how many"
        " items the view holds; `limit` of them are listed after `<list>_offset`",
    )
    order: str | None = Field(None, description="newest, oldest, or time (the library's own order)")


class Ambiguous(_Open):
    """Several entities carry the name: pick one by id."""

    query: str
    ambiguous: bool = True
    candidates: list[EntityCandidate]


class NotFound(_Open):
    """Nothing matched; ``suggestions`` are close names when there are any."""

    query: str | None = None
    error: str = "not_found"
    detail: str | None = None
    suggestions: list[str] = Field(default_factory=list)


class Timeline(_Open):
    """An entity's dated lines in time order."""

    id: int
    name: str
    type: str
    total: int
    unconfirmed: int = Field(0, description="unconfirmed lines in the range (held back unless all=true)")
    timeline: list[TimelineLine]


class Graph(_Open):
    """An entity's neighbourhood: nodes (with hop ``depth``) and weighted edges."""

    center: dict[str, Any]
    depth: int
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class Search(_Open):
    """Full-text matches in articles and quotes, best first, with snippets."""

    query: str
    articles: list[dict[str, Any]]
    quotes: list[dict[str, Any]]


class Stats(_Open):
    """What the knowledge base holds."""

    articles: int
    entities: dict[str, Any]
    quotes: int
    events: dict[str, Any]
    date_range: dict[str, Any]
    top_entities: list[dict[str, Any]]


class Trending(_Open):
    """Most-mentioned entities in the week up to the newest article's date."""

    from_: str | None = Field(None, alias="from")
    to: str | None = None
    entities: list[dict[str, Any]]


class Home(_Open):
    """The home page's data: corpus stats and this week's names."""

    stats: Stats
    trending: Trending


class Places(_Open):
    """Event places with coordinates and how many events happened there."""

    places: list[dict[str, Any]]


class ArticleFacts(_Open):
    """The article record (docs/json-contract.md) with ``kb`` (knowledge-base entity) on each entity."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    text: str
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    timexes: list[dict[str, Any]]
    events: list[dict[str, Any]]


class Health(_Open):
    """Liveness: the server answers and reads the knowledge base."""

    status: str
    articles: int


class IngestRequest(BaseModel):
    """One page to ingest: a URL to fetch, or the page itself as HTML or scraped text."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, description="http(s) URL to fetch (private and loopback addresses refused)")
    html: str | None = Field(None, description="the page as HTML")
    text: str | None = Field(None, description="the page as scraped text")
    published: str | None = Field(
        None,
        description="publication date YYYY-MM-DD for pages that carry none",
        pattern=r"^\d{4}-\d{2}-\d{2}$",
    )
    title: str | None = Field(None, description="the headline, when the page's own is missing or wrong")
    source_url: str | None = Field(
        None, max_length=2000, description="the page's URL, when giving html or text"
    )
    id: str | None = Field(None, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")

    @field_validator("source_url")
    @classmethod
    def _http_source(cls, value: str | None) -> str | None:
        """A page's URL is shown as a link: only http(s) with a host (no ``javascript:``, ``data:``, ``file:``)."""
        if value is None:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ValueError("source_url must be an http:// or https:// URL with a host")
        return value.strip()

    @field_validator("id")
    @classmethod
    def _plain_id(cls, value: str | None) -> str | None:
        """An article id becomes part of addresses (``/articles/ID``): no ``..``, not only dots."""
        if value is not None and (".." in value or not value.strip(".")):
            raise ValueError("id must not contain '..' or be only dots")
        return value


class IngestResult(_Open):
    """The ingest run summary and the ids of the articles the pages became."""

    summary: dict[str, Any]
    articles: list[str]
