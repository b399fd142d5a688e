"""A batch of pages the driver hands to an executor's workers (light: no stage is loaded with it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Page

__all__ = ["Task"]


@dataclass
class Task:
    """A batch of pages for one worker: ``items`` are ``(tag, content_hash, page)``."""

    items: list[tuple[Any, str | None, Page]]
    solo: bool = False
    """A retry of a single page after its batch failed in the NLP stage."""
    id: int = field(default=0)
