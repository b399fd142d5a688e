"""In-article coreference: pronouns and definite nominals linked to the entity they refer to.

Rule-based (no coreference model can be installed): agreement (PERSON vs non-person, number),
salience (recency, subject position), "X said it would ..." and the descriptions found earlier
("the union" for an entity described as "a union"; "the minister" for a person titled
"Transport Minister"). A mention is linked only when one entity clearly wins; otherwise it is
left alone, so a missing link is more likely than a wrong one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import CorefMention
from .coref_rules import EntityIndex, Resolution, is_pronoun_mention, resolve_nominal, resolve_pronoun

__all__ = ["find_coref", "resolve_coref"]

_NOMINAL_DETS = {"the"}
_ALLOWED_CHILD_DEPS = {"det", "case", "punct"}


def _nominal_head(tok: Token, index: EntityIndex) -> bool:
    """A bare definite noun phrase, "the union" / "the company" / "the Guild", outside any entity."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.tag_ in {"NNS", "NNPS"} or index.entity_of(tok) is not None:
        return False
    if tok.dep_ in {"compound", "attr", "npadvmod"}:
        return False
    children = list(tok.children)
    dets = [c for c in children if c.dep_ == "det"]
    if len(dets) != 1 or dets[0].lower_ not in _NOMINAL_DETS or dets[0].i != tok.i - 1:
        return False
    return all(c.dep_ in _ALLOWED_CHILD_DEPS or c.dep_ == "appos" for c in children)


def _appositive_entity(tok: Token, index: EntityIndex) -> Resolution | None:
    """ "the minister, Elena Varga" / "Elena Varga, the minister": the name next to the nominal."""
    for child in tok.children:
        if child.dep_ == "appos" and index.entity_of(child) is not None:
            return Resolution(index.entity_of(child), 0.9)  # type: ignore[arg-type]
    if tok.dep_ == "appos" and index.entity_of(tok.head) is not None:
        return Resolution(index.entity_of(tok.head), 0.9)  # type: ignore[arg-type]
    return None


def find_coref(doc: Doc, index: EntityIndex | None = None) -> list[CorefMention]:
    """Resolve every pronoun and definite nominal in ``doc`` that has a clear antecedent."""
    index = index or EntityIndex.build(doc, include_coref=False)
    mentions: list[CorefMention] = []
    for tok in doc:
        if index.entity_of(tok) is not None:
            continue
        if is_pronoun_mention(tok):
            res = resolve_pronoun(tok, index)
            span = doc[tok.i : tok.i + 1]
        elif _nominal_head(tok, index):
            res = _appositive_entity(tok, index) or resolve_nominal(tok, index)
            span = doc[tok.i - 1 : tok.i + 1]
        else:
            continue
        if res is None:
            continue
        index.set_span(span, res.entity)
        mentions.append(
            CorefMention(
                entity=res.entity,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                confidence=res.confidence,
            )
        )
    return mentions


@Language.component("newsgraph_coref")
def resolve_coref(doc: Doc) -> Doc:
    """Set ``doc._.ng_coref`` (empty when there are no entities to refer to)."""
    if not doc._.ng_entities or not doc.has_annotation("DEP"):
        doc._.ng_coref = []
        return doc
    doc._.ng_coref = find_coref(doc)
    return doc
