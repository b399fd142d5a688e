"""Across articles: only names are aliases, a stored name is the canonical one, a transliterated
given name links only where the context agrees, one entity keeps one type (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from newsgraph.store.schema import aliases, entities
from newsgraph.writer import write_facts

from .test_entities import kb_ids


def _aliases(engine: Engine, entity_id: int) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(aliases.c.norm).where(aliases.c.entity_id == entity_id)).scalars())


def _entity(engine: Engine, entity_id: int):
    with engine.connect() as conn:
        return conn.execute(select(entities.c.name, entities.c.type).where(entities.c.id == entity_id)).one()


def test_pronouns_and_kind_words_are_never_aliases(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "n1",
            "Wang He met the White House staff. He said the House of the White House was quiet.",
            [("Wang He", "PERSON", ["He"]), ("White House", "ORG", ["House"])],
        ),
    )
    wang, white = kb_ids(engine, "n1")["Wang He"], kb_ids(engine, "n1")["White House"]
    assert _aliases(engine, wang) == {"wang he"}
    assert _aliases(engine, white) == {"white house"}
    write_facts(
        engine,
        make_facts("n2", "The House voted on the budget on Friday.", [("House", "ORG", [])]),
    )
    assert kb_ids(engine, "n2")["House"] != white
    # capitals make a name of a pronoun's letters: "US" is the country
    write_facts(
        engine,
        make_facts(
            "n3", "The United States (US) sent aid. US troops left.", [("United States", "GPE", ["US"])]
        ),
    )
    assert "us" in _aliases(engine, kb_ids(engine, "n3")["United States"])


def test_an_organisations_head_noun_is_not_its_alias(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "h1",
            "The Seafarers Guild struck. The Guild said pay was too low.",
            [("Seafarers Guild", "ORG", ["Guild"])],
        ),
    )
    guild = kb_ids(engine, "h1")["Seafarers Guild"]
    assert "guild" not in _aliases(engine, guild)
    write_facts(engine, make_facts("h2", "The Guild of Bakers met in Lyon.", [("Guild", "ORG", [])]))
    assert kb_ids(engine, "h2")["Guild"] != guild


def test_canonical_name_drops_titles_and_the_titled_form_links(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "c1",
            "Sen. Ana Ruiz of Ostmark voted against the bill.",
            [("Sen. Ana Ruiz", "PERSON", []), ("Ostmark", "GPE", [])],
        ),
    )
    ruiz = kb_ids(engine, "c1")["Sen. Ana Ruiz"]
    assert _entity(engine, ruiz).name == "Ana Ruiz"
    write_facts(
        engine,
        make_facts(
            "c2",
            "Ana Ruiz spoke before the Ostmark Media Board.",
            [("Ana Ruiz", "PERSON", []), ("Ostmark", "GPE", [])],
        ),
    )
    assert kb_ids(engine, "c2")["Ana Ruiz"] == ruiz
    # "Mr. Ruiz" is a bare surname with a title, not a two-word name: no link without context
    write_facts(
        engine, make_facts("c3", "Mr. Ruiz coached the team in Lisbon.", [("Mr. Ruiz", "PERSON", [])])
    )
    assert kb_ids(engine, "c3")["Mr. Ruiz"] != ruiz
    # an office is no honorific: "President Varga" is as distinctive as a full name
    write_facts(
        engine,
        make_facts(
            "c4", "President Varga met President Varga's cabinet.", [("Varga", "PERSON", ["President Varga"])]
        ),
    )
    varga = kb_ids(engine, "c4")["President Varga"]
    write_facts(
        engine,
        make_facts("c5", "President Varga flew to Lisbon.", [("Varga", "PERSON", ["President Varga"])]),
    )
    assert kb_ids(engine, "c5")["President Varga"] == varga


def test_transliterated_given_names_link_when_context_agrees(engine: Engine, make_facts) -> None:
    envoy = "Ukraine's envoy to the Nordvik Council"
    write_facts(
        engine,
        make_facts(
            "t1",
            f"Serhiy Bondarenko, {envoy}, met officials in Ostmark.",
            [("Serhiy Bondarenko", "PERSON", []), ("Ostmark", "GPE", [])],
            descriptions={"Serhiy Bondarenko": envoy},
        ),
    )
    serhiy = kb_ids(engine, "t1")["Serhiy Bondarenko"]
    write_facts(
        engine,
        make_facts(
            "t2",
            "Sergei Bondarenko, the envoy of Ukraine, said that talks would go on.",
            [("Sergei Bondarenko", "PERSON", [])],
            descriptions={"Sergei Bondarenko": "the envoy of Ukraine"},
        ),
    )
    assert kb_ids(engine, "t2")["Sergei Bondarenko"] == serhiy
    # another spelling with nothing in common: a namesake, kept apart
    write_facts(
        engine,
        make_facts(
            "t3",
            "Sergey Bondarenko, a striker for Dynamo Vetka, scored twice.",
            [("Sergey Bondarenko", "PERSON", []), ("Dynamo Vetka", "ORG", [])],
            descriptions={"Sergey Bondarenko": "a striker for Dynamo Vetka"},
        ),
    )
    assert kb_ids(engine, "t3")["Sergey Bondarenko"] != serhiy
    # a different given name altogether is never a variant, whatever the context
    write_facts(
        engine,
        make_facts(
            "t4",
            "Oksana Bondarenko, the envoy of Ukraine, spoke next.",
            [("Oksana Bondarenko", "PERSON", [])],
            descriptions={"Oksana Bondarenko": "the envoy of Ukraine"},
        ),
    )
    assert kb_ids(engine, "t4")["Oksana Bondarenko"] != serhiy


def test_one_entity_one_type_the_stronger_evidence_wins(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts("y1", "Halvard Osei arrived in Brussels.", [("Halvard Osei", "WORK_OF_ART", [])]),
    )
    osei = kb_ids(engine, "y1")["Halvard Osei"]
    write_facts(
        engine,
        make_facts("y2", "Halvard Osei said the talks stalled.", [("Halvard Osei", "PERSON", [])]),
    )
    assert kb_ids(engine, "y2")["Halvard Osei"] == osei
    assert _entity(engine, osei).type == "PERSON"
    write_facts(
        engine,
        make_facts("y3", "Halvard Osei was the title of the report.", [("Halvard Osei", "WORK_OF_ART", [])]),
    )
    assert kb_ids(engine, "y3")["Halvard Osei"] == osei
    assert _entity(engine, osei).type == "PERSON"


def test_the_corpus_votes_an_entitys_type(engine: Engine, make_facts) -> None:
    # the first article's model called the platform a person; two later ones an organisation
    people = [("Chirpline", "PERSON", []), ("Dara Venn", "PERSON", []), ("Ostmark Media Board", "ORG", [])]
    write_facts(
        engine, make_facts("v1", "Chirpline banned Dara Venn before the Ostmark Media Board.", people)
    )
    chirp = kb_ids(engine, "v1")["Chirpline"]
    orgs = [("Chirpline", "ORG", []), ("Dara Venn", "PERSON", []), ("Ostmark Media Board", "ORG", [])]
    write_facts(
        engine,
        make_facts("v2", "Chirpline restored Dara Venn's account before the Ostmark Media Board.", orgs),
    )
    assert kb_ids(engine, "v2")["Chirpline"] == chirp
    assert _entity(engine, chirp).type == "PERSON"  # one against one: the stored type stays
    write_facts(
        engine, make_facts("v3", "Chirpline fined Dara Venn again before the Ostmark Media Board.", orgs)
    )
    assert kb_ids(engine, "v3")["Chirpline"] == chirp
    assert _entity(engine, chirp).type == "ORG"  # two against one
    write_facts(
        engine, make_facts("v4", "Chirpline thanked Dara Venn before the Ostmark Media Board.", people)
    )
    assert _entity(engine, chirp).type == "ORG"  # two against two: the stored type stays
