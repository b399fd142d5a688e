"""Quotations (``newsgraph_quotes``): the examples' gold quotes, fixtures, dates and tricky cases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsgraph.extract import extract
from newsgraph.model import Page, Timex
from newsgraph.nlp import annotate_docs, load_pipeline
from newsgraph.nlp.quote_marks import find_quote_spans
from newsgraph.nlp.quotes import find_quotes

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
FIXTURES = REPO / "tests" / "data" / "quotes" / "fixtures.jsonl"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _speaker_name(doc, quote) -> str | None:
    return next((c.name for c in doc._.ng_entities if c.id == quote.speaker), None)


@pytest.fixture(scope="module")
def example_docs(nlp) -> dict:
    docs = {}
    for name in ("alder-strike.txt", "alder-deal.html"):
        path = EXAMPLES / name
        page = Page(
            source=str(path), kind="html" if path.suffix == ".html" else "text", data=path.read_bytes()
        )
        for _, doc in annotate_docs([extract(page)], nlp):
            docs[name] = doc
    return docs


def _with_timexes(doc, values: dict[str, str]):
    """Set ``doc._.ng_timexes`` by hand (first occurrence of each phrase) and re-run the quote finder."""
    timexes = []
    for phrase, value in values.items():
        m = re.search(re.escape(phrase), doc.text)
        assert m, phrase
        timexes.append(Timex(phrase, m.start(), m.end(), "DATE", value))
    doc._.ng_timexes = timexes
    return find_quotes(doc)


def test_example_gold_quotes(example_docs):
    gold = json.loads((EXAMPLES / "gold.json").read_text())
    for g in gold["quotes"]:
        doc = example_docs[g["file"]]
        hits = [q for q in doc._.ng_quotes if q.text == g["text"]]
        assert len(hits) == 1, (g, [q.text for q in doc._.ng_quotes])
        q = hits[0]
        assert q.kind == g["kind"], g
        assert _speaker_name(doc, q) == g["speaker"], g
        assert doc.text[q.start : q.end] == q.text


def test_example_dates_from_timexes(example_docs, nlp):
    """Dates come from the time expression attached to the speech verb, not from the quoted words."""
    gold = json.loads((EXAMPLES / "gold.json").read_text())
    strike = nlp(example_docs["alder-strike.txt"].text)
    quotes = _with_timexes(
        strike, {"Wednesday": "2026-03-11", "Tuesday": "2026-03-10", "next week": "2026-W12"}
    )
    deal = nlp(example_docs["alder-deal.html"].text)
    quotes_deal = _with_timexes(deal, {"Wednesday": "2026-03-18", "Thursday morning": "2026-03-19TMO"})
    by_text = {q.text: q for q in quotes + quotes_deal}
    for g in gold["quotes"]:
        assert by_text[g["text"]].date == g.get("date"), g


@pytest.mark.parametrize(
    "item",
    [json.loads(line) for line in FIXTURES.read_text().splitlines() if line.strip()],
    ids=lambda item: item["id"],
)
def test_fixture(nlp, item):
    doc = nlp(item["text"])
    got = sorted(((q.kind, q.speaker_text, q.cue, q.text) for q in doc._.ng_quotes), key=str)
    want = sorted(((g["kind"], g["speaker"], g["cue"], g["content"]) for g in item["quotes"]), key=str)
    assert got == want


def test_fixture_offsets_point_at_their_text(nlp):
    for line in FIXTURES.read_text().splitlines():
        doc = nlp(json.loads(line)["text"])
        for q in doc._.ng_quotes:
            assert doc.text[q.start : q.end] == q.text
            if q.cue is not None:
                assert doc.text[q.cue_start : q.cue_end] == q.cue
            if q.speaker_text is not None:
                assert doc.text[q.speaker_start : q.speaker_end] == q.speaker_text


def test_quote_marks_pairing():
    text = 'She said: “First part.\n\n“Second part.”\n\nA stray " mark and 5\'10" tall.'
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["First part.\n\n“Second part."]
    assert spans[0].paragraphs == 2
    assert find_quote_spans('"Unclosed at the end\n\nof a paragraph') == []


def test_date_ignores_time_inside_reported_clause_and_relative_clause(nlp):
    doc = nlp("John Ward, who was arrested on Monday, said on Friday that the vote would be held on Sunday.")
    quotes = _with_timexes(doc, {"Monday": "2026-03-09", "Friday": "2026-03-13", "Sunday": "2026-03-15"})
    assert [(q.kind, q.date) for q in quotes] == [("indirect", "2026-03-13")]
    assert quotes[0].text == "the vote would be held on Sunday"


def test_no_speaker_found_gets_low_confidence(nlp):
    doc = nlp('"The water is rising," it was said by nobody in particular.')
    for q in doc._.ng_quotes:
        if q.speaker is None:
            assert q.confidence < 0.6


def test_pronoun_speaker_without_coref_is_the_last_person(nlp):
    doc = nlp('Anna Berg runs the shelter. "We have no more beds," she said.')
    doc._.ng_coref = None
    quotes = find_quotes(doc)
    assert len(quotes) == 1
    assert _speaker_name(doc, quotes[0]) == "Anna Berg"
    assert quotes[0].confidence < 0.9


def test_split_quote_around_cue(nlp):
    doc = nlp('"We tried," Omar Said Khan said, "but the river was too fast."')
    quotes = doc._.ng_quotes
    assert [q.text for q in quotes] == ["We tried,", "but the river was too fast."]
    assert len({q.speaker for q in quotes}) == 1 and quotes[0].speaker is not None


def test_title_in_subject_is_not_a_quote(nlp):
    doc = nlp('The report, titled "A Nation at Risk", said schools were failing.')
    assert [(q.kind, q.text) for q in doc._.ng_quotes] == [("indirect", "schools were failing")]


def test_quoted_as_saying_takes_the_passive_subject(nlp):
    doc = nlp('Lars Eng was quoted as saying: "We will return."')
    quotes = doc._.ng_quotes
    assert [(q.kind, q.text, q.speaker_text) for q in quotes] == [("direct", "We will return.", "Lars Eng")]


def test_example_dates_end_to_end(example_docs, nlp):
    """With the real timex component in the pipeline, the gold direct quotes get their dates."""
    if "newsgraph_timex" not in nlp.pipe_names:
        pytest.skip("the timex component is not in this pipeline")
    gold = json.loads((EXAMPLES / "gold.json").read_text())
    for g in gold["quotes"]:
        if "date" in g:
            q = next(q for q in example_docs[g["file"]]._.ng_quotes if q.text == g["text"])
            assert q.date == g["date"], g


@pytest.mark.parametrize(
    "text",
    [
        "The new models, which analysts say will boost sales, arrive in May.",
        "We confirmed that the office was closed on Friday.",
    ],
)
def test_not_indirect_quotes(nlp, text):
    assert nlp(text)._.ng_quotes == []
