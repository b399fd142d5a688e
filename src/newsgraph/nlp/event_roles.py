"""Who, whom, when and where for an event trigger, read off the dependency parse.

Pure functions over spaCy tokens; ``events.py`` composes them into ``Event`` records.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..vocabulary import shared_words, speech_verbs, word_list, word_set
from .datelines import subject_past_dateline
from .event_senses import AT_TARGET_VERBS, load_senses

__all__ = [
    "LIGHT_VERBS",
    "ASPECT_VERBS",
    "clause_verb",
    "subject_of",
    "recipient_of",
    "participant",
    "participant_tier",
    "THING_TIER",
    "usable_participant",
    "np_span",
    "is_passive",
    "hypothetical_reason",
    "is_negated",
    "date_for",
    "place_for",
    "place_spans",
]

# Word lists: data/event_verbs.toml (verb classes), data/party_nouns.toml (nouns for parties),
# data/pronouns.toml and data/prepositions.toml, read once by newsgraph.vocabulary; each file says what its lists mean.
LIGHT_VERBS = word_set("event_verbs", "light")
"""Verbs that carry a nominal event ("staged a demonstration"): their subject is the event's actor."""
ASPECT_VERBS = word_set("event_verbs", "aspect")
"""Verbs whose subject is a nominal event ("the walkout began on Monday")."""
ENDING_VERBS = word_set("event_verbs", "ending")
IMPLICATIVE = word_set("event_verbs", "implicative")
MODALS = word_set("event_verbs", "modals")
COMMITMENT_MODALS = word_set("event_verbs", "commitment_modals")
WILLINGNESS = word_set("event_verbs", "willingness")
SPEECH_VERBS = speech_verbs("events")
"""Verbs whose reported clause tells of an event rather than doing it; data/speech.toml, core + events."""
OBJECT_CONTROL = word_set("event_verbs", "object_control")
GROUP_NOUNS = word_set("party_nouns", "group")
RECIPIENT_PREPS = word_list("prepositions", "recipient")
"""Prepositions whose object may be an event's target, best first (data/prepositions.toml)."""
# Types whose nominal takes "on" for its topic ("a hearing on the plan"), not a target.
TOPIC_ON = frozenset({"COURT_HEARING", "CONSULT", "AGREE", "INVESTIGATE", "DEMAND", "DISAPPROVE", "SUPPORT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = word_set("prepositions", "place")
RELATIVE_PRONOUNS = word_set("pronouns", "relative")
_UNITS = word_set("party_nouns", "units")
_NOT_PARTICIPANTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "PERCENT", "ORDINAL"})
MANDATIVE = word_set("event_verbs", "mandative")
INTRANSITIVE = word_set("event_verbs", "intransitive")
"""Verbs whose "that" clause says what someone else must do ("demanded that they leave")."""
_BOUND_PRONOUNS = word_set("pronouns", "bound")
_THING_PRONOUNS = shared_words("pronouns", "thing", "events")
QUANTIFIERS = word_set("party_nouns", "quantifiers")
_OWN = word_set("pronouns", "own")
_OWN_FORCES = word_set("party_nouns", "own_forces")
_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
HUMAN_NOUNS = GROUP_NOUNS | word_set("party_nouns", "human")
# Nouns for a place an attack can be aimed at ("a village", "the camp"): data/class_nouns.toml
PLACE_NOUNS = word_set("class_nouns", "place")
TARGET_THINGS = word_set("party_nouns", "targets")  # "demolished a house", "fired at a ship"
"""People and groups that can be the party an event is done to, short of a name."""


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds a token: itself if a verb, else the nearest verb above it."""
    t = token
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def is_passive(verb: Token) -> bool:
    """Whether a verb is passive (``were released``, ``was attacked by``)."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_main_verb(verb)
    )


