"""Issue 3's done-means on both example pages, through the real pipeline (extract, then every
NLP component): the gold descriptions, relations, events and indirect quotes are found, and
nothing comes from a caption credit or boilerplate, and every fact points into ``text``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.extract import extract
from newsgraph.model import Facts, Page
from newsgraph.nlp import annotate, load_pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = ["alder-strike.txt", "alder-deal.html"]


def norm(s: str | None) -> str:
    s = (s or "").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


@pytest.fixture(scope="module")
def facts() -> dict[str, Facts]:
    nlp = load_pipeline()
    pages = [
        Page(
            source=str(EXAMPLES / name),
            kind="html" if name.endswith(".html") else "text",
            data=(EXAMPLES / name).read_bytes(),
        )
        for name in FILES
    ]
    articles = [extract(page) for page in pages]
    out = {Path(f.article.source).name: f for f in annotate(articles, nlp)}
    assert sorted(out) == sorted(FILES)
    return out


def entity_names(f: Facts) -> dict[str, str]:
    return {e.id: e.name for e in f.entities}


def test_every_gold_description(facts: dict[str, Facts], gold: dict) -> None:
    found = {(entity_names(f)[d.entity], norm(d.text)) for f in facts.values() for d in f.descriptions}
    for g in gold["descriptions"]:
        assert any(name == g["entity"] and norm(g["text"]) in text for name, text in found), g


def test_every_gold_relation(facts: dict[str, Facts], gold: dict) -> None:
    found = set()
    for f in facts.values():
        names = entity_names(f)
        found |= {(names[r.subject], r.relation, names[r.object]) for r in f.relations if not r.negated}
    for g in gold["relations"]:
        assert (g["subject"], g["relation"], g["object"]) in found, g


def test_operates_comes_from_the_headline_and_captions(facts: dict[str, Facts]) -> None:
    """The strike page's body never names the Port of Alder; its title and captions do."""
    f = facts["alder-strike.txt"]
    port = next(e for e in f.entities if e.name == "Port of Alder")
    assert port.type == "FAC"
    assert port.mentions == []
    assert "Port of Alder" not in f.article.text
    fields = {"title": [f.article.title], "caption": [c.text for c in f.article.captions]}
    assert {m["field"] for m in port.context_mentions} == {"title", "caption"}
    for m in port.context_mentions:
        assert fields[m["field"]][m["index"]][m["start"] : m["end"]] == "Port of Alder"
    terminal = next(c for c in f.coref if c.text == "the terminal")
    assert terminal.entity == port.id
    rel = next(r for r in f.relations if r.relation == "operates")
    assert f.article.text[rel.start : rel.end].startswith(
        "The Alliance and Meridian Shipping, the terminal's operator"
    )


@pytest.mark.parametrize(
    ("file", "etype", "mode", "actor", "recipient", "date"),
    [
        ("alder-strike.txt", "PROTEST", "strike", "Harbour Workers Alliance", None, "2026-03-09"),
        ("alder-strike.txt", "COERCE", "arrest", "Alder police department", None, "2026-03-10"),
        ("alder-deal.html", "AGREE", None, "Harbour Workers Alliance", "Meridian Shipping", "2026-03-18"),
    ],
)
def test_gold_events(
    facts: dict[str, Facts],
    file: str,
    etype: str,
    mode: str | None,
    actor: str,
    recipient: str | None,
    date: str,
) -> None:
    f = facts[file]
    names = entity_names(f)
    hits = [
        e
        for e in f.events
        if e.type == etype
        and (mode is None or e.mode == mode)
        and names.get(e.actor or "") == actor
        and (recipient is None or names.get(e.recipient or "") == recipient)
        and e.date == date
        and not e.negated
        and not e.hypothetical
    ]
    assert hits, [(e.type, e.mode, names.get(e.actor or ""), e.date) for e in f.events]


def test_strike_page_events_happen_at_the_port(facts: dict[str, Facts]) -> None:
    """The headline's place, or "the port" resolved to it; the older strike keeps its own words."""
    f = facts["alder-strike.txt"]
    for etype, date in [("PROTEST", "2026-03-09"), ("COERCE", "2026-03-10"), ("PROTEST", "2019-06")]:
        event = next(e for e in f.events if e.type == etype and e.date == date)
        assert event.place and event.place["name"] == "Port of Alder", event
    old = next(e for e in f.events if e.date == "2019-06")
    assert old.place["source"] == "coref"  # "at the port", not borrowed from the headline


@pytest.mark.parametrize(
    ("file", "speaker", "text"),
    [
        (
            "alder-strike.txt",
            "Meridian Shipping",
            "the strike had already cost the company more than 3 million euros",
        ),
        (
            "alder-deal.html",
            "Elena Varga",
            "the government would contribute 2 million euros to the retraining fund",
        ),
        (
            "alder-deal.html",
            "General Federation of Labour",
            "it would ask its other member unions to study the agreement",
        ),
    ],
)
def test_indirect_quotes_attributed(facts: dict[str, Facts], file: str, speaker: str, text: str) -> None:
    f = facts[file]
    names = entity_names(f)
    quote = next(q for q in f.quotes if norm(text) in norm(q.text))
    assert quote.kind == "indirect"
    assert names.get(quote.speaker or "") == speaker


def test_nothing_from_credits_or_boilerplate(facts: dict[str, Facts]) -> None:
    for f in facts.values():
        credits = [c.credit for c in f.article.captions if c.credit]
        assert credits, "both pages have a credited photo"
        record = f.to_dict()
        names = [e.name for e in f.entities] + [a for e in f.entities for a in e.aliases]
        assert not any("Mara Olsen" in n or "Olsen" in n for n in names), names
        assert not any("Harbourline" in n or "CoastalDaily" in n for n in names), names
        for key in ("quotes", "descriptions", "coref"):
            for item in record[key]:
                assert "Olsen" not in item["text"] and "Credit" not in item["text"]
        for b in f.article.boilerplate:
            assert b not in f.article.text


def test_every_fact_span_inside_text(facts: dict[str, Facts]) -> None:
    for f in facts.values():
        text = f.article.text
        n = len(text)
        sentences = f.sentences
        assert sentences and all(0 <= s < e <= n for s, e in sentences)

        def in_sentence(start: int, end: int, sentences: list = sentences) -> bool:
            return any(s <= start and end <= e for s, e in sentences)

        for e in f.entities:
            for s, t in e.mentions:
                assert 0 <= s < t <= n and in_sentence(s, t)
        for item in [*f.timexes, *f.quotes, *f.descriptions, *f.coref]:
            assert 0 <= item.start < item.end <= n
            assert in_sentence(item.start, item.end) or item in f.quotes  # a quote may run on
        for c in f.coref:
            assert text[c.start : c.end] == c.text
        for fact in [*f.relations, *f.events]:
            # the sentence, whole, from the body (spaCy's span may keep the paragraph break after it)
            assert 0 <= fact.start < fact.end <= n
            lead = len(text[fact.start : fact.end]) - len(text[fact.start : fact.end].lstrip())
            start, end = fact.start + lead, fact.start + len(text[fact.start : fact.end].rstrip())
            assert (start, end) in sentences, fact
        for q in f.quotes:
            for s, t in [(q.speaker_start, q.speaker_end), (q.cue_start, q.cue_end)]:
                assert s is None or 0 <= s < t <= n
        for ev in f.events:
            assert ev.start <= ev.trigger_start < ev.trigger_end <= ev.end
        # captions stay out of the body
        for c in f.article.captions:
            assert c.text not in text
