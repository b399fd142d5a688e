"""Short forms of names from data/nicknames.toml: a given name and its short form ("Mo" of
"Maurice") with the same surname link where the context agrees; an abbreviated first word of a
place ("Mt", "Ft") meets the written-out name; the forms of one known thing in data/known_names.toml
("U.S.", "United States") meet (SQLite and PostgreSQL). Sentences written for this test."""

from __future__ import annotations

from sqlalchemy import Engine

from newsgraph.resolve.nicknames import expand_place_word, known_forms, same_given_name
from newsgraph.writer import write_facts

from .test_entities import kb_ids


def test_short_forms_come_from_the_data_file() -> None:
    assert same_given_name("maurice", "mo") and same_given_name("bill", "william")
    assert not same_given_name("bill", "bob")  # two short forms of different names
    assert not same_given_name("mo", "mo")
    assert expand_place_word("Mt Kerrin") == "Mount Kerrin"
    assert expand_place_word("Ft. Alder") == "Fort Alder"
    assert expand_place_word("St Kilda") is None  # Street or Saint: not guessed
    assert expand_place_word("Mt") is None


def test_a_given_name_and_its_short_form_link_where_the_context_agrees(engine: Engine, make_facts) -> None:
    for aid, name in (("n1", "Maurice Okafor"), ("n2", "Maurice Eze")):
        write_facts(
            engine,
            make_facts(
                aid,
                f"{name} coached the Lagos Rangers to a win in Ibadan.",
                [(name, "PERSON", []), ("Lagos Rangers", "ORG", []), ("Ibadan", "GPE", [])],
            ),
        )
    okafor, eze = kb_ids(engine, "n1")["Maurice Okafor"], kb_ids(engine, "n2")["Maurice Eze"]
    # the short form with nothing in common: a namesake, kept apart
    write_facts(
        engine,
        make_facts(
            "n3", "Mo Okafor opened a bakery in Graz.", [("Mo Okafor", "PERSON", []), ("Graz", "GPE", [])]
        ),
    )
    assert kb_ids(engine, "n3")["Mo Okafor"] != okafor
    # the short form with the team he coached around it: the same man
    write_facts(
        engine,
        make_facts(
            "n4",
            "Mo Eze said the Lagos Rangers had earned the cup.",
            [("Mo Eze", "PERSON", []), ("Lagos Rangers", "ORG", [])],
        ),
    )
    assert kb_ids(engine, "n4")["Mo Eze"] == eze
    # a given name that is no short form of Maurice stays apart even with the same team around it
    write_facts(
        engine,
        make_facts(
            "n5",
            "Bill Eze watched the Lagos Rangers in Ibadan.",
            [("Bill Eze", "PERSON", []), ("Lagos Rangers", "ORG", []), ("Ibadan", "GPE", [])],
        ),
    )
    assert kb_ids(engine, "n5")["Bill Eze"] != eze


def test_an_abbreviated_place_word_meets_the_full_name(engine: Engine, make_facts) -> None:
    write_facts(
        engine, make_facts("p1", "Two climbers were rescued on Mt Kerrin.", [("Mt Kerrin", "LOC", [])])
    )
    mount = kb_ids(engine, "p1")["Mt Kerrin"]
    write_facts(
        engine, make_facts("p2", "Snow closed the road to Mount Kerrin.", [("Mount Kerrin", "LOC", [])])
    )
    assert kb_ids(engine, "p2")["Mount Kerrin"] == mount
    write_facts(engine, make_facts("p3", "Fort Alder reopened its gates.", [("Fort Alder", "FAC", [])]))
    write_facts(engine, make_facts("p4", "Visitors returned to Ft Alder.", [("Ft Alder", "FAC", [])]))
    assert kb_ids(engine, "p4")["Ft Alder"] == kb_ids(engine, "p3")["Fort Alder"]
    assert kb_ids(engine, "p3")["Fort Alder"] != mount


def test_known_short_forms_of_one_thing_meet(engine: Engine, make_facts) -> None:
    assert "United States" in known_forms("U.S.", "GPE")
    assert known_forms("U.S.", "PERSON") == ()  # only for the type the data file gives
    write_facts(engine, make_facts("k1", "Talks in the United States ended.", [("United States", "GPE", [])]))
    write_facts(engine, make_facts("k2", "The U.S. envoy left early.", [("U.S.", "GPE", [])]))
    write_facts(engine, make_facts("k3", "The US said no.", [("US", "GPE", [])]))
    usa = kb_ids(engine, "k1")["United States"]
    assert kb_ids(engine, "k2")["U.S."] == usa and kb_ids(engine, "k3")["US"] == usa
    # the organisation is not the country
    write_facts(engine, make_facts("k4", "The United Nations met.", [("United Nations", "ORG", [])]))
    write_facts(engine, make_facts("k5", "The UN voted.", [("UN", "ORG", [])]))
    assert kb_ids(engine, "k5")["UN"] == kb_ids(engine, "k4")["United Nations"] != usa
