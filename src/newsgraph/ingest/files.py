"""Single pages from files and stdin: what kind each is, and its raw bytes, read within limits.

Ingest keeps raw bytes; decoding (and the ``empty`` / ``binary`` / ``encoding`` errors) is the
extractor's job, so here a page fails only when it cannot be read at all.
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from typing import BinaryIO, Literal

from newsgraph.ingest.limits import Limits, TooLarge, error_page, read_bounded, too_large_message
from newsgraph.model import Page, PageKind

__all__ = ["Format", "classify", "sniff_kind", "read_file", "read_stdin", "os_error_page"]

Format = Literal["html", "text", "jsonl", "warc"]

_FORMATS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def classify(path: str) -> tuple[Format | None, bool]:
    """The format a file name announces (None: unknown, sniff it) and whether it is gzipped."""
    name = os.path.basename(path).lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    return _FORMATS.get(os.path.splitext(name)[1]), gzipped


def sniff_kind(data: bytes | str) -> PageKind:
    """``html`` when the content starts with a tag or holds ``<html``, else ``text``."""
    head = data[:4096]
    if isinstance(head, bytes):
        if head.startswith(_UTF16_BOMS):
            head = head.decode("utf-16", "ignore")
        else:
            head = head.decode("latin-1")
    head = head.lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    return "html" if head.startswith("<") or "<html" in head.lower() else "text"


def os_error_page(source: str, error: OSError, kind: PageKind = "text") -> Page:
    """Turn an OS error on opening or reading an input into an error Page."""
    if isinstance(error, FileNotFoundError):
        return error_page(source, "not_found", f"no such file: {source}; check the path", kind=kind)
    detail = error.strerror or str(error)
    return error_page(
        source, "unreadable", f"cannot read {source}: {detail}; check its permissions", kind=kind
    )


def _finish(source: str, data: bytes, kind: PageKind | None) -> Page:
    return Page(source=source, kind=kind or sniff_kind(data), data=data)


def read_file(path: str, limits: Limits) -> Page:
    """Read one HTML or text page (plain or gzipped) from a file, within the size limit."""
    fmt, gzipped = classify(path)
    kind: PageKind | None = fmt if fmt in ("html", "text") else None
    shown_kind: PageKind = kind or "text"
    try:
        with open(path, "rb") as raw:
            # The size on disk settles a plain file before a single byte is read.
            if not gzipped and os.fstat(raw.fileno()).st_size > limits.max_page_bytes:
                return error_page(path, "too_large", too_large_message(path, limits), kind=shown_kind)
            stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else raw
            data = read_bounded(stream, limits.max_page_bytes)
    except TooLarge:
        what = f"{path} (after gunzip)" if gzipped else path
        return error_page(path, "too_large", too_large_message(what, limits), kind=shown_kind)
    except EOFError:
        return error_page(
            path, "truncated", f"{path} is a truncated gzip file; download it again", kind=shown_kind
        )
    except (gzip.BadGzipFile, zlib.error) as error:
        return error_page(path, "unreadable", f"{path} is not a valid gzip file ({error})", kind=shown_kind)
    except OSError as error:
        return os_error_page(path, error, shown_kind)
    return _finish(path, data, kind)


def read_stdin(limits: Limits) -> Page:
    """Read one page from standard input (source ``-``), sniffing HTML versus text."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is not None:
            data = read_bounded(stream, limits.max_page_bytes)
        else:
            # A text-only stdin (embedded interpreters, tests): its characters are all we get.
            text = sys.stdin.read(limits.max_page_bytes + 1)
            data = text.encode("utf-8", "surrogateescape")
            if len(data) > limits.max_page_bytes:
                raise TooLarge
    except TooLarge:
        return error_page("-", "too_large", too_large_message("standard input", limits))
    except OSError as error:
        return os_error_page("-", error)
    return _finish("-", data, None)
