"""WARC input written with warcio itself: records, offsets, truncation and hostile archives."""

from __future__ import annotations

import gzip
import io
import tracemalloc
import zlib
from datetime import date
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import Limits, count_inputs, iter_pages

BODY_ONE = b"<html><body><p>Alder workers strike.</p>" + b"<p>filler one</p>" * 300 + b"</body></html>"
BODY_TWO = b"Plain text story about the Alder deal.\n" * 200


def _response(writer: WARCWriter, url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    )


def _warc(path: Path, gz: bool) -> Path:
    """Two page responses and one request, plus records that are not pages."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        _response(writer, "https://news.example/one", BODY_ONE, "text/html; charset=utf-8")
        request = StatusAndHeaders("GET /one HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/one", "request", payload=io.BytesIO(b""), http_headers=request
            )
        )
        _response(writer, "https://news.example/logo.png", b"\x89PNG" * 50, "image/png")
        _response(writer, "https://news.example/gone", b"<html>404</html>", "text/html", "404 Not Found")
        _response(writer, "https://news.example/two", BODY_TWO, "text/plain")
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_response_pages_with_urls_and_offsets(tmp_path: Path, gz: bool) -> None:
    path = _warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz)
    pages = list(iter_pages([str(path)], published="2024-02-03"))
    assert [(p.url, p.kind, p.data) for p in pages] == [
        ("https://news.example/one", "html", BODY_ONE),
        ("https://news.example/two", "text", BODY_TWO),
    ]
    assert all(p.error is None and p.published == date(2024, 2, 3) for p in pages)
    offsets = [int(p.source.rsplit("#", 1)[1]) for p in pages]
    assert offsets[0] == 0 and offsets[1] > 0
    with path.open("rb") as raw:  # the offset points at the record itself
        raw.seek(offsets[1])
        head = gzip.GzipFile(fileobj=raw).read(8) if gz else raw.read(8)
    assert head == b"WARC/1.0"
    assert count_inputs([str(path)]) is None


def test_crawl_date_is_not_the_publication_date(tmp_path: Path) -> None:
    path = _warc(tmp_path / "crawl.warc", gz=False)
    assert [p.published for p in iter_pages([str(path)])] == [None, None]


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_archive_keeps_earlier_pages_and_goes_on(tmp_path: Path, gz: bool) -> None:
    whole = _warc(tmp_path / "whole.warc", gz).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    last = int(list(iter_pages([str(tmp_path / "whole.warc")]))[-1].source.rsplit("#", 1)[1])
    cut.write_bytes(whole[: (last + len(whole)) // 2])  # inside the last record
    after = tmp_path / "after.txt"
    after.write_bytes(b"next input")
    pages = list(iter_pages([str(cut), str(after)]))
    assert [p.url for p in pages[:1]] == ["https://news.example/one"] and pages[0].data == BODY_ONE
    assert pages[1].error_reason == "truncated"
    assert "truncated or corrupt" in pages[1].error and "1 pages before it were read" in pages[1].error
    assert pages[2].data == b"next input"
    assert len(pages) == 3


def test_garbage_archive_is_one_truncated_page(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file\n" * 10)
    (page,) = iter_pages([str(path)])
    assert page.error_reason == "truncated"


def test_record_over_page_limit_is_too_large_and_archive_goes_on(tmp_path: Path) -> None:
    path = _warc(tmp_path / "crawl.warc.gz", gz=True)
    pages = list(iter_pages([str(path)], limits=Limits(max_page_bytes=len(BODY_ONE))))
    assert [(p.url, p.error_reason) for p in pages] == [
        ("https://news.example/one", None),
        ("https://news.example/two", "too_large"),
    ]


def test_endless_header_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hostile.warc.gz"
    # One gzip member: a WARC header whose third line never ends (64 MB inflated).
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    chunks = [packer.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX: ")]
    chunks += [packer.compress(b"A" * (1024 * 1024)) for _ in range(64)]
    path.write_bytes(b"".join(chunks) + packer.flush())
    tracemalloc.start()
    try:
        (page,) = iter_pages([str(path)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert page.error_reason == "too_large" and "header line" in page.error
    # warcio inflates 16 KB of input at a time, up to ~16 MB for zeros-like data; never the whole 64 MB.
    assert peak < 24 * 1024 * 1024


def test_bomb_record_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        _response(writer, "https://news.example/one", BODY_ONE, "text/html")
        _response(writer, "https://news.example/bomb", b"\0" * (64 * 1024 * 1024), "text/html")
    pages = list(iter_pages([str(path)], limits=Limits(max_page_bytes=1024 * 1024)))
    assert pages[0].data == BODY_ONE
    assert [p.error_reason for p in pages[1:]] == ["too_large"]


@pytest.mark.parametrize("gz", [False, True])
def test_every_cut_gives_a_prefix_of_pages_then_truncated(tmp_path: Path, gz: bool) -> None:
    whole = _warc(tmp_path / "whole.warc", gz).read_bytes()
    expected = [BODY_ONE, BODY_TWO]
    cut_path = tmp_path / "cut.warc"
    with io.BytesIO(whole) as stream:
        records = ArchiveIterator(stream)
        starts = {records.get_record_offset() for _ in records}
    step = max(1, len(whole) // 97)
    for cut in [*range(1, len(whole), step), len(whole) - 1]:
        cut_path.write_bytes(whole[:cut])
        pages = list(iter_pages([str(cut_path)]))
        good = [p.data for p in pages if p.error is None]
        # Pages are never wrong, only missing; and what is missing is always reported.
        assert good == expected[: len(good)], cut
        errors = [p.error_reason for p in pages if p.error]
        # A cut that only drops the final blank line loses nothing, and a cut exactly where a record
        # starts leaves a valid, shorter archive (the gzip members' sizes vary with the WARC dates, so
        # the cut grid lands on such a point in some runs): neither can be told from a whole file.
        assert errors == ["truncated"] or (
            errors == [] and (cut in starts or (good == expected and whole[cut:].strip() == b""))
        ), cut
