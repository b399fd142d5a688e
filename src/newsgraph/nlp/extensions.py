"""The ``Doc`` and ``Span`` extension attributes newsgraph's components read and write.

Every component writes plain records (``newsgraph.model``) with character offsets into
``doc.text``, so any spaCy user can reuse a component in their own pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

__all__ = [
    "EntityCluster",
    "ContextEntity",
    "register_extensions",
    "entity_at",
    "token_at",
    "cluster_by_id",
    "glued_hyphen",
]


@dataclass
class ContextEntity:
    """A name found in the headline or a caption: its words, label and offsets into that field's text."""

    text: str
    label: str
    field: str
    """``title`` or ``caption`` (never a credit)."""
    index: int
    """The caption's index in ``Article.captions`` (0 for the title)."""
    start: int
    end: int


@dataclass
class EntityCluster:
    """One entity inside one doc: an id, a canonical name, a label and its mention spans."""

    id: str
    name: str
    label: str
    spans: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    context: list[tuple[str, int, int, int]] = field(default_factory=list)
    """Mentions in the headline and captions: (field, index, start, end), offsets into that field.
    A cluster named only there has no ``spans``: it is an antecedent, never a body mention."""

    @property
    def mentions(self) -> list[tuple[int, int]]:
        """Character offsets of each mention."""
        return [(s.start_char, s.end_char) for s in self.spans]


_DOC_ATTRS = {
    "ng_article_id": None,
    "ng_published": None,  # ISO date the text is anchored to (publication date), or None
    "ng_entities": None,  # list[EntityCluster]
    "ng_timexes": None,  # list[model.Timex]
    "ng_quotes": None,  # list[model.Quote]
    "ng_descriptions": None,  # list[model.Description]
    "ng_relations": None,  # list[model.Relation]
    "ng_events": None,  # list[model.Event]
    "ng_coref": None,  # list[model.CorefMention]
    "ng_context_texts": None,  # list[(field, index, text)]: the title and caption texts (no credits)
    "ng_context": None,  # list[ContextEntity]: the model's names in those texts, before grouping
    "ng_main_place": None,  # entity id of the one place the headline names, or None
    "ng_headline_verbs": None,  # set of token indices: verbs inside Title Case lines (headline_verbs)
}


def register_extensions() -> None:
    """Register newsgraph's extension attributes (idempotent)."""
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("ng_entity"):
        Span.set_extension(
            "ng_entity", getter=lambda span: entity_at(span.doc, span.start_char, span.end_char)
        )


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering character ``char`` (None where no token does)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def entity_at(doc: Doc, start_char: int, end_char: int) -> EntityCluster | None:
    """The entity with a mention (or coreferent mention) covering ``[start_char, end_char)``.

    Prefers a mention that lies inside the range (``the union's general secretary, Tomas Reyes``
    finds Tomas Reyes), then one that contains it.
    """
    clusters = doc._.ng_entities or []
    best: tuple[int, EntityCluster] | None = None
    for cluster in clusters:
        for s in cluster.spans:
            if start_char <= s.start_char and s.end_char <= end_char:
                score = s.end_char - s.start_char
            elif s.start_char <= start_char and end_char <= s.end_char:
                score = 0
            else:
                continue
            if best is None or score > best[0]:
                best = (score, cluster)
    if best is None:
        for c in doc._.ng_coref or []:
            if c.start <= start_char and end_char <= c.end or start_char <= c.start and c.end <= end_char:
                return cluster_by_id(doc, c.entity)
    return best[1] if best else None


def cluster_by_id(doc: Doc, entity_id: str) -> EntityCluster | None:
    """Look an entity cluster up by its article-local id."""
    for cluster in doc._.ng_entities or []:
        if cluster.id == entity_id:
            return cluster
    return None


def glued_hyphen(tok: Token) -> bool:
    """Whether a token is a hyphen glued to the words on both sides ("fact-checking",
    "T-Mobile", "Gannett-Gatehouse"): part of one word, not a dash between phrases."""
    return tok.text in {"-", "–"} and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins every token again on each access."""
    text = doc.user_data.get("ng_text")
    if text is None:
        text = doc.user_data["ng_text"] = doc.text
    return text
