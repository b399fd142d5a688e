"""Link an article's entities to knowledge-base entities (first version: shared names).

An article entity joins a stored entity when they share a distinctive name: the canonical name,
a multi-word alias, or an acronym, with a compatible type. Bare surnames and other single
common words are stored as aliases (so ``who Reyes`` finds every Reyes) but never merge on their
own, which keeps two different people called Reyes apart.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, insert, select, update

from ..model import Entity
from ..store.schema import aliases, entities
from .names import name_key

__all__ = ["link_entity", "matching_keys"]

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")


def matching_keys(entity: Entity) -> set[str]:
    """The name keys distinctive enough to merge on."""
    keys = {name_key(entity.name)}
    for alias in entity.aliases:
        key = name_key(alias)
        if " " in key or _ACRONYM.match(alias.strip()):
            keys.add(key)
    keys.discard("")
    return keys


def link_entity(conn: Connection, entity: Entity) -> int:
    """Return the knowledge-base id for ``entity``, creating the entity when nothing matches."""
    keys = matching_keys(entity)
    own = name_key(entity.name)
    rows = conn.execute(
        select(aliases.c.entity_id, aliases.c.norm, entities.c.type, entities.c.mention_count)
        .join(entities, entities.c.id == aliases.c.entity_id)
        .where(aliases.c.norm.in_(keys))
    ).all()
    best: tuple[tuple[int, int, int], int] | None = None
    for entity_id, norm, etype, count in rows:
        same_type = etype == entity.type
        if not same_type and " " not in norm:
            continue  # a short name shared across types is too weak a signal
        score = (int(same_type), int(norm == own), count or 0)
        if best is None or score > best[0]:
            best = (score, entity_id)
    if best is not None:
        return best[1]
    return conn.execute(insert(entities).values(name=entity.name, type=entity.type, mention_count=0)).inserted_primary_key[0]


def add_aliases(conn: Connection, entity_id: int, forms: list[str], origin: str = "auto") -> None:
    """Record surface forms as aliases of an entity (each name key once per entity)."""
    wanted = {}
    for form in forms:
        key = name_key(form)
        if key and key not in wanted:
            wanted[key] = form.strip()
    if not wanted:
        return
    have = set(
        conn.execute(
            select(aliases.c.norm).where(aliases.c.entity_id == entity_id, aliases.c.norm.in_(list(wanted)))
        ).scalars()
    )
    rows = [
        {"entity_id": entity_id, "alias": alias, "norm": key, "origin": origin}
        for key, alias in wanted.items()
        if key not in have
    ]
    if rows:
        conn.execute(insert(aliases), rows)


def bump_counts(conn: Connection, entity_id: int, mentions: int) -> None:
    """Add one article and ``mentions`` mentions to an entity's counters."""
    conn.execute(
        update(entities)
        .where(entities.c.id == entity_id)
        .values(
            mention_count=entities.c.mention_count + mentions,
            article_count=entities.c.article_count + 1,
        )
    )


__all__ += ["add_aliases", "bump_counts"]
