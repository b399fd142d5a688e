"""The corrections in force, as rules the entity linker applies first.

``newsgraph.resolve.corrections`` records each human correction (merge, split, alias) in the
``corrections`` table; this module reads them back, oldest first, into lookups (``Rules``) that
``link_entity`` and the writer's ``StoreCache`` consult. Rules name their entities by id and
remember name and type beside it: an entity deleted since is found again by its name, or created.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select

from ..store.schema import aliases, corrections, entities
from .names import name_key

__all__ = ["Rules", "load_rules", "rules_from"]


@dataclass
class _Target:
    entity_id: int
    name: str
    type: str

    def resolve(self, conn: Connection) -> int:
        """The target's id: itself if it still exists, else the entity with its name, else a new one."""
        if conn.execute(select(entities.c.id).where(entities.c.id == self.entity_id)).first():
            return self.entity_id
        found = conn.execute(
            select(entities.c.id)
            .join(aliases, aliases.c.entity_id == entities.c.id)
            .where(aliases.c.norm == name_key(self.name), entities.c.type == self.type)
            .order_by(entities.c.mention_count.desc())
        ).first()
        if found:
            self.entity_id = found[0]
        else:
            self.entity_id = conn.execute(
                insert(entities).values(name=self.name, type=self.type, mention_count=0)
            ).inserted_primary_key[0]
            conn.execute(
                insert(aliases).values(
                    entity_id=self.entity_id, alias=self.name, norm=name_key(self.name), origin="user"
                )
            )
        return self.entity_id


@dataclass
class Rules:
    """The corrections in force, as lookups for the linker."""

    names: dict[str, _Target] = field(default_factory=dict)
    """Name key -> where it goes (merges, added aliases, alias splits; later ones win)."""
    removed: set[tuple[int, str]] = field(default_factory=set)
    """(entity id, name key) pairs taken apart by hand."""
    articles: dict[str, list[tuple[set[str], _Target]]] = field(default_factory=dict)
    """Article id -> (names, target) for entities split off by article."""
    secondary: set[tuple[int, str]] = field(default_factory=set)
    """(entity id, name key) pairs an entity got by a split while the name stayed with the first
    entity: other articles with that name still go to the first one unless more than the name says so."""

    def second_choice(self, entity_id: int, keys: set[str]) -> bool:
        """True when every one of ``keys`` is a name ``entity_id`` only holds from a split."""
        return bool(keys) and all((entity_id, k) in self.secondary for k in keys)

    def blocked(self, entity_id: int, key: str) -> bool:
        """True when ``key`` was taken off ``entity_id`` by hand."""
        return (entity_id, key) in self.removed

    def redirects(self, article_id: str, own: str, keys: set[str]) -> bool:
        """True when ``target_for`` would send these names somewhere (without touching the store)."""
        if any(own in names or keys & names for names, _ in self.articles.get(article_id, [])):
            return True
        return own in self.names or any(k in self.names for k in keys)

    def target_for(self, conn: Connection, article_id: str, own: str, keys: set[str]) -> int | None:
        """Where the corrections send an article entity with these names, if anywhere."""
        for names, target in reversed(self.articles.get(article_id, [])):
            if own in names or keys & names:
                return target.resolve(conn)
        for key in [own, *sorted(keys - {own})]:
            if key in self.names:
                return self.names[key].resolve(conn)
        return None


def load_rules(conn: Connection) -> Rules:
    """Read every stored correction, oldest first, into lookups."""
    return rules_from(conn.execute(select(corrections.c.op, corrections.c.args).order_by(corrections.c.id)))


def rules_from(rows: Iterable[tuple[str, Any]]) -> Rules:
    """Build the lookups from stored corrections, (op, args) oldest first."""
    rules = Rules()
    for op, args in rows:
        if op in ("merge", "alias_add", "split_alias"):
            target = _Target(args["into"], args["name"], args["type"])
            for key in args.get("names", []):
                rules.names[key] = target
                rules.removed.discard((target.entity_id, key))
            for key in args.get("removed", []):
                rules.removed.add((args["from"], key))
        elif op == "alias_remove":
            rules.removed.add((args["from"], args["norm"]))
            target = rules.names.get(args["norm"])
            if target is not None and target.entity_id == args["from"]:
                del rules.names[args["norm"]]
        elif op == "split_article":
            target = _Target(args["into"], args["name"], args["type"])
            for article_id in args["articles"]:
                rules.articles.setdefault(article_id, []).append((set(args["names"]), target))
            rules.secondary |= {(args["into"], key) for key in args["names"]}
    return rules
