"""The extract stage: ``Page -> Article`` (clean body, paragraphs, captions, metadata, boilerplate).

HTML pages go through trafilatura plus our caption/section handling (``html``); scraped plain
text goes through our line classifier (``text``). Bad input raises ``PageError`` with a reason.
"""

from __future__ import annotations

import datetime

from newsgraph.errors import PageError
from newsgraph.extract.decode import DEFAULT_MAX_BYTES, check_size, decode
from newsgraph.extract.html import extract_html
from newsgraph.extract.language import detect_language
from newsgraph.extract.meta import normalise_space, site_from_url, word_count
from newsgraph.extract.text import extract_text
from newsgraph.model import Article, Page

__all__ = ["extract", "DEFAULT_MAX_BYTES"]

# Fewer words than this is a menu or a stub that an extractor mistook for a body.
_MIN_BODY_WORDS = 10
# A body the user handed over as text (a JSONL ``text`` field) is taken as given down to this:
# "Quake kills 12 in northern Valmora." is a news report.
_MIN_GIVEN_WORDS = 3
_CHROME = {"footer", "ad", "related", "credit", "embed", "caption", "dateline"}


def _join(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join paragraphs with a blank line and return the text with each paragraph's offsets."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in paragraphs:
        spans.append((pos, pos + len(para)))
        pos += len(para) + 2
    return "\n\n".join(paragraphs), spans


def _given_body(page: Page) -> bool:
    """A text page that arrived as a string (a JSONL ``text`` field, the API): the user gave the body."""
    return page.kind == "text" and isinstance(page.data, str)


def extract(
    page: Page, *, published: datetime.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Separate the article from its page: body with paragraph offsets, captions, metadata.

    The date is the page's own when it states one, else ``page.published``, else ``published``
    (both dates, checked at the door they came in by).
    Raises ``PageError`` (reasons ``empty``, ``binary``, ``encoding``, ``too_large``, ``parse``,
    ``no_body``) for a page that cannot give an article.
    """
    if page.error:
        raise PageError(page.error_reason or "unreadable", page.error)
    check_size(page.data, max_bytes)
    raw = decode(page.data)
    if not raw.strip():
        raise PageError("empty", "page has no text once decoded")
    if page.kind == "html":
        found = extract_html(raw, page.url)
        language = found.language
    elif page.kind == "text":
        found = extract_text(raw, page.title)
        language = None
    else:
        raise PageError("kind", f"unknown page kind {page.kind!r}; expected 'html' or 'text'")
    paragraphs = [p for p in (normalise_space(p) for p in found.paragraphs) if p]
    if sum(word_count(p) for p in paragraphs) < _MIN_BODY_WORDS and _given_body(page):
        # A short report given as the body: its lines of words are the story, though too short
        # for the classifier to call prose; menus, buttons and footers stay out.
        paragraphs = [
            normalise_space(line.text)
            for line in getattr(found, "lines", [])
            if line.role not in _CHROME and word_count(line.text) >= _MIN_GIVEN_WORDS
        ]
        if not paragraphs:
            raise PageError("no_body", f"the text given is under {_MIN_GIVEN_WORDS} words; no article in it")
    elif sum(word_count(p) for p in paragraphs) < _MIN_BODY_WORDS:
        raise PageError(
            "no_body",
            f"no article body found in this {page.kind} page (under {_MIN_BODY_WORDS} words of prose)",
        )
    text, spans = _join(paragraphs)
    date, source = found.published, "page"
    if not date:
        given = page.published or published
        date = given.isoformat() if given else None
        source = "given" if date else None
    title = found.title if found.title else (normalise_space(page.title) if page.title else None)
    # The page's own address first; the WARC target, fetched or JSONL url after it.
    url = found.url or page.url
    language = detect_language(f"{title}\n\n{text}" if title else text, hint=language)
    return Article(
        id=page.page_id,
        source=page.source,
        text=text,
        url=url,
        title=title,
        published=date,
        published_source=source if date else None,
        authors=found.authors,
        site=found.site or site_from_url(url),
        section=found.section,
        language=language,
        captions=found.captions,
        boilerplate=found.boilerplate,
        paragraphs=spans,
        content_hash=page.hash,
    )
