"""Pages from JSONL files: one JSON object a line, ``{"id", "url", "html" | "text", "published", "title"}``.

A bad line becomes an error Page (``bad_json``, ``no_content``, ``too_large``) with source
``path#L<line>`` and the file goes on; a broken gzip stream ends the file with one error Page.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from newsgraph.ingest.files import classify, os_error_page
from newsgraph.ingest.limits import Limits, error_page, too_large_message
from newsgraph.model import Page

__all__ = ["iter_jsonl", "normalise_date"]

_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])")
_SKIP_CHUNK = 1024 * 1024


def normalise_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or datetime string; None for anything else."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def _text_field(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _line_page(source: str, line: bytes, limits: Limits) -> Page:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as error:
        # ValueError covers bad JSON and bad UTF-8; RecursionError a hostile ``[[[[...`` line.
        detail = str(error) if isinstance(error, ValueError) else "nested too deeply"
        return error_page(source, "bad_json", f"line is not valid JSON ({detail[:200]})")
    if not isinstance(record, dict):
        return error_page(source, "bad_json", f"line is JSON {type(record).__name__}, not an object")
    raw_id = record.get("id")
    page_id = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    url = _text_field(record, "url")
    html, text = _text_field(record, "html"), _text_field(record, "text")
    if html is None and text is None:
        return error_page(
            source,
            "no_content",
            'line has no "html" or "text" field with content; each line needs one',
            url=url,
            id=page_id,
        )
    content = html if html is not None else text
    kind = "html" if html is not None else "text"
    # A str holds at least one byte per character, so this never lets an over-size page through.
    if len(content) > limits.max_page_bytes:  # type: ignore[arg-type]
        return error_page(
            source, "too_large", too_large_message("the page", limits), kind=kind, url=url, id=page_id
        )
    return Page(
        source=source,
        kind=kind,
        data=content,  # already text: JSON strings are decoded, so no bytes to keep
        url=url,
        published=normalise_date(record.get("published")),
        title=_text_field(record, "title"),
        id=page_id,
    )


def _skip_rest_of_line(stream: IO[bytes], gz: gzip.GzipFile | None, raw: IO[bytes], limits: Limits) -> None:
    """Read past the end of an over-long line without keeping it."""
    while True:
        piece = stream.readline(_SKIP_CHUNK)
        if not piece or piece.endswith(b"\n"):
            return
        _check_ratio(gz, raw, limits)


class _GzipBomb(Exception):
    pass


def _check_ratio(gz: gzip.GzipFile | None, raw: IO[bytes], limits: Limits) -> None:
    if gz is None:
        return
    if gz.tell() > limits.max_page_bytes + limits.max_gzip_ratio * max(raw.tell(), 1):
        raise _GzipBomb


def iter_jsonl(path: str, limits: Limits) -> Iterator[Page]:
    """Yield one Page per non-blank line of a JSONL file (plain or gzipped)."""
    _, gzipped = classify(path)
    try:
        raw = open(path, "rb")
    except OSError as error:
        yield os_error_page(path, error)
        return
    number = 0
    with raw:
        gz = gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else None
        stream: IO[bytes] = gz if gz is not None else raw
        try:
            while True:
                line = stream.readline(limits.max_line_bytes + 1)
                if not line:
                    return
                number += 1
                source = f"{path}#L{number}"
                if len(line) > limits.max_line_bytes and not line.endswith(b"\n"):
                    yield error_page(
                        source,
                        "too_large",
                        f"line is longer than {limits.max_line_bytes:,} bytes; raise Limits.max_line_bytes "
                        f"if it really holds one page",
                    )
                    _skip_rest_of_line(stream, gz, raw, limits)
                    continue
                _check_ratio(gz, raw, limits)
                if line.strip():
                    yield _line_page(source, line, limits)
        except _GzipBomb:
            yield error_page(
                f"{path}#L{number}",
                "too_large",
                f"{path} inflates more than {limits.max_gzip_ratio}x its compressed size (a gzip bomb?); "
                f"stopped reading it",
            )
        except EOFError:
            yield error_page(
                f"{path}#L{number + 1}",
                "truncated",
                f"{path} is a truncated gzip file: the {number} lines before this point were read; "
                f"download it again for the rest",
            )
        except (gzip.BadGzipFile, zlib.error) as error:
            yield error_page(
                f"{path}#L{number + 1}", "unreadable", f"{path} is not a valid gzip file ({error})"
            )
        except OSError as error:
            yield os_error_page(path, error)
