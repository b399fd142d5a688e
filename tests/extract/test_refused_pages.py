"""Pages that were refused and should not have been (issue 13 part 9); bad input still fails clearly."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import PageError
from newsgraph.extract import extract
from newsgraph.ingest import iter_pages
from newsgraph.model import Page
from newsgraph.process import extract_pages

STORY = [
    "Dock workers in Valmora returned to work on Monday after a nine-day strike over pay — the "
    "longest in a decade, union leaders said.",
    "The port authority agreed to raise wages by 6 percent and to review night-shift rules before "
    "the end of the year.",
    "Shipping firms said it would take a week to clear the backlog of containers waiting at the quays.",
]


def _html(paragraphs: list[str], extra: bytes = b"") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs).encode()
    head = b"<html><head><meta charset='utf-8'><title>Port strike ends</title></head><body><article>"
    return head + body + extra + b"</article></body></html>"


def test_utf8_page_with_a_stray_utf16_fragment_is_decoded() -> None:
    data = _html(STORY, "<p>Caf\u00e9 owners on the quay welcomed the deal.</p>".encode("utf-16-le"))
    article = extract(Page(source="x.html", kind="html", data=data))
    assert STORY[0] in article.text  # the UTF-8 prose, dash included, is intact
    assert "Café owners on the quay welcomed the deal." in article.text


def test_utf8_page_with_a_stray_latin1_fragment_is_decoded() -> None:
    data = _html(STORY, "<p>Le caf\u00e9 du port a rouvert ses portes.</p>".encode("latin-1"))
    article = extract(Page(source="x.html", kind="html", data=data))
    assert STORY[0] in article.text and "Le café du port a rouvert ses portes." in article.text


def test_undeclared_single_byte_page_is_read_by_detection() -> None:
    russian = (
        "Докеры порта Валмора в понедельник вернулись к работе после девятидневной забастовки. "
        "Администрация порта согласилась повысить зарплату на шесть процентов и пересмотреть "
        "правила ночных смен до конца года."
    )
    article = extract(Page(source="x.txt", kind="text", data=(russian + "\n\n" + russian).encode("cp1251")))
    assert article.text.startswith("Докеры порта Валмора") and article.language == "ru"


def test_binary_is_still_refused() -> None:
    with pytest.raises(PageError) as info:
        extract(Page(source="x.html", kind="html", data=bytes(range(256)) * 32))
    assert info.value.reason == "binary"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_article_in_capitals_keeps_its_body(kind: str) -> None:
    caps = [p.upper() for p in STORY]
    data = ("PORT STRIKE ENDS\n\n" + "\n\n".join(caps)).encode() if kind == "text" else _html(caps)
    article = extract(Page(source=f"x.{kind}", kind=kind, data=data))
    assert all(p in article.text for p in caps[1:])
    assert article.language == "en"


def test_short_jsonl_report_is_taken_as_given(tmp_path: Path) -> None:
    lines = [
        {"id": "flash", "text": "Quake kills 12 in northern Valmora."},
        {"id": "menu", "text": "Home\nWorld\nSport\nSubscribe to our newsletter\nContact us"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    flash, menu = extract_pages(iter_pages([str(path)]))
    assert flash.status == "ok" and flash.article.text == "Quake kills 12 in northern Valmora."
    assert menu.status == "error" and menu.error.reason == "no_body"
    # the same words read from a scraped file are still too short to be sure of
    with pytest.raises(PageError):
        extract(Page(source="x.txt", kind="text", data=b"Quake kills 12 in northern Valmora."))


def test_truncated_warc_says_where_without_a_python_error(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(2):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(_html(STORY + [f"Report number {i}."]))
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/s{i}", "response", payload=payload, http_headers=http
            )
        )
    data = buf.getvalue()
    second = data.index(b"WARC/1.0", 10)
    seen = set()
    # cut the second record at every point of its header block
    for cut in range(second + 10, data.index(b"\r\n\r\n", second) + 4):
        path = tmp_path / "cut.warc"
        path.write_bytes(data[:cut])
        pages = list(iter_pages([str(path)]))
        assert pages[0].error is None  # the whole first record is kept
        assert pages[-1].error_reason == "truncated", cut
        message = pages[-1].error
        assert "Error" not in message and "NoneType" not in message, message
        assert "truncated or corrupt at byte" in message
        seen.add(message.split("(")[1].split(")")[0])
    assert seen  # at least one way of breaking off was exercised


def test_bad_pages_fail_one_by_one_and_the_batch_goes_on() -> None:
    pages = [
        Page(source="binary.html", kind="html", data=bytes(range(256)) * 32),
        Page(source="good.html", kind="html", data=_html(STORY)),
        Page(source="menu.txt", kind="text", data=b"Home\nWorld\nSport"),
        Page(source="caps.txt", kind="text", data="\n\n".join(p.upper() for p in STORY).encode()),
    ]
    outcomes = {o.source: o for o in extract_pages(pages)}
    assert outcomes["binary.html"].error.reason == "binary"
    assert outcomes["menu.txt"].error.reason == "no_body"
    assert outcomes["good.html"].status == outcomes["caps.txt"].status == "ok"
