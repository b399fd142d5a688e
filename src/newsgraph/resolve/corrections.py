"""Human corrections to entity resolution: merge, split and aliases, remembered in ``corrections``.

Each correction changes the stored facts at once and is kept as a rule that ``link_entity``
applies first, so pages ingested later (or ingested again) follow it:

- ``merge A B``: B is folded into A (mentions, facts, aliases, lookup keys); B's names go to A.
- ``split X --article ID``: X's mentions in those articles move to a new entity; those articles'
  names for X go to it when they come again.
- ``split X --alias NAME``: the article entities that use NAME move to a new entity; NAME goes to
  it from now on and no longer to X.
- ``alias add E NAME``: NAME is E's; articles using NAME link to E.
- ``alias remove E NAME``: NAME is no longer E's and no longer brings anything to E.

The rules the linker reads back from the table are ``newsgraph.resolve.rules``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, distinct, func, insert, or_, select, update

from ..errors import NewsgraphError
from ..store.schema import (
    aliases,
    articles,
    corrections,
    descriptions,
    entities,
    entity_keys,
    events,
    mentions,
    quotes,
    relations,
)
from .candidate_contexts import forget
from .entities import add_aliases
from .names import name_key

__all__ = [
    "resolve_ref",
    "merge",
    "split_articles",
    "split_alias",
    "add_alias",
    "remove_alias",
    "list_aliases",
    "recount",
    "CorrectionError",
]


class CorrectionError(NewsgraphError):
    """A correction that cannot be applied (unknown or ambiguous entity, nothing to move)."""

    code = "E061"


def _record(conn: Connection, op: str, args: dict[str, Any]) -> None:
    conn.execute(insert(corrections).values(op=op, args=args))
    forget(conn)  # the writer's cached candidate contexts may describe entities this moved


def resolve_ref(conn: Connection, ref: str) -> dict[str, Any]:
    """An entity from ``#id`` or a name; a name two entities share is an error listing both."""
    ref = ref.strip()
    if ref.startswith("#") and ref[1:].isascii() and ref[1:].isdigit():
        row = conn.execute(select(entities).where(entities.c.id == int(ref[1:]))).first()
        if row is None:
            raise CorrectionError(f"no entity with id {ref}; find ids with `newsgraph who NAME`")
        return dict(row._mapping)
    ids = (
        conn.execute(select(aliases.c.entity_id).where(aliases.c.norm == name_key(ref)).distinct())
        .scalars()
        .all()
    )
    rows = [dict(r._mapping) for r in conn.execute(select(entities).where(entities.c.id.in_(ids)))]
    if not rows:
        raise CorrectionError(f"no entity named {ref!r}; check the name with `newsgraph who {ref}`")
    if len(rows) > 1:
        listing = ", ".join(
            f"#{r['id']} {r['name']} ({r['type']})" for r in sorted(rows, key=lambda r: r["id"])
        )
        first = min(r["id"] for r in rows)
        raise CorrectionError(
            f"{ref!r} names {len(rows)} entities: {listing}; give one by id, e.g. '#{first}'"
        )
    return rows[0]


def _norms(conn: Connection, entity_id: int) -> list[str]:
    return sorted(conn.execute(select(aliases.c.norm).where(aliases.c.entity_id == entity_id)).scalars())


_FACT_COLUMNS = [
    (mentions, "entity_id", "local_id"),
    (descriptions, "entity_id", "local_id"),
    (quotes, "speaker_id", "speaker_local"),
    (relations, "subject_id", "subject_local"),
    (relations, "object_id", "object_local"),
    (events, "actor_id", "actor_local"),
    (events, "recipient_id", "recipient_local"),
]


def _move(conn: Connection, src: int, dst: int, locals_: Iterable[tuple[str, str]] | None = None) -> None:
    """Point fact rows from ``src`` to ``dst``: all of them, or those of these (article, local id) pairs."""
    pairs = sorted(set(locals_)) if locals_ is not None else None
    for table, id_col, local_col in _FACT_COLUMNS:
        where = table.c[id_col] == src
        if pairs is not None:
            if not pairs:
                continue
            where = and_(
                where, or_(*[and_(table.c.article_id == a, table.c[local_col] == loc) for a, loc in pairs])
            )
        conn.execute(update(table).where(where).values({id_col: dst}))


