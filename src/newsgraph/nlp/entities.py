"""Group a doc's named-entity mentions into one entity per thing (first version: exact text)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import EntityCluster

__all__ = ["group_entities", "ENTITY_LABELS"]

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}


@Language.component("newsgraph_entities")
def group_entities(doc: Doc) -> Doc:
    """Set ``doc._.ng_entities`` from ``doc.ents``."""
    clusters: dict[tuple[str, str], EntityCluster] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        key = (ent.text.lower(), ent.label_)
        if key not in clusters:
            clusters[key] = EntityCluster(id=f"e{len(clusters) + 1}", name=ent.text, label=ent.label_)
        clusters[key].spans.append(ent)
    for c in clusters.values():
        c.aliases = sorted({s.text for s in c.spans} - {c.name})
    doc._.ng_entities = list(clusters.values())
    return doc
