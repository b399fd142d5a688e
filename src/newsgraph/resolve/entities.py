"""Link an article's entities to knowledge-base entities, one article at a time (incremental).

Each article entity joins the best stored entity or starts a new one. What may join:

- a shared distinctive name: the canonical name, a multi-word alias, an acronym, the same name
  spelled with other spacing or hyphens ("ISIS - K" = "ISIS-K" = "ISIS K" = "ISISK");
- an acronym and the name it abbreviates ("EADS" and "European Aeronautic Defence and Space"),
  for organisations and places, not people;
- a spelling variant: one word differs slightly ("al-Qaida" / "al-Qaeda", rapidfuzz ratio >= 80 on
  words of 5+ letters) or is cut short ("ISIS-K" / "ISIS-Khorasan"; not for people);
- a bare single name ("Reyes", "Jobs") only when the context agrees: the candidate shares a
  co-occurring entity or a description word with this article, and no other candidate does.

Two entities with the same two-word person name stay apart when their contexts clash (each has
descriptions, none share a word, and they share no co-occurring entity). Human corrections
(``rules.Rules``) come first: a name merged, split or aliased by hand goes where it was sent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein
from sqlalchemy import Connection, bindparam, delete, insert, select, update

from .. import trust
from ..model import Entity, Facts
from ..store.schema import aliases, entities, entity_keys
from ..vocabulary import word_set
from .aliases import learn_aliases
from .candidate_contexts import StoreCache, words_of
from .kinds import role_heads, splitting_kind
from .lookups import Lookups, insert_ignore
from .names import compact_key, head_word, initials, is_acronym, may_alias, name_key, strip_titles, vocabulary
from .nicknames import country_led, expand_place_word, known_forms, same_given_name
from .partial import namesakes, partial_owners
from .rules import Rules, load_rules

__all__ = ["link_entity", "link_article", "matching_keys", "add_aliases", "bump_counts", "LinkContext"]

_PLACES = frozenset({"GPE", "LOC", "FAC"})
_NO_INITIALS = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_SUFFIXES = word_set("name_heads", "generational")  # data/name_heads.toml


def _compatible(a: str, b: str) -> bool:
    return a == b or (a in _PLACES and b in _PLACES)


_CORPORATE = word_set("name_heads", "legal_forms")  # data/name_heads.toml


def _without_designator(key: str) -> str:
    """An organisation's name key without a trailing legal form: "apple inc" -> "apple"."""
    words = key.split()
    while len(words) > 1 and words[-1] in _CORPORATE:
        words.pop()
    return " ".join(words)


def matching_keys(entity: Entity) -> set[str]:
    """The name keys distinctive enough to merge on: the name and its multi-word or acronym aliases
    (for an organisation, also each without its legal form: "Apple Inc." meets "Apple")."""
    keys = {name_key(entity.name)}
    for alias in alias_names(entity):
        if entity.type == "PERSON":
            # "Mr. Reyes" is a bare surname; "President Reyes" names an office holder
            alias = strip_titles(alias, honorifics_only=True)
        key = name_key(alias)
        if " " in key or is_acronym(alias):
            keys.add(key)
    if entity.type == "ORG":
        keys |= {_without_designator(k) for k in keys}
    keys.discard("")
    return keys


def alias_names(entity: Entity) -> list[str]:
    """The entity's aliases that are names: no pronoun or determiner, no kind word ("House",
    "Party") standing for a longer name, no organisation's head noun ("Alliance" of "Harbour
    Workers Alliance": the article's "the Alliance" is a reference back, not a name)."""
    own = name_key(entity.name)
    head = head_word(entity.name) if entity.type != "PERSON" and " " in own else ""
    return [a for a in entity.aliases if may_alias(a, entity.name) and not (head and name_key(a) == head)]


@dataclass
class LinkContext:
    """What the article says around an entity: its co-occurring (already linked) entities and descriptions."""

    article_id: str = ""
    neighbours: set[int] = field(default_factory=set)
    expected: set[int] = field(default_factory=set)
    """Entities the article names in full later on that only one stored entity is called: they
    vouch for a bare name (a surname, a team's last word) but never overrule a clash of descriptions."""
    own_people: set[int] = field(default_factory=set)
    """For a bare person name: the knowledge-base entities of the article's full names it may be
    short for ("Jackson" beside "Vincent Jackson"); when there are any, it links to one of them
    or to none, never to a namesake stored from elsewhere (``resolve.partial.namesakes``)."""
    descriptions: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    """The descriptions confident enough to be shown (``trust.shown``): only these can set two
    namesakes apart ("a heavy metal rock concert", misread as a description, cannot), and of
    these only role or kind phrases (``resolve.kinds``: not "Good luck", "People magazine")."""


