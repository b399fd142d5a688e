"""The REST API under ``/api/``: thin projections of ``KnowledgeBase`` (every page's JSON twin)."""

from __future__ import annotations

import asyncio
import csv
import hmac
import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import AfterValidator, ValidationError

from ..api import KnowledgeBase
from ..errors import AmbiguousName, NameNotFound
from ..ingest import iter_pages
from ..model import Page
from ..query.confirmed import mark_record
from ..query.events import EVENT_COLUMNS, flat_event, lexicon_types
from .ingest_jobs import QueueFull
from .models import (
    Ambiguous,
    ArticleFacts,
    Dossier,
    EntityHit,
    Event,
    Graph,
    Health,
    Home,
    IngestRequest,
    IngestResult,
    NotFound,
    Places,
    Quote,
    Search,
    Stats,
    Timeline,
)
from .sources import hide_paths
from .timeline_days import timeline_days

__all__ = ["router", "kb_of", "NameError404"]

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=500, description="at most this many items")]
# the date forms DateRange understands; empty means no bound (what an HTML form sends for a blank field)
# (month-aware: no 04-31 or 02-30; a 02-29 outside a leap year passes the pattern and _real_day
# answers 422)
_DATE = (
    r"^(|[1-9][0-9]{3}(-((0[13578]|1[02])(-(0[1-9]|[12][0-9]|3[01]))?"
    r"|(0[469]|11)(-(0[1-9]|[12][0-9]|30))?|02(-(0[1-9]|1[0-9]|2[0-9]))?))?)$"
)


def _real_day(value: str | None) -> str | None:
    """A full date must exist on the calendar ("2026-02-30" is an error, not an empty answer)."""
    if value and len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a day of the calendar") from None
    return value


DateFrom = Annotated[
    str | None,
    Query(alias="from", max_length=10, pattern=_DATE, description="first day: YYYY, YYYY-MM or YYYY-MM-DD"),
    AfterValidator(_real_day),
]
DateTo = Annotated[
    str | None,
    Query(alias="to", max_length=10, pattern=_DATE, description="last day: YYYY, YYYY-MM or YYYY-MM-DD"),
    AfterValidator(_real_day),
]
EntityId = Annotated[
    int, Path(ge=1, le=2**63 - 1, description="knowledge-base entity id")
]  # SQL BIGINT range
NameOrId = Annotated[
    str | None,
    Query(max_length=200, description="a name, any alias, or an entity id (digits or '#ID')"),
]
ShowAll = Annotated[
    bool,
    Query(
        alias="all",
        description="also the unconfirmed facts (below the 0.9 precision threshold, hypothetical or negated),"
        " each marked confirmed: false",
    ),
]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="skip this many items first (paging)")]
Order = Annotated[
    Literal["newest", "oldest"],
    Query(description="by publication date: newest first (the default) or oldest"),
]
TOTAL_HEADER = "X-Total-Count"  # list answers: how many items match in all (page with offset and limit)
UNCONFIRMED_HEADER = (
    "X-Unconfirmed-Count"  # list answers: how many matching facts the default view holds back
)

_404 = {404: {"model": NotFound, "description": "no such entity or article"}}
_409 = {409: {"model": Ambiguous, "description": "the name fits several entities; pick one by id"}}
_400 = {400: {"model": NotFound, "description": "a malformed parameter (e.g. a date)"}}


class NameError404(HTTPException):
    """A lookup that found nothing; carries suggestions for the page and the JSON body."""

    def __init__(self, query: str | None, detail: str, suggestions: list[str] | None = None) -> None:
        super().__init__(404, detail)
        self.query = query
        self.suggestions = suggestions or []


def kb_of(request: Request) -> KnowledgeBase:
    """The app's knowledge base."""
    return request.app.state.kb


KB = Annotated[KnowledgeBase, Depends(kb_of)]


