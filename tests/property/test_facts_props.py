"""Properties of the NLP facts on arbitrary news-like text: every span points at its words."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.model import Article
from newsgraph.nlp import annotate, load_pipeline

_PIECES = [
    "The Harbour Workers Alliance",
    "HWA",
    "Maria Reyes",
    "Reyes",
    "she",
    "said",
    "told reporters",
    "on Monday",
    "last week",
    "March 3",
    "on 9 March 2026",
    "next Tuesday",
    "in 2025",
    "two days later",
    "every Friday",
    "for three weeks",
    "at 5 p.m.",
    "yesterday",
    "“We will not back down,”",
    '"No deal,"',
    "according to the union",
    "a spokesperson for the port",
    "the chief executive of Acme Shipping",
    "went on strike",
    "signed an agreement with",
    "protested against",
    "in Lisbon",
    "Rotterdam",
    ",",
    ".",
    "and",
    "the",
    "workers",
    "police arrested",
    "the minister",
    "of Portugal",
    "\u2019s",
    "(",
    ")",
    "—",
]

sentences = st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), min_size=1, max_size=25).map(
    lambda xs: " ".join(xs).strip() + "."
)
paragraphs = st.lists(sentences, min_size=1, max_size=4).map(" ".join)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    """The full pipeline, loaded once."""
    return load_pipeline()


def _article(paras: list[str], published: str | None) -> Article:
    text = "\n\n".join(paras)
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    return Article(id="prop", source="prop", text=text, published=published, paragraphs=spans)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(paragraphs, min_size=1, max_size=3), st.sampled_from([None, "2026-03-09", "1999-12-31"]))
def test_every_fact_span_points_at_its_words(nlp, paras: list[str], published: str | None) -> None:  # type: ignore[no-untyped-def]
    article = _article(paras, published)
    (facts,) = list(annotate([article], nlp))
    text = article.text
    n = len(text)

    def inside(start: int, end: int) -> None:
        assert 0 <= start <= end <= n, (start, end, n)

    for start, end in facts.sentences:
        inside(start, end)
    for entity in facts.entities:
        for start, end in entity.mentions:
            inside(start, end)
    for t in facts.timexes:
        inside(t.start, t.end)
        assert text[t.start : t.end] == t.text
    for q in facts.quotes:
        inside(q.start, q.end)
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None and q.speaker_end is not None:
            inside(q.speaker_start, q.speaker_end)
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
        if q.cue_start is not None and q.cue_end is not None:
            inside(q.cue_start, q.cue_end)
            assert text[q.cue_start : q.cue_end] == q.cue
    for d in facts.descriptions:
        inside(d.start, d.end)
        assert text[d.start : d.end] == d.text
    for c in facts.coref:
        inside(c.start, c.end)
        assert text[c.start : c.end] == c.text
    for r in facts.relations:
        inside(r.start, r.end)
    for e in facts.events:
        inside(e.start, e.end)
        if e.trigger_start is not None and e.trigger_end is not None:
            inside(e.trigger_start, e.trigger_end)
            assert text[e.trigger_start : e.trigger_end] == e.trigger
