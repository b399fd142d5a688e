"""Shared rule core for descriptions, coreference and relations: a token -> entity index,
the word lists they agree on, and the resolvers for pronouns and definite nominals.

Everything here is a linear pass over one parsed ``Doc``; no second parse, no model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..vocabulary import data_file, speech_verbs, word_list, word_set
from .coref_gender import person_genders, pronoun_gender
from .extensions import EntityCluster

__all__ = [
    "EntityIndex",
    "Resolution",
    "PRONOUN_CLASS",
    "ROLE_WORDS",
    "LEADER_ROLES",
    "EMPLOYEE_ROLES",
    "ORG_NOUNS",
    "PERSON_NOUNS",
    "noun_phrase",
    "resolve_pronoun",
    "resolve_nominal",
    "salient_company",
    "is_pronoun_mention",
]

PERSON_LABELS = {"PERSON"}
NONPERSON_LABELS = {"ORG", "GPE", "FAC", "LOC", "PRODUCT", "NORP"}

# Word lists: data/pronouns.toml, data/role_words.toml and data/class_nouns.toml, read once by
# newsgraph.vocabulary; each file says what its lists mean.

# Pronoun -> (label set it may refer to, plural?). "they/their" is allowed for organisations
# (British usage: "the union ... their members") but only with a lower prior, see resolve_pronoun.
PRONOUN_CLASS: dict[str, tuple[frozenset[str], bool]] = {
    **{p: (frozenset(PERSON_LABELS), False) for p in word_list("pronouns", "masculine")},
    **{p: (frozenset(PERSON_LABELS), False) for p in word_list("pronouns", "feminine")},
    **{
        p: (frozenset({"ORG", "GPE", "FAC", "LOC", "PRODUCT"}), False)
        for p in word_list("pronouns", "neuter")
    },
    **{p: (frozenset({"ORG"}), True) for p in word_list("pronouns", "plural")},
}

# Role titles. Leader roles give leader_of, the others employed_by (relations.py).
LEADER_ROLES = word_set("role_words", "leader")
EMPLOYEE_ROLES = word_set("role_words", "employee")
ROLE_WORDS = frozenset({w.split()[-1] for w in LEADER_ROLES | EMPLOYEE_ROLES}) | word_set(
    "role_words", "other"
)

# Definite nominals that can stand for an organisation / a person / a place. Used to decide
# whether "the X" is worth resolving at all, and to pair class nouns with name cues.
ORG_NOUNS = word_set("class_nouns", "organisation")
PRODUCT_NOUNS = word_set("class_nouns", "product")
"""Class nouns for a named product ("the aircraft" for the A380, "the phone" for the iPhone)."""
PERSON_NOUNS = ROLE_WORDS | word_set("class_nouns", "person")
PLACE_NOUNS = word_set("class_nouns", "place")
COMPANY_NAME_CUES = word_set("class_nouns", "company_name_cues")
"""Names that say "this is a company" (for "the company", "the firm"...)."""
COMPANY_NOUNS = word_set("class_nouns", "company")
UNION_NAME_CUES = word_set("class_nouns", "union_name_cues")
"""Names that say "this is a labour organisation" (for "the union")."""
FACILITY_CLASSES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(row["heads"]), frozenset(row["classes"]))
    for row in data_file("class_nouns")["facility_classes"]
)
"""Facility classes: a name whose head word is on the left may be called by a class word on the
right ("Port of X" -> "the terminal", "X Airport" -> "the airfield"). Class words, never names."""
AGENT_NOUNS = word_set("class_nouns", "agent")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPEECH_VERBS = speech_verbs("coref")
"""Verbs whose reported clause's pronoun may be their subject; data/speech.toml, core + coref."""


def is_pronoun_mention(tok: Token) -> bool:
    """True for the third-person pronouns this module can resolve."""
    return tok.lower_ in PRONOUN_CLASS and tok.tag_ in {"PRP", "PRP$"}


