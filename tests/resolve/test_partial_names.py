"""A person's surname or given name alone, left apart by the tagger, joins the person named in full
in the same article; a bare name never links past the article's own namesakes; a person first
stored under the surname alone takes the full name when the context agrees (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from newsgraph.resolve.partial import namesakes, partial_owners
from newsgraph.store.schema import entities
from newsgraph.writer import write_facts

from .test_entities import kb_ids


def _name(engine: Engine, entity_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(select(entities.c.name).where(entities.c.id == entity_id)).scalar_one()


def test_a_surname_typed_as_a_place_joins_the_person(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "p1",
            "Odile Varnaz won the county seat on Sunday. Varnaz thanked her volunteers.",
            [("Odile Varnaz", "PERSON", []), ("Varnaz", "GPE", [])],
        ),
    )
    ids = kb_ids(engine, "p1")
    assert ids["Varnaz"] == ids["Odile Varnaz"]
    assert _name(engine, ids["Varnaz"]) == "Odile Varnaz"


def test_a_given_name_and_a_surname_after_a_suffix_join_the_person(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "p2",
            "Teodor Brask signed for the club. Teodor scored twice. Lucan Ferro Jr. watched. "
            "Ferro later left the ground.",
            [
                ("Teodor Brask", "PERSON", []),
                ("Lucan Ferro Jr.", "PERSON", []),
                ("Teodor", "PRODUCT", []),
                ("Ferro", "PERSON", []),
            ],
        ),
    )
    ids = kb_ids(engine, "p2")
    assert ids["Teodor"] == ids["Teodor Brask"]
    assert ids["Ferro"] == ids["Lucan Ferro Jr."]
    assert ids["Teodor Brask"] != ids["Lucan Ferro Jr."]


def test_a_word_used_as_a_place_or_shared_by_two_names_stays_apart(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "p3",
            "Sela Norwood opened a bakery in Norwood last week. Ilse Marrow and Ilse Brandt met. "
            "Ilse left early. Corin Vale lives on Vale Street. Vale was quiet. "
            "Harwick Councilman spoke. Harwick voted no. Gideon Marlow founded Marlow, whose shares fell.",
            [
                ("Sela Norwood", "PERSON", []),
                ("Ilse Marrow", "PERSON", []),
                ("Ilse Brandt", "PERSON", []),
                ("Corin Vale", "PERSON", []),
                ("Vale Street", "FAC", []),
                ("Harwick Councilman", "PERSON", []),
                ("Norwood", "GPE", []),
                ("Ilse", "GPE", []),
                ("Vale", "GPE", []),
                ("Harwick", "GPE", []),
                ("Gideon Marlow", "PERSON", []),
                ("Marlow", "ORG", []),
            ],
        ),
    )
    ids = kb_ids(engine, "p3")
    assert ids["Norwood"] != ids["Sela Norwood"]  # "in Norwood": a place
    assert ids["Ilse"] not in {ids["Ilse Marrow"], ids["Ilse Brandt"]}  # whose?
    assert ids["Vale"] not in {ids["Corin Vale"], ids["Vale Street"]}  # another name holds it
    assert ids["Harwick"] != ids["Harwick Councilman"]  # a place and an office, not a person
    assert ids["Marlow"] != ids["Gideon Marlow"]  # a firm named after its founder


def test_a_given_name_the_store_knows_as_a_place_stays_apart(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts("k1", "Floods reached Kestrel on Monday.", [("Kestrel", "GPE", [])]),
    )
    place = kb_ids(engine, "k1")["Kestrel"]
    write_facts(
        engine,
        make_facts(
            "k2",
            "Kestrel Hawks won at home. Kestrel fans sang all night.",
            [("Kestrel Hawks", "PERSON", []), ("Kestrel", "GPE", [])],
        ),
    )
    ids = kb_ids(engine, "k2")
    assert ids["Kestrel"] == place != ids["Kestrel Hawks"]


def test_a_bare_surname_links_only_to_the_articles_own_namesakes(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "d1",
            "The Fenwick Harbour Authority hired Pell Dorrin as its pilot. Dorrin starts in May.",
            [("Fenwick Harbour Authority", "ORG", []), ("Pell Dorrin", "PERSON", ["Dorrin"])],
        ),
    )
    pell = kb_ids(engine, "d1")["Pell Dorrin"]
    write_facts(
        engine,
        make_facts(
            "d2",
            "The Fenwick Harbour Authority fined Amos Dorrin and Kit Dorrin. Dorrin will appeal.",
            [
                ("Fenwick Harbour Authority", "ORG", []),
                ("Amos Dorrin", "PERSON", []),
                ("Kit Dorrin", "PERSON", []),
                ("Dorrin", "PERSON", []),
            ],
        ),
    )
    ids = kb_ids(engine, "d2")
    assert ids["Dorrin"] != pell  # one of the two brothers, not the pilot stored before
    assert len({ids["Amos Dorrin"], ids["Kit Dorrin"], pell}) == 3


def test_a_person_stored_by_surname_alone_takes_the_full_name(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "s1",
            "Brightwater Port Authority staff walked out. Okonye said the talks had failed.",
            [("Brightwater Port Authority", "ORG", []), ("Okonye", "PERSON", [])],
        ),
    )
    bare = kb_ids(engine, "s1")["Okonye"]
    write_facts(
        engine,
        make_facts(
            "s2",
            "Brightwater Port Authority talks resumed. Adaeze Okonye, the union's negotiator, was hopeful.",
            [("Brightwater Port Authority", "ORG", []), ("Adaeze Okonye", "PERSON", [])],
        ),
    )
    assert kb_ids(engine, "s2")["Adaeze Okonye"] == bare
    assert _name(engine, bare) == "Adaeze Okonye"
    # no shared context: a namesake stays apart
    write_facts(
        engine,
        make_facts(
            "s3",
            "Grain prices rose in Tallin County. Bram Okonye sold his harvest early.",
            [("Tallin County", "GPE", []), ("Bram Okonye", "PERSON", [])],
        ),
    )
    assert kb_ids(engine, "s3")["Bram Okonye"] != bare


def test_the_rules_read_the_article_alone(make_facts) -> None:
    facts = make_facts(
        "r1",
        "Mira Talbot spoke first. Talbot then left. Talbot Hall stayed open. Mira waved.",
        [
            ("Mira Talbot", "PERSON", []),
            ("Talbot Hall", "FAC", []),
            ("Talbot", "GPE", []),
            ("Mira", "PERSON", []),
        ],
    )
    owners = partial_owners(facts)
    assert "e3" not in owners  # "Talbot Hall" holds the word too
    assert owners == {"e4": "e1"}  # "Mira" is only Mira Talbot's
    assert namesakes(facts) == {"e4": ["e1"]}


def test_a_middle_name_left_out_links_where_the_context_agrees(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "m1",
            "Harlow Mining Group closed its pit. Petra Ines Vasko, its lawyer, filed the papers.",
            [("Harlow Mining Group", "ORG", []), ("Petra Ines Vasko", "PERSON", [])],
        ),
    )
    full = kb_ids(engine, "m1")["Petra Ines Vasko"]
    write_facts(
        engine,
        make_facts(
            "m2",
            "Harlow Mining Group appealed on Monday. Petra Vasko said the ruling was wrong.",
            [("Harlow Mining Group", "ORG", []), ("Petra Vasko", "PERSON", [])],
        ),
    )
    assert kb_ids(engine, "m2")["Petra Vasko"] == full
    write_facts(
        engine,
        make_facts(
            "m3",
            "Kessing Foods cut prices. Tomas Orrin Bell, its buyer, praised the farmers.",
            [("Kessing Foods", "ORG", []), ("Tomas Orrin Bell", "PERSON", [])],
        ),
    )
    write_facts(
        engine,
        make_facts(
            "m4",
            "Orla Bay Rowing Club won the regatta. Tomas Bell stroked the winning boat.",
            [("Orla Bay Rowing Club", "ORG", []), ("Tomas Bell", "PERSON", [])],
        ),
    )
    assert kb_ids(engine, "m4")["Tomas Bell"] != kb_ids(engine, "m3")["Tomas Orrin Bell"]  # a namesake


def test_a_titled_bare_surname_makes_the_word_ambiguous(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "t1",
            "President Marsh signed the bill. His nephew Hollis Marsh watched. Marsh then left for Ohio.",
            [("President Marsh", "PERSON", []), ("Hollis Marsh", "PERSON", []), ("Marsh", "GPE", [])],
        ),
    )
    ids = kb_ids(engine, "t1")
    assert ids["Marsh"] != ids["Hollis Marsh"]  # the president or the nephew: the article does not say
