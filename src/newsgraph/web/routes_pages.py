"""Server-rendered pages; each one builds its data with the same function as its ``/api/`` twin."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response

from ..render import event_date_text, event_place_text, human_date
from .highlight import fact_anchor, fact_anchors, fact_marks, highlight, sentences
from .routes_api import (
    DOSSIER_LISTS,
    KB,
    DateFrom,
    DateTo,
    DossierPaging,
    EntityId,
    EventType,
    NameOrId,
    Offset,
    Order,
    Place,
    ShowAll,
    article_data,
    dossier_data,
    events_data,
    guarded,
    home_data,
    quotes_data,
    total_events,
    total_quotes,
    unconfirmed_events,
    unconfirmed_quotes,
    who_data,
)
from .routes_api import (
    places as places_data,
)
from .sources import hide_paths
from .templating import templates, wants_json
from .typography import inner_quotes, without_cli_hints

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

RELATION_LABELS = {
    "affiliated_with": "Affiliated with", "member_of": "Member of", "leader_of": "Leader of",
    "founded_by": "Founded by", "ally_of": "Ally of", "enemy_of": "Enemy of", "opposed_to": "Opposed to",
    "in_dispute_with": "In dispute with", "part_of": "Part of", "located_in": "Located in",
    "operates": "Operates", "employed_by": "Employed by",
}  # fmt: skip


def page(
    request: Request, template: str, data: Any, json_url: str, status_code: int = 200, **context: Any
) -> Response:
    """Render ``template`` with ``data``, or return ``data`` as JSON for ``?format=json``."""
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data))
    context = {"data": data, "json_url": json_url, **context}
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def name_notice(exc: HTTPException, fields: dict[str, str | None]) -> dict[str, Any]:
    """What a filter's unknown (404) or ambiguous (409) name says on its page: ``{field, query, text,
    suggestions, candidates}`` (``field``: the filter that holds the name, when one does)."""
    detail = exc.detail if isinstance(exc.detail, dict) else {}
    query = detail.get("query") or getattr(exc, "query", None)
    field = next((k for k, v in fields.items() if v and v == query), None)
    if exc.status_code == 409:
        text = f"“{query}” names {len(detail.get('candidates') or [])} entities: pick one by its #ID."
    else:
        text = without_cli_hints(str(exc.detail))
    return {
        "field": field,
        "query": query,
        "text": text,
        "suggestions": list(getattr(exc, "suggestions", None) or []),
        "candidates": list(detail.get("candidates") or []),
    }


def _query(request: Request, **drop: Any) -> str:
    """The request's query string without empty values (for JSON twins and CSV links)."""
    params = {k: v for k, v in request.query_params.items() if v and k not in drop and k != "format"}
    return urlencode(params)


def _toggle(request: Request, show_all: bool) -> str:
    """This page's URL with the "show unconfirmed" toggle flipped."""
    params = {k: v for k, v in request.query_params.items() if v and k not in ("all", "format")}
    if not show_all:
        params["all"] = "true"
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def _links(request: Request, offsets: tuple[str, ...]) -> dict[str, Any]:
    """URL builders for a listing page: ``link(fragment, key=value)`` this page's URL with parameters
    changed (None, 0 or "" drops one), ``sort_link(order)`` the same in another order, from the top."""

    def link(fragment: str | None = None, **changes: Any) -> str:
        params = {k: v for k, v in request.query_params.items() if v and k != "format"}
        for key, value in changes.items():
            if value in (None, "", 0, False) or (key == "order" and value == "newest"):
                params.pop(key, None)
            else:
                params[key] = str(value)
        query = urlencode(params)
        return request.url.path + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")

    def sort_link(order: str, fragment: str | None = None) -> str:
        return link(fragment, order=order, **dict.fromkeys(offsets))

    return {"link": link, "sort_link": sort_link}


@router.get("/")
def home(request: Request, kb: KB) -> Response:
    """Search box, corpus stats and the newest week's most-mentioned names."""
    return page(request, "home.html", home_data(kb), "/api/home", title="newsgraph")


