"""Sense checks for conflict triggers: does "attack", "beat", "deploy" or "kill" here mean a political
or social conflict event, or a disaster, an accident, a disease, a sport result, business or a chore?

The vocabularies live in ``data/event_senses.toml``. :func:`judge` returns a :class:`Verdict`:
keep the event, drop it, or (for a killing with a natural or accidental cause) code it as a DEATH.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..vocabulary import shared_words, speech_verbs, word_set

__all__ = [
    "AT_TARGET_VERBS",
    "Senses",
    "Verdict",
    "ArticleFrame",
    "article_frame",
    "judge",
    "load_senses",
    "partyless",
    "weapon_doer",
]

_NAMED_PARTIES = frozenset({"NORP", "GPE", "ORG"})
# Names that are a state's or a people's whatever the sentence (an organisation may be a company).
_STATE_NAMES = frozenset({"NORP", "GPE"})
# Verbs and nouns of killing: with a natural or accidental cause they tell a death.
_KILLING = frozenset({"kill", "killing"})
# A score ("3-1", "6-4, 6-3"), not a date or a range of years.
_SCORE = re.compile(r"(?<![\d/-])\d{1,3}-\d{1,3}(?![\d/-])")
_CAUSE_PREPS = word_set("prepositions", "cause")  # data/prepositions.toml
# Types whose object is what is given or allowed: a product there is commerce, not diplomacy.
_GIVING = frozenset({"AGREE", "AID", "SUPPORT", "CONCEDE"})
_THING_PRONOUNS = shared_words("pronouns", "thing", "senses")  # data/pronouns.toml
_SPEECH = speech_verbs("events")  # data/speech.toml
# Violence between people: PLOVER codes it only when a political party or a conflict takes part.
_VIOLENCE = frozenset({"ASSAULT", "FIGHT"})
# Verbs whose "at" names a target, not a place: "fired a missile at a ship", "threw stones at
# police" (data/event_verbs.toml [at_target]; event_roles reads it too)
AT_TARGET_VERBS = word_set("event_verbs", "at_target")
# What only a transitive "strike" has: an object, a passive subject, a "by" agent.
_STRUCK = frozenset({"dobj", "nsubjpass", "agent"})


@dataclass(frozen=True)
class Senses:
    """The vocabularies of ``data/event_senses.toml``."""

    conflict_types: frozenset[str]
    scene_types: frozenset[str]
    statement_types: frozenset[str]
    party_recipient_types: frozenset[str]
    place_target_types: frozenset[str]
    ambiguous: frozenset[str]
    state_acts: frozenset[str]
    political: frozenset[str]
    social: frozenset[str]
    conflict_context: frozenset[str]
    weapons: frozenset[str]
    street_weapons: frozenset[str]
    things: frozenset[str]
    complements: dict[str, dict[str, frozenset[str]]]
    partyless_types: frozenset[str]
    party_object_triggers: frozenset[str]
    party_object_words: frozenset[str]
    partyless_triggers: frozenset[str]
    sport_article_min: int
    frames: dict[str, frozenset[str]]

    def other_sense(self, lemma: str, kinds: tuple[str, ...]) -> str | None:
        """The first of ``kinds`` whose frame holds a lemma, or None."""
        return next((k for k in kinds if lemma in self.frames.get(k, ())), None)


@lru_cache(maxsize=1)
def load_senses() -> Senses:
    """The shipped sense vocabularies, parsed once per process."""
    text = resources.files("newsgraph").joinpath("data/event_senses.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Senses(
        conflict_types=frozenset(data["conflict_types"]),
        scene_types=frozenset(data["scene_types"]),
        statement_types=frozenset(data["statement_types"]),
        party_recipient_types=frozenset(data["party_recipient_types"]),
        place_target_types=frozenset(data["place_target_types"]),
        ambiguous=frozenset(data["ambiguous"]),
        state_acts=frozenset(data["state_acts"]),
        political=frozenset(data["political"]),
        social=frozenset(data["social"]),
        conflict_context=frozenset(data["conflict_context"]),
        weapons=frozenset(data["weapons"]),
        street_weapons=frozenset(data["street_weapons"]),
        things=frozenset(data["things"]),
        partyless_types=frozenset(data["partyless"]["types"]),
        party_object_triggers=frozenset(data["party_object"]["triggers"]),
        party_object_words=frozenset(data["party_object"]["parties"]),
        partyless_triggers=frozenset(data["partyless"]["triggers"]),
        complements={
            t: {w: frozenset(v) for w, v in table.items()} for t, table in data.get("complements", {}).items()
        },
        sport_article_min=int(data["sport_article_min"]),
        frames={k: frozenset(v) for k, v in data["frames"].items()},
    )


@dataclass(frozen=True)
class ArticleFrame:
    """Counts of sport, conflict and business words over a whole article."""

    sport: int
    conflict: int
    business: int = 0

    def is_sport(self, senses: Senses) -> bool:
        """A sport report: many sport words, few conflict words."""
        return self.sport >= senses.sport_article_min and self.sport > 2 * self.conflict


def article_frame(doc: Doc) -> ArticleFrame:
    """Count the article's sport words (and scores) and business words against its conflict words."""
    senses = load_senses()
    sport = len(_SCORE.findall(doc.text))
    conflict = 0
    business = 0
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma in senses.frames["sport"]:
            sport += 1
        if lemma in senses.frames["business"]:
            business += 1
        if lemma in senses.conflict_context:
            conflict += 1
    return ArticleFrame(sport, conflict, business)


