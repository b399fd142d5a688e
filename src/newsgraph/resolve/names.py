"""Name normalisation shared by the store, the resolver and the queries."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key"]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^(the)\s+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@lru_cache(maxsize=1 << 16)  # the same names come back in every article
def name_key(name: str) -> str:
    """A lookup key for a name: case, accents, punctuation, spacing, "the" and "'s" ignored.

    "ISIS - K", "ISIS-K" and "isis k" share a key; so do "The HWA" and "HWA's".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    text = _POSSESSIVE.sub("", text)
    text = _NON_ALNUM.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)[:255]


_ACRONYM_FORM = re.compile(r"^[A-Z][A-Z0-9&.\-\s]{1,11}$")
_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "du", "des", "to", "at", "a"})


@lru_cache(maxsize=1 << 16)
def is_acronym(form: str) -> bool:
    """True for a short all-capitals form such as "ISIS-K", "EADS" or "U.S." (a name said as letters)."""
    form = form.strip()
    letters = [ch for ch in form if ch.isalpha()]
    return bool(_ACRONYM_FORM.match(form)) and len(letters) >= 2 and all(ch.isupper() for ch in letters)


def initials(name: str) -> str:
    """The lowercase initials of a multi-word name, skipping function words ("" for one word)."""
    words = [w for w in name_key(name).split() if w not in _ACRONYM_STOP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def compact_key(name: str) -> str:
    """The name key without spaces: "Al Qaeda", "Al-Qaeda" and "AlQaeda" meet here."""
    return name_key(name).replace(" ", "")


__all__ += ["is_acronym", "initials", "compact_key"]