def misparsed_main_verb(verb: Token) -> bool:
    """A sentence's main verb that the parser hung under its subject as a participle: the root is
    a noun ("An official newspaper called Thursday on Arabs to ...") and the verb takes what only
    an active verb takes (an object, a complement, a particle, ``on`` someone, ``by`` doing), with no
    ``by`` agent ("Five protesters arrested in Cairo." stays a passive caption)."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or head.dep_ != "ROOT":
        return False
    last = next((t for t in reversed(verb.sent) if not t.is_space), verb)
    if head.pos_ not in ("NOUN", "PROPN") or not last.is_punct:
        return False  # (a line break after the full stop is no title's missing stop)
    if verb.lemma_.lower() in INTRANSITIVE and verb.i > head.i:
        return True  # "200 teachers protested in front of the ministry": no one was protested
    preps = {c.lower_: c for c in verb.children if c.dep_ in ("prep", "agent")}
    if "by" in preps and any(p.dep_ == "pobj" for p in preps["by"].children):
        return False  # "arrested by police": a passive after all
    return any(c.dep_ in ("dobj", "dative", "oprd", "ccomp", "xcomp", "prt") for c in verb.children) or any(
        g.dep_ == "pcomp"
        and word == "by"
        or g.dep_ == "pobj"
        and word == "on"
        and g.ent_type_ not in ("DATE", "TIME")
        for word, c in preps.items()
        for g in c.children
    )


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The agent of a verb: its subject, the agent of a passive, or the controller of a complement."""
    if depth > 4:
        return None
    if is_passive(verb):
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        if verb.lemma_.lower() in WILLINGNESS:
            # "Vietnam is committed to ...", "X is prepared to ...": a state of the subject
            return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return None
    # a noun subject before a clausal one ("Visiting Indian Prime Minister X praised ..."), never
    # the dateline's city the parser made the subject ("MOSCOW (Reuters) - Russia's ... condemned")
    c = subject_past_dateline(verb, ("nsubj",)) or subject_past_dateline(verb, ("csubj",))
    if c is not None:
        if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        if (
            c.pos_ == "PRON"
            and c.lower_ in _BOUND_PRONOUNS
            and verb.dep_ == "ccomp"
            and verb.head.pos_ == "VERB"
            and verb.head.lemma_ not in MANDATIVE
        ):
            # "X said it would ...", "X denied that it was sheltering ...": in news copy the
            # pronoun is nearly always the matrix subject.
            return subject_of(verb.head, depth + 1) or c
        return c
    if verb.dep_ == "relcl" or misparsed_main_verb(verb):
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        # "protesters demanding reforms": the people; "issued a statement demanding ...": the issuer
        head = verb.head
        if participant_tier(head) < _THING:
            return head
        if head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX"):
            return subject_of(head.head, depth + 1)
        return None
    if verb.dep_ == "xcomp":
        head = verb.head
        if head.lemma_ in OBJECT_CONTROL:
            for c in head.children:
                if c.dep_ == "dobj":
                    return c
        return subject_of(head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "protested by blocking the road", "after meeting the envoy, X said": the clause's subject;
        # "was arrested for spying": the one arrested
        head = verb.head.head
        if is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
            return next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return subject_of(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.pos_ == "NOUN":
        # "a US offer to host a summit", "Israel's decision to withdraw": the owner of the offer
        owner = next((c for c in verb.head.children if c.dep_ == "poss"), None)
        return owner or next(
            (
                c
                for c in verb.head.children
                if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")
            ),
            None,
        )
    if verb.dep_ == "acomp" or verb.head.pos_ == "ADJ":
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in ("ROOT", "ccomp"):
        return _orphan_subject(verb)
    return None


def _orphan_subject(verb: Token) -> Token | None:
    """The subject the parser hung elsewhere: a finite main verb with none takes the noun phrase
    just before it, back to the last comma ("With the signing of ..., the government and the
    rebels have agreed": the parser made them conjuncts of the memorandum)."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return None
    aux = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i]
    if verb.tag_ == "VBN" and not aux:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    i = min([verb.i] + [c.i for c in aux]) - 1
    sent_start = verb.sent.start
    while i >= sent_start and verb.doc[i].pos_ in ("ADV", "PART"):
        i -= 1
    if i < sent_start or verb.doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    comma = next(
        (j for j in range(i, sent_start - 1, -1) if verb.doc[j].text in (",", ";", ":")), sent_start - 1
    )
    tok = verb.doc[i]
    while tok.dep_ in ("conj", "compound", "flat", "appos") and comma < tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
        tok = tok.head
    return tok if participant_tier(tok) < _THING else None


def recipient_of(
    trigger: Token,
    verb: Token | None,
    skip: set[int],
    etype: str = "",
    nominals: frozenset[int] | set[int] = frozenset(),
    words: tuple[Token, ...] = (),
) -> Token | None:
    """The target of an event: direct object, passive subject, or object of a targeting preposition.

    ``verb`` is the verb carrying the event (the trigger itself, or the light verb of a nominal);
    None for a nominal that stands alone. ``nominals`` are other event nouns in the sentence: not
    participants themselves, but their owner or target may be ("rejected an Australian ultimatum").
    ``words`` are the trigger phrase's own words ("imposed sanctions on X": ``sanctions``), whose
    prepositions may name the target.

    Candidates are ranked by how much they look like a party to the event: a name first, then a
    person or group ("protesters", "police"), then a named place the event happens in
    ("a curfew in Algiers"), then anything else ("the fund"). A money, quantity or date phrase is
    never a participant.
    """
    best = _recipient(trigger, verb, skip, etype, nominals, words)
    if best is None or best[0] >= _PLACE:
        # "threatened to ban voting in X", "demanded that X cancel ...": the complement's target.
        inner = _complement_recipient(trigger, verb, skip, nominals)
        if inner is not None and (best is None or inner[0] < best[0]):
            best = inner
    if (best is None or best[0] >= _THING) and etype == "THREATEN":
        # "threatened to stop talks if the United States goes ahead": the one who must meet the condition
        cond = _condition_subject(verb, skip)
        if cond is not None:
            best = cond
    if best is not None and best[0] >= _THING and etype in load_senses().party_recipient_types:
        return None  # "an inquiry into potential rule violations": a topic, not a party to the event
    return best[1] if best is not None else None


_NAME, _PARTY, _PLACE, _THING = 0, 1, 2, 3
THING_TIER = _THING  # the tier of a common noun of a thing, not a party (for the event coder)
_OWNER_PREPS = word_list("prepositions", "owner")
_TARGET_PREPS = word_list("prepositions", "target")
# Meetings and joint action happen somewhere without being done to the place.
_MEETINGS = frozenset({"CONSULT", "COOPERATE"})
_MOVE_VERBS = word_set("event_verbs", "move")
"""Verbs that move the actor's own forces: "deployed troops in X" targets X, not the troops."""


def usable_participant(tok: Token) -> bool:
    """Whether a token can stand for a party at all (not a sum, a quantity, a date or a pronoun like "that")."""
    if tok.ent_type_ in _NOT_PARTICIPANTS or tok.lemma_.lower() in _UNITS or tok.like_num:
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ not in _THING_PRONOUNS
    return tok.pos_ in ("NOUN", "PROPN")


def participant_tier(tok: Token) -> int:
    """0 a name, 1 a person or group, 3 anything else (2 is kept for places an event happens in)."""
    if _named(tok) or any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_ in _PARTY_LABELS for c in tok.children
    ):
        return _NAME  # a name, or a named group ("Palestinian detainees", "its European Community partners")
    if tok.pos_ == "PRON" or tok.lemma_.lower() in HUMAN_NOUNS or tok.lower_ in HUMAN_NOUNS:
        return _PARTY
    return _THING


def is_party_word(tok: Token) -> bool:
    """Whether the word itself names a party (a name, a pronoun, a person or group noun), not a
    thing a name only modifies ("the U.S.-Mexico border", "the Russian economy")."""
    return _named(tok) or tok.pos_ == "PRON" or tok.lemma_.lower() in HUMAN_NOUNS or tok.lower_ in HUMAN_NOUNS


def _owned_by_actor(tok: Token) -> bool:
    """ "its troops", "their forces": the actor's own, not a target."""
    return tok.lemma_.lower() in _OWN_FORCES and any(
        c.dep_ == "poss" and c.lower_ in _OWN for c in tok.children
    )


def _look_through(tok: Token, skip: set[int], depth: int = 0) -> tuple[int, Token] | None:
    """The party behind a thing or an event noun: its named modifier or the object of its preposition
    ("an Australian ultimatum", "calls by Belarus's rulers", "a camp for Congolese refugees")."""
    for c in tok.children:
        if (
            c.dep_ in ("poss", "compound", "amod", "nmod")
            and c.i not in skip
            and c.ent_type_ in _PARTY_LABELS
        ):
            return _NAME, c
    for c in tok.children:
        if c.dep_ == "poss" and c.i not in skip and c.pos_ == "NOUN" and participant_tier(c) < _THING:
            return participant_tier(c), c  # "the Russian government's refusal"
    found: list[tuple[int, int, Token]] = []
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in _OWNER_PREPS + _TARGET_PREPS:
            continue
        for p in c.children:
            if p.dep_ != "pobj" or p.i in skip or not usable_participant(p):
                continue
            tier = participant_tier(p)
            if tier < _THING:
                found.append((tier, p.i, p))
            elif depth < 1 and c.lower_ == "of":
                inner = _look_through(p, skip, depth + 1)
                if inner is not None:
                    found.append((inner[0], p.i, inner[1]))
    for c in tok.children:  # "crimes committed by Croat forces"
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for a in c.children:
                if a.dep_ == "agent":
                    for p in a.children:
                        if p.dep_ == "pobj" and p.i not in skip and usable_participant(p):
                            tier = participant_tier(p)
                            if tier < _THING:
                                found.append((tier, p.i, p))
    if not found:
        return None
    found.sort(key=lambda x: (x[0], x[1]))
    return found[0][0], found[0][2]


def participant(tok: Token | None) -> Token | None:
    """A subject or object as a party to an event: "thousands of refugees" gives the refugees; a sum,
    a quantity, a number or a date gives None ("would contribute 2 million euros")."""
    if tok is None:
        return None
    tok = _through_quantity(tok)
    if tok.lower_ in ("thousands", "hundreds", "dozens", "millions", "scores"):
        return tok  # "Thousands marched in Manila": people, though the tagger calls it a number
    if tok.ent_type_ in _NOT_PARTICIPANTS or tok.lemma_.lower() in _UNITS or tok.like_num:
        return None
    return tok


def _through_quantity(tok: Token) -> Token:
    """ "thousands of refugees", "a group of diplomats": the people, not the number."""
    if (
        tok.ent_type_ in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY")
        or tok.like_num
        or tok.lemma_.lower() in QUANTIFIERS
    ):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return tok


def _place_of(tok: Token) -> bool:
    """A named place, or "the town of X", whose people an event there is done to."""
    if tok.ent_type_ in ("GPE", "LOC"):
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(p.ent_type_ in ("GPE", "LOC") for p in c.children)
        for c in tok.children
    )


