"""The web app: ``create_app(db)`` gives a FastAPI app serving the REST API and the pages.

Read-only unless a token is configured; every response carries a strict Content-Security-Policy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..api import KnowledgeBase
from .access import HostCheck, ReadGate, allowed_host_set
from .head import HeadAsGet
from .ingest_jobs import IngestJobs
from .routes_api import NameError404
from .routes_api import router as api_router
from .routes_pages import router as pages_router
from .security import BodyLimit, SecurityHeaders
from .templating import HERE, templates, wants_json

__all__ = ["create_app", "wants_json", "templates", "MAX_BODY"]

MAX_BODY = 2_000_000
"""Default cap on request bodies (bytes): a news page is well under this."""


def create_app(
    db: str | os.PathLike[str] | None = None,
    *,
    token: str | None = None,
    max_body: int = MAX_BODY,
    kb: KnowledgeBase | None = None,
    allowed_hosts: Iterable[str] | None = None,
    read_token: str | None = None,
    ingest_workers: int = 1,
) -> FastAPI:
    """A FastAPI app over the knowledge base at ``db``; ``token`` turns on ``POST /api/ingest``.

    ``allowed_hosts`` turns on the Host check (against DNS rebinding): the loopback names and these
    answer, any other Host gets 400. ``newsgraph serve`` always turns it on; ``None`` leaves it to
    whatever serves the app (a reverse proxy, a test client). ``read_token`` makes every read (pages and
    API; not ``/static/``) need that token or the ingest token (see ``access.ReadGate``).
    ``ingest_workers``: how many ``POST /api/ingest`` jobs run at once (``ingest_jobs``).
    """
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Who did what to whom, when and where, and who said what: every fact with its sentence "
        "and its page. Every HTML page has a JSON twin here.",
        docs_url=None,  # FastAPI's Swagger/ReDoc pages load scripts from a CDN; /docs is our own page
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.kb = kb or KnowledgeBase(db, create=False)
    app.state.token = token or None
    app.state.read_token = read_token or None
    app.state.ingest_jobs = IngestJobs(workers=ingest_workers)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    # outermost last: the body cap runs first, the headers wrap every response, errors included
    app.add_middleware(BodyLimit, max_bytes=max_body)
    if read_token:
        app.add_middleware(ReadGate, token=read_token, also=token)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=allowed_host_set(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


_BEARER_ROUTES = ("/api/ingest", "/api/ingest/jobs/{job_id}")


def _openapi(app: FastAPI) -> dict:
    """FastAPI's document plus what it cannot see: the bearer token the ingest routes check by hand
    (and every route, when the server has a read token) and the error body every error carries."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = spec.setdefault("components", {})
    components.setdefault("securitySchemes", {})["bearerAuth"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "POST /api/ingest and its jobs: the token of --token-env; every route when the "
        "server has a read token (NEWSGRAPH_READ_TOKEN)",
    }
    components.setdefault("schemas", {})["Error"] = {
        "type": "object",
        "required": ["error", "detail"],
        "properties": {
            "error": {"type": "string", "description": "a short code: not_found, invalid, unauthorized, ..."},
            "detail": {"description": "what went wrong: a sentence, or the list of invalid fields"},
        },
    }
    for path in _BEARER_ROUTES:
        for operation in spec.get("paths", {}).get(path, {}).values():
            operation["security"] = [{"bearerAuth": []}]
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for code, response in operation.get("responses", {}).items():
                default_422 = "HTTPValidationError" in str(response.get("content", ""))
                if code[:1] in "45" and ("content" not in response or default_422):
                    response["content"] = {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    }
    app.openapi_schema = spec
    return spec


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    headers = getattr(exc, "headers", None)
    if isinstance(exc, NameError404):
        body: dict[str, Any] = {
            "query": exc.query,
            "error": "not_found",
            "detail": exc.detail,
            "suggestions": exc.suggestions,
        }
    elif isinstance(exc.detail, dict):
        body = exc.detail
    else:
        body = {"error": _reason(exc.status_code), "detail": exc.detail}
    if wants_json(request):
        return JSONResponse(jsonable_encoder(body), status_code=exc.status_code, headers=headers)
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": exc.status_code, "error": body, "title": _reason(exc.status_code)},
        status_code=exc.status_code,
        headers=headers,
    )


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = jsonable_encoder(exc.errors())
    if wants_json(request):
        return JSONResponse({"error": "invalid", "detail": errors}, status_code=422)
    detail = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', []))}: {e.get('msg')}" for e in errors)
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": 422, "error": {"error": "invalid", "detail": detail}, "title": "Invalid"},
        status_code=422,
    )


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_")
    except ValueError:
        return "error"
