"""The cue phrases of ``data/cues.toml`` (boilerplate, related-links headings, datelines, widget
lines) and the sentence-end pattern, shared by the text classifier (``text``) and the link-list
filter (``link_lists``) without either importing the other. The file is read once, by
``newsgraph.vocabulary`` (``resolve.dedup`` reads its boilerplate phrases there too)."""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.vocabulary import data_file

__all__ = ["SENTENCE_END", "cues", "cue_patterns"]

SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’)\]」』]*$|(?<!\d)[.!?]["'”’]?(?:\s+\(?\w*\)?|\(\w*\))$""")
"""A line that ends a sentence: a closing mark, maybe quotes or brackets after it."""


@lru_cache(maxsize=1)
def cues() -> dict[str, list[str]]:
    """The shipped cue phrases (``data/cues.toml``), loaded once."""
    raw = data_file("cues")
    return {
        "boilerplate": list(raw["boilerplate"]["phrases"]),
        "related": list(raw["related"]["starts"]),
        "published": list(raw["dateline"]["published"]),
        "updated": list(raw["dateline"]["updated"]),
        "ads": list(raw["lines"]["ads"]),
        "buttons": list(raw["lines"]["buttons"]),
        "comments": list(raw["lines"]["comments"]),
        "notes": list(raw["lines"]["notes"]),
    }


@lru_cache(maxsize=1)
def cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled whole-word patterns for boilerplate phrases and related-links headings."""
    found = cues()
    phrase = "|".join(re.escape(p) for p in sorted(found["boilerplate"], key=len, reverse=True))
    related = "|".join(re.escape(p) for p in sorted(found["related"], key=len, reverse=True))
    return (
        re.compile(rf"(?<!\w)(?:{phrase})(?!\w)", re.I),
        re.compile(rf"^(?:{related})(?!\w)", re.I),
    )