@dataclass
class _Candidate:
    entity_id: int
    name: str
    type: str
    count: int
    strength: float = 0.0
    needs_context: bool = False
    keys: set[str] = field(default_factory=set)
    bare: bool = False
    """A stored person known only by the surname this full name ends with ("Comeaux" before
    "Arcade Joseph Comeaux Jr." arrives): the context must agree, and the entity takes the full name."""


def _common_neighbours(conn: Connection, shared: set[int], cache: StoreCache) -> set[int]:
    """Of shared neighbours, those named in so many articles (over half) that they say nothing."""
    if not shared:
        return set()
    total = cache.total(conn)
    if total < 10:
        return set()
    return {i for i, n in cache.counts(conn, shared).items() if n > total / 2}


def _stems(words: Iterable[str]) -> set[str]:
    """Description words cut to their first four letters ("scoring", "scorer" -> "scor")."""
    return {w[:4] for w in words if len(w) >= 5}


def _variant(a: str, b: str, person: bool) -> bool:
    """True when two multi-word keys differ in one word by spelling, or (not for people) by a cut-short word."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or a == b:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1 or not any(len(x) >= 2 for x, y in zip(wa, wb, strict=True) if x == y):
        return False
    x, y = diff[0]
    if min(len(x), len(y)) >= 5 and fuzz.ratio(x, y) >= 80 and x[0] == y[0]:
        return True
    short, long = sorted((x, y), key=len)
    return not person and long.startswith(short) and len(long) > len(short) and wa[0] == wb[0]


@dataclass
class _Spec:
    """One article entity and the names and keys it is looked up by."""

    entity: Entity
    keys: set[str]
    own: str
    own_initials: str
    compacts: set[str]
    lookup: set[str]
    key_rows: list[tuple[str, str]]
    surname: str = ""

    @classmethod
    def of(cls, entity: Entity) -> _Spec:
        keys = matching_keys(entity)
        own = name_key(entity.name)
        own_initials = "" if entity.type in _NO_INITIALS else initials(entity.name)
        compacts = {compact_key(k) for k in keys if " " in k}
        lookup = keys | compacts | ({own_initials} if len(own_initials) >= 3 else set())
        surname = _surname(entity)
        if surname:
            lookup |= {surname, own.split()[0]}  # the first word: is it a place ("Seattle Seahawks")?
        key_rows = [("compact", compact_key(k)) for k in keys if len(compact_key(k)) >= 2]
        if is_acronym(entity.name) and entity.type not in _NO_INITIALS:
            key_rows.append(("initials", own.replace(" ", "")))
        if " " not in own:
            key_rows += [("surname", own), ("head", own)]
        elif entity.type == "ORG" and not country_led(entity.name):
            key_rows.append(("head", own))  # "Air Force": the rest of a country's "United States Air Force"
        tokens = {w for k in keys if " " in k for w in (k.split()[0], k.split()[-1]) if len(w) >= 2}
        key_rows += [("token", t) for t in tokens]
        return cls(entity, keys, own, own_initials, compacts, lookup, key_rows, surname)


def _surname(entity: Entity) -> str:
    """A person's surname key when the name has two words or more ("Jr." and the like left out)
    and no title or office ("Police Sgt")."""
    if entity.type != "PERSON":
        return ""
    words = name_key(strip_titles(entity.name)).split()
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words.pop()
    if set(words) & vocabulary()["titles"]:
        return ""
    return words[-1] if len(words) >= 2 and len(words[-1]) >= 3 else ""


def _bare_surname_candidates(spec: _Spec, lookups: Lookups) -> set[int]:
    """Stored persons known only by this full name's surname ("Comeaux", "White"), unless the name's
    first word is a place the store holds ("Seattle Seahawks" typed a person is a team)."""
    if not spec.surname:
        return set()
    first = spec.own.split()[0]
    if any(lookups.info[r.entity_id].type in _PLACES for r in lookups.names.get(first, ())):
        return set()
    return {
        r.entity_id
        for r in lookups.names.get(spec.surname, ())
        if lookups.info[r.entity_id].type == "PERSON" and name_key(lookups.info[r.entity_id].name) == r.norm
    }


def _load(conn: Connection, specs: list[_Spec]) -> Lookups:
    """Read the stored names and keys of all these entities at once."""
    lookups = Lookups()
    lookups.load(
        conn,
        {n for s in specs for n in s.lookup},
        {k for s in specs for _, k in s.key_rows},
    )
    return lookups


def _gather(conn: Connection, spec: _Spec, lookups: Lookups) -> dict[int, _Candidate]:
    """Stored entities that may be ``entity``, each with how strongly its names match."""
    entity, keys, own, compacts = spec.entity, spec.keys, spec.own, spec.compacts
    single = " " not in own
    person = entity.type == "PERSON"
    found: dict[int, _Candidate] = {}

    def cand(entity_id: int) -> _Candidate:
        c = found.get(entity_id)
        if c is None:
            info = lookups.info[entity_id]
            c = found[entity_id] = _Candidate(entity_id, info.name, info.type, info.mention_count)
        return c

    bare = _bare_surname_candidates(spec, lookups)
    for norm in sorted(spec.lookup):
        for r in lookups.names.get(norm, ()):
            rtype = lookups.info[r.entity_id].type
            if r.norm not in keys | compacts | {spec.own_initials} and not (
                r.norm == spec.surname and r.entity_id in bare
            ):
                continue  # the surname and first word are looked up for _bare_surname_candidates only
            c = cand(r.entity_id)
            if r.norm in keys or r.norm in compacts:
                if " " in r.norm or r.norm in compacts or (not single and r.norm != own):
                    strength = 4.0 if r.norm == own else 3.0
                    needs = False
                elif is_acronym(r.alias) and is_acronym(entity.name):
                    strength, needs = 3.0, False
                else:  # one bare word shared: enough for "Boeing", not for "Reyes"
                    strength = 2.0
                    needs = person or rtype == "PERSON" or not _compatible(rtype, entity.type)
            elif (
                r.norm == spec.own_initials
                and is_acronym(r.alias)
                and _compatible(rtype, entity.type)
                and not _other_full_name(lookups.info[r.entity_id].name, own)
            ):
                strength, needs = 1.5, False
            elif r.norm == spec.surname:
                # a person stored under the bare surname only: the same person if the context agrees
                if c.strength == 0.0:
                    c.strength, c.needs_context, c.bare = 1.0, True, True
                c.keys.add(r.norm)
                continue
            else:
                continue
            if strength > c.strength or (strength == c.strength and c.needs_context and not needs):
                c.strength, c.needs_context = strength, needs
            c.keys.add(r.norm)

    if spec.key_rows:
        wanted = set(spec.key_rows)
        fuzzy_ids = set()
        for r in lookups.key_rows({k for _, k in spec.key_rows}):
            if (r.kind, r.key) not in wanted:
                continue
            rtype = lookups.info[r.entity_id].type
            if r.kind == "compact":  # the same letters, spaced or dotted otherwise: "U.S." and "US"
                c = cand(r.entity_id)
                if c.strength < 3.0:  # only when no name matched as it is written
                    c.strength, c.needs_context = 3.0, False
                    c.keys.add(r.key)
            elif r.kind == "initials" and _compatible(rtype, entity.type):
                c = cand(r.entity_id)
                if c.strength < 1.5:
                    c.strength, c.needs_context = 1.5, False
                c.keys.add(r.key)
            elif r.kind == "surname" and rtype == "PERSON" or r.kind == "head":
                # a bare surname ("Reyes"), or a team's or firm's last word ("Saints" of "New
                # Orleans Saints"): only when the article's other entities agree
                c = cand(r.entity_id)
                if c.strength < 1.0:
                    c.strength, c.needs_context = 1.0, True
                c.keys.add(r.key)
            elif r.kind == "token" and _compatible(rtype, entity.type) and r.entity_id not in found:
                fuzzy_ids.add(r.entity_id)
        if fuzzy_ids:
            _fuzzy(conn, entity, keys, fuzzy_ids, found, lookups)
    return found


def _other_full_name(stored: str, own: str) -> bool:
    """True when a stored entity already has a full name other than ours: "Wasilla Bible Church"
    does not meet "World Boxing Council" through the letters WBC they share."""
    key = name_key(stored)
    return not is_acronym(stored) and " " in key and key != own


def _context_decides(c: _Candidate, entity: Entity, own: str, mine: set[str], candidates: int) -> bool:
    """Whether the candidate's context (neighbours, description words) can change the decision."""
    if candidates > 1 or c.needs_context:
        return True  # context ranks candidates, or is the only evidence
    if not _compatible(c.type, entity.type) and c.strength < 3.0:
        return True  # a label clash is forgiven only with agreeing neighbours
    # two namesakes stay apart when their descriptions clash; that needs words on both sides
    return bool(mine) and entity.type == "PERSON" and c.type == "PERSON" and len(own.split()) <= 2


