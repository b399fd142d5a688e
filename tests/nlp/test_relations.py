"""Relations: verb frames, passives, relative clauses, symmetric statements, negation, and the gold
relations of the two example pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Timex
from newsgraph.nlp import annotate, load_pipeline
from newsgraph.nlp.coref import resolve_coref
from newsgraph.nlp.descriptions import describe_entities
from newsgraph.nlp.extensions import EntityCluster
from newsgraph.nlp.relations import RELATION_TYPES, find_relations
from newsgraph.trust import shown

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def seeded(
    nlp: Language, text: str, entities: list[tuple[str, str]], timexes: list[tuple[str, str]] = ()
) -> Doc:
    """Parse ``text``, set entities (and timexes) by hand, then run descriptions and coreference."""
    doc = nlp(text)
    clusters = []
    for n, (name, label) in enumerate(entities):
        cluster = EntityCluster(id=f"e{n + 1}", name=name, label=label)
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            cluster.spans.append(doc.char_span(m.start(), m.end()))
        clusters.append(cluster)
    doc._.ng_entities = clusters
    doc._.ng_timexes = [
        Timex(text=t, start=text.index(t), end=text.index(t) + len(t), type="DATE", value=v)
        for t, v in timexes
    ]
    doc._.ng_coref = None
    describe_entities(doc)
    resolve_coref(doc)
    return doc


def rels(doc: Doc) -> set[tuple[str, str, str, bool]]:
    names = {c.id: c.name for c in doc._.ng_entities}
    out = set()
    for r in find_relations(doc):
        assert r.relation in RELATION_TYPES
        assert doc.text[r.start : r.end].strip()  # the sentence it came from
        out.add((names[r.subject], r.relation, names[r.object], r.negated))
    return out


def test_passive_founded_by_former_members_with_date(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "The Kessel Dockers Association is a union of crane drivers. It was founded in 1998 by former "
        "members of the Coastal Workers Guild.",
        [("Kessel Dockers Association", "ORG"), ("Coastal Workers Guild", "ORG")],
        timexes=[("in 1998", "1998")],
    )
    found = find_relations(doc)
    assert [(r.relation, r.date) for r in found] == [("founded_by", "1998")]
    assert rels(doc) == {("Kessel Dockers Association", "founded_by", "Coastal Workers Guild", False)}


def test_active_founding_is_reversed(nlp: Language) -> None:
    doc = seeded(
        nlp, "Jane Doe founded Acme Corp in a garage.", [("Jane Doe", "PERSON"), ("Acme Corp", "ORG")]
    )
    assert rels(doc) == {("Acme Corp", "founded_by", "Jane Doe", False)}


def test_relative_clause_affiliation(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "The Northern Rail Union, to which the Signal Workers Guild is affiliated, backed the strike.",
        [("Northern Rail Union", "ORG"), ("Signal Workers Guild", "ORG")],
    )
    assert ("Signal Workers Guild", "affiliated_with", "Northern Rail Union", False) in rels(doc)


def test_symmetric_dispute_with_date_and_enemies(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "The Signal Workers Guild and Northwind Logistics have been in dispute since last spring over pay.",
        [("Signal Workers Guild", "ORG"), ("Northwind Logistics", "ORG")],
        timexes=[("since last spring", "2025-SP")],
    )
    found = find_relations(doc)
    assert [(r.relation, r.date) for r in found] == [("in_dispute_with", "2025-SP")]
    doc = seeded(
        nlp,
        "The Red Brigade and the Blue Front are bitter enemies.",
        [("Red Brigade", "ORG"), ("Blue Front", "ORG")],
    )
    assert rels(doc) == {("Red Brigade", "enemy_of", "Blue Front", False)}


def test_negation_is_kept_and_marked(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "The Red Brigade is not allied with the Blue Front.",
        [("Red Brigade", "ORG"), ("Blue Front", "ORG")],
    )
    assert rels(doc) == {("Red Brigade", "ally_of", "Blue Front", True)}
    doc = seeded(
        nlp,
        "The Red Brigade is allied with the Blue Front.",
        [("Red Brigade", "ORG"), ("Blue Front", "ORG")],
    )
    assert rels(doc) == {("Red Brigade", "ally_of", "Blue Front", False)}


def test_roles_give_leader_employee_and_operator(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "The Port of Kessel reopened on Monday. Northwind Logistics, the port's operator, hired 40 drivers. "
        "Its chief executive, Jane Doe, said more would follow. Northwind Logistics spokesman Tom Hale "
        "declined to comment.",
        [
            ("Port of Kessel", "FAC"),
            ("Northwind Logistics", "ORG"),
            ("Jane Doe", "PERSON"),
            ("Tom Hale", "PERSON"),
        ],
    )
    got = rels(doc)
    assert ("Northwind Logistics", "operates", "Port of Kessel", False) in got
    assert ("Jane Doe", "leader_of", "Northwind Logistics", False) in got
    assert ("Tom Hale", "employed_by", "Northwind Logistics", False) in got


def test_unrelated_entities_get_no_relation(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Jane Doe flew to Berlin on Monday. Acme Corp reported higher profits.",
        [("Jane Doe", "PERSON"), ("Berlin", "GPE"), ("Acme Corp", "ORG")],
    )
    assert rels(doc) == set()


def test_gold_relations_on_the_examples(nlp: Language) -> None:
    """Every gold relation that one article body supports is found.

    "Meridian Shipping operates Port of Alder" rests on "the terminal's operator" in the first page,
    whose body never names the Port of Alder (only its title and captions do), and the second page
    names the port but not the operator: no single body supports it. The same construction is
    checked by ``test_roles_give_leader_employee_and_operator`` on text that names the port.
    """
    from newsgraph.extract import extract
    from newsgraph.model import Page

    gold = json.loads((EXAMPLES / "gold.json").read_text())["relations"]
    pages = [
        Page(source="alder-strike.txt", kind="text", data=(EXAMPLES / "alder-strike.txt").read_bytes()),
        Page(source="alder-deal.html", kind="html", data=(EXAMPLES / "alder-deal.html").read_bytes()),
    ]
    later = [p for p in ("newsgraph_quotes", "newsgraph_events") if p in nlp.pipe_names]
    with nlp.select_pipes(disable=later):
        facts_list = list(annotate([extract(p) for p in pages], nlp))
    found: dict[tuple[str, str, str], set[str | None]] = {}
    for facts in facts_list:
        names = {e.id: e.name for e in facts.entities}
        for r in facts.relations:
            assert not r.negated
            found.setdefault((names[r.subject], r.relation, names[r.object]), set()).add(r.date)
    unsupported = {("Meridian Shipping", "operates", "Port of Alder")}
    checked = 0
    for g in gold:
        if (g["subject"], g["relation"], g["object"]) in unsupported:
            continue
        key = (g["subject"], g["relation"], g["object"])
        assert key in found, g
        checked += 1
    assert checked == len(gold) - 1
    # dates come from the timex stage when it is in the pipeline
    if "newsgraph_timex" in nlp.pipe_names:
        assert "2011" in found[("Harbour Workers Alliance", "founded_by", "Seafarers Guild")]
        assert "2025-FA" in found[("Harbour Workers Alliance", "in_dispute_with", "Meridian Shipping")]


def test_the_first_words_of_a_council_before_adviser_are_its_field(nlp: Language) -> None:
    """ "Public Safety Adviser Ona Veld" where the Public Safety Council is named: the words
    before the adviser's title are the field advised on; the council's full name or its acronym
    before the title, or "official", still tie her to it."""
    text = (
        "The Public Safety Council met on Monday. Former Public Safety Adviser Ona Veld told the "
        "council its plan had failed."
    )
    doc = seeded(nlp, text, [("Public Safety Council", "ORG"), ("Ona Veld", "PERSON")])
    council = doc._.ng_entities[0]
    start = text.index("Public Safety Adviser")
    council.spans.append(doc.char_span(start, start + len("Public Safety")))  # the tagger's partial
    assert rels(doc) == set()
    for title in ("Public Safety Council adviser", "PSC adviser", "Public Safety Council official"):
        text = (
            f"The Public Safety Council (PSC) met on Monday. {title} Ona Veld told the council it had failed."
        )
        doc = seeded(nlp, text, [("Public Safety Council", "ORG"), ("Ona Veld", "PERSON")])
        council = doc._.ng_entities[0]
        if title.startswith("PSC"):
            start = text.index("PSC adviser")
            council.spans.append(doc.char_span(start, start + 3))
        assert rels(doc) == {("Ona Veld", "employed_by", "Public Safety Council", False)}, title


def test_title_modifiers_are_topics_not_employers(nlp: Language) -> None:
    """A place glued before an adviser's title, or any beat before a reporter's, is a topic."""
    doc = seeded(
        nlp,
        "Former White House Russia adviser Mara Quill told the committee that the plan had failed.",
        [("White House", "ORG"), ("Russia", "GPE"), ("Mara Quill", "PERSON")],
    )
    assert rels(doc) == {("Mara Quill", "employed_by", "White House", False)}
    doc = seeded(
        nlp,
        "Pentagon correspondent Dan Hale filed the story from Kabul.",
        [("Pentagon", "ORG"), ("Dan Hale", "PERSON"), ("Kabul", "GPE")],
    )
    assert rels(doc) == set()
    doc = seeded(
        nlp,
        "Iran expert Lise Brandt doubts the deal will hold.",
        [("Iran", "GPE"), ("Lise Brandt", "PERSON")],
    )
    assert rels(doc) == set()
    # An employer before a beat role still employs; a possessive or a preposition always does.
    doc = seeded(
        nlp,
        "Harlow Bank analyst Vera Lin expects rates to fall. Tom Kiel, a correspondent for the "
        "Daily Ledger, disagreed.",
        [("Harlow Bank", "ORG"), ("Vera Lin", "PERSON"), ("Tom Kiel", "PERSON"), ("Daily Ledger", "ORG")],
    )
    assert rels(doc) == {
        ("Vera Lin", "employed_by", "Harlow Bank", False),
        ("Tom Kiel", "employed_by", "Daily Ledger", False),
    }


def test_an_organisation_before_a_topic_employs(nlp: Language) -> None:
    """ "a White House Russia expert", "the Public Safety Council Ukraine expert": the organisation
    before the topic is where the role is held (alone, "a White House expert" is a beat)."""
    doc = seeded(
        nlp,
        "Mara Quill, a White House Russia expert, left in June.",
        [("Mara Quill", "PERSON"), ("White House", "ORG"), ("Russia", "GPE")],
    )
    assert rels(doc) == {("Mara Quill", "employed_by", "White House", False)}
    doc = seeded(
        nlp,
        "Ona Veld, who is the Public Safety Council Ukraine expert, testified on Tuesday.",
        [("Ona Veld", "PERSON"), ("Public Safety Council", "ORG"), ("Ukraine", "GPE")],
    )
    assert rels(doc) == {("Ona Veld", "employed_by", "Public Safety Council", False)}
    doc = seeded(
        nlp,
        "Dan Hale, a White House expert at the Velden Institute, wrote the report.",
        [("Dan Hale", "PERSON"), ("White House", "ORG"), ("Velden Institute", "ORG")],
    )
    assert ("Dan Hale", "employed_by", "White House", False) not in rels(doc)


def test_joining_a_record_or_a_person_is_no_membership(nlp: Language) -> None:
    """ "joined X and Y as the only players to ...": a record shared, not a group joined; and one is
    a member of a group, never of a person."""
    doc = seeded(
        nlp,
        "Tomas Reyes joined Ivo Brandt and Lena Ortiz as the only players to run for 1,000 yards.",
        [("Tomas Reyes", "PERSON"), ("Ivo Brandt", "PERSON"), ("Lena Ortiz", "PERSON")],
    )
    assert rels(doc) == set()
    doc = seeded(
        nlp,
        "The Harriers joined the Velden Rovers as the only teams to win 13 straight games.",
        [("Harriers", "ORG"), ("Velden Rovers", "ORG")],
    )
    assert rels(doc) == set()
    doc = seeded(
        nlp,
        "Tomas Reyes joined the Velden Labour Party in 1998.",
        [("Tomas Reyes", "PERSON"), ("Velden Labour Party", "ORG")],
    )
    assert rels(doc) == {("Tomas Reyes", "member_of", "Velden Labour Party", False)}


def test_a_lawyer_of_a_town_practises_there_and_a_scoring_leader_leads_nothing(nlp: Language) -> None:
    """ "Anchorage attorney Ivo Brandt" practises in Anchorage (a capitalised "City Attorney" is the
    town's post); "Velden's career scoring leader" leads a statistic, not Velden."""
    doc = seeded(
        nlp,
        "The house was owned by Anchorage attorney Ivo Brandt.",
        [("Anchorage", "GPE"), ("Ivo Brandt", "PERSON")],
    )
    assert rels(doc) == {("Ivo Brandt", "located_in", "Anchorage", False)}
    doc = seeded(
        nlp,
        "Santa Monica City Attorney Lena Ortiz confirmed the report.",
        [("Santa Monica", "GPE"), ("Lena Ortiz", "PERSON")],
    )
    assert rels(doc) == {("Lena Ortiz", "employed_by", "Santa Monica", False)}
    doc = seeded(
        nlp,
        "Reyes, Velden's new career scoring leader, approached midcourt when the song ended.",
        [("Reyes", "PERSON"), ("Velden", "GPE")],
    )
    assert rels(doc) == set()


def test_sport_statistics_and_results_are_no_leadership(nlp: Language) -> None:
    names = [("Ruth Okafor", "PERSON"), ("Western League", "ORG")]
    doc = seeded(nlp, "Ruth Okafor leads the Western League with 11 assists this season.", names)
    assert rels(doc) == set()
    doc = seeded(nlp, "Ruth Okafor leads the Western League in talks with the sponsors.", names)
    assert rels(doc) == {("Ruth Okafor", "leader_of", "Western League", False)}
    doc = seeded(
        nlp,
        "Okoro and Lind led Canada past Chile on Sunday.",
        [("Okoro", "PERSON"), ("Lind", "PERSON"), ("Canada", "GPE"), ("Chile", "GPE")],
    )
    assert rels(doc) == set()


def test_stated_ties_in_appositives_titles_and_verbs(nlp: Language) -> None:
    people = {
        "Omar Vance, the chief executive of Brightline Logistics, said the deal was done.": (
            ("Omar Vance", "leader_of", "Brightline Logistics")
        ),
        "Omar Vance, vice president of Brightline Logistics, said the deal was done.": (
            ("Omar Vance", "employed_by", "Brightline Logistics")
        ),
        "Nadia Kerr, a spokesperson for Brightline Logistics, declined to comment.": (
            ("Nadia Kerr", "employed_by", "Brightline Logistics")
        ),
        "Brightline Logistics' chief executive, Omar Vance, resigned on Monday.": (
            ("Omar Vance", "leader_of", "Brightline Logistics")
        ),
        "Tom Reese, who heads Brightline Logistics, called the strike.": (
            ("Tom Reese", "leader_of", "Brightline Logistics")
        ),
        "Priya Das joined Brightline Logistics in 2019.": ("Priya Das", "member_of", "Brightline Logistics"),
        "Liam Scott is a member of Brightline Logistics.": (
            "Liam Scott",
            "member_of",
            "Brightline Logistics",
        ),
        "Omar Vance serves as chief executive of Brightline Logistics.": (
            ("Omar Vance", "leader_of", "Brightline Logistics")
        ),
        "Priya Das was named chief executive of Brightline Logistics in March.": (
            ("Priya Das", "leader_of", "Brightline Logistics")
        ),
        "Paul Berne, a professor of physics at Brightline Logistics, said it.": (
            ("Paul Berne", "employed_by", "Brightline Logistics")
        ),
        "Vera Lin, an analyst with the research firm Brightline Logistics, said it.": (
            ("Vera Lin", "employed_by", "Brightline Logistics")
        ),
    }
    people.update(
        {
            "Jack Bauer, director for games at Brightline Logistics, said it.": (
                ("Jack Bauer", "employed_by", "Brightline Logistics")
            ),
            "Brightline Logistics athletic director Mel Turner said it.": (
                ("Mel Turner", "employed_by", "Brightline Logistics")
            ),
            "Jack Bauer, vice president of Advanced Programs at Brightline Logistics, said it.": (
                ("Jack Bauer", "employed_by", "Brightline Logistics")
            ),
            "Omar Vance, president of Brightline Logistics, said it.": (
                ("Omar Vance", "leader_of", "Brightline Logistics")
            ),
        }
    )
    # the department is part of the organisation it is named with, besides the person's tie
    also = {"Jack Bauer, vice president of Advanced Programs at Brightline Logistics, said it.": {
        ("Advanced Programs", "part_of", "Brightline Logistics", False)
    }}  # fmt: skip
    for text, want in people.items():
        person = want[0]
        names = [(person, "PERSON"), ("Brightline Logistics", "ORG"), ("Advanced Programs", "ORG")]
        doc = seeded(nlp, text, names)
        assert rels(doc) == {(*want, False)} | also.get(text, set()), text
    doc = seeded(
        nlp,
        "Helix Partners, based in Denver, employs 300 people.",
        [("Helix Partners", "ORG"), ("Denver", "GPE")],
    )
    assert rels(doc) == {("Helix Partners", "located_in", "Denver", False)}
    doc = seeded(
        nlp,
        "Republican Senator Joan Pratt voted against the bill.",
        [("Republican", "NORP"), ("Joan Pratt", "PERSON")],
    )
    assert rels(doc) == {("Joan Pratt", "member_of", "Republican", False)}


def test_confidence_ranks_stated_ties_above_glued_titles(nlp: Language) -> None:
    """An appositive with "of" states the tie; a name glued before a title only suggests it, and a
    line with no final punctuation (a link, a caption) is worth less than a sentence."""
    names = [("Omar Vance", "PERSON"), ("Brightline Logistics", "ORG")]
    stated = find_relations(
        seeded(nlp, "Omar Vance, the chief executive of Brightline Logistics, resigned.", names)
    )
    glued = find_relations(seeded(nlp, "Brightline Logistics chief executive Omar Vance resigned.", names))
    link = find_relations(
        seeded(nlp, "Omar Vance, the chief executive of Brightline Logistics, resigns", names)
    )
    assert len(stated) == len(glued) == len(link) == 1
    assert stated[0].confidence > glued[0].confidence
    assert stated[0].confidence > link[0].confidence


def missed_in_title(nlp: Language, text: str, entities: list[tuple[str, str]], missed: str) -> Doc:
    """Like ``seeded``, but the tagger 'missed' the first mention of ``missed`` (inside a title)."""
    doc = seeded(nlp, text, entities)
    for cluster in doc._.ng_entities:
        if cluster.name == missed:
            cluster.spans = cluster.spans[1:]
    doc._.ng_descriptions = None
    describe_entities(doc)
    resolve_coref(doc)
    return doc


def test_a_name_right_before_the_role_word_is_the_title_holder_s_own(nlp: Language) -> None:
    """ "Kovia Telecom CEO Dana Pike", "Ohio Gov. Dale Brandt", "Norvik spokesman Ali Reza": the
    organisation or state glued to the role word states the tie and is shown; one before a
    department ("athletic director") or a beat stays a weaker reading."""
    doc = seeded(
        nlp,
        "Norvik Group spokesman Ali Reza declined to comment on the merger.",
        [("Norvik Group", "ORG"), ("Ali Reza", "PERSON")],
    )
    (rel,) = find_relations(doc)
    assert rels(doc) == {("Ali Reza", "employed_by", "Norvik Group", False)}
    assert shown("relation", rel.confidence)
    doc = seeded(
        nlp,
        "Ohio Gov. Dale Brandt signed the budget on Tuesday.",
        [("Ohio", "GPE"), ("Dale Brandt", "PERSON")],
    )
    assert rels(doc) == {("Dale Brandt", "leader_of", "Ohio", False)}
    doc = seeded(
        nlp,
        "Solara, a Helix Group subsidiary, cut 200 jobs in March.",
        [("Solara", "ORG"), ("Helix Group", "ORG")],
    )
    (rel,) = find_relations(doc)
    assert rels(doc) == {("Solara", "part_of", "Helix Group", False)}
    assert shown("relation", rel.confidence)


def test_an_organisation_the_tagger_missed_inside_a_title(nlp: Language) -> None:
    """The name is linked only when the article names that organisation elsewhere, whole."""
    names = [("Kovia Telecom", "ORG"), ("Dana Pike", "PERSON")]
    doc = missed_in_title(
        nlp,
        "Kovia Telecom CEO Dana Pike announced the merger. Shares of Kovia Telecom rose 4%.",
        names,
        "Kovia Telecom",
    )
    assert rels(doc) == {("Dana Pike", "leader_of", "Kovia Telecom", False)}
    doc = missed_in_title(
        nlp,
        "Pentagon correspondent Dan Hale filed the story. The Pentagon declined to comment.",
        [("Pentagon", "ORG"), ("Dan Hale", "PERSON")],
        "Pentagon",
    )
    assert rels(doc) == set()
    # a name that only shares a word with the title's words is not the employer
    doc = missed_in_title(
        nlp,
        "Kovia CEO Dana Pike announced the merger. Shares of Kovia Telecom rose 4%.",
        names,
        "Kovia Telecom",
    )
    assert rels(doc) == set()


def test_a_former_tie_is_marked_former_never_current(nlp: Language) -> None:
    """A tie the text says is over is a fact about the past: stored and shown as ``former``."""
    names = [("Ravi Menon", "PERSON"), ("Orbis Bank", "ORG")]
    (current,) = find_relations(
        seeded(nlp, "Ravi Menon, the chairman of Orbis Bank, said the loan was sound.", names)
    )
    assert shown("relation", current.confidence) and not current.former
    for text in (
        "Ravi Menon, the former chairman of Orbis Bank, said the loan was sound.",
        "Ravi Menon, a onetime chairman of Orbis Bank, said the loan was sound.",
        "Former Orbis Bank chairman Ravi Menon said the loan was sound.",
        "Ousted Orbis Bank chairman Ravi Menon said the loan was sound.",
        "Ravi Menon, a former Orbis Bank official, said the loan was sound.",
    ):
        doc = seeded(nlp, text, names)
        (found,) = find_relations(doc)
        assert found.former, text
        assert found.relation == ("employed_by" if "official" in text else "leader_of"), text
        assert shown("relation", found.confidence), text


def test_a_place_based_company_is_located_there(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Denver-based Helix Partners hired 40 engineers last year.",
        [("Denver", "GPE"), ("Helix Partners", "ORG")],
    )
    assert rels(doc) == {("Helix Partners", "located_in", "Denver", False)}
    doc = seeded(
        nlp,
        "The Lisbon-based carrier Atlantica Air ordered ten planes on Monday.",
        [("Lisbon", "GPE"), ("Atlantica Air", "ORG")],
    )
    (rel,) = find_relations(doc)
    assert rels(doc) == {("Atlantica Air", "located_in", "Lisbon", False)}
    assert shown("relation", rel.confidence)
    # the place is the home of the noun "-based" modifies, not of the person whose post names it
    doc = seeded(
        nlp,
        "Lena Moss, director of the Lisbon-based fact-checking charity Clear Facts, said it was false.",
        [("Lena Moss", "PERSON"), ("Lisbon", "GPE"), ("Clear Facts", "ORG")],
    )
    got = rels(doc)
    assert ("Clear Facts", "located_in", "Lisbon", False) in got
    assert not any(r[0] == "Lena Moss" and r[1] == "located_in" for r in got)
    # "based" without a place before its hyphen says nothing of where
    doc = seeded(
        nlp,
        "The cloud-based service of Helix Partners reached Denver in May.",
        [("Denver", "GPE"), ("Helix Partners", "ORG")],
    )
    assert rels(doc) == set()


def test_an_owned_company_is_part_of_its_owner(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Helix-owned Tern Logistics cut 900 jobs on Monday.",
        [("Helix", "ORG"), ("Tern Logistics", "ORG")],
    )
    (rel,) = find_relations(doc)
    assert rels(doc) == {("Tern Logistics", "part_of", "Helix", False)} and shown("relation", rel.confidence)
    # an owner that is a place or a person is no organisation the company is part of
    doc = seeded(
        nlp,
        "The Denver-owned utility Tern Power raised prices.",
        [("Denver", "GPE"), ("Tern Power", "ORG")],
    )
    assert not any(r[1] == "part_of" for r in rels(doc))


def test_a_parent_company_owns_what_it_is_the_parent_of(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Solara's parent company, Helix Group, announced the sale on Friday.",
        [("Solara", "ORG"), ("Helix Group", "ORG")],
    )
    assert rels(doc) == {("Solara", "part_of", "Helix Group", False)}


def test_where_places_and_organisations_are_from_how_they_are_named(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "The fair was held in Velmora, Ostland, on Monday.",
        [("Velmora", "GPE"), ("Ostland", "GPE")],
    )
    assert rels(doc) == {("Velmora", "located_in", "Ostland", False)}
    # a list of places is no containment
    doc = seeded(
        nlp,
        "Delegates from Velmora, Ostland and Brevia met on Monday.",
        [("Velmora", "GPE"), ("Ostland", "GPE"), ("Brevia", "GPE")],
    )
    assert rels(doc) == set()
    doc = seeded(
        nlp,
        "Ostland's Fjordair bought six jets, and Ostland's Ministry of Transport approved the deal.",
        [("Ostland", "GPE"), ("Fjordair", "ORG"), ("Ministry of Transport", "ORG")],
    )
    assert rels(doc) == {
        ("Fjordair", "located_in", "Ostland", False),
        ("Ministry of Transport", "part_of", "Ostland", False),
    }
    doc = seeded(
        nlp,
        "Ostland's largest bank, Fjordbank, cut its rates.",
        [("Ostland", "GPE"), ("Fjordbank", "ORG")],
    )
    assert rels(doc) == {("Fjordbank", "located_in", "Ostland", False)}
    # a person's possessor is no place of theirs
    doc = seeded(
        nlp,
        "Ostland's Nina Berg won the race.",
        [("Ostland", "GPE"), ("Nina Berg", "PERSON")],
    )
    assert rels(doc) == set()


def test_a_named_area_of_a_place_is_inside_it(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "The flood reached the Dorna district of Ostland on Friday.",
        [("Dorna", "GPE"), ("Ostland", "GPE")],
    )
    assert rels(doc) == {("Dorna", "located_in", "Ostland", False)}


def test_a_person_s_own_staff_and_a_town_s_residents(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Mara Lind, Tom Okafor's attorney, said he would appeal.",
        [("Mara Lind", "PERSON"), ("Tom Okafor", "PERSON")],
    )
    assert rels(doc) == {("Mara Lind", "employed_by", "Tom Okafor", False)}
    # a person's rival or friend is no employee of theirs
    doc = seeded(
        nlp,
        "Mara Lind, Tom Okafor's closest friend, said he would appeal.",
        [("Mara Lind", "PERSON"), ("Tom Okafor", "PERSON")],
    )
    assert rels(doc) == set()
    doc = seeded(
        nlp,
        "Joe Brill, a Denver man, was arrested on Friday.",
        [("Joe Brill", "PERSON"), ("Denver", "GPE")],
    )
    assert rels(doc) == {("Joe Brill", "located_in", "Denver", False)}


def test_a_named_institution_in_a_named_place_is_located_there(nlp: Language) -> None:
    """ "the Marlow Bank in Velden": the "in" hangs on the institution's name; "met in Tarsk"
    says where a meeting was, not where anyone is."""
    doc = seeded(
        nlp,
        "Students stayed inside the Marlow Institute in Velden. Officials of the Orlan Group met in Tarsk.",
        [("Marlow Institute", "ORG"), ("Velden", "GPE"), ("Orlan Group", "ORG"), ("Tarsk", "GPE")],
    )
    assert rels(doc) == {("Marlow Institute", "located_in", "Velden", False)}


def test_a_role_served_in_the_past_is_a_former_tie(nlp: Language) -> None:
    """ "served as the CEO of X from 2004 to 2014" is over; "serves as" and "has served" are not."""
    past = seeded(
        nlp,
        "Ivo Brask served as the chief executive of Halden Mobile from 2004 to 2014.",
        [("Ivo Brask", "PERSON"), ("Halden Mobile", "ORG")],
    )
    now = seeded(
        nlp,
        "Ivo Brask serves as the chief executive of Halden Mobile.",
        [("Ivo Brask", "PERSON"), ("Halden Mobile", "ORG")],
    )
    (old,) = find_relations(past)
    (current,) = find_relations(now)
    assert old.relation == current.relation == "leader_of"
    assert old.former and not current.former


def test_a_tie_to_a_nationality_word_is_held_back(nlp: Language) -> None:
    """ "Velish Prime Minister Ana Roth": "Velish" names a people, not the state she leads, so the tie
    is kept below the display band; "Velden Prime Minister Ana Roth" is a tie to the state, scored
    as before."""
    people = seeded(
        nlp, "Velish Prime Minister Ana Roth opened the port.", [("Velish", "NORP"), ("Ana Roth", "PERSON")]
    )
    state = seeded(
        nlp, "Velden Prime Minister Ana Roth opened the port.", [("Velden", "GPE"), ("Ana Roth", "PERSON")]
    )
    (to_people,) = find_relations(people)
    (to_state,) = find_relations(state)
    assert to_people.relation == to_state.relation == "leader_of"
    assert to_people.confidence < to_state.confidence
    assert not shown("relation", to_people.confidence)


def test_class_title_with_a_country_places_the_company(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "The order is a blow to the Kansas plane-maker Vortan, which lost a deal in March.",
        [("Kansas", "GPE"), ("Vortan", "ORG")],
    )
    assert ("Vortan", "located_in", "Kansas", False) in rels(doc)
    # a nationality alone is not a home; "-based" makes it one only where it is a place
    doc = seeded(
        nlp,
        "Boeing also won orders from the Danish carrier Skyline on Monday.",
        [("Boeing", "ORG"), ("Danish", "NORP"), ("Skyline", "ORG")],
    )
    assert not any(r == "located_in" for _, r, _, _ in rels(doc))


def test_founder_title_before_a_name_with_a_second_title(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Investors asked whether Orvik founder and former chief executive Lena Hale sold shares early.",
        [("Orvik", "ORG"), ("Lena Hale", "PERSON")],
    )
    assert ("Orvik", "founded_by", "Lena Hale", False) in rels(doc)


def test_a_second_role_with_its_own_organisation_is_a_post_there(nlp: Language) -> None:
    """ "Halden's Nordic CEO and ex Brask executive Ivo Lund": the second role is at Brask, and
    over; the first stays Halden's."""
    doc = seeded(
        nlp,
        "Ivo Lund, Halden's chief executive and ex Brask Mining executive, said the mine was safe.",
        [("Ivo Lund", "PERSON"), ("Halden", "ORG"), ("Brask Mining", "ORG")],
    )
    names = {c.id: c.name for c in doc._.ng_entities}
    assert {(r.relation, names[r.object], r.former) for r in find_relations(doc)} == {
        ("leader_of", "Halden", False),
        ("employed_by", "Brask Mining", True),
    }


def test_a_place_before_a_head_role_makes_it_a_branch_post(nlp: Language) -> None:
    """ "Halden's Nordic Region chief executive", "the Velden state director of the Grain Agency":
    the head of a branch works for the organisation; "Velden President" still leads Velden."""
    cases = {
        "Ivo Lund, the Velden state executive director of the Grain Agency, said the harvest was good.": (
            [("Ivo Lund", "PERSON"), ("Velden", "GPE"), ("Grain Agency", "ORG")],
            ("Ivo Lund", "employed_by", "Grain Agency"),
        ),
        "Ivo Lund, Halden's Nordic Region chief executive, said the harvest was good.": (
            [("Ivo Lund", "PERSON"), ("Halden", "ORG"), ("Nordic Region", "LOC")],
            ("Ivo Lund", "employed_by", "Halden"),
        ),
        "Ivo Lund, the executive director of the Grain Agency, said the harvest was good.": (
            [("Ivo Lund", "PERSON"), ("Grain Agency", "ORG")],
            ("Ivo Lund", "leader_of", "Grain Agency"),
        ),
        "Velden President Ivo Lund said the harvest was good.": (
            [("Ivo Lund", "PERSON"), ("Velden", "GPE")],
            ("Ivo Lund", "leader_of", "Velden"),
        ),
    }
    for text, (names, tie) in cases.items():
        assert rels(seeded(nlp, text, names)) == {(*tie, False)}, text


def test_dateline_places_its_city_in_its_country(nlp: Language) -> None:
    text = "The port reopened.\nVELDEN, Norland — Orlen Shipping resumed sailings on Monday."
    doc = seeded(nlp, text, [("VELDEN", "GPE"), ("Norland", "GPE"), ("Orlen Shipping", "ORG")])
    assert ("VELDEN", "located_in", "Norland", False) in rels(doc)
    # two places named in a sentence that runs on are not a dateline
    text = "Trade between Velden, Norland and the islands rose on Monday."
    doc = seeded(nlp, text, [("Velden", "GPE"), ("Norland", "GPE")])
    assert not any(r == "located_in" for _, r, _, _ in rels(doc))


def test_owning_and_acquiring_tie_a_company_to_its_owner(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Orlen Ferries was acquired by Harbour Holdings in 2017. The Velden Post is owned by Nash Holdings.",
        [
            ("Orlen Ferries", "ORG"),
            ("Harbour Holdings", "ORG"),
            ("Velden Post", "ORG"),
            ("Nash Holdings", "ORG"),
        ],
    )
    found = rels(doc)
    assert ("Orlen Ferries", "part_of", "Harbour Holdings", False) in found
    assert ("Nash Holdings", "operates", "Velden Post", False) in found
    # a stake is not the company
    doc = seeded(
        nlp,
        "Harbour Holdings acquired a stake in Orlen Ferries last year.",
        [("Harbour Holdings", "ORG"), ("Orlen Ferries", "ORG")],
    )
    assert not any(r == "part_of" for _, r, _, _ in rels(doc))


def _pipeline_ties(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    """The ties the whole pipeline finds in a text we wrote, by entity name."""
    from newsgraph.model import Article

    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    names = {e.id: e.name for e in facts.entities}
    return {(names[r.subject], r.relation, names[r.object]) for r in facts.relations}


@pytest.mark.parametrize(
    ("text", "tie"),
    [
        (
            "In May, Orvia’s Administrator Jana Pelt said the agency would return to the moon.",
            ("Jana Pelt", "leader_of", "Orvia"),
        ),
        (
            "Tomas Brandt, president and chief operating officer of Kelvar Systems, said the lander was ready.",
            ("Tomas Brandt", "leader_of", "Kelvar Systems"),
        ),
        (
            "“We need more landers,” Ines Moll, deputy administrator for exploration in Orvia’s science "
            "directorate, said on Monday.",
            ("Ines Moll", "employed_by", "Orvia"),
        ),
        (
            "Lena Hart, a professor at Corvin University's Stern School of Law, said the tariff was a tax.",
            ("Stern School of Law", "part_of", "Corvin University"),
        ),
    ],
)
def test_roles_the_title_or_appositive_states(nlp: Language, text: str, tie: tuple[str, str, str]) -> None:
    """A possessive owner before a title, two coordinated roles sharing their organisation, a post
    in an organisation's unit, a unit named with its owner: each states the tie."""
    assert tie in _pipeline_ties(nlp, text)


def test_a_nationality_word_ties_to_the_country_the_article_names(nlp: Language) -> None:
    text = (
        "Ukraine has asked for more air defence. The call with Ukrainian President Volodymyr Zelensky "
        "lasted an hour."
    )
    ties = _pipeline_ties(nlp, text)
    assert ("Volodymyr Zelensky", "leader_of", "Ukraine") in ties
    assert not any(obj == "Ukrainian" for _, _, obj in ties)


@pytest.mark.parametrize(
    "text",
    [
        "Marco Villa, the company’s chief operating officer, said Tyvak would expand.",
        "The plan includes Orvia’s Volatiles Investigating Polar Exploration Rover mission.",
    ],
)
def test_a_possessive_is_no_unit_when_neither_side_is_one(nlp: Language, text: str) -> None:
    assert not any(rel == "part_of" for _, rel, _ in _pipeline_ties(nlp, text))


def test_an_organisation_described_as_a_kind_of_body_in_a_place_is_located_there(nlp: Language) -> None:
    ties = _pipeline_ties(
        nlp, "Helix Partners, a logistics company in Denver, said it would hire 200 people."
    )
    assert ("Helix Partners", "located_in", "Denver") in ties
    ties = _pipeline_ties(nlp, "Orvia Bank, the largest lender in crisis talks, closed ten branches.")
    assert not any(rel == "located_in" for _, rel, _ in ties)


def test_a_department_named_with_its_organisation_is_part_of_it(nlp: Language) -> None:
    text = "And we are going, said Brent Sherwood, vice president of Advanced Development Programs at Blue Origin."
    ties = _pipeline_ties(nlp, text)
    assert ("Advanced Development Programs", "part_of", "Blue Origin") in ties
    assert ("Brent Sherwood", "employed_by", "Blue Origin") in ties


def test_two_roles_joined_by_and_share_the_organisation_after_them(nlp: Language) -> None:
    # "Founder of Varden Robotics Inc." is tagged one organisation by the model: the role is cut off
    text = '"We are ready," said Marek Sova, CEO and Founder of Varden Robotics Inc.'
    assert ("Marek Sova", "leader_of", "Varden Robotics Inc.") in _pipeline_ties(nlp, text)


@pytest.mark.parametrize(
    ("text", "tie"),
    [
        ("She grew up in Lyon, France, and moved to Paris in 2001.", ("Lyon", "located_in", "France")),
        ("The plant in Houston, Texas, closed on Friday.", ("Houston", "located_in", "Texas")),
    ],
)
def test_a_town_and_its_country_set_off_by_a_comma(nlp: Language, text: str, tie) -> None:
    assert tie in _pipeline_ties(nlp, text)


def test_two_countries_set_off_by_a_comma_are_a_list(nlp: Language) -> None:
    ties = _pipeline_ties(nlp, "Delegates came from France, Germany.")
    assert not any(t[1] == "located_in" for t in ties), ties


@pytest.mark.parametrize(
    ("text", "tie"),
    [
        (
            "Kelvar Systems co-founder Ana Lind said the plant would close.",
            ("Kelvar Systems", "founded_by", "Ana Lind"),
        ),
        (
            "Kelvar Inc (KLVR.O) Chief Executive Ana Lind said the plant would close.",
            ("Ana Lind", "leader_of", "Kelvar Inc"),
        ),
        (
            "SoftBank CEO Masayoshi Son has told the board he wants a profit by 2021.",
            ("Masayoshi Son", "leader_of", "SoftBank"),
        ),
    ],
)
def test_a_company_before_a_hyphenated_title_or_its_ticker(nlp: Language, text: str, tie) -> None:
    ties = _pipeline_ties(nlp, text)
    assert tie in ties, ties


@pytest.mark.parametrize(
    ("text", "tie"),
    [
        (
            "Alex Horton of the Washington Post reported the story first.",
            ("Alex Horton", "employed_by", "Washington Post"),
        ),
        (
            "Taiwan's president, Tsai Ing-wen of the Democratic Progressive party, faces an election.",
            ("Tsai Ing-wen", "member_of", "Democratic Progressive party"),
        ),
    ],
)
def test_a_name_of_an_organisation(nlp: Language, text: str, tie) -> None:
    ties = _pipeline_ties(nlp, text)
    assert tie in ties, ties


def test_a_name_of_a_place_or_of_a_longer_phrase_is_no_employer(nlp: Language) -> None:
    ties = _pipeline_ties(nlp, "Sen. Rob Portman of Ohio said he would vote against the bill.")
    assert not any(t[1] == "employed_by" for t in ties), ties


def test_a_lone_generic_word_the_model_named_is_no_party_to_a_tie(nlp: Language) -> None:
    # "State" of "Secretary of State" is part of the title, not an organisation she works for
    doc = seeded(
        nlp,
        "Secretary of State Mara Quill said the release gave them hope.",
        [("State", "ORG"), ("Mara Quill", "PERSON")],
    )
    assert rels(doc) == set()


def test_running_an_organisation_is_leading_it_or_operating_it(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Maria Lopez, who runs the Harbor Clinic, welcomed the plan.",
        [("Maria Lopez", "PERSON"), ("Harbor Clinic", "ORG")],
    )
    assert rels(doc) == {("Maria Lopez", "leader_of", "Harbor Clinic", False)}
    doc = seeded(
        nlp,
        "Fortress Group currently runs Harlow Media through a management contract.",
        [("Fortress Group", "ORG"), ("Harlow Media", "ORG")],
    )
    assert rels(doc) == {("Fortress Group", "operates", "Harlow Media", False)}
    # running for an office is no tie to the body
    doc = seeded(
        nlp,
        "Maria Lopez ran for the Senate in 2018.",
        [("Maria Lopez", "PERSON"), ("Senate", "ORG")],
    )
    assert rels(doc) == set()


def test_a_town_after_a_persons_name_and_age_is_where_they_live(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Tomas Reyes, 55, of Alderton pleaded guilty on Monday.",
        [("Tomas Reyes", "PERSON"), ("Alderton", "GPE")],
    )
    (rel,) = find_relations(doc)
    assert rels(doc) == {("Tomas Reyes", "located_in", "Alderton", False)} and shown(
        "relation", rel.confidence
    )
    # the town names something else: no residence
    doc = seeded(
        nlp,
        "Tomas Reyes, of Alderton Police, said the road was closed.",
        [("Tomas Reyes", "PERSON"), ("Alderton", "GPE")],
    )
    assert not any(r[1] == "located_in" and r[0] == "Tomas Reyes" for r in rels(doc))


def test_a_place_described_as_a_town_in_a_country_is_located_there(nlp: Language) -> None:
    doc = seeded(
        nlp,
        "Fighters attacked a checkpoint in Korvan, a city in northern Ostland, on Friday.",
        [("Korvan", "GPE"), ("Ostland", "GPE")],
    )
    describe_entities(doc)
    assert ("Korvan", "located_in", "Ostland", False) in rels(doc)


@pytest.mark.parametrize(
    ("text", "ties"),
    [
        (
            "“We are ready,” said Maris Oduya, CEO and founder of Quillon Robotics Inc.",
            {
                ("Maris Oduya", "leader_of", "Quillon Robotics Inc."),
                ("Quillon Robotics Inc.", "founded_by", "Maris Oduya"),
            },
        ),
        (
            "Tomas Brandt, president and chief operating officer of Kelvar Systems, said the lander was ready.",
            {
                ("Tomas Brandt", "leader_of", "Kelvar Systems"),
                ("Tomas Brandt", "employed_by", "Kelvar Systems"),
            },
        ),
    ],
)
def test_each_of_two_coordinated_roles_states_its_own_tie(
    nlp: Language, text: str, ties: set[tuple[str, str, str]]
) -> None:
    """ "CEO and founder of Y": the founder tie as well as the head; "president and chief operating
    officer": the head and a post there."""
    found = _pipeline_ties(nlp, text)
    assert ties <= found, found
    # one role alone states one tie
    assert not any(
        r == "founded_by"
        for _, r, _ in _pipeline_ties(nlp, "Maris Oduya, CEO of Quillon Robotics Inc., spoke.")
    )


@pytest.mark.parametrize(
    ("text", "tie"),
    [
        (
            "“It is complex,” said Hanna Ostrova, a physiologist at Corvin University.",
            ("Hanna Ostrova", "employed_by", "Corvin University"),
        ),
        (
            "Tomas Brandt, a chest doctor at the Velden Royal Infirmary, made the diagnosis.",
            ("Tomas Brandt", "employed_by", "Velden Royal Infirmary"),
        ),
        (
            "Pavel Neumark, head of platform solutions for Helix Systems, said the deal was good.",
            ("Pavel Neumark", "employed_by", "Helix Systems"),
        ),
    ],
)
def test_an_occupation_at_an_organisation_is_a_job_there(
    nlp: Language, text: str, tie: tuple[str, str, str]
) -> None:
    assert tie in _pipeline_ties(nlp, text)


def test_someone_at_an_organisation_who_does_not_work_there_is_not_employed(nlp: Language) -> None:
    for text in (
        "Hanna Ostrova, a student at Corvin University, said the fees were too high.",
        "Tomas Brandt, a tourist at the Velden Museum of Art, said the queue was long.",
        "Pavel Neumark, a patient at the Velden Royal Infirmary, said he felt better.",
    ):
        assert not any(r == "employed_by" for _, r, _ in _pipeline_ties(nlp, text)), text


def test_a_persons_own_staff_named_in_a_title(nlp: Language) -> None:
    text = (
        "Marta Quill visited the church. Quill spokesman Tomas Brandt said the fire was under investigation."
    )
    assert ("Tomas Brandt", "employed_by", "Marta Quill") in _pipeline_ties(nlp, text)
    # a role that is no one's staff ties no one to a person
    text = "Marta Quill visited the church. Quill rival Tomas Brandt said the fire was under investigation."
    assert not any(o == "Marta Quill" and r == "employed_by" for _, r, o in _pipeline_ties(nlp, text))


def test_a_post_in_an_organisations_unnamed_unit_is_held_there(nlp: Language) -> None:
    text = "Pavel Neumark, director of the Orvik Defense Council's endangered species program, criticized the rule."
    assert ("Pavel Neumark", "employed_by", "Orvik Defense Council") in _pipeline_ties(nlp, text)


@pytest.mark.parametrize(
    ("text", "tie"),
    [
        # the class noun after a party's name stands for it
        (
            "Tomas Brandt, who leads the Likud party, called new elections.",
            ("Tomas Brandt", "leader_of", "Likud"),
        ),
        # "secretary general" heads the body; a general alone is an officer
        (
            "Marta Quill, secretary general of the Orvik Alliance, said the members were united.",
            ("Marta Quill", "leader_of", "Orvik Alliance"),
        ),
        # a chancellor heads the government of the country the article names
        (
            "Germany held talks on Monday. German Chancellor Angela Merkel met the envoys in Berlin.",
            ("Angela Merkel", "leader_of", "Germany"),
        ),
    ],
)
def test_heads_of_parties_alliances_and_governments(
    nlp: Language, text: str, tie: tuple[str, str, str]
) -> None:
    assert tie in _pipeline_ties(nlp, text)


def test_a_chief_of_staff_works_for_the_one_whose_staff_it_is(nlp: Language) -> None:
    ties = _pipeline_ties(nlp, "The White House chief of staff, Tomas Brandt, defended the call.")
    assert ("Tomas Brandt", "employed_by", "White House") in ties
    assert not any(r == "leader_of" for _, r, _ in ties), ties


def test_a_post_in_an_owners_unit_and_one_place_in_two_names(
    nlp: Language,
) -> None:
    # the director of an organisation's unit works for the organisation; she does not lead it
    ties = _pipeline_ties(
        nlp,
        "Francesca Grifo, director of Union of Concerned Scientists' Scientific Integrity Program, "
        "said the rule was wrong.",
    )
    assert ("Francesca Grifo", "employed_by", "Union of Concerned Scientists") in ties, ties
    assert ("Francesca Grifo", "leader_of", "Union of Concerned Scientists") not in ties, ties
    # "Washington, DC" is one place; "Lyon, France" a town in its country
    ties = _pipeline_ties(
        nlp, "Washington, DC, United States: the talks resumed. The firm is based in Lyon, France."
    )
    assert ("Washington", "located_in", "DC") not in ties, ties
    assert ("Lyon", "located_in", "France") in ties, ties
