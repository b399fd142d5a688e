"""Cross-document entity resolution: one entity for one thing however it is written; namesakes apart."""

from __future__ import annotations

from sqlalchemy import Engine, select

from newsgraph.query import find_entities
from newsgraph.resolve.names import compact_key, initials, is_acronym, name_key
from newsgraph.store.schema import entities, mentions
from newsgraph.writer import write_facts


def kb_ids(engine: Engine, article_id: str) -> dict[str, int]:
    """Article-local entity name -> knowledge-base id, read back from the stored mentions."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(mentions.c.text, mentions.c.entity_id).where(mentions.c.article_id == article_id)
        ).all()
    return {r.text: r.entity_id for r in rows}


def test_name_helpers() -> None:
    assert name_key("ISIS - K") == name_key("ISIS-K") == name_key("isis k")
    assert compact_key("Al Qaeda") == compact_key("AlQaeda") == compact_key("al-Qaeda")
    assert compact_key("Mt. Cook") == compact_key("Mt Cook") == compact_key("Mount Cook")
    assert compact_key("St Louis") != compact_key("Saint Louis")  # "St" is Saint or Street: left alone
    assert initials("North Atlantic Treaty Organization") == "nato"
    assert initials("Bank of England") == "be"
    assert is_acronym("ISIS-K") and is_acronym("U.S.") and not is_acronym("Reuters") and not is_acronym("A")


def test_spelling_spacing_hyphens_and_parenthesised_alias(engine: Engine, make_facts) -> None:
    # the model cut the long name apart; the parentheses still teach that ISIS-K is that group
    write_facts(
        engine,
        make_facts(
            "a1",
            "Islamic State Khorasan Province (ISIS-K) claimed the attack in Kabul.",
            [("ISIS-K", "ORG", []), ("Kabul", "GPE", [])],
        ),
    )
    write_facts(engine, make_facts("a2", "The ISIS - K cell was blamed.", [("ISIS - K", "ORG", [])]))
    write_facts(engine, make_facts("a3", "Officials said ISIS K recruits online.", [("ISIS K", "ORG", [])]))
    write_facts(
        engine, make_facts("a4", "ISIS-Khorasan fighters attacked again.", [("ISIS-Khorasan", "ORG", [])])
    )
    write_facts(
        engine,
        make_facts(
            "a5",
            "The Islamic State Khorasan Province said so.",
            [("Islamic State Khorasan Province", "ORG", [])],
        ),
    )
    ids = {
        kb_ids(engine, a)[form]
        for a, form in [
            ("a1", "ISIS-K"),
            ("a2", "ISIS - K"),
            ("a3", "ISIS K"),
            ("a4", "ISIS-Khorasan"),
            ("a5", "Islamic State Khorasan Province"),
        ]
    }
    assert len(ids) == 1
    with engine.connect() as conn:
        row = conn.execute(select(entities).where(entities.c.id == ids.pop())).one()
        assert row.name == "Islamic State Khorasan Province"  # the full name replaces the acronym
        assert row.article_count == 5
        assert [c["id"] for c in find_entities(conn, "ISIS-Khorasan")] == [row.id]


def test_acronym_meets_its_expansion_but_not_for_people(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "b1",
            "The North Atlantic Treaty Organization met in Brussels.",
            [("North Atlantic Treaty Organization", "ORG", []), ("Brussels", "GPE", [])],
        ),
    )
    write_facts(engine, make_facts("b2", "NATO ministers agreed.", [("NATO", "ORG", [])]))
    write_facts(engine, make_facts("b3", "John Kerry Smith spoke.", [("John Kerry Smith", "PERSON", [])]))
    write_facts(engine, make_facts("b4", "JKS signed.", [("JKS", "ORG", [])]))
    assert kb_ids(engine, "b1")["North Atlantic Treaty Organization"] == kb_ids(engine, "b2")["NATO"]
    assert kb_ids(engine, "b3")["John Kerry Smith"] != kb_ids(engine, "b4")["JKS"]


def test_spelling_variants_are_fuzzy_only_where_safe(engine: Engine, make_facts) -> None:
    write_facts(engine, make_facts("c1", "al-Qaeda claimed it.", [("al-Qaeda", "ORG", [])]))
    write_facts(engine, make_facts("c2", "al-Qaida denied it.", [("al-Qaida", "ORG", [])]))
    write_facts(engine, make_facts("c3", "John Smith won.", [("John Smith", "PERSON", [])]))
    write_facts(engine, make_facts("c4", "Joan Smith lost.", [("Joan Smith", "PERSON", [])]))
    write_facts(engine, make_facts("c5", "Mohammed Hassan spoke.", [("Mohammed Hassan", "PERSON", [])]))
    write_facts(engine, make_facts("c6", "Mohammad Hassan spoke.", [("Mohammad Hassan", "PERSON", [])]))
    assert kb_ids(engine, "c1")["al-Qaeda"] == kb_ids(engine, "c2")["al-Qaida"]
    assert kb_ids(engine, "c3")["John Smith"] != kb_ids(engine, "c4")["Joan Smith"]
    assert kb_ids(engine, "c5")["Mohammed Hassan"] == kb_ids(engine, "c6")["Mohammad Hassan"]


def test_two_reyes_stay_apart_and_a_bare_surname_needs_context(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "r1",
            "Ana Reyes, a senator from Texas, spoke in Austin. Reyes said the Texas bill would pass.",
            [("Ana Reyes", "PERSON", ["Reyes"]), ("Texas", "GPE", []), ("Austin", "GPE", [])],
            {"Ana Reyes": "a senator from Texas"},
        ),
    )
    write_facts(
        engine,
        make_facts(
            "r2",
            "Carlos Reyes, a fisherman in Manila, lost his boat. Reyes blamed the Pacific storm.",
            [("Carlos Reyes", "PERSON", ["Reyes"]), ("Manila", "GPE", []), ("Pacific", "LOC", [])],
            {"Carlos Reyes": "a fisherman in Manila"},
        ),
    )
    ana, carlos = kb_ids(engine, "r1")["Ana Reyes"], kb_ids(engine, "r2")["Carlos Reyes"]
    assert ana != carlos
    with engine.connect() as conn:
        assert {c["id"] for c in find_entities(conn, "Reyes")} == {ana, carlos}
    # context decides a bare surname: Texas and Austin are Ana's
    write_facts(
        engine,
        make_facts(
            "r3",
            "In Austin, Reyes pushed the Texas bill.",
            [("Reyes", "PERSON", []), ("Austin", "GPE", []), ("Texas", "GPE", [])],
        ),
    )
    assert kb_ids(engine, "r3")["Reyes"] == ana
    # no context at all: no merge
    write_facts(engine, make_facts("r4", "Reyes declined to comment.", [("Reyes", "PERSON", [])]))
    assert kb_ids(engine, "r4")["Reyes"] not in {ana, carlos}


def test_same_full_name_different_people_by_context(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "m1",
            "Maria Lopez, a nurse in Ohio, treated patients in Columbus.",
            [("Maria Lopez", "PERSON", []), ("Ohio", "GPE", []), ("Columbus", "GPE", [])],
            {"Maria Lopez": "a nurse in Ohio"},
        ),
    )
    write_facts(
        engine,
        make_facts(
            "m2",
            "Maria Lopez, a striker for Barcelona, scored in Madrid.",
            [("Maria Lopez", "PERSON", []), ("Barcelona", "ORG", []), ("Madrid", "GPE", [])],
            {"Maria Lopez": "a striker for Barcelona"},
        ),
    )
    write_facts(
        engine,
        make_facts(
            "m3",
            "Maria Lopez, the Ohio nurse, returned to Columbus.",
            [("Maria Lopez", "PERSON", []), ("Ohio", "GPE", []), ("Columbus", "GPE", [])],
            {"Maria Lopez": "the Ohio nurse"},
        ),
    )
    nurse, striker, again = (kb_ids(engine, a)["Maria Lopez"] for a in ("m1", "m2", "m3"))
    assert nurse != striker
    assert again == nurse
    # without descriptions to clash, the same two-word name merges as before
    write_facts(engine, make_facts("m4", "Maria Lopez was seen.", [("Maria Lopez", "PERSON", [])]))
    assert kb_ids(engine, "m4")["Maria Lopez"] in {nurse, striker}


def test_one_article_two_local_entities_count_once(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "n1", "Boeing and the Boeing Company.", [("Boeing Company", "ORG", []), ("Boeing", "ORG", [])]
        ),
    )
    write_facts(engine, make_facts("n2", "Boeing Company shares rose.", [("Boeing Company", "ORG", [])]))
    with engine.connect() as conn:
        row = conn.execute(select(entities).where(entities.c.name == "Boeing Company")).one()
    assert row.article_count == 2


def test_legal_form_and_dotted_letters(engine: Engine, make_facts) -> None:
    write_facts(engine, make_facts("d1", "Apple unveiled a phone.", [("Apple", "ORG", [])]))
    write_facts(engine, make_facts("d2", "Apple Inc. shares rose.", [("Apple Inc.", "ORG", [])]))
    write_facts(engine, make_facts("d3", "The U.S. economy grew.", [("U.S.", "GPE", [])]))
    write_facts(engine, make_facts("d4", "The US dollar fell.", [("US", "GPE", [])]))
    write_facts(
        engine, make_facts("d5", "Apple Corps, the Beatles' company, sued.", [("Apple Corps", "ORG", [])])
    )
    assert kb_ids(engine, "d1")["Apple"] == kb_ids(engine, "d2")["Apple Inc."]
    assert kb_ids(engine, "d3")["U.S."] == kb_ids(engine, "d4")["US"]
    assert kb_ids(engine, "d5")["Apple Corps"] != kb_ids(engine, "d1")["Apple"]


def test_a_short_form_of_mount_meets_the_full_word(engine: Engine, make_facts) -> None:
    write_facts(
        engine, make_facts("m1", "Two climbers died on Mt Halden on Sunday.", [("Mt Halden", "LOC", [])])
    )
    write_facts(
        engine,
        make_facts("m2", "Rescuers reached Mount Halden late on Monday.", [("Mount Halden", "LOC", [])]),
    )
    assert kb_ids(engine, "m1")["Mt Halden"] == kb_ids(engine, "m2")["Mount Halden"]
