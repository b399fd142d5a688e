"""Only a role or kind phrase sets two namesakes apart: a confident misreading ("Good luck",
"People magazine" taken as a description) on either side splits no one, while two real roles
("the Harlow Rovers goalkeeper" / "a retired dentist") still do. SQLite and PostgreSQL;
sentences written for this test."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from newsgraph.resolve.kinds import is_role_phrase
from newsgraph.writer import write_facts

from .test_entities import kb_ids


def _write(engine: Engine, make_facts, aid: str, text: str, desc: str) -> int:  # type: ignore[no-untyped-def]
    facts = make_facts(aid, text, [("Ivo Brandt", "PERSON", [])], descriptions={"Ivo Brandt": desc})
    facts.descriptions[0].confidence = 0.9  # shown: only its words can decide
    write_facts(engine, facts)
    return kb_ids(engine, aid)["Ivo Brandt"]


def test_two_roles_keep_namesakes_apart(engine: Engine, make_facts) -> None:
    first = _write(
        engine, make_facts, "k1", "Ivo Brandt, the Harlow Rovers goalkeeper, saved a penalty.",
        "the Harlow Rovers goalkeeper",
    )  # fmt: skip
    text = "Ivo Brandt, a retired dentist, opened a bakery."
    assert _write(engine, make_facts, "k2", text, "a retired dentist") != first


def test_a_misread_phrase_in_the_new_article_splits_no_one(engine: Engine, make_facts) -> None:
    first = _write(
        engine, make_facts, "n1", "Ivo Brandt, the Harlow Rovers goalkeeper, saved a penalty.",
        "the Harlow Rovers goalkeeper",
    )  # fmt: skip
    text = 'Fans waved at Ivo Brandt, "Good luck", as the bus left.'
    assert _write(engine, make_facts, "n2", text, "Good luck") == first


def test_a_misread_phrase_in_the_store_splits_no_one(engine: Engine, make_facts) -> None:
    first = _write(
        engine, make_facts, "s1", "Ivo Brandt told Weekend magazine he was fine.", "Weekend magazine"
    )
    text = "Ivo Brandt, the Harlow Rovers goalkeeper, saved a penalty."
    assert _write(engine, make_facts, "s2", text, "the Harlow Rovers goalkeeper") == first


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("the Harlow Rovers goalkeeper", True),
        ("a retired dentist", True),
        ("an 11-year veteran", True),
        ("communications lead at Corvane", True),
        ("the singer's publicist", True),
        ("City Councilman", True),
        ("Good luck", False),
        ("Weekend magazine", False),
        ("part of a display in a front yard", False),
        ("the incident", False),
    ],
)
def test_role_phrases(text: str, role: bool) -> None:
    assert is_role_phrase(text) is role


def test_a_career_stage_sets_no_one_apart(engine: Engine, make_facts) -> None:
    first = _write(
        engine, make_facts, "v1", "Ivo Brandt, the Harlow Rovers goalkeeper, saved a penalty.",
        "the Harlow Rovers goalkeeper",
    )  # fmt: skip
    text = "Ivo Brandt, a 12-year veteran, signed a new contract."
    assert _write(engine, make_facts, "v2", text, "a 12-year veteran") == first


def test_an_adjective_with_an_agent_ending_is_no_kind() -> None:
    assert not is_role_phrase("a frequent")
    assert not is_role_phrase("three")
