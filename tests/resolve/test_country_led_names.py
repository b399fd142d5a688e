"""An organisation named after its country is the same under the country's short and long forms
("U.S. Air Force", "United States Air Force"), never another country's ("Indian Air Force").
SQLite and PostgreSQL; sentences written for this test."""

from __future__ import annotations

from sqlalchemy import Engine

from newsgraph.resolve.nicknames import country_led
from newsgraph.writer import write_facts

from .test_entities import kb_ids


def test_the_forms_of_a_country_leading_a_name() -> None:
    assert country_led("U.S. Air Force") == ("United States Air Force", "Air Force")
    assert country_led("United States Air Force") == ("United States Air Force", "Air Force")
    assert country_led("UK Treasury") == ("United Kingdom Treasury", "Treasury")
    assert country_led("Indian Air Force") is None
    assert country_led("U.S.") is None


def test_short_and_long_country_forms_name_one_organisation(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "f1",
            "The United States Air Force picked Boeing for the tanker deal.",
            [("United States Air Force", "ORG", []), ("Boeing", "ORG", [])],
        ),
    )
    write_facts(
        engine,
        make_facts(
            "f2", "The U.S. Air Force said the tanker deal was fair.", [("U.S. Air Force", "ORG", [])]
        ),
    )
    write_facts(
        engine,
        make_facts(
            "f3",
            "The Indian Air Force bought six jets from Dassault.",
            [("Indian Air Force", "ORG", []), ("Dassault", "ORG", [])],
        ),
    )
    first = kb_ids(engine, "f1")["United States Air Force"]
    assert kb_ids(engine, "f2")["U.S. Air Force"] == first
    assert kb_ids(engine, "f3")["Indian Air Force"] != first
