"""Build small articles by hand: text plus the entities the pipeline would have found in it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from newsgraph.model import Article, Description, Entity, Facts, content_hash
from newsgraph.store import connect

MakeFacts = Callable[..., Facts]


def _spans(text: str, form: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while (i := text.find(form, start)) >= 0:
        out.append((i, i + len(form)))
        start = i + len(form)
    return out


def build_facts(
    article_id: str,
    text: str,
    entities: list[tuple[str, str, list[str]]],
    descriptions: dict[str, str] | None = None,
    source: str | None = None,
) -> Facts:
    """An article whose entities are (name, type, aliases); mentions are every occurrence of each form.

    A form that sits inside a longer form of another entity is not counted there (as NER would not).
    """
    article = Article(
        id=article_id,
        source=source or f"{article_id}.txt",
        text=text,
        content_hash=content_hash(source or article_id + text),
        published="2024-05-01",
    )
    taken: list[tuple[int, int]] = []
    ents = []
    forms_by_len = sorted(
        ((form, n) for n, (name, _, aliases) in enumerate(entities) for form in [name, *aliases]),
        key=lambda x: -len(x[0]),
    )
    mentions: dict[int, list[tuple[int, int]]] = {n: [] for n in range(len(entities))}
    for form, n in forms_by_len:
        for s, e in _spans(text, form):
            if not any(s < te and ts < e for ts, te in taken):
                taken.append((s, e))
                mentions[n].append((s, e))
    for n, (name, etype, aliases) in enumerate(entities):
        ents.append(Entity(f"e{n + 1}", name, etype, list(aliases), sorted(mentions[n])))
    descs = []
    for n, (name, _, _) in enumerate(entities):
        d = (descriptions or {}).get(name)
        if d:
            s = text.find(d)
            descs.append(Description(f"e{n + 1}", d, s, s + len(d)))
    return Facts(article=article, entities=ents, descriptions=descs, sentences=[(0, len(text))])


@pytest.fixture
def make_facts() -> MakeFacts:
    """The ``build_facts`` helper."""
    return build_facts


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    """A fresh knowledge base on each backend (PostgreSQL when NEWSGRAPH_TEST_PG is set)."""
    db = tmp_path / "kb.db" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    eng = connect(db)
    yield eng
    eng.dispose()
