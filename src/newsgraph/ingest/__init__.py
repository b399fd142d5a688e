"""Ingest: turn files, folders, globs, stdin, JSONL, WARC archives and URLs into ``Page`` records.

``iter_pages`` streams; it never holds more than one page (plus bounded read buffers). Input that
cannot be read becomes a Page with ``error`` and ``error_reason`` and iteration goes on:

- ``not_found``: a missing path, or a glob that matches nothing;
- ``unreadable``: permission denied, a broken gzip stream, an unsupported encoding;
- ``too_large``: over ``Limits.max_page_bytes`` (or a JSONL line over ``max_line_bytes``, or a
  gzip bomb);
- ``truncated``: an archive or gzip file that breaks off (pages before the break are kept);
- ``bad_json`` / ``no_content``: a JSONL line that is not an object, or has no ``html``/``text``;
- URLs only: ``blocked``, ``timeout``, ``unreachable``, ``http_error``, ``unsupported_type``,
  ``too_many_redirects``.

Decoding bytes is the extractor's job, so ``Page.data`` holds raw bytes (or text from JSONL).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from newsgraph.ingest.fetch import fetch_page
from newsgraph.ingest.files import classify, read_file, read_stdin
from newsgraph.ingest.inputs import count_inputs, expand
from newsgraph.ingest.jsonl import iter_jsonl
from newsgraph.ingest.limits import Limits, error_page
from newsgraph.ingest.warc import iter_warc
from newsgraph.model import Page, published_date

__all__ = ["Limits", "iter_pages", "count_inputs", "published_date"]


def _pages(
    inputs: Sequence[str], published: date | None, limits: Limits, allow_private: bool
) -> Iterator[Page]:
    for source in expand(inputs):
        if source.kind == "stdin":
            pages: Iterator[Page] = iter([read_stdin(limits)])
        elif source.kind == "url":
            pages = iter([fetch_page(source.name, limits, allow_private=allow_private)])
        elif source.kind == "missing":
            pages = iter(
                [error_page(source.name, "not_found", f"nothing matches {source.name!r}; check the pattern")]
            )
        else:
            fmt = classify(source.name)[0]
            if fmt == "jsonl":
                pages = iter_jsonl(source.name, limits)
            elif fmt == "warc":
                pages = iter_warc(source.name, limits)
            else:
                pages = iter([read_file(source.name, limits)])
        for page in pages:
            if published is not None and page.published is None and page.error is None:
                page.published = published
            yield page


def iter_pages(
    inputs: Sequence[str],
    *,
    published: date | str | None = None,
    limits: Limits | None = None,
    allow_private: bool = False,
) -> Iterator[Page]:
    """Stream Pages from files, folders, globs, ``-`` (stdin), JSONL, WARC and http(s) URLs.

    ``published`` (a ``date``, or a string written YYYY-MM-DD) is given to pages that carry no date
    of their own; a malformed one raises ``BadDate`` (a ``ValueError``) here, before anything is read. URLs resolving to loopback, private or
    link-local addresses are refused unless ``allow_private``.
    """
    if isinstance(inputs, str):
        raise TypeError("iter_pages takes a list of inputs; wrap a single path as [path]")
    return _pages(list(inputs), published_date(published), limits or Limits(), allow_private)
