"""``Doc -> Facts``: turn an annotated Doc into plain, serializable records."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Article, Entity, Facts

__all__ = ["doc_to_facts"]


def doc_to_facts(doc: Doc, article: Article) -> Facts:
    """Read newsgraph's extension attributes off ``doc`` into a ``Facts`` record."""
    entities = [
        Entity(id=c.id, name=c.name, type=c.label, aliases=list(c.aliases), mentions=c.mentions)
        for c in doc._.ng_entities or []
    ]
    return Facts(
        article=article,
        entities=entities,
        timexes=list(doc._.ng_timexes or []),
        quotes=list(doc._.ng_quotes or []),
        descriptions=list(doc._.ng_descriptions or []),
        relations=list(doc._.ng_relations or []),
        events=list(doc._.ng_events or []),
        coref=list(doc._.ng_coref or []),
        sentences=[(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else [],
    )
