"""The web UI and REST API: ``create_app(db)`` (FastAPI), served by ``newsgraph serve``."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
