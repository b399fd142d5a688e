"""An event's place is a place: never a company or a person that the article also names, and a
fallback (the article's dateline, the headline's one place, a town the body names again and again)
is marked as one."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Event
from newsgraph.nlp import load_pipeline
from newsgraph.nlp.event_places import is_place_name


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _run(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.ng_published = "2026-03-12"
    return nlp(doc)


def _event(doc: Doc, etype: str, word: str) -> Event:
    found = [e for e in doc._.ng_events if e.type == etype and word in (e.trigger or "").lower()]
    assert found, doc._.ng_events
    return found[0]


def test_a_company_named_like_a_town_places_nothing(nlp: Language) -> None:
    doc = _run(nlp, "Alden Global Capital bought the newspaper. Workers protested in Alden on Monday.")
    assert _event(doc, "PROTEST", "protest").place is None
    # the same sentence where no company bears the name keeps its place
    doc = _run(nlp, "The mill closed last year. Workers protested in Alden on Monday.")
    place = _event(doc, "PROTEST", "protest").place
    assert place is not None and place["name"] == "Alden" and place["precision"] == "sentence"


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Alibaba Group shares fell. Police raided offices in Alibaba on Monday.", "Alibaba", False),
        (
            "Senator Adam Schiff criticised the ruling. Police arrested two protesters at Schiff.",
            "Schiff",
            False,
        ),
        (
            "Brennick Holdings cut jobs. Police arrested six protesters in Brennick on Tuesday.",
            "Brennick",
            False,
        ),
        # the town's own council and police are the town's: it stays a place
        (
            "The Brennick City Council met. Police arrested six protesters in Brennick on Tuesday.",
            "Brennick",
            True,
        ),
        # a gazetteer place yields only where the article calls the same name an organisation more
        ("The Washington Post reported that police arrested six men in Washington.", "Washington", True),
        ("Police arrested six men in Kabul on Tuesday.", "Kabul", True),
    ],
)
def test_a_place_name_is_not_a_party_of_the_article(nlp: Language, text: str, name: str, place: bool) -> None:
    assert is_place_name(_run(nlp, text), name) is place


def test_dateline_is_the_marked_fallback_and_the_sentence_place_wins(nlp: Language) -> None:
    doc = _run(
        nlp,
        "KABUL, Afghanistan (AP) \u2014 Police arrested six men on Tuesday. "
        "Soldiers detained two reporters in Kandahar on Wednesday.",
    )
    arrest = _event(doc, "COERCE", "arrest")
    assert (arrest.place["name"], arrest.place["precision"], arrest.place["source"]) == (
        "Kabul",
        "article",
        "dateline",
    )
    detain = _event(doc, "COERCE", "detain")
    assert (detain.place["name"], detain.place["precision"], detain.place["source"]) == (
        "Kandahar",
        "sentence",
        "text",
    )


def test_the_body_place_falls_back_only_when_it_is_the_one_place_named_three_times(nlp: Language) -> None:
    twice = "Talks on the dam resumed in Mosul on Monday. Farmers in Mosul want water rights. "
    visit = "Police arrested two farmers on Tuesday."
    assert _event(_run(nlp, twice + visit), "COERCE", "arrest").place is None
    thrice = twice + "Officials in Mosul agree. "
    place = _event(_run(nlp, thrice + visit), "COERCE", "arrest").place
    assert (place["name"], place["precision"], place["source"]) == ("Mosul", "article", "article")
    # another place named once: no article place
    other = thrice + "A delegation from Baghdad arrived. "
    assert _event(_run(nlp, other + visit), "COERCE", "arrest").place is None
