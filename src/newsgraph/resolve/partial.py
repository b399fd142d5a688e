"""A person's surname or given name alone, kept apart by the tagger, joins the person in full.

Within one article the tagger sometimes leaves a person's partial name as an entity of its own:
typed otherwise ("Kathina" a place, "Vincent" a product, "Payton" a place, beside "Kathina
Thomas", "Vincent Jackson", "Sean Payton"), or cut from a name that ends in a generational suffix
("Comeaux" beside "Arcade Joseph Comeaux Jr."). The resolver gives such a word the knowledge-base
entity of the one person it belongs to, when the article leaves no doubt:

- the word is the surname (last word, "Jr." and the like left out) of exactly one multi-word
  person of the article, or, when no surname fits, the given name of exactly one
  ("Jermayne" beside "Jermayne Timmons" and "Jermayne Taylor" stays alone);
- no other multi-word name in the article's prose holds the word ("Washington" beside "George
  Washington" and the "Washington Post" stays alone; a headline's glued "Lohan Checks" does not
  count);
- the person is named in prose, not only in Title Case lines (a name glued from a headline,
  "Lohan Checks Into Clinic", is no home for the body's "Lohan"; the same test as nlp/entities);
- no person of the article is called by a title and the word alone ("President Biden" beside
  "Hunter Biden": a bare "Biden" may be either);
- the person's name holds no title or office ("Brooklyn Councilman" is a place and an office);
- a word typed as an organisation, a product or a building joins by the given name only: firms,
  products and buildings are named after surnames ("Bloomberg" beside "Michael Bloomberg");
- the word is no work's title (a film "Terminator" beside a "Terminator Salvation" typed PERSON);
- a word the tagger did not call a person is never used as a place ("in Paris" beside "Paris
  Hilton": a locative preposition right before a mention, ``data/prepositions.toml`` [place]),
  is no kind word or pronoun, and is no name of a place or body in ``data/known_names.toml``;
  as a given name ("Brooklyn", "Jacksonville" beside a team typed PERSON), it is no place the
  knowledge base already holds (``known_place``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Entity, Facts
from ..vocabulary import word_set
from .names import is_acronym, may_alias, name_key, strip_titles, title_case_line, vocabulary
from .nicknames import known_forms

__all__ = ["partial_owners", "namesakes"]

_WORKS = frozenset({"WORK_OF_ART", "LAW", "EVENT"})
_EPONYMS = frozenset({"ORG", "PRODUCT", "FAC"})
"""Types of things often named after a person's surname ("Ford", "Dell", "Bloomberg", "Kennedy
Center"): a word of these types joins a person by the given name only."""
_SUFFIXES = word_set("name_heads", "generational")  # data/name_heads.toml
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


def _name_words(entity: Entity) -> list[str]:
    """A person's name words without titles, honorifics and a trailing generational suffix."""
    words = name_key(strip_titles(entity.name)).split()
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words.pop()
    return words


def _used_as_place(text: str, entity: Entity) -> bool:
    """Whether a mention comes right after a locative preposition ("in Paris", "at Bristol")."""
    place = word_set("prepositions", "place")
    for start, _ in entity.mentions:
        m = _WORD_BEFORE.search(text[max(0, start - 20) : start])
        if m and m.group(1).lower() in place:
            return True
    return False


def _in_prose(text: str, entity: Entity) -> bool:
    """Whether a mention of the entity lies in a line that is not Title Case."""
    for start, end in entity.mentions:
        first = text.rfind("\n", 0, start) + 1
        last = text.find("\n", end)
        if not title_case_line(text[first : last if last >= 0 else len(text)]):
            return True
    return False


def _titled_people(facts: Facts) -> dict[str, list[str]]:
    """Surname key -> the article's persons called by a title and that surname alone ("President
    Biden", "Mr. Biden"): another person than "Hunter Biden" may be meant by a bare "Biden"."""
    out: dict[str, list[str]] = {}
    for e in facts.entities:
        words = _name_words(e) if e.type == "PERSON" else []
        if len(words) == 1 and name_key(e.name) != words[0]:
            out.setdefault(words[0], []).append(e.id)
    return out


def partial_owners(facts: Facts, known_place: Callable[[str], bool] = lambda key: False) -> dict[str, str]:
    """Local id of a one-word entity -> local id of the article's person it is a partial name of.

    ``known_place(key)``: whether the knowledge base holds a place of that name key."""
    text = facts.article.text
    titles = vocabulary()["titles"]
    people = [
        e
        for e in facts.entities
        if e.type == "PERSON"
        and len(_name_words(e)) >= 2
        and not set(_name_words(e)) & titles
        and _in_prose(text, e)
    ]
    if not people:
        return {}
    words_of = {e.id: _name_words(e) for e in people}
    others = [
        set(name_key(e.name).split())
        for e in facts.entities
        if e.type != "PERSON" and len(name_key(e.name).split()) >= 2 and _in_prose(text, e)
    ]
    titled = set(_titled_people(facts))
    out: dict[str, str] = {}
    for e in facts.entities:
        key = name_key(e.name)
        if " " in key or len(key) < 3 or e.type in _WORKS or is_acronym(e.name) or not may_alias(e.name, ""):
            continue
        surname = [p for p in people if words_of[p.id][-1] == key]
        given = [p for p in people if words_of[p.id][0] == key]
        owners = given if e.type in _EPONYMS else surname or given
        if len(owners) != 1 or owners[0].id == e.id or key in titled:
            continue
        if any(key in words for words in others):
            continue
        if e.type != "PERSON" and (
            _used_as_place(text, e) or bool(known_forms(e.name, e.type)) or (not surname and known_place(key))
        ):
            continue
        out[e.id] = owners[0].id
    return out


def namesakes(facts: Facts) -> dict[str, list[str]]:
    """Local id of a one-word person -> the article's multi-word persons it may be short for (by
    surname, else by given name). A bare "Jackson" in an article that names "Vincent Jackson" and
    "Tarvaris Jackson" is one of these two, never a third Jackson stored from elsewhere."""
    people = [e for e in facts.entities if e.type == "PERSON" and len(_name_words(e)) >= 2]
    words_of = {e.id: _name_words(e) for e in people}
    titled = _titled_people(facts)
    out: dict[str, list[str]] = {}
    for e in facts.entities:
        key = name_key(e.name)
        if e.type != "PERSON" or " " in key or not key:
            continue
        owners = [p.id for p in people if words_of[p.id][-1] == key] or [
            p.id for p in people if words_of[p.id][0] == key
        ]
        if owners:
            out[e.id] = owners + titled.get(key, [])
    return out