def _person_variant(a: str, b: str) -> bool:
    """Two people's names that differ only in a transliterated given name, the surname the same:
    "serhiy bondarenko" / "sergei bondarenko" (Jaro-Winkler >= 0.84, same first letter), or a given
    name and its short form ("mo cheeks" / "maurice cheeks", ``data/nicknames.toml``), or only
    in a surname spelled otherwise, the given names the same ("duncan rait" / "duncan raite":
    one letter apart, Jaro-Winkler >= 0.92). Either links only where the context agrees."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if x != wa[-1] and same_given_name(x, y):  # "Mo Cheeks" / "Maurice Cheeks" (data/nicknames.toml)
        return len(wa[-1]) >= 3
    if wa[-1] != wb[-1]:  # the surname spelled otherwise, the given names the same: "Rait" / "Raite"
        return (
            min(len(x), len(y)) >= 4
            and x[0] == y[0]
            and Levenshtein.distance(x, y) == 1
            and JaroWinkler.similarity(x, y) >= 0.92
        )
    return (
        len(wa[-1]) >= 3
        and min(len(x), len(y)) >= 4
        and x[0] == y[0]
        and JaroWinkler.similarity(x, y) >= 0.84
    )


def _middle_left_out(a: str, b: str) -> bool:
    """Two people's names, one with a middle name the other leaves out: "mark jay heller" / "mark
    heller" (given name and surname the same, 3+ letters each; the middle name 2+ letters, since a
    middle initial is already dropped from a stored name). A namesake as often as not: the
    context must agree."""
    wa, wb = sorted((a.split(), b.split()), key=len)
    return (
        len(wa) == 2
        and len(wb) == 3
        and wa[0] == wb[0]
        and wa[-1] == wb[-1]
        and min(len(wa[0]), len(wa[-1])) >= 3
        and len(wb[1]) >= 2
        and wb[-1] not in _SUFFIXES
    )


def _fuzzy(
    conn: Connection,
    entity: Entity,
    keys: set[str],
    ids: set[int],
    found: dict[int, _Candidate],
    lookups: Lookups,
) -> None:
    person = entity.type == "PERSON"
    for entity_id, norm in lookups.all_names(conn, sorted(ids)[:200]):
        if " " not in norm:
            continue
        spelled = any(_variant(k, norm, person) for k in keys if " " in k)
        # a transliterated given name is a namesake as often as not: the context must agree
        translit = (
            not spelled
            and person
            and any(_person_variant(k, norm) or _middle_left_out(k, norm) for k in keys if " " in k)
        )
        if spelled or translit:
            info = lookups.info[entity_id]
            new = entity_id not in found
            c = found.setdefault(entity_id, _Candidate(entity_id, info.name, info.type, info.mention_count))
            if spelled and (c.strength < 1.5 or c.needs_context):
                c.strength, c.needs_context = max(c.strength, 1.5), False
            elif translit and (new or c.strength < 1.5):
                c.strength, c.needs_context = 1.5, True
            c.keys.add(norm)


def _choose(
    conn: Connection,
    entity: Entity,
    found: dict[int, _Candidate],
    context: LinkContext,
    rules: Rules,
    cache: StoreCache,
) -> _Candidate | None:
    """The best candidate that passes its checks, or None."""
    own = name_key(entity.name)
    mine = words_of(context.descriptions)
    scored: list[tuple[tuple[float, ...], _Candidate]] = []
    agreeing: dict[int, int] = {}
    live = [c for c in found.values() if not all(rules.blocked(c.entity_id, k) for k in c.keys)]
    deciding = {c.entity_id for c in live if _context_decides(c, entity, own, mine, len(live))}
    contexts = cache.context(conn, sorted(deciding)) if deciding else {}
    for c in live:
        if c.entity_id in deciding:
            neighbours, words = contexts[c.entity_id]
            shared = context.neighbours & neighbours
            shared -= _common_neighbours(conn, shared, cache)
            later = (context.expected - context.neighbours) & neighbours
            later -= _common_neighbours(conn, later, cache)
            agree = len(shared) + (1 if mine & words else 0) + (len(later) if c.needs_context else 0)
        else:  # the only candidate, linked by its name: what surrounds it cannot change the answer
            words, shared, later, agree = frozenset(), set(), set(), 0
        if c.needs_context and agree == 0:
            continue
        # only role or kind phrases ("the Jaguars tackle") set namesakes apart, on both sides:
        # "Good luck" or "People magazine" misread as a description says nothing about who it is
        firm = words_of(role_heads(context.shown))
        kinds = {w for w in words if splitting_kind(w)}
        clash = bool(firm) and bool(kinds) and not (mine & words) and not shared
        # "scoring leader" and "leading scorer" say one thing: words that share their first four letters agree
        clash = clash and not (_stems(mine) & _stems(words))
        if clash and entity.type == "PERSON" and c.type == "PERSON" and len(own.split()) <= 2:
            continue  # same common name, different person by everything said about them
        if rules.second_choice(c.entity_id, c.keys):
            c.strength -= 1.0
        same = _compatible(c.type, entity.type)
        if not same and c.strength < 3.0 and agree < (1 if entity.type in _WEAK_TYPES else 2):
            # the model's labels slip; a shared one-word name needs two agreeing neighbours then
            # (one when the article's own label is a weak one: "Klitschko" as NORP, "Sixers" as a work)
            continue
        agreeing[c.entity_id] = agree
        scored.append(((c.strength + 0.5 * same, min(agree, 3), math.log1p(c.count), -c.entity_id), c))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0], reverse=True)
    best = scored[0]
    if (
        best[1].needs_context
        and len(scored) > 1
        and scored[1][1].needs_context
        and scored[1][0][:2] == best[0][:2]
        and agreeing[best[1].entity_id] < 2 * agreeing[scored[1][1].entity_id]
    ):
        return None  # two people share this surname and the context cannot tell them apart
    return best[1]


def link_entity(
    conn: Connection, entity: Entity, context: LinkContext | None = None, rules: Rules | None = None
) -> int:
    """Return the knowledge-base id for ``entity``, creating the entity when nothing matches."""
    context = context or LinkContext()
    rules = rules if rules is not None else load_rules(conn)
    spec = _Spec.of(entity)
    forced = rules.target_for(conn, context.article_id, spec.own, spec.keys)
    if forced is not None:
        return forced
    return _link(conn, spec, _load(conn, [spec]), context, rules, StoreCache())


def _link(
    conn: Connection, spec: _Spec, lookups: Lookups, context: LinkContext, rules: Rules, cache: StoreCache
) -> int:
    entity = spec.entity
    found = _gather(conn, spec, lookups)
    if context.own_people:
        found = {k: c for k, c in found.items() if k in context.own_people}
    best = _choose(conn, entity, found, context, rules, cache)
    if best is not None:
        if best.strength >= 1.5 and not best.needs_context or best.bare:  # a name made the link, or
            _maybe_rename(conn, lookups, best.entity_id, entity)  # a full name for a bare surname
        _maybe_retype(conn, lookups, best.entity_id, entity, context.article_id)
        return best.entity_id
    entity_id = conn.execute(
        insert(entities).values(name=canonical_name(entity), type=entity.type, mention_count=0)
    ).inserted_primary_key[0]
    lookups.created(entity_id, entity.name, entity.type)
    return entity_id


def canonical_name(entity: Entity) -> str:
    """The name to store: a person's without titles and honorifics ("Sen. Ana Ruiz" -> "Ana Ruiz")."""
    return strip_titles(entity.name) if entity.type == "PERSON" else entity.name