def _recipient(
    trigger: Token,
    verb: Token | None,
    skip: set[int],
    etype: str,
    nominals: frozenset[int] | set[int],
    words: tuple[Token, ...],
) -> tuple[int, Token] | None:
    heads = [trigger] if verb is None or verb.i == trigger.i else [trigger, verb]
    heads += [w for w in words if w.i not in {h.i for h in heads}]
    if verb is not None and is_passive(verb):
        for c in verb.children:
            if c.dep_ == "nsubjpass" and c.i not in skip:
                if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    c = verb.head  # "a helicopter that was captured"
                if not usable_participant(c):
                    break
                tier = participant_tier(c)
                if tier == _THING:
                    inner = _look_through(c, skip)
                    if inner is not None:
                        return inner
                return tier, c
        if verb.dep_ == "acl" and usable_participant(verb.head):
            return participant_tier(verb.head), verb.head
    # (tier, slot, position, token): slot 0 an object, then the target prepositions in order.
    candidates: list[tuple[int, int, int, Token]] = []

    word_ids = {w.i for w in words}

    def add(slot: int, tok: Token, head: Token) -> None:
        tok = _through_quantity(tok)
        if (tok.i in nominals or tok.i in word_ids) and tok.i != trigger.i:
            inner = _look_through(tok, skip)  # another event noun: its owner or target
            if inner is not None:
                candidates.append((inner[0], slot, inner[1].i, inner[1]))
            return
        if tok.i in skip or not usable_participant(tok):
            return
        tier = participant_tier(tok)
        moved = slot == 0 and head.lemma_.lower() in _MOVE_VERBS and tok.lemma_.lower() in _OWN_FORCES
        if tier == _THING or moved or _owned_by_actor(tok):
            inner = _look_through(tok, skip)
            if inner is not None:
                candidates.append((inner[0], slot, inner[1].i, inner[1]))
                return
            tier = _THING
            lemma = tok.lemma_.lower()
            if (
                slot <= 1
                and lemma in PLACE_NOUNS | TARGET_THINGS
                and etype in load_senses().place_target_types
            ):
                tier = _PLACE  # "attacked a village in Turkana": the village, not the region it is in
        candidates.append((tier, slot, tok.i, tok))

    places: list[Token] = []
    for head in heads:
        # "kidnapped up to 16 advisers": the preposition hangs off the particle
        children = [c for c in head.children] + [
            g for c in head.children if c.dep_ == "prt" for g in c.children
        ]
        for c in children:
            if c.dep_ in ("dobj", "dative"):
                add(0, c, head)
                for g in c.children:  # "evacuate all 21 settlements in the Gaza Strip"
                    # (but "signed an agreement in Accra": where it was signed, not with whom)
                    if g.dep_ == "prep" and g.lower_ == "in" and etype in load_senses().place_target_types:
                        places.extend(p for p in g.children if p.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
                if c.lower_ == "on" and head.pos_ == "NOUN" and etype in TOPIC_ON:
                    continue
                if c.i == c.sent.start:
                    continue  # "With the signing of the memorandum, ...": a fronted adverbial
                if c.lower_ == "from" and head.lemma_.lower() in AT_TARGET_VERBS:
                    continue  # "fired rockets from southern Lebanon at Kiryat Shmona": where from
                for p in c.children:
                    if p.dep_ == "pobj":
                        add(1 + RECIPIENT_PREPS.index(c.lower_), p, head)
            elif c.dep_ == "prep" and c.lower_ in ("in", "at"):
                aimed = c.lower_ == "at" and head.lemma_.lower() in AT_TARGET_VERBS
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if (
                        aimed
                        and not _place_of(p)
                        and (participant_tier(p) < _THING or p.lemma_.lower() in TARGET_THINGS | PLACE_NOUNS)
                    ):
                        add(1, p, head)  # "fired a missile at a ship": its target (not "at targets in X")
                        continue
                    if p.i in nominals:  # "in protest of the government's refusal"
                        add(len(RECIPIENT_PREPS) + 1, p, head)
                    visit = etype in _MEETINGS and c.lower_ in {w.lower_ for w in words}
                    if etype not in load_senses().place_target_types and not visit:
                        continue  # "rioted in Port-au-Prince": where, not to whom ("arrived in" X: a visit to X)
                    # "in Kirkuk"; "at this jail in northern Israel"
                    places.append(p)
                    places.extend(
                        q for g in p.children if g.dep_ == "prep" and g.lower_ == "in" for q in g.children
                    )
    if trigger.pos_ == "NOUN":
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        add(5, p, trigger)
    if etype in _MEETINGS and "in" not in {w.lower_ for w in words}:
        places = []  # "talks in Geneva"; but "arrived in Bosnia" names where the visit went
    for p in places:
        if p.i not in skip and usable_participant(p) and _place_of(p):
            candidates.append((_PLACE, 0, p.i, p))
    if not candidates:
        return None
    candidates.sort(key=lambda x: (x[0], x[1], x[2]))
    return candidates[0][0], candidates[0][3]


def _condition_subject(verb: Token | None, skip: set[int]) -> tuple[int, Token] | None:
    """The subject of an ``if``/``unless`` clause on a verb or on its complement."""
    if verb is None:
        return None
    for v in [verb] + [c for c in verb.children if c.dep_ == "xcomp"]:
        for c in v.children:
            if c.dep_ != "advcl" or not any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
            ):
                continue
            for g in c.children:
                if g.dep_ in ("nsubj", "nsubjpass") and g.i not in skip and usable_participant(g):
                    tier = participant_tier(g)
                    if tier < _THING:
                        return tier, g
    return None


