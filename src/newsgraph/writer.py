"""Write one article's facts to the knowledge base, all in one transaction.

A reader never sees half an article: the article row and every fact row commit together. Ingest
is idempotent by content hash: the same page stored twice is stored once (its new source is
recorded beside the first). A near-duplicate (a wire copy or a lightly edited reprint, found by
MinHash) is stored with ``duplicate_of`` set and its source added to the original's; its facts are
kept for provenance but do not add to the entities' counts.

The writer sits above both ``store`` (the tables) and ``resolve`` (entity linking, near-duplicates,
the cached candidate contexts): neither of them imports it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert, or_, select

from .errors import PageError
from .model import Facts
from .resolve.candidate_contexts import ArticleRows, StoreCache, store_cache
from .resolve.dedup import find_duplicate, signature, store_signature
from .resolve.entities import bump_all, link_article
from .resolve.lookups import insert_ignore
from .store.schema import (
    article_sources,
    articles,
    descriptions,
    errors,
    events,
    mentions,
    quotes,
    relations,
    timexes,
)

__all__ = ["WriteResult", "write_facts", "write_error", "has_article"]


@dataclass
class WriteResult:
    """What happened to one article: ``stored``, ``duplicate`` or ``near_duplicate``, and its entity ids."""

    status: str
    article_id: str
    entity_ids: dict[str, int] = field(default_factory=dict)
    duplicate_of: str | None = None
    """For a near-duplicate: the id of the original it copies."""


class _Sentences:
    """Find the sentence span holding a character offset (bisect over sentence starts)."""

    def __init__(self, facts: Facts) -> None:
        self.spans = sorted(facts.sentences) or [(0, len(facts.article.text))]
        self.starts = [s for s, _ in self.spans]

    def of(self, start: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        return self.spans[i]

    def cols(self, start: int, end: int) -> dict[str, int]:
        s_start, s_end = self.of(start)
        return {"start": start, "end": end, "sent_start": s_start, "sent_end": max(s_end, end)}


def has_article(conn: Connection, content_hash: str) -> str | None:
    """The id of the stored article with this content hash, if any."""
    return conn.execute(select(articles.c.id).where(articles.c.content_hash == content_hash)).scalar()


def _add_source(conn: Connection, article_id: str, source: str, url: str | None) -> None:
    # (article_id, source) is unique: a source already recorded stays as it is
    conn.execute(insert_ignore(conn, article_sources).values(article_id=article_id, source=source, url=url))


def _stored_as(conn: Connection, content_hash: str, article_id: str) -> str | None:
    """The stored article with this content, else the one with this id (same id, other content: keep the first)."""
    rows = conn.execute(
        select(articles.c.id, articles.c.content_hash).where(
            or_(articles.c.content_hash == content_hash, articles.c.id == article_id)
        )
    ).all()
    by_hash = [r.id for r in rows if r.content_hash == content_hash]
    return by_hash[0] if by_hash else (rows[0].id if rows else None)


def write_facts(engine: Engine, facts: Facts) -> WriteResult:
    """Store an article and its facts; a page already stored (same content hash) is not stored again."""
    with engine.connect() as conn:
        cache = store_cache(conn)
        try:
            with conn.begin():
                cache.begin(conn)
                result = _write(conn, facts, cache)
        except BaseException:
            cache.clear()  # what it cached may describe rows that were rolled back
            raise
    return result


def _write(conn: Connection, facts: Facts, cache: StoreCache) -> WriteResult:
    article = facts.article
    content_hash = article.content_hash or article.id
    existing = _stored_as(conn, content_hash, article.id)
    if existing is not None:
        _add_source(conn, existing, article.source, article.url)
        cache.wrote(conn)
        return WriteResult("duplicate", existing)
    sig = signature(article.text)
    original = find_duplicate(conn, sig)
    record = facts.to_dict()
    conn.execute(
        insert(articles).values(
            id=article.id,
            content_hash=content_hash,
            url=article.url,
            source=article.source,
            title=article.title,
            published=article.published,
            site=article.site,
            language=article.language,
            text=article.text,
            record=record,
            duplicate_of=original,
        )
    )
    cache.article_added()
    _add_source(conn, article.id, article.source, article.url)
    store_signature(conn, article.id, sig)
    if original is not None:
        _add_source(conn, original, article.source, article.url)
    sentences = _Sentences(facts)
    ids, mentioned = _write_entities(conn, facts, sentences, cache, count=original is None)
    _write_fact_rows(conn, facts, sentences, ids)
    # the rows that entity contexts are read from, so that the cache can add them to what it holds
    described = [(ids[d.entity], d.text) for d in facts.descriptions if ids.get(d.entity) is not None]
    cache.wrote(
        conn,
        counted=set(ids.values()) if original is None else (),
        rows=ArticleRows(article.id, mentioned, described),
    )
    if original is not None:
        return WriteResult("near_duplicate", article.id, ids, duplicate_of=original)
    return WriteResult("stored", article.id, ids)


def _write_entities(
    conn: Connection, facts: Facts, sentences: _Sentences, cache: StoreCache, count: bool = True
) -> tuple[dict[str, int], set[int]]:
    """Link and count the article's entities and store their mentions: (local id -> KB id, the KB
    entities with a mention row)."""
    rows: list[dict[str, Any]] = []
    text = facts.article.text
    ids = link_article(conn, facts, cache=cache)
    if count:  # one article and its name mentions per knowledge-base entity, however many local ones
        per_entity: dict[int, int] = {}
        for entity in facts.entities:
            per_entity[ids[entity.id]] = per_entity.get(ids[entity.id], 0) + len(entity.mentions)
        bump_all(conn, per_entity)
    for entity in facts.entities:
        entity_id = ids[entity.id]
        for start, end in entity.mentions:
            rows.append(
                {
                    "article_id": facts.article.id,
                    "entity_id": entity_id,
                    "local_id": entity.id,
                    "text": text[start:end],
                    "kind": "name",
                    **sentences.cols(start, end),
                }
            )
    for c in facts.coref:
        if c.entity in ids:
            rows.append(
                {
                    "article_id": facts.article.id,
                    "entity_id": ids[c.entity],
                    "local_id": c.entity,
                    "text": text[c.start : c.end],
                    "kind": "coref",
                    **sentences.cols(c.start, c.end),
                }
            )
    if rows:
        conn.execute(insert(mentions), rows)
    return ids, {r["entity_id"] for r in rows if r["entity_id"] is not None}


def _write_fact_rows(conn: Connection, facts: Facts, s: _Sentences, ids: dict[str, int]) -> None:
    aid = facts.article.id
    tables: list[tuple[Any, list[dict[str, Any]]]] = [
        (
            timexes,
            [
                {
                    "article_id": aid,
                    "text": t.text,
                    "type": t.type,
                    "value": t.value,
                    "confidence": t.confidence,
                    **s.cols(t.start, t.end),
                }
                for t in facts.timexes
            ],
        ),
        (
            quotes,
            [
                {
                    "article_id": aid,
                    "speaker_id": ids.get(q.speaker or ""),
                    "speaker_local": q.speaker,
                    "speaker_text": q.speaker_text,
                    "text": q.text,
                    "kind": q.kind,
                    "cue": q.cue,
                    "date": q.date,
                    "confidence": q.confidence,
                    **s.cols(q.start, q.end),
                }
                for q in facts.quotes
            ],
        ),
        (
            descriptions,
            [
                {
                    "article_id": aid,
                    "entity_id": ids.get(d.entity),
                    "local_id": d.entity,
                    "text": d.text,
                    "kind": d.kind,
                    "confidence": d.confidence,
                    **s.cols(d.start, d.end),
                }
                for d in facts.descriptions
            ],
        ),
        (
            relations,
            [
                {
                    "article_id": aid,
                    "subject_id": ids.get(r.subject),
                    "object_id": ids.get(r.object),
                    "subject_local": r.subject,
                    "object_local": r.object,
                    "relation": r.relation,
                    "confidence": r.confidence,
                    "negated": r.negated,
                    "date": r.date,
                    "former": r.former,
                    **s.cols(r.start, r.end),
                }
                for r in facts.relations
            ],
        ),
        (
            events,
            [
                {
                    "article_id": aid,
                    "type": e.type,
                    "mode": e.mode,
                    "actor_id": ids.get(e.actor or ""),
                    "recipient_id": ids.get(e.recipient or ""),
                    "actor_local": e.actor,
                    "recipient_local": e.recipient,
                    "actor_text": e.actor_text,
                    "recipient_text": e.recipient_text,
                    "place": (e.place or {}).get("name"),
                    "country_code": (e.place or {}).get("country_code"),
                    "lat": (e.place or {}).get("lat"),
                    "lon": (e.place or {}).get("lon"),
                    "place_precision": (e.place or {}).get("precision"),
                    "place_source": (e.place or {}).get("source"),
                    "admin_level": (e.place or {}).get("admin_level"),
                    "geo_precision": (e.place or {}).get("geo_precision"),
                    "fatalities": e.fatalities,
                    "injured": e.injured,
                    "actor_sector": e.actor_sector,
                    "recipient_sector": e.recipient_sector,
                    "date": e.date,
                    "date_source": e.date_source,
                    "trigger": e.trigger,
                    "confidence": e.confidence,
                    "negated": e.negated,
                    "hypothetical": e.hypothetical,
                    **s.cols(e.start, e.end),
                }
                for e in facts.events
            ],
        ),
    ]
    for table, rows in tables:
        if rows:
            conn.execute(insert(table), rows)


def write_error(engine: Engine, source: str, error: PageError, content_hash: str | None = None) -> None:
    """Record a page that failed, with its reason, so ``newsgraph errors`` can list it."""
    with engine.begin() as conn:
        conn.execute(
            insert(errors).values(
                source=source,
                reason=error.reason,
                code=error.code,
                message=str(error.args[0]) if error.args else str(error),
                content_hash=content_hash,
            )
        )
