"""What the store knows around a candidate entity, read per entity and cached exactly per process.

A candidate's context is its co-occurring entities (in its latest 200 articles, by article id) and
the words of its first 200 descriptions. Both change only when an article mentioning or describing
the entity is written, or by a correction. The single writer therefore keeps them in a per-process
cache (one per database) and brings a cached context up to date itself when it writes an article:
the article's other entities join the neighbours of each entity it mentions, its descriptions'
words join the words, exactly as a fresh read would see them. Where that needs the store's order
(an entity reaching its 200th article or description, or a new article that enters an entity's
latest 200 and pushes one out) the context is dropped and read again when next needed. Any
correction clears the cache, and a watermark read at the start of each article (the highest
mention, source and correction ids) clears it when anything else wrote to the store meanwhile
(another process, an engine of its own, a rolled-back transaction).

Keeping contexts up to date rather than dropping them matters as the store grows: the entities
an article touches are mostly the frequent ones, whose contexts (200 articles of neighbours) cost
the most to read again.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, String, bindparam, func, literal, select

from ..store.schema import articles, corrections, descriptions, entities, mentions
from ..store.watermark import watermark
from ..vocabulary import shared_words
from .names import name_key
from .rules import Rules, rules_from

__all__ = ["StoreCache", "ArticleRows", "store_cache", "forget", "words_of", "RECENT_ARTICLES"]

RECENT_ARTICLES = 200
"""A candidate's neighbours are read from this many of its latest articles (and as many descriptions)."""

_STOP = shared_words("stop_words", "stop", "descriptions")  # data/stop_words.toml: core + additions


def words_of(texts: Iterable[str]) -> set[str]:
    """Description words that can tell two namesakes apart (no stop words, three letters or more)."""
    return {w for t in texts for w in name_key(t).split() if len(w) > 2 and w not in _STOP}


Context = tuple[Set[int], Set[str]]


@dataclass
class _Entry:
    """One entity's cached context, with what it takes to keep it up to date."""

    neighbours: set[int]
    words: set[str]
    articles: int
    """Articles the neighbours come from (``RECENT_ARTICLES`` at most)."""
    oldest: str | None
    """The lowest article id among them (in the store's order): a newer article enters the window."""
    descriptions: int
    """Descriptions the words come from (``RECENT_ARTICLES`` at most)."""


@dataclass
class ArticleRows:
    """What an article wrote that entity contexts are read from: its mentions' entities, and its
    descriptions (entity id, text) in the order they were inserted."""

    article_id: str
    mentioned: set[int]
    described: list[tuple[int, str]]


@dataclass
class StoreCache:
    """Candidate contexts, article counts and the corrections of one database, valid while ``mark`` holds."""

    contexts: dict[int, _Entry] = field(default_factory=dict)
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
        if watermark(conn) != self.mark:
            self.clear()

    def article_added(self) -> None:
        """The article being written was inserted: one more article in the store."""
        if self.total_articles is not None:
            self.total_articles += 1

    def wrote(self, conn: Connection, counted: Iterable[int] = (), rows: ArticleRows | None = None) -> None:
        """The article's rows are in (not yet committed): bring the contexts its ``rows`` change up to
        date (none for an exact duplicate, which adds only a source), add it to the article counts of
        the entities it ``counted`` (not a near-duplicate's), remember the watermark."""
        if rows is not None:
            self._update(conn, rows)
        for entity_id in counted:
            if entity_id in self.article_counts:
                self.article_counts[entity_id] += 1
        self.mark = watermark(conn)

    def _update(self, conn: Connection, rows: ArticleRows) -> None:
        """Add an article's mentions and descriptions to the cached contexts, as a fresh read would."""
        at_cap = {
            i: e.oldest
            for i in rows.mentioned
            if (e := self.contexts.get(i)) is not None
            and e.articles >= RECENT_ARTICLES
            and e.oldest is not None
        }
        older = _older_than(conn, rows.article_id, at_cap)
        for entity_id in rows.mentioned:
            entry = self.contexts.get(entity_id)
            if entry is None:
                continue
            if entry.articles + 1 < RECENT_ARTICLES:  # every article of the entity is in its window
                entry.neighbours |= rows.mentioned
                entry.neighbours.discard(entity_id)
                entry.articles += 1
            elif not older.get(entity_id, False):
                # the window fills up, or this article enters it and pushes one out: read it again
                del self.contexts[entity_id]
        per_entity: dict[int, list[str]] = {}
        for entity_id, text in rows.described:
            per_entity.setdefault(entity_id, []).append(text)
        for entity_id, texts in per_entity.items():
            entry = self.contexts.get(entity_id)
            if entry is None:
                continue
            if entry.descriptions + len(texts) <= RECENT_ARTICLES:
                entry.words |= words_of(texts)
                entry.descriptions += len(texts)
            else:  # which ones count depends on the store's order
                del self.contexts[entity_id]

    def rules(self, conn: Connection) -> Rules:
        """The corrections in force (read again only when the corrections table changed)."""
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
        """Co-occurring entities and description words of these entities (three queries each missing one).

        The sets are the cache's own: read them, do not keep them past the article."""
        wanted = list(ids)
        missing = sorted({i for i in wanted if i not in self.contexts})
        if missing:
            self.contexts.update(_read_entries(conn, missing))
        return {i: (self.contexts[i].neighbours, self.contexts[i].words) for i in wanted}