def _is_purpose(clause: Token) -> bool:
    """An infinitive of purpose: "staged a strike to demand ..." (the parser makes it an adverbial
    clause, or a complement of a verb that already has its object)."""
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children):
        return False
    if clause.dep_ == "advcl":
        return True
    return clause.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in clause.head.children)


def _complement_recipient(
    trigger: Token, verb: Token | None, skip: set[int], nominals: frozenset[int] | set[int]
) -> tuple[int, Token] | None:
    """The target named in a complement clause: its subject ("demanded that X cancel ...", "its
    demand that X ease ..."), or, for a control verb or a purpose clause, its own target
    ("threatened to ban X", "offered to negotiate with X", "went on strike to demand X's resignation")."""
    heads: list[Token] = []
    if verb is not None:
        heads.append(verb)
    elif trigger.dep_ == "dobj" and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)  # "reiterated its demand that ...": the clause may hang on the verb
    if trigger.pos_ == "NOUN":
        heads.append(trigger)
    found: list[tuple[int, Token]] = []
    clauses = [c for h in heads for c in h.children if c.dep_ in ("ccomp", "xcomp", "acl")]
    for c in clauses:
        if c.dep_ in ("ccomp", "xcomp", "acl"):
            for g in c.children:
                if (
                    g.dep_ in ("nsubj", "nsubjpass")
                    and g.i not in skip
                    and usable_participant(g)
                    and g.lower_ not in RELATIVE_PRONOUNS
                    # "denied that they ...": the subject again; but "demanded that they leave"
                    and (g.lower_ not in _BOUND_PRONOUNS or c.head.lemma_ in MANDATIVE)
                ):
                    tier = participant_tier(g)
                    if tier < _THING:
                        found.append((tier, g))
                    else:
                        inner = _look_through(g, skip)
                        if inner is not None:
                            found.append(inner)
    for c in [c for h in heads for c in h.children]:
        if (c.dep_ == "xcomp" or _is_purpose(c)) and c.pos_ == "VERB":
            inner = _recipient(c, c, skip, "", nominals, ())
            if inner is not None:
                found.append(inner)
    if not found:
        return None
    return min(found, key=lambda x: x[0])