# Labels the small model gives names it does not know (a person's as a work, a product, a law);
# a stored entity typed so takes the type of an article that calls it a person, an organisation
# or a place, which come with evidence (titles, verbs of saying, "the company").
_WEAK_TYPES = frozenset({"WORK_OF_ART", "PRODUCT", "LAW", "EVENT", "NORP"})
_STRONG_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


def _maybe_retype(
    conn: Connection, lookups: Lookups, entity_id: int, entity: Entity, article_id: str
) -> None:
    """One entity, one type, voted across the corpus: a weak stored type gives way at once to a
    strong one the article gives; otherwise an article that types the entity otherwise is a vote
    (an ``entity_keys`` row of kind ``type``, key ``TYPE:article``), and the type changes when one
    type has more votes than the stored type has articles left that agree with it."""
    row = lookups.info[entity_id]
    if row.type == entity.type or (row.type in _PLACES and entity.type in _PLACES):
        return
    if row.type in _WEAK_TYPES and entity.type in _STRONG_TYPES:
        _set_type(conn, lookups, entity_id, entity.type, [])
        return
    articles = conn.execute(select(entities.c.article_count).where(entities.c.id == entity_id)).scalar() or 0
    if articles == 0:
        return  # made by this article: its own first type stands
    conn.execute(
        insert_ignore(conn, entity_keys).values(
            entity_id=entity_id, kind="type", key=f"{entity.type}:{article_id}"
        )
    )
    votes = conn.execute(
        select(entity_keys.c.key).where(entity_keys.c.entity_id == entity_id, entity_keys.c.kind == "type")
    ).scalars()
    per_type: dict[str, int] = {}
    for key in votes:
        per_type[key.split(":", 1)[0]] = per_type.get(key.split(":", 1)[0], 0) + 1
    agree = articles - sum(per_type.values()) + 1  # the article being written is not counted yet
    if per_type.get(entity.type, 0) > agree:
        # the votes now record the articles that disagree with the new type: the old type's
        _set_type(conn, lookups, entity_id, entity.type, [f"{row.type}:agreed-{i}" for i in range(agree)])