def recount(conn: Connection, ids: Iterable[int]) -> None:
    """Recompute mention and article counts from the stored name mentions (near-duplicates not counted)."""
    for entity_id in set(ids):
        live = (
            select(mentions.c.article_id)
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(
                mentions.c.entity_id == entity_id,
                mentions.c.kind == "name",
                articles.c.duplicate_of.is_(None),
            )
            .subquery()
        )
        n_mentions, n_articles = conn.execute(
            select(func.count(), func.count(distinct(live.c.article_id))).select_from(live)
        ).one()
        conn.execute(
            update(entities)
            .where(entities.c.id == entity_id)
            .values(mention_count=n_mentions, article_count=n_articles)
        )


def _copy_names(conn: Connection, src: int, dst: int) -> None:
    have = set(_norms(conn, dst))
    for row in conn.execute(select(aliases).where(aliases.c.entity_id == src)).all():
        if row.norm not in have:
            conn.execute(
                insert(aliases).values(entity_id=dst, alias=row.alias, norm=row.norm, origin=row.origin)
            )
    keys = {(r.kind, r.key) for r in conn.execute(select(entity_keys).where(entity_keys.c.entity_id == dst))}
    for row in conn.execute(select(entity_keys).where(entity_keys.c.entity_id == src)).all():
        if (row.kind, row.key) not in keys:
            conn.execute(insert(entity_keys).values(entity_id=dst, kind=row.kind, key=row.key))


def merge(conn: Connection, into: str, other: str) -> dict[str, Any]:
    """Fold entity ``other`` into ``into`` (names or ``#id``s) and remember it; returns the merged entity."""
    a, b = resolve_ref(conn, into), resolve_ref(conn, other)
    if a["id"] == b["id"]:
        raise CorrectionError(f"{into!r} and {other!r} are already one entity (#{a['id']})")
    names = _norms(conn, b["id"])
    _move(conn, b["id"], a["id"])
    _copy_names(conn, b["id"], a["id"])
    conn.execute(delete(entities).where(entities.c.id == b["id"]))
    recount(conn, [a["id"]])
    _record(
        conn,
        "merge",
        {
            "into": a["id"],
            "name": a["name"],
            "type": a["type"],
            "from": b["id"],
            "from_name": b["name"],
            "names": names,
        },
    )
    return {"id": a["id"], "name": a["name"], "merged": {"id": b["id"], "name": b["name"]}, "names": names}


def _new_entity(conn: Connection, name: str, etype: str) -> int:
    return conn.execute(insert(entities).values(name=name, type=etype, mention_count=0)).inserted_primary_key[
        0
    ]


def _move_pairs(
    conn: Connection, src: dict[str, Any], pairs: set[tuple[str, str]], name: str | None
) -> tuple[int, str, list[str]]:
    """Move these article entities from ``src`` to a new entity; returns (new id, its name, moved name keys)."""
    texts = conn.execute(
        select(mentions.c.text, mentions.c.article_id, mentions.c.local_id).where(
            mentions.c.entity_id == src["id"], mentions.c.kind == "name"
        )
    ).all()
    moved = [t.text for t in texts if (t.article_id, t.local_id) in pairs]
    kept = {name_key(t.text) for t in texts if (t.article_id, t.local_id) not in pairs}
    new_name = name or max(moved, key=lambda t: (len(t.split()), len(t)), default=src["name"])
    new_id = _new_entity(conn, new_name, src["type"])
    _move(conn, src["id"], new_id, pairs)
    add_aliases(conn, new_id, [new_name, *moved], origin="user")
    # names now used only by the split-off articles leave the old entity
    gone = {name_key(t) for t in moved} - kept - {name_key(src["name"])}
    user = set(
        conn.execute(
            select(aliases.c.norm).where(aliases.c.entity_id == src["id"], aliases.c.origin == "user")
        ).scalars()
    )
    if gone - user:
        conn.execute(
            delete(aliases).where(aliases.c.entity_id == src["id"], aliases.c.norm.in_(sorted(gone - user)))
        )
    recount(conn, [src["id"], new_id])
    return new_id, new_name, sorted({name_key(t) for t in moved})


