"""Name normalisation shared by the store, the resolver and the queries."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_key"]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^(the)\s+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def name_key(name: str) -> str:
    """A lookup key for a name: case, accents, punctuation, spacing, "the" and "'s" ignored.

    "ISIS - K", "ISIS-K" and "isis k" share a key; so do "The HWA" and "HWA's".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    text = _POSSESSIVE.sub("", text)
    text = _NON_ALNUM.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)[:255]
