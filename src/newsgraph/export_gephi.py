"""The entity graph for Gephi: GraphML or GEXF with the attributes Gephi partitions, ranks and filters by.

Nodes: ``label`` (the name Gephi shows), ``name``, ``type`` (PERSON, ORG, GPE, ...), ``mention_count``,
``article_count``, ``first_date`` and ``last_date`` (the earliest and latest publication date of an
article naming it). Edges: ``weight`` (sentences tying the two), ``tie_type`` (the first relation
type stated between them, else ``cooccurrence``), ``types`` (all of them), ``cooccurrence``,
``confirmed``, ``relations`` and ``first_date``/``last_date`` (publication dates of the articles
whose sentences tie them). Dates are ISO strings (``YYYY-MM-DD``); an undated article adds none.
GEXF reserves an edge's ``type`` for its direction, hence ``tie_type`` in both formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
from sqlalchemy import Connection, and_, func, select
from sqlalchemy.orm import aliased

from .query.confirmed import confirmed_clause
from .query.filters import not_duplicate
from .query.graph import corpus_graph, statements_text
from .store.schema import articles, mentions, relations

__all__ = ["gephi_graph", "write_gephi"]

Span = tuple[str | None, str | None]


def _widen(spans: dict[Any, Span], key: Any, first: str | None, last: str | None) -> None:
    old_first, old_last = spans.get(key, (None, None))
    firsts = [d for d in (old_first, first) if d]
    lasts = [d for d in (old_last, last) if d]
    spans[key] = (min(firsts) if firsts else None, max(lasts) if lasts else None)


def _node_dates(conn: Connection, ids: Iterable[int]) -> dict[int, Span]:
    id_list = sorted(set(ids))
    if not id_list:
        return {}
    stmt = (
        select(mentions.c.entity_id, func.min(articles.c.published), func.max(articles.c.published))
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(mentions.c.entity_id.in_(id_list), not_duplicate())
        .group_by(mentions.c.entity_id)
    )
    return {e: (first, last) for e, first, last in conn.execute(stmt)}


def _edge_dates(conn: Connection, include_unconfirmed: bool) -> dict[tuple[int, int], Span]:
    """First and last publication date of the sentences (co-occurrences, relation statements) per pair."""
    spans: dict[tuple[int, int], Span] = {}
    m1, m2 = aliased(mentions), aliased(mentions)
    cooc = (
        select(m1.c.entity_id, m2.c.entity_id, func.min(articles.c.published), func.max(articles.c.published))
        .select_from(m1)
        .join(m2, and_(m2.c.article_id == m1.c.article_id, m2.c.sent_start == m1.c.sent_start))
        .join(articles, articles.c.id == m1.c.article_id)
        .where(m1.c.entity_id.is_not(None), m2.c.entity_id.is_not(None), m1.c.entity_id < m2.c.entity_id)
        .where(not_duplicate())
        .group_by(m1.c.entity_id, m2.c.entity_id)
    )
    for a, b, first, last in conn.execute(cooc):
        _widen(spans, (a, b), first, last)
    rel = (
        select(
            relations.c.subject_id,
            relations.c.object_id,
            func.min(articles.c.published),
            func.max(articles.c.published),
        )  # fmt: skip
        .join(articles, articles.c.id == relations.c.article_id)
        .where(relations.c.negated.is_(False), not_duplicate())
        .where(relations.c.subject_id.is_not(None), relations.c.object_id.is_not(None))
        .group_by(relations.c.subject_id, relations.c.object_id)
    )
    if not include_unconfirmed:
        rel = rel.where(confirmed_clause("relation"))
    for s, o, first, last in conn.execute(rel):
        if s != o:
            _widen(spans, (min(s, o), max(s, o)), first, last)
    return spans


def gephi_graph(conn: Connection, *, min_weight: int = 1, include_unconfirmed: bool = False) -> Any:
    """The corpus entity graph as a ``networkx.Graph`` with Gephi's attributes (see the module doc)."""
    result = corpus_graph(conn, min_weight=min_weight, include_unconfirmed=include_unconfirmed)
    node_dates = _node_dates(conn, (n["id"] for n in result["nodes"]))
    edge_dates = _edge_dates(conn, include_unconfirmed)
    g = nx.Graph()
    for node in result["nodes"]:
        first, last = node_dates.get(node["id"], (None, None))
        attrs = {
            "label": node["name"], "name": node["name"], "type": node["type"],
            "mention_count": node["mention_count"], "article_count": node["article_count"],
            "first_date": first, "last_date": last,
        }  # fmt: skip
        g.add_node(node["id"], **{k: v for k, v in attrs.items() if v is not None})
    for edge in result["edges"]:
        rel_types = [t for t in edge["types"] if t != "cooccurrence"]
        first, last = edge_dates.get((edge["source"], edge["target"]), (None, None))
        attrs = {
            "weight": edge["weight"],
            "tie_type": rel_types[0] if rel_types else "cooccurrence",
            "types": ",".join(edge["types"]),
            "cooccurrence": edge["cooccurrence"],
            "confirmed": edge.get("confirmed", True),
            "relations": statements_text(edge),
            "first_date": first,
            "last_date": last,
        }
        g.add_edge(edge["source"], edge["target"], **{k: v for k, v in attrs.items() if v is not None})
    return g


def write_gephi(g: Any, fh: Any, format: str) -> None:
    """Write ``g`` as GraphML or GEXF text to the text stream ``fh``."""
    if format == "gexf":
        fh.write("\n".join(nx.generate_gexf(g)) + "\n")
    else:
        fh.write("\n".join(nx.generate_graphml(g)) + "\n")
