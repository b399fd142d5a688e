"""The entity graph: entities tied by typed relations and by being named in the same sentence.

An edge's ``weight`` is the number of sentences that tie its two entities: co-occurrences
(sentences naming both, each counted once) plus relation statements. Near-duplicate reprints do
not add weight. Relation statements count only when confirmed (``newsgraph.trust``) unless asked
for every statement (``include_unconfirmed``); each statement says whether it is ``confirmed``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx
from sqlalchemy import Connection, String, and_, cast, func, select
from sqlalchemy.orm import aliased

from ..store.schema import articles, entities, mentions, relations
from .confirmed import confirmed_clause
from .filters import not_duplicate

__all__ = ["graph", "corpus_graph", "to_graphml", "statements_text"]

Pair = tuple[int, int]


def _cooccurrence(conn: Connection, ids: Iterable[int] | None, both: bool) -> dict[Pair, int]:
    """Sentences naming two entities, per unordered pair, for pairs touching ``ids`` (``both``: inside)."""
    if ids is not None and both:
        return _cooccurrence_among(conn, sorted(set(ids)))
    m1, m2 = aliased(mentions), aliased(mentions)
    sentences = (
        select(m1.c.entity_id.label("a"), m2.c.entity_id.label("b"), m1.c.article_id, m1.c.sent_start)
        .select_from(m1)
        .join(m2, and_(m2.c.article_id == m1.c.article_id, m2.c.sent_start == m1.c.sent_start))
        .join(articles, articles.c.id == m1.c.article_id)
        .where(m1.c.entity_id.is_not(None), m2.c.entity_id.is_not(None), m1.c.entity_id != m2.c.entity_id)
        .where(not_duplicate())
    )
    if ids is None or both:  # both ends free or both inside: each pair once, smaller id first
        sentences = sentences.where(m1.c.entity_id < m2.c.entity_id)
    if ids is not None:
        id_list = sorted(set(ids))
        sentences = sentences.where(m1.c.entity_id.in_(id_list))
        if both:
            sentences = sentences.where(m2.c.entity_id.in_(id_list))
    sub = sentences.distinct().subquery()
    rows = conn.execute(select(sub.c.a, sub.c.b, func.count().label("n")).group_by(sub.c.a, sub.c.b)).all()
    out: dict[Pair, int] = {}
    for a, b, n in rows:
        # each pair is seen from both ends when both are in ``ids``; count it once
        key = (min(a, b), max(a, b))
        out[key] = max(out.get(key, 0), n)
    return out


def _id_list_agg(conn: Connection, column: Any) -> Any:
    """``column``'s values in a group as one comma-separated string (any SQLAlchemy 2.0)."""
    if conn.dialect.name == "postgresql":
        return func.string_agg(cast(column, String), ",")
    return func.group_concat(column, ",")


def _cooccurrence_among(conn: Connection, id_list: list[int]) -> dict[Pair, int]:
    """Sentences naming two of ``id_list``, per unordered pair: one grouped pass over their mentions.

    The same counts as the pairwise self-join in ``_cooccurrence``, found the cheap way round: read the
    mentions of ``id_list`` from the ``(entity_id, article_id, sent_start)`` index, group them by
    sentence, keep sentences naming two or more of them, and only then drop near-duplicate reprints
    (one article lookup per such sentence, not per mention). Each sentence adds one to every pair
    of distinct entities it names.
    """
    per_sentence = (
        select(
            mentions.c.article_id,
            _id_list_agg(conn, mentions.c.entity_id).label("named"),
        )
        .where(mentions.c.entity_id.in_(id_list))
        .group_by(mentions.c.article_id, mentions.c.sent_start)
        .having(func.min(mentions.c.entity_id) < func.max(mentions.c.entity_id))
        .subquery()
    )
    stmt = (
        select(per_sentence.c.named)
        .join(articles, articles.c.id == per_sentence.c.article_id)
        .where(not_duplicate())
    )
    out: dict[Pair, int] = defaultdict(int)
    for (named,) in conn.execute(stmt):
        for pair in combinations(sorted({int(e) for e in named.split(",")}), 2):
            out[pair] += 1
    return dict(out)


# (relation, confirmed, former) -> subject ids, one per statement
Statements = dict[tuple[str, bool, bool], list[int]]


def _relations(
    conn: Connection, ids: Iterable[int] | None, both: bool, include_unconfirmed: bool = False
) -> dict[Pair, Statements]:
    """Relation statements per unordered pair: ``{pair: {(relation, confirmed, former): [subject ids]}}``."""
    confirmed = confirmed_clause("relation")
    stmt = (
        select(
            relations.c.subject_id,
            relations.c.object_id,
            relations.c.relation,
            confirmed.label("confirmed"),
            relations.c.former,
            func.count().label("n"),
        )
        .join(articles, articles.c.id == relations.c.article_id)
        .where(relations.c.negated.is_(False), not_duplicate())
        .where(relations.c.subject_id.is_not(None), relations.c.object_id.is_not(None))
        .where(relations.c.subject_id != relations.c.object_id)
        .group_by(
            relations.c.subject_id, relations.c.object_id, relations.c.relation, confirmed, relations.c.former
        )
    )
    if not include_unconfirmed:
        stmt = stmt.where(confirmed)
    if ids is not None:
        id_list = sorted(set(ids))
        if both:
            stmt = stmt.where(relations.c.subject_id.in_(id_list), relations.c.object_id.in_(id_list))
        else:
            stmt = stmt.where(relations.c.subject_id.in_(id_list) | relations.c.object_id.in_(id_list))
    out: dict[Pair, Statements] = defaultdict(lambda: defaultdict(list))
    for s, o, rel, ok, former, n in conn.execute(stmt):
        out[(min(s, o), max(s, o))][(rel, bool(ok), bool(former))].extend([s] * n)
    return out


