"""The store's names and lookup keys for one article's entities, read in two queries, plus what
the article itself adds while it is linked.

Entities are linked one after another, and an entity linked earlier in the article (or created
by it) must be a candidate for the later ones exactly as if its names were already stored. So
the names and keys the article adds are kept here (visible to the later lookups, in the order
the store would return them) and written at the end with one ``INSERT ... ON CONFLICT DO
NOTHING`` each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..store.schema import aliases, entities, entity_keys

__all__ = ["Lookups", "NameRow", "KeyRow", "KEY_ROWS", "insert_ignore"]

KEY_ROWS = 500
"""Lookup-key rows read per entity (very frequent tokens such as "al" would bring thousands)."""


@dataclass
class NameRow:
    """One stored name (``aliases`` row) of an entity."""

    entity_id: int
    norm: str
    alias: str


@dataclass
class KeyRow:
    """One stored lookup key (``entity_keys`` row) of an entity."""

    entity_id: int
    key: str
    kind: str


@dataclass
class EntityInfo:
    """What the linker reads of a stored entity (its counts as of before this article)."""

    name: str
    type: str
    mention_count: int


def insert_ignore(conn: Connection, table: Table) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` in the connection's dialect."""
    if conn.dialect.name == "postgresql":
        return pg_insert(table).on_conflict_do_nothing()
    if conn.dialect.name == "sqlite":
        return sqlite_insert(table).on_conflict_do_nothing()
    return insert(table)  # other backends: the linker never adds a row it knows exists


def _statements() -> tuple[Any, Any, Any]:
    """The lookup queries, built once (building a query costs more than running it on SQLite)."""
    names = (
        select(
            aliases.c.entity_id,
            aliases.c.norm,
            aliases.c.alias,
            entities.c.name,
            entities.c.type,
            entities.c.mention_count,
        )
        .join(entities, entities.c.id == aliases.c.entity_id)
        .where(aliases.c.norm.in_(bindparam("norms", expanding=True)))
        .order_by(aliases.c.norm, aliases.c.id)
    )
    # the first KEY_ROWS rows of each key, in the order SQLite's index on ``key`` returns them
    numbered = (
        select(
            entity_keys.c.id,
            entity_keys.c.entity_id,
            entity_keys.c.key,
            entity_keys.c.kind,
            func.row_number().over(partition_by=entity_keys.c.key, order_by=entity_keys.c.id).label("rn"),
        )
        .where(entity_keys.c.key.in_(bindparam("keys", expanding=True)))
        .subquery()
    )
    keys = (
        select(
            numbered.c.entity_id,
            numbered.c.key,
            numbered.c.kind,
            entities.c.name,
            entities.c.type,
            entities.c.mention_count,
        )
        .join(entities, entities.c.id == numbered.c.entity_id)
        .where(numbered.c.rn <= KEY_ROWS)
        .order_by(numbered.c.key, numbered.c.id)
    )
    all_names = (
        select(
            aliases.c.entity_id, aliases.c.norm, entities.c.name, entities.c.type, entities.c.mention_count
        )
        .join(entities, entities.c.id == aliases.c.entity_id)
        .where(aliases.c.entity_id.in_(bindparam("ids", expanding=True)))
        .order_by(aliases.c.entity_id, aliases.c.id)
    )
    return names, keys, all_names


_NAMES, _KEYS, _ALL_NAMES = _statements()