@router.get("/entities")
def entity_search(request: Request, kb: KB, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    """Entities whose alias starts with ``q``; one exact match goes straight to its dossier."""
    hits = kb.autocomplete(q, limit=50) if q.strip() else []
    if len(hits) == 1 and not wants_json(request):
        return RedirectResponse(f"/entities/{hits[0]['id']}", status_code=303)
    return page(
        request, "entities.html", hits, f"/api/entities?{urlencode({'q': q})}", title=f"Names: {q}", q=q
    )


@router.get("/who")
def who(request: Request, kb: KB, name: Annotated[str, Query(min_length=1, max_length=200)]) -> Response:
    """A name: its dossier, or the candidates when several entities carry it."""
    data = who_data(kb, name)
    if data.get("ambiguous"):
        return page(
            request,
            "entities.html",
            data["candidates"],
            f"/api/who?{urlencode({'name': name})}",
            title=f"Who is {name}?",
            q=name,
            ambiguous=True,
        )
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data))
    return RedirectResponse(f"/entities/{data['id']}", status_code=303)


@router.get("/entities/{entity_id}")
def dossier(
    request: Request, kb: KB, entity_id: EntityId, paging: DossierPaging, show_all: ShowAll = False
) -> Response:
    """The dossier: names, descriptions, relations, quotes, sources, timeline chart and relation graph;
    its lists newest first (``order=oldest``), each paged by ``<list>_offset``."""

    def render() -> tuple[bytes, int, str | None]:
        data = dossier_data(kb, entity_id, show_all=show_all, paging=paging)
        response = page(
            request,
            "dossier.html",
            data,
            f"/api/entities/{entity_id}" + ("?all=true" if show_all else ""),
            title=data["name"],
            relation_labels=RELATION_LABELS,
            show_all=show_all,
            toggle_url=_toggle(request, show_all),
            hidden=sum((data.get("unconfirmed") or {}).values()),
            offsets={key: paging["offsets"].get(key, 0) for key in DOSSIER_LISTS},
            limit=50,
            order=paging["order"],
            **_links(request, tuple(f"{key}_offset" for key in DOSSIER_LISTS)),
        )
        return bytes(response.body), response.status_code, response.headers.get("content-type")

    # the page is made of the store's answers and its own URL alone: kept while the store holds still
    key = ("dossier page", request.url.path, request.url.query, wants_json(request))
    body, status, media_type = kb.remember(key, render)
    return Response(body, status_code=status, media_type=media_type)


@router.get("/articles/{article_id}")
def article(
    request: Request, kb: KB, article_id: Annotated[str, Path(max_length=64)], show_all: ShowAll = False
) -> Response:
    """The clean text with entities, quotes, dates and events highlighted; captions and dropped boilerplate."""
    data = article_data(kb, article_id, show_all)
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data))
    spans = data.get("sentences") or []
    cuts = [offset for span in spans for offset in span[:2]]
    paragraphs = sentences(
        highlight(data["text"], data.get("paragraphs"), fact_marks(data), cuts), spans, fact_anchors(data)
    )
    names = {e["id"]: e["name"] for e in data.get("entities", [])}
    ids = {e["id"]: e["kb"]["id"] for e in data.get("entities", []) if e.get("kb")}  # link by entity id
    return page(
        request,
        "article.html",
        data,
        f"/api/articles/{article_id}" + ("?all=true" if show_all else ""),
        title=data.get("title") or article_id,
        paragraphs=paragraphs,
        names=names,
        ids=ids,
        show_all=show_all,
        toggle_url=_toggle(request, show_all),
        hidden=sum(data["unconfirmed"].values()),
    )


