"""What the store knows around a candidate entity, read in batches and cached exactly per process.

A candidate's context is its co-occurring entities (in its latest 200 articles) and the words of
its descriptions. Both change only when an article mentioning the entity is written, or by a
correction. The single writer therefore keeps them in a per-process cache (one per database):
every entity an article touches is dropped from it when the article is written, any correction
clears it, and a watermark read at the start of each article (the highest mention, source and
correction ids) clears it when anything else wrote to the store meanwhile (another process, an
engine of its own, a rolled-back transaction).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from ..store.schema import article_sources, articles, corrections, descriptions, entities, mentions
from .names import name_key

__all__ = ["StoreCache", "store_cache", "forget", "words_of", "RECENT_ARTICLES"]

RECENT_ARTICLES = 200
"""A candidate's neighbours are read from this many of its latest articles (and as many descriptions)."""

_STOP = frozenset(
    "a an the of and or in on at to for from by with as its his her their who which that is was be former new "
    "said says also".split()
)


def words_of(texts: Iterable[str]) -> set[str]:
    """Description words that can tell two namesakes apart (no stop words, three letters or more)."""
    return {w for t in texts for w in name_key(t).split() if len(w) > 2 and w not in _STOP}


Context = tuple[frozenset[int], frozenset[str]]


@dataclass
class StoreCache:
    """Candidate contexts, article counts and the corrections of one database, valid while ``mark`` holds."""

    contexts: dict[int, Context] = field(default_factory=dict)
    article_counts: dict[int, int] = field(default_factory=dict)
    total_articles: int | None = None
    rules_rows: list[tuple[str, Any]] | None = None
    mark: tuple[Any, ...] | None = None

    def clear(self) -> None:
        """Forget everything (a correction, a failed write, someone else wrote)."""
        self.contexts.clear()
        self.article_counts.clear()
        self.total_articles = None
        self.rules_rows = None
        self.mark = None

    def begin(self, conn: Connection) -> None:
        """Start an article: keep what is cached only if nobody else wrote since our last article."""
        if _watermark(conn) != self.mark:
            self.clear()

    def article_added(self) -> None:
        """The article being written was inserted: one more article in the store."""
        if self.total_articles is not None:
            self.total_articles += 1

    def wrote(self, conn: Connection, touched: Iterable[int], counted: Iterable[int] = ()) -> None:
        """The article's rows are in (not yet committed): drop the contexts it changed, add it to the
        article counts of the entities it ``counted`` (not a near-duplicate's), remember the watermark."""
        for entity_id in touched:
            self.contexts.pop(entity_id, None)
        for entity_id in counted:
            if entity_id in self.article_counts:
                self.article_counts[entity_id] += 1
        self.mark = _watermark(conn)

    def rules(self, conn: Connection):  # type: ignore[no-untyped-def]
        """The corrections in force (read again only when the corrections table changed)."""
        from .corrections import rules_from

        if self.rules_rows is None:
            self.rules_rows = [
                (op, args)
                for op, args in conn.execute(
                    select(corrections.c.op, corrections.c.args).order_by(corrections.c.id)
                )
            ]
        return rules_from(self.rules_rows)

    def total(self, conn: Connection) -> int:
        """Articles in the store (counted once per process, then kept up to date)."""
        if self.total_articles is None:
            self.total_articles = conn.execute(select(func.count()).select_from(articles)).scalar() or 0
        return self.total_articles

    def counts(self, conn: Connection, ids: set[int]) -> dict[int, int]:
        """Article counts of these entities."""
        missing = sorted(i for i in ids if i not in self.article_counts)
        if missing:
            self.article_counts.update(
                {i: 0 for i in missing} | dict(conn.execute(_COUNTS, {"ids": missing}).all())
            )
        return {i: self.article_counts[i] for i in ids}

    def context(self, conn: Connection, ids: Iterable[int]) -> dict[int, Context]:
        """Co-occurring entities and description words of these entities (two queries for all missing)."""
        wanted = list(ids)
        missing = sorted({i for i in wanted if i not in self.contexts})
        if missing:
            self.contexts.update(_read_contexts(conn, missing))
        return {i: self.contexts[i] for i in wanted}


def _context_statements() -> tuple[Any, Any]:
    """The two context queries, built once (``ids``: the entities to read)."""
    ids = bindparam("ids", expanding=True)
    pairs = (
        select(mentions.c.entity_id, mentions.c.article_id).where(mentions.c.entity_id.in_(ids)).distinct()
    )
    pairs_q = pairs.subquery()
    ranked = select(
        pairs_q.c.entity_id,
        pairs_q.c.article_id,
        func.row_number()
        .over(partition_by=pairs_q.c.entity_id, order_by=pairs_q.c.article_id.desc())
        .label("rn"),
    ).subquery()
    recent = select(ranked.c.entity_id, ranked.c.article_id).where(ranked.c.rn <= RECENT_ARTICLES).subquery()
    other = mentions.alias("other")
    neighbours = (
        select(recent.c.entity_id, other.c.entity_id)
        .join(other, other.c.article_id == recent.c.article_id)
        .where(other.c.entity_id != recent.c.entity_id)
        .distinct()
    )
    # the first descriptions in storage order, as a plain LIMIT on the entity's index returns them
    numbered = (
        select(
            descriptions.c.entity_id,
            descriptions.c.text,
            func.row_number()
            .over(partition_by=descriptions.c.entity_id, order_by=descriptions.c.id)
            .label("rn"),
        )
        .where(descriptions.c.entity_id.in_(ids))
        .subquery()
    )
    texts = select(numbered.c.entity_id, numbered.c.text).where(numbered.c.rn <= RECENT_ARTICLES)
    return neighbours, texts


_NEIGHBOURS, _TEXTS = _context_statements()


def _read_contexts(conn: Connection, ids: list[int]) -> dict[int, Context]:
    neighbours: dict[int, set[int]] = {i: set() for i in ids}
    for entity_id, neighbour in conn.execute(_NEIGHBOURS, {"ids": ids}):
        if neighbour is not None:
            neighbours[entity_id].add(neighbour)
    texts: dict[int, list[str]] = {i: [] for i in ids}
    for entity_id, text in conn.execute(_TEXTS, {"ids": ids}):
        texts[entity_id].append(text)
    return {i: (frozenset(neighbours[i]), frozenset(words_of(texts[i]))) for i in ids}


_WATERMARK = select(
    select(func.max(mentions.c.id)).scalar_subquery(),
    select(func.max(article_sources.c.id)).scalar_subquery(),
    select(func.max(corrections.c.id)).scalar_subquery(),
)
_COUNTS = select(entities.c.id, entities.c.article_count).where(
    entities.c.id.in_(bindparam("ids", expanding=True))
)


def _watermark(conn: Connection) -> tuple[Any, ...]:
    return tuple(conn.execute(_WATERMARK).one())


_STORES: dict[str, StoreCache] = {}


def _key(conn: Connection) -> str:
    url = conn.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return f"memory:{id(conn.engine)}"  # each in-memory engine is a database of its own
    return url.render_as_string(hide_password=False)


def store_cache(conn: Connection) -> StoreCache:
    """This process's cache for the database behind ``conn`` (shared by every engine on it)."""
    return _STORES.setdefault(_key(conn), StoreCache())


def forget(conn: Connection) -> None:
    """Clear the cache of the database behind ``conn`` (after a correction or a failed write)."""
    cache = _STORES.get(_key(conn))
    if cache is not None:
        cache.clear()
