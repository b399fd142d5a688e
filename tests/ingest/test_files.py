"""Files, folders, globs, stdin and the size limits, on real files built in tmp_path."""

from __future__ import annotations

import gzip
import io
import os
import sys
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from newsgraph.ingest import Limits, count_inputs, iter_pages
from newsgraph.ingest import files as files_module

HTML = b"<!doctype html><html><head><title>T</title></head><body><p>Alder strike.</p></body></html>"
TEXT = b"Workers at Alder walked out on Monday.\n"


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    _write(root / "b.html", HTML)
    _write(root / "a.txt", TEXT)
    _write(root / "sub" / "c.htm.gz", gzip.compress(HTML))
    _write(root / "sub" / "d.txt.gz", gzip.compress(TEXT))
    _write(root / "sub" / "logo.png", b"\x89PNG\r\n\x1a\n")
    _write(root / "notes.md", b"# not a page")
    _write(root / ".hidden.html", HTML)
    _write(root / ".git" / "x.html", HTML)
    return root


def test_folder_is_recursive_sorted_and_skips_hidden_and_non_pages(crawl: Path) -> None:
    pages = list(iter_pages([str(crawl)]))
    assert [os.path.relpath(p.source, crawl) for p in pages] == [
        "a.txt",
        "b.html",
        os.path.join("sub", "c.htm.gz"),
        os.path.join("sub", "d.txt.gz"),
    ]
    assert [p.kind for p in pages] == ["text", "html", "html", "text"]
    assert [p.data for p in pages] == [TEXT, HTML, HTML, TEXT]  # gz read back to raw bytes
    assert all(p.error is None and p.url is None for p in pages)
    assert count_inputs([str(crawl)]) == 4


def test_glob_matches_recursively_and_sorted(crawl: Path) -> None:
    pages = list(iter_pages([str(crawl / "**" / "*.htm*")]))
    assert [Path(p.source).name for p in pages] == ["b.html", "c.htm.gz"]
    assert count_inputs([str(crawl / "**" / "*.txt*")]) == 2


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    html = _write(tmp_path / "page.dat", b"\xef\xbb\xbf  \n<div>hello</div>")
    doc = _write(tmp_path / "page.php", b"Title\n\n<html><body>x</body></html>")
    text = _write(tmp_path / "story", TEXT)
    utf16 = _write(tmp_path / "page16", "<p>hi</p>".encode("utf-16"))
    kinds = [p.kind for p in iter_pages([str(html), str(doc), str(text), str(utf16)])]
    assert kinds == ["html", "html", "text", "html"]


def test_missing_inputs_become_errors_and_iteration_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path / "ok.txt", TEXT)
    pages = list(iter_pages([str(tmp_path / "gone.html"), str(tmp_path / "none-*.html"), str(good)]))
    assert [p.error_reason for p in pages] == ["not_found", "not_found", None]
    assert "gone.html" in pages[0].error and "none-*.html" in pages[1].error
    assert pages[2].data == TEXT


def test_permission_denied_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = _write(tmp_path / "locked.html", HTML)
    good = _write(tmp_path / "ok.html", HTML)
    if os.geteuid() != 0:
        locked.chmod(0)
    else:
        # root reads any file, so raise the error the OS gives everyone else.
        real_open = open

        def guarded_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(files_module, "open", guarded_open, raising=False)
    pages = list(iter_pages([str(locked), str(good)]))
    assert pages[0].error_reason == "unreadable" and "Permission denied" in pages[0].error
    assert pages[1].error is None and pages[1].data == HTML


def test_published_fills_only_pages_without_a_date(tmp_path: Path) -> None:
    page_file = _write(tmp_path / "a.html", HTML)
    jsonl = _write(
        tmp_path / "b.jsonl",
        b'{"text": "dated", "published": "2023-05-01T10:00:00Z"}\n{"text": "undated"}\n',
    )
    pages = list(iter_pages([str(page_file), str(jsonl), str(tmp_path / "gone.txt")], published="2024-03-09"))
    day, own = date(2024, 3, 9), date(2023, 5, 1)
    assert [p.published for p in pages] == [day, own, day, None]
    assert [p.published for p in iter_pages([str(page_file)])] == [None]


