"""Limits on what ingest will read, and the bounded readers that enforce them.

Every read of untrusted input goes through here, so a huge file, an endless stream or a gzip
bomb costs at most about one page of memory and is reported as ``too_large``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from newsgraph.model import Page, PageKind

__all__ = ["Limits", "TooLarge", "error_page", "read_bounded", "too_large_message"]

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much ingest will read; every default lives here."""

    max_page_bytes: int = 20 * _MB
    """Largest page kept (bytes after any gzip); a bigger one becomes a ``too_large`` error page."""
    max_line_bytes: int = 48 * _MB
    """Longest JSONL line: a page plus room for JSON escaping (``\\n``, ``\\"``, ``\\uXXXX``)."""
    max_header_line: int = 64 * 1024
    """Longest header line in a WARC record; real ones are a few hundred bytes."""
    max_gzip_ratio: int = 100
    """Past one page of output, a gzip stream may inflate at most this many times its compressed size.

    Real HTML and text compress 3-20x; a bomb of zeros inflates about 1000x."""
    fetch_timeout: float = 30.0
    """Seconds for a whole URL fetch, redirects included (stops slow-drip servers)."""
    connect_timeout: float = 10.0
    """Seconds to connect, and to wait for each chunk, when fetching a URL."""
    max_redirects: int = 5
    """Redirects followed per URL; each hop is checked again."""

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
