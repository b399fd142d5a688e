"""Word lists and verb frames for relations.py: which predicates give which relation type, and the
shared role vocabulary of ``data/roles.toml``."""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import data_file, word_set

__all__ = [
    "Frame",
    "VERB_FRAMES",
    "NOUN_RELATIONS",
    "GROUP_PART_NOUNS",
    "RELATIVE_PRONOUNS",
    "DISPUTE_NOUNS",
    "ALLY_NOUNS",
    "ENEMY_NOUNS",
    "ROLES",
    "BEAT_ROLES",
    "BEAT_NAMES",
    "TOPIC_ROLES",
    "SUBORDINATE_PREFIXES",
    "EXTRA_EMPLOYEE_ROLES",
    "PARTY_ROLES",
    "STAT_LEADER_MODIFIERS",
    "PRACTICE_ROLES",
    "RANK_ROLES",
    "RECORD_WORDS",
    "PARTY_WORDS",
    "SPORT_STATISTICS",
    "SPORT_LEAD_PREPS",
    "CREDIT_WORDS",
    "FORMER_WORDS",
    "PARENT_NOUNS",
    "TITLE_WORDS",
    "ABBREVIATIONS",
    "GOVERNMENT_BODIES",
    "PLACE_PARTS",
    "PERSONAL_STAFF",
    "RESIDENT_NOUNS",
]


@dataclass(frozen=True)
class Frame:
    """One way a predicate expresses a relation.

    ``prep`` None means the object is the direct object; otherwise the prepositions whose object it
    is. ``reverse`` swaps subject and object ("Y founded X" -> X founded_by Y).
    """

    relation: str
    prep: frozenset[str] | None = None
    voice: str = "any"
    reverse: bool = False
    particle: str | None = None
    base: float = 0.8


def _p(*words: str) -> frozenset[str]:
    return frozenset(words)


_FOUND = [Frame("founded_by", None, "active", reverse=True), Frame("founded_by", _p("by"), "passive")]
VERB_FRAMES: dict[str, list[Frame]] = {
    "affiliate": [Frame("affiliated_with", _p("with", "to"))],
    "join": [Frame("member_of", None, "active", base=0.7)],
    "belong": [Frame("member_of", _p("to"), "active", base=0.7)],
    "lead": [
        Frame("leader_of", None, "active", base=0.7),
        Frame("leader_of", _p("by"), "passive", reverse=True),
    ],
    "head": [
        Frame("leader_of", None, "active", base=0.7),
        Frame("leader_of", _p("by"), "passive", reverse=True),
    ],
    "chair": [Frame("leader_of", None, "active", base=0.7)],
    "found": _FOUND,
    "co-found": _FOUND,
    "cofound": _FOUND,
    "establish": _FOUND,
    "form": [Frame("founded_by", _p("by"), "passive", base=0.7)],
    "create": [Frame("founded_by", _p("by"), "passive", base=0.6)],
    "start": [Frame("founded_by", _p("by"), "passive", base=0.6)],
    "set": [Frame("founded_by", _p("by"), "passive", particle="up", base=0.7)],
    "employ": [Frame("employed_by", None, "active", reverse=True), Frame("employed_by", _p("by"), "passive")],
    "hire": [Frame("employed_by", None, "active", reverse=True, base=0.7)],
    "work": [Frame("employed_by", _p("for"), "active", base=0.7)],
    "oppose": [
        Frame("opposed_to", None, "active", base=0.7),
        Frame("opposed_to", _p("to"), "passive", base=0.7),
    ],
    "ally": [Frame("ally_of", _p("with", "to"))],
    "side": [Frame("ally_of", _p("with"), "active", base=0.6)],
    "operate": [
        Frame("operates", None, "active", base=0.7),
        Frame("operates", _p("by"), "passive", reverse=True),
    ],
    # "Maria Lopez, who runs the Harbor Clinic" leads it; "Fortress runs GateHouse" operates it
    # (the labels decide which: only a person leads, only an organisation or state operates)
    "run": [
        Frame("leader_of", None, "active", base=0.7),
        Frame("operates", None, "active", base=0.7),
        Frame("operates", _p("by"), "passive", reverse=True, base=0.6),
    ],
    "own": [
        Frame("operates", None, "active", base=0.7),
        Frame("operates", _p("by"), "passive", reverse=True, base=0.7),
    ],
    # "Meetup, which it acquired in 2017": the one bought is part of the buyer
    "acquire": [
        Frame("part_of", None, "active", reverse=True, base=0.7),
        Frame("part_of", _p("by"), "passive", base=0.7),
    ],
    "base": [Frame("located_in", _p("in"), "passive", base=0.75)],
    "headquarter": [Frame("located_in", _p("in"), "passive")],
    "locate": [Frame("located_in", _p("in"), "passive", base=0.7)],
    "feud": [Frame("in_dispute_with", _p("with"), "active", base=0.7)],
    "clash": [Frame("in_dispute_with", _p("with"), "active", base=0.5)],
}