def _set_type(conn: Connection, lookups: Lookups, entity_id: int, etype: str, old_votes: list[str]) -> None:
    """Store an entity's new type; its votes become those of the type it had (``old_votes``)."""
    conn.execute(update(entities).where(entities.c.id == entity_id).values(type=etype))
    conn.execute(
        delete(entity_keys).where(
            entity_keys.c.entity_id == entity_id,
            entity_keys.c.kind == "type",
            entity_keys.c.key.like(f"{etype}:%"),
        )
    )
    if old_votes:
        conn.execute(
            insert(entity_keys), [{"entity_id": entity_id, "kind": "type", "key": k} for k in old_votes]
        )
    lookups.info[entity_id].type = etype


def _maybe_rename(conn: Connection, lookups: Lookups, entity_id: int, entity: Entity) -> None:
    """Give an entity known by an acronym or a shorter name the fuller name an article now uses."""
    row = lookups.info[entity_id]
    longer = len(name_key(entity.name).split()) > len(name_key(row.name).split())
    if (
        (longer or is_acronym(row.name))
        and not is_acronym(entity.name)
        and _compatible(row.type, entity.type)
    ):
        name = canonical_name(entity)
        conn.execute(update(entities).where(entities.c.id == entity_id).values(name=name))
        row.name = name