def _older_than(conn: Connection, article_id: str, oldest: dict[int, str]) -> dict[int, bool]:
    """For each entity, whether ``article_id`` sorts below its oldest recent article, in the order
    the store sorts article ids (SQLite compares bytes, as Python compares strings; another backend
    is asked, as its collation decides)."""
    if not oldest:
        return {}
    if conn.dialect.name == "sqlite":
        return {i: article_id < o for i, o in oldest.items()}
    ids = list(oldest)
    mine = literal(article_id, String())
    row = conn.execute(
        select(*[(mine < literal(oldest[i], String())).label(f"c{n}") for n, i in enumerate(ids)])
    ).one()
    return {i: bool(v) for i, v in zip(ids, row, strict=True)}


def _context_statements() -> tuple[Any, Any, Any]:
    """The three context queries of one entity (``entity``), built once.

    Each reads only the entity's latest articles and first descriptions, however many it has: the
    articles from the (entity_id, article_id, ...) index backwards, the descriptions from the
    entity_id index in id order, so a read costs the same in a store of any size."""
    entity = bindparam("entity")
    # its latest articles by id, as a window function over all its mentions would rank them
    recent = (
        select(mentions.c.article_id)
        .where(mentions.c.entity_id == entity)
        .distinct()
        .order_by(mentions.c.article_id.desc())
        .limit(RECENT_ARTICLES)
    )
    recent_q = recent.subquery()
    neighbours = (
        select(mentions.c.entity_id)
        .where(mentions.c.article_id.in_(select(recent_q.c.article_id)), mentions.c.entity_id != entity)
        .distinct()
    )
    # the first descriptions in storage order
    texts = (
        select(descriptions.c.text)
        .where(descriptions.c.entity_id == entity)
        .order_by(descriptions.c.id)
        .limit(RECENT_ARTICLES)
    )
    return recent, neighbours, texts


_RECENT, _NEIGHBOURS, _TEXTS = _context_statements()


def _read_entries(conn: Connection, ids: list[int]) -> dict[int, _Entry]:
    out = {}
    for i in ids:
        recent = conn.execute(_RECENT, {"entity": i}).scalars().all()
        neighbours = {n for n in conn.execute(_NEIGHBOURS, {"entity": i}).scalars() if n is not None}
        texts = conn.execute(_TEXTS, {"entity": i}).scalars().all()
        # the lowest id of the window (the last one read): an article below it does not enter
        out[i] = _Entry(neighbours, words_of(texts), len(recent), recent[-1] if recent else None, len(texts))
    return out


def _read_contexts(conn: Connection, ids: list[int]) -> dict[int, Context]:
    """Co-occurring entities and description words of these entities, read from the store."""
    return {i: (e.neighbours, e.words) for i, e in _read_entries(conn, ids).items()}


_COUNTS = select(entities.c.id, entities.c.article_count).where(
    entities.c.id.in_(bindparam("ids", expanding=True))
)


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
