"""The citable URL an HTML page gives for itself: canonical link, then ``og:url``, then JSON-LD.

Each candidate must be an absolute http(s) address of a page (a relative one is resolved against
the address the page was fetched from, when known); an address of a site's home page is no
article's address, so it is passed over.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

__all__ = ["own_url", "clean_url", "jsonld_nodes"]

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "webpage",
    "scholarlyarticle", "techarticle", "report", "socialmediaposting", "itempage",
}  # fmt: skip


def clean_url(value: Any, base: str | None = None) -> str | None:
    """``value`` as an absolute http(s) URL of a page other than a home page, or None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or any(ch.isspace() for ch in value):
        return None
    if base and not urlsplit(value).scheme:
        value = urljoin(base, value)
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return None
    if parts.path.strip("/") == "" and not parts.query:
        return None  # a site's home page
    return value


def jsonld_nodes(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every object of the page's JSON-LD blocks, ``@graph`` members included."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if not isinstance(item, dict):
                continue
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (node for node in graph if isinstance(node, dict))
            yield item


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _jsonld_url(tree: HtmlElement, base: str | None) -> str | None:
    """The ``url`` (or ``mainEntityOfPage``) of the page's article node; a publisher's url is not it."""
    for node in jsonld_nodes(tree):
        if not _types(node) & _ARTICLE_TYPES:
            continue
        main = node.get("mainEntityOfPage")
        main_id = (main.get("@id") or main.get("url")) if isinstance(main, dict) else main
        for value in (node.get("url"), main_id):
            url = clean_url(value, base)
            if url:
                return url
    return None


def own_url(tree: HtmlElement, base: str | None = None) -> str | None:
    """The page's own address: ``<link rel=canonical>``, else ``og:url``, else JSON-LD; None if none."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            url = clean_url(link.get("href"), base)
            if url:
                return url
    for content in tree.xpath('//meta[@property="og:url" or @name="og:url"]/@content'):
        url = clean_url(content, base)
        if url:
            return url
    return _jsonld_url(tree, base)
