"""How sure an event is: the top of the confidence range only for unmistakable political events.

The event scorer's raw confidence (``events.sentence_events``) did not rank right events above wrong
ones on real pages. This module caps it by features that predict correctness (vocabularies and
thresholds in ``data/event_certainty.toml``):

- **top band** (``top``, at least): a verb trigger from the ``unambiguous`` list, in the past,
  perfect or progressive (told as fact: not a headline's present, a plan or a habit), or a noun
  trigger from ``unambiguous_nouns`` whose own phrase names its doer, in a finite clause (not "to
  pressure X into announcing an inquiry"); not part of a name; a named actor (PERSON, ORG or GPE
  entity, not a common noun named by its modifier as in "the US lawyers"; for a state act such as
  an arrest, also an authority's word: "police", "prosecutors"),
  a named recipient where the type ``needs_recipient``, outside quotation marks, in a full
  declarative sentence (no question, direct or indirect, no headline fragment, no ``|`` list
  line), in an article that is neither a sport nor a business page, neither negated nor
  hypothetical;
- also in the top band, with no name needed: violence told as fact by an armed party named by
  its kind on whom or what it struck ("gunmen killed 12 villagers"; combat only against an armed
  or named side: "security forces clashed with ADF rebels"), and a street protest by protesters
  or by a crowd the text counts ("Hundreds of farmers marched through Velden");
- otherwise the raw confidence (at most 0.99) scaled by ``cap``; by ``noun_cap`` for a noun
  trigger; by ``ambiguous_cap`` for a trigger with an everyday sense (``ambiguous`` here or in
  ``event_senses.toml``): below the band, in the raw score's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..vocabulary import data_file, word_set
from .event_roles import HUMAN_NOUNS, PLACE_NOUNS, QUANTIFIERS, TARGET_THINGS, misparsed_main_verb
from .event_senses import ArticleFrame, load_senses

__all__ = [
    "Certainty",
    "armed_party",
    "asks",
    "certain_confidence",
    "ground_taken",
    "is_fragment",
    "is_question",
    "load_certainty",
    "material",
    "state_force",
    "word_forms",
]

# A NORP name ("the British royal") is more often a modifier of the doer than the doer.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE"})
# The words that open an indirect question ("asked whether ..."): data/event_certainty.toml.
WH_WORDS = frozenset(data_file("event_certainty")["wh_words"])
_ENDINGS = ".!\"”’'"


@dataclass(frozen=True)
class Certainty:
    """The vocabularies and bands of ``data/event_certainty.toml``."""

    top: float
    cap: float
    combat_band: float
    combat_types: frozenset[str]
    combat_modes: frozenset[str]
    ambiguous_cap: float
    noun_cap: float
    unambiguous: frozenset[str]
    unambiguous_nouns: frozenset[str]
    ambiguous: frozenset[str]
    needs_recipient: frozenset[str]
    business_article_min: int
    non_political_modifiers: frozenset[str] = frozenset()
    armed_acts: frozenset[str] = frozenset()
    armed_actors: frozenset[str] = frozenset()
    protest_acts: frozenset[str] = frozenset()
    protesters: frozenset[str] = frozenset()
    combat_acts: frozenset[str] = frozenset()
    crowd_acts: frozenset[str] = frozenset()
    territory_acts: frozenset[str] = frozenset()
    control_acts: frozenset[str] = frozenset()
    intransitive_protest_acts: frozenset[str] = frozenset()
    war_weapons: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_certainty() -> Certainty:
    """The shipped certainty vocabularies, parsed once per process."""
    data = data_file("event_certainty")
    return Certainty(
        top=float(data["top"]),
        cap=float(data["cap"]),
        combat_band=float(data["combat_band"]),
        combat_types=frozenset(data["combat_types"]),
        combat_modes=frozenset(data["combat_modes"]),
        ambiguous_cap=float(data["ambiguous_cap"]),
        noun_cap=float(data["noun_cap"]),
        unambiguous=frozenset(data["unambiguous"]),
        unambiguous_nouns=frozenset(data["unambiguous_nouns"]),
        ambiguous=frozenset(data["ambiguous"]) | load_senses().ambiguous,
        needs_recipient=frozenset(data["needs_recipient"]),
        business_article_min=int(data["business_article_min"]),
        non_political_modifiers=frozenset(data.get("non_political_modifiers", [])),
        armed_acts=frozenset(data.get("armed_acts", [])),
        armed_actors=frozenset(data.get("armed_actors", [])),
        protest_acts=frozenset(data.get("protest_acts", [])),
        protesters=frozenset(data.get("protesters", [])),
        combat_acts=frozenset(data.get("combat_acts", [])),
        crowd_acts=frozenset(data.get("crowd_acts", [])),
        territory_acts=frozenset(data.get("territory_acts", [])),
        control_acts=frozenset(data.get("control_acts", [])),
        intransitive_protest_acts=frozenset(data.get("intransitive_protest_acts", [])),
        war_weapons=frozenset(data.get("war_weapons", [])),
    )


def _told_as_fact(verb: Token) -> bool:
    """Past, perfect or progressive ("arrested", "has accused", "is investigating"): not a headline's
    present, an infinitive (a plan) or a gerund."""
    if verb.tag_ in ("VBD", "VBN"):
        return True
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def is_question(sent: Span) -> bool:
    """A sentence that asks rather than reports."""
    return sent.text.rstrip().rstrip("\"”’'").endswith("?")


def is_fragment(sent: Span) -> bool:
    """A headline, a teaser or a list line rather than a full reported sentence."""
    text = sent.text.strip()
    return (
        "|" in text
        or not text
        or text[-1] not in _ENDINGS
        or len(sent) < 5
        or sent.root.pos_ not in ("VERB", "AUX")
        # "200 teachers protested in Lagos.": a full sentence whose main verb the parser hung
        # under its subject
        and not any(misparsed_main_verb(c) for c in sent.root.children)
    )


def asks(trigger: Token) -> bool:
    """A verb whose clause is an indirect question ("demanded how he could be sure"): a question."""
    return any(c.dep_ == "ccomp" and c.left_edge.lower_ in WH_WORDS for c in trigger.children)


def _named_by_modifier(actor: Token | None) -> bool:
    """A common noun named only by its modifier ("the US lawyers", "the British royal"): the name is
    where the doer comes from, not the doer, whose entity is then a guess. An armed group's own
    short name is no such modifier, whatever the tagger calls it ("JNIM militants", "M23 rebels")."""
    return (
        actor is not None
        and actor.pos_ == "NOUN"
        and not actor.ent_type_
        and any(
            c.dep_ in ("compound", "amod", "nmod")
            and c.ent_type_ in ("GPE", "NORP")
            and not (_group_acronym(c) and _armed(load_certainty(), actor))
            for c in actor.children
        )
    )


def _group_acronym(tok: Token) -> bool:
    """A short name in capitals, with or without digits: "JNIM", "M23", "ISWAP" (not "US", "UK")."""
    text = tok.text
    return len(text) >= 3 and text.upper() == text and any(ch.isalpha() for ch in text)


# A state's forces and bodies: "the Myanmar military", "Malian authorities" are the state acting.
_STATE_FORCES = (
    word_set("party_nouns", "military")
    | word_set("party_nouns", "own_forces")
    | word_set("party_nouns", "state_bodies")
)


def state_force(actor: Token | None) -> bool:
    """A state's forces or bodies ("troops", "the military", "police", "authorities"), named by the
    state or not ("the Myanmar military", "Kenyan police")."""
    return actor is not None and actor.lemma_.lower() in _STATE_FORCES


def _authority_act(lemma: str, actor_lemma: str | None) -> bool:
    """A state's act by its authorities ("police arrested", "prosecutors charged"): the doer's word
    names a political participant (event_senses.toml ``political``) and the trigger is a state act."""
    senses = load_senses()
    return actor_lemma is not None and lemma in senses.state_acts and actor_lemma in senses.political


def is_business(frame: ArticleFrame, certainty: Certainty) -> bool:
    """A business page: many business words, few conflict words."""
    return frame.business >= certainty.business_article_min and frame.business > 2 * frame.conflict


def material(etype: str, mode: str | None) -> bool:
    """Violence, protest, or property seized or destroyed: events whose surest shapes measured below
    0.9 in conflict reports (``combat_types``, ``combat_modes``), kept in a band of their own."""
    c = load_certainty()
    return etype in c.combat_types or f"{etype}/{mode}" in c.combat_modes


def word_forms(tok: Token) -> set[str]:
    """A common noun's forms to look up in a word list: its lemma, and the word itself with and
    without a plural "s" ("Rebels clashed ...": a capital may leave the plural unlemmatised)."""
    return {tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s")}


def armed_party(tok: Token | None) -> bool:
    """A party named by its armed kind or said to be armed (the shipped ``armed_actors``)."""
    return _armed(load_certainty(), tok)


def _armed(c: Certainty, tok: Token | None) -> bool:
    """A party named by its armed kind (``armed_actors``: militants, rebels, soldiers, forces), or
    people said to be armed ("unidentified armed men")."""
    if tok is None:
        return False
    return bool(word_forms(tok) & c.armed_actors) or (
        tok.lemma_.lower() in HUMAN_NOUNS
        and any(m.dep_ == "amod" and m.lower_ == "armed" for m in tok.children)
    )


def _armed_act(
    c: Certainty,
    lemma: str,
    etype: str,
    actor: Token | None,
    recipient: Token | None,
    recipient_party: bool,
    trigger: Token | None = None,
) -> bool:
    """ "Al-Shabaab militants attacked a military base", "gunmen killed 12 villagers": a violent
    act (``armed_acts``) by an armed party named by its kind (``armed_actors``: militants,
    rebels, soldiers, gunmen; never police or a lone gunman of ordinary crime). Combat
    (``combat_acts``: "security forces clashed with ADF rebels") has an armed party or a named
    one on the other side as well."""
    if lemma in c.control_acts:
        # "the Taliban seized control of Jalrez district": ground taken, told as control of a place
        return (
            etype == "FIGHT"
            and _armed(c, actor)
            and trigger is not None
            and (control_of_place(trigger) or ground_taken(trigger))
        )
    if etype not in {"ASSAULT", "FIGHT", "COERCE"} or lemma not in c.armed_acts or not _armed(c, actor):
        return False
    if lemma in c.territory_acts:
        return trigger is not None and any(o.dep_ == "dobj" and _place(o) for o in trigger.children)
    return lemma not in c.combat_acts or _armed(c, recipient) or recipient_party


# Places and sites ground is taken in ("the town of Palma", "an army base").
_TAKEN_PLACES = PLACE_NOUNS | TARGET_THINGS
# Sites an armed side holds ("seized an army post"): data/event_certainty.toml [held_sites].
_HELD_SITES = frozenset(data_file("event_certainty")["held_sites"])


def control_of_place(verb: Token) -> bool:
    """Whether a verb's object is control of a place ("seized control of the town", "took control
    of Jalrez district"), not of a company, a chamber ("the House", a building to the tagger) or a
    debate."""
    return any(
        o.dep_ == "dobj"
        and o.lemma_.lower() == "control"
        and any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(
                p.ent_type_ in ("GPE", "LOC") or not p.ent_type_ and p.lemma_.lower() in _TAKEN_PLACES
                for p in c.children
            )
            # "took control of Kouki": the parser may hang "of" on the verb
            for c in [*o.children, *verb.children]
        )
        for o in verb.children
    )


def ground_taken(verb: Token) -> bool:
    """Whether a verb of taking ("seized") takes ground: a named place, a place word or a held
    site ("seized the town of Kitshanga", "seized an army post"), not a thing ("seized weapons")."""
    return any(
        o.dep_ == "dobj" and (o.ent_type_ in ("GPE", "LOC") or o.lemma_.lower() in PLACE_NOUNS | _HELD_SITES)
        for o in verb.children
    )


def _place(tok: Token) -> bool:
    """A place or a site: a named one, or a place or target word ("the town of Palma", "a base")."""
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in _TAKEN_PLACES


def _counted_crowd(tok: Token | None) -> bool:
    """People counted in the text: "200 teachers", "hundreds of farmers", "thousands of people"."""
    if tok is None or tok.lemma_.lower() not in HUMAN_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ == "nummod" for c in tok.children):
        return True
    head = tok.head
    return head.lower_ == "of" and head.head.lemma_.lower() in QUANTIFIERS and head.head.i < tok.i


def _street_protest(
    c: Certainty,
    lemma: str,
    etype: str,
    actor_lemma: str | None,
    actor: Token | None,
    trigger: Token | None = None,
) -> bool:
    """ "Hundreds of demonstrators marched in Khartoum": a protest told by what the protesters did
    (``protest_acts``: marched, rallied, gathered) with a doer named as protesters (``protesters``),
    or by a crowd the text counts ("Around 200 teachers protested", ``crowd_acts`` only)."""
    if etype != "PROTEST":
        return False
    if (
        lemma in c.intransitive_protest_acts
        and trigger is not None
        and any(o.dep_ == "dobj" for o in trigger.children)
    ):
        return False  # "rallied support for the climate bill": another sense
    return (
        lemma in c.protest_acts
        and actor_lemma in c.protesters
        or lemma in c.crowd_acts
        and _counted_crowd(actor)
    )


def certain_confidence(
    raw: float,
    *,
    trigger: Token,
    clause: Token,
    pos: str,
    etype: str,
    actor_label: str | None,
    actor_lemma: str | None,
    actor_token: Token | None,
    recipient_named: bool,
    recipient_token: Token | None = None,
    weapon: Token | None = None,
    actor_own_name: bool = False,
    recipient_human: bool = False,
    recipient_absent: bool = False,
    recipient_struck: bool = False,
    in_quote: bool,
    sent: Span,
    frame: ArticleFrame,
    negated: bool,
    hypothetical: bool,
    mode: str | None = None,
) -> float:
    """The event's confidence: in the top band when it is unmistakable (violence, protest and
    property seized or destroyed in a band of their own under it), capped below it otherwise."""
    c = load_certainty()
    lemma = trigger.lemma_.lower()
    # "opened fire on protesters": the act is the phrase, its verb alone an everyday word
    act = (
        "shoot"
        if lemma == "open" and any(w.lower_ == "fire" and w.dep_ == "dobj" for w in trigger.children)
        else lemma
    )
    armed = _armed_act(c, act, etype, actor_token, recipient_token, recipient_named, trigger)
    street = _street_protest(c, lemma, etype, actor_lemma, actor_token, trigger)
    # "a roadside bomb killed three soldiers": a weapon of war struck; who used it is unknown
    bombed = (
        etype == "ASSAULT"
        and weapon is not None
        and lemma in c.armed_acts
        and bool(
            ({weapon.lemma_.lower()} | {m.lemma_.lower() for m in weapon.children if m.dep_ == "compound"})
            & c.war_weapons
        )
    )
    if (
        (
            pos == "verb"
            and lemma in c.unambiguous
            and _told_as_fact(trigger)
            or pos == "noun"
            and lemma in c.unambiguous_nouns  # "Schiff's impeachment inquiry", "the arrest of X by police"
            # in a clause told as fact, not a plan or a means ("to pressure X into announcing an inquiry")
            and clause.tag_ in ("VBD", "VBN", "VBZ", "VBP")
        )
        and not trigger.ent_type_  # a word of a name ("the Volatiles Investigating ... Rover")
        # "conducted epidemiological investigations": a science's sense, not a political act
        and not any(m.dep_ == "amod" and m.lower_ in c.non_political_modifiers for m in trigger.children)
        or pos == "verb"
        and (armed or bombed)
        and _told_as_fact(trigger)
        and recipient_struck
        or pos == "verb"
        and street
        and _told_as_fact(trigger)
        # against a party, or against no one the text names ("rallied outside parliament" is a
        # place, not the one protested against)
        and (recipient_absent or recipient_named)
    ) and (
        (actor_label in NAMED_LABELS or _authority_act(lemma, actor_lemma) or armed or street or bombed)
        # "the US lawyers" names the doer by its modifier; "Kovian police" is the doer's own name
        # ("the Myanmar military", "Malian authorities": the state's own forces or bodies)
        and (actor_own_name or not _named_by_modifier(actor_token) or state_force(actor_token))
        and (
            recipient_named
            or etype not in c.needs_recipient
            # "police arrested 40 protesters": an authority's act on people it does not name
            or recipient_human
            and _authority_act(lemma, actor_lemma)
            # "gunmen killed 12 villagers", "militants attacked a military base": whom or what
            # an armed party struck, named by its kind
            or recipient_struck
            and (armed or bombed)
            # "the United Nations condemned the attack": a state or a body censures a deed
            or etype == "DISAPPROVE"
            and recipient_absent
            and actor_label in ("GPE", "ORG")
        )
        and not in_quote
        and not negated
        and not hypothetical
        and not is_question(sent)
        and not asks(trigger)
        and not is_fragment(sent)
        and not frame.is_sport(load_senses())
        and not is_business(frame, c)
    ):
        if material(etype, mode):
            return c.combat_band  # measured below 0.9 in conflict reports: its own band, unconfirmed
        return max(raw, c.top)
    ceiling = c.cap
    if pos == "noun":
        ceiling = min(ceiling, c.noun_cap)
    if lemma in c.ambiguous and lemma not in c.unambiguous:
        ceiling = min(ceiling, c.ambiguous_cap)
    return raw * ceiling  # below the band, and in the raw score's order