@router.get("/events")
def events(
    request: Request,
    kb: KB,
    type: EventType = None,
    actor: NameOrId = None,
    recipient: NameOrId = None,
    place: Place = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
    show_all: ShowAll = False,
    offset: Offset = 0,
    order: Order = "newest",
) -> Response:
    """A filterable events table (newest first, paged) with CSV download, and the places with coordinates.

    An actor or recipient no entity carries (or several do) keeps the page: the form with the filters
    as typed and a line saying what was not found (404 or 409 status; ``?format=json`` answers the error).
    """
    notice, status = None, 200
    try:
        rows = events_data(
            kb, type, actor, recipient, place, date_from, date_to, limit, show_all, offset, order
        )
        total = total_events(kb, type, actor, recipient, place, date_from, date_to, show_all)
        hidden = unconfirmed_events(kb, type, actor, recipient, place, date_from, date_to)
        # the map and the places table count the events the filters find, as the list does
        places = places_data(kb, 200, show_all, type, actor, recipient, place, date_from, date_to)["places"]
    except HTTPException as exc:
        if wants_json(request) or exc.status_code not in (404, 409):
            raise
        rows, total, hidden, places, status = [], 0, 0, [], exc.status_code
        notice = name_notice(exc, {"actor": actor, "recipient": recipient})
    stats = kb.stats(top=1)
    qs = _query(request)
    return page(
        request,
        "events.html",
        rows,
        f"/api/events?{qs}",
        title="Events",
        places=places,
        csv_url=f"/api/events.csv?{_query(request, limit=True, offset=True)}",
        places_url=f"/api/places?{_query(request, limit=True, offset=True, order=True)}",
        total=total,
        offset=offset,
        limit=limit,
        order=order,
        **_links(request, ("offset",)),
        types=sorted(stats["events"]["by_type"]),
        show_all=show_all,
        toggle_url=_toggle(request, show_all),
        hidden=hidden,
        notice=notice,
        status_code=status,
        filters={
            "type": type or "",
            "actor": actor or "",
            "recipient": recipient or "",
            "place": place or "",
            "from": date_from or "",
            "to": date_to or "",
        },
    )


@router.get("/quotes")
def quotes(
    request: Request,
    kb: KB,
    speaker: NameOrId = None,
    about: NameOrId = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    show_all: ShowAll = False,
    offset: Offset = 0,
    order: Order = "newest",
) -> Response:
    """Quotes by speaker and topic words, newest first, paged.

    A speaker or "about" name no entity carries (or several do) keeps the page, as on the events page:
    the form as typed and a line saying what was not found (404 or 409; ``?format=json`` the error).
    """
    notice, status = None, 200
    try:
        rows = quotes_data(kb, speaker, about, q, date_from, date_to, limit, show_all, offset, order)
        total = total_quotes(kb, speaker, about, q, date_from, date_to, show_all)
        hidden = unconfirmed_quotes(kb, speaker, about, q, date_from, date_to)
    except HTTPException as exc:
        if wants_json(request) or exc.status_code not in (404, 409):
            raise
        rows, total, hidden, status = [], 0, 0, exc.status_code
        notice = name_notice(exc, {"speaker": speaker, "about": about})
    return page(
        request,
        "quotes.html",
        rows,
        f"/api/quotes?{_query(request)}",
        title="Quotes",
        total=total,
        offset=offset,
        limit=limit,
        order=order,
        **_links(request, ("offset",)),
        show_all=show_all,
        toggle_url=_toggle(request, show_all),
        hidden=hidden,
        notice=notice,
        status_code=status,
        filters={
            "speaker": speaker or "",
            "about": about or "",
            "q": q or "",
            "from": date_from or "",
            "to": date_to or "",
        },
    )


@router.get("/search")
def search(request: Request, kb: KB, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    """Full-text search in article text and quotes."""
    data = (
        hide_paths(guarded(kb.search, q, limit=30))
        if q.strip()
        else {"query": q, "articles": [], "quotes": []}
    )
    return page(request, "search.html", data, f"/api/search?{urlencode({'q': q})}", title=f"Search: {q}", q=q)


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The REST API reference, drawn from the OpenAPI document (no CDN-hosted Swagger UI)."""
    spec = request.app.openapi()
    routes = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "params": [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ],
        }
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
    ]
    return page(request, "docs.html", routes, "/api/openapi.json", title="REST API")


_HIT = re.compile(r"\[([^\[\]]*)\]")


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """A search snippet with ``[match]`` markers as (text, is_match) pieces, for escaping in the template."""
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in _HIT.finditer(snippet or ""):
        parts.append((snippet[pos : m.start()], False))  # type: ignore[index]
        parts.append((m.group(1), True))
        pos = m.end()
    parts.append(((snippet or "")[pos:], False))
    return [p for p in parts if p[0]]


templates.env.filters["snippet_parts"] = snippet_parts
templates.env.filters["human_date"] = human_date
templates.env.filters["event_date"] = event_date_text
templates.env.filters["event_place"] = event_place_text
templates.env.globals["fact_anchor"] = fact_anchor
templates.env.filters["inner_quotes"] = inner_quotes
templates.env.filters["without_cli_hints"] = without_cli_hints