def statements_text(edge: dict[str, Any]) -> str:
    """An edge's relation statements as one attribute value: "3 former leader_of 7 x2;..."."""
    return ";".join(
        f"{s['subject']} {'former ' if s.get('former') else ''}{s['relation']} {s['object']} x{s['count']}"
        for s in edge["relations"]
    )


def _edges(cooc: dict[Pair, int], rels: dict[Pair, Statements]) -> list[dict[str, Any]]:
    edges = []
    for a, b in sorted(set(cooc) | set(rels)):
        statements = [
            {
                "relation": rel,
                "subject": subj,
                "object": b if subj == a else a,
                "count": subjects.count(subj),
                "confirmed": ok,
                "former": former,  # the text says the tie is over
            }  # fmt: skip
            for (rel, ok, former), subjects in sorted(
                rels.get((a, b), {}).items(), key=lambda kv: (kv[0][0], not kv[0][1], kv[0][2])
            )
            for subj in sorted(set(subjects))
        ]
        n = cooc.get((a, b), 0)
        types = (["cooccurrence"] if n else []) + sorted({s["relation"] for s in statements})
        weight = n + sum(s["count"] for s in statements)
        # an edge is confirmed when a shared sentence or a confirmed statement stands behind it
        confirmed = bool(n) or any(s["confirmed"] for s in statements)
        edges.append({"source": a, "target": b, "weight": weight, "cooccurrence": n,
                      "relations": statements, "types": types, "confirmed": confirmed})  # fmt: skip
    return edges


def _node_rows(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    rows = conn.execute(select(entities).where(entities.c.id.in_(sorted(set(ids))))).all()
    return {
        r.id: {
            "id": r.id,
            "name": r.name,
            "type": r.type,
            "mention_count": r.mention_count,
            "article_count": r.article_count,
        }  # fmt: skip
        for r in rows
    }


def graph(
    conn: Connection,
    entity_id: int,
    *,
    depth: int = 1,
    max_nodes: int = 50,
    include_unconfirmed: bool = False,
) -> dict[str, Any]:
    """The neighbourhood of one entity to ``depth`` hops, keeping the ``max_nodes`` most tied entities."""
    depth = max(depth, 0)
    level = {entity_id: 0}
    frontier = {entity_id}
    for hop in range(1, depth + 1):
        if not frontier or len(level) >= max_nodes:
            break
        tie: dict[int, int] = defaultdict(int)
        for (a, b), n in _cooccurrence(conn, frontier, both=False).items():
            for near, far in ((a, b), (b, a)):
                if near in frontier and far not in level:
                    tie[far] += n
        for (a, b), by_rel in _relations(conn, frontier, False, include_unconfirmed).items():
            n = sum(len(v) for v in by_rel.values())
            for near, far in ((a, b), (b, a)):
                if near in frontier and far not in level:
                    tie[far] += n
        room = max_nodes - len(level)
        chosen = sorted(tie, key=lambda e: (-tie[e], e))[:room]
        for e in chosen:
            level[e] = hop
        frontier = set(chosen)
    ids = list(level)
    edges = _edges(_cooccurrence(conn, ids, both=True), _relations(conn, ids, True, include_unconfirmed))
    weight: dict[int, int] = defaultdict(int)
    for edge in edges:
        weight[edge["source"]] += edge["weight"]
        weight[edge["target"]] += edge["weight"]
    info = _node_rows(conn, ids)
    nodes = [{**info[e], "depth": level[e], "weight": weight[e]} for e in ids if e in info]
    nodes.sort(key=lambda n: (n["depth"], -n["weight"], n["id"]))
    return {"center": info.get(entity_id), "depth": depth, "nodes": nodes, "edges": edges}


def corpus_graph(
    conn: Connection, *, min_weight: int = 1, include_unconfirmed: bool = False
) -> dict[str, Any]:
    """Every entity tie in the knowledge base with at least ``min_weight`` sentences behind it."""
    rels = _relations(conn, None, False, include_unconfirmed)
    edges = [e for e in _edges(_cooccurrence(conn, None, False), rels) if e["weight"] >= min_weight]
    ids = {e["source"] for e in edges} | {e["target"] for e in edges}
    info = _node_rows(conn, ids) if ids else {}
    return {"center": None, "depth": None, "nodes": [info[i] for i in sorted(info)], "edges": edges}


def to_graphml(result: dict[str, Any]) -> str:
    """A graph result as GraphML (for Gephi, yEd, Cytoscape): scalar attributes on nodes and edges."""
    g = nx.Graph()
    for node in result["nodes"]:
        g.add_node(node["id"], **{k: v for k, v in node.items() if k != "id" and v is not None})
    for edge in result["edges"]:
        g.add_edge(
            edge["source"],
            edge["target"],
            weight=edge["weight"],
            cooccurrence=edge["cooccurrence"],
            types=",".join(edge["types"]),
            confirmed=edge.get("confirmed", True),
            relations=statements_text(edge),
        )
    return "\n".join(nx.generate_graphml(g)) + "\n"
