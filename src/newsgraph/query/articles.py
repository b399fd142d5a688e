"""Articles as stored: one article's record with its facts linked to knowledge-base entities, and
how many articles the knowledge base holds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from ..store.schema import articles, entities, mentions

__all__ = ["article_facts", "count_articles"]


def article_facts(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """The stored article record, its article-local entity ids mapped to knowledge-base entities."""
    row = conn.execute(
        select(articles.c.id, articles.c.record, articles.c.duplicate_of).where(articles.c.id == article_id)
    ).first()
    if row is None:
        return None
    record = dict(row.record)
    links = conn.execute(
        select(mentions.c.local_id, mentions.c.entity_id, entities.c.name)
        .join(entities, entities.c.id == mentions.c.entity_id)
        .where(mentions.c.article_id == article_id)
        .distinct()
    ).all()
    kb = {r.local_id: {"id": r.entity_id, "name": r.name} for r in links}
    record["entities"] = [{**e, "kb": kb.get(e["id"])} for e in record.get("entities", [])]
    record["duplicate_of"] = row.duplicate_of
    return record


def count_articles(conn: Connection) -> int:
    """Articles stored (reprints included)."""
    return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)
