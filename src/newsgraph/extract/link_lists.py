"""Related-story lists, teaser headlines and "Read more:" lines that survive HTML extraction.

trafilatura keeps a list of links to other stories when it sits inside the article element, and
each of its headlines then reads like a sentence of this story ("Okoro, Lind lead Canada past
Chile"). The page's tree says which blocks are mostly link text; a body line that is such a block
and reads like a headline, a run of them, or a "Related:" / "Read more:" lead-in is dropped
before annotation (and kept in ``boilerplate``).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsgraph.extract.cues import SENTENCE_END, cue_patterns
from newsgraph.extract.meta import normalise_space, word_count

__all__ = ["link_blocks", "drop_link_lists", "drop_inline_link_cards", "remove_keeping_tail"]

_LEAF_TAGS = ("a", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "div", "span", "td")
_BLOCKS_BELOW = {
    "p",
    "li",
    "div",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "dl",
    "section",
    "article",
}
# A block is a link when at least this share of its text is inside <a> elements.
_LINK_SHARE = 0.8
# Longer than this, a linked block is prose that happens to be linked, not a teaser.
_MAX_LINK_WORDS = 25
_HEADLINE_WORDS = 16
_LEAD_IN_WORDS = 25
_HEADING_WORDS = 5


def link_blocks(tree: HtmlElement) -> set[str]:
    """Normalised texts of the page's leaf blocks whose text is mostly link text."""
    found: set[str] = set()
    for el in tree.iter(*_LEAF_TAGS):
        if any(child.tag in _BLOCKS_BELOW for child in el.iterdescendants()):
            continue
        text = normalise_space(el.text_content())
        if not text or word_count(text) > _MAX_LINK_WORDS:
            continue
        anchors = [el] if el.tag == "a" else list(el.iter("a"))
        linked = sum(len(normalise_space(a.text_content())) for a in anchors)
        if linked >= _LINK_SHARE * len(text):
            found.add(text)
    return found


# An element inside a paragraph made only of this many links or more is a card, not prose.
_CARD_LINKS = 3
_CARD_LINK_SHARE = 0.9


def remove_keeping_tail(el: HtmlElement) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _link_card(el: HtmlElement) -> bool:
    """Whether an element is made of links alone: at least ``_CARD_LINKS`` of them, no prose."""
    anchors = list(el.iter("a"))
    if len(anchors) < _CARD_LINKS:
        return False
    text = normalise_space(el.text_content())
    linked = sum(len(normalise_space(a.text_content())) for a in anchors)
    return bool(text) and linked >= _CARD_LINK_SHARE * len(text)


def drop_inline_link_cards(tree: HtmlElement) -> list[str]:
    """Remove link cards that sit inside a paragraph and return their texts.

    A hover card behind a person's name ("Kristi Noem" followed by a picture, her full name, three
    headlines about her and "MORE") is inline markup, so text extraction glues it into the
    sentence: "South Dakota Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down
    ... MORE (R) is defending". When such a card opens with the link the sentence reads (the
    name), that link stays and the rest goes."""
    dropped: list[str] = []
    for el in list(tree.iter("span", "div", "em", "strong", "b", "i", "small")):
        ancestors = list(el.iterancestors())
        if not ancestors or ancestors[-1] is not tree:
            continue  # inside a card removed already
        if not any(a.tag == "p" for a in ancestors):
            continue
        if not _link_card(el):
            continue
        children = list(el)
        if children and children[0].tag == "a" and not (el.text or "").strip() and len(children) > 1:
            rest = children[1:]
            dropped.append(normalise_space(" ".join(c.text_content() for c in rest)))
            for c in rest:
                remove_keeping_tail(c)
        else:
            dropped.append(normalise_space(el.text_content()))
            remove_keeping_tail(el)
    return [d for d in dropped if d]


def _related_cue() -> re.Pattern[str]:
    return cue_patterns()[1]


def _ends_sentence(line: str) -> bool:
    return SENTENCE_END.search(line) is not None


def _lead_in(line: str) -> bool:
    """``Read more: Another headline`` / ``Related: ...``: a cue, a colon, a short tail."""
    match = _related_cue().match(line)
    if not match:
        return False
    tail = line[match.end() :].lstrip()
    return tail.startswith((":", "»", "→", ">")) and word_count(tail) <= _LEAD_IN_WORDS


def _heading(line: str) -> bool:
    """``Related stories`` / ``More on this``: a links heading on its own line."""
    return (
        _related_cue().match(line) is not None
        and word_count(line) <= _HEADING_WORDS
        and not _ends_sentence(line)
    )


def _headline_like(line: str) -> bool:
    return word_count(line) <= _HEADLINE_WORDS and not _ends_sentence(line)


def drop_link_lists(paragraphs: list[str], links: set[str]) -> tuple[list[str], list[str]]:
    """Split body lines into (kept, dropped): link runs, linked headlines, lead-ins, links headings."""
    is_link = [p in links or p.lstrip("-•* ") in links for p in paragraphs]
    drop = [False] * len(paragraphs)
    for i, line in enumerate(paragraphs):
        if _lead_in(line):
            drop[i] = True
        elif is_link[i] and _headline_like(line):
            drop[i] = True  # a teaser's headline, alone or in a list
        elif is_link[i] and ((i > 0 and is_link[i - 1]) or (i + 1 < len(paragraphs) and is_link[i + 1])):
            drop[i] = True  # one of a run of linked blocks
    for i, line in enumerate(paragraphs):
        following = i + 1 < len(paragraphs) and drop[i + 1]
        if _heading(line) and (following or i == len(paragraphs) - 1):
            drop[i] = True
    kept = [p for p, d in zip(paragraphs, drop, strict=True) if not d]
    dropped = [p for p, d in zip(paragraphs, drop, strict=True) if d]
    return kept, dropped
