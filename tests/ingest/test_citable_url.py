"""Citable sources (issue 13 part 5): the article's URL and site, whatever the input.

Order of trust: canonical link, og:url, JSON-LD article url, then the WARC target URI or the
JSONL url; an HTML file with none of them has no url (its path stays in ``source``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.extract import extract
from newsgraph.ingest import iter_pages
from newsgraph.model import Page

BODY = (
    "<article><h1>Ferry service to Orlen Island resumes</h1>"
    "<p>The ferry between Port Askel and Orlen Island sailed again on Friday after storms had kept "
    "it in harbour for six days, the operator said.</p>"
    "<p>Islanders had relied on a weekly supply flight for food and medicine while the crossing was closed.</p>"
    "</article>"
)
CANONICAL = "https://www.islandpost.example/news/2026/ferry-resumes"
OG = "https://islandpost.example/amp/ferry-resumes"
LD = "https://islandpost.example/ld/ferry-resumes"


def _html(head: str = "") -> str:
    return f"<html><head><title>Ferry service resumes</title>{head}</head><body>{BODY}</body></html>"


def _jsonld(kind: str, url: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": kind, "url": url})}</script>'


def _url_and_site(html: str, url: str | None = None) -> tuple[str | None, str | None]:
    article = extract(Page(source="page.html", kind="html", data=html.encode(), url=url))
    return article.url, article.site


def test_canonical_beats_og_url_beats_jsonld() -> None:
    canonical = f'<link rel="canonical" href="{CANONICAL}">'
    og = f'<meta property="og:url" content="{OG}">'
    ld = _jsonld("NewsArticle", LD)
    assert _url_and_site(_html(canonical + og + ld))[0] == CANONICAL
    assert _url_and_site(_html(og + ld))[0] == OG
    assert _url_and_site(_html(ld))[0] == LD


def test_html_file_without_any_has_no_url_and_no_site() -> None:
    assert _url_and_site(_html()) == (None, None)


def test_site_is_og_site_name_else_the_host() -> None:
    canonical = f'<link rel="canonical" href="{CANONICAL}">'
    named = '<meta property="og:site_name" content="The Island Post">'
    assert _url_and_site(_html(canonical + named))[1] == "The Island Post"
    assert _url_and_site(_html(canonical))[1] == "islandpost.example"


def test_bad_candidates_are_passed_over() -> None:
    # a home page, a publisher's JSON-LD url, a relative link with nothing to resolve it against
    head = (
        '<link rel="canonical" href="https://islandpost.example/">'
        '<meta property="og:url" content="/news/ferry">'
        + _jsonld("Organization", "https://islandpost.example/about")
    )
    assert _url_and_site(_html(head))[0] is None
    # ...but a relative canonical resolves against the address the page came from
    relative = '<link rel="Canonical" href="/news/2026/ferry-resumes">'
    fetched = "https://islandpost.example/news/2026/ferry-resumes?utm_source=feed"
    assert _url_and_site(_html(relative), fetched)[0] == "https://islandpost.example/news/2026/ferry-resumes"


def _warc(path: Path, pages: list[tuple[str, str]]) -> Path:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            payload = io.BytesIO(html.encode())
            writer.write_record(
                writer.create_warc_record(url, "response", payload=payload, http_headers=http)
            )
    return path


def test_warc_target_uri_unless_the_page_names_its_own(tmp_path: Path) -> None:
    crawled = "https://islandpost.example/print/ferry?id=81"
    path = _warc(
        tmp_path / "crawl.warc.gz",
        [(crawled, _html()), (crawled + "&p=2", _html(f'<link rel="canonical" href="{CANONICAL}">'))],
    )
    first, second = (extract(page) for page in iter_pages([str(path)]))
    assert (first.url, first.site) == (crawled, "islandpost.example")
    assert second.url == CANONICAL
    assert first.source.startswith(str(path))  # the file stays the source


def test_jsonl_url_unless_the_html_names_its_own(tmp_path: Path) -> None:
    given = "https://islandpost.example/feed/ferry"
    text = "The ferry between Port Askel and Orlen Island sailed again on Friday after storms, the operator said."
    lines = [
        {"id": "a", "url": given, "text": text},
        {"id": "b", "url": given, "html": _html(f'<meta property="og:url" content="{OG}">')},
        {"id": "c", "text": text},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    a, b, c = (extract(page) for page in iter_pages([str(path)]))
    assert a.url == given and b.url == OG and c.url is None
    assert a.site == "islandpost.example"