def _named(token: Token) -> bool:
    """Whether a token names a participant (an entity, or a proper noun)."""
    return token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC") or token.pos_ == "PROPN"


def np_span(token: Token, wide: bool = False) -> Span:
    """The noun phrase headed by a token: its left modifiers plus an ``of`` phrase (``wide``: also
    ``from``/``in``, as in "Doctors from two aid groups")."""
    doc = token.doc
    # A phrase hung on the noun's left is a misparse of a fronted adverbial, no part of the noun
    # phrase: "On 5 May, around 200 teachers protested" (the parser's root being "teachers").
    lefts = [c for c in token.lefts if c.dep_ not in ("prep", "advcl", "punct", "mark")]
    start = min((c.left_edge.i for c in lefts), default=token.i)
    # The left edge of a coordinated subject stops at its own words ("X and Y": X).
    end = token.i + 1
    # nor does its right edge reach past the conjunction: "herders and farmers in Benue": herders
    stop = min((c.i for c in token.children if c.dep_ in ("cc", "conj") and c.i > token.i), default=len(doc))
    for c in token.children:
        if c.i > token.i and c.dep_ in ("compound", "flat", "nummod"):
            end = max(end, c.i + 1)
        if (
            token.i < c.i < stop
            and c.dep_ == "prep"
            and (c.lower_ == "of" or (wide and c.lower_ in ("from", "in") and token.pos_ == "NOUN"))
        ):
            end = max(end, c.right_edge.i + 1)
    while start < token.i and (
        doc[start].dep_ in ("det", "punct", "cc", "predet", "preconj", "advmod")
        # "shot dead two officers": the verb's resultative, misread as the object's adjective
        or doc[start].lower_ == "dead"
        and start > 0
        and doc[start - 1].pos_ == "VERB"
    ):
        start += 1
    return doc[start:end]


