"""The web UI and REST API: ``create_app(db)`` (FastAPI), served by ``newsgraph serve``."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Build the FastAPI app (see ``newsgraph.web.app.create_app``); imported lazily to keep imports light."""
    from .app import create_app as _create_app

    return _create_app(*args, **kwargs)
