"""Short forms of names from ``data/nicknames.toml``: given names ("Mo" of "Maurice") and
abbreviated first words of place names ("Mt" of "Mount"); and the forms of one thing from
``data/known_names.toml`` ("U.S." and "United States")."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from .names import name_key

__all__ = ["same_given_name", "expand_place_word", "known_forms", "country_led"]


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[frozenset[str]], dict[str, str]]:
    raw = tomllib.loads(resources.files("newsgraph").joinpath("data/nicknames.toml").read_text("utf-8"))
    pairs = frozenset(
        frozenset((formal, short)) for formal, shorts in raw["given"].items() for short in shorts.split()
    )
    return pairs, dict(raw["place_words"])


def same_given_name(a: str, b: str) -> bool:
    """True when two (lowercase) given names are a formal name and one of its short forms."""
    return a != b and frozenset((a, b)) in _data()[0]


def expand_place_word(name: str) -> str | None:
    """The place name with its abbreviated first word written out ("Mt Cook" -> "Mount Cook"), or None."""
    words = name.split()
    if len(words) < 2:
        return None
    full = _data()[1].get(words[0].rstrip(".").casefold())
    return " ".join([full.capitalize(), *words[1:]]) if full else None


_PLACES = frozenset({"GPE", "LOC"})


@lru_cache(maxsize=1)
def _known() -> dict[tuple[str, str], tuple[str, ...]]:
    raw = tomllib.loads(resources.files("newsgraph").joinpath("data/known_names.toml").read_text("utf-8"))
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for group in raw["name"]:
        for form in group["forms"]:
            out[(group["type"], name_key(form))] = tuple(group["forms"])
    return out


def known_forms(name: str, etype: str) -> tuple[str, ...]:
    """Every form of the thing ``name`` names when it is a known one of this type ("U.S." -> "United
    States", "US", ...); empty otherwise. A place's forms hold for GPE and LOC alike."""
    kind = "GPE" if etype in _PLACES else etype
    return _known().get((kind, name_key(name)), ())


def country_led(name: str) -> tuple[str, str] | None:
    """For a name led by a known country's short or long form ("U.S. Air Force", "United States
    Air Force"): the name with the country written in full, and the rest of it ("United States Air
    Force", "Air Force"); None for any other name, or when nothing of two letters follows."""
    words = name.split()
    for n in (4, 3, 2, 1):
        if len(words) <= n:
            continue
        forms = _known().get(("GPE", name_key(" ".join(words[:n]))))
        if forms:
            rest = " ".join(words[n:])
            return (f"{forms[0]} {rest}", rest) if len(name_key(rest)) >= 2 else None
    return None
