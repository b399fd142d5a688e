"""Two entities with the same full name stay apart when their descriptions clash; only a
description confident enough to be shown can clash, and words that share their first four
letters agree ("leading scorer" / "scoring leader"). SQLite and PostgreSQL; sentences written
for this test."""

from __future__ import annotations

from sqlalchemy import Engine

from newsgraph.writer import write_facts

from .test_entities import kb_ids


def _write(engine: Engine, make_facts, aid: str, text: str, desc: str, confidence: float = 1.0) -> int:  # type: ignore[no-untyped-def]
    facts = make_facts(aid, text, [("Ivo Brandt", "PERSON", [])], descriptions={"Ivo Brandt": desc})
    facts.descriptions[0].confidence = confidence
    write_facts(engine, facts)
    return kb_ids(engine, aid)["Ivo Brandt"]


def test_a_confident_clash_keeps_namesakes_apart(engine: Engine, make_facts) -> None:
    first = _write(
        engine,
        make_facts,
        "d1",
        "Ivo Brandt, the league's leading scorer, signed on.",
        "the league's leading scorer",
    )
    assert (
        _write(engine, make_facts, "d2", "Ivo Brandt, a retired dentist, opened a shop.", "a retired dentist")
        != first
    )


def test_a_description_too_weak_to_show_sets_no_one_apart(engine: Engine, make_facts) -> None:
    first = _write(
        engine,
        make_facts,
        "w1",
        "Ivo Brandt, the league's leading scorer, signed on.",
        "the league's leading scorer",
    )
    # a phrase misread as a description ("a heavy metal concert") is below the display band
    text = "Ivo Brandt was a heavy metal concert away from missing the game."
    assert _write(engine, make_facts, "w2", text, "a heavy metal concert", confidence=0.4) == first


def test_words_with_one_stem_agree(engine: Engine, make_facts) -> None:
    first = _write(
        engine,
        make_facts,
        "s1",
        "Ivo Brandt, the league's leading scorer, signed on.",
        "the league's leading scorer",
    )
    text = "Ivo Brandt, the club's all-time scoring leader, scored again."
    assert _write(engine, make_facts, "s2", text, "the club's all-time scoring leader") == first