@pytest.mark.parametrize("bad", ["2024-3-9", "09/03/2024", "2024-02-30", "yesterday", ""])
def test_bad_published_raises_before_reading(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        iter_pages(["/nonexistent"], published=bad)


def test_stdin_is_read_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML)))
    (page,) = iter_pages(["-"])
    assert (page.source, page.kind, page.data) == ("-", "html", HTML)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT)))
    (page,) = iter_pages(["-"])
    assert (page.kind, page.data) == ("text", TEXT)
    assert count_inputs(["-"]) == 1


def test_50mb_file_is_refused_without_loading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as out:  # sparse: 50 MB on disk in no time
        out.write(b"<html>")
        out.truncate(50 * 1024 * 1024)
    good = _write(tmp_path / "z.html", HTML)
    tracemalloc.start()
    try:
        pages = list(iter_pages([str(big), str(good)]))
        file_peak = tracemalloc.get_traced_memory()[1]
        # The same bytes through stdin, where no file size is known: the reader must stop itself.
        tracemalloc.reset_peak()
        with big.open("rb") as stream:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
            (from_stdin,) = iter_pages(["-"])
        stdin_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pages[0].error_reason == "too_large" and pages[0].data == b""
    assert "max_page_bytes" in pages[0].error
    assert pages[1].error is None
    assert file_peak < 4 * 1024 * 1024  # one read chunk for the small page
    assert from_stdin.error_reason == "too_large"
    assert stdin_peak < 25 * 1024 * 1024  # the 20 MB page limit plus one read chunk, not 50 MB


def _gzip_bomb(path: Path, inflated_mb: int) -> Path:
    # Gzip members concatenate, so one small member of zeros repeated makes a big bomb cheaply.
    member = gzip.compress(b"\0" * (16 * 1024 * 1024), compresslevel=9)
    with path.open("wb") as out:
        for _ in range(inflated_mb // 16):
            out.write(member)
    return path


def test_gzip_bomb_is_too_large_and_bounded(tmp_path: Path) -> None:
    bomb = _gzip_bomb(tmp_path / "bomb.html.gz", 1024)  # 1 GB of zeros in about 1 MB
    good = _write(tmp_path / "ok.txt", TEXT)
    limits = Limits(max_page_bytes=2 * 1024 * 1024)
    tracemalloc.start()
    try:
        pages = list(iter_pages([str(bomb), str(good)], limits=limits))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pages[0].error_reason == "too_large" and "gunzip" in pages[0].error
    assert pages[1].data == TEXT
    assert peak < 8 * 1024 * 1024


def test_broken_gzip_files(tmp_path: Path) -> None:
    whole = gzip.compress(HTML * 200)
    cut = _write(tmp_path / "cut.html.gz", whole[: len(whole) // 2])
    fake = _write(tmp_path / "fake.html.gz", b"this is not gzip at all")
    garbled = _write(tmp_path / "garbled.txt.gz", whole[:20] + bytes(b ^ 0x5A for b in whole[20:]))
    pages = list(iter_pages([str(cut), str(fake), str(garbled)]))
    assert [p.error_reason for p in pages] == ["truncated", "unreadable", "unreadable"]
    assert all(p.data == b"" for p in pages)


def test_single_string_input_is_refused() -> None:
    with pytest.raises(TypeError):
        iter_pages("a.html")  # type: ignore[arg-type]


def test_count_inputs_is_unknown_with_archives(tmp_path: Path) -> None:
    _write(tmp_path / "a.html", HTML)
    _write(tmp_path / "b.jsonl.gz", gzip.compress(b'{"text": "x"}\n'))
    assert count_inputs([str(tmp_path / "a.html"), "https://example.org/x", "-"]) == 3
    assert count_inputs([str(tmp_path)]) is None