def split_articles(
    conn: Connection, ref: str, article_ids: list[str], name: str | None = None
) -> dict[str, Any]:
    """Move an entity's mentions in these articles to a new entity, and remember it."""
    src = resolve_ref(conn, ref)
    pairs = {
        (r.article_id, r.local_id)
        for r in conn.execute(
            select(mentions.c.article_id, mentions.c.local_id)
            .where(mentions.c.entity_id == src["id"], mentions.c.article_id.in_(article_ids))
            .distinct()
        )
    }
    if not pairs:
        raise CorrectionError(f"#{src['id']} {src['name']} is not mentioned in {', '.join(article_ids)}")
    new_id, new_name, names = _move_pairs(conn, src, pairs, name)
    _record(
        conn,
        "split_article",
        {
            "from": src["id"],
            "into": new_id,
            "name": new_name,
            "type": src["type"],
            "articles": sorted({a for a, _ in pairs}),
            "names": names,
        },
    )
    return {
        "id": new_id,
        "name": new_name,
        "from": {"id": src["id"], "name": src["name"]},
        "articles": len(pairs),
    }


def split_alias(conn: Connection, ref: str, alias: str, name: str | None = None) -> dict[str, Any]:
    """Move the article entities that use ``alias`` to a new entity; ``alias`` goes there from now on."""
    src = resolve_ref(conn, ref)
    norm = name_key(alias)
    pairs = {
        (r.article_id, r.local_id)
        for r in conn.execute(
            select(mentions.c.article_id, mentions.c.local_id, mentions.c.text).where(
                mentions.c.entity_id == src["id"], mentions.c.kind == "name"
            )
        )
        if name_key(r.text) == norm
    }
    if not pairs:
        raise CorrectionError(f"#{src['id']} {src['name']} has no mention named {alias!r}")
    new_id, new_name, _ = _move_pairs(conn, src, pairs, name or alias)
    conn.execute(delete(aliases).where(aliases.c.entity_id == src["id"], aliases.c.norm == norm))
    _record(
        conn,
        "split_alias",
        {
            "from": src["id"],
            "into": new_id,
            "name": new_name,
            "type": src["type"],
            "names": [norm],
            "removed": [norm],
        },
    )
    return {
        "id": new_id,
        "name": new_name,
        "from": {"id": src["id"], "name": src["name"]},
        "articles": len(pairs),
    }


def add_alias(conn: Connection, ref: str, alias: str) -> dict[str, Any]:
    """Give an entity another name; articles using it link there from now on."""
    target = resolve_ref(conn, ref)
    norm = name_key(alias)
    if not norm:
        raise CorrectionError(f"{alias!r} has no letters or digits to match on")
    conn.execute(delete(aliases).where(aliases.c.entity_id == target["id"], aliases.c.norm == norm))
    conn.execute(
        insert(aliases).values(entity_id=target["id"], alias=alias.strip(), norm=norm, origin="user")
    )
    _record(
        conn,
        "alias_add",
        {
            "into": target["id"],
            "name": target["name"],
            "type": target["type"],
            "alias": alias.strip(),
            "names": [norm],
        },
    )
    return {"id": target["id"], "name": target["name"], "alias": alias.strip()}


def remove_alias(conn: Connection, ref: str, alias: str) -> dict[str, Any]:
    """Take a name off an entity; it no longer links articles to it. Its past mentions stay."""
    target = resolve_ref(conn, ref)
    norm = name_key(alias)
    removed = conn.execute(delete(aliases).where(aliases.c.entity_id == target["id"], aliases.c.norm == norm))
    if not removed.rowcount:
        raise CorrectionError(
            f"#{target['id']} {target['name']} has no alias {alias!r}; see `newsgraph alias list`"
        )
    _record(
        conn, "alias_remove", {"from": target["id"], "name": target["name"], "alias": alias, "norm": norm}
    )
    return {"id": target["id"], "name": target["name"], "removed": alias}


def list_aliases(conn: Connection, ref: str) -> dict[str, Any]:
    """An entity's aliases with where each came from (``auto`` or ``user``)."""
    target = resolve_ref(conn, ref)
    rows = conn.execute(
        select(aliases.c.alias, aliases.c.origin)
        .where(aliases.c.entity_id == target["id"])
        .order_by(aliases.c.alias)
    ).all()
    return {
        "id": target["id"],
        "name": target["name"],
        "type": target["type"],
        "aliases": [{"alias": r.alias, "origin": r.origin} for r in rows],
    }
