"""A person's gender as one article shows it, so that "she" never goes to a man nor "he" to a woman.

Evidence, from the article only (``data/gender.toml``):

- an honorific right before a mention ("Mrs. Reyes", "Mr. Okafor");
- a gendered role noun as the title right before a mention ("actress Mara Lind") or as the head
  of one of the person's descriptions ("Jo Kent, a spokeswoman for ...", "Lind is the daughter of");
- a pronoun that can only be theirs: a reflexive in the clause whose subject is the person's
  name ("Mara Lind checked herself in"); a possessive there ("Okafor lost his seat") or the
  subject of what the person said ("Okafor said he would ...") when the person is the only one
  named in that sentence and the one before;
- elimination: a "he/she" with exactly one person nearby (its sentence before it and the one
  before) who is not of the other known gender gives that person its gender, when someone of the
  other gender is nearby too ("Mara Lind ... Jo Kent said. He did not say ..." once Lind is a
  woman: Kent is the man), or when that person is the main subject of the sentence before and
  the pronoun opens its sentence as the subject ("Jo Kent said ... . He did not say ...").

A person with evidence both ways has no known gender. A person the article gives no evidence
for takes the gender of their given name when it is one of ``data/gender.toml`` [*] given (names
borne by one sex only; the first word of a mention of two words or more, titles skipped: "Jack
Ketsoyan", "Sen. Mary Hollis"); it never decides an elimination, so it only keeps "she" from a
man and "he" from a woman. With none of these, coreference treats the person as before. Only
``PERSON`` entities get a gender.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..resolve.names import vocabulary
from ..vocabulary import data_file, speech_verbs

if TYPE_CHECKING:
    from .coref_rules import EntityIndex

__all__ = ["gender_words", "pronoun_gender", "person_genders"]

FEMALE, MALE = "female", "male"


@lru_cache(maxsize=1)
def gender_words() -> dict[str, dict[str, frozenset[str]]]:
    """``data/gender.toml``: gender -> {"honorifics", "roles", "pronouns", "given"} -> lowercase words."""
    raw = data_file("gender")  # parsed once, shared with resolve.kinds
    return {g: {k: frozenset(v.split()) for k, v in raw[g].items()} for g in (FEMALE, MALE)}


def pronoun_gender(word: str) -> str | None:
    """ "she" -> female, "his" -> male, anything else -> None."""
    low = word.lower()
    for gender, words in gender_words().items():
        if low in words["pronouns"]:
            return gender
    return None


def _word_gender(word: str, kind: str) -> str | None:
    low = word.lower()
    found = {g for g, words in gender_words().items() if low in words[kind]}
    return found.pop() if len(found) == 1 else None


def _clause_verb(tok: Token) -> Token:
    head = tok
    while head.head.i != head.i and head.pos_ not in {"VERB", "AUX"}:
        head = head.head
    return head


def _persons_in(index: EntityIndex, start: int, end: int) -> set[str]:
    return {e for e in index.by_token[start:end] if e is not None and index.label(e) == "PERSON"}


def _window(doc: Doc, index: EntityIndex, tok: Token) -> int:
    """First token of the sentence before ``tok``'s (or of its own when it is the first)."""
    start = tok.sent.start
    return doc[start - 1].sent.start if start > 0 else 0


def _span_votes(doc: Doc, index: EntityIndex, votes: dict[str, set[str]]) -> None:
    """Honorifics and gendered titles right before a mention, and the mention's own first word."""
    for ent, cluster in index.clusters.items():
        if cluster.label != "PERSON":
            continue
        for span in cluster.spans:
            first = span[0]
            gender = _word_gender(first.text, "honorifics") if len(span) > 1 else None
            if gender is None and span.start > 0:
                before = doc[span.start - 1]
                if index.by_token[before.i] is None and before.pos_ in {"PROPN", "NOUN"}:
                    gender = _word_gender(before.text, "honorifics") or _word_gender(before.text, "roles")
            if gender is not None:
                votes.setdefault(ent, set()).add(gender)


def _description_votes(doc: Doc, index: EntityIndex, votes: dict[str, set[str]]) -> None:
    """The head noun of a person's description: "a spokeswoman for ...", "the son of ..."."""
    for d in doc._.ng_descriptions or []:
        if d.confidence < 0.5 or index.label(d.entity) != "PERSON":
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        gender = _word_gender(span.root.text, "roles")
        if gender is not None:
            votes.setdefault(d.entity, set()).add(gender)


def _pronoun_votes(doc: Doc, index: EntityIndex, votes: dict[str, set[str]], speech: frozenset[str]) -> None:
    """Pronouns that can only be one person's (see the module docstring)."""
    for tok in doc:
        gender = pronoun_gender(tok.text)
        if gender is None or tok.tag_ not in {"PRP", "PRP$"} or index.by_token[tok.i] is not None:
            continue
        owner = _clause_subject(tok, index) or _speech_subject(doc, tok, index, speech)
        if owner is not None:
            votes.setdefault(owner, set()).add(gender)


