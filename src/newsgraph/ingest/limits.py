"""Limits on what ingest will read, and the bounded readers that enforce them.

Every read of untrusted input goes through here, so a huge file, an endless stream or a gzip
bomb costs at most about one page of memory and is reported as ``too_large``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import BinaryIO

from newsgraph.model import Page, PageKind
from newsgraph.settings import Settings, shipped_field

__all__ = ["Limits", "TooLarge", "error_page", "read_bounded", "too_large_message"]

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much ingest will read. The defaults are the shipped settings (``data/defaults.toml``);
    ``Limits.from_settings(load_settings())`` takes them with the user's layers applied."""

    max_page_bytes: int = shipped_field("max_page_bytes")
    """Largest page kept (bytes after any gzip); a bigger one becomes a ``too_large`` error page."""
    max_line_bytes: int = shipped_field("max_line_bytes")
    """Longest JSONL line: a page plus room for JSON escaping (``\\n``, ``\\"``, ``\\uXXXX``)."""
    max_header_line: int = shipped_field("max_header_line")
    """Longest header line in a WARC record; real ones are a few hundred bytes."""
    max_gzip_ratio: int = shipped_field("max_gzip_ratio")
    """Past one page of output, a gzip stream may inflate at most this many times its compressed size.

    Real HTML and text compress 3-20x; a bomb of zeros inflates about 1000x."""
    fetch_timeout: float = shipped_field("fetch_timeout")
    """Seconds for a whole URL fetch, redirects included (stops slow-drip servers)."""
    connect_timeout: float = shipped_field("connect_timeout")
    """Seconds to connect, and to wait for each chunk, when fetching a URL."""
    max_redirects: int = shipped_field("max_redirects")
    """Redirects followed per URL; each hop is checked again."""

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        """The limits a ``Settings`` holds (``newsgraph.settings.load_settings()``: flags, environment,
        user file, shipped file)."""
        return cls(**{f.name: getattr(settings, f.name) for f in fields(cls)})

    def __post_init__(self) -> None:
        for name in ("max_page_bytes", "max_line_bytes", "max_header_line", "max_gzip_ratio"):
            if getattr(self, name) < 1:
                raise ValueError(f"Limits.{name} must be a positive number, got {getattr(self, name)!r}")


class TooLarge(Exception):
    """Raised by a bounded read when the input goes past its limit."""


def read_bounded(stream: BinaryIO, limit: int, chunk_size: int = 1 * _MB) -> bytes:
    """Read a stream to its end, or raise ``TooLarge`` once more than ``limit`` bytes arrive.

    Reads in chunks rather than ``read(limit + 1)`` so a small file never costs a page-sized buffer
    and a large one never costs more than ``limit + chunk_size``.
    """
    buffer = bytearray()
    while True:
        piece = stream.read(min(chunk_size, limit + 1 - len(buffer)))
        if not piece:
            return bytes(buffer)
        buffer += piece
        if len(buffer) > limit:
            raise TooLarge(f"more than {limit:,} bytes")


def error_page(
    source: str,
    reason: str,
    message: str,
    *,
    kind: PageKind = "text",
    url: str | None = None,
    id: str | None = None,
) -> Page:
    """A Page that carries only an error: ingest could not read it, and says why."""
    return Page(source=source, kind=kind, url=url, id=id, error=message, error_reason=reason)


def too_large_message(what: str, limits: Limits, limit: int | None = None) -> str:
    """The message for a page over the size limit, saying how to raise it."""
    limit = limits.max_page_bytes if limit is None else limit
    return (
        f"{what} is larger than the limit of {limit:,} bytes and was not read; if it really is "
        f"an article, raise Limits.max_page_bytes"
    )
