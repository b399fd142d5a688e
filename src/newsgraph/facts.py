"""``Doc -> Facts``: turn an annotated Doc into plain, serializable records."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .model import Article, Entity, Event, Facts, Relation
from .resolve.names import strip_bidi

__all__ = ["doc_to_facts"]


def doc_to_facts(doc: Doc, article: Article) -> Facts:
    """Read newsgraph's extension attributes off ``doc`` into a ``Facts`` record."""
    entities = [
        Entity(
            id=c.id,
            name=strip_bidi(c.name),  # the names a page gives are stored as their letters, no overrides
            type=c.label,
            aliases=_aliases(c.aliases, strip_bidi(c.name)),
            mentions=c.mentions,
            context_mentions=[
                {"field": f, "index": i, "start": start, "end": end} for f, i, start, end in c.context
            ],
        )
        for c in doc._.ng_entities or []
    ]
    return Facts(
        article=article,
        entities=entities,
        timexes=list(doc._.ng_timexes or []),
        quotes=list(doc._.ng_quotes or []),
        descriptions=list(doc._.ng_descriptions or []),
        relations=[_trimmed(r, article.text) for r in doc._.ng_relations or []],
        events=[_trimmed(e, article.text) for e in doc._.ng_events or []],
        coref=list(doc._.ng_coref or []),
        sentences=_sentence_spans(doc),
    )


def _aliases(forms: list[str], name: str) -> list[str]:
    """A cluster's other forms without bidi controls, each once (a form that differed only by them goes)."""
    return [f for f in dict.fromkeys(strip_bidi(f) for f in forms) if f.strip() and f != name]


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans without the paragraph-break whitespace spaCy leaves at their ends."""
    if not doc.has_annotation("SENT_START"):
        return []
    spans = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def _trimmed(fact: Relation | Event, text: str) -> Relation | Event:
    """A sentence-span fact without the whitespace spaCy keeps at a paragraph's end."""
    chunk = text[fact.start : fact.end]
    start = fact.start + len(chunk) - len(chunk.lstrip())
    end = fact.start + len(chunk.rstrip())
    if (start, end) == (fact.start, fact.end) or end <= start:
        return fact
    return replace(fact, start=start, end=end)