def _clause_subject(tok: Token, index: EntityIndex) -> str | None:
    """ "Mara Lind checked herself in" / "Okafor lost his seat": a reflexive or possessive in the
    clause whose subject is a person's name, with no other person named in that clause."""
    if not (tok.lower_.endswith("self") or tok.dep_ == "poss"):
        return None
    verb = _clause_verb(tok)
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i]
    if len(subjects) != 1 or subjects[0].left_edge.i <= tok.i <= subjects[0].right_edge.i:
        return None  # "Tomas Berg, her publicist, said": a possessive inside the subject is someone else's
    ent = index.by_token[subjects[0].i]
    if ent is None or index.label(ent) != "PERSON":
        return None
    clause = range(verb.left_edge.i, verb.right_edge.i + 1)
    if _persons_in(index, clause.start, clause.stop) != {ent}:
        return None
    if not tok.lower_.endswith("self") and _persons_in(index, _window(tok.doc, index, tok), tok.sent.end) != {
        ent
    }:
        return None  # "Okafor praised her courage": a possessive may be someone named just before
    return ent


def _speech_subject(doc: Doc, tok: Token, index: EntityIndex, speech: frozenset[str]) -> str | None:
    """ "Okafor said he would ...": the subject pronoun of a speech verb's reported clause, when the
    speaker is the only person named in this sentence and the one before."""
    if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.dep_ != "ccomp":
        return None
    verb = tok.head.head
    if verb.lemma_ not in speech:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return None
    ent = index.by_token[subjects[0].i]
    if ent is None or index.label(ent) != "PERSON":
        return None
    if _persons_in(index, _window(doc, index, tok), tok.sent.end) != {ent}:
        return None
    return ent


def _continues_subject(doc: Doc, index: EntityIndex, tok: Token) -> str | None:
    """ "Jo Kent said on Friday that ... He did not say ...": a sentence that opens with the pronoun
    as its subject, after a sentence whose main subject is a person's name."""
    sent = tok.sent
    if tok.dep_ != "nsubj" or tok.head.i != sent.root.i or tok.i != sent.start or sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    subjects = [c for c in before.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if len(subjects) != 1:
        return None
    ent = index.by_token[subjects[0].i]
    return ent if ent is not None and index.label(ent) == "PERSON" else None


def _decided(votes: dict[str, set[str]]) -> dict[str, str]:
    return {ent: next(iter(g)) for ent, g in votes.items() if len(g) == 1}


def _eliminate(doc: Doc, index: EntityIndex, votes: dict[str, set[str]]) -> bool:
    """One round of elimination; True when it decided someone."""
    known = _decided(votes)
    changed = False
    for tok in doc:
        gender = pronoun_gender(tok.text)
        if gender is None or tok.tag_ not in {"PRP", "PRP$"} or index.by_token[tok.i] is not None:
            continue
        nearby = _persons_in(index, _window(doc, index, tok), tok.i)
        fits = {e for e in nearby if known.get(e, gender) == gender}
        if len(fits) == 1 and (fits != nearby or _continues_subject(doc, index, tok) in fits):
            ent = fits.pop()
            if ent not in votes:
                votes[ent] = {gender}
                known[ent] = gender
                changed = True
    return changed


def _given_name_genders(index: EntityIndex) -> dict[str, str]:
    """Entity id -> the gender of its given name, for persons whose named mentions (two words or
    more) start, after any titles, with a given name of one sex only, the same one each time."""
    titles = vocabulary()["titles"]
    out: dict[str, str] = {}
    for ent, cluster in index.clusters.items():
        if cluster.label != "PERSON":
            continue
        found: set[str | None] = set()
        for span in cluster.spans:
            words = [t.lower_ for t in span if t.is_alpha or t.lower_.rstrip(".").isalpha()]
            while words and (words[0] in titles or words[0].rstrip(".") in titles):
                words.pop(0)
            if len(words) >= 2:
                found.add(_word_gender(words[0], "given"))
        if len(found) == 1 and None not in found:
            out[ent] = found.pop()  # type: ignore[assignment]
    return out


def person_genders(doc: Doc, index: EntityIndex) -> dict[str, str]:
    """Entity id -> "female" / "male" for the persons whose gender the article shows one way only."""
    votes: dict[str, set[str]] = {}
    if not any(c.label == "PERSON" for c in index.clusters.values()):
        return {}
    _span_votes(doc, index, votes)
    _description_votes(doc, index, votes)
    _pronoun_votes(doc, index, votes, speech_verbs("coref"))
    for _ in range(3):
        if not _eliminate(doc, index, votes):
            break
    decided = _decided(votes)
    for ent, gender in _given_name_genders(index).items():
        if ent not in votes:  # the article's own evidence, either way, comes first
            decided[ent] = gender
    return decided
