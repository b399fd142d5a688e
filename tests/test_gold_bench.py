"""The matching rules of ``bench/gold_facts.py`` on a small hand-written gold page and stored facts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_gold_facts", REPO / "bench" / "gold_facts.py")
gf = importlib.util.module_from_spec(_spec)
sys.modules["bench_gold_facts"] = gf  # its dataclasses look their module up
_spec.loader.exec_module(gf)

BODY = (
    "PORT SELIN — Mara Quill, the transport minister of Dravia, said on Tuesday that the ferry line "
    "would open in May.\n\n"
    "\u201cHeads should have rolled the day Anton Berg resigned,\u201d she said.\n\n"
    "A ministry spokeswoman said the tender was closed. Police arrested 12 protesters outside the ministry, "
    "and Dravia and Kelmar signed a fisheries pact."
)

GOLD = {
    "page": "handmade",
    "published": "2026-03-04",
    "entities": [
        {"name": "Mara Quill", "type": "PERSON", "aliases": ["Quill", "the transport minister"]},
        {"name": "Anton Berg", "type": "PERSON", "aliases": []},
        {"name": "Dravia", "type": "GPE", "aliases": []},
        {"name": "Kelmar", "type": "GPE", "aliases": []},
        {"name": "Transport Ministry", "type": "ORG", "aliases": ["the ministry"]},
        {"name": "Port Selin", "type": "GPE", "aliases": ["PORT SELIN"]},
    ],
    "quotes": [
        {
            "speaker": "Mara Quill",
            "kind": "indirect",
            "text": "the ferry line would open in May",
            "date": None,
        },
        {
            "speaker": "Mara Quill",
            "kind": "direct",
            "text": "Heads should have rolled the day Anton Berg resigned,",
            "date": None,
        },
        {
            "speaker": "A ministry spokeswoman",
            "kind": "indirect",
            "text": "the tender was closed",
            "date": None,
        },
    ],
    "descriptions": [{"entity": "Mara Quill", "description": "the transport minister of Dravia"}],
    "relations": [
        {"subject": "Mara Quill", "relation": "employed_by", "object": "Dravia", "negated": False},
        {"subject": "Dravia", "relation": "ally_of", "object": "Kelmar", "negated": False},
    ],
    "events": [
        {
            "type": "COERCE",
            "mode": "arrest",
            "actor": "Police",
            "recipient": "protesters",
            "place": None,
            "date": None,
            "status": "happened",
            "evidence": "Police arrested 12 protesters",
        },
        {
            "type": "AGREE",
            "mode": None,
            "actor": "Dravia",
            "recipient": "Kelmar",
            "place": None,
            "date": None,
            "status": "hypothetical",
            "evidence": "Dravia and Kelmar signed a fisheries pact",
        },
    ],
}


@pytest.fixture
def page():
    g = gf.prepare_gold(GOLD)
    for ev in g.facts["event"]:
        ev["span"] = gf.locate(BODY, ev["evidence"])
    return g


def sentence(phrase: str) -> tuple[int, int]:
    """The stored-sentence span around ``phrase`` in BODY (up to the next full stop)."""
    i = BODY.index(phrase)
    start = max(BODY.rfind(". ", 0, i) + 2, BODY.rfind("\n", 0, i) + 1, 0)
    return start, BODY.index(".", i) + 1


def quote(text, names=(), words=None):
    return {"text": text, "speaker_names": set(names), "speaker_text": words}


def event(type_, phrase, actor=(), actor_text=None):
    return {
        "type": type_,
        "sent": sentence(phrase),
        "actor_names": set(actor),
        "actor_text": actor_text,
        "recipient_names": set(),
        "recipient_text": None,
    }


def test_quote_with_the_right_speaker_matches_despite_other_boundaries(page):
    gold = page.facts["quote"][0]
    assert gf.quote_matches(quote("that the ferry line would open in May.", ["Quill", "Mara Quill"]), gold)


def test_quote_with_a_speaker_named_inside_the_quote_does_not_match(page):
    gold = page.facts["quote"][1]
    assert not gf.quote_matches(
        quote("Heads should have rolled the day Anton Berg resigned", ["Anton Berg"]), gold
    )
    assert gf.quote_matches(quote("Heads should have rolled the day Anton Berg resigned", ["Quill"]), gold)


def test_quote_with_other_words_does_not_match(page):
    gold = page.facts["quote"][0]
    assert not gf.quote_matches(quote("the tender was closed", ["Mara Quill"]), gold)


def test_unnamed_speaker_matches_its_own_words_or_the_entity_it_speaks_for(page):
    gold = page.facts["quote"][2]
    assert gf.quote_matches(quote("the tender was closed", words="a ministry spokeswoman"), gold)
    assert gf.quote_matches(quote("the tender was closed", ["Transport Ministry"]), gold)
    assert not gf.quote_matches(quote("the tender was closed", ["Mara Quill"]), gold)


def test_description_needs_the_entity_and_the_words(page):
    gold = page.facts["description"][0]
    right = {"entity_names": {"Mara Quill"}, "text": "the transport minister"}
    assert gf.description_matches(right, gold)
    assert not gf.description_matches({"entity_names": {"Dravia"}, "text": "the transport minister"}, gold)
    assert not gf.description_matches({"entity_names": {"Mara Quill"}, "text": "minister"}, gold)


def rel(s, r, o, negated=False):
    return {"subject_names": {s}, "relation": r, "object_names": {o}, "negated": negated}


def test_relation_type_direction_and_polarity(page):
    employed, ally = page.facts["relation"]
    assert gf.relation_matches(rel("Quill", "employed_by", "Dravia"), employed)
    assert not gf.relation_matches(rel("Dravia", "employed_by", "Quill"), employed)
    assert not gf.relation_matches(rel("Quill", "member_of", "Dravia"), employed)
    assert not gf.relation_matches(rel("Quill", "employed_by", "Dravia", negated=True), employed)
    assert gf.relation_matches(rel("Kelmar", "ally_of", "Dravia"), ally)  # symmetric: either way


def test_event_needs_type_sentence_and_actor(page):
    arrest = page.facts["event"][0]
    assert gf.event_matches(event("COERCE", "Police arrested", actor_text="Police"), arrest)
    assert not gf.event_matches(event("COERCE", "Police arrested", actor_text="12 protesters"), arrest)
    assert not gf.event_matches(event("COERCE", "Police arrested"), arrest)  # the gold names an actor
    assert not gf.event_matches(event("ASSAULT", "Police arrested", actor_text="Police"), arrest)
    assert not gf.event_matches(event("COERCE", "the tender", actor_text="Police"), arrest)


def test_default_view_leaves_out_hypothetical_gold_events(page):
    agree = page.facts["event"][1]
    assert not gf.in_default_view("event", agree)
    assert gf.in_default_view("event", page.facts["event"][0])


def test_locate_ignores_quote_style_case_and_spacing():
    span = gf.locate(BODY, '"heads should have  rolled')
    assert span is not None and BODY[span[0] : span[1]] == "\u201cHeads should have rolled"
    assert gf.locate(BODY, "Anton Berg stayed") is None


def test_score_page_counts_precision_and_recall(page):
    facts = {
        "quote": [
            {**quote("the ferry line would open in May", ["Mara Quill"]), "shown": True, "show": "q1"},
            {
                **quote("Heads should have rolled the day Anton Berg resigned", ["Anton Berg"]),
                "shown": True,
                "show": "q2",
            },
        ],
        "description": [],
        "relation": [{**rel("Quill", "employed_by", "Dravia"), "shown": False, "show": "r1"}],
        "event": [
            {**event("AGREE", "signed a fisheries pact", ["Dravia"]), "shown": False, "show": "e1"},
        ],
    }
    default = {k: gf.Tally() for k in gf.KINDS}
    gf.score_page(page, BODY, facts, "default", default)
    assert (default["quote"].gold, default["quote"].found, default["quote"].correct) == (3, 2, 1)
    assert default["quote"].matched == 1 and len(default["quote"].misses) == 2
    assert (default["relation"].found, default["relation"].matched) == (0, 0)  # not shown
    assert default["event"].gold == 1  # the hypothetical pact is not for the default view
    everything = {k: gf.Tally() for k in gf.KINDS}
    gf.score_page(page, BODY, facts, "all", everything)
    assert (everything["relation"].correct, everything["relation"].matched) == (1, 1)
    assert (everything["event"].gold, everything["event"].correct) == (2, 1)


def test_bench_skips_without_data(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(gf, "DATA", tmp_path / "absent")
    assert gf.main(["--split", "tune"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_detail_is_refused_for_the_report_split(capsys):
    assert gf.main(["--split", "report", "--detail"]) == 2
    assert "tune split only" in capsys.readouterr().err
