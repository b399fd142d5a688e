"""Typed relations between entities, from verb patterns over the dependency parse and from the
descriptions found earlier.

Sources, in order: role descriptions ("Its chief executive, Ingrid Holm" -> leader_of; "the
terminal's operator" -> operates; "X's spokesman" -> employed_by), verb frames ("is affiliated
with", "was founded by", "joined", "leads", "operates"), relative clauses ("the Federation, to
which the Alliance is affiliated") and symmetric statements ("X and Y are enemies", "X and Y
have been in dispute since ..."). Arguments are entity ids, through names or coreference.

Negation: a negated statement ("is not allied with") is KEPT with ``negated=True`` (it is a
fact about what the text says); consumers that want positive relations filter on it.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Relation
from .coref_rules import EMPLOYEE_ROLES, LEADER_ROLES, EntityIndex
from .relation_lexicon import (
    ALLY_NOUNS,
    DISPUTE_NOUNS,
    ENEMY_NOUNS,
    GROUP_PART_NOUNS,
    NOUN_RELATIONS,
    RELATIVE_PRONOUNS,
    VERB_FRAMES,
)

__all__ = ["find_relations", "extract_relations", "RELATION_TYPES"]

RELATION_TYPES = (
    "affiliated_with", "member_of", "leader_of", "founded_by", "ally_of", "enemy_of", "opposed_to",
    "in_dispute_with", "part_of", "located_in", "operates", "employed_by",
)  # fmt: skip

_AGENT_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


class _Builder:
    """Collects relations for one doc, deduplicated by (subject, relation, object, sentence)."""

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.doc = doc
        self.index = index
        self.timexes = [
            (t, doc.char_span(t.start, t.end, alignment_mode="expand")) for t in doc._.ng_timexes or []
        ]
        self.found: dict[tuple[str, str, str, int], Relation] = {}
        self.coref_conf = {}
        for m in doc._.ng_coref or []:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    self.coref_conf[i] = m.confidence

    def entity(self, tok: Token | None) -> tuple[str, float] | None:
        """The entity a token stands for, with the confidence of that reading."""
        if tok is None:
            return None
        if tok.lower_ in RELATIVE_PRONOUNS and tok.tag_ in {"WDT", "WP", "WP$"}:
            verb = tok
            while verb.dep_ not in {"relcl", "ROOT"} and verb.head.i != verb.i:
                verb = verb.head
            if verb.dep_ == "relcl":
                return self.entity(verb.head)
            return None
        ent = self.index.entity_of(tok)
        if ent is not None:
            return ent, self.coref_conf.get(tok.i, 1.0)
        # "former members of the Seafarers Guild" stands for the Guild, less surely
        if tok.lemma_.lower() in GROUP_PART_NOUNS:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            inner = self.entity(pobj)
                            if inner:
                                return inner[0], inner[1] * 0.85
        return None

    def entities(self, tok: Token | None) -> list[tuple[str, float]]:
        """The entities of a token and its conjuncts ("the Alliance and Meridian Shipping")."""
        if tok is None:
            return []
        out = []
        for t in [tok, *tok.conjuncts]:
            e = self.entity(t)
            if e and e[0] not in {x[0] for x in out}:
                out.append(e)
        return out

    def date(self, verb: Token) -> str | None:
        """The value of a timex attached to ``verb``'s clause ("since last autumn", "in 2011")."""
        for timex, span in self.timexes:
            if span is None or span.sent.start != verb.sent.start or not timex.on_calendar:
                continue
            node = span.root
            while node.i != verb.i and node.head.i != node.i:
                node = node.head
                if node.pos_ in {"VERB", "AUX"} and node.i != verb.i:
                    break
            if node.i == verb.i:
                return timex.value
        return None

    def add(self, subj: tuple[str, float], rel: str, obj: tuple[str, float], sent: Span, **kw) -> None:
        """Record a relation unless it links an entity to itself or the labels do not fit."""
        if subj[0] == obj[0] or not _labels_fit(self.index, subj[0], rel, obj[0]):
            return
        key = (subj[0], rel, obj[0], sent.start)
        conf = round(kw.pop("base", 0.8) * subj[1] * obj[1], 2)
        if key in self.found and self.found[key].confidence >= conf:
            return
        self.found[key] = Relation(
            subject=subj[0], relation=rel, object=obj[0], start=sent.start_char, end=sent.end_char,
            confidence=conf, negated=kw.get("negated", False), date=kw.get("date"),
        )  # fmt: skip


