"""The cue phrases of ``cues.toml`` (boilerplate, related-links headings, datelines, widget lines)
and the sentence-end pattern, shared by the text classifier (``text``) and the link-list filter
(``link_lists``) without either importing the other."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

__all__ = ["CUES_PATH", "SENTENCE_END", "cues", "cue_patterns"]

CUES_PATH = Path(__file__).with_name("cues.toml")
SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’)\]」』]*$|(?<!\d)[.!?]["'”’]?(?:\s+\(?\w*\)?|\(\w*\))$""")
"""A line that ends a sentence: a closing mark, maybe quotes or brackets after it."""


@lru_cache(maxsize=1)
def cues() -> dict[str, list[str]]:
    """The shipped cue phrases (``cues.toml``), loaded once."""
    with CUES_PATH.open("rb") as fh:
        raw = tomllib.load(fh)
    return {
        "boilerplate": raw["boilerplate"]["phrases"],
        "related": raw["related"]["starts"],
        "published": raw["dateline"]["published"],
        "updated": raw["dateline"]["updated"],
        "ads": raw["lines"]["ads"],
        "buttons": raw["lines"]["buttons"],
        "comments": raw["lines"]["comments"],
        "notes": raw["lines"]["notes"],
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