def _aux_lemmas(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} | {
        c.lemma_.lower() for c in verb.children if c.dep_ == "aux"
    }


def hypothetical_reason(
    verb: Token, frames: set[int], nominal_frames: frozenset[int] | set[int] = frozenset()
) -> str | None:
    """Why a clause is not asserted as fact, or None: ``commit`` (will/ready to), ``modal``, ``if``,
    ``unless``, ``frame`` (the complement of threaten/demand/accuse..., verb or noun), ``purpose``
    (an infinitive of purpose: "to disperse them")."""
    t = verb
    for _ in range(4):
        marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
        if "unless" in marks:
            return "unless"
        if "if" in marks or "whether" in marks:
            return "if"
        aux = _aux_lemmas(t)
        if aux & COMMITMENT_MODALS:
            return "commit"
        if aux & MODALS:
            return "modal"
        if t.dep_ == "xcomp":
            head = t.head
            if head.i in frames:
                return "frame"
            if head.lemma_.lower() in WILLINGNESS:
                return "commit"
            if head.lemma_.lower() in IMPLICATIVE:
                if any(c.dep_ == "dobj" for c in head.children) and head.lemma_.lower() not in (
                    "help",
                    "get",
                ):
                    return (
                        "purpose"  # "began a hunger strike to demand ...": began the strike, not the demand
                    )
                t = head
                continue
            return "modal"
        if t.dep_ in ("ccomp", "pcomp", "pobj") and t.head.i in frames:
            return "frame"
        if t.dep_ in ("acl", "ccomp") and t.head.pos_ == "NOUN" and t.head.i in nominal_frames:
            return "frame"  # "its demand that Israel ease restrictions", "an agreement to withdraw"
        if t.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.i in nominal_frames for c in t.head.children):
            return "frame"  # "reiterated its demand that Israel ease ...", the clause hung on the verb
        if _is_purpose(t):
            return "purpose"  # "fired tear gas to disperse them": aimed at, not reported done
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.i in frames and t.head.lower_ != "by":
            # "accused X of blocking"; but "protested by blocking" is how it was done
            return "frame"
        if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
            t = t.head
            continue
        return None
    return None