def name_or_id(value: str | None) -> str | int | None:
    """An entity given by id (digits; '#ID' resolves in the query) or by name."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    # ASCII digits only: "¹" is a digit to str.isdigit and no number to int()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else value


def guarded(call: Any, *args: Any, as_who: bool = False, **kwargs: Any) -> Any:
    """Run a query, turning unknown names, ambiguous names and bad values into 404, 409 and 422: the
    REST API's one mapping of the library's errors.

    ``as_who``: the ``who`` route's contract, an ambiguous name answers 200 with its candidates
    (``{query, ambiguous: true, candidates}``) and a 404 says what is missing without the hint (the
    suggestions are in its body anyway).
    """
    try:
        return call(*args, **kwargs)
    except NameNotFound as exc:
        raise NameError404(exc.name, exc.what if as_who else str(exc), exc.suggestions) from None
    except AmbiguousName as exc:
        if as_who:
            return exc.to_dict()
        raise HTTPException(409, exc.to_dict()) from None
    except ValueError as exc:  # a value the query cannot use ('PROTST', '2026-02-30'): unprocessable
        raise HTTPException(422, str(exc)) from None


def require_entity(kb: KnowledgeBase, entity_id: int) -> None:
    """404 unless the entity exists."""
    if not kb.has_entity(entity_id):
        raise NameError404(str(entity_id), f"no entity with id {entity_id}")


@router.get("/health", response_model=Health, summary="Liveness and article count")
def health(kb: KB) -> dict[str, Any]:
    """The server answers and can read the knowledge base."""
    return kb.health()


@router.get("/entities", response_model=list[EntityHit], summary="Entity autocomplete by alias prefix")
def entities(
    kb: KB,
    q: Annotated[str, Query(max_length=200, description="the start of any alias")] = "",
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[dict[str, Any]]:
    """Entities with an alias starting with ``q`` (case, accents and punctuation ignored), most mentioned first."""
    return kb.autocomplete(q, limit=limit)


DOSSIER_LISTS = ("events", "quotes_by", "quotes_about", "timeline", "sources", "descriptions")
"""The dossier lists that page: each with its own ``<list>_offset`` parameter."""


def _list_offset(name: str) -> Any:
    return Query(ge=0, le=1_000_000, alias=f"{name}_offset", description=f"skip this many {name} first")


def dossier_paging(
    order: Order = "newest",
    events: Annotated[int, _list_offset("events")] = 0,
    quotes_by: Annotated[int, _list_offset("quotes_by")] = 0,
    quotes_about: Annotated[int, _list_offset("quotes_about")] = 0,
    timeline: Annotated[int, _list_offset("timeline")] = 0,
    sources: Annotated[int, _list_offset("sources")] = 0,
    descriptions: Annotated[int, _list_offset("descriptions")] = 0,
) -> dict[str, Any]:
    """A dossier request's order and the offset of each of its lists."""
    offsets = {"events": events, "quotes_by": quotes_by, "quotes_about": quotes_about, "timeline": timeline,
               "sources": sources, "descriptions": descriptions}  # fmt: skip
    return {"order": order, "offsets": {k: v for k, v in offsets.items() if v}}


DossierPaging = Annotated[dict[str, Any], Depends(dossier_paging)]
NEWEST = {"order": "newest", "offsets": {}}


