"""Bad input becomes a PageError with a reason, quickly and without crashing the batch."""

from __future__ import annotations

import time
from datetime import date

import pytest

from newsgraph.errors import PageError
from newsgraph.extract import extract
from newsgraph.extract.decode import decode
from newsgraph.model import Page

PROSE = (
    "The council voted on Tuesday to close the old bridge to lorries after engineers found cracks "
    "in two of its supports, the mayor said in a statement."
)


def _reason(page: Page, **kwargs) -> str:
    with pytest.raises(PageError) as info:
        extract(page, **kwargs)
    assert str(info.value).startswith("E010: ")
    return info.value.reason


@pytest.mark.parametrize("kind", ["html", "text"])
@pytest.mark.parametrize("data", [b"", "", b"   \n\t ", "\n\n"])
def test_empty(kind: str, data: bytes | str) -> None:
    assert _reason(Page(source="x", kind=kind, data=data)) == "empty"


@pytest.mark.parametrize("kind", ["html", "text"])
def test_binary(kind: str) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    assert _reason(Page(source="x", kind=kind, data=png)) == "binary"


def test_stray_invalid_bytes_are_decoded_best_effort() -> None:
    # Issue 13: a page with a few bytes that are not UTF-8 keeps its prose instead of being lost.
    data = b"<html><body><p>" + PROSE.encode() + b"\xc3\x28\xa0\xa1\xe2\x28</p></body></html>"
    assert PROSE in extract(Page(source="x", kind="html", data=data)).text


def test_invalid_bytes_in_a_declared_charset_are_reported_with_the_offset() -> None:
    data = (
        b"<html><head><meta charset='shift_jis'></head><body><p>"
        + PROSE.encode()
        + b"\x81\x7f\xff\xfe\x81</p>"
    )
    with pytest.raises(PageError) as info:
        extract(Page(source="x", kind="html", data=data))
    assert info.value.reason == "encoding"
    assert "invalid UTF-8 at byte" in str(info.value) and "shift_jis" in str(info.value)


def test_declared_charset_and_safe_cp1252_fallback() -> None:
    latin = "<html><head><meta charset='iso-8859-1'></head><body><p>Caf\u00e9 na\u00efve</p></body></html>"
    assert "Café naïve" in decode(latin.encode("iso-8859-1"))
    windows = f"It\u2019s a caf\u00e9 story. {PROSE}"
    assert decode(windows.encode("cp1252")) == windows


def test_too_large_fails_fast_without_parsing() -> None:
    data = b"<html><body>" + b"<p>" + PROSE.encode() + b"</p>" * 400_000
    data = data + b" " * (50 * 1024 * 1024 - len(data))
    start = time.perf_counter()
    assert _reason(Page(source="x", kind="html", data=data)) == "too_large"
    assert time.perf_counter() - start < 0.5
    small = Page(source="x", kind="text", data=PROSE * 10)
    assert _reason(small, max_bytes=100) == "too_large"


def test_deeply_nested_html_does_not_blow_up() -> None:
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + f"<p>{PROSE}</p>" + "</div>" * depth + "</body></html>"
    try:
        article = extract(Page(source="x", kind="html", data=html))
    except PageError as exc:
        assert exc.reason in {"parse", "no_body"}
    else:
        assert article.text


def test_broken_html_still_extracts() -> None:
    html = f"<html><body><article><p>{PROSE}<p>{PROSE.replace('bridge', 'tunnel')}<div><span></article>"
    article = extract(Page(source="x", kind="html", data=html))
    assert "old bridge" in article.text and "old tunnel" in article.text


def test_no_body() -> None:
    html = "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"
    assert _reason(Page(source="x", kind="html", data=html)) == "no_body"
    menu = "\n".join(["Home", "World", "Sport", "Subscribe to our newsletter", "Contact us"])
    assert _reason(Page(source="x", kind="text", data=menu)) == "no_body"


def test_given_date_used_when_page_has_none() -> None:
    page = Page(source="x", kind="text", data=f"{PROSE}\n\n{PROSE}", published="2025-01-02")
    article = extract(page, published=date(2024, 5, 6))
    assert (article.published, article.published_source) == ("2025-01-02", "given")
    page.published = None
    assert extract(page, published=date(2024, 5, 6)).published == "2024-05-06"
    assert extract(page).published is None
