"""Headline and caption context: names found there are antecedents for the body, never body facts."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Article, Caption, Facts
from newsgraph.nlp import annotate, load_pipeline
from newsgraph.nlp.context import (
    context_texts,
    find_context_entities,
    is_title_case,
    mask_credits,
    mask_title,
)
from newsgraph.nlp.coref_rules import facility_class_fits, name_head


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def article(body: str, title: str | None = None, captions: list[tuple[str, str | None]] = ()) -> Article:
    return Article(
        id="t",
        source="t",
        text=body,
        title=title,
        published="2026-05-20",
        captions=[Caption(text, credit) for text, credit in captions],
    )


def run(nlp: Language, *args, **kwargs) -> Facts:  # noqa: ANN002, ANN003
    return next(iter(annotate([article(*args, **kwargs)], nlp)))


def names(facts: Facts) -> dict[str, str]:
    return {e.id: e.name for e in facts.entities}


def coref(facts: Facts) -> dict[str, str]:
    ids = names(facts)
    return {c.text: ids[c.entity] for c in facts.coref}


def relations(facts: Facts) -> set[tuple[str, str, str]]:
    ids = names(facts)
    return {(ids[r.subject], r.relation, ids[r.object]) for r in facts.relations}


def test_context_texts_never_read_credits() -> None:
    a = article(
        "Body.", "Strike at the docks", [("Pickets at the gates.", "Credit: Jane Doe, AP"), ("", "X")]
    )
    assert context_texts(a) == [("title", 0, "Strike at the docks"), ("caption", 0, "Pickets at the gates.")]


def test_context_ner_is_batched_and_offsets_index_the_field(nlp: Language) -> None:
    a = article("Body.", None, [("Pickets outside the Port of Brindle on Monday.", "Jane Doe")])
    b = article("Body.", "Dockers strike at Port of Brindle", [])
    found = find_context_entities(nlp, [a, b])
    assert len(found) == 2
    for art, ents in zip([a, b], found, strict=True):
        texts = {(f, i): t for f, i, t in context_texts(art)}
        for e in ents:
            assert texts[(e.field, e.index)][e.start : e.end] == e.text
    assert ("Port of Brindle", "FAC", "caption") in {(e.text, e.label, e.field) for e in found[0]}


def test_title_case_headlines() -> None:
    assert is_title_case("Port of Brindle Strike: Who Are the Dockers Behind the Shutdown?")
    assert not is_title_case("Dockers strike at Port of Brindle")
    assert not is_title_case("Strike ends")


def test_the_terminal_is_the_port_a_caption_names(nlp: Language) -> None:
    body = "Kestrel Lines, the terminal's operator, said on Tuesday that losses were mounting."
    facts = run(nlp, body, "Strike spreads", [("Pickets outside the Port of Brindle on Monday.", "Jane Doe")])
    port = next(e for e in facts.entities if e.name == "Port of Brindle")
    assert port.type == "FAC"
    assert port.mentions == []  # named only in the caption: no body mention
    assert port.context_mentions == [{"field": "caption", "index": 0, "start": 20, "end": 35}]
    assert coref(facts)["the terminal"] == "Port of Brindle"
    assert ("Kestrel Lines", "operates", "Port of Brindle") in relations(facts)
    assert facts.entities[-1] is port  # ids of context-only entities come after the body's
    assert "Jane Doe" not in str(facts.to_dict()["entities"])


def test_two_ports_in_the_captions_are_left_alone(nlp: Language) -> None:
    body = "Kestrel Lines, the terminal's operator, said on Tuesday that losses were mounting."
    caps = [
        ("Pickets outside the Port of Brindle on Monday.", None),
        ("Cranes at the Port of Dunmore on Friday.", None),
    ]
    facts = run(nlp, body, "Strike spreads", caps)
    assert {"Port of Brindle", "Port of Dunmore"} <= set(names(facts).values())
    assert "the terminal" not in coref(facts)
    assert not any(r.relation == "operates" for r in facts.relations)


def test_a_port_the_body_names_wins_over_the_caption(nlp: Language) -> None:
    body = (
        "Ships waited outside the Port of Dunmore on Friday. "
        "Kestrel Lines, the port's operator, said on Tuesday that losses were mounting."
    )
    facts = run(nlp, body, "Strike spreads", [("Pickets outside the Port of Brindle on Monday.", "Jane Doe")])
    assert coref(facts)["the port"] == "Port of Dunmore"
    assert ("Kestrel Lines", "operates", "Port of Dunmore") in relations(facts)


def test_a_caption_gives_the_full_name_the_body_shortens(nlp: Language) -> None:
    body = "Ms Petrov said on Tuesday that she would form a government."
    facts = run(
        nlp,
        body,
        "Vote count",
        [("Anna Petrov of the Green League after the vote on Sunday.", "Photo: Jo Li")],
    )
    petrov = next(e for e in facts.entities if e.mentions)
    assert (petrov.name, petrov.type) == ("Anna Petrov", "PERSON")
    assert "Petrov" in petrov.aliases
    assert {"field": "caption", "index": 0, "start": 0, "end": 11} in petrov.context_mentions
    assert facts.article.text[slice(*petrov.mentions[0])] == "Petrov"  # mentions still index the body


def test_credits_make_no_entity(nlp: Language) -> None:
    facts = run(
        nlp,
        "Workers walked out on Monday.",
        "Strike",
        [("Pickets at the rally.", "Credit: Jane Doe / Reuters")],
    )
    assert all("Jane Doe" not in e.name and "Reuters" not in e.name for e in facts.entities)


def test_headline_place_locates_scene_events_of_the_story(nlp: Language) -> None:
    body = (
        "Kestrel Lines, the terminal's operator, said on Tuesday that losses were mounting. "
        "Police arrested four pickets on Tuesday. "
        "The last strike, in June 2019, lasted a week."
    )
    facts = run(nlp, body, "Dockers strike at Port of Brindle")
    arrest = next(e for e in facts.events if e.type == "COERCE")
    assert arrest.place == {
        "name": "Port of Brindle",
        "source": "headline",
        "precision": "article",
        "geo_precision": "article",
    }
    # an old event of another time does not take today's headline place
    assert all(e.place is None for e in facts.events if e.date and e.date.startswith("2019"))


def test_no_headline_place_when_the_headline_names_two(nlp: Language) -> None:
    body = "Ships left the Port of Brindle on Monday. Police arrested four pickets on Tuesday."
    caps = [
        ("Pickets outside the Port of Brindle on Monday.", None),
        ("Cranes at the Port of Dunmore on Friday.", None),
    ]
    one = run(nlp, body, "Dockers at Port of Brindle join the strike", caps)
    arrest = next(e for e in one.events if e.type == "COERCE")
    assert arrest.place == {
        "name": "Port of Brindle",
        "source": "headline",
        "precision": "article",
        "geo_precision": "article",
    }
    two = run(nlp, body, "Dockers at Port of Brindle join Port of Dunmore strike", caps)
    titled = [e.name for e in two.entities if any(m["field"] == "title" for m in e.context_mentions)]
    assert sorted(titled) == ["Port of Brindle", "Port of Dunmore"]
    assert next(e for e in two.events if e.type == "COERCE").place is None


def test_no_headline_place_the_body_never_refers_to(nlp: Language) -> None:
    body = "Police arrested four pickets on Tuesday."
    caps = [("Pickets outside the Port of Brindle on Monday.", None)]
    facts = run(nlp, body, "Dockers at Port of Brindle join the strike", caps)
    assert next(e for e in facts.events if e.type == "COERCE").place is None


def test_credits_left_in_a_caption_are_blanked() -> None:
    for text in ["Home Depot in Hialeah (AP Photo/Alan Diaz)", "Pickets in Nablus. Jaafar Ashtiyeh / AFP"]:
        masked = mask_credits(text)
        assert len(masked) == len(text)
        assert "Diaz" not in masked and "Ashtiyeh" not in masked and "AFP" not in masked
        assert masked.startswith(text.split(" (")[0].split(". ")[0])
    assert mask_title("A city on the brink | Editorial").rstrip() == "A city on the brink |"


def test_facility_class_words() -> None:
    assert name_head("Port of Brindle") == "port"
    assert name_head("Harwick Airport") == "airport"
    assert facility_class_fits("terminal", "port")
    assert facility_class_fits("harbour", "port")
    assert facility_class_fits("terminal", "airport")
    assert not facility_class_fits("port", "airport")
    assert not facility_class_fits("city", "port")
