"""Write one article's facts to the knowledge base, all in one transaction.

A reader never sees half an article: the article row and every fact row commit together. Ingest
is idempotent by content hash: the same page stored twice is stored once (its new source is
recorded beside the first). A near-duplicate (a wire copy or a lightly edited reprint, found by
MinHash) is stored with ``duplicate_of`` set and its source added to the original's; its facts are
kept for provenance but do not add to the entities' counts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from ..errors import PageError
from ..model import Facts
from .schema import (
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
    exists = conn.execute(
        select(article_sources.c.id).where(
            article_sources.c.article_id == article_id, article_sources.c.source == source
        )
    ).first()
    if not exists:
        conn.execute(insert(article_sources).values(article_id=article_id, source=source, url=url))


def write_facts(engine: Engine, facts: Facts) -> WriteResult:
    """Store an article and its facts; a page already stored (same content hash) is not stored again."""
    # imported here: the resolve modules read the store's schema, so importing them first must work too
    from ..resolve.dedup import find_duplicate, signature, store_signature

    article = facts.article
    content_hash = article.content_hash or article.id
    with engine.begin() as conn:
        existing = has_article(conn, content_hash)
        if (
            existing is None
            and conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first()
        ):
            existing = article.id  # same id given for different content: keep the first
        if existing is not None:
            _add_source(conn, existing, article.source, article.url)
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
        _add_source(conn, article.id, article.source, article.url)
        store_signature(conn, article.id, sig)
        if original is not None:
            _add_source(conn, original, article.source, article.url)
        ids = _write_entities(conn, facts, count=original is None)
        _write_fact_rows(conn, facts, ids)
    if original is not None:
        return WriteResult("near_duplicate", article.id, ids, duplicate_of=original)
    return WriteResult("stored", article.id, ids)


def _write_entities(conn: Connection, facts: Facts, count: bool = True) -> dict[str, int]:
    from ..resolve.entities import bump_counts, link_article

    sentences = _Sentences(facts)
    rows: list[dict[str, Any]] = []
    text = facts.article.text
    ids = link_article(conn, facts)
    if count:  # one article and its name mentions per knowledge-base entity, however many local ones
        per_entity: dict[int, int] = {}
        for entity in facts.entities:
            per_entity[ids[entity.id]] = per_entity.get(ids[entity.id], 0) + len(entity.mentions)
        for entity_id, n in per_entity.items():
            bump_counts(conn, entity_id, n)
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
    return ids


def _write_fact_rows(conn: Connection, facts: Facts, ids: dict[str, int]) -> None:
    s = _Sentences(facts)
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