def dossier_data(
    kb: KnowledgeBase,
    entity_id: int,
    limit: int = 50,
    show_all: bool = False,
    paging: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The dossier of one entity by id (404 when there is none); its lists newest first unless ``paging``
    says otherwise."""
    require_entity(kb, entity_id)
    return hide_paths(
        kb.who(entity_id=entity_id, limit=limit, include_unconfirmed=show_all, **(paging or NEWEST))
    )


@router.get("/entities/{entity_id}", response_model=Dossier, responses=_404, summary="Dossier by id")
def entity(
    kb: KB,
    entity_id: EntityId,
    paging: DossierPaging,
    limit: Limit = 50,
    show_all: ShowAll = False,
) -> Response:
    """Who is X: aliases, descriptions, relations by type, quotes by and about, events, timeline, sources.

    Confirmed facts only unless ``all=true``; ``unconfirmed`` counts, per section, the facts held back.
    Events, quotes, timeline and sources run newest first (``order=oldest`` for the reverse); ``totals``
    counts each list's items in the view, of which ``limit`` are listed after ``<list>_offset``.
    """

    def render() -> bytes:  # what FastAPI makes of the dict through response_model, made once
        data = dossier_data(kb, entity_id, limit, show_all, paging)
        return bytes(JSONResponse(Dossier.model_validate(data).model_dump(mode="json", by_alias=True)).body)

    # the heaviest answer the API gives, kept (serialised) while the store holds still
    key = ("api dossier", entity_id, limit, show_all, json.dumps(paging, sort_keys=True))
    return Response(kb.remember(key, render), media_type="application/json")


def who_data(
    kb: KnowledgeBase,
    name: str,
    limit: int = 50,
    show_all: bool = False,
    paging: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The dossier for a name, or the candidates when several entities carry it (404 when none)."""
    return hide_paths(
        guarded(kb.who, name, limit=limit, include_unconfirmed=show_all, as_who=True, **(paging or NEWEST))
    )


@router.get("/who", response_model=Dossier | Ambiguous, responses=_404, summary="Dossier by name or alias")
def who(
    kb: KB,
    name: Annotated[str, Query(min_length=1, max_length=200)],
    paging: DossierPaging,
    limit: Limit = 50,
    show_all: ShowAll = False,
) -> dict[str, Any]:
    """The dossier of the entity called ``name`` (any alias); the candidates when the name is ambiguous.

    Lists newest first (``order=oldest`` for the reverse), paged as on ``/api/entities/{id}``.
    """
    return who_data(kb, name, limit, show_all, paging)


def timeline_data(
    kb: KnowledgeBase,
    entity_id: int,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 200,
    show_all: bool = False,
    offset: int = 0,
    order: str = "oldest",
) -> dict[str, Any]:
    """An entity's timeline, each line with the ISO days its date covers."""
    require_entity(kb, entity_id)
    result = guarded(
        kb.timeline, entity_id, date_from=date_from or None, date_to=date_to or None, limit=limit,
        include_unconfirmed=show_all, offset=offset, newest_first=order == "newest",
    )  # fmt: skip
    return hide_paths({**result, "timeline": timeline_days(result["timeline"])})


@router.get(
    "/entities/{entity_id}/timeline",
    response_model=Timeline,
    responses={**_404, **_400},
    summary="An entity's dated events, quotes and mentions",
)
def timeline(
    kb: KB,
    entity_id: EntityId,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[int, Query(ge=1, le=2000)] = 200,
    show_all: ShowAll = False,
    offset: Offset = 0,
    order: Annotated[
        Literal["newest", "oldest"],
        Query(description="in time order (the default, oldest first) or newest first"),
    ] = "oldest",
) -> dict[str, Any]:
    """Dated lines about an entity in time order (``order=newest`` for the reverse); ``total`` counts them
    all, ``limit`` are listed after ``offset``; ``day_from``/``day_to`` give each date's days for charts."""
    return timeline_data(kb, entity_id, date_from, date_to, limit, show_all, offset, order)


@router.get(
    "/entities/{entity_id}/graph",
    response_model=Graph,
    responses=_404,
    summary="An entity's relation graph, one or two hops out",
)
def graph(
    kb: KB,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    max_nodes: Annotated[int, Query(ge=2, le=200)] = 40,
    show_all: ShowAll = False,
) -> dict[str, Any]:
    """Entities tied to this one by relations and shared sentences (``depth`` hops), with weighted edges."""
    require_entity(kb, entity_id)
    return hide_paths(kb.graph(entity_id, depth=depth, max_nodes=max_nodes, include_unconfirmed=show_all))


def _quote_filters(
    speaker: str | None, about: str | None, q: str | None, date_from: str | None, date_to: str | None
) -> dict[str, Any]:
    """The request's quote filters as the library takes them (blank means absent)."""
    return {
        "speaker": name_or_id(speaker),
        "about": name_or_id(about),
        "search": q or None,
        "date_from": date_from or None,
        "date_to": date_to or None,
    }


def quotes_data(
    kb: KnowledgeBase,
    speaker: str | None = None,
    about: str | None = None,
    q: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 100,
    show_all: bool = False,
    offset: int = 0,
    order: str = "newest",
) -> list[dict[str, Any]]:
    """Quotes filtered by speaker, entity named, words and dates; ``limit`` after ``offset``, newest first
    unless ``order`` is ``oldest``."""
    filters = _quote_filters(speaker, about, q, date_from, date_to)
    rows = guarded(
        kb.quotes, **filters, limit=limit, include_unconfirmed=show_all, offset=offset,
        newest_first=order != "oldest",
    )  # fmt: skip
    return hide_paths(rows)


def total_quotes(
    kb: KnowledgeBase,
    speaker: str | None = None,
    about: str | None = None,
    q: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    show_all: bool = False,
) -> int:
    """How many quotes match the filters (in the view ``show_all`` picks)."""
    filters = _quote_filters(speaker, about, q, date_from, date_to)
    return guarded(kb.count_quotes, **filters, include_unconfirmed=show_all)


def unconfirmed_quotes(
    kb: KnowledgeBase,
    speaker: str | None = None,
    about: str | None = None,
    q: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> int:
    """How many quotes matching the filters the default view holds back."""
    return guarded(kb.unconfirmed_quotes, **_quote_filters(speaker, about, q, date_from, date_to))


@router.get(
    "/quotes",
    response_model=list[Quote],
    responses={**_404, **_409, **_400},
    summary="Quotes by speaker, about an entity, by topic words, between dates",
)
def quotes(
    kb: KB,
    response: Response,
    speaker: NameOrId = None,
    about: NameOrId = None,
    q: Annotated[str | None, Query(max_length=200, description="topic words (web-search syntax)")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 100,
    show_all: ShowAll = False,
    offset: Offset = 0,
    order: Order = "newest",
) -> list[dict[str, Any]]:
    """Quotes, newest first (``order=oldest`` for the reverse); every filter is optional.

    Confirmed quotes only unless ``all=true``. The ``X-Total-Count`` header says how many quotes match in
    all (page with ``offset`` and ``limit``); ``X-Unconfirmed-Count`` how many matching quotes are unconfirmed.
    """
    rows = quotes_data(kb, speaker, about, q, date_from, date_to, limit, show_all, offset, order)
    response.headers[TOTAL_HEADER] = str(total_quotes(kb, speaker, about, q, date_from, date_to, show_all))
    response.headers[UNCONFIRMED_HEADER] = str(unconfirmed_quotes(kb, speaker, about, q, date_from, date_to))
    return rows


def _event_filters(
    type: str | None,
    actor: str | None,
    recipient: str | None,
    place: str | None,
    date_from: str | None,
    date_to: str | None,
) -> dict[str, Any]:
    """The request's event filters as the library takes them (blank means absent)."""
    return {
        "type": type or None,
        "actor": name_or_id(actor),
        "recipient": name_or_id(recipient),
        "place": place or None,
        "date_from": date_from or None,
        "date_to": date_to or None,
    }


def events_data(
    kb: KnowledgeBase,
    type: str | None = None,
    actor: str | None = None,
    recipient: str | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 100,
    show_all: bool = False,
    offset: int = 0,
    order: str = "newest",
) -> list[dict[str, Any]]:
    """Events filtered by PLOVER type, actor, recipient, place and dates; ``limit`` after ``offset``,
    newest first unless ``order`` is ``oldest``."""
    filters = _event_filters(type, actor, recipient, place, date_from, date_to)
    rows = guarded(
        kb.events, **filters, limit=limit, include_unconfirmed=show_all, offset=offset,
        newest_first=order != "oldest",
    )  # fmt: skip
    return hide_paths(rows)


def total_events(
    kb: KnowledgeBase,
    type: str | None = None,
    actor: str | None = None,
    recipient: str | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    show_all: bool = False,
) -> int:
    """How many events match the filters (in the view ``show_all`` picks)."""
    filters = _event_filters(type, actor, recipient, place, date_from, date_to)
    return guarded(kb.count_events, **filters, include_unconfirmed=show_all)


def unconfirmed_events(
    kb: KnowledgeBase,
    type: str | None = None,
    actor: str | None = None,
    recipient: str | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> int:
    """How many events matching the filters the default view holds back."""
    return guarded(kb.unconfirmed_events, **_event_filters(type, actor, recipient, place, date_from, date_to))


def _type_pattern() -> str:
    """The event types as a case-blind pattern, for the OpenAPI document (a client or a fuzzer
    then knows what a valid ``type`` is); the route itself answers any other value with a 422
    that lists the valid types."""
    alts = (
        "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in t) for t in sorted(lexicon_types())
    )
    return rf"^\s*(?:{'|'.join(alts)})\s*$"


EventType = Annotated[
    str | None,
    Query(
        max_length=40,
        description="PLOVER type, e.g. PROTEST (any case)",
        json_schema_extra={"pattern": _type_pattern()},
    ),
]
Place = Annotated[str | None, Query(max_length=200, description="place name or two-letter country code")]


@router.get(
    "/events",
    response_model=list[Event],
    responses={**_404, **_409, **_400},
    summary="Events by type, actor, recipient, place and dates",
)
def events(
    kb: KB,
    response: Response,
    type: EventType = None,
    actor: NameOrId = None,
    recipient: NameOrId = None,
    place: Place = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 100,
    show_all: ShowAll = False,
    offset: Offset = 0,
    order: Order = "newest",
) -> list[dict[str, Any]]:
    """Events, newest first (``order=oldest`` for the reverse); every filter is optional.

    Confirmed events only unless ``all=true`` (hypothetical and negated events are unconfirmed). The
    ``X-Total-Count`` header says how many events match in all (page with ``offset`` and ``limit``);
    ``X-Unconfirmed-Count`` how many matching events are unconfirmed.
    """
    rows = events_data(kb, type, actor, recipient, place, date_from, date_to, limit, show_all, offset, order)
    response.headers[TOTAL_HEADER] = str(
        total_events(kb, type, actor, recipient, place, date_from, date_to, show_all)
    )
    response.headers[UNCONFIRMED_HEADER] = str(
        unconfirmed_events(kb, type, actor, recipient, place, date_from, date_to)
    )
    return rows


@router.get(
    "/events.csv",
    responses={200: {"content": {"text/csv": {}}}, **_404, **_409, **_400},
    response_class=StreamingResponse,
    summary="The same events as CSV",
)
def events_csv(
    kb: KB,
    type: EventType = None,
    actor: NameOrId = None,
    recipient: NameOrId = None,
    place: Place = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
    show_all: ShowAll = False,
    offset: Offset = 0,
    order: Order = "newest",
) -> StreamingResponse:
    """The filtered events table as CSV (one row per event, columns as ``newsgraph export``)."""
    rows = events_data(kb, type, actor, recipient, place, date_from, date_to, limit, show_all, offset, order)

    def lines() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(_csv_safe(flat_event(row)))
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="events.csv"'},
    )


def _csv_safe(row: dict[str, Any]) -> dict[str, Any]:
    """Defuse spreadsheet formulas: scraped text starting with = + - @ would run in Excel or Sheets."""
    return {k: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for k, v in row.items()}


@router.get(
    "/places",
    response_model=Places,
    responses={**_404, **_409, **_400},
    summary="Event places with coordinates",
)
def places(
    kb: KB,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    show_all: ShowAll = False,
    type: EventType = None,
    actor: NameOrId = None,
    recipient: NameOrId = None,
    place: Place = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> dict[str, Any]:
    """Places where events happened, with latitude/longitude and event counts, most events first.

    The event filters are those of ``/api/events``: the events page's map counts the events it lists."""
    filters = _event_filters(type, actor, recipient, place, date_from, date_to)
    return {"places": guarded(kb.places, limit=limit, include_unconfirmed=show_all, **filters)}


def article_data(kb: KnowledgeBase, article_id: str, show_all: bool = False) -> dict[str, Any]:
    """One article's record with its facts, each marked confirmed or not (404 when there is none).

    Unconfirmed quotes, descriptions, relations and events are left out unless ``show_all``;
    ``unconfirmed`` counts them per list.
    """
    record = kb.article(article_id)
    if record is None:
        raise NameError404(article_id, f"no article with id {article_id!r}")
    every = mark_record(record, include_unconfirmed=True)
    kinds = ("quotes", "descriptions", "relations", "events")
    hidden = {k: sum(not f["confirmed"] for f in every[k]) for k in kinds if k in every}
    shown = every if show_all else mark_record(record, include_unconfirmed=False)
    return hide_paths({**shown, "unconfirmed": hidden})


@router.get(
    "/articles/{article_id}", response_model=ArticleFacts, responses=_404, summary="An article with its facts"
)
def article(
    kb: KB, article_id: Annotated[str, Path(max_length=64)], show_all: ShowAll = False
) -> dict[str, Any]:
    """The article record: clean text, captions, boilerplate, and its facts with offsets into the text.

    Confirmed facts only unless ``all=true``; ``unconfirmed`` counts the others per list.
    """
    return article_data(kb, article_id, show_all)


@router.get(
    "/search", response_model=Search, responses=_400, summary="Full-text search in articles and quotes"
)
def search(
    kb: KB,
    q: Annotated[str, Query(max_length=200, description='words, "a phrase", -word, or')] = "",
    kind: Annotated[str, Query(pattern="^(all|articles|quotes)$")] = "all",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """Articles and quotes matching the query, best first, with snippets."""
    return hide_paths(guarded(kb.search, q, kind=kind, limit=limit))


@router.get("/stats", response_model=Stats, summary="What the knowledge base holds")
def stats(kb: KB, top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """Counts of articles, entities by type, quotes, events by type; date range; most named entities."""
    return hide_paths(kb.stats(top=top))


def home_data(kb: KnowledgeBase) -> dict[str, Any]:
    """Corpus stats and the most-mentioned entities of the newest week."""
    return hide_paths({"stats": kb.stats(top=10), "trending": kb.trending()})


@router.get("/home", response_model=Home, summary="The home page's data")
def home(kb: KB) -> dict[str, Any]:
    """Corpus stats and the most-mentioned entities in the week up to the newest article."""
    return home_data(kb)


_INGEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": IngestRequest.model_json_schema(ref_template="#/$defs/{model}")}
    },
}


@router.post(
    "/ingest",
    response_model=IngestResult,
    status_code=202,
    summary="Ingest one page as a job (needs the server's token)",
    responses={
        200: {"description": "with wait=true: the job is done; its summary, status and stored ids"},
        400: {"description": "with wait=true: the URL could not be fetched (internal addresses: 'refused')"},
        202: {"description": "the job is queued: poll the URL in 'job_url' (and the Location header)"},
        401: {"description": "missing or wrong bearer token (checked before the body is read)"},
        403: {"description": "ingest is off (no token configured)"},
        413: {"description": "request body too large"},
        422: {"description": "the body is not a valid page request (its values are not echoed back)"},
        429: {"description": "too many ingest jobs are waiting"},
    },
    openapi_extra={"requestBody": _INGEST_BODY},
)
async def ingest(
    request: Request,
    wait: Annotated[
        bool, Query(description="answer when the job is done (200) instead of at once (202)")
    ] = False,
) -> Any:
    """Queue a page to store: a URL to fetch (public addresses only) or the page's HTML or text.

    The answer comes at once (202) with the job's URL; ``GET /api/ingest/jobs/ID`` tells whether the
    page was stored, skipped (already there) or failed, and why. ``wait=true`` waits for the job and
    answers 200 with its outcome. The token is checked before the body is read, so a client without
    it learns nothing from a 422.
    """
    check_token(request)
    page = await ingest_request(request)
    _check_page(page)
    kb = kb_of(request)
    try:
        job, future = request.app.state.ingest_jobs.submit(lambda: _ingest(kb, page))
    except QueueFull as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": "5"}) from None
    url = f"/api/ingest/jobs/{job['id']}"
    if wait:
        result = await asyncio.wrap_future(future)
        if result.get("http_status"):
            raise HTTPException(result["http_status"], result["reason"])
        return JSONResponse({"job": job["id"], "job_url": url, "state": "done", **result}, status_code=200)
    return JSONResponse(
        {"job": job["id"], "job_url": url, "state": job["state"], "summary": None, "articles": []},
        status_code=202,
        headers={"Location": url},
    )


@router.get(
    "/ingest/jobs/{job_id}",
    summary="An ingest job's state and outcome (needs the server's token)",
    responses={
        401: {"description": "missing or wrong bearer token"},
        403: {"description": "ingest is off (no token configured)"},
        404: {"description": "no such job"},
    },
)
def ingest_job(request: Request, job_id: Annotated[str, Path(pattern="^[0-9a-f]{16}$")]) -> dict[str, Any]:
    """``state``: queued, running or done; once done, ``status`` stored / skipped / failed with
    ``reason``, the run's ``summary`` and the ``articles`` now in the knowledge base."""
    check_token(request)
    job = request.app.state.ingest_jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "no such ingest job (jobs are kept in memory until the server stops)")
    return {**job, "job": job["id"], "job_url": f"/api/ingest/jobs/{job['id']}"}


def _ingest(kb: KnowledgeBase, page: IngestRequest) -> dict[str, Any]:
    pages = _pages(page)
    ids = [p.id or p.hash[:16] for p in pages]
    summary = kb.ingest(pages, published=page.published)
    return {"summary": summary.to_dict(), "articles": ids}


async def ingest_request(request: Request) -> IngestRequest:
    """The body as an ``IngestRequest``; 422 listing what is wrong, without the values sent."""
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ["body"], "msg": "the body must be a JSON object"}]
        ) from None
    try:
        return IngestRequest.model_validate(body)
    except ValidationError as exc:
        errors = [
            {"type": e["type"], "loc": ["body", *e["loc"]], "msg": e["msg"]}
            for e in exc.errors(include_url=False, include_input=False, include_context=False)
        ]
        raise RequestValidationError(errors) from None


