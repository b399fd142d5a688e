"""JSONL input: good lines, bad lines, over-long lines and broken gzip, each with its own Page."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

from newsgraph.ingest import Limits, iter_pages

LINES = [
    json.dumps(
        {
            "id": "a1",
            "url": "https://news.example/a",
            "html": "<p>Alder</p>",
            "title": "A",
            "published": "2024-01-02",
        }
    ),
    "",
    "{not json",
    json.dumps({"id": 7, "text": "plain story", "published": "last week"}),
    json.dumps({"id": "b2", "url": "https://news.example/b", "title": "no body"}),
    json.dumps(["a", "list"]),
    "[" * 100_000,
    json.dumps({"text": "   ", "html": ""}),
    json.dumps({"html": "<p>both</p>", "text": "both"}),
]


def _write(path: Path, lines: list[str], gz: bool = False) -> Path:
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def test_good_and_bad_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "pages.jsonl", LINES)
    pages = list(iter_pages([str(path)], published="2025-06-30"))
    assert [p.source for p in pages] == [f"{path}#L{n}" for n in (1, 3, 4, 5, 6, 7, 8, 9)]
    assert [p.error_reason for p in pages] == [
        None,
        "bad_json",
        None,
        "no_content",
        "bad_json",
        "bad_json",
        "no_content",
        None,
    ]
    first, _, second, no_body, *_, both = pages
    assert (first.id, first.url, first.kind, first.data, first.title, first.published) == (
        "a1",
        "https://news.example/a",
        "html",
        "<p>Alder</p>",
        "A",
        date(2024, 1, 2),
    )
    # An int id is kept as text; an unparseable date gives way to --published.
    assert (second.id, second.kind, second.data, second.published) == (
        "7",
        "text",
        "plain story",
        date(2025, 6, 30),
    )
    assert (no_body.id, no_body.url, no_body.data) == ("b2", "https://news.example/b", b"")
    assert (both.kind, both.data) == ("html", "<p>both</p>")
    assert pages[1].page_id != first.page_id


def test_gzipped_jsonl_and_ndjson(tmp_path: Path) -> None:
    gz = _write(tmp_path / "pages.jsonl.gz", LINES[:1], gz=True)
    nd = _write(tmp_path / "pages.ndjson", LINES[3:4])
    pages = list(iter_pages([str(gz), str(nd)]))
    assert [(p.id, p.error) for p in pages] == [("a1", None), ("7", None)]


def test_overlong_line_is_skipped_and_the_file_goes_on(tmp_path: Path) -> None:
    long_line = json.dumps({"text": "x" * 5000})
    path = _write(tmp_path / "long.jsonl", [LINES[0], long_line, LINES[3]])
    pages = list(iter_pages([str(path)], limits=Limits(max_line_bytes=1000)))
    assert [p.error_reason for p in pages] == [None, "too_large", None]
    assert pages[1].source.endswith("#L2") and pages[2].source.endswith("#L3")


def test_page_over_size_limit_in_a_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.jsonl", [json.dumps({"id": "big", "text": "y" * 3000}), LINES[0]])
    pages = list(iter_pages([str(path)], limits=Limits(max_page_bytes=2000)))
    assert [(p.id, p.error_reason) for p in pages] == [("big", "too_large"), ("a1", None)]


def test_truncated_gzip_keeps_lines_read_so_far(
    tmp_path: Path,
) -> None:
    lines = [json.dumps({"id": str(n), "text": f"story {n} " + "z" * (n * 37 % 500)}) for n in range(3000)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    after = _write(tmp_path / "after.jsonl", LINES[:1])
    pages = list(iter_pages([str(cut), str(after)]))
    good = [p for p in pages if p.error is None and p.source.startswith(str(cut))]
    assert 0 < len(good) < 3000
    assert [p.id for p in good] == [str(n) for n in range(len(good))]
    broken = [p for p in pages if p.error]
    # A cut can land inside a line, which then reads as bad JSON before the stream ends.
    assert broken[-1].error_reason == "truncated" and "download it again" in broken[-1].error
    assert len(broken) <= 2
    assert pages[-1].id == "a1"


def test_gzip_bomb_line_is_stopped(tmp_path: Path) -> None:
    member = gzip.compress(b"0" * (16 * 1024 * 1024), compresslevel=9)
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(LINES[0].encode() + b"\n") + member * 64)  # ~1 GB inflated
    pages = list(
        iter_pages([str(bomb)], limits=Limits(max_page_bytes=1024 * 1024, max_line_bytes=2 * 1024 * 1024))
    )
    assert pages[0].id == "a1"
    assert [p.error_reason for p in pages[1:]] == ["too_large", "too_large"]
    assert "gzip bomb" in pages[2].error