@dataclass(frozen=True)
class Verdict:
    """What to do with a conflict trigger: keep it (with a confidence penalty), drop it, or code a DEATH."""

    keep: bool
    death: bool = False
    penalty: float = 0.0
    reason: str = ""


_KEEP = Verdict(True)


def _forms(tok: Token) -> list[str]:
    """A word's lemma, and for a capitalised plural the tagger took for a name, its singular."""
    lemma, lower = tok.lemma_.lower(), tok.lower_
    return [lemma] if lemma != lower else [lemma, lower[:-1] if lower.endswith("s") else lower]


def _lemmas(tok: Token) -> list[str]:
    """A participant's head lemma and the lemmas of its modifiers ("bus crash", "Afghan civilians")."""
    return _forms(tok) + [
        w for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss") for w in _forms(c)
    ]


def _political(tok: Token | None, senses: Senses, social: bool = False, orgs: bool = True) -> bool:
    """A state, an armed group, an authority, a party (``social``: also workers, residents, crowds;
    ``orgs``: any named organisation, which may be a company or a team)."""
    if tok is None:
        return False
    if tok.ent_type_ in (_NAMED_PARTIES if orgs else _STATE_NAMES) or any(
        c.ent_type_ in ("NORP", "GPE") for c in tok.children if c.dep_ in ("compound", "amod", "poss")
    ):
        return True
    words = senses.political | senses.social if social else senses.political
    if any(w in words for w in _lemmas(tok)) or tok.lower_ in words:
        return True
    # "supporters of the two parties", "members of the militia": the group people belong to
    if not any(w in senses.political | senses.social for w in _forms(tok)):
        return False
    return any(
        p.dep_ == "pobj"
        and (p.ent_type_ in _STATE_NAMES or any(w in words for w in _lemmas(p)) or p.lower_ in words)
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
    )


def weapon_doer(tok: Token) -> bool:
    """A weapon read as the doer ("a roadside bomb exploded", "an air strike killed"): no party."""
    senses = load_senses()
    compounds = [c.lemma_.lower() for c in tok.children if c.dep_ == "compound"]
    joined = "".join(compounds) + tok.lemma_.lower()
    # the weapon itself, a strike named by one ("a drone strike", "a missile attack") or joined ("air strike")
    return tok.pos_ == "NOUN" and (
        tok.lemma_.lower() in senses.weapons
        or joined in senses.weapons
        or any(w in senses.weapons for w in compounds)
    )


def _thing(tok: Token, senses: Senses) -> bool:
    """A doer that is no party: a demonstrative ("this", "which") or a common noun of a thing
    ("revenues", "studies", "the wagon"); never a name, nor a person or group word."""
    if tok.pos_ == "PRON":
        return tok.lower_ in _THING_PRONOUNS
    if tok.pos_ != "NOUN" or tok.ent_type_ or _political(tok, senses, social=True):
        return False
    if any(c.ent_type_ for c in tok.children if c.dep_ in ("compound", "amod", "poss", "nmod")):
        return False  # "U.N. helicopters", "Google's platform": a named party's
    forms = _forms(tok)
    return any(w in senses.things or any(w in f for f in senses.frames.values()) for w in forms)


