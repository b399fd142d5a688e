"""What kind of violence, protest or seizure an event is: PLOVER's type and mode refined by who did
it to whom ("militants attacked a military post" is combat, FIGHT; "gunmen raided the village" an
attack, ASSAULT; "a mob set fire to houses" a riot), and the victims of violence as its recipient.

The word lists live in data/party_nouns.toml, data/event_certainty.toml and data/event_verbs.toml.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..vocabulary import data_file, word_set
from .event_certainty import armed_party, ground_taken, load_certainty, state_force, word_forms
from .event_lexicon import TriggerEntry
from .event_roles import HUMAN_NOUNS, THING_TIER, participant, participant_tier

__all__ = ["MILITARY", "NON_COMBATANTS", "UNARMED_MODES", "VIOLENT", "refine_kind"]

MILITARY = word_set("party_nouns", "military")  # data/party_nouns.toml
# Violence that is no armed combat whoever does it, and victims who do not fight back: ASSAULT.
UNARMED_MODES = frozenset({"beat", "torture", "sexual", "crowd-control"})
NON_COMBATANTS = word_set("party_nouns", "non_combatants")
# Violence: a death told as happening in it ("died in a clash") is that event, not a DEATH.
VIOLENT = frozenset({"FIGHT", "ASSAULT"})
# People violence is done to, as its direct object ("shot dead 22 villagers").
_PEOPLE = NON_COMBATANTS | HUMAN_NOUNS
# Verbs of ground taken ("recaptured the town", "seized control of the district"; event_certainty.toml).
_TAKING_GROUND = load_certainty().territory_acts | load_certainty().control_acts
_SEIZING = load_certainty().control_acts
# Plunder ("looted"): a riot's act when a crowd does it, a seizure when an armed party does.
_LOOTING = frozenset(data_file("event_certainty")["plunder_acts"])
# A raid: a search when a state's forces make it, an attack when armed men do ("gunmen raided a village").
_RAIDS = frozenset(data_file("event_certainty")["raid_acts"])
# Cutting with blades ("hacked"): an attack when an armed party does it, not a computer break-in.
_CUTTING = frozenset(data_file("event_certainty")["cutting_acts"])
# Who protests ("protesters", "demonstrators"; event_certainty.toml) and who riots (party_nouns.toml).
_RIOTERS = load_certainty().protesters | word_set("party_nouns", "rioters")
_MOBS = word_set("party_nouns", "mobs")
_VERBAL_TARGETS = word_set("event_verbs", "verbal_targets")
_VERBAL_ATTACKS = word_set("event_verbs", "verbal_attacks")


# Who bears arms for a state or a side, and the sites they hold (data/party_nouns.toml [military],
# [own_forces], [armed_targets]; data/event_certainty.toml held_sites).
_ARMED_SIDES = MILITARY | word_set("party_nouns", "own_forces") | word_set("party_nouns", "armed_targets")
_HELD = frozenset(data_file("event_certainty")["held_sites"]) | word_set("party_nouns", "armed_target_sites")
# A named side's sites ("a Taliban patrol"): data/party_nouns.toml [side_sites].
_SIDE_SITES = word_set("party_nouns", "side_sites")


def _may_fight(actor: Token | None) -> bool:
    """Who attacks an armed side in combat: an armed party, a named group or a "they" the sentence
    does not name; not civilians, protesters or a mob (whose attack is violence or a riot), nor
    nobody named ("two soldiers were killed")."""
    if actor is None:
        return False
    if actor.pos_ == "PRON" or armed_party(actor):
        return True
    if actor.ent_type_ in ("ORG", "NORP"):
        return True
    return False


def _armed_target(tok: Token) -> bool:
    """Soldiers, police or a site they hold ("a military post", "a police station", "an army
    convoy"): a target that bears arms."""
    lemma = tok.lemma_.lower()
    if lemma in _ARMED_SIDES:
        return True
    if tok.dep_ in ("compound", "poss", "amod", "nmod") and tok.head.lemma_.lower() in _SIDE_SITES:
        return True  # "ambushed a Taliban patrol": the side whose patrol it was
    # the words before it in its phrase ("a security check post", "a Nigerien army position"), or a
    # named side's post or patrol ("a Taliban patrol", "an M23 position")
    before = [c for c in tok.subtree if c.i < tok.i]
    return (
        lemma in _HELD
        and any(c.lemma_.lower() in _ARMED_SIDES for c in before)
        or (lemma in _SIDE_SITES and any(c.ent_type_ in ("ORG", "NORP") for c in before))
    )


def refine_kind(
    entry: TriggerEntry, trigger: Token, actor_tok: Token | None, recipient_tok: Token | None
) -> tuple[str, str | None, Token | None]:
    """The event's type and mode, and its recipient, once who did it to whom is known."""
    etype = entry.type
    if (
        etype == "ASSAULT"
        and actor_tok is not None
        and actor_tok.lemma_.lower() in MILITARY
        and entry.mode not in UNARMED_MODES
        and (recipient_tok is None or recipient_tok.lemma_.lower() not in NON_COMBATANTS)
    ):
        etype = "FIGHT"  # armed forces against armed forces is PLOVER's FIGHT
    elif (
        etype == "ASSAULT"
        and entry.mode is None
        and _may_fight(actor_tok)
        and recipient_tok is not None
        and _armed_target(recipient_tok)
    ):
        # "JNIM militants attacked a military post", "gunmen stormed a police station": an
        # armed party's attack on a side that bears arms is armed combat, not violence
        # against civilians
        etype = "FIGHT"
    mode = entry.mode
    if (
        etype == "ASSAULT"
        and entry.pos == "verb"
        and trigger.lemma_.lower() in _VERBAL_ATTACKS
        and any(c.dep_ == "dobj" and c.lemma_.lower() in _VERBAL_TARGETS for c in trigger.children)
    ):
        etype, mode = "DISAPPROVE", None  # "attacked the ruling": in words, not with force
    if (
        etype == "COERCE"
        and trigger.lemma_.lower() in _SEIZING
        and armed_party(actor_tok)
        and ground_taken(trigger)
    ):
        etype, mode = "FIGHT", None  # "M23 rebels seized the town of Kitshanga": ground taken
    if etype == "FIGHT" and trigger.lemma_.lower() in _TAKING_GROUND:
        # "recaptured the town of Palma from insurgents": the side it was taken from, not the town
        loser = next(
            (
                p
                for c in trigger.children
                if c.dep_ == "prep" and c.lower_ == "from"
                for p in c.children
                if p.dep_ == "pobj" and participant_tier(p) <= 1
            ),
            None,
        )
        recipient_tok = loser if loser is not None else recipient_tok
    victim = (
        next((c for c in trigger.children if c.dep_ == "dobj" and c.lemma_.lower() in _PEOPLE), None)
        if entry.type in VIOLENT
        else None
    )
    if (
        victim is not None
        and recipient_tok is not None
        and recipient_tok.i != victim.i
        and recipient_tok.dep_ != "dobj"
    ):
        # "shot dead 22 villagers in a night raid on Mamove": the people shot, not the village
        recipient_tok = participant(victim) or recipient_tok
    if (
        entry.type in VIOLENT
        and entry.pos == "verb"
        and trigger.dep_ == "conj"
        and not any(c.dep_ == "dobj" for c in trigger.children)
        and (recipient_tok is None or participant_tier(recipient_tok) >= THING_TIER)
    ):
        # "hacked and shot dead at least 22 villagers": the object both verbs share
        shared = next((c for c in trigger.head.children if c.dep_ == "dobj"), None)
        if shared is not None and shared.lemma_.lower() in _PEOPLE:
            recipient_tok = participant(shared) or recipient_tok
    if (
        etype == "FIGHT"
        and mode == "firearms"
        and recipient_tok is not None
        and (recipient_tok.lemma_.lower() in NON_COMBATANTS or recipient_tok.ent_type_ == "PERSON")
    ):
        # "soldiers opened fire on protesters", "gunmen shot dead a village chief": shots at
        # people who do not fight back are one-sided violence, PLOVER's ASSAULT
        etype, mode = "ASSAULT", None
    if (
        actor_tok is not None
        and word_forms(actor_tok) & _RIOTERS
        and (
            etype in ("FIGHT", "ASSAULT")
            and mode != "crowd-control"
            or etype == "COERCE"
            and mode in (None, "destroy")
        )
    ):
        # "rioters set fire to a police station", "protesters clashed with police": violence
        # done by a protest is the protest turned riot, not a battle nor an act of the state
        etype, mode = "PROTEST", "riot"
    if (
        etype == "COERCE"
        and mode in (None, "destroy")
        and actor_tok is not None
        and word_forms(actor_tok) & _MOBS
    ):
        etype, mode = "PROTEST", "riot"  # "a mob set fire to houses": the mob's riot
    if (
        etype == "COERCE"
        and trigger.lemma_.lower() in _SEIZING
        and armed_party(actor_tok)
        and not state_force(actor_tok)
        and any(c.dep_ == "dobj" and c.lemma_.lower() in HUMAN_NOUNS for c in trigger.children)
    ):
        etype, mode = "ASSAULT", "abduct"  # "Boko Haram fighters seized seven fishermen": taken
    if etype == "COERCE" and trigger.lemma_.lower() in _CUTTING and armed_party(actor_tok):
        etype, mode = "ASSAULT", None  # "rebels hacked villagers": with blades, not into computers
    if (
        etype == "COERCE"
        and trigger.lemma_.lower() in _RAIDS
        and armed_party(actor_tok)
        and not state_force(actor_tok)
    ):
        etype, mode = "ASSAULT", None  # "gunmen raided the village": an attack, not a search
    if (
        etype == "PROTEST"
        and mode == "riot"
        and trigger.lemma_.lower() in _LOOTING
        and armed_party(actor_tok)
    ):
        # "armed men looted a health centre": plunder by an armed party, not a riot
        etype, mode = "COERCE", "confiscate"
    return etype, mode, recipient_tok