def noun_phrase(head: Token, stop: Token | None = None) -> Span:
    """The noun phrase headed by ``head``: its left edge to the end of its ``of``/compound modifiers.

    Appositions, relative clauses and punctuation on the right are left out, so
    ``Meridian Shipping, the terminal's operator,`` gives ``Meridian Shipping``.
    """
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if stop is not None and child.i >= stop.i:
            break
        if child.dep_ in {"prep", "compound", "amod", "nummod", "pobj", "nmod", "case"} and child.i == end:
            end = child.right_edge.i + 1
        else:
            break
    doc = head.doc
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


@dataclass
class Resolution:
    """An entity chosen for a mention, with the confidence of the choice."""

    entity: str
    confidence: float


@dataclass
class EntityIndex:
    """Which entity each token belongs to, and the entities in document order."""

    doc: Doc
    by_token: list[str | None]
    clusters: dict[str, EntityCluster]
    descriptions: dict[str, list[str]] = field(default_factory=dict)
    """Entity id -> lowercase head words of its descriptions and role titles ("union", "minister")."""
    sent_index: list[int] = field(default_factory=list)
    genders: dict[str, str] | None = None
    """PERSON entity id -> "female" / "male" where the article shows it (nlp.coref_gender), on first use."""
    not_speaker: dict[int, set[str]] = field(default_factory=dict)
    """Pronoun token index -> persons it cannot be: the named speakers of the quotation it stands in."""

    @classmethod
    def build(cls, doc: Doc, include_coref: bool = True) -> EntityIndex:
        """Index ``doc._.ng_entities`` (and ``doc._.ng_coref`` when present) by token."""
        by_token: list[str | None] = [None] * len(doc)
        clusters: dict[str, EntityCluster] = {}
        for cluster in doc._.ng_entities or []:
            clusters[cluster.id] = cluster
            for span in cluster.spans:
                for i in range(span.start, span.end):
                    by_token[i] = cluster.id
        if include_coref:
            for m in doc._.ng_coref or []:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or m.entity not in clusters:
                    continue
                for i in range(span.start, span.end):
                    if by_token[i] is None:
                        by_token[i] = m.entity
        sent_index = [0] * len(doc)
        if doc.has_annotation("SENT_START"):
            for n, sent in enumerate(doc.sents):
                for i in range(sent.start, sent.end):
                    sent_index[i] = n
        index = cls(doc=doc, by_token=by_token, clusters=clusters, sent_index=sent_index)
        for d in doc._.ng_descriptions or []:
            index.add_description(d.entity, d.text)
        return index

    def add_description(self, entity: str, text: str) -> None:
        """Remember the content words of a description as evidence for nominal coreference."""
        words = [w.strip(".,'\"").lower() for w in text.replace("'s ", " ").split()]
        # The head of "a union of about 4,200 ..." is the word before "of"; of a title, its last word.
        if "of" in words:
            words = words[: words.index("of")]
        keep = [w for w in words if w and w not in {"a", "an", "the", "its", "their", "his", "her"}]
        if keep:
            self.descriptions.setdefault(entity, []).append(keep[-1])

    def entity_of(self, tok: Token) -> str | None:
        """The entity id a token belongs to, if any."""
        return self.by_token[tok.i]

    def gender_fits(self, entity: str, pronoun: Token) -> bool:
        """False when ``pronoun`` is "he"-like and the person a known woman, or the reverse, or
        when the person speaks the quotation the pronoun stands in (``not_speaker``)."""
        wanted = pronoun_gender(pronoun.text)
        if wanted is None or self.label(entity) != "PERSON":
            return True
        if entity in self.not_speaker.get(pronoun.i, ()):
            return False
        if self.genders is None:
            self.genders = person_genders(self.doc, self)
        return self.genders.get(entity, wanted) == wanted

    def label(self, entity: str) -> str:
        """The label of an entity id."""
        return self.clusters[entity].label if entity in self.clusters else ""

    def set_span(self, span: Span, entity: str) -> None:
        """Mark a resolved mention's tokens as belonging to ``entity`` (later resolutions chain off it)."""
        for i in range(span.start, span.end):
            if self.by_token[i] is None:
                self.by_token[i] = entity


