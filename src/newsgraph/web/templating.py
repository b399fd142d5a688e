"""The Jinja templates every HTML page renders with, and the rule for when a page answers JSON.

Apart from ``app`` so the route modules can use them without importing the module that imports
them (``app`` builds the FastAPI app from the routers).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from .. import __version__

__all__ = ["templates", "wants_json", "HERE"]

HERE = Path(__file__).resolve().parent

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["version"] = __version__


def _is_http_url(value: object) -> bool:
    """Only http(s) URLs from scraped pages become links; ``javascript:`` and friends stay text."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


templates.env.tests["http_url"] = _is_http_url


def wants_json(request: Request) -> bool:
    """True for the API and for a page asked for as ``?format=json``."""
    return request.url.path.startswith("/api/") or request.query_params.get("format") == "json"