# Relational nouns in descriptions: "a member of Y", "a subsidiary of Y", "the terminal's operator".
NOUN_RELATIONS: dict[str, tuple[str, bool]] = {
    "member": ("member_of", False),
    "part": ("part_of", False),
    "subsidiary": ("part_of", False),
    "unit": ("part_of", False),
    "division": ("part_of", False),
    "branch": ("part_of", False),
    "arm": ("part_of", False),
    "wing": ("part_of", False),
    "affiliate": ("affiliated_with", False),
    "ally": ("ally_of", False),
    "enemy": ("enemy_of", False),
    "foe": ("enemy_of", False),
    "rival": ("enemy_of", False),
    "adversary": ("enemy_of", False),
    "opponent": ("opposed_to", False),
    "critic": ("opposed_to", False),
    "operator": ("operates", False),
    "owner": ("operates", False),
    "founder": ("founded_by", True),
}
# "former members of the Guild" stands for the Guild as founder / opponent / ally.
GROUP_PART_NOUNS = word_set("relation_nouns", "group_parts")  # data/relation_nouns.toml
RELATIVE_PRONOUNS = word_set("pronouns", "relative")  # data/pronouns.toml
DISPUTE_NOUNS = word_set("relation_nouns", "dispute")
ALLY_NOUNS = word_set("relation_nouns", "ally")
ENEMY_NOUNS = word_set("relation_nouns", "enemy")


def _load_roles() -> dict[str, frozenset[str]]:
    return {k: frozenset(v["words"]) for k, v in data_file("roles").items()}  # shared with resolve.kinds


ROLES = _load_roles()
"""The shared role vocabulary (``data/roles.toml``): beat and topic roles, subordinate prefixes,
party words and titles, sport statistics and results, caption credit words."""
BEAT_ROLES = ROLES["beat_roles"]
BEAT_NAMES = ROLES["beat_names"]
TOPIC_ROLES = ROLES["topic_roles"]
SUBORDINATE_PREFIXES = ROLES["subordinate_prefixes"]
EXTRA_EMPLOYEE_ROLES = ROLES["employee_roles"]
PARTY_ROLES = ROLES["party_roles"]
STAT_LEADER_MODIFIERS = ROLES["stat_leader_modifiers"]
PRACTICE_ROLES = ROLES["practice_roles"]
RANK_ROLES = ROLES["rank_roles"]
RECORD_WORDS = ROLES["record_words"]
PARTY_WORDS = ROLES["party_words"]
SPORT_STATISTICS = ROLES["sport_statistics"]
SPORT_LEAD_PREPS = ROLES["sport_lead_preps"]
CREDIT_WORDS = ROLES["credit_words"]
FORMER_WORDS = ROLES["former_words"]
PARENT_NOUNS = ROLES["parent_nouns"]
TITLE_WORDS = ROLES["title_words"]
GOVERNMENT_BODIES = ROLES["government_bodies"]
PLACE_PARTS = ROLES["place_parts"]
SAME_PLACES = ROLES["same_place"]
PERSONAL_STAFF = ROLES["personal_staff"]
RESIDENT_NOUNS = ROLES["resident_nouns"]
AT_OCCUPATIONS = ROLES["at_occupations"]
NOT_EMPLOYEES = ROLES["not_employees"]
ABBREVIATIONS = dict(w.split("=", 1) for w in ROLES["abbreviations"])
