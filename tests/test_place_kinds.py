"""The gazetteer says what kind of place a name is: a country (admin level 0), a first-order
division (1) or a town (no administrative level), and only towns have coordinates."""

from __future__ import annotations

from newsgraph.nlp.event_details import geo_precision
from newsgraph.places import lookup


def test_each_record_says_its_kind() -> None:
    assert {k: lookup("Kenya")[k] for k in ("feature", "admin_level", "lat")} == {
        "feature": "country", "admin_level": 0, "lat": None,
    }  # fmt: skip
    assert (lookup("Texas")["feature"], lookup("Texas")["admin_level"]) == ("region", 1)
    mombasa = lookup("Mombasa")
    assert (mombasa["feature"], mombasa["admin_level"], mombasa["country_code"]) == ("place", None, "KE")
    assert mombasa["lat"] is not None and mombasa["lon"] is not None
    assert lookup("Britain")["feature"] == "country"  # a news variant of a country's name
    # the state or its big city: the name does not say which kind of place is meant
    for name in ("New York", "Washington"):
        assert (lookup(name)["country_code"], lookup(name)["feature"], lookup(name)["admin_level"]) == (
            "US",
            None,
            None,
        )


def test_geo_precision_of_an_event_place() -> None:
    assert geo_precision({**lookup("Mombasa"), "precision": "sentence"}) == "place"
    assert geo_precision({**lookup("Texas"), "precision": "sentence"}) == "region"
    assert geo_precision({**lookup("Kenya"), "precision": "sentence"}) == "country"
    # a fallback is a fallback, whatever kind of place it is
    assert geo_precision({**lookup("Mombasa"), "precision": "article"}) == "article"
    # a place the gazetteer does not know: no precision guessed
    assert geo_precision({"name": "Velmar", "precision": "sentence"}) is None
    assert geo_precision(None) is None