# "it is likely that ..." / "it is hard to ...": adjectives whose "it" points at the clause that
# follows (data/pleonastic.toml).
PLEONASTIC_ADJ = word_set("pleonastic", "adjectives")


def _clause_verb(tok: Token) -> Token:
    """The nearest verb (or root) governing ``tok``."""
    head = tok
    while head.head.i != head.i and head.pos_ not in {"VERB", "AUX"}:
        head = head.head
    return head


def _is_pleonastic(tok: Token) -> bool:
    """``it`` that refers to nothing: "it is likely that", "it seems", expletive parses."""
    if tok.lower_ != "it":
        return False
    if tok.dep_ == "expl":
        return True
    verb = tok.head
    if verb.lemma_ in {"seem", "appear", "rain", "snow", "matter", "take", "remain"}:
        return True
    if verb.lemma_ == "be" and any(c.dep_ in {"ccomp", "xcomp", "csubj"} for c in verb.children):
        return True
    if verb.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in PLEONASTIC_ADJ for c in verb.children
    ):
        return any(c.dep_ in {"ccomp", "xcomp"} or c.tag_ == "TO" for c in verb.subtree)
    return False


def _speech_subject(tok: Token, index: EntityIndex, labels: frozenset[str]) -> str | None:
    """``X said it would ...``: a pronoun in the reported clause of a speech verb whose subject is X."""
    node = tok
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ == "ccomp" and parent.lemma_ in SPEECH_VERBS:
            if node.i < parent.i and any(
                (ent := index.entity_of(t)) is not None
                and index.label(ent) in labels
                and index.gender_fits(ent, tok)
                for t in tok.doc[node.left_edge.i : tok.i]
            ):
                # "Morrison did reference his testimony ..., a prospect Vindman denied": a fronted
                # clause that names a fitting one before the pronoun has its own antecedent
                return None
            for child in parent.children:
                if child.dep_ == "nsubj":
                    ent = index.entity_of(child)
                    if ent and index.label(ent) in labels and index.gender_fits(ent, tok):
                        return ent
            return None
        if node.dep_ in {"ccomp", "advcl", "relcl", "acl", "conj", "csubj"} and node is not tok:
            # the pronoun must be in the reported clause itself, not deeper inside it
            if node.dep_ != "ccomp":
                return None
        node = parent
    return None