def _link_order(entity: Entity) -> int:
    """Distinctive names first, then one-word places and organisations, then bare person names,
    so that a bare name can lean on the rest of the article, already linked."""
    if " " in name_key(entity.name) or is_acronym(entity.name):
        return 0
    return 2 if entity.type == "PERSON" else 1


def link_article(
    conn: Connection, facts: Facts, rules: Rules | None = None, cache: StoreCache | None = None
) -> dict[str, int]:
    """Link every entity of an article; record their aliases and lookup keys. Returns local id -> KB id.

    ``cache`` is the writer's per-process cache of candidate contexts (see ``resolve.candidate_contexts``);
    without one, everything is read from the store.
    """
    cache = cache if cache is not None else StoreCache()
    rules = rules if rules is not None else cache.rules(conn)
    learned = learn_aliases(facts)
    described: dict[str, list[str]] = {}
    shown: dict[str, list[str]] = {}
    for d in facts.descriptions:
        described.setdefault(d.entity, []).append(d.text)
        if trust.shown("description", d.confidence):
            shown.setdefault(d.entity, []).append(d.text)
    specs = []
    looked_up: dict[str, set[str]] = {}
    named = [_named_by_body(e, facts) for e in facts.entities]
    for entity in sorted(named, key=_link_order):
        extra = [a for a in learned.get(entity.id, []) if a not in entity.aliases]
        name = canonical_name(entity)
        if name != entity.name:
            extra.append(entity.name)
        if entity.type == "PERSON" and (short := _plain_person_name(name)) != name:
            extra.append(short)
        if entity.type in _PLACES | {"ORG"} and (full := expand_place_word(entity.name)):
            extra.append(full)  # "Mt Cook" is also "Mount Cook"
        if entity.type == "ORG" and (led := country_led(entity.name)) and led[0] != entity.name:
            extra.append(led[0])  # "U.S. Air Force" is also "United States Air Force"
        # "U.S." is looked up as "United States" too, but the known forms are not stored as its names
        known = [f for f in known_forms(entity.name, entity.type) if f != entity.name and f not in extra]
        looked_up[entity.id] = {name_key(f) for f in known} - {
            name_key(a) for a in [entity.name, *entity.aliases, *extra]
        }
        extra += known
        if extra:
            entity = Entity(entity.id, name, entity.type, [*entity.aliases, *extra], entity.mentions)
        specs.append(_Spec.of(entity))
    lookups = _load(conn, specs)
    ids: dict[str, int] = {}
    context = LinkContext(facts.article.id)
    likely = _likely_links(specs, lookups)
    short_for = namesakes(facts)
    partial = partial_owners(
        facts,
        lambda key: any(lookups.info[r.entity_id].type in _PLACES for r in lookups.names.get(key, ())),
    )
    for i, spec in enumerate(specs):
        entity = spec.entity
        context.descriptions = described.get(entity.id, [])
        context.shown = shown.get(entity.id, [])
        context.neighbours = set(ids.values())
        context.expected = {v for k, v in likely.items() if k != entity.id}
        context.own_people = {ids[o] for o in short_for.get(entity.id, []) if o in ids}
        owner = partial.get(entity.id)
        if owner in ids and not rules.redirects(context.article_id, spec.own, spec.keys):
            # "Kathina" (typed a place) beside "Kathina Thomas": the person's entity (resolve.partial)
            entity_id = ids[owner]
        elif rules.redirects(context.article_id, spec.own, spec.keys):
            # a correction may read or create stored names: store ours first, read the rest again
            lookups.flush(conn)
            entity_id = rules.target_for(conn, context.article_id, spec.own, spec.keys)
            assert entity_id is not None
            lookups = _load(conn, specs[i:])
            lookups.ensure_info(conn, entity_id)
        else:
            entity_id = _link(conn, spec, lookups, context, rules, cache)
        ids[entity.id] = entity_id
        names = [n for n in [entity.name, *alias_names(entity)] if name_key(n) not in looked_up[entity.id]]
        lookups.add_names(
            entity_id, _alias_forms([n for n in names if not rules.blocked(entity_id, name_key(n))])
        )
        stored = [a for a in entity.aliases if name_key(a) not in looked_up[entity.id]]
        lookups.add_keys(entity_id, entity_keys_of(Entity(entity.id, entity.name, entity.type, stored)))
    lookups.flush(conn)
    return ids


