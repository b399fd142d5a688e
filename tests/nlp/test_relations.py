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
