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

from collections import defaultdict
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Description, Relation
from ..places import lookup
from ..resolve.names import head_word, is_generic_word
from ..vocabulary import word_map, word_set
from .coref_rules import EMPLOYEE_ROLES, LEADER_ROLES, ORG_NOUNS, PLACE_NOUNS, EntityIndex
from .entities import POSSESSIVE_MARKS
from .extensions import doc_text, glued_hyphen, register_extensions
from .relation_lexicon import (
    ABBREVIATIONS,
    ALLY_NOUNS,
    AT_OCCUPATIONS,
    BEAT_NAMES,
    BEAT_ROLES,
    CREDIT_WORDS,
    DISPUTE_NOUNS,
    ENEMY_NOUNS,
    EXTRA_EMPLOYEE_ROLES,
    FORMER_WORDS,
    GOVERNMENT_BODIES,
    GROUP_PART_NOUNS,
    NOT_EMPLOYEES,
    NOUN_RELATIONS,
    PARENT_NOUNS,
    PARTY_ROLES,
    PARTY_WORDS,
    PERSONAL_STAFF,
    PLACE_PARTS,
    PRACTICE_ROLES,
    RANK_ROLES,
    RECORD_WORDS,
    RELATIVE_PRONOUNS,
    RESIDENT_NOUNS,
    SAME_PLACES,
    SPORT_LEAD_PREPS,
    SPORT_STATISTICS,
    STAT_LEADER_MODIFIERS,
    SUBORDINATE_PREFIXES,
    TOPIC_ROLES,
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
        named = {i for c in doc._.ng_entities or [] for s in c.spans for i in range(s.start, s.end)}
        for m in doc._.ng_coref or []:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    if i not in named:  # a name inside a longer mention is sure of itself
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
        if tok.lemma_.lower() in ORG_NOUNS and tok.i > 0:
            # "the Likud party", "the Wagner group": the class noun after the name stands for it
            name = tok.doc[tok.i - 1]
            owner = self.index.entity_of(name) if name.dep_ == "compound" and name.head.i == tok.i else None
            if owner is not None and self.index.label(owner) == "ORG":
                return owner, self.coref_conf.get(name.i, 1.0)
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

    def country_of(self, norp: str) -> str | None:
        """The country entity of the article that a nationality word names ("Ukrainian" ->
        "Ukraine", data/demonyms.toml), or None when the article names no such country."""
        cluster = self.index.clusters.get(norp)
        names = _DEMONYMS.get(cluster.name.lower().removeprefix("the ")) if cluster is not None else None
        if not names:
            return None
        wanted = {n.lower() for n in names}
        hits = [
            c.id
            for c in self.index.clusters.values()
            if c.label == "GPE" and wanted & {c.name.lower(), *(a.lower() for a in c.aliases)}
        ]
        return hits[0] if len(hits) == 1 else None

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
        if subj[0] == obj[0]:
            return
        if rel == "located_in" and f"{_name(self, subj[0])}, {_name(self, obj[0])}".lower() in SAME_PLACES:
            return  # "Washington, DC": one place, neither inside the other
        if self.index.label(obj[0]) == "NORP" and rel != "member_of":
            country = self.country_of(obj[0])
            if country is not None:
                obj = (country, obj[1])  # "Ukrainian President X" leads Ukraine, which the article names
        if any(
            self.index.label(e[0]) in {"ORG", "FAC"} and is_generic_word(_name(self, e[0]))
            for e in (subj, obj)
        ):
            return  # "Secretary of State Mike Pompeo": a lone "State" names no one to be tied to
        # "Carlineo's attorney": a person's own staff work for that person
        staff = kw.pop("staff", False) and self.index.label(obj[0]) == "PERSON"
        if not staff and not _labels_fit(self.index, subj[0], rel, obj[0]):
            # "Nadia Kerr, a spokesperson for the Authority": a name the tagger calls an
            # organisation is a person when a person's role is stated of it, less surely.
            if not (kw.pop("person_role", False) and self.index.label(subj[0]) == "ORG"):
                return
            kw["base"] = kw.get("base", 0.8) * 0.8
        kw.pop("person_role", None)
        if self.index.label(obj[0]) == "NORP" and rel != "member_of":
            # "Israeli Prime Minister X" -> leader_of "Israeli": a nationality word is a people, not
            # the state or body the tie is with; the dossier line would read "leader of Israeli".
            # Kept, below the display band, until demonyms map to their country.
            kw["base"] = kw.get("base", 0.8) * 0.75
        key = (subj[0], rel, obj[0], sent.start)
        conf = round(kw.pop("base", 0.8) * subj[1] * obj[1], 2)
        if key in self.found and self.found[key].confidence >= conf:
            return
        self.found[key] = Relation(
            subject=subj[0], relation=rel, object=obj[0], start=sent.start_char, end=sent.end_char,
            confidence=conf, negated=kw.get("negated", False), date=kw.get("date"),
            former=kw.get("former", False),
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
    if rel == "member_of":
        return s in _AGENT_LABELS and o in {"ORG", "NORP"}  # one is a member of a group, not of a person
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
    prefixes = {"chief", "general", "managing", "vice", "executive", "prime", "deputy"}
    words = [m.lower_ for m in mods if m.lower_ in prefixes]
    prev = root.doc[root.i - 1] if root.i > 0 else None
    if (
        not words
        and prev is not None
        and prev.lower_ in prefixes
        and prev.text[:1].isupper() == root.text[:1].isupper()
    ):
        words = [prev.lower_]  # "Chief Executive Ana Lind" parsed with "Chief" on the name
    if root.lower_ == "general" and prev is not None and prev.lower_ == "secretary":
        words = ["secretary"]  # "secretary general of NATO": the head, not a military general
    return " ".join([*words, root.lower_])


_DEPARTMENT_HEADS = {"director", "head", "chief"}
_TOP_WORDS = word_set("roles", "top_words")  # data/roles.toml
_DEMONYMS = word_map("demonyms", "demonyms")  # data/demonyms.toml


_LOOSE_NOUNS = word_set("relation_nouns", "loose")  # data/relation_nouns.toml
_UNIT_HEADS = word_set("relation_nouns", "unit_heads")


def _subordinate(root: Token, span: Span) -> bool:
    """ "vice president", "deputy leader", "acting director": the title of someone under the head;
    "athletic director", "research director", "security chief": the head of a department."""
    if root.lower_ in _DEPARTMENT_HEADS and any(
        c.dep_ in {"amod", "compound"} and c.pos_ in {"ADJ", "NOUN"} and c.lower_ not in _TOP_WORDS
        for c in root.lefts
    ):
        return True
    before = [t.lower_.rstrip("-") for t in span if t.i < root.i]
    pairs = {" ".join(before[i : i + 2]) for i in range(len(before))}
    if any(w in SUBORDINATE_PREFIXES for w in [*before, *pairs]):
        return True
    return root.lower_.startswith(("vice-", "co-", "deputy-"))


# How sure each way of anchoring a role is: "X, the chief executive of Y" and "Y's chief
# executive X" state the tie; a name glued before a title ("Pentagon correspondent", "Russia
# adviser") is often a topic, a beat or a nationality.
_ANCHOR_BASE = {"prep": 0.9, "prep_at": 0.85, "poss": 0.85, "compound": 0.7, "title": 0.7, "named": 0.85}


def _anchors(b: _Builder, d, span: Span, root: Token) -> list[tuple[tuple[str, float], str]]:  # noqa: ANN001
    """The entities a role is anchored to, each with how it is attached."""
    out: list[tuple[tuple[str, float], str]] = []
    for c in root.children:
        if c.dep_ == "poss":
            out += [(e, "poss") for e in b.entities(c)]
        elif (
            c.dep_ in {"compound", "nmod"}
            and c.i >= span.start
            and b.index.entity_of(c) not in {None, d.entity}
        ):
            # (a name the title was cut off from, "Tarn City | sacked manager", is no anchor)
            # "a Boise State University political scientist" (the parser's nmod)
            out += [(e, "compound") for e in b.entities(c)]
            # "the National Security Council Ukraine expert": the parser hangs the organisation on
            # the topic before the role word; it is glued to the title all the same
            topic = b.index.entity_of(c)
            for g in c.children:
                if g.dep_ in {"compound", "nmod"} and b.index.entity_of(g) not in {None, d.entity, topic}:
                    out += [(e, "compound") for e in b.entities(g) if (e, "compound") not in out]
    preps = list(_preps(root))
    if not any(p in {"of", "for", "at"} for p, _ in preps):
        # "CEO and founder of Ceres Robotics": two roles joined by "and" share the second's object
        for conj in root.children:
            if conj.dep_ == "conj" and _role_relation(_role_words(conj), conj.lemma_.lower())[0]:
                preps += list(_preps(conj))
    sibling_at = [e for p, pobj in preps if p == "at" for e in b.entities(pobj) if e[0] != d.entity]
    for p, pobj in preps:
        if p == "in":  # "an administrator in NASA's Science Mission Directorate": a post inside it
            out += [(e, "prep_at") for e in _org_in(b, pobj, d.entity)]
        if p in {"of", "for", "at", "with"}:
            direct = [e for e in b.entities(pobj) if e[0] != d.entity]
            owner_of_unit = {
                b.index.entity_of(t)
                for t in pobj.subtree
                if t.dep_ == "poss"
                and t.head.i in range(pobj.i, pobj.right_edge.i + 1)
                # (not a possessive inside the name itself: "the North Atlantic Pelagic Producers' Group")
                and not _inside_own_name(b, t)
            }
            if p == "of" and direct and all(e[0] in owner_of_unit for e in direct):
                # "director of Union of Concerned Scientists' Scientific Integrity Program": a post
                # in the owner's unit, not at the owner's head
                out += [(e, "prep_at") for e in direct]
                continue
            if p == "of" and direct and sibling_at:
                # "vice president of Advanced Programs at Blue Origin": a department of it
                _department_of(b, direct, sibling_at, span.sent)
                continue
            inner_at = [
                e for q, inner in _preps(pobj) if q == "at" for e in b.entities(inner) if e[0] != d.entity
            ]
            if direct and inner_at:
                # "vice president of Advanced Programs at Blue Origin": the first is a department
                _department_of(b, direct, inner_at, span.sent)
                out += [(e, "prep_at") for e in inner_at]
                continue
            how = "prep" if p in {"of", "for"} and direct else "prep_at"
            out += [(e, how) for e in _prep_entities(b, pobj, d.entity)]
    if d.kind == "title":
        # "NASA's Administrator Jim Bridenstine": the parser hangs the owner on the name
        for t in span.doc[max(span.start - 1, 0) : span.end]:
            if t.dep_ == "case" and t.lower_ in POSSESSIVE_MARKS and t.head.dep_ == "poss":
                out += [(e, "poss") for e in b.entities(t.head) if e[0] != d.entity]
        seen = {e[0] for e, _ in out}
        # "ambassador to Britain": where the post is held for, never its employer
        to = [c.i for c in root.children if c.dep_ == "prep" and c.lower_ == "to"]
        posted = {t.i for t in span if to and t.i > min(to)}
        for t in span:
            if t.i in posted:
                continue
            e = b.entity(t)
            if e and e[0] != d.entity and e[0] not in seen:
                seen.add(e[0])
                out.append((e, "title"))
        if not seen - {d.entity}:
            out += [(e, "named") for e in _named_in_title(b, span, root)]
    return [
        (e, how)
        for e, how in out
        if how not in {"compound", "title"} or not _field_before_adviser(b, e[0], span, root)
    ]


def _field_before_adviser(b: _Builder, anchor: str, span: Span, root: Token) -> bool:
    """ "National Security Adviser John Bolton" where the National Security Council is named: the
    first words of an organisation's name before an adviser's title are the field advised on, not
    the body (its full name or its acronym would be)."""
    if root.lemma_.lower() not in TOPIC_ROLES or b.index.label(anchor) != "ORG":
        return False
    words = [t for t in span if t.i < root.i and b.index.entity_of(t) == anchor]
    said = " ".join(t.text for t in words)
    return bool(words) and not said.isupper() and said.lower() != _name(b, anchor).lower()


def _department_of(
    b: _Builder, units: list[tuple[str, float]], owners: list[tuple[str, float]], sent: Span
) -> None:
    """ "vice president of Advanced Development Programs at Blue Origin": the unit is part of the
    organisation (organisations on both sides)."""
    for unit in units:
        for owner in owners:
            if b.index.label(unit[0]) == "ORG" and b.index.label(owner[0]) == "ORG":
                b.add(unit, "part_of", owner, sent, base=0.8 * _sentence_factor(sent))


def _named_in_title(b: _Builder, span: Span, root: Token) -> list[tuple[str, float]]:
    """An organisation the tagger missed inside a title but named elsewhere in the article:
    "Emirates President Tim Clark" when "Emirates" is an organisation of the doc. Only the
    capitalised words right before the role word, matched whole to one organisation's name or
    alias."""
    words: list[Token] = []
    for t in reversed(span[: root.i - span.start]):
        if t.pos_ == "PROPN" or t.text in {"-", "&"} and words:
            words.insert(0, t)
        else:
            break
    while words and words[0].text in {"-", "&"}:
        words.pop(0)
    if not words:
        return []
    text = span.doc[words[0].i : words[-1].i + 1].text.lower()
    hits = [
        c.id
        for c in b.index.clusters.values()
        if c.label in {"ORG", "GPE"} and c.spans and text in {c.name.lower(), *(a.lower() for a in c.aliases)}
    ]
    return [(hits[0], 1.0)] if len(hits) == 1 else []


def _prep_entities(b: _Builder, pobj: Token, holder: str) -> list[tuple[str, float]]:
    """The entities a role's prepositional object names: the object itself, the name set beside
    a class noun ("with the research firm Oanda"), or, after a field ("professor of physics at
    the University of Florida"), the place of work. The role's holder (a coreference mention
    may cover the whole appositive) is never its own anchor."""
    found = [e for e in b.entities(pobj) if e[0] != holder]
    if found or pobj.pos_ not in {"NOUN", "PROPN"} or b.index.entity_of(pobj) not in {None, holder}:
        return found
    for c in pobj.children:
        if c.dep_ == "appos":
            found += [e for e in b.entities(c) if e[0] != holder]
        elif c.dep_ == "poss":  # "director of the Defense Council's species program": a unit of it
            found += [e for e in b.entities(c) if e[0] != holder and b.index.label(e[0]) == "ORG"]
    for p, inner in _preps(pobj):
        if p in {"at", "with"}:
            found += [e for e in b.entities(inner) if e[0] != holder]
        elif p == "for":  # "Head of Platform Solutions for Ascom": a unit no one named, of that company
            found += [e for e in b.entities(inner) if e[0] != holder and b.index.label(e[0]) == "ORG"]
        elif p == "in":  # "administrator for exploration in NASA's Science Mission Directorate"
            found += _org_in(b, inner, holder)
    return found


def _org_in(b: _Builder, pobj: Token, holder: str) -> list[tuple[str, float]]:
    """The organisation a role is held in ("in the Science Mission Directorate"), or the owner of
    an unnamed unit ("in NASA's science directorate"): organisations only, never a place."""
    found = [e for e in b.entities(pobj) if e[0] != holder and b.index.label(e[0]) == "ORG"]
    if found or b.index.entity_of(pobj) not in {None, holder}:
        return found  # (a coreference mention of the holder may cover the whole appositive)
    owners = [c for c in pobj.children if c.dep_ == "poss"]
    return [e for c in owners for e in b.entities(c) if e[0] != holder and b.index.label(e[0]) == "ORG"]


def _inside_own_name(b: _Builder, tok: Token) -> bool:
    """Whether a possessor's word is inside one name that goes on past its possessive mark ("the
    North Atlantic Pelagic Producers' Group"), not the owner of what follows ("Union of Concerned
    Scientists' Scientific Integrity Program")."""
    entity = b.index.entity_of(tok)
    cluster = b.index.clusters.get(entity) if entity is not None else None
    return cluster is not None and any(s.start <= tok.i and s.end > tok.i + 2 for s in cluster.spans)


def _topic_anchor(b: _Builder, anchor: str, how: str, lemma: str, earlier: bool) -> bool:
    """Whether a name glued before a title is its beat or topic rather than an employer:
    "Pentagon correspondent", "Russia adviser", "White House Russia adviser" (Russia)."""
    if how not in {"compound", "title", "named"}:
        return False
    label = b.index.label(anchor)
    place = label in {"GPE", "NORP", "LOC", "FAC"}
    if lemma in BEAT_ROLES and (place or _name(b, anchor).lower() in BEAT_NAMES):
        return True
    return place and (lemma in TOPIC_ROLES or earlier)


def _employer_before_topic(b: _Builder, anchor: str, span: Span, root: Token) -> bool:
    """ "a White House Russia expert": an organisation named before a place that is the role's
    topic is where the role is held, though alone it would be a beat ("a White House expert")."""
    if b.index.label(anchor) != "ORG":
        return False
    before = [(t.i, b.index.entity_of(t)) for t in span if t.i < root.i and b.index.entity_of(t)]
    mine = [i for i, e in before if e == anchor]
    places = [i for i, e in before if e != anchor and b.index.label(e) in {"GPE", "NORP", "LOC"}]
    return bool(mine) and bool(places) and max(mine) < min(places)


def _name(b: _Builder, entity: str) -> str:
    cluster = b.index.clusters.get(entity)
    return cluster.name if cluster is not None else ""


def _role_word(tok: Token) -> bool:
    """Whether a word names a role ("founder", "executive", "CEO")."""
    return _role_relation(_role_words(tok), tok.lemma_.lower())[0] is not None


def _from_descriptions(b: _Builder) -> None:
    """Role, part and operator relations from descriptions: "Its chief executive, Ingrid Holm"."""
    doc = b.doc
    for d in doc._.ng_descriptions or []:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if d.kind == "title" and (root.dep_ == "poss" or not _role_word(root) and _role_word(span[-1])):
            # "NASA's Administrator", "Microsoft co-founder": the owner hangs on the name, or the
            # parser heads the title with another word; the role word ends the title
            root = span[-1]
        anchors = _anchors(b, d, span, root)
        _located(b, d, span, root)
        _role_ties(b, d, span, root, anchors)
        own = _role_relation(_role_words(root), root.lemma_.lower())
        for conj in root.children:
            # "CEO and founder of Ceres Robotics": each role of the pair is a tie of its own
            if conj.dep_ != "conj" or conj.i >= span.end:
                continue
            tie = _role_relation(_role_words(conj), conj.lemma_.lower())
            # "EADS's North America CEO and ex Northrop executive": a second role with its own
            # organisation before it is a post there, not at the first role's
            glued = [
                (e, "compound")
                for c in conj.children
                if c.dep_ in {"compound", "nmod"}
                for e in b.entities(c)
                if e[0] != d.entity and b.index.label(e[0]) == "ORG"
            ]
            if tie[0] and (tie != own or glued):
                _role_ties(b, d, span, conj, glued or anchors)


def _located(b: _Builder, d: Description, span: Span, root: Token) -> None:
    """ "the Trade Partnership, a trade-focused consulting firm in Washington", "Kunduz, a city in
    northern Afghanistan": where the described organisation or place is."""
    lemma = root.lemma_.lower()
    label = b.index.label(d.entity)
    if not (label == "ORG" and lemma in ORG_NOUNS or label in _PLACE_LABELS and lemma in PLACE_NOUNS):
        return
    for p, pobj in _preps(root):
        for place in b.entities(pobj) if p == "in" else []:
            if place[0] != d.entity and b.index.label(place[0]) in {"GPE", "LOC"}:
                base = 0.85 * _sentence_factor(span.sent)
                b.add((d.entity, d.confidence), "located_in", place, span.sent, base=base)


def _role_ties(  # noqa: PLR0912
    b: _Builder,
    d: Description,
    span: Span,
    root: Token,
    anchors: list[tuple[tuple[str, float], str]],
) -> None:
    """The ties one role word of a description states with its anchors."""
    role = _role_words(root)
    lemma = root.lemma_.lower()
    if lemma == "leader" and any(t.lower_ in STAT_LEADER_MODIFIERS for t in span if t.i < root.i):
        return  # "North Carolina's career scoring leader": a statistic's leader, no body's head
    rel, reverse = _role_relation(role, lemma)
    # "Trump's acting chief of staff": a post on someone's staff, not the head of the anchor
    chief_of_staff = lemma == "chief" and any(
        p == "of" and pobj.lower_ == "staff" for p, pobj in _preps(root)
    )
    if chief_of_staff:
        rel = "employed_by"
    staff_role = lemma in PERSONAL_STAFF or chief_of_staff
    label = b.index.label(d.entity)
    if rel is None and lemma in PARENT_NOUNS and any(c.lower_ == "parent" for c in root.lefts):
        rel, reverse = "part_of", True  # "WeWork's parent company": WeWork is part of it
    if rel == "leader_of" and _subordinate(root, span):
        rel = "employed_by"
    subj = (d.entity, d.confidence)
    # "director for games at Google", "president of programs at Blue Origin": a post at an
    # organisation, not its head
    if rel == "leader_of" and any(how == "prep_at" for _, how in anchors):
        anchors = [(a, how) for a, how in anchors if how != "prep_at"] or anchors
        if all(how == "prep_at" for _, how in anchors):
            rel = "employed_by"
    glued = [a for a, how in anchors if how in {"compound", "title"}]
    # "EADS's North America CEO", "the Alaska state executive director of the agency": a place
    # before the role word makes it the head of a branch, not of the organisation
    branch = {b.index.entity_of(t) for t in span if t.i < root.i} - {None, d.entity}
    branch = {e for e in branch if b.index.label(e) in {"GPE", "LOC"}}
    former = _former(root, span)  # "former chairman of Y": a tie that is over, shown as such
    for anchor, how in anchors:
        # "White House Russia adviser": a place named after an organisation in the same title
        # is the topic of the role.
        earlier = how in {"compound", "title"} and any(
            g[0] != anchor[0] and b.index.label(g[0]) == "ORG" for g in glued
        )
        if _topic_anchor(b, anchor[0], how, lemma, earlier) and not _employer_before_topic(
            b, anchor[0], span, root
        ):
            continue
        if anchor[0] in branch and any(b.index.label(a[0]) == "ORG" for a, _ in anchors):
            continue  # the branch's place is where the post is, not what it leads
        arel = rel
        if (
            lemma in PRACTICE_ROLES
            and root.is_lower
            and how in {"compound", "title"}
            and b.index.label(anchor[0]) in {"GPE", "LOC"}
            and (lookup(_name(b, anchor[0])) or {"feature": "country"}).get("feature") != "country"
        ):
            # "New York attorney Mark Heller": a lawyer who practises there, not the city's (a
            # place the gazetteer knows: "Lohan attorney" or "Earthjustice attorney" typed a place is
            # the client or the firm; a country is the state the attorney serves, "the U.S.
            # attorney for the Eastern District of Virginia", no place of practice)
            arel, how = "located_in", "poss"
        if arel == "leader_of" and branch and b.index.label(anchor[0]) == "ORG":
            arel = "employed_by"
        if arel == "leader_of" and how in {"compound", "title", "named"} and lemma in RANK_ROLES:
            arel = "employed_by"  # "Hamas commander X": a rank in the body, not its command
        if how in {"compound", "title", "named"} and lemma in PARTY_ROLES and arel != "leader_of":
            if _name(b, anchor[0]).lower() in PARTY_WORDS:
                arel = "member_of"  # "Republican Senator X", "Labour MP Y"
        if (
            arel is None
            and how == "poss"
            and lemma in ORG_NOUNS
            and b.index.label(anchor[0]) == "GPE"
            and b.index.label(d.entity) == "ORG"
        ):
            arel = "located_in"  # "Dubai's flagship carrier, Emirates": a company of that place
        if (
            arel is None
            and d.kind == "title"
            and how in {"compound", "title"}
            and span[-1].lemma_.lower() in ORG_NOUNS
            and b.index.label(d.entity) == "ORG"
            and _home_place(b, anchor[0], span)
        ):
            arel, how = "located_in", "poss"  # "the U.S. plane-maker Boeing": a company of that place
        if (
            arel is None
            and how == "prep_at"
            and d.kind in {"appositive", "copula"}
            and label == "PERSON"
            and b.index.label(anchor[0]) == "ORG"
            and _occupation(lemma)
        ):
            arel = "employed_by"  # "a physiologist at Johns Hopkins University": works there
        if arel is None and lemma in RESIDENT_NOUNS and how in {"compound", "title"}:
            if b.index.label(anchor[0]) == "GPE" and _adjacent(b, anchor[0], root):
                arel, how = "located_in", "poss"  # "A New York man": he lives there
        if arel is None:
            continue
        anchored = how
        if how in {"compound", "title"} and arel in {"leader_of", "employed_by", "part_of", "founded_by"}:
            # "Taliban spokesman X", "U.S. Attorney X", "a Helix Group subsidiary", "Microsoft
            # co-founder X": the name
            # right before the role word is the title's own
            anchored = "poss" if _adjacent(b, anchor[0], root) else how
        # "Palin spokesman Bill McAllister": a person's own staff, named right before the role
        own_staff = (
            how in {"compound", "title"}
            and arel == "employed_by"
            and staff_role
            and b.index.label(anchor[0]) == "PERSON"
            and root.i > 0
            and b.index.entity_of(root.doc[root.i - 1]) == anchor[0]
        )
        if own_staff:
            anchored = "poss"
        base = _ANCHOR_BASE[anchored] * _sentence_factor(span.sent)
        if lemma in _LOOSE_NOUNS:
            base *= 0.7  # "Trump's leading rival in the poll": a contest more often than enmity
        if reverse and arel == rel:
            b.add(anchor, arel, subj, span.sent, base=base, former=former)
        else:
            person_role = (
                d.kind == "appositive"
                and how in {"prep", "prep_at", "poss"}
                and arel in {"leader_of", "employed_by"}
            )
            staff = own_staff or how in {"poss", "prep"} and arel == "employed_by" and staff_role
            b.add(
                subj, arel, anchor, span.sent,
                base=base, person_role=person_role, staff=staff, former=former,
            )  # fmt: skip


def _occupation(lemma: str) -> bool:
    """Whether a person noun is a job that says where one works when set "at" an organisation
    (data/roles.toml [at_occupations]; or a noun in -ist or -ian not in [not_employees])."""
    if lemma in NOT_EMPLOYEES:
        return False
    return lemma in AT_OCCUPATIONS or len(lemma) > 5 and lemma.endswith(("ist", "ian"))


def _former(root: Token, span: Span) -> bool:
    """Whether a role is said to be over: "former CEO", "ex-chairman", "then-president", "Former
    Orbis Bank chairman" (the parser may hang "Former" on the name). Its ties are stored with
    ``former=True``: shown as former ties, never as current ones."""
    if root.lower_.startswith(("ex-", "former-")):
        return True
    if any(t.lower_ in FORMER_WORDS for t in span if t.i < root.i):
        return True
    return any(
        c.lower_ in FORMER_WORDS and c.dep_ in {"amod", "advmod", "compound", "nmod", "npadvmod"}
        for c in root.lefts
    )


def _home_place(b: _Builder, anchor: str, span: Span) -> bool:
    """Whether a place named in a class title is the organisation's home: a country or city ("the
    U.S. plane-maker", "a Denver logistics firm") or a nationality said to be its base
    ("Turkish-based carrier"), never a place in a longer phrase ("the Gulf of Mexico operator")."""
    label = b.index.label(anchor)
    for t in span:
        if b.index.entity_of(t) != anchor:
            continue
        if any(p.dep_ == "prep" for p in t.ancestors if p.i in range(span.start, span.end)):
            return False
        based = t.i + 2 < span.end and t.nbor().text == "-" and t.nbor(2).lower_ == "based"
        # a nationality word is a home when said to be a base, or when it names a country the
        # article names ("Ukrainian energy company Burisma" where Ukraine is named)
        return label == "GPE" or (label == "NORP" and (based or b.country_of(anchor) is not None))
    return False


# Words a role title begins with before its role word ("Chief Executive", "co-founder").
_ROLE_PREFIXES = word_set("role_words", "prefixes")  # data/role_words.toml


def _adjacent(b: _Builder, anchor: str, root: Token) -> bool:
    """Whether an organisation or country name ends right before the role word itself ("Taliban
    spokesman", "U.S. Attorney", "Emirates President"), not before a department ("athletic")."""
    doc = root.doc
    k = root.i - 1
    # the role's own words before it: "Chief Executive", "co-founder", and a stock ticker after
    # the company's name ("Tesla Inc (TSLA.O) Chief Executive")
    while k >= 0 and (
        doc[k].lower_ in _ROLE_PREFIXES
        or doc[k].text in {"-", "–"}
        and not doc[k].whitespace_
        and k > 0
        and not doc[k - 1].whitespace_
    ):
        k -= 1
    if k >= 2 and doc[k].text == ")" and doc[k - 2].text == "(" and doc[k - 1].text.isupper():
        k -= 3
    if k < 0:
        return False
    prev = doc[k]
    if b.index.entity_of(prev) != anchor:
        return False
    # a nationality word counts as its country when the article names it ("Ukrainian President")
    return b.index.label(anchor) in {"ORG", "GPE"} or b.country_of(anchor) is not None


# data/relation_verbs.toml [hyphen_ties]: "X-based" (located_in a place), "X-owned" (part_of an organisation)
_HYPHEN_TIES = word_map("relation_verbs", "hyphen_ties")
_HYPHEN_OWNERS = {"place": _PLACE_LABELS, "organisation": frozenset({"ORG"})}


def _based(b: _Builder, sent: Span) -> None:
    """ "the Dubai-based airline Emirates", "Denver-based Helix Partners": located_in the place;
    "Microsoft-owned LinkedIn": part_of the owner (data/relation_verbs.toml [hyphen_ties])."""
    doc = sent.doc
    for tok in sent:
        tie = _HYPHEN_TIES.get(tok.lower_)
        if tie is None or tok.i < sent.start + 2 or doc[tok.i - 1].text not in {"-", "–"}:
            continue
        relation, owner = tie
        place = b.entity(doc[tok.i - 2])
        if place is None or b.index.label(place[0]) not in _HYPHEN_OWNERS[owner]:
            continue
        things = []  # a name before a coreference mention ("the carrier" of "the X-based carrier Y")
        for t in doc[tok.i + 1 : min(tok.i + 7, sent.end)]:
            if glued_hyphen(t) or glued_hyphen(doc[t.i - 1]):
                continue  # "fact-checking", "state-owned": one modifier word
            if t.is_punct or t.pos_ in {"VERB", "AUX", "ADP", "CCONJ"}:
                break
            if t.i in b.coref_conf and t.i != tok.head.i:
                continue  # "the London-based fact-checking website Full Fact": only the noun it modifies
            thing = b.entity(t)
            if thing is not None and thing[0] != place[0]:
                things.append((t.i not in b.coref_conf, thing))
        if things:
            thing = max(things, key=lambda x: x[0])[1]
            b.add(thing, relation, place, sent, base=0.85 * _sentence_factor(sent))


def _people_by_sentence(b: _Builder) -> dict[int, list[tuple[str, Span]]]:
    """Sentence number -> the person mentions that start in it (entity id, span), in entity order."""
    people: dict[int, list[tuple[str, Span]]] = defaultdict(list)
    for cluster in b.index.clusters.values():
        if cluster.label == "PERSON":
            for mention in cluster.spans:
                people[b.index.sent_index[mention.start]].append((cluster.id, mention))
    return people


def _residence(b: _Builder, sent: Span, people: list[tuple[str, Span]]) -> None:
    """ "Patrick Carlineo Jr., 55, of Rochester pleaded guilty": a person is located_in the town
    set after the name (and the age) with "of". ``people``: the sentence's person mentions."""
    doc = sent.doc
    for entity, mention in people:
        if not (sent.start <= mention.start and mention.end < sent.end):
            continue
        i = mention.end
        if i + 3 < sent.end and doc[i].text == "," and doc[i + 1].text.isdigit() and doc[i + 2].text == ",":
            i += 3  # ", 55,"
        elif doc[i].text == ",":
            i += 1
        if i + 1 >= sent.end or doc[i].lower_ != "of":
            continue
        place = _named(b, doc[i + 1])
        if place is None or b.index.label(place[0]) != "GPE":
            continue
        end = i + 1
        while end < sent.end and b.index.entity_of(doc[end]) == place[0]:
            end += 1
        if end < sent.end and not (doc[end].is_punct or doc[end].pos_ in {"VERB", "AUX", "CCONJ"}):
            continue  # "of Rochester police": the town names something else
        b.add((entity, 1.0), "located_in", place, sent, base=0.85 * _sentence_factor(sent))


def _named(b: _Builder, tok: Token) -> tuple[str, float] | None:
    """The entity of a token that is part of a name (not a pronoun or a nominal mention)."""
    if tok.i in b.coref_conf:
        return None
    ent = b.index.entity_of(tok)
    return (ent, 1.0) if ent is not None else None


def _a_country_first(b: _Builder, place: str) -> bool:
    """A country named first in "X, Y" ("from France, Germany"): a list, not a place in another."""
    record = lookup(_name(b, place))
    return record is not None and record.get("admin_level") == 0


def _town_and_its_country(b: _Builder, tok: Token) -> bool:
    """Whether a conjunct and its head are "Town, Country" (or "Town, State"), not a list: the two
    names set apart by a comma alone (no "and", no third item), the first a town of the gazetteer,
    the second a country or first-order division that town is in ("Lyon, France"; not "France,
    Germany")."""
    town = tok.head
    inner, outer = _named(b, town), _named(b, tok)
    if not inner or not outer or inner[0] == outer[0]:
        return False
    if b.index.label(inner[0]) != "GPE" or b.index.label(outer[0]) != "GPE":
        return False
    if len(town.conjuncts) != 1 or any(c.dep_ == "cc" for c in [*town.children, *tok.children]):
        return False
    between = [t.text for t in town.doc[town.i + 1 : tok.left_edge.i] if b.index.entity_of(t) != inner[0]]
    if between != [","]:
        return False
    small, big = lookup(_name(b, inner[0])), lookup(_name(b, outer[0]))
    return (
        small is not None
        and big is not None
        and small.get("feature") == "place"
        and big.get("admin_level") in (0, 1)
        and small["country_code"] == big["country_code"]
    )


def _place_ties(b: _Builder, sent: Span) -> None:
    """Where places and organisations are, from how they are named: "Dubai, United Arab
    Emirates" (not a list "Paris, London and Berlin"), "Pangram area of Sarkh", "Kazakhstan's Air
    Astana" (located_in), "Ohio's Department of Health" (part_of)."""
    factor = _sentence_factor(sent)
    _dateline(b, sent, factor)
    for tok in sent:
        if tok.dep_ == "appos" and not tok.conjuncts and tok.head.dep_ != "conj":
            inner, outer = _named(b, tok.head), _named(b, tok)
            between = sent.doc[tok.head.i + 1 : tok.left_edge.i]
            if (
                inner
                and outer
                and b.index.label(inner[0]) in _PLACE_LABELS
                and [t.text for t in between if b.index.entity_of(t) != inner[0]] == [","]
                and not _a_country_first(b, inner[0])
            ):
                b.add(inner, "located_in", outer, sent, base=0.8 * factor)
        elif tok.dep_ == "conj" and _town_and_its_country(b, tok):
            # "grew up in Lyon, France, and ...": the parser joins the two names as a list
            b.add(_named(b, tok.head), "located_in", _named(b, tok), sent, base=0.8 * factor)
        elif tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "PROPN":
            # "the Polytechnic University in Hong Kong", "the Marlow Bank in Velden": a named
            # institution or building and the named place it stands in (the "in" hangs on the
            # name itself, not on a verb: "protested in Velden" says where, not what is where)
            thing, place = _named(b, tok.head.head), _named(b, tok)
            if (
                thing
                and place
                and thing[0] != place[0]
                and b.index.label(thing[0]) in {"ORG", "FAC"}
                and b.index.label(place[0]) == "GPE"
                and not tok.conjuncts
            ):
                b.add(thing, "located_in", place, sent, base=0.75 * factor)
        elif tok.lemma_.lower() in PLACE_PARTS and tok.pos_ == "NOUN":
            parts = [_named(b, c) for c in tok.children if c.dep_ == "compound"]
            wholes = [_named(b, pobj) for p, pobj in _preps(tok) if p == "of"]
            for part in filter(None, parts):
                for whole in filter(None, wholes):
                    if b.index.label(part[0]) != "PERSON":
                        b.add(part, "located_in", whole, sent, base=0.8 * factor)
        elif tok.dep_ == "poss":
            owner, thing = _named(b, tok), _named(b, tok.head)
            if (
                owner
                and thing
                and b.index.label(owner[0]) == "GPE"
                and b.index.label(thing[0]) in {"ORG", "FAC"}
            ):
                body = tok.head.lemma_.lower() in GOVERNMENT_BODIES or any(
                    t.lower_ in GOVERNMENT_BODIES for t in tok.head.subtree if _named(b, t) == thing
                )
                rel = "part_of" if body and b.index.label(thing[0]) == "ORG" else "located_in"
                b.add(thing, rel, owner, sent, base=0.8 * factor)


_DATELINE_DASHES = {"—", "–", "-", "--"}


def _dateline(b: _Builder, sent: Span, factor: float) -> None:
    """ "DUBAI, United Arab Emirates — ...": a dateline names a city and the country it is in."""
    doc = sent.doc
    text = doc_text(doc)
    k = sent.start_char
    while k > 0 and text[k - 1] == " ":
        k -= 1
    if k > 0 and text[k - 1] != "\n":
        return  # a dateline opens a paragraph

    def place_at(i: int) -> tuple[str | None, int]:
        """The GPE named from token ``i`` on, and the token after its name."""
        ent = b.index.entity_of(doc[i]) if i < sent.end else None
        if ent is None or b.index.label(ent) != "GPE":
            return None, i
        while i < sent.end and b.index.entity_of(doc[i]) == ent:
            i += 1
        return ent, i

    city, i = place_at(sent.start)
    if city is None or i >= sent.end or doc[i].text != ",":
        return
    country, i = place_at(i + 1)
    if country is not None and i < sent.end and doc[i].text in _DATELINE_DASHES and city != country:
        b.add((city, 1.0), "located_in", (country, 1.0), sent, base=0.8 * factor)


def _sentence_factor(sent: Span) -> float:
    """Less trust in a line that does not read as a sentence of the story: no final punctuation
    (a headline, a link in a list, a caption) or a credit line."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return 0.5
    factor = 1.0
    if words[-1].text not in {".", "!", "?", '"', "”", "’", "'", ")", ":"} and not (
        len(words[-1]) > 1 and words[-1].text.endswith(".")
    ):
        factor *= 0.75  # (a full stop may be part of the last word: "... Robotics Inc.")
    if any(t.lower_ in CREDIT_WORDS and t.i + 1 < len(t.doc) and t.nbor().text in {":", "/"} for t in words):
        factor *= 0.5
    return factor


def _role_relation(role: str, lemma: str) -> tuple[str | None, bool]:
    """Map a role phrase to a relation type; ``reverse`` when the described entity is the object."""
    lemma = ABBREVIATIONS.get(lemma, lemma)
    if role in LEADER_ROLES or lemma in LEADER_ROLES:
        return ("founded_by", True) if lemma == "founder" else ("leader_of", False)
    if lemma in NOUN_RELATIONS:
        return NOUN_RELATIONS[lemma]
    if role in EMPLOYEE_ROLES or lemma in EMPLOYEE_ROLES or lemma in EXTRA_EMPLOYEE_ROLES:
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
        _appointed(b, sent, verb, subjects, passive, negated, date)


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
        if frame.relation == "leader_of" and _sport_result(head):
            continue
        if frame.relation == "member_of" and _joined_in_a_record(head):
            continue
        base = frame.base * _sentence_factor(sent)
        for s in subjects:
            for o in objects:
                pair = (o, s) if frame.reverse else (s, o)
                b.add(pair[0], frame.relation, pair[1], sent, negated=negated, date=date, base=base)


def _joined_in_a_record(verb: Token) -> bool:
    """ "Charles joined Johnson and Sanders as the only players to ...": joined in a list or a
    record ("as the only", "as the first"), not a membership."""
    return any(
        p.dep_ == "prep"
        and p.lower_ == "as"
        and any(
            m.lower_ in RECORD_WORDS or m.dep_ == "amod" and m.tag_ == "JJS"
            for o in p.children
            for m in o.children
        )
        for p in verb.children
    )


_APPOINT_VERBS = word_set("relation_verbs", "appointment")  # data/relation_verbs.toml


def _appointed(b, sent, verb, subjects, passive, negated, date) -> None:  # noqa: ANN001
    """ "X serves as chief executive of Y", "X was named CEO of Y", "Y appointed X head of Z",
    "X works as a spokeswoman for Y": the role noun's relation to its of/for/at object."""
    if verb.lemma_.lower() not in _APPOINT_VERBS:
        return
    roles = [c for c in verb.children if c.dep_ in {"oprd", "attr"}]
    roles += [pobj for p, pobj in _preps(verb) if p == "as"]
    holders = subjects
    if not passive and verb.lemma_.lower() not in {"serve", "work", "act"}:
        # active "The board named Vance CEO of Y": the one named is the direct object
        holders = [e for c in verb.children if c.dep_ == "dobj" for e in b.entities(c)]
    for role in roles:
        if role.pos_ not in {"NOUN", "PROPN"} or b.index.entity_of(role) is not None:
            continue
        rel, reverse = _role_relation(_role_words(role), role.lemma_.lower())
        if rel is None or reverse:
            continue
        if rel == "leader_of" and _subordinate(role, sent.doc[role.left_edge.i : role.i + 1]):
            rel = "employed_by"
        objects = [e for p, pobj in _preps(role) if p in {"of", "for", "at"} for e in b.entities(pobj)]
        objects += [e for c in role.children if c.dep_ == "poss" for e in b.entities(c)]
        base = 0.8 * _sentence_factor(sent)
        # "served as the CEO of X from 2004 to 2014": a role told in the past is over
        former = verb.lemma_.lower() in {"serve", "work", "act"} and verb.tag_ == "VBD"
        for h in holders:
            for o in objects:
                b.add(h, rel, o, sent, negated=negated, date=date, base=base, former=former)


_SPORT_TABLES = word_set("relation_nouns", "sport_tables")


def _sport_result(verb: Token) -> bool:
    """ "leads the league with 11 assists", "led Canada past Chile", "led the Bears to victory":
    a table or a result, not leadership."""
    for p, pobj in _preps(verb):
        phrase = f"{p} {pobj.lower_}"
        if p in SPORT_LEAD_PREPS or phrase in SPORT_LEAD_PREPS or f"{p} a {pobj.lower_}" in SPORT_LEAD_PREPS:
            return True
        if p == "with" and (
            pobj.lemma_.lower() in SPORT_STATISTICS or any(c.dep_ == "nummod" for c in pobj.children)
        ):
            return True
    for c in verb.children:  # "leads the league in scoring", "led all scorers with 20"
        if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in _SPORT_TABLES:
            return True
    return False


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


def _owned_units(b: _Builder, sent: Span) -> None:
    """ "New York University's Stern School of Business", "Google's YouTube": an organisation
    named with another as its possessive owner is part of it; one who works for the unit (in the
    same sentence) works for the owner too, less surely. A person's organisation ("Jeff Bezos'
    Blue Origin") is affiliated with the person."""
    for tok in sent:
        if tok.dep_ != "poss" or not any(c.dep_ == "case" for c in tok.children):
            continue
        if tok.pos_ != "PROPN" or tok.head.pos_ != "PROPN":
            continue  # names on both sides: "the company's chief operating officer" is no unit
        owner, unit = b.entity(tok), b.entity(tok.head)
        if owner is None or unit is None or owner[0] == unit[0] or b.index.label(unit[0]) != "ORG":
            continue
        if b.index.label(owner[0]) == "PERSON":
            # "Jeff Bezos' Blue Origin": his company, in a way the words do not say (founder, owner,
            # chief): a loose tie, kept below the display band
            b.add(unit, "affiliated_with", owner, sent, base=0.65 * _sentence_factor(sent))
            continue
        if b.index.label(owner[0]) != "ORG" or head_word(_name(b, unit[0])) not in _UNIT_HEADS:
            continue
        if tok.i + 2 == tok.head.i and tok.head.i + 1 < len(b.doc) and b.doc[tok.head.i + 1].pos_ == "PROPN":
            continue  # "People's Liberation Army": one name the tagger cut at its possessive
        base = 0.8 * _sentence_factor(sent)
        b.add(unit, "part_of", owner, sent, base=base)
        for (subj, rel, obj, start), r in list(b.found.items()):
            if obj == unit[0] and rel == "employed_by" and start == sent.start:
                b.add((subj, r.confidence), "employed_by", owner, sent, base=0.9)


def _name_of_organisation(b: _Builder, sent: Span) -> None:
    """ "Alex Horton of the Washington Post", "said Mark Zandi of Moody's Analytics": a person's
    name followed by "of" and an organisation's whole name works there (a party's: member_of)."""
    doc = sent.doc
    for prep in sent:
        if prep.lower_ != "of" or prep.dep_ != "prep" or prep.i == 0:
            continue
        person = _named(b, doc[prep.i - 1])
        if person is None or b.index.label(person[0]) != "PERSON" or prep.head.i != prep.i - 1:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        org = _named(b, pobj) if pobj is not None else None
        if org is None or b.index.label(org[0]) != "ORG":
            continue
        words = [t for t in doc[prep.i + 1 : pobj.right_edge.i + 1] if not t.is_punct]
        if any(b.index.entity_of(t) != org[0] and t.lower_ != "the" for t in words):
            continue  # "... of the board of Helix": only the organisation's own name after "of"
        party = _name(b, org[0]).lower()
        rel = "member_of" if party in PARTY_WORDS or party.split()[-1] == "party" else "employed_by"
        b.add(person, rel, org, sent, base=0.75 * _sentence_factor(sent))


def find_relations(doc: Doc, index: EntityIndex | None = None) -> list[Relation]:
    """All relations between the doc's entities, in text order."""
    index = index or EntityIndex.build(doc)
    b = _Builder(doc, index)
    _from_descriptions(b)
    people = _people_by_sentence(b)
    for n, sent in enumerate(doc.sents):
        _from_verbs(b, sent)
        _based(b, sent)
        _residence(b, sent, people.get(n, []))
        _place_ties(b, sent)
        _owned_units(b, sent)
        _name_of_organisation(b, sent)
    return sorted(b.found.values(), key=lambda r: (r.start, r.subject, r.relation))


def extract_relations(doc: Doc) -> Doc:
    """Set ``doc._.ng_relations`` (empty when there are fewer than two entities)."""
    if not doc._.ng_entities or len(doc._.ng_entities) < 2 or not doc.has_annotation("DEP"):
        doc._.ng_relations = []
        return doc
    doc._.ng_relations = find_relations(doc)
    return doc


@Language.factory(
    "newsgraph_relations",
    assigns=["doc._.ng_relations"],
    requires=[
        "doc._.ng_entities",
        "doc._.ng_descriptions",
        "doc._.ng_coref",
        "doc._.ng_timexes",
        "token.pos",
        "token.tag",
        "token.dep",
        "token.lemma",
    ],
)
def make_relations(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_relations`` component for ``nlp.add_pipe("newsgraph_relations")``; it takes no settings."""
    register_extensions()
    return extract_relations
