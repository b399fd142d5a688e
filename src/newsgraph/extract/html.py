"""HTML pages: trafilatura finds the body; we add captions with credits, sections and boilerplate.

trafilatura drops figure captions (or, on some pages, leaves them in the body). A caption is
news and its credit is not, so captions are lifted out of the tree before trafilatura runs and
kept as ``Caption`` records.
"""

from __future__ import annotations

import copy
import json
import logging
import re

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsgraph.errors import PageError
from newsgraph.extract.dates import to_iso
from newsgraph.extract.language import normalise_code
from newsgraph.extract.link_lists import (
    drop_inline_link_cards,
    drop_link_lists,
    link_blocks,
    remove_keeping_tail,
)
from newsgraph.extract.meta import normalise_space, section_from_url, site_from_url, split_site_suffix
from newsgraph.extract.page_url import own_url
from newsgraph.extract.result import PathResult
from newsgraph.model import Caption

__all__ = ["HtmlResult", "extract_html", "split_credit"]

log = logging.getLogger(__name__)

_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|byline|source|attribution", re.I)
_CAPTION_CLASS = re.compile(r"caption", re.I)
_BREADCRUMB = re.compile(r"breadcrumb", re.I)
# "... Credit: Name", "... Photo: Name", "... (Image: © Name)", "... Photograph: Name/Agency".
_CREDIT_SUFFIX = re.compile(
    r"""[\s(\[]*(?:(?:photo(?:graph)?|image|picture|pic|credit|foto|illustration|video)s?"""
    r"""(?:\s+(?:credit|by|courtesy(?:\s+of)?))?\s*[:：]\s*(?:©\s*)?|©\s*)(?P<credit>[^()\[\]]{2,120}?)[)\]]?\s*$""",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "section", "aside", "nav",
    "header", "footer", "form", "figcaption", "blockquote", "dd", "dt", "article", "main", "ul", "ol",
    "table", "tr", "figure", "pre", "address",
}  # fmt: skip
_MAX_BOILERPLATE = 300
_CONTENT_LANGUAGE = '//meta[translate(@http-equiv, "CONTENTLAG", "contentlag")="content-language"]/@content'


HtmlResult = PathResult
"""What the HTML path found (the shared ``PathResult``)."""


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption's trailing credit (``Credit: X``, ``Photo: X``, ``(Image: © X)``) from it."""
    text = normalise_space(text)
    match = _CREDIT_SUFFIX.search(text)
    if not match:
        return text, None
    head = text[: match.start()].strip()
    credit = match.group("credit").strip(" .;,")
    # A credit is a name, not a sentence: refuse long or clause-like tails.
    if not credit or len(credit.split()) > 10:
        return text, None
    return head, credit


def _meta(tree: HtmlElement, *names: str) -> str | None:
    """The content of the first ``<meta property|name=...>`` among ``names`` that has one."""
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            content = normalise_space(el.get("content") or "")
            if content:
                return content
    return None


def _declared_language(tree: HtmlElement) -> str | None:
    """What the page says its language is: ``<html lang>``, Content-Language, ``og:locale``."""
    for value in (
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        tree.get("xml:lang"),
        (tree.xpath(_CONTENT_LANGUAGE) or [None])[0],
        _meta(tree, "og:locale", "inLanguage"),
    ):
        code = normalise_code(value)
        if code:
            return code
    return None


def _classes(el: HtmlElement) -> str:
    """The class, id and aria-label of an element as one string, for cue matching."""
    return " ".join(filter(None, (el.get("class"), el.get("id"), el.get("aria-label"))))


def _lift_captions(tree: HtmlElement) -> list[Caption]:
    """Remove figure captions from the tree and return them with their credits split off."""
    captions: list[Caption] = []
    candidates = tree.xpath("//figcaption")
    for el in tree.xpath("//*[@class]"):
        if el.tag in {"div", "p", "span"} and _CAPTION_CLASS.search(el.get("class", "")):
            if not any(a is el or a in candidates for a in el.iterancestors()) and el not in candidates:
                candidates.append(el)
    for el in candidates:
        if el.getparent() is None:
            continue
        credit = None
        for child in el.iter():
            if child is not el and _CREDIT_CLASS.search(_classes(child)):
                credit = normalise_space(child.text_content()) or None
                remove_keeping_tail(child)
                break
        text = normalise_space(el.text_content())
        if len(text) > 600:
            continue  # a "caption" this long is a mislabelled content block
        text, suffix_credit = split_credit(text)
        if credit:
            credit = re.sub(r"^(?:photo|image|credit|picture)s?\s*:\s*|^©\s*", "", credit, flags=re.I).strip()
        credit = credit or suffix_credit
        remove_keeping_tail(el)
        if text and not any(c.text == text for c in captions):
            captions.append(Caption(text=text, credit=credit or None))
    return captions