def is_negated(trigger: Token, verb: Token) -> bool:
    """Whether the event is denied: ``not``/``never`` on its verb, or ``no`` before a nominal."""
    if any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "neg" for c in trigger.children):
        return True
    return trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)


def _climb_to_clause(token: Token, trigger: Token) -> Token:
    t = token
    for _ in range(10):
        if t.i == trigger.i or t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def date_for(doc: Doc, sent: Span, trigger: Token, verb: Token) -> tuple[str | None, float]:
    """The TIMEX3 value dating an event and how sure we are (1.0 same clause, 0.6 governing clause)."""
    timexes = [
        t for t in doc._.ng_timexes or [] if sent.start_char <= t.start < sent.end_char and t.on_calendar
    ]
    if not timexes:
        return None, 0.0
    governing: list[int] = []
    t = verb
    for _ in range(4):
        if t.dep_ in ("advcl", "conj", "xcomp", "relcl", "acl") and t.head.i != t.i:
            t = clause_verb(t.head)
            if t.lemma_ in SPEECH_VERBS:
                break
            governing.append(t.i)
        else:
            break
    best: tuple[float, str] | None = None
    above: list[int] = []  # the trigger and its heads up to its clause verb
    t = trigger
    for _ in range(6):
        above.append(t.idx)
        if t.i == verb.i or t.head.i == t.i:
            break
        t = t.head
    for tx in timexes:
        if any(tx.start <= idx < tx.end for idx in above):
            score = 1.0  # "three days before a court hearing" dates the hearing itself
        else:
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is None:
                continue
            anchor = _climb_to_clause(span.root, trigger)
            if anchor.i in (trigger.i, verb.i):
                score = 0.95
            elif anchor.i in governing:
                score = 0.6
            else:
                continue
        if best is None or score > best[0]:
            best = (score, tx.value or "")
    return (best[1], best[0]) if best else (None, 0.0)


def place_spans(doc: Doc, sent: Span) -> list[Span]:
    """Places in a sentence: named ones, then nominals resolved to a place ("at the port")."""
    spans = [ent for ent in sent.ents if ent.label_ in PLACE_LABELS]
    if doc._.ng_coref:
        labels = {c.id: c.label for c in doc._.ng_entities or []}
        for m in doc._.ng_coref:
            if sent.start_char <= m.start < sent.end_char and labels.get(m.entity) in PLACE_LABELS:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
    return spans


def place_for(doc: Doc, sent: Span, trigger: Token, verb: Token) -> Span | None:
    """A place named in the event's clause after a locative preposition (``in Kabul``, ``at the port``).

    A definite nominal that coreference linked to a place counts ("the last strike at the port").
    """
    anchors = {trigger.i, verb.i}
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB":
        # "A drone strike hit a car near Mogadishu, killing three": where the main clause happened
        anchors.add(verb.head.i)
    found = None
    for ent in place_spans(doc, sent):
        root = ent.root
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ not in PLACE_PREPS:
            continue
        anchor = _climb_to_clause(prep.head, trigger) if prep.head.i != trigger.i else trigger
        if anchor.i in (trigger.i, verb.i):
            return ent
        if anchor.i in anchors and found is None:
            found = ent
    return found