def _likely_links(specs: list[_Spec], lookups: Lookups) -> dict[str, int]:
    """Local id -> the one stored entity whose name is this entity's full (multi-word) name."""
    out: dict[str, int] = {}
    for spec in specs:
        if " " in spec.own:
            found = {r.entity_id for r in lookups.names.get(spec.own, ())}
            if len(found) == 1:
                out[spec.entity.id] = found.pop()
    return out


def _plain_person_name(name: str) -> str:
    """A person's name without middle initials and a generational suffix: "Raj K. Chohan" ->
    "Raj Chohan", "Arcade Joseph Comeaux Jr." -> "Arcade Joseph Comeaux" (two words at least)."""
    words = name.split()
    kept = [
        w
        for i, w in enumerate(words)
        if not (0 < i < len(words) - 1 and len(w.rstrip(".")) == 1 and w[:1].isupper())
        and not (i >= 2 and name_key(w) in _SUFFIXES)
    ]
    return " ".join(kept).rstrip(",") if len(kept) >= 2 else name


def _named_by_body(entity: Entity, facts: Facts) -> Entity:
    """An entity named only by a headline fragment ("Colts Top Jags To Make Playoffs", "Hire Maurice
    Cheeks") takes the name the body calls it by ("Colts", "Maurice Cheeks"): the body's most
    frequent capitalised form whose words are a run of the headline name's words."""
    text, title = facts.article.text, facts.article.title or ""
    end = len(title) if title and text.startswith(title) else 0
    own = name_key(entity.name)
    if not end or not own or own not in name_key(title):
        return entity
    body = [text[s:e] for s, e in entity.mentions if s >= end]
    keys = [name_key(f) for f in body if f[:1].isupper() and may_alias(f, f)]
    if not keys or own in keys:
        return entity
    words = own.split()

    def run(key: str) -> bool:
        part = key.split()
        return 0 < len(part) < len(words) and any(
            words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1)
        )

    fitting = [k for k in keys if run(k)]
    if not fitting:
        return entity
    best = max(fitting, key=lambda k: (fitting.count(k), len(k)))
    # a fragment, not a fuller name: a word the body form leaves out is a common word there
    # ("top", "to", "make" in "Colts Top Jags To Make Playoffs"; "Tyler" of "Tyler Hansbrough" is not)
    # ("patches" for "Patches"); a person cut to one word needs two ("Rose Smith" stays whole)
    lower = set(re.findall(r"\b[a-z]+\b", text[end:]))
    stems = {w[:4] for w in lower if len(w) >= 4}
    common = [w for w in words if w not in best.split() and (w in lower or len(w) >= 4 and w[:4] in stems)]
    if len(common) < (2 if entity.type == "PERSON" and " " not in best else 1):
        return entity
    form = next(f for f in body if name_key(f) == best).strip()
    rest = [a for a in entity.aliases if name_key(a) != own]
    return Entity(entity.id, form, entity.type, rest, entity.mentions, entity.context_mentions)


