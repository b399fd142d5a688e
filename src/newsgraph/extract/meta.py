"""Metadata helpers shared by the HTML and text paths: language, site suffixes, URL sections."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["guess_language", "split_site_suffix", "section_from_url", "normalise_space"]

# A few very frequent function words per language: enough to tell English (our model's
# language) from the rest without shipping a language-id model.
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "it", "said"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "ein", "eine"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "pour", "que", "du"},
    "es": {"el", "la", "los", "las", "y", "que", "en", "por", "una", "con", "del"},
    "it": {"il", "di", "che", "della", "per", "una", "sono", "con", "gli", "nel"},
    "nl": {"de", "het", "een", "van", "en", "niet", "dat", "zijn", "voor", "met"},
    "pt": {"o", "os", "que", "não", "uma", "com", "para", "por", "dos", "das"},
}
_WORD = re.compile(r"[^\W\d_]+", re.U)
_SPACE = re.compile(r"\s+")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
# Path segments that name a page type, an edition or a language, never a section.
_NOT_SECTIONS = {
    "article", "articles", "story", "stories", "news", "amp", "index", "content", "post", "posts",
    "www", "en", "us", "uk", "p", "a", "s", "html", "world-news", "item", "items", "doc", "view",
    "node", "id", "blog", "blogs", "entry", "read", "live", "video", "videos", "gallery",
}  # fmt: skip
_SEGMENT = re.compile(r"^[a-z]+(?:-[a-z]+){0,2}$")


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code whose stopwords dominate ``text``, or None when too short to tell."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < 20:
        return None
    scores = {lang: sum(w in stops for w in words) for lang, stops in _STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 0.08 * len(words) else None


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