def resolve_pronoun(tok: Token, index: EntityIndex, max_sent_back: int = 2) -> Resolution | None:
    """Link a third-person pronoun to an earlier entity when agreement and salience agree.

    Candidates are entity mentions (and mentions already resolved) in the same sentence before
    the pronoun or in the ``max_sent_back`` sentences before it. A non-entity noun phrase in
    subject position competes too: if it is the most salient, "it" is left alone (it probably
    means "the deal", not an organisation). Ties between different entities are left alone.
    """
    cls = PRONOUN_CLASS.get(tok.lower_)
    if cls is None or _is_pleonastic(tok):
        return None
    labels, plural = cls
    sibling = _conjoined_owner(tok, index, labels)
    if sibling is not None:
        return Resolution(sibling, 0.85)
    speech = _speech_subject(tok, index, labels)
    if speech is not None and (
        not plural or not _plural_noun_between(tok.doc, _clause_verb(tok).head.i, tok.i)
    ):
        # "Airbus said they would..." too: an organisation may be "they" in its own reported words
        return Resolution(speech, 0.9 if not plural else 0.7)
    doc = tok.doc
    sent_no = index.sent_index[tok.i]
    own_verb = _clause_verb(tok)
    best: dict[str, float] = {}
    blocker, blocker_at = 0.0, -1
    where: dict[str, int] = {}
    start = tok.sent.start
    if max_sent_back:
        back = tok.i
        for _ in range(max_sent_back):
            if back <= 0:
                break
            back = doc[back - 1].sent.start if back - 1 >= 0 else 0
        start = min(start, back)
    seen_heads: set[int] = set()
    # "its chief executive", "its members": the owner is a body, not a thing like "the deal".
    possessor_of_agent = tok.dep_ == "poss" and (
        tok.head.lower_ in PERSON_NOUNS or tok.head.lemma_.lower() in AGENT_NOUNS
    )
    for i in range(start, tok.i):
        cand = doc[i]
        ent = index.by_token[i]
        distance = sent_no - index.sent_index[i]
        if ent is not None:
            if index.label(ent) not in labels or not index.gender_fits(ent, tok):
                continue
            head = _mention_head(cand, index)
            if head.i in seen_heads:
                continue
            seen_heads.add(head.i)
            # Binding: a non-reflexive object pronoun is not its own clause's subject.
            if (
                tok.dep_ in {"dobj", "pobj", "dative"}
                and _clause_verb(head).i == own_verb.i
                and not tok.lower_.endswith("self")
            ):
                continue
            score = 1.0 - 0.35 * distance - 0.004 * (tok.i - head.i)
            if head.dep_ in SUBJECT_DEPS or (
                head.dep_ in {"conj", "appos"} and head.head.dep_ in SUBJECT_DEPS
            ):
                score += 0.3
            elif head.dep_ == "poss":
                score += 0.05
            if head.dep_ in {"pobj", "compound"}:
                score -= 0.1
                if index.label(ent) in {"GPE", "LOC", "FAC"}:
                    score -= 0.25  # "flies from London to Sydney": a place named as a place, not an actor
            if score > best.get(ent, -9.0):
                best[ent], where[ent] = score, head.i
        elif (
            not plural
            and labels != PERSON_LABELS
            and not possessor_of_agent
            and cand.dep_ in SUBJECT_DEPS
            and cand.tag_ == "NN"
            and cand.ent_type_ == ""
            and any(c.dep_ == "det" for c in cand.children)
        ):
            # "The deal was signed. It takes effect..." - a thing, not an organisation.
            score = 1.0 - 0.35 * distance - 0.004 * (tok.i - cand.i) + 0.3
            if score > blocker:
                blocker, blocker_at = score, cand.i
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    ent, score = ranked[0]
    # a thing named after the entity's mention blocks it on a near tie; one named before must outscore it
    if blocker >= score - (0.05 if blocker_at > where[ent] else 0.0):
        return None
    margin = score - ranked[1][1] if len(ranked) > 1 else 0.6
    if margin < 0.15:
        return None
    if plural:
        # "they/their" for an organisation only when it is the unambiguous subject nearby.
        if score < 1.1 or _plural_noun_between(doc, start, tok.i):
            return None
        return Resolution(ent, round(min(0.7, 0.4 + margin / 2), 2))
    return Resolution(ent, round(min(0.9, 0.5 + margin / 2), 2))


def _conjoined_owner(tok: Token, index: EntityIndex, labels: frozenset[str]) -> str | None:
    """ "Airbus and its chief executive": a possessive on a conjunct whose first conjunct is a name."""
    if tok.dep_ != "poss" or tok.head.dep_ != "conj" or tok.lower_ not in {"its", "their", "his", "her"}:
        return None
    first = tok.head.head
    ent = index.entity_of(first)
    if ent is None or index.label(ent) not in labels or first.i > tok.i or not index.gender_fits(ent, tok):
        return None
    if any(index.entity_of(t) not in {None, ent} for t in tok.doc[first.i + 1 : tok.i]):
        return None
    return ent


def _plural_noun_between(doc: Doc, start: int, end: int) -> bool:
    """A plural common noun (dockworkers, members) that "they/their" could refer to instead."""
    return any(doc[i].tag_ == "NNS" and doc[i].ent_type_ == "" for i in range(start, end))


def _mention_head(tok: Token, index: EntityIndex) -> Token:
    """The syntactic head of the entity mention ``tok`` belongs to."""
    ent = index.by_token[tok.i]
    head = tok
    while head.head.i != head.i and index.by_token[head.head.i] == ent and head.head.i != head.i:
        head = head.head
    return head