def _breadcrumb(tree: HtmlElement, title: str | None, site: str | None) -> list[str]:
    """Section names from a JSON-LD BreadcrumbList or a breadcrumb element, without Home/title."""
    names: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for item in data if isinstance(data, list) else [data]:
            graph = item.get("@graph", [item]) if isinstance(item, dict) else []
            for node in graph if isinstance(graph, list) else []:
                if isinstance(node, dict) and node.get("@type") == "BreadcrumbList":
                    for crumb in node.get("itemListElement") or []:
                        if isinstance(crumb, dict):
                            name = crumb.get("name") or (crumb.get("item") or {}).get("name")
                            if isinstance(name, str):
                                names.append(normalise_space(name))
        if names:
            break
    if not names:
        for el in tree.xpath("//*[@class or @id or @aria-label]"):
            if _BREADCRUMB.search(_classes(el)):
                names = [normalise_space(a.text_content()) for a in el.iter("a", "li", "span")]
                names = [n for n in names if n and len(n) < 40]
                if names:
                    break
    drop = {"home", "homepage", "start", (site or "").lower(), (title or "").lower()}
    seen: list[str] = []
    for name in names:
        if name.lower() not in drop and name not in seen and len(name.split()) <= 4:
            seen.append(name)
    return seen[:4]


def _blocks(tree: HtmlElement) -> list[str]:
    """Texts of the visible leaf blocks of a page, in order (for the boilerplate record)."""
    body = tree.find("body")
    root = body if body is not None else tree
    hidden = {"script", "style", "noscript", "template"}
    # One pass marks every element above a block, so "leaf block" costs O(n), not O(n * depth).
    has_block_below: set[HtmlElement] = set()
    for el in root.iter(*_BLOCK_TAGS):
        parent = el.getparent()
        while parent is not None and parent not in has_block_below:
            has_block_below.add(parent)
            parent = parent.getparent()
    out: list[str] = []
    for el in root.iter(*_BLOCK_TAGS):
        if el in has_block_below or any(a.tag in hidden for a in el.iterancestors()):
            continue
        text = normalise_space(el.text_content())
        if text:
            out.append(text)
    return out


def extract_html(text: str, url: str | None = None, *, favor_precision: bool = False) -> HtmlResult:
    """Extract body paragraphs and metadata from an HTML page's decoded text."""
    try:
        tree = load_html(text)
    except (ValueError, etree.LxmlError, RecursionError) as exc:
        raise PageError("parse", f"HTML could not be parsed: {exc}") from None
    if tree is None:
        raise PageError("parse", "HTML could not be parsed (lxml returned no tree)")
    try:
        return _extract_tree(tree, url, favor_precision)
    except RecursionError:
        raise PageError("parse", "HTML is nested too deeply to extract safely") from None
    except (etree.LxmlError, ValueError, TypeError, AttributeError) as exc:
        log.debug("extraction failed", exc_info=True)
        raise PageError("parse", f"HTML extraction failed: {type(exc).__name__}: {exc}") from None


def _extract_tree(tree: HtmlElement, url: str | None, favor_precision: bool) -> HtmlResult:
    """The body of ``extract_html`` once a tree exists."""
    lang = _declared_language(tree)
    og_site = _meta(tree, "og:site_name", "application-name")
    meta_section = _meta(tree, "article:section")
    canonical = own_url(tree, url)
    blocks = _blocks(tree)
    captions = _lift_captions(tree)
    cards = drop_inline_link_cards(tree)
    links = link_blocks(tree)
    doc = trafilatura.bare_extraction(
        copy.deepcopy(tree),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=favor_precision,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise PageError(
            "no_body", "no article body found in the HTML (the page may be an index, a form or empty)"
        )
    site = og_site or doc.sitename or None
    own = canonical or url
    title = doc.title
    if title:
        title, suffix_site = split_site_suffix(title, og_site)
        site = site or suffix_site
    caption_texts = {c.text for c in captions}
    paragraphs = []
    for line in doc.text.split("\n"):
        line = normalise_space(line)
        if not line or line in caption_texts:
            continue
        if not paragraphs and title and line.lower() == title.lower():
            continue  # the headline repeated as the body's first line
        paragraphs.append(line)
    paragraphs, link_lists = drop_link_lists(paragraphs, links)
    if not paragraphs:
        raise PageError("no_body", "no article body found in the HTML beyond its title and links")
    section = _breadcrumb(tree, title, site)
    if not section and meta_section:
        section = [meta_section]
    if not section:
        section = section_from_url(url) or section_from_url(canonical)
    site = site or site_from_url(own)
    authors = [normalise_space(a) for a in (doc.author or "").split(";") if normalise_space(a)]
    body_text = "\n".join(paragraphs)
    kept = {title or "", *caption_texts}
    boilerplate = (
        cards
        + link_lists
        + [
            b
            for b in blocks
            if b not in kept
            and b not in body_text
            and not any(b in c or b.startswith(c) for c in kept if c)
            and b not in link_lists
        ]
    )
    return HtmlResult(
        paragraphs=paragraphs,
        url=canonical,
        title=title or None,
        authors=authors,
        published=to_iso(doc.date),
        site=site,
        section=section,
        language=lang,
        captions=captions,
        boilerplate=boilerplate[:_MAX_BOILERPLATE],
    )
