"""Metadata helpers shared by the HTML and text paths: site suffixes, URL sections and hosts."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..vocabulary import word_set

__all__ = ["split_site_suffix", "section_from_url", "normalise_space", "site_from_url", "word_count"]

_SPACE = re.compile(r"\s+")
# Scripts written without spaces between words (Thai, kana, CJK ideographs).
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
# Path segments that name a page type, an edition or a language, never a section.
_NOT_SECTIONS = word_set("url_segments", "not_sections")  # data/url_segments.toml
_SEGMENT = re.compile(r"^[a-z]+(?:-[a-z]+){0,2}$")


def word_count(text: str) -> int:
    """Words in ``text``; in scripts without spaces, about one word per two characters."""
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def split_site_suffix(title: str, site: str | None = None) -> tuple[str, str | None]:
    """Split ``"Headline | Site"`` into ``("Headline", "Site")``; the site must be short.

    With ``site`` known, only that suffix is removed; without it, the last separator wins when
    what follows looks like a name (at most five words, no sentence punctuation).
    """
    title = normalise_space(title)
    for sep in _TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        tail = tail.strip()
        if site and tail.lower() != site.lower():
            continue
        if head and tail and len(tail.split()) <= 5 and not re.search(r"[.!?,;](?:\s|$)", tail):
            if len(head.split()) >= 2:
                return head.strip(), tail
    return title, None


def section_from_url(url: str | None) -> list[str]:
    """Sections named by the URL path before the article slug (``/business/labour/slug``)."""
    if not url:
        return []
    try:
        parts = [p for p in urlsplit(url).path.split("/") if p]
    except ValueError:
        return []
    if len(parts) < 2:
        return []
    sections: list[str] = []
    for part in parts[:-1]:
        part = part.lower()
        if not _SEGMENT.match(part) or len(part) > 24:
            break
        if part in _NOT_SECTIONS:
            if sections:
                break
            continue
        sections.append(part.replace("-", " ").title())
    return sections[:3]


def site_from_url(url: str | None) -> str | None:
    """The host of an http(s) URL without ``www.`` (``"www.example.com/a"`` -> ``"example.com"``)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host
