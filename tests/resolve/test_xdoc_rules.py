"""Cross-article rules found on same-event news: a headline fragment takes the body's name, a
team's last word links with agreeing context, middle initials and "Jr." do not split a person,
two different full names never meet through shared initials (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Engine

from newsgraph.writer import write_facts

from .test_entities import kb_ids
from .test_entity_names import _entity


def _titled(make_facts, article_id: str, text: str, ents):  # type: ignore[no-untyped-def]
    facts = make_facts(article_id, text, ents)
    facts.article.title = text.split("\n", 1)[0]
    return facts


def test_a_headline_fragment_takes_the_name_the_body_uses(engine: Engine, make_facts) -> None:
    text = "Pelicans Edge Hawks To Reach Final\nThe Pelicans beat the Hawks 3-2 to reach the final in Mobile."
    write_facts(
        engine,
        _titled(
            make_facts,
            "c2",
            text,
            [("Pelicans Edge Hawks To Reach Final", "ORG", ["Pelicans"]), ("Mobile", "GPE", [])],
        ),
    )
    got = kb_ids(engine, "c2")["Pelicans Edge Hawks To Reach Final"]
    assert _entity(engine, got).name != "Pelicans Edge Hawks To Reach Final"
    # a full name in a headline is a name, not a fragment: "Tyler" is no common word of the body
    text = "Tomas Verhoef Leads Rally\nVerhoef scored twice as the team came back."
    write_facts(engine, _titled(make_facts, "c3", text, [("Tomas Verhoef", "PERSON", ["Verhoef"])]))
    assert _entity(engine, kb_ids(engine, "c3")["Tomas Verhoef"]).name == "Tomas Verhoef"
    # a person cut to one word needs two common words left out: "Rose Smith" stays whole
    text = "Rose Smith Wins\nSmith said prices rose after she wins."
    write_facts(engine, _titled(make_facts, "c4", text, [("Rose Smith", "PERSON", ["Smith"])]))
    assert _entity(engine, kb_ids(engine, "c4")["Rose Smith"]).name == "Rose Smith"


def test_a_teams_last_word_links_only_with_agreeing_context(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "t1",
            "The Harbor Pelicans signed Ivo Brandt in Mobile. The Bay Otters signed Lena Kurz.",
            [
                ("Harbor Pelicans", "ORG", []),
                ("Ivo Brandt", "PERSON", []),
                ("Mobile", "GPE", []),
                ("Bay Otters", "ORG", []),
                ("Lena Kurz", "PERSON", []),
            ],
        ),
    )
    pelicans, otters = (kb_ids(engine, "t1")[n] for n in ("Harbor Pelicans", "Bay Otters"))
    # the bare last word with nothing around it that agrees: a bird charity, not the team
    write_facts(
        engine,
        make_facts(
            "t2", "Pelicans is a charity in Lisbon.", [("Pelicans", "ORG", []), ("Lisbon", "GPE", [])]
        ),
    )
    assert kb_ids(engine, "t2")["Pelicans"] != pelicans
    # the bare last word with a shared neighbour, named later in the article
    write_facts(
        engine,
        make_facts(
            "t3", "Otters coach praised Lena Kurz.", [("Otters", "ORG", []), ("Lena Kurz", "PERSON", [])]
        ),
    )
    assert kb_ids(engine, "t3")["Otters"] == otters
    # a kind word (data/not_names.toml) is no key: "Union" does not find "Seafarers Union"
    write_facts(
        engine,
        make_facts(
            "t4",
            "The Seafarers Union met Ivo Brandt.",
            [("Seafarers Union", "ORG", []), ("Ivo Brandt", "PERSON", [])],
        ),
    )
    write_facts(
        engine,
        make_facts(
            "t5", "Union leaders met Ivo Brandt.", [("Union", "ORG", []), ("Ivo Brandt", "PERSON", [])]
        ),
    )
    assert kb_ids(engine, "t5")["Union"] != kb_ids(engine, "t4")["Seafarers Union"]


def test_middle_initials_and_suffixes_do_not_split_a_person(engine: Engine, make_facts) -> None:
    write_facts(
        engine, make_facts("p1", "Nadia K. Olsson spoke in Oslo.", [("Nadia K. Olsson", "PERSON", [])])
    )
    write_facts(engine, make_facts("p2", "Nadia Olsson left Bergen.", [("Nadia Olsson", "PERSON", [])]))
    assert kb_ids(engine, "p1")["Nadia K. Olsson"] == kb_ids(engine, "p2")["Nadia Olsson"]
    write_facts(
        engine,
        make_facts("p3", "Rufus Dale Marlow Jr. was freed.", [("Rufus Dale Marlow Jr.", "PERSON", [])]),
    )
    write_facts(
        engine, make_facts("p4", "Rufus Dale Marlow was freed.", [("Rufus Dale Marlow", "PERSON", [])])
    )
    assert kb_ids(engine, "p3")["Rufus Dale Marlow Jr."] == kb_ids(engine, "p4")["Rufus Dale Marlow"]
    # a different given name is a different person, initial or not
    write_facts(engine, make_facts("p5", "Nora K. Olsson spoke.", [("Nora K. Olsson", "PERSON", [])]))
    assert kb_ids(engine, "p5")["Nora K. Olsson"] != kb_ids(engine, "p1")["Nadia K. Olsson"]


def test_two_full_names_do_not_meet_by_their_initials(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "i1",
            "The Western Boating Club (WBC) met.",
            [("Western Boating Club", "ORG", ["WBC"])],
        ),
    )
    club = kb_ids(engine, "i1")["Western Boating Club"]
    write_facts(
        engine,
        make_facts("i2", "Wexford Baptist Church held a vigil.", [("Wexford Baptist Church", "ORG", [])]),
    )
    assert kb_ids(engine, "i2")["Wexford Baptist Church"] != club
    # the letters alone still find the club
    write_facts(engine, make_facts("i3", "WBC members sailed.", [("WBC", "ORG", [])]))
    assert kb_ids(engine, "i3")["WBC"] == club


def test_a_team_the_model_calls_a_person_links_with_two_agreeing_neighbours(
    engine: Engine, make_facts
) -> None:
    write_facts(
        engine,
        make_facts(
            "k1",
            "The Harbor Pelicans beat the Bay Otters in Mobile; Ivo Brandt scored.",
            [
                ("Harbor Pelicans", "ORG", []),
                ("Bay Otters", "ORG", []),
                ("Mobile", "GPE", []),
                ("Ivo Brandt", "PERSON", []),
            ],
        ),
    )
    team, otters = (kb_ids(engine, "k1")[n] for n in ("Harbor Pelicans", "Bay Otters"))
    # typed PERSON with one agreeing neighbour: not enough when the type differs
    write_facts(
        engine,
        make_facts(
            "k2", "Otters thanked Ivo Brandt.", [("Otters", "PERSON", []), ("Ivo Brandt", "PERSON", [])]
        ),
    )
    assert kb_ids(engine, "k2")["Otters"] != otters
    # typed PERSON with two: the team
    write_facts(
        engine,
        make_facts(
            "k3",
            "Pelicans beat Bay Otters again; Ivo Brandt scored.",
            [("Pelicans", "PERSON", []), ("Bay Otters", "ORG", []), ("Ivo Brandt", "PERSON", [])],
        ),
    )
    assert kb_ids(engine, "k3")["Pelicans"] == team


def test_a_bare_surname_goes_to_the_namesake_with_clearly_more_context(engine: Engine, make_facts) -> None:
    places = ["Arden", "Bexley", "Corran", "Dunmore", "Elgin", "Fenwick"]
    places_ents = [(p, "GPE", []) for p in places]
    write_facts(
        engine,
        make_facts(
            "s1", "Ivo Marsh toured " + ", ".join(places) + ".", [("Ivo Marsh", "PERSON", []), *places_ents]
        ),
    )
    write_facts(
        engine,
        make_facts(
            "s2",
            "Paul Marsh toured " + ", ".join(places[:3]) + ".",
            [("Paul Marsh", "PERSON", []), *places_ents[:3]],
        ),
    )
    ivo = kb_ids(engine, "s1")["Ivo Marsh"]
    # six places shared with Ivo, three with Paul: context tells them apart (both are over the cap of 3)
    write_facts(
        engine,
        make_facts(
            "s4", "Marsh returned to " + ", ".join(places) + ".", [("Marsh", "PERSON", []), *places_ents]
        ),
    )
    assert kb_ids(engine, "s4")["Marsh"] == ivo


def test_a_surname_one_letter_apart_links_only_with_context(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "r1",
            "Duncan Rait fell near Tasman Glacier; Aoraki Rescue flew him out.",
            [("Duncan Rait", "PERSON", []), ("Tasman Glacier", "LOC", []), ("Aoraki Rescue", "ORG", [])],
        ),
    )
    rait = kb_ids(engine, "r1")["Duncan Rait"]
    # nothing in common: a namesake as far as anyone can tell
    write_facts(engine, make_facts("r2", "Duncan Raith opened a bakery.", [("Duncan Raith", "PERSON", [])]))
    assert kb_ids(engine, "r2")["Duncan Raith"] != rait
    write_facts(
        engine,
        make_facts(
            "r3",
            "Aoraki Rescue reached Duncan Raite.",
            [("Aoraki Rescue", "ORG", []), ("Duncan Raite", "PERSON", [])],
        ),
    )
    assert kb_ids(engine, "r3")["Duncan Raite"] == rait
    # more than a letter apart is another name ("Martin" / "Martinez"), context or not
    write_facts(
        engine,
        make_facts(
            "r4",
            "Aoraki Rescue reached Duncan Raitman.",
            [("Aoraki Rescue", "ORG", []), ("Duncan Raitman", "PERSON", [])],
        ),
    )
    assert kb_ids(engine, "r4")["Duncan Raitman"] != rait


def test_a_weak_label_on_a_bare_surname_yields_to_one_agreeing_neighbour(engine: Engine, make_facts) -> None:
    write_facts(
        engine,
        make_facts(
            "w1",
            "Ivo Brandt and Lena Kurz trained with Aoraki Rescue.",
            [("Ivo Brandt", "PERSON", []), ("Lena Kurz", "PERSON", []), ("Aoraki Rescue", "ORG", [])],
        ),
    )
    ivo, lena = (kb_ids(engine, "w1")[n] for n in ("Ivo Brandt", "Lena Kurz"))
    # labelled as a place, one shared neighbour is not enough
    write_facts(
        engine,
        make_facts("w2", "Kurz praised Aoraki Rescue.", [("Kurz", "GPE", []), ("Aoraki Rescue", "ORG", [])]),
    )
    assert kb_ids(engine, "w2")["Kurz"] != lena
    # labelled as a nationality (a weak label), it is
    write_facts(
        engine,
        make_facts(
            "w3", "Brandt thanked Aoraki Rescue.", [("Brandt", "NORP", []), ("Aoraki Rescue", "ORG", [])]
        ),
    )
    assert kb_ids(engine, "w3")["Brandt"] == ivo
