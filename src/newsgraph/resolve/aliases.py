"""Aliases an article teaches: a name followed by its short form in parentheses, or the reverse.

"Islamic State Khorasan Province (ISIS-K) claimed..." says that ISIS-K is that province's group,
even when the model cut the long name into pieces. The short form must be written in capitals
and its letters must be initials of the long name's words ("ISIS-K": I, S, K of Islamic State
Khorasan), so "(Reuters)" or "(R-Texas)" teach nothing.
"""

from __future__ import annotations

import re

from ..model import Facts
from .names import is_acronym, name_key

__all__ = ["learn_aliases"]

_WORD = r"[A-Z][\w'’.&-]*"
_LINK = r"(?:of|the|and|for|de|al|el|la|du|des|&)"
_LONG = rf"{_WORD}(?:\s+(?:{_LINK}\s+)*{_WORD})+"
_LONG_SHORT = re.compile(rf"(?P<long>{_LONG})\s*\(\s*(?P<short>[^()\n]{{2,20}}?)\s*\)")
_SHORT_LONG = re.compile(rf"(?P<short>\b[A-Z][A-Z0-9&.\-]{{1,12}})\s*\(\s*(?P<long>{_LONG})\s*\)")
_LEADING = re.compile(r"^(?:The|A|An|In|On|At|By|For|From|With|As|And|But|Former|Both)\s+")


def _fits(long: str, short: str) -> bool:
    """True when the capitals of ``short`` are all initials of ``long``'s words, the first one first."""
    if not is_acronym(short):
        return False
    capitals = [ch.lower() for ch in short if ch.isalpha()]
    words = name_key(long).split()
    heads = {w[0] for w in words}
    return bool(words) and capitals[0] == words[0][0] and all(ch in heads for ch in capitals)


def _pairs(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(long span, short span) pairs found in the text."""
    found = []
    for rx in (_LONG_SHORT, _SHORT_LONG):
        for m in rx.finditer(text):
            long_start, long_end = m.span("long")
            long = m.group("long")
            lead = _LEADING.match(long)
            if lead:  # a sentence-initial "The" or "In" is not part of the name
                long_start += lead.end()
                long = long[lead.end() :]
            if _fits(long, m.group("short")):
                found.append(((long_start, long_end), m.span("short")))
    return found


def learn_aliases(facts: Facts) -> dict[str, list[str]]:
    """Extra aliases for the article's entities, by local id, from "Long Name (SHORT)" patterns."""
    text = facts.article.text
    owner: dict[tuple[int, int], str] = {}
    for entity in facts.entities:
        for start, end in entity.mentions:
            owner[(start, end)] = entity.id
    learned: dict[str, list[str]] = {}
    for long_span, short_span in _pairs(text):
        long, short = text[long_span[0] : long_span[1]], text[short_span[0] : short_span[1]]
        short_owner = _covering(owner, short_span)
        long_owner = owner.get(long_span)
        if short_owner is not None:
            learned.setdefault(short_owner, []).append(long)
        if long_owner is not None and long_owner != short_owner:
            learned.setdefault(long_owner, []).append(short)
    return learned


def _covering(owner: dict[tuple[int, int], str], span: tuple[int, int]) -> str | None:
    """The entity with a mention on exactly this span, allowing a trimmed "the" or possessive."""
    if span in owner:
        return owner[span]
    for (start, end), local in owner.items():
        if start >= span[0] and end <= span[1] and (end - start) >= (span[1] - span[0]) - 2:
            return local
    return None