def _alias_forms(forms: list[str]) -> dict[str, str]:
    """Name key -> surface form, the first form of each key."""
    wanted: dict[str, str] = {}
    for form in forms:
        key = name_key(form)
        if key and key not in wanted:
            wanted[key] = form.strip()
    return wanted


def add_aliases(conn: Connection, entity_id: int, forms: list[str], origin: str = "auto") -> None:
    """Record surface forms as aliases of an entity (each name key once per entity)."""
    wanted = _alias_forms(forms)
    if not wanted:
        return
    have = set(
        conn.execute(
            select(aliases.c.norm).where(aliases.c.entity_id == entity_id, aliases.c.norm.in_(list(wanted)))
        ).scalars()
    )
    rows = [
        {"entity_id": entity_id, "alias": alias, "norm": key, "origin": origin}
        for key, alias in wanted.items()
        if key not in have
    ]
    if rows:
        conn.execute(insert(aliases), rows)


def entity_keys_of(entity: Entity) -> set[tuple[str, str]]:
    """(kind, key) lookup keys of an entity: initials, a person's surname, first and last words,
    an organisation's last word when it is no kind word ("saints" of "New Orleans Saints"; a bare
    word meets it only where the article's other entities agree)."""
    out: set[tuple[str, str]] = set()
    if entity.type == "ORG" and not is_acronym(entity.name):
        words = _without_designator(name_key(entity.name)).split()
        if len(words) >= 2 and "of" not in words and len(words[-1]) >= 3 and may_alias(words[-1], ""):
            out.add(("head", words[-1]))
        if (led := country_led(entity.name)) and " " in name_key(led[1]):
            # "Air Force" of "United States Air Force": met only where the article's other entities agree
            out.add(("head", name_key(led[1])))
    for form in [entity.name, *alias_names(entity)]:
        if entity.type == "PERSON":
            form = strip_titles(form, honorifics_only=True)
        key = name_key(form)
        words = key.split()
        if len(words) < 2:
            continue
        out.add(("compact", compact_key(form)))
        out |= {("token", w) for w in (words[0], words[-1]) if len(w) >= 2}
        if is_acronym(form):  # "ISIS-K": its words find "ISIS-Khorasan", but it has no initials or surname
            continue
        if entity.type not in _NO_INITIALS and len(init := initials(form)) >= 3:
            out.add(("initials", init))
        if entity.type == "PERSON":
            last = next((w for w in reversed(words) if w not in _SUFFIXES), "")
            if len(last) >= 3:
                out.add(("surname", last))
    return out


def add_keys(conn: Connection, entity_id: int, entity: Entity) -> None:
    """Record an entity's lookup keys (each once)."""
    wanted = entity_keys_of(entity)
    if not wanted:
        return
    have = {
        (r.kind, r.key)
        for r in conn.execute(
            select(entity_keys.c.kind, entity_keys.c.key).where(
                entity_keys.c.entity_id == entity_id, entity_keys.c.key.in_({k for _, k in wanted})
            )
        )
    }
    rows = [{"entity_id": entity_id, "kind": kind, "key": key} for kind, key in sorted(wanted - have)]
    if rows:
        conn.execute(insert(entity_keys), rows)


def bump_counts(conn: Connection, entity_id: int, mentions: int) -> None:
    """Add one article and ``mentions`` mentions to an entity's counters."""
    conn.execute(
        update(entities)
        .where(entities.c.id == entity_id)
        .values(
            mention_count=entities.c.mention_count + mentions,
            article_count=entities.c.article_count + 1,
        )
    )


def bump_all(conn: Connection, per_entity: dict[int, int]) -> None:
    """Add one article and its mentions to each entity's counters (entity id -> mentions), in one statement."""
    if per_entity:
        conn.execute(
            update(entities)
            .where(entities.c.id == bindparam("entity"))
            .values(
                mention_count=entities.c.mention_count + bindparam("mentions"),
                article_count=entities.c.article_count + 1,
            ),
            [{"entity": e, "mentions": n} for e, n in per_entity.items()],
        )


__all__ += ["add_keys", "entity_keys_of", "bump_all", "alias_names", "canonical_name"]