def check_token(request: Request) -> None:
    """401/403 unless the server has a token and the request carries it as a bearer token."""
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(
            403, "ingest is off: start the server with a token (newsgraph serve --token-env VAR)"
        )
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(
            401,
            "a valid 'Authorization: Bearer TOKEN' header is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


_SAY_REFUSED = frozenset({"blocked", "unreachable"})
"""Fetch failures told as 'refused' and nothing more: an internal name that resolves (blocked) and one
that does not (unreachable) must read the same, or the answer maps the newsroom's network."""


def fetch_error(reason: str | None, message: str) -> str:
    """What a client is told about a URL that could not be fetched."""
    return "refused" if reason in _SAY_REFUSED or reason is None else f"cannot fetch: {message}"


def _check_page(page: IngestRequest) -> None:
    """422 for a request that can never make a page (checked in the request, before any job)."""
    given = [x for x in (page.url, page.html, page.text) if x is not None]
    if page.url is not None and page.source_url is not None:
        raise HTTPException(422, "source_url goes with html or text; a fetched url is its own")
    if len(given) != 1:
        raise HTTPException(422, "give exactly one of url, html or text")
    if page.url is not None and not page.url.startswith(("http://", "https://")):
        raise HTTPException(422, "url must be http(s)")


def _pages(page: IngestRequest) -> list[Any]:
    """The request's page, already past ``_check_page`` in the request (a URL is fetched here, in the
    job: a refusal fails the job, 'refused')."""
    if page.url is not None:
        try:
            # iter_pages refuses loopback, private and link-local addresses unless told otherwise
            pages = list(iter_pages([page.url], published=page.published, allow_private=False))
        except Exception:  # noqa: BLE001 - any fetch failure is the client's URL's problem
            raise HTTPException(400, "refused") from None
        for p in pages:
            if p.error:
                raise HTTPException(400, fetch_error(p.error_reason, p.error))
        return pages
    kind = "html" if page.html is not None else "text"
    data = (page.html if page.html is not None else page.text) or ""
    return [
        Page(
            source=f"api:{page.id or kind}",
            kind=kind,
            data=data.encode(),
            published=page.published,
            title=page.title,
            id=page.id,
            url=page.source_url,
        )
    ]