def _named_storm(tok: Token, senses: Senses) -> bool:
    """A name whose own words call it a disaster ("Cyclone Remal", "Hurricane Otis", "Typhoon Haiyan")."""
    words = [w for w in tok.subtree if w.i <= tok.i and w.dep_ in ("compound", "nmod") or w.i == tok.i]
    return any(w.lemma_.lower() in senses.frames["storm"] for w in words)


def partyless(etype: str, trigger: Token) -> bool:
    """Whether an event may be told with neither actor nor recipient ("talks could resume")."""
    senses = load_senses()
    return etype in senses.partyless_types or trigger.lemma_.lower() in senses.partyless_triggers


def _takes_party(trigger: Token, recipient: Token | None, senses: Senses) -> bool:
    """Whether a verb takes a party: its object, passive subject or recipient is a name or a person or
    group word, or it takes an infinitive ("offered to mediate")."""
    for c in trigger.children:
        if c.dep_ in ("xcomp", "ccomp") and any(a.tag_ == "TO" for a in c.children):
            return True
    takes = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    if recipient is not None:
        takes.append(recipient)
    for tok in takes:
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ == "PROPN":
            return True
        if tok.pos_ == "PRON" and tok.lower_ not in _THING_PRONOUNS | {"it", "one"}:
            return True
        if _political(tok, senses, social=True) or any(w in senses.party_object_words for w in _forms(tok)):
            return True
    return False


def _has_complement(trigger: Token, need: frozenset[str]) -> bool:
    """Whether a trigger has one of the complements it needs: a preposition, ``to`` (an infinitive
    clause) or ``that`` (a finite clause, not an ``if``/``whether`` question)."""
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "in":
        return False  # "in charge"
    for c in trigger.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in need:
            return True
        if "dobj" in need and c.dep_ == "dobj":
            return True
        if "to" in need and c.dep_ in ("xcomp", "acl") and any(a.tag_ == "TO" for a in c.children):
            return True
        if "that" in need and c.dep_ == "ccomp":
            if not any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children):
                return True
    return False


def _frame_of(tok: Token | None, senses: Senses, kinds: tuple[str, ...]) -> str | None:
    if tok is None or tok.ent_type_ in ("NORP", "GPE", "PERSON"):
        return None
    lemmas = _lemmas(tok)
    if any(w in senses.weapons for w in lemmas):
        return None  # "a car bomb explosion": a weapon, whatever else the phrase holds
    return next((f for f in (senses.other_sense(w, kinds) for w in lemmas) if f), None)


_CAUSES = ("disaster", "accident", "disease")
_THINGS = ("disease", "business", "household", "media")


def _war_weapon(trigger: Token, own: set[int], senses: Senses) -> bool:
    """Whether the trigger's own phrase names a weapon of war ("a car bomb", "an air strike")."""
    lemmas = [t.lemma_.lower() for t in trigger.doc if t.i in own]
    war = senses.weapons - senses.street_weapons
    return any(w in war for w in lemmas) or "".join(lemmas) in war


def _attribution(tok: Token) -> bool:
    """A word of who reports the event, not of the event: "police said", "according to officials",
    "security officials told reporters" (the subject of a speech verb and its modifiers)."""
    for t in (tok, tok.head) if tok.dep_ in ("compound", "amod") else (tok,):
        if t.dep_ == "nsubj" and t.head.lemma_ in _SPEECH:
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
            return True
    return False


# Prepositions that tell where something happened, not to whom (data/prepositions.toml [place]).
_WHERE_PREPS = word_set("prepositions", "place")
# Things violence is aimed at (data/party_nouns.toml [targets]): a bus attacked by rebels.
_TARGETS = word_set("party_nouns", "targets")
# People and groups of people (data/party_nouns.toml [human], [group]): never a natural cause.
_PEOPLE = word_set("party_nouns", "human") | word_set("party_nouns", "group")
# Ordinary criminals (data/party_nouns.toml [criminals]): their violence is crime, not conflict.
_CRIMINALS = word_set("party_nouns", "criminals")


