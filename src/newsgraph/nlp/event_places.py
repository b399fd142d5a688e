"""Whether a name an event would be placed at is a place in this article, not a company or a person.

NER tags a bare "Alibaba" or "Schiff" as a GPE now and then; the article itself tells: the same name
is an organisation's or a person's elsewhere in it ("Alibaba Group", "Adam Schiff").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..places import lookup
from ..vocabulary import word_map
from .relation_lexicon import GOVERNMENT_BODIES, PLACE_PARTS

__all__ = ["article_countries", "is_place_name"]

# Nationality words and their countries ("Malian" -> Mali): data/demonyms.toml
DEMONYMS = word_map("demonyms", "demonyms")

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PARTY_LABELS = frozenset({"ORG", "PERSON"})


def _party_names(doc: Doc, after: int) -> list[tuple[str, str, bool]]:
    """(lower-cased name, label, whether a body mention) of every organisation and person the article
    names: its entity mentions (a place tag run into an organisation's, "Alden" + "Global Capital",
    read as one name), and the names and aliases of its entities (the headline's included)."""
    ents = [ent for ent in doc.ents if ent.start_char >= after]
    names = [(ent.text.lower(), ent.label_, True) for ent in ents if ent.label_ in PARTY_LABELS]
    for first, second in zip(ents, ents[1:], strict=False):
        if first.label_ in PLACE_LABELS and second.label_ == "ORG" and first.end == second.start:
            names.append((f"{first.text} {second.text}".lower(), "ORG", False))
    for cluster in doc._.ng_entities or []:
        if cluster.label in PARTY_LABELS and not (cluster.spans and cluster.spans[-1].start_char < after):
            names.extend((n.lower(), cluster.label, False) for n in [cluster.name, *cluster.aliases])
    return names


def _named_after(key: str, other: str, label: str) -> bool:
    """Whether an organisation or person's name ``other`` has the place-like ``key`` in it as a name:
    a word of a person's name, or the start of an organisation's that is not the place's own body
    ("Velmar City Council", "Velmar Police Department" belong to the town)."""
    if label == "PERSON":
        return key in other.split()
    if not other.startswith(key + " "):
        return False
    rest = set(other[len(key) + 1 :].split())
    return not rest & (GOVERNMENT_BODIES | PLACE_PARTS)


def is_place_name(doc: Doc, name: str, after: int = 0) -> bool:
    """Whether ``name`` may place an event in this article.

    Not when an organisation or person of the article bears it: the same name ("Alibaba"), a person
    whose name has it as a word ("Schiff" of "Adam Schiff") or an organisation whose name begins with
    it ("Alden" of "Alden Global Capital"). A name the gazetteer knows ("Jordan", "Washington") yields
    only to the same name, and only where the article tags it as an organisation or person more often
    than as a place ("Washington Post" leaves Washington a place). Mentions before character ``after``
    are not read (a dateline's "KABUL" that NER took for an organisation).
    """
    key = name.strip().lower()
    if not key:
        return False
    known = lookup(name) is not None
    same, mentions = False, 0
    for other, label, mention in _party_names(doc, after):
        if other == key:
            same, mentions = True, mentions + mention
        elif not known and _named_after(key, other, label):
            return False
    if not same:
        return True
    if not known:
        return False
    places = sum(1 for ent in doc.ents if ent.label_ in PLACE_LABELS and ent.text.lower() == key)
    return places > mentions


def article_countries(doc: Doc) -> frozenset[str]:
    """The country codes an article is about: the countries it names, those of its nationality
    words ("Malian") and of the towns it names by their own names (never by another name of a
    town: that is what this set decides)."""
    cached = doc.user_data.get("ng_article_countries")
    if cached is not None:
        return cached
    codes: set[str] = set()
    for cluster in doc._.ng_entities or []:
        names: list[str] = []
        if cluster.label in PLACE_LABELS:
            names = [cluster.name]
        elif cluster.label == "NORP":
            names = list(DEMONYMS.get(cluster.name.lower(), ())[:1])
        for name in names:
            record = lookup(name, countries=frozenset())
            if record is not None and record.get("country_code"):
                codes.add(record["country_code"])
    found = doc.user_data["ng_article_countries"] = frozenset(codes)
    return found
