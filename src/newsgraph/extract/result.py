"""What an extraction path (HTML or scraped text) hands back before it becomes an ``Article``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Caption

__all__ = ["PathResult"]


@dataclass
class PathResult:
    """Body paragraphs plus metadata (None where the page is silent), captions and dropped boilerplate."""

    paragraphs: list[str]
    url: str | None = None
    """The address the page gives for itself (canonical link, og:url, JSON-LD), absolute."""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site: str | None = None
    section: list[str] = field(default_factory=list)
    language: str | None = None
    captions: list[Caption] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