def _law_enforcer(tok: Token, trigger: Token, senses: Senses) -> bool:
    """Whether a word names who arrested or held someone in another clause ("Police arrested a
    man who ..."), the state acting on the deed, not a party to it."""
    for t in (tok, tok.head) if tok.dep_ in ("compound", "amod") else (tok,):
        if t.dep_ == "nsubj" and t.head.i != trigger.i and t.head.lemma_.lower() in senses.state_acts:
            return True
    return False


def _in_relative_clause(token: Token) -> bool:
    """Whether a trigger is told in a relative clause ("a man who stabbed his brother")."""
    t = token
    for _ in range(8):
        if t.dep_ == "relcl":
            return True
        if t.head.i == t.i or t.dep_ in ("ROOT", "ccomp", "advcl"):
            return False
        t = t.head
    return False


def judge(
    etype: str,
    trigger: Token,
    own: set[int],
    actor: Token | None,
    recipient: Token | None,
    carrier: Token | None,
    sent: Span,
    article: ArticleFrame,
) -> Verdict:
    """Whether a trigger of type ``etype`` means a political or social conflict event here.

    ``own`` holds the token indices of the trigger's own phrase ("car bomb", "set fire"), never
    evidence of another sense; ``carrier`` is the verb that carries a nominal ("staged a raid").
    """
    senses = load_senses()
    lemma = trigger.lemma_.lower()
    need = senses.complements.get(etype, {}).get(lemma)
    if need is not None and not _has_complement(trigger, need):
        return Verdict(False, reason="complement")
    if etype not in senses.conflict_types:
        if actor is not None and _thing(actor, senses):
            return Verdict(False, reason="thing actor")
        if actor is not None and _named_storm(actor, senses):
            return Verdict(False, reason="cause")  # "Cyclone Remal slammed into the coast"
        if actor is None and recipient is not None and _thing(recipient, senses):
            return Verdict(False, reason="thing only")  # "please visit our website"
        if lemma in senses.party_object_triggers and trigger.pos_ == "VERB":
            if not _takes_party(trigger, recipient, senses):
                return Verdict(False, reason="no party taken")
        if etype in _GIVING and any(c.dep_ == "dobj" and _thing(c, senses) for c in trigger.children):
            return Verdict(False, reason="thing object")  # "Audi will offer the car in 13 finishes"
        return _KEEP
    killing = lemma in _KILLING
    # 1. the trigger's own modifier names another sense: "a heart attack", "air suspension"
    for c in trigger.children:
        if (
            c.i not in own
            and c.dep_ in ("compound", "amod", "nmod")
            and senses.other_sense(c.lemma_.lower(), ("disease", "business", "sport", "disaster"))
        ):
            return Verdict(False, reason="modifier")
    # 2. a natural or accidental cause as the doer: "the earthquake killed 40", "plague has killed"
    if (
        actor is not None
        and not _political(actor, senses, orgs=False)
        # people who protest are no cause: "informal traders staged a sit-in" (a trader is a
        # business word); a driver is a word of accidents, and still one
        and not (
            etype == "PROTEST"
            and actor.lemma_.lower() in _PEOPLE
            and not senses.other_sense(actor.lemma_.lower(), _CAUSES)
        )
        and _frame_of(actor, senses, _CAUSES + ("business",))
    ):
        return Verdict(False, death=killing and recipient is not None, reason="cause")
    # 3. a cause hung on the trigger or its verb: "killed in a bus crash", "died during the storm"
    heads = [h for h in (trigger, carrier) if h is not None]
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in _CAUSE_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj" and p.i not in own and _frame_of(p, senses, _CAUSES):
                        if not _political(actor, senses):
                            return Verdict(False, death=killing, reason="cause")
    # 3b. a participle telling what an accident or a disaster did: "a mine collapsed, killing 12
    # miners", "a cyclone struck the coast, killing 12 people"
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and trigger.head.pos_ in ("VERB", "AUX"):
        head = trigger.head
        doer = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (_frame_of(head, senses, _CAUSES) or _frame_of(doer, senses, _CAUSES)) and not _political(
            doer, senses
        ):
            return Verdict(False, death=killing, reason="cause")
    # 4. a thing of another sense as the object: "burn wood", "deploying buses", "prevent the disease"
    # (a target aimed "at" is what the weapon was fired at: "fired a missile at a ship" is no shipping)
    aimed = (
        recipient is not None
        and recipient.head.lower_ == "at"
        and recipient.head.head.lemma_.lower() in AT_TARGET_VERBS
    )
    objects = [None if aimed else recipient] + [
        c for h in heads for c in h.children if c.dep_ in ("dobj", "nsubjpass")
    ]
    armed = etype in _VIOLENCE and actor is not None and _political(actor, senses, orgs=False)
    for o in objects:
        if o is not None and o.i not in own and not _political(o, senses, social=True):
            if armed and o.lemma_.lower() in _TARGETS:
                continue  # "rebels attacked a bus": a target, not a ride
            if _frame_of(o, senses, _THINGS):
                return Verdict(False, reason="object")
    if etype == "PROTEST" and lemma == "strike" and trigger.pos_ == "NOUN" and weapon_doer(trigger):
        return Verdict(False, reason="weapon")  # "a drone strike", "air strikes": no walkout
    if etype == "PROTEST" and lemma == "strike" and any(c.dep_ in _STRUCK for c in trigger.children):
        # a labour strike takes no object: "struck me as odd", "was struck by a stray bullet"
        return Verdict(False, reason="object")
    # the words of the sentence, but not the trigger's own nor those of who reports it ("police said")
    words = [t for t in sent if t.i != trigger.i and t.i not in own and not _attribution(t)]
    if _in_relative_clause(trigger):
        # "Police arrested a man who stabbed his brother": who arrested him is no party to the stabbing
        words = [t for t in words if not _law_enforcer(t, trigger, senses)]
    # conflict words and weapons, but no word that has an everyday sense itself ("a late attack")
    cues = (senses.conflict_context | senses.weapons) - senses.ambiguous
    context = any(t.lemma_.lower() in cues for t in words)
    security = (actor is not None and any(w in senses.conflict_context for w in _lemmas(actor))) or context
    # 5. a sport report: a score in the sentence, two sport words, or a sport article
    sport_words = sum(1 for t in words if t.lemma_.lower() in senses.frames["sport"])
    if (_SCORE.search(sent.text) or sport_words >= 2 or article.is_sport(senses)) and not security:
        return Verdict(False, reason="sport")
    # 6. ordinary crime: violence with no state, armed group or other political party in it, nor a
    # conflict word or a weapon of war in the sentence ("a man stabbed his neighbour", "a gunman
    # shot three people outside a nightclub, police said")
    if etype in _VIOLENCE and actor is not None and actor.lemma_.lower() in _CRIMINALS:
        arms = senses.weapons - senses.street_weapons - senses.ambiguous  # not "attack", "ambush"
        if not any(trigger.doc[i].lemma_.lower() in arms for i in own):
            return Verdict(False, reason="ordinary crime")  # "armed robbers shot a security guard"
    if etype in _VIOLENCE and not (
        lemma in senses.state_acts  # "the shelling of its border posts", "an airstrike"
        or _political(actor, senses, orgs=False)
        # (a place the violence happened in is no party to it: "stabbed his wife in Kampala")
        or _political(recipient, senses, orgs=False)
        and not (recipient.dep_ == "pobj" and recipient.head.lower_ in _WHERE_PREPS)
        or any({t.lemma_.lower(), t.lower_} & (cues - senses.street_weapons) for t in words)
        or _war_weapon(trigger, own, senses)
        # "an air strike hit a convoy", "a missile struck a building": a weapon of war did it
        or actor is not None
        and weapon_doer(actor)
        and actor.lemma_.lower() not in senses.street_weapons
    ):
        return Verdict(False, reason="ordinary crime")
    ambiguous = lemma in senses.ambiguous
    if not ambiguous:
        return _KEEP
    # 7. an everyday word needs a political or social participant or a conflict frame
    social = etype in ("PROTEST", "MOBILIZE")
    # an organisation alone is no evidence for violence (a company "captures" a market, a team "fights")
    orgs = etype not in ("ASSAULT", "FIGHT", "COERCE")
    evidence = (
        context or _political(actor, senses, social, orgs) or _political(recipient, senses, social, orgs)
    )
    if lemma in senses.state_acts and not (actor is not None and _frame_of(actor, senses, _THINGS)):
        return Verdict(True, penalty=0.0 if evidence else 0.1)
    if not evidence:
        return Verdict(False, reason="no frame")
    return Verdict(True, penalty=0.05)
