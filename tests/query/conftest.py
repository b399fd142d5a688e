"""A small hand-made corpus for the query tests: Facts written straight to a tmp knowledge base.

Facts are built from sentences; every offset is found in the text, so each fact points at the
words it names, as the NLP stage would write it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from newsgraph.api import KnowledgeBase
from newsgraph.model import Article, Description, Entity, Event, Facts, Quote, Relation, Timex
from newsgraph.store.schema import articles
from newsgraph.writer import write_facts

# id: (canonical name, type, aliases)
PEOPLE = {
    "reyes": ("Tomas Reyes", "PERSON", ["Reyes"]),
    "hwa": ("Harbour Workers Alliance", "ORG", ["HWA", "Alliance"]),
    "meridian": ("Meridian Shipping", "ORG", ["Meridian"]),
    "varga": ("Elena Varga", "PERSON", ["Varga"]),
    "holm": ("Ingrid Holm", "PERSON", ["Holm"]),
    "gfl": ("General Federation of Labour", "ORG", ["GFL"]),
    "reyes2": ("Ana Reyes", "PERSON", ["Reyes"]),
}


def build(
    aid: str,
    published: str | None,
    sentences: list[str],
    entities: list[str],
    *,
    timexes: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    quotes: list[tuple[str, str | None, str | None]] = (),  # type: ignore[assignment]
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    relations: list[tuple[str, str, str, int]] = (),  # type: ignore[assignment]
    descriptions: list[tuple[str, str]] = (),  # type: ignore[assignment]
    title: str | None = None,
) -> Facts:
    """One article's Facts: ``entities`` are PEOPLE keys, found wherever their names occur."""
    text = " ".join(sentences)
    sents, pos = [], 0
    for s in sentences:
        sents.append((pos, pos + len(s)))
        pos += len(s) + 1

    def find(words: str, after: int = 0) -> tuple[int, int]:
        i = text.index(words, after)
        return i, i + len(words)

    def sentence_of(n: int) -> tuple[int, int]:
        return sents[n]

    ents, taken = [], []
    for n, key in enumerate(entities, 1):
        name, etype, aliases = PEOPLE[key]
        spans = []
        for form in sorted([name, *aliases], key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(form)}\b", text):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    spans.append((m.start(), m.end()))
                    taken.append((m.start(), m.end()))
        ents.append(Entity(f"e{n}", name, etype, list(aliases), sorted(spans)))
    local = {key: f"e{n}" for n, key in enumerate(entities, 1)}
    facts = Facts(
        article=Article(
            id=aid,
            source=f"{aid}.txt",
            text=text,
            title=title or sentences[0][:40],
            published=published,
            content_hash=f"hash-{aid}",
        ),  # fmt: skip
        entities=ents,
        sentences=sents,
        timexes=[Timex(words, *find(words), "DATE", value) for words, value in timexes],
        quotes=[
            Quote(
                words,
                *find(words),
                "direct",
                speaker=local.get(speaker or ""),
                speaker_text=speaker,
                cue="said",
                date=date,
            )  # fmt: skip
            for words, speaker, date in quotes
        ],
        relations=[Relation(local[s], rel, local[o], *sentence_of(n)) for s, rel, o, n in relations],
        descriptions=[Description(local[k], words, *find(words)) for k, words in descriptions],
        events=[
            Event(
                type=e["type"],
                mode=e.get("mode"),
                actor=local.get(e.get("actor") or ""),
                recipient=local.get(e.get("recipient") or ""),
                place=e.get("place"),
                date=e.get("date"),
                date_source="text",
                trigger=e.get("trigger"),
                negated=e.get("negated", False),
                start=sentence_of(e["sentence"])[0],
                end=sentence_of(e["sentence"])[1],
            )  # fmt: skip
            for e in events
        ],
    )
    return facts


SPRINGFIELD = {"name": "Alder", "country_code": "NL", "lat": 52.0, "lon": 4.0, "geonameid": 1}


