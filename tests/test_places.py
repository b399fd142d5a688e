"""The offline gazetteer: known places resolve with country and coordinates, others do not."""

from __future__ import annotations

import pytest

from newsgraph.places import lookup, normalise_name


def test_city_has_country_code_and_coordinates() -> None:
    place = lookup("Kabul")
    assert place is not None
    assert place["country_code"] == "AF"
    assert place["lat"] == pytest.approx(34.53, abs=0.1)
    assert place["lon"] == pytest.approx(69.17, abs=0.1)
    assert isinstance(place["geonameid"], int)


def test_ambiguous_city_goes_to_the_most_populous() -> None:
    assert lookup("Paris")["country_code"] == "FR"
    assert lookup("London")["country_code"] == "GB"


def test_country_names_and_news_variants() -> None:
    assert lookup("the United States")["country_code"] == "US"
    assert lookup("Britain")["country_code"] == "GB"
    assert lookup("U.S.")["country_code"] == "US"
    assert lookup("Iraq")["lat"] is None  # a country has no single point


def test_accents_and_case_are_folded() -> None:
    assert normalise_name("  Goražde ") == "gorazde"
    assert lookup("gorazde")["country_code"] == "BA"
    assert lookup("TEL AVIV")["country_code"] == "IL"


def test_unknown_names_are_none() -> None:
    assert lookup("Port of Alder") is None
    assert lookup("") is None
    assert lookup("Xqzzyville") is None


def test_another_name_of_a_town_places_only_in_a_text_about_its_country() -> None:
    from newsgraph.places import lookup

    # "Boni" is an old name of Bonn in the gazetteer, and a village of Mali it does not hold
    assert lookup("Boni")["country_code"] == "DE"
    assert lookup("Boni", frozenset({"DE"}))["name"] == "Bonn"
    assert lookup("Boni", frozenset({"ML"})) is None
    # a town's own name needs no country in the text
    assert lookup("Bamako", frozenset())["country_code"] == "ML"


def test_a_name_several_places_bear_goes_to_the_one_in_the_texts_countries() -> None:
    from newsgraph.places import lookup

    assert lookup("Valencia")["country_code"] == "VE"  # the bigger one, with nothing else to go on
    assert lookup("Valencia", frozenset({"ES"}))["country_code"] == "ES"
    # never a far smaller namesake of a great city
    assert lookup("Paris", frozenset({"US"}))["country_code"] == "FR"