def _labels_fit(index: EntityIndex, subj: str, rel: str, obj: str) -> bool:
    s, o = index.label(subj), index.label(obj)
    if rel == "located_in":
        return o in _PLACE_LABELS
    if rel == "operates":
        return s in {"ORG", "GPE", "NORP"} and o in {"FAC", "ORG", "LOC", "PRODUCT", "GPE"}
    if rel in {"leader_of", "employed_by"}:
        return s == "PERSON" and o in {"ORG", "GPE", "NORP"}
    if rel == "founded_by":
        return s in {"ORG", "FAC", "PRODUCT", "NORP"} and o in _AGENT_LABELS
    return s in _AGENT_LABELS and o in _AGENT_LABELS


def _negated(*tokens: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "no"} and c.dep_ in {"neg", "advmod", "det"}
               for t in tokens for c in t.children)  # fmt: skip


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb; a conjoined verb without its own subject shares its head's."""
    subs = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subs and verb.dep_ in {"conj", "xcomp"}:
        return _subjects(verb.head)
    if not subs and verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBN":
        return [verb.head]  # "the Alliance, founded by ...": the noun is the passive subject
    return subs


def _preps(tok: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs under a token, "affiliated with X" -> ("with", X)."""
    for prep in tok.children:
        if prep.dep_ in {"prep", "agent"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    yield prep.lower_, pobj


def _role_words(root: Token) -> str:
    """The role phrase of a description head: "chief executive", "general secretary"."""
    mods = [c for c in root.lefts if c.dep_ in {"amod", "compound"} and c.pos_ in {"ADJ", "NOUN", "PROPN"}]
    words = [
        m.lower_
        for m in mods
        if m.lower_ in {"chief", "general", "managing", "vice", "executive", "prime", "deputy"}
    ]
    return " ".join([*words, root.lower_])


def _from_descriptions(b: _Builder) -> None:
    """Role, part and operator relations from descriptions: "Its chief executive, Ingrid Holm"."""
    doc = b.doc
    for d in doc._.ng_descriptions or []:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        anchors: list[tuple[str, float]] = []
        for c in root.children:
            if c.dep_ == "poss":
                anchors += b.entities(c)
            elif c.dep_ == "compound" and b.index.entity_of(c) not in {None, d.entity}:
                anchors += b.entities(c)
        for p, pobj in _preps(root):
            if p in {"of", "for", "at", "with"}:
                anchors += b.entities(pobj)
        if d.kind == "title":
            anchors += [e for t in span if (e := b.entity(t)) and e[0] != d.entity]
        role = _role_words(root)
        rel, reverse = _role_relation(role, root.lemma_.lower())
        if rel is None:
            continue
        subj = (d.entity, d.confidence)
        for anchor in anchors:
            if reverse:
                b.add(anchor, rel, subj, span.sent, base=0.75)
            else:
                b.add(subj, rel, anchor, span.sent, base=0.75)


def _role_relation(role: str, lemma: str) -> tuple[str | None, bool]:
    """Map a role phrase to a relation type; ``reverse`` when the described entity is the object."""
    if role in LEADER_ROLES or lemma in LEADER_ROLES:
        return ("founded_by", True) if lemma == "founder" else ("leader_of", False)
    if lemma in NOUN_RELATIONS:
        return NOUN_RELATIONS[lemma]
    if role in EMPLOYEE_ROLES or lemma in EMPLOYEE_ROLES:
        return "employed_by", False
    return None, False


def _from_verbs(b: _Builder, sent: Span) -> None:
    """Verb frames, copulas with relational nouns, and symmetric statements in one sentence."""
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.lower()
        subjects = [e for s in _subjects(verb) for e in b.entities(s)]
        if not subjects:
            continue
        negated = _negated(verb)
        date = b.date(verb)
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl", "acomp"}
        )
        # "X is affiliated with Y" parses "affiliated" as an adjective complement of "is"
        heads = [verb] + [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
        for head in heads:
            frame_lemma = lemma if head is verb else head.lemma_.lower()
            _frames(b, sent, head, frame_lemma, subjects, passive or head is not verb, negated, date)
        _symmetric(b, sent, verb, subjects, negated, date)


def _frames(b, sent, head, lemma, subjects, passive, negated, date) -> None:  # noqa: ANN001
    """Apply the verb-frame table to one predicate head."""
    frames = VERB_FRAMES.get(lemma)
    if not frames:
        return
    particles = {c.lower_ for c in head.children if c.dep_ == "prt"}
    for frame in frames:
        if frame.particle and frame.particle not in particles:
            continue
        if frame.voice == "passive" and not passive or frame.voice == "active" and passive:
            continue
        if frame.prep is None:
            objects = [e for c in head.children if c.dep_ == "dobj" for e in b.entities(c)]
        else:
            objects = [e for p, pobj in _preps(head) if p in frame.prep for e in b.entities(pobj)]
        for s in subjects:
            for o in objects:
                pair = (o, s) if frame.reverse else (s, o)
                b.add(pair[0], frame.relation, pair[1], sent, negated=negated, date=date, base=frame.base)


def _symmetric(b: _Builder, sent: Span, verb: Token, subjects, negated: bool, date: str | None) -> None:  # noqa: ANN001
    """ "X and Y are enemies", "X is allies with Y", "X and Y have been in dispute since ..."."""
    rel = None
    partners: list[tuple[str, float]] = []
    if verb.lemma_ in {"be", "remain", "become"}:
        for c in verb.children:
            noun = None
            if c.dep_ == "attr":
                noun = c
            elif c.dep_ == "prep" and c.lower_ in {"in", "at"}:
                noun = next((p for p in c.children if p.dep_ == "pobj"), None)
            if noun is None:
                continue
            n = noun.lemma_.lower()
            if n in DISPUTE_NOUNS:
                rel = "in_dispute_with"
            elif n in ALLY_NOUNS:
                rel = "ally_of"
            elif n in ENEMY_NOUNS:
                rel = "enemy_of"
            else:
                continue
            partners += [e for p, pobj in _preps(noun) if p in {"with", "of"} for e in b.entities(pobj)]
            partners += [e for p, pobj in _preps(verb) if p == "with" for e in b.entities(pobj)]
            break
    if rel is None:
        return
    if partners:
        for s in subjects:
            for o in partners:
                b.add(s, rel, o, sent, negated=negated, date=date)
    elif len(subjects) > 1:
        for i, s in enumerate(subjects):
            for o in subjects[i + 1 :]:
                b.add(s, rel, o, sent, negated=negated, date=date)


def find_relations(doc: Doc, index: EntityIndex | None = None) -> list[Relation]:
    """All relations between the doc's entities, in text order."""
    index = index or EntityIndex.build(doc)
    b = _Builder(doc, index)
    _from_descriptions(b)
    for sent in doc.sents:
        _from_verbs(b, sent)
    return sorted(b.found.values(), key=lambda r: (r.start, r.subject, r.relation))


@Language.component("newsgraph_relations")
def extract_relations(doc: Doc) -> Doc:
    """Set ``doc._.ng_relations`` (empty when there are fewer than two entities)."""
    if not doc._.ng_entities or len(doc._.ng_entities) < 2 or not doc.has_annotation("DEP"):
        doc._.ng_relations = []
        return doc
    doc._.ng_relations = find_relations(doc)
    return doc