class Lookups:
    """Names and keys by lookup value, as the store will hold them once this article is written."""

    def __init__(self) -> None:
        self.names: dict[str, list[NameRow]] = {}
        self.keys: dict[str, list[KeyRow]] = {}
        self.info: dict[int, EntityInfo] = {}
        self._all_names: dict[int, list[str]] = {}
        self._variant_ids: set[int] = set()
        self._name_seen: set[tuple[int, str]] = set()
        self._key_seen: set[tuple[int, str, str]] = set()
        self._added_names: dict[int, list[str]] = {}
        self._new_names: list[dict[str, Any]] = []
        self._new_keys: list[dict[str, Any]] = []

    def load(self, conn: Connection, norms: set[str], keys: set[str]) -> None:
        """Read every stored name in ``norms`` and every lookup key in ``keys`` (first rows of each key)."""
        if norms:
            for r in conn.execute(_NAMES, {"norms": sorted(norms)}):
                self.names.setdefault(r.norm, []).append(NameRow(r.entity_id, r.norm, r.alias))
                self._name_seen.add((r.entity_id, r.norm))
                self.info.setdefault(r.entity_id, EntityInfo(r.name, r.type, r.mention_count or 0))
        for norm in norms:
            self.names.setdefault(norm, [])
        if keys:
            for r in conn.execute(_KEYS, {"keys": sorted(keys)}):
                self.keys.setdefault(r.key, []).append(KeyRow(r.entity_id, r.key, r.kind))
                self._key_seen.add((r.entity_id, r.kind, r.key))
                self.info.setdefault(r.entity_id, EntityInfo(r.name, r.type, r.mention_count or 0))
                if r.kind == "token":
                    self._variant_ids.add(r.entity_id)
        for key in keys:
            self.keys.setdefault(key, [])

    def key_rows(self, keys: set[str]) -> list[KeyRow]:
        """The key rows a ``key IN (keys) LIMIT KEY_ROWS`` query would return, in (key, row id) order."""
        return [r for k in sorted(keys) for r in self.keys.get(k, ())][:KEY_ROWS]

    def all_names(self, conn: Connection, ids: list[int]) -> list[tuple[int, str]]:
        """(entity id, name key) of every name of these entities (to find spelling variants)."""
        missing = [i for i in ids if i not in self._all_names]
        if missing:
            # read once for every entity a token may bring up in this article
            wanted = sorted(set(missing) | {i for i in self._variant_ids if i not in self._all_names})
            for i in wanted:
                self._all_names[i] = []
            for r in conn.execute(_ALL_NAMES, {"ids": wanted}):
                self._all_names[r.entity_id].append(r.norm)
                self.info.setdefault(r.entity_id, EntityInfo(r.name, r.type, r.mention_count or 0))
        out = []
        for i in ids:
            stored = self._all_names[i]
            out += [(i, norm) for norm in stored]
            out += [(i, norm) for norm in self._added_names.get(i, []) if norm not in stored]
        return out

    def ensure_info(self, conn: Connection, entity_id: int) -> None:
        """Read an entity the lookups did not bring (one a correction sent a name to)."""
        if entity_id not in self.info:
            row = conn.execute(
                select(entities.c.name, entities.c.type, entities.c.mention_count).where(
                    entities.c.id == entity_id
                )
            ).one()
            self.info[entity_id] = EntityInfo(row.name, row.type, row.mention_count or 0)

    def created(self, entity_id: int, name: str, etype: str) -> None:
        """An entity this article created: known, with no names stored yet."""
        self.info[entity_id] = EntityInfo(name, etype, 0)
        self._all_names[entity_id] = []

    def add_names(self, entity_id: int, wanted: dict[str, str], origin: str = "auto") -> None:
        """Record names (key -> surface form) of an entity; a name it already has is kept as it is."""
        for key, alias in wanted.items():
            if (entity_id, key) in self._name_seen:
                continue
            self._name_seen.add((entity_id, key))
            self._new_names.append({"entity_id": entity_id, "alias": alias, "norm": key, "origin": origin})
            self._added_names.setdefault(entity_id, []).append(key)
            if key in self.names:
                self.names[key].append(NameRow(entity_id, key, alias))

    def add_keys(self, entity_id: int, wanted: set[tuple[str, str]]) -> None:
        """Record (kind, key) lookup keys of an entity (each once)."""
        for kind, key in sorted(wanted):
            if (entity_id, kind, key) in self._key_seen:
                continue
            self._key_seen.add((entity_id, kind, key))
            self._new_keys.append({"entity_id": entity_id, "kind": kind, "key": key})
            if key in self.keys:
                self.keys[key].append(KeyRow(entity_id, key, kind))

    def flush(self, conn: Connection) -> None:
        """Write the names and keys recorded so far (one statement each)."""
        if self._new_names:
            conn.execute(insert_ignore(conn, aliases), self._new_names)
            self._new_names = []
        if self._new_keys:
            conn.execute(insert_ignore(conn, entity_keys), self._new_keys)
            self._new_keys = []