def nominal_head_words(name: str) -> set[str]:
    """Lowercase content words of an entity name ("General Federation of Labour" -> general, federation, labour)."""
    return {w.lower().strip(".,") for w in name.split() if w.lower() not in {"the", "of", "and", "for", "&"}}


def resolve_nominal(np_head: Token, index: EntityIndex) -> Resolution | None:
    """Link a definite nominal ("the union", "the minister", "the company") to an earlier entity.

    Evidence, strongest first: the noun is the head word of the entity's name ("the Guild",
    "the federation"); the noun heads one of its descriptions or role titles ("a union of ...",
    "Transport Minister"); the noun is a class word whose cue is in the name ("the company" for a
    name ending in Shipping/Corp/Airlines...). The most recent entity with the strongest evidence
    wins; two different entities with equal evidence in the same paragraph window are left alone.
    """
    noun = np_head.lower_
    lemma = np_head.lemma_.lower()
    labels: set[str]
    if lemma in PERSON_NOUNS or noun in PERSON_NOUNS:
        labels = {"PERSON"}
    elif lemma in ORG_NOUNS or noun in ORG_NOUNS:
        labels = {"ORG", "NORP"}
    elif lemma in PLACE_NOUNS:
        labels = {"FAC", "LOC", "GPE", "ORG"}
    elif lemma in PRODUCT_NOUNS or noun in PRODUCT_NOUNS:
        labels = {"PRODUCT"}
    elif np_head.tag_ == "NNP":
        labels = {"ORG", "FAC", "LOC", "GPE", "NORP", "PERSON", "PRODUCT"}
    else:
        return None
    scores: dict[str, tuple[int, int]] = {}
    for ent, cluster in index.clusters.items():
        if cluster.label not in labels:
            continue
        first = [s for s in cluster.spans if s.end <= np_head.i and not dateline_credit(s)]
        if not first:
            continue
        last = max(s.end for s in first)
        strength = 0
        name_words = set()
        for s in cluster.spans:
            name_words |= nominal_head_words(s.text)
        heads = {s.root.lower_ for s in cluster.spans}
        if noun in heads or lemma in heads:
            strength = 3
        elif lemma in index.descriptions.get(ent, []) or noun in index.descriptions.get(ent, []):
            strength = 3
        elif (noun in name_words or lemma in name_words) and cluster.label != "PERSON":
            strength = 2
        elif (
            lemma in COMPANY_NOUNS
            and cluster.label == "ORG"
            and (name_words & COMPANY_NAME_CUES or "company" in index.descriptions.get(ent, []))
        ):
            strength = 2
        elif lemma == "union" and cluster.label == "ORG" and name_words & UNION_NAME_CUES:
            strength = 2
        elif cluster.label in {"FAC", "LOC", "GPE"} and any(facility_class_fits(lemma, h) for h in heads):
            strength = 2
        elif cluster.label == "PRODUCT" and labels == {"PRODUCT"}:
            strength = 2  # "the aircraft" after "the A380": the class is all the evidence there is
        if strength:
            scores[ent] = (strength, last)
    if lemma in GENERIC_COMPANY_NOUNS and not any(strength == 3 for strength, _ in scores.values()):
        return salient_company(np_head, index) or (
            None if scores else _context_antecedent(np_head, labels, index)
        )
    if not scores:
        return _context_antecedent(np_head, labels, index)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))
    ent, (strength, last) = ranked[0]
    if len(ranked) > 1 and ranked[1][1][0] == strength:
        other_last = ranked[1][1][1]
        # Equal evidence: only the clearly more recent one may win.
        if (
            index.sent_index[min(other_last, len(index.doc) - 1)]
            >= index.sent_index[min(last, len(index.doc) - 1)] - 1
        ):
            return None
    confidence = {3: 0.85, 2: 0.7}.get(strength, 0.5)
    return Resolution(ent, confidence)


