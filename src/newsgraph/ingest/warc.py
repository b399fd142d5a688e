"""Pages from WARC archives (``.warc``, ``.warc.gz``) through ``warcio``.

Only ``response`` records with status 200 (and ``resource`` records) whose content type is HTML
or plain text become pages; their source is ``path#<record offset>``. The crawl date says when a
page was fetched, not when it was published, so it never goes into ``Page.published``.

A truncated or corrupt archive yields the pages read so far and then one ``truncated`` error Page.
warcio trusts its input more than we can, so its reader is wrapped to bound header lines and
gzip inflation (an endless header line or a bomb record would otherwise fill memory).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.utils import BUFF_SIZE

from newsgraph.ingest.files import os_error_page
from newsgraph.ingest.limits import Limits, TooLarge, error_page, read_bounded, too_large_message
from newsgraph.model import Page, PageKind

__all__ = ["iter_warc", "kind_for_content_type"]

log = logging.getLogger(__name__)

_KINDS: dict[str, PageKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


def kind_for_content_type(content_type: str | None) -> PageKind | None:
    """``html`` or ``text`` for a page's content type; None for anything that is not a page."""
    if not content_type:
        return None
    return _KINDS.get(content_type.split(";", 1)[0].strip().lower())


class _ArchiveBomb(Exception):
    """The archive tried to make warcio hold far more than one record's headers or inflate too far."""


class _GuardedReader(DecompressingBufferedReader):
    """warcio's reader with a cap on header lines and on gzip inflation per record."""

    def __init__(self, stream: Any, limits: Limits, block_size: int = BUFF_SIZE) -> None:
        self._limits = limits
        self._compressed = 0
        self._inflated = 0
        self.ended_inside_member = False
        super().__init__(stream, block_size=block_size)

    def readline(self, length: int | None = None) -> bytes:
        cap = self._limits.max_header_line
        bounded_by_us = length is None or length > cap
        line = super().readline(cap if bounded_by_us else length)
        if bounded_by_us and len(line) >= cap and not line.endswith(b"\n"):
            raise _ArchiveBomb(f"a header line is longer than {cap:,} bytes")
        return line

    def _decompress(self, data: bytes) -> bytes:
        out = super()._decompress(data)
        if self.decompressor is not None:
            self._compressed += len(data)
            self._inflated += len(out)
            limits = self._limits
            if self._inflated > limits.max_page_bytes + limits.max_gzip_ratio * self._compressed:
                raise _ArchiveBomb(
                    f"a record inflates more than {limits.max_gzip_ratio}x its compressed size"
                )
        return out

    def close_decompressor(self) -> None:
        # warcio drops the decompressor at the end; first note whether it stopped mid-member.
        decompressor = self.decompressor
        if decompressor is not None and self._compressed > 0 and not decompressor.eof:
            self.ended_inside_member = True
        super().close_decompressor()

    def read_next_member(self) -> bool:
        # Each record of a .warc.gz is its own gzip member, so the ratio is judged per record.
        if not super().read_next_member():
            return False
        self._compressed = self._inflated = 0
        return True


class _GuardedIterator(ArchiveIterator):
    def __init__(self, fileobj: Any, limits: Limits) -> None:
        super().__init__(fileobj)
        self.reader = _GuardedReader(self.fh, limits)


def _page_kind(record: Any) -> PageKind | None:
    """The kind of page a record holds, or None when it holds no page we want."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return None
        return kind_for_content_type(http.get_header("Content-Type"))
    if record.rec_type == "resource":
        return kind_for_content_type(record.rec_headers.get_header("Content-Type"))
    return None


def _ended_early(reader: _GuardedReader, records: _GuardedIterator, raw: Any) -> bool:
    """True when the archive stopped inside a record rather than after the last one."""
    return reader.ended_inside_member or records.offset < os.fstat(raw.fileno()).st_size


def _truncated(path: str, where: str, read: int, detail: str) -> Page:
    return error_page(
        f"{path}#{where}",
        "truncated",
        f"WARC archive {path} is truncated or corrupt at byte {where} ({detail}); the {read} pages "
        f"before it were read; download or repair the archive for the rest",
    )


def iter_warc(path: str, limits: Limits) -> Iterator[Page]:
    """Yield the HTML and text pages of a WARC archive, then an error Page if it breaks off."""
    try:
        raw = open(path, "rb")
    except OSError as error:
        yield os_error_page(path, error)
        return
    read = 0
    with raw:
        records = _GuardedIterator(raw, limits)
        reader = records.reader  # warcio drops it at the end; we still need to ask it how it ended
        try:
            for record in records:
                # Content-Length is mandatory; without it (or its number) the headers were cut off.
                if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                    yield _truncated(path, str(records.offset), read, "a record's headers are cut off")
                    return
                kind = _page_kind(record)
                page: Page | None = None
                if kind is not None:
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    try:
                        data = read_bounded(record.content_stream(), limits.max_page_bytes)
                        page = Page(source="", kind=kind, data=data, url=url)
                    except TooLarge:
                        page = error_page(
                            "", "too_large", too_large_message(f"record {url}", limits), kind=kind, url=url
                        )
                offset = records.get_record_offset()  # also reads to the end of the record
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield _truncated(path, str(offset), read, "the last record ends early")
                    return
                if page is not None:
                    page.source = f"{path}#{offset}"
                    read += page.error is None
                    yield page
            # warcio ends quietly when the last record is cut inside its headers or its gzip member.
            if _ended_early(reader, records, raw):
                yield _truncated(path, str(records.offset), read, "the archive ends inside a record")
        except _ArchiveBomb as error:
            yield error_page(
                f"{path}#{records.offset}",
                "too_large",
                f"WARC archive {path}: {error}; stopped reading it (a hostile or broken archive?)",
            )
        except OSError as error:
            yield os_error_page(path, error)
        except ArchiveLoadFailed as error:
            yield _truncated(path, str(records.offset), read, str(error))
        except Exception:  # noqa: BLE001 - warcio fails on garbage with many exception types
            # warcio reads a cut-off header block as a record without its fields and then trips
            # over them (AttributeError, TypeError...): what the user needs is where and why.
            log.debug("warcio failed on %s at byte %s", path, records.offset, exc_info=True)
            detail = "a record's headers are cut off or malformed"
            yield _truncated(path, str(records.offset), read, detail)