def corpus() -> list[Facts]:
    """Five articles: a strike, a week-dated talk, a deal, a reprint of the deal, and another Reyes."""
    return [
        build(
            "a1",
            "2026-03-09",
            [
                "Workers of the Harbour Workers Alliance began a strike against Meridian Shipping on Monday.",
                '"We will not back down," said Tomas Reyes, the union\'s general secretary.',
                "Reyes leads the Alliance, which Meridian Shipping has sued.",
            ],
            ["hwa", "meridian", "reyes"],
            timexes=[("Monday", "2026-03-09")],
            quotes=[("We will not back down,", "reyes", "2026-03-09")],
            events=[
                {
                    "type": "PROTEST",
                    "mode": "strike",
                    "actor": "hwa",
                    "recipient": "meridian",
                    "sentence": 0,
                    "date": "2026-03-09",
                    "place": SPRINGFIELD,
                    "trigger": "strike",
                }
            ],
            relations=[("reyes", "leader_of", "hwa", 2), ("hwa", "in_dispute_with", "meridian", 2)],
            descriptions=[("reyes", "the union's general secretary")],
        ),  # fmt: skip
        build(
            "a2",
            "2026-03-12",
            [
                "Elena Varga of Meridian Shipping met the Alliance next week, Varga said.",
                '"Automation is coming to Alder," said Elena Varga, a spokeswoman for Meridian Shipping.',
                "Tomas Reyes said talks had stalled in 2025.",
            ],
            ["varga", "meridian", "hwa", "reyes"],
            timexes=[("next week", "2026-W12"), ("in 2025", "2025")],
            quotes=[("Automation is coming to Alder,", "varga", None)],
            events=[
                {"type": "CONSULT", "actor": "varga", "recipient": "hwa", "sentence": 0, "date": "2026-W12"}
            ],
        ),  # fmt: skip
        build(
            "a3",
            "2026-03-19",
            [
                "The Harbour Workers Alliance and Meridian Shipping signed a deal on Wednesday.",
                '"This deal protects every docker, and Meridian Shipping knows it," said Tomas Reyes.',
                "Ingrid Holm, the mediator, praised the General Federation of Labour.",
            ],
            ["hwa", "meridian", "reyes", "holm", "gfl"],
            timexes=[("Wednesday", "2026-03-18")],
            quotes=[
                ("This deal protects every docker, and Meridian Shipping knows it,", "reyes", "2026-03-18")
            ],
            events=[
                {
                    "type": "AGREE",
                    "actor": "hwa",
                    "recipient": "meridian",
                    "sentence": 0,
                    "date": "2026-03-18",
                    "place": SPRINGFIELD,
                },
                {"type": "SUPPORT", "actor": "holm", "recipient": "gfl", "sentence": 2, "date": "2026-03-18"},
                {"type": "FIGHT", "actor": "hwa", "recipient": "meridian", "sentence": 0, "negated": True},
            ],
            relations=[("hwa", "affiliated_with", "gfl", 2)],
        ),  # fmt: skip
        # a reprint of a3 on another site: near-duplicate, must never count twice
        build(
            "a3-copy",
            "2026-03-19",
            [
                "The Harbour Workers Alliance and Meridian Shipping signed a deal on Wednesday.",
                '"This deal protects every docker, and Meridian Shipping knows it," said Tomas Reyes.',
                "Ingrid Holm, the mediator, praised the General Federation of Labour.",
            ],
            ["hwa", "meridian", "reyes", "holm", "gfl"],
            timexes=[("Wednesday", "2026-03-18")],
            quotes=[
                ("This deal protects every docker, and Meridian Shipping knows it,", "reyes", "2026-03-18")
            ],
            events=[
                {
                    "type": "AGREE",
                    "actor": "hwa",
                    "recipient": "meridian",
                    "sentence": 0,
                    "date": "2026-03-18",
                }
            ],
            relations=[("hwa", "affiliated_with", "gfl", 2)],
        ),  # fmt: skip
        build(
            "a4",
            None,
            ["Ana Reyes opened a bakery.", '"Bread is a promise," said Ana Reyes.'],
            ["reyes2"],
            quotes=[("Bread is a promise,", "reyes2", None)],
        ),  # fmt: skip
    ]


def write_corpus(kb: KnowledgeBase) -> None:
    """Write the corpus and mark the reprint as a near-duplicate of its original."""
    for facts in corpus():
        write_facts(kb.engine, facts)
    with kb.engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id == "a3-copy").values(duplicate_of="a3"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A knowledge base holding the corpus, on each backend (PostgreSQL when NEWSGRAPH_TEST_PG is set)."""
    if request.param == "sqlite":
        db: Path | str = tmp_path_factory.mktemp("querykb") / "kb.db"
    else:
        db = request.getfixturevalue("pg_module_url")
    base = KnowledgeBase(db)
    write_corpus(base)
    yield base
    base.close()


@pytest.fixture
def entity_id(kb: KnowledgeBase) -> Callable[[str], int]:
    """The knowledge-base id of a canonical name."""

    def lookup(name: str) -> int:
        return next(c["id"] for c in kb.find(name) if c["name"] == name)

    return lookup