# "the company" / "the firm" with no name cue: generic words for any business.
GENERIC_COMPANY_NOUNS = word_set("class_nouns", "generic_company")
# Name words of organisations that are no business: "the company" is never the Air Force or a party.
_NOT_COMPANY = data_file("class_nouns")["not_company_name_words"]
NON_COMPANY_NAME_WORDS = (
    (ORG_NOUNS - COMPANY_NOUNS - frozenset(_NOT_COMPANY["except"]))
    | UNION_NAME_CUES
    | frozenset(_NOT_COMPANY["words"])
)


def dateline_credit(span: Span) -> bool:
    """A wire service credited in a dateline, "LONDON (Reuters) - ...": who filed the story, not a
    party to it."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc) or doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    lead = [t for t in doc[span.sent.start : span.start - 1] if not t.is_space]
    return bool(lead) and all(t.is_punct or t.text.isupper() for t in lead)


def salient_company(np_head: Token, index: EntityIndex) -> Resolution | None:
    """ "Boeing cut prices. The company said ...": a generic company noun goes to the business-like
    organisation that is most salient at that point: named often, named recently, with a company-like
    name ("... Corp", "... Airlines") or description. Agencies, forces, parties and unions never
    qualify; a close second leaves the mention alone."""
    sent_no = index.sent_index[np_head.i]
    scores: dict[str, float] = {}
    for ent, cluster in index.clusters.items():
        if cluster.label != "ORG":
            continue
        before = [s for s in cluster.spans if s.end <= np_head.i and not dateline_credit(s)]
        if not before:
            continue
        words: set[str] = set()
        for s in cluster.spans:
            words |= nominal_head_words(s.text)
        descriptions = set(index.descriptions.get(ent, []))
        if words & NON_COMPANY_NAME_WORDS or descriptions & NON_COMPANY_NAME_WORDS:
            continue
        distance = sent_no - index.sent_index[before[-1].start]
        score = 0.15 * min(len(before), 5) + (0.5 if distance <= 1 else 0.25 if distance <= 3 else 0.0)
        if words & COMPANY_NAME_CUES or descriptions & COMPANY_NOUNS:
            score += 0.3
        scores[ent] = score
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 0.2:
        return None
    return Resolution(ranked[0][0], 0.6)


def facility_class_fits(noun: str, name_head: str) -> bool:
    """Whether a class word may stand for a facility whose name has this head ("terminal", "port")."""
    head = name_head.lower()
    return any(head in heads and noun in nouns for heads, nouns in FACILITY_CLASSES)


def name_head(name: str) -> str:
    """The head word of a name: the word before "of" ("Port of Alder" -> port), else the last word."""
    words = name.lower().split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1] if words else ""


def _context_antecedent(np_head: Token, labels: set[str], index: EntityIndex) -> Resolution | None:
    """A definite nominal for an entity the body has not named yet but the headline or a caption
    has ("the terminal" for "Port of X"). Only when no body entity fits at all, only by the
    name's head or a class word, and only when exactly one such entity fits."""
    noun, lemma = np_head.lower_, np_head.lemma_.lower()
    found: dict[str, int] = {}
    for ent, cluster in index.clusters.items():
        if not cluster.context or cluster.label not in labels or cluster.label == "PERSON":
            continue
        if any(s.end <= np_head.i and not dateline_credit(s) for s in cluster.spans):
            continue  # named in the body before: the body's rules already judged it
        forms = {cluster.name, *cluster.aliases}
        heads = {name_head(f) for f in forms}
        words = set().union(*(nominal_head_words(f) for f in forms))
        if noun in heads or lemma in heads:
            found[ent] = 3
        elif cluster.label in {"FAC", "LOC"} and any(facility_class_fits(lemma, h) for h in heads):
            found[ent] = 2
        elif cluster.label == "ORG" and (
            (lemma in COMPANY_NOUNS and words & COMPANY_NAME_CUES)
            or (lemma == "union" and words & UNION_NAME_CUES)
        ):
            found[ent] = 2
    if not found:
        return None
    best = max(found.values())
    top = [e for e, strength in found.items() if strength == best]
    if len(top) != 1:
        return None
    return Resolution(top[0], 0.65 if best == 3 else 0.55)
