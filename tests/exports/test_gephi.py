"""GraphML and GEXF of the entity graph, loaded back with networkx, with the attributes Gephi reads."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from newsgraph.api import KnowledgeBase

NODE_ATTRS = {"label", "name", "type", "mention_count", "article_count", "first_date", "last_date"}
EDGE_ATTRS = {"weight", "tie_type", "types", "cooccurrence", "confirmed", "first_date", "last_date"}


def _load(path: Path, format: str) -> nx.Graph:
    return nx.read_gexf(path) if format == "gexf" else nx.read_graphml(path)


def _by_name(g: nx.Graph, name: str) -> str:
    return next(n for n, d in g.nodes(data=True) if d.get("name") == name)


@pytest.mark.parametrize("format", ["graphml", "gexf"])
def test_nodes_and_edges_carry_gephi_attributes(
    research_kb: KnowledgeBase, tmp_path: Path, format: str
) -> None:
    out = tmp_path / f"g.{format}"
    ties = research_kb.export(out, format=format, include_unconfirmed=True)
    g = _load(out, format)
    assert g.number_of_edges() == ties > 0
    for _, data in g.nodes(data=True):
        assert NODE_ATTRS - {"first_date", "last_date"} <= set(data)
        assert int(data["mention_count"]) >= 1 and data["label"] == data["name"]
        if "first_date" in data:
            assert data["first_date"] <= data["last_date"]
    for _, _, data in g.edges(data=True):
        assert {"weight", "tie_type", "types", "cooccurrence", "confirmed"} <= set(data)
        assert float(data["weight"]) >= 1
    # the example pages are dated 12 and 19 March 2026; the union's name stands in both
    hwa = g.nodes[_by_name(g, "Harbour Workers Alliance")]
    assert hwa["type"] == "ORG" and (hwa["first_date"], hwa["last_date"]) == ("2026-03-12", "2026-03-19")
    assert int(hwa["article_count"]) == 2
    # our page states a membership: a typed, dated edge
    amina, union = _by_name(g, "Amina Odhiambo"), _by_name(g, "Kenya Students Union")
    edge = g.edges[amina, union]
    assert edge["tie_type"] == "member_of" and "member_of" in edge["types"].split(",")
    assert g.nodes[amina]["type"] == "PERSON"


def test_gexf_and_graphml_hold_the_same_graph(research_kb: KnowledgeBase, tmp_path: Path) -> None:
    research_kb.export(tmp_path / "g.gexf", format="gexf")
    research_kb.export(tmp_path / "g.graphml", format="graphml")
    gexf, graphml = nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml")
    assert sorted(gexf.nodes) == sorted(graphml.nodes)
    names = {n: d["name"] for n, d in graphml.nodes(data=True)}
    for a, b, data in graphml.edges(data=True):
        other = gexf.edges[a, b]
        assert float(other["weight"]) == float(data["weight"]) and other["tie_type"] == data["tie_type"]
        assert other.get("first_date") == data.get("first_date"), (names[a], names[b])
