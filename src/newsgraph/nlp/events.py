"""The ``newsgraph_events`` component: events in the PLOVER ontology, plus everyday news events.

One linear pass over each sentence finds triggers (verbs and nominalisations, from the shipped
lexicon ``data/event_lexicon.toml``), then reads actor, recipient, date and place off the parse.

Policy on uncertain events:
- hypothetical events (``threatened to attack``, ``talks could resume``, ``if``/``unless`` clauses,
  the complement of demand/accuse) are KEPT with ``hypothetical=True`` and half the confidence;
- as PLOVER codes them, a commitment (``X will support Y``, ``X is ready to withdraw``) also yields
  an AGREE by X, and a conflictual one (``X would blockade Y``, anything ``unless``) a THREATEN;
  ``X said Y must ...`` yields a DEMAND by X on Y; ``X will not accept ...`` a REJECT;
- negated events (``has not endorsed the strike``) are kept with ``negated=True``;
- a nominal and a verb for the same event in one sentence give one event.

Confidence: the raw score below (verb or noun trigger, a named actor, quotation, depth, background
clause, sense-check penalties) is then banded by ``event_certainty``: only an unambiguous political
or legal verb with a named actor, reported in a full declarative sentence outside quotes on a page
that is no sport or business page, reaches the top band; everything else is capped below it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Event
from ..places import lookup
from ..vocabulary import shared_words, word_set
from .event_certainty import certain_confidence, control_of_place, load_certainty, material
from .event_details import add_details
from .event_kinds import NON_COMBATANTS, VIOLENT, refine_kind
from .event_lexicon import TriggerEntry, match_trigger
from .event_places import DEMONYMS, article_countries, is_place_name
from .event_roles import (
    ASPECT_VERBS,
    COMMITMENT_MODALS,
    ENDING_VERBS,
    HUMAN_NOUNS,
    LIGHT_VERBS,
    PLACE_NOUNS,
    PLACE_PREPS,
    SPEECH_VERBS,
    TARGET_THINGS,
    THING_TIER,
    clause_verb,
    date_for,
    hypothetical_reason,
    is_negated,
    is_party_word,
    is_passive,
    np_span,
    participant,
    participant_tier,
    place_for,
    place_spans,
    recipient_of,
    subject_of,
)
from .event_senses import ArticleFrame, article_frame, judge, load_senses, partyless, weapon_doer
from .extensions import EntityCluster, cluster_by_id, doc_text, entity_at, register_extensions

__all__ = ["find_events", "sentence_events"]

# Types that take a complement clause and make it hypothetical ("threatened to attack").
FRAME_TYPES = frozenset({"AGREE", "THREATEN", "DEMAND", "REJECT", "DISAPPROVE"})
COOPERATIVE = frozenset({"SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "CONSULT", "AGREE", "RELEASE"})
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "FIGHT", "PROTEST", "MOBILIZE", "INVESTIGATE"})
# Types where "X and Y did it" means X did it with Y.
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE", "FIGHT"})
# Verbs whose "in" phrase names what the gift is ("pledged 5 million dollars in aid").
GIVING_VERBS = word_set("event_verbs", "giving")  # data/event_verbs.toml
# Subordinators of a clause that sets the scene for the main one.
BACKGROUND_MARKS = word_set("subordinators", "background")  # data/subordinators.toml
# Types whose nominal takes its doers in ``of`` ("the withdrawal of the troops", "a march of farmers",
# "a meeting of foreign ministers").
INTRANSITIVE = frozenset({"RETREAT", "PROTEST", "MOBILIZE", "CONSULT"})
# What only a state's authorities do: with no agent named, the state where it was done did it.
STATE_ACTIONS = frozenset({"COERCE", "SANCTION", "INVESTIGATE"})
# People who follow a person ("supporters of X"): what they do is theirs, not the person's.
_FOLLOWERS = word_set("party_nouns", "followers")
_STRUCK = HUMAN_NOUNS | NON_COMBATANTS | TARGET_THINGS | PLACE_NOUNS
# Modifiers that make a definite nominal a new event ("the last strike"), not a mention of one.
NEW_REFERENT = shared_words("referent_modifiers", "new_referent", "events")  # data/referent_modifiers.toml
# Verbs that must take an object: with a subject and none, a headline's passive ("Two killed in ...").
OBJECT_ONLY = word_set("event_verbs", "object_only")
# Events that happen on a scene, which the headline's place may locate when the sentence names none.
SCENE_TYPES = frozenset({"PROTEST", "MOBILIZE", "COERCE", "ASSAULT"})


def _trigger_text(token: Token, entry: TriggerEntry) -> tuple[str, int, int]:
    """Trigger words and their char span: the head plus the words its phrase needed."""
    tokens = [token]
    if entry.needs:
        for c in token.subtree:
            if c.lemma_.lower() in entry.needs and c.i != token.i and abs(c.i - token.i) <= 4:
                tokens.append(c)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return doc_text(token.doc)[start:end], start, end


def _role(
    doc: Doc, token: Token | None, wide: bool = False, floor: int = -1, victim: bool = False
) -> tuple[str | None, str | None, Span | None]:
    """(entity id, text, span) for a participant token; ``floor``: no word before this character
    offset belongs to it (the end of a dateline the parser ran into the phrase)."""
    if token is None:
        return None, None, None
    appos = _person_beside(token)
    if appos is None and token.pos_ == "NOUN" and token.lemma_.lower() in _ROLE_NOUNS:
        # "The artistic director of Galway's Quayside Theatre, Ruairi Cosgrave, has resigned": the
        # parser hangs the holder's name on the body the role is of
        appos = next(
            (
                a
                for p in token.children
                if p.dep_ == "prep" and p.lower_ in ("of", "for", "at")
                for b in p.children
                if b.dep_ == "pobj"
                for a in [_person_beside(b)]
                if a is not None
            ),
            None,
        )
    role = None
    if appos is not None and token.ent_type_ != "PERSON":
        # "Meridian's chief executive, Ingrid Holm": the person acts, and the text keeps the role
        role, token = np_span(token, wide), appos
    span = np_span(token, wide)
    if span[-1].dep_ == "prep" and not any(c.dep_ == "pobj" for c in span[-1].children):
        # "Thousands of supporters of the main opposition party CHADEMA marched": the parser cut the
        # phrase at its last preposition; its words run on to the verb
        end = span.end
        while end < token.sent.end and doc[end].pos_ in _PHRASE_POS:
            end += 1
        span = doc[span.start : end]
    if span.start_char < floor <= token.idx:
        span = doc.char_span(floor, span.end_char, alignment_mode="expand") or span
    # the name the head word belongs to acts, not a longer name among its modifiers
    # ("South Dakota Gov. Kristi Noem is defending ...": Kristi Noem, not South Dakota)
    cluster = _mention_of(doc, token) or entity_at(doc, span.start_char, span.end_char)
    if cluster is not None and cluster.label == "NORP":
        # "the German private equity firm Weiss Kapital": the firm named in the phrase, not its nationality
        inside = [
            (s.end_char, c)
            for c in doc._.ng_entities or []
            if c.label not in ("NORP", "GPE", "LOC")
            for s in c.spans
            if span.start_char <= s.start_char and s.end_char <= span.end_char
        ]
        if inside:
            cluster = max(inside, key=lambda x: x[0])[1]
        elif (
            token.tag_ == "NN"
            and token.lemma_.lower() not in HUMAN_NOUNS
            and not any(sp.start <= token.i < sp.end for sp in cluster.spans)
        ):
            # "the German private equity firm": one firm, which its nationality does not name (but "the
            # Malian government", "the Ukrainian president" are the country's)
            cluster = None
    if (
        cluster is not None
        and token.pos_ == "NOUN"
        and token.lemma_.lower() in NON_COMBATANTS
        and any(c.dep_ == "prep" for c in token.children)
        and not any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.ent_type_ for c in token.children)
    ):
        # "300 residents of Tillaberi", "students of Kabul University": people of a place or a
        # body, not the place or the body itself
        cluster = None
    if (
        victim
        and cluster is not None
        and token.pos_ == "NOUN"
        and token.lemma_.lower() in HUMAN_NOUNS
        and not any(start <= token.idx < end for start, end in cluster.mentions)
        and not any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.ent_type_ for c in token.children)
    ):
        # "killed a leader of the Landless Workers' Movement", "engaged troops on the outskirts of
        # Odaisseh": violence is done to the people struck, not to the body or place they are of
        cluster = None
    if cluster is not None and token.lemma_.lower() in _FOLLOWERS and cluster.label == "PERSON":
        # "supporters of opposition candidate Venancio Mondlane marched": they did, not he
        cluster = None
        span = doc[token.left_edge.i : token.right_edge.i + 1]
    if cluster is not None and _in_brackets_after(doc, token, cluster):
        # "raided Kan Gyi village (Myinmu, Sagaing)": the district in brackets says where it is
        cluster = None
    if cluster is not None and token.pos_ == "NOUN" and _in_place_phrase(token, cluster):
        named = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_]
        if not named:
            # "Police in Nakuru arrested a man": the police of the town, not the town
            cluster = None
        else:
            # "China's embassy in Manila criticised the visit": China's, not the town it is in
            owner = next((o for o in (_mention_of(doc, c) for c in named) if o is not None), None)
            if owner is not None:
                cluster = owner
    if cluster is None and token.pos_ == "NOUN":
        cluster = _named_by_head(doc, token)
    text = span.text
    if role is not None and role.end <= span.start:
        text = doc_text(doc)[role.start_char : span.end_char]
    if token.pos_ == "PRON" and cluster is not None:
        text = cluster.name
    return (cluster.id if cluster else None), text, span


def _person_beside(token: Token) -> Token | None:
    """A person's name set in apposition to a word, not in brackets ("Kan Gyi village (Myinmu,
    Sagaing)": where it is)."""
    return next(
        (
            c
            for c in token.children
            if c.dep_ == "appos" and c.ent_type_ == "PERSON" and token.doc[c.i - 1].text != "("
        ),
        None,
    )


# Nouns of a post a person holds (data/role_words.toml): "the director of X, NAME" is NAME.
_ROLE_NOUNS = (
    word_set("role_words", "leader") | word_set("role_words", "employee") | word_set("role_words", "other")
)

# The parts of speech a noun phrase runs on with ("of the main opposition party CHADEMA").
_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "CCONJ", "PART"})


def _in_brackets_after(doc: Doc, token: Token, cluster: EntityCluster) -> bool:
    """Whether every mention of the cluster near the token is in brackets after it ("village (Myinmu,
    Sagaing)"), as ACLED's notes name a place's district and region."""
    sent = token.sent
    near = [(s, e) for s, e in cluster.mentions if sent.start_char <= s < sent.end_char]
    text = doc.text
    return bool(near) and all(
        s > token.idx and "(" in text[token.idx : s] and ")" not in text[token.idx : s] for s, e in near
    )


def _in_place_phrase(token: Token, cluster: EntityCluster) -> bool:
    """Whether the cluster is named as where a common noun is ("police in Nakuru", "troops at the
    border post", "embassy in Manila")."""
    return any(
        start <= p.idx < end
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS
        for p in c.children
        if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC", "FAC")
        for start, end in cluster.mentions
    )


def _mention_of(doc: Doc, token: Token) -> EntityCluster | None:
    """The entity one of whose own mentions holds this (proper noun) token."""
    if token.pos_ != "PROPN":
        return None
    for cluster in doc._.ng_entities or []:
        if any(sp.start <= token.i < sp.end for sp in cluster.spans):
            return cluster
    return None


def _in_own_name(doc: Doc, entity_id: str | None, token: Token | None) -> bool:
    """Whether the token is a word of one of its entity's own mentions ("police" in the entity
    "Kovian police"), not a common noun the entity only modifies ("the US lawyers")."""
    cluster = cluster_by_id(doc, entity_id) if entity_id is not None else None
    return (
        token is not None
        and cluster is not None
        and any(sp.start <= token.i < sp.end for sp in cluster.spans)
    )


def _label(doc: Doc, entity_id: str | None) -> str | None:
    """The entity label (PERSON, ORG, ...) of an event party's cluster."""
    cluster = cluster_by_id(doc, entity_id) if entity_id is not None else None
    return cluster.label if cluster is not None else None


def _named_by_head(doc: Doc, token: Token) -> EntityCluster | None:
    """The one organisation whose name holds a common noun ("Police" -> "Alder police department")."""
    word = token.lower_
    found = [
        c for c in doc._.ng_entities or [] if c.label == "ORG" and word in {w.lower() for w in c.name.split()}
    ]
    return found[0] if len(found) == 1 else None


def _is_light(verb: Token) -> bool:
    """Whether a verb carries a nominal event; forgiving of lemmatizer slips ("staged" -> "stag")."""
    word = verb.lower_
    return any(w in LIGHT_VERBS for w in (verb.lemma_, word, word[:-1], word[:-2], word[:-3]))


def _governing(trigger: Token) -> Token | None:
    """The verb that carries a nominal trigger: ``staged`` in ``staged a demonstration``."""
    head = trigger.head
    if trigger.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head
    if trigger.dep_ == "pobj" and head.lower_ in ("of", "in") and head.head.dep_ in ("dobj", "dative"):
        # "provided 25,000 tons of food aid", "launched 10 days of war games", "gave 200 million
        # crowns in assistance": the amount's verb
        amount = head.head
        if amount.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL", "DATE", "TIME") or any(
            c.dep_ == "nummod" for c in amount.children
        ):
            return amount.head if amount.head.pos_ in ("VERB", "AUX") else None
    if (
        trigger.dep_ == "pobj"
        and head.lower_ == "under"
        and head.head.pos_ == "VERB"
        and head.head.lemma_ in ("put", "place", "keep", "hold")
    ):
        return head.head  # "was placed under arrest", "put X under investigation": the verb does it
    if (
        trigger.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.lemma_ == "responsibility"
        and head.head.dep_ == "dobj"
        and head.head.head.lemma_ in ("claim", "admit", "accept", "take")
    ):
        return head.head.head  # "claimed responsibility for the attack": the claimer did it
    if trigger.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ in ("go", "stay", "remain"):
        return head.head  # "went on hunger strike", "remained on strike"
    if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("for", "in", "into"):
        verb = head.head
        if verb.pos_ == "VERB" and verb.lemma_ in (
            "participate",
            "join",
            "take",
            "engage",
            "converge",
            "gather",
            "return",
            "arrive",
            "come",
            "travel",
            "meet",
        ):
            return verb
        if head.lower_ == "in" and verb.pos_ == "VERB" and verb.lemma_ in GIVING_VERBS:
            return verb  # "gave Haiti 40 million dollars in assistance"
    return None


_OPEN_QUOTES = "\u201c\u00ab"
_CLOSE_QUOTES = "\u201d\u00bb"


def _in_quote(sent: Span, token: Token) -> bool:
    """Whether a token sits inside quotation marks opened earlier in its sentence."""
    before = sent.doc.text[sent.start_char : token.idx]
    opened = sum(before.count(q) for q in _OPEN_QUOTES) - sum(before.count(q) for q in _CLOSE_QUOTES)
    return opened > 0 or before.count('"') % 2 == 1


def _is_country(sent: Span, token: Token) -> bool:
    """Whether a place name is a country's (whose authorities act), not a town's ("in Velmar")."""
    ent = next((e for e in sent.ents if e.start <= token.i < e.end), None)
    record = lookup(ent.text if ent is not None else token.text)
    return record is not None and record.get("lat") is None


def _reduced_passive(verb: Token) -> bool:
    """A headline-style passive the parser read as active: "Protesters killed in Dravia", a verb that
    must take an object (kill, arrest, wound) with a subject, no object and no auxiliary."""
    if verb.lemma_.lower() not in OBJECT_ONLY or verb.tag_ not in ("VBN", "VBD"):
        return False
    kids = list(verb.children)
    if any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp", "prt", "aux", "auxpass", "agent") for c in kids):
        return False
    subject = next((c for c in kids if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ != "PRON"


def _purpose(clause: Token) -> bool:
    """ "to demand ..." after "began a strike": a purpose, not a judgement on the object."""
    return (
        clause.pos_ == "VERB"
        and clause.lemma_ != "be"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
    )


def _by_agent(noun: Token) -> Token | None:
    """``by`` X on a noun, or hung by the parser on its complement ("the expulsion of two
    diplomats by Sudan", "threats against journalists by militia leaders")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "to", "into") and c.i > noun.i:
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                for b in p.children:
                    if b.dep_ == "prep" and b.lower_ == "by":
                        agent = next((a for a in b.children if a.dep_ == "pobj"), None)
                        if agent is not None and participant_tier(agent) < THING_TIER:
                            return agent
    return None


def _nominal_actor(trigger: Token, etype: str) -> Token | None:
    """The party a nominal names as doing it: its possessor, ``by`` X (``from`` X for aid), ``of`` X
    for an event done by its own doers ("the withdrawal of Syrian troops"), or a named modifier
    ("an Israeli raid")."""
    for c in trigger.children:
        if c.dep_ == "poss":
            return c
    for c in trigger.children:
        if c.dep_ == "prep" and (c.lower_ == "by" or c.lower_ == "from" and etype == "AID"):
            # "attacks by X"; "food aid from X": the giver
            for p in c.children:
                if p.dep_ == "pobj" and (c.lower_ == "by" or participant_tier(p) < THING_TIER):
                    return p
    if etype in INTRANSITIVE:
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and participant_tier(p) < THING_TIER:
                        return p
    for c in trigger.children:
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"):
            return c
    return None


def _background(verb: Token) -> bool:
    """Whether a clause tells what came before or around the news: a time clause ("after the jet
    shot down ...", "since troops entered ...") hung on another clause."""
    t = verb
    for _ in range(3):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in t.children):
            return True
        if t.dep_ != "conj" or t.head.i == t.i:
            return False
        t = t.head
    return False


def _clause_party(trigger: Token) -> Token | None:
    """The subject of the clause a joint-event noun is an adverbial of ("despite hours of talks",
    "after two days of negotiations"); never a reporting verb's subject ("sources said")."""
    t = trigger
    for _ in range(3):
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            return None
        t = t.head.head
        if t.pos_ in ("VERB", "AUX"):
            break
        if not (
            t.ent_type_ in ("TIME", "DATE", "CARDINAL")
            or t.lemma_.lower() in ("hour", "day", "week", "month", "round", "year")
        ):
            return None  # "the fate of the talks": a thing's, not the clause's
    else:
        return None
    if t.pos_ not in ("VERB", "AUX") or t.lemma_ in SPEECH_VERBS:
        return None
    subject = participant(subject_of(t))
    if subject is None or subject.pos_ == "PRON" and subject.lower_ in ("it", "this", "that"):
        return None
    return subject


# "Thousands protested": a crowd counted, not a speaker (data/party_nouns.toml [quantifiers])
_CROWD_WORDS = word_set("party_nouns", "quantifiers")
_DEMONSTRATE = TriggerEntry(type="PROTEST", mode="demonstrate", head="protest", needs=(), pos="verb")


def _crowd_protest(token: Token, entry: TriggerEntry) -> TriggerEntry:
    """ "Hundreds of students protested on Monday": a crowd that protests with no object and no
    reported clause marches; "the union protested the decision" or "... protested that ..." speaks."""
    if entry.type != "DISAPPROVE" or entry.pos != "verb" or token.lemma_.lower() != "protest":
        return entry
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") for c in token.children):
        return entry
    subject = subject_of(token)
    if subject is None or subject.tag_ not in ("NNS", "NNPS"):
        return entry
    people = subject.lemma_.lower() in HUMAN_NOUNS or subject.lemma_.lower() in _CROWD_WORDS
    return _DEMONSTRATE if people else entry


def sentence_events(
    doc: Doc,
    sent: Span,
    mentioned: dict[str, set[tuple[int, int]]] | None = None,
    frame: ArticleFrame | None = None,
) -> list[tuple[Event, Token]]:
    """Events in one sentence, each with its trigger token (before cross-sentence clean-up).

    ``mentioned`` collects, per type, the sentences whose words name such an event at all;
    ``frame`` is the article's sport/conflict word count (computed from the doc when not given).
    """
    if frame is None:
        frame = article_frame(doc)
    dateline = _DATELINE.match(doc_text(doc)[:120])
    dateline_end = dateline.end() if dateline is not None else -1
    matches: dict[int, TriggerEntry] = {}
    for token in sent:
        found = match_trigger(token)
        if found is not None:
            matches[token.i] = _crowd_protest(token, found[0])
    if not matches:
        return _banded(_merge(_must_demands(doc, sent)))  # "X said Y must ..." needs no trigger word
    frames = {i for i, e in matches.items() if e.type in FRAME_TYPES and e.pos == "verb"}
    nominal_frames = {i for i, e in matches.items() if e.type in FRAME_TYPES and e.pos == "noun"}
    if mentioned is not None:
        for entry in matches.values():
            mentioned.setdefault(entry.type, set()).add((sent.start_char, sent.end_char))
    events: list[tuple[Event, Token]] = []
    for i, entry in matches.items():
        trigger = doc[i]
        if trigger.dep_ in ("compound", "amod"):
            continue  # "strike fund", "aid groups": the noun modifies another noun
        if (
            entry.type == "DEATH"
            and entry.pos == "verb"
            and any(
                c.dep_ in ("dobj", "prt") and c.lemma_.lower() not in entry.needs for c in trigger.children
            )
        ):
            continue  # "will drown out background noise": dying takes no object
        if entry.type == "DEATH" and any(
            c.dep_ == "prep"
            and c.lower_ in ("in", "during")
            and any(
                p.dep_ == "pobj" and matches.get(p.i) is not None and matches[p.i].type in VIOLENT
                for p in c.children
            )
            for c in trigger.children
        ):
            continue  # "died in an exchange of fire with soldiers": the fight is the event, coded from its noun
        if "control" in entry.needs and not control_of_place(trigger):
            continue  # "took control of the Senate", "of the board": power or ownership, not ground
        confidence = 0.8 if entry.pos == "verb" else 0.65
        actor_tok: Token | None = None
        carrier: Token | None = None  # the verb whose objects are the event's
        gov: Token | None = None
        if entry.pos == "verb":
            carrier = trigger
            verb = trigger
            actor_tok = subject_of(verb)
            if actor_tok is not None and matches.get(actor_tok.i, entry).pos == "noun":
                # "A protest by farmers blocked the highway": the farmers, not the protest
                actor_tok = (
                    _nominal_actor(actor_tok, matches[actor_tok.i].type) or _by_agent(actor_tok) or actor_tok
                )
            elif (
                actor_tok is not None
                and actor_tok.pos_ == "NOUN"
                and participant_tier(actor_tok) == THING_TIER
            ):
                # "A raid on a camp by government forces killed 12": the forces
                by = next(
                    (
                        a
                        for c in actor_tok.children
                        if c.dep_ == "prep" and c.lower_ == "by"
                        for a in c.children
                        if a.dep_ == "pobj"
                    ),
                    None,
                )
                actor_tok = by or _by_agent(actor_tok) or actor_tok
        else:
            gov = _governing(trigger)
            verb = clause_verb(trigger)
            if gov is not None and gov.i in matches:
                continue  # the verb trigger stands for it ("welcomed the deal", "called off the strike")
            if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
                continue  # "released without charge", "withdrew without a fight": it did not happen
            if (
                trigger.dep_ == "pobj"
                and trigger.head.head.i in matches
                and trigger.head.lower_
                in (
                    "for",
                    "against",
                    "of",
                    "to",
                    "on",
                )
            ):
                continue  # "called for sanctions", "accused of ..."
            if trigger.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in ENDING_VERBS:
                continue  # "the strike ended": an end, not the event
            actor_tok = _nominal_actor(trigger, entry.type)
            if gov is not None and (
                any(
                    c.dep_ in ("oprd", "ccomp") or c.dep_ == "xcomp" and not _purpose(c) for c in gov.children
                )
                or gov.lemma_ == "call"
                and any(c.lower_ == "the" for c in trigger.children)
            ):
                gov = None  # "called the agreement painful": a judgement, not the event
            # "staged a strike"; "joined in the protest", "returned for talks" (the verb that takes part)
            light = gov is not None and (_is_light(gov) or trigger.dep_ == "pobj")
            if light:
                carrier = gov
                if actor_tok is None:
                    actor_tok = subject_of(gov)
                    confidence = 0.75
            if gov is not None and gov.lemma_ in ENDING_VERBS:
                continue
            if (
                gov is not None
                and actor_tok is not None
                and actor_tok.pos_ == "PRON"
                and actor_tok.dep_ == "poss"
            ):
                # "their forces completed their withdrawal", "the union repeated its demand": the
                # verb's subject names them (but "the board accepted his resignation": he resigned)
                subj = subject_of(gov)
                if subj is not None and (
                    actor_tok.lower_ not in ("his", "her")
                    or subj.ent_type_ == "PERSON"
                    or subj.lower_ in ("he", "she")
                ):
                    actor_tok = subj
            determiners = {c.lower_ for c in trigger.children if c.dep_ == "det"}
            # "the last strike", "the bombing of a bus": told here in full, not an anaphor
            modified = any(c.lemma_.lower() in NEW_REFERENT for c in trigger.children) or any(
                c.dep_ == "prep" and c.lower_ in ("of", "on", "against") for c in trigger.children
            )
            carried = light
            aspect = trigger.dep_ == "nsubj" and verb.lemma_ in ASPECT_VERBS
            if (
                actor_tok is None
                and not carried
                and not aspect
                and not modified
                and determiners & {"the", "this", "that", "these", "those", "its", "their"}
            ):
                # A bare definite nominal ("the strike had cost") mentions an event told elsewhere.
                continue
        actor_tok = participant(actor_tok)
        if actor_tok is not None and actor_tok.idx < dateline_end:
            # "KABUL, Afghanistan (AP) — Police arrested ...": a dateline does nothing; the parser
            # may give the verb a second subject after it ("GOMA (Reuters) - M23 rebels seized")
            actor_tok = participant(
                next(
                    (
                        c
                        for c in (carrier or verb).children
                        if c.dep_ == "nsubj" and c.idx >= dateline_end and c.i != actor_tok.i
                    ),
                    None,
                )
            )
        if actor_tok is None and entry.type in STATE_ACTIONS and carrier is not None and is_passive(carrier):
            # "was arrested in Lebanon", "was put under investigation in Italy": the state whose
            # authorities did it
            actor_tok = next(
                (
                    p
                    for h in (carrier, trigger)
                    for c in h.children
                    if c.dep_ == "prep"
                    and (c.lower_ == "in" or c.lower_ == "from" and entry.type == "SANCTION")
                    for p in c.children
                    if p.dep_ == "pobj" and p.ent_type_ == "GPE" and _is_country(sent, p)
                ),
                None,
            )
        if actor_tok is None and entry.pos == "noun" and entry.type in SYMMETRIC and carrier is None:
            # "X and Y failed to agree despite hours of talks": the parties to a joint event named
            # in an adverbial phrase are the clause's subject
            actor_tok = _clause_party(trigger)
            if actor_tok is not None:
                confidence -= 0.1
        # Neither the trigger's own words nor other event nouns are participants.
        skip = {trigger.i} | {j for j, e in matches.items() if e.pos == "noun"}
        skip |= {c.i for c in trigger.children if c.lemma_.lower() in entry.needs}
        if carrier is not None and trigger.dep_ == "pobj" and trigger.head.head.head.i == carrier.i:
            skip.add(trigger.head.head.i)  # "claimed responsibility for the attack": a link, not a party
        if actor_tok is not None:
            skip.add(actor_tok.i)
        nominals = {j for j, e in matches.items() if e.pos == "noun"}
        place = place_for(doc, sent, trigger, verb)
        words = tuple(c for c in trigger.children if c.lemma_.lower() in entry.needs)
        recipient_tok = recipient_of(trigger, carrier, skip, entry.type, nominals, words)
        if entry.pos == "verb" and _reduced_passive(trigger) and actor_tok is not None:
            # "More than 100 protesters killed in Dravia": the victims, never the doers
            recipient_tok, actor_tok = actor_tok, None
        if (
            recipient_tok is not None
            and actor_tok is None
            and place is not None
            and place.start <= recipient_tok.i < place.end
        ):
            recipient_tok = None  # "were killed in Dravia": the place of the event, not its target
        if actor_tok is None and entry.pos == "noun":
            # "clashes between the army and the rebels", "talks between X and Y": the two sides
            pair = next(
                (
                    p
                    # "clashes broke out between herders and farmers": the sides hang on the verb
                    for h in ([trigger, trigger.head] if trigger.dep_ == "nsubj" else [trigger])
                    for c in h.children
                    if c.dep_ == "prep" and c.lower_ == "between"
                    for p in c.children
                    if p.dep_ == "pobj" and any(g.dep_ == "conj" for g in p.children)
                ),
                None,
            )
            if pair is not None:
                other = next(g for g in pair.children if g.dep_ == "conj")
                if participant(pair) is not None and participant(other) is not None:
                    actor_tok, recipient_tok = participant(pair), participant(other)
        if (
            actor_tok is not None
            and entry.type in SYMMETRIC
            and (recipient_tok is None or participant_tier(recipient_tok) >= THING_TIER)
        ):
            # "X and Y discussed the crisis": Y is the partner, the crisis only the topic
            conj = [c for c in actor_tok.children if c.dep_ == "conj"]
            if conj:
                recipient_tok = participant(conj[0]) or recipient_tok
        etype, mode, recipient_tok = refine_kind(entry, trigger, actor_tok, recipient_tok)
        own = {trigger.i} | {c.i for c in trigger.subtree if c.lemma_.lower() in entry.needs}
        verdict = judge(etype, trigger, own, actor_tok, recipient_tok, carrier, sent, frame)
        if not verdict.keep and not verdict.death:
            continue  # another sense: a disaster, an accident, a match, a market, a chore
        if verdict.death:
            # "the earthquake killed 40 people": a death with a natural or accidental cause, no actor
            etype, mode, actor_tok = "DEATH", None, None
            confidence -= 0.1
        confidence -= verdict.penalty
        weapon = None
        if actor_tok is not None and weapon_doer(actor_tok):
            # "a roadside bomb wounded three soldiers": the weapon, not who used it
            weapon, actor_tok = actor_tok, None
        actor_id, actor_text, _ = _role(doc, actor_tok, wide=True, floor=dateline_end)
        recipient_id, recipient_text, _ = _role(doc, recipient_tok, victim=etype in VIOLENT)
        if actor_text is None and recipient_text is None and not partyless(etype, trigger):
            # "please visit our site", "today's best deals", "584 deaths": nobody does it to anybody
            continue
        if recipient_id is not None and recipient_id == actor_id:
            recipient_id = None  # "asked its own members": not an event between two parties
        reason = hypothetical_reason(verb, frames - {i}, nominal_frames - {i})
        if (
            entry.pos == "noun"
            and carrier is None
            and trigger.dep_ == "pobj"
            and (
                trigger.head.lower_ not in ("for", "toward", "towards")
                or any(
                    c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "these", "those")
                    for c in trigger.children
                )
            )
        ):
            # "would retaliate for the bombing of a bus", "vowed to punish those behind the attack":
            # what the clause reacts to took place, whatever the clause's own mood (but "would
            # press for sanctions" is a goal)
            reason = None
        negated = is_negated(trigger, verb)
        if entry.pos == "noun" and not negated and gov is not None:
            negated = is_negated(gov, gov)
        date, date_conf = date_for(doc, sent, trigger, verb)
        text, t_start, t_end = _trigger_text(trigger, entry)
        if actor_id is not None:
            confidence += 0.1
        elif actor_text is None:
            confidence -= 0.1  # nobody named as doing it: a weaker fact
        quoted = _in_quote(sent, trigger)
        if quoted:
            confidence -= 0.1  # a speaker's words, not the reporter's
        depth = 0
        t = trigger
        while t.head.i != t.i and depth < 10:
            t, depth = t.head, depth + 1
        confidence -= 0.02 * depth
        if _background(verb):
            confidence -= 0.1  # "one day after a jet shot down a helicopter": the news is elsewhere
        if reason is not None:
            confidence *= 0.5
        if negated:
            confidence *= 0.6
        event = Event(
            type=etype,
            start=sent.start_char,
            end=sent.end_char,
            mode=mode,
            actor=actor_id,
            recipient=recipient_id,
            actor_text=actor_text,
            recipient_text=recipient_text,
            place=_place_record(doc, place),
            date=date if date else doc._.ng_published,
            date_source="text" if date else ("published" if doc._.ng_published else None),
            trigger=text,
            trigger_start=t_start,
            trigger_end=t_end,
            confidence=round(
                certain_confidence(
                    max(0.05, min(confidence, 0.99)) * (date_conf if date and date_conf < 0.9 else 1),
                    trigger=trigger,
                    clause=verb,
                    pos=entry.pos,
                    etype=etype,
                    actor_label=_label(doc, actor_id),
                    actor_lemma=actor_tok.lemma_.lower() if actor_tok is not None else None,
                    actor_token=actor_tok,
                    actor_own_name=_in_own_name(doc, actor_id, actor_tok),
                    recipient_human=recipient_id is None
                    and recipient_tok is not None
                    and recipient_tok.lemma_.lower() in HUMAN_NOUNS,
                    recipient_absent=recipient_id is None and recipient_text is None,
                    # a party, a person, a place or a thing violence is aimed at ("a military base")
                    recipient_struck=_struck(recipient_tok, recipient_id),
                    # the recipient's own word is named or names a party ("urged the public"),
                    # not a thing named by its modifier ("visited the U.S.-Mexico border")
                    recipient_token=recipient_tok,
                    weapon=weapon,
                    recipient_named=recipient_id is not None
                    and recipient_tok is not None
                    and is_party_word(recipient_tok)
                    and recipient_tok.dep_ not in ("compound", "amod", "nmod", "poss"),
                    in_quote=quoted,
                    sent=sent,
                    frame=frame,
                    negated=negated,
                    hypothetical=reason is not None,
                    mode=mode,
                ),
                3,
            ),
            negated=negated,
            hypothetical=reason is not None,
        )
        events.append((event, trigger))
        derived = _derive(doc, event, trigger, verb, reason, negated, frames)
        if derived is not None:
            events.append((derived, trigger))
    events.extend(_must_demands(doc, sent))
    return _banded(_merge(events))


def _place_record(doc: Doc, span: Span | None) -> dict | None:
    """The place record of a span: a name as written, a resolved nominal ("the port") by its entity."""
    if span is None:
        return None
    if any(e.start == span.start and e.end == span.end for e in span.sent.ents):
        name, source = span.text, "text"
    else:
        cluster = entity_at(doc, span.start_char, span.end_char)
        name, source = (cluster.name if cluster else span.text), "coref"
    return _named_place(name, source, article_countries(doc)) if is_place_name(doc, name) else None


def _named_place(name: str, source: str, countries: frozenset[str] | None = None) -> dict:
    """``{name, country_code, lat, lon, geonameid}`` from the gazetteer, plus where the place came from
    (``source``) and whether the event's own sentence names it (``precision``: ``sentence``) or only its
    article does (``article``: a fallback, the article's dateline, headline or main place).
    ``countries``: those the article is about, which another name of a town must be in ("Boni")."""
    record = lookup(name, countries) or {}
    precision = "sentence" if source in ("text", "coref") else "article"
    return {**record, "name": name, "source": source, "precision": precision}


_DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,2})"  # KABUL, New Delhi, SAN JOSE
    # , Afghanistan / , Calif. / , Democratic Republic of Congo
    r"(?:,\s*[A-Z][A-Za-z.]+(?: (?:of |and |the )?[A-Z][A-Za-z.]+){0,3})?"
    r"(?:,\s*(?:\d{1,2} [A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.? \d{1,2}))?"  # , 3 June / , Jan 18
    r"\s*(?:\([A-Za-z .&]+\)\s*)?(?:[\u2014\u2013]|--?)\s"  # (AP) —
)


def _dateline_place(doc: Doc) -> str | None:
    """The place of a dateline opening the body ("KABUL, Afghanistan (AP) — ..."), if the gazetteer knows it."""
    match = _DATELINE.match(doc_text(doc)[:120])
    if match is None:
        return None
    name = match.group(1)
    name = name.title() if name.isupper() else name
    return name if lookup(name) is not None and is_place_name(doc, name, after=match.end()) else None


def _article_place(doc: Doc) -> tuple[str, str] | None:
    """(name, source) of the article's place: its dateline, else the one place its headline names
    (where the body refers to it too), else the one place its body names, a GPE named at least three times; none that an organisation or
    a person of the article is also called."""
    dateline = _dateline_place(doc)
    if dateline is not None:
        return dateline, "dateline"
    cluster = cluster_by_id(doc, doc._.ng_main_place) if doc._.ng_main_place else None
    if cluster is not None:  # only where the body refers to it too (by name or as "the port")
        body = cluster.spans or any(c.entity == cluster.id for c in doc._.ng_coref or [])
        return (cluster.name, "headline") if body and is_place_name(doc, cluster.name) else None
    places = [c for c in doc._.ng_entities or [] if c.label in ("GPE", "LOC", "FAC") and c.spans]
    if len(places) == 1 and places[0].label == "GPE" and len(places[0].spans) >= 3:
        return (places[0].name, "article") if is_place_name(doc, places[0].name) else None
    return None


def _article_places(doc: Doc, events: list[Event]) -> None:
    """Give every event of the story's days whose sentence names no place the article's place, marked
    as a fallback."""
    found = _article_place(doc)
    if found is None:
        return
    source = found[1]
    for event in events:
        # not for an event the text dates away from the story's days ("the last strike, in June 2019"):
        # it may have happened anywhere
        if event.date_source == "text" and not _near(event.date, doc._.ng_published):
            continue
        if _off_the_story(doc, event):
            continue  # "has in the past rejected the threat of sanctions": no time, no place of the story
        if event.type in load_senses().statement_types:
            continue  # "Montero rejected that account": said from wherever he was, not the dateline
        # the story's place (not a dateline) is where a march or an arrest happened, not where a
        # statement or a deal was made (data/event_senses.toml scene_types)
        if source != "dateline" and event.type not in load_senses().scene_types:
            continue
        if event.place is None:
            place = _named_place(*found, article_countries(doc))
            sent = doc.char_span(event.start, event.end, alignment_mode="expand")
            if (
                source != "dateline"
                and sent is not None
                and _points_elsewhere(sent, place.get("country_code"))
            ):
                # "abducted in the heart of Afghan capital" in a story whose headline places it in
                # the US (a dateline is where the story was told from, whoever it names)
                continue
            if sent is not None and _names_unknown_place(sent, found[0]):
                # "MOCIMBOA DA PRAIA — ... clashed in the Mbau area": the text says where, and the
                # gazetteer does not know it; the dateline would be a guess against the text
                continue
            event.place = place


def _office_holders(doc: Doc, events: list[Event]) -> None:
    """One who resigns is a person: "Nova Scotia's public works minister has resigned" is the
    minister's act, not the province's (the actor's words stay; no entity is put on them)."""
    for event in events:
        if event.type != "RETREAT" or event.actor is None or not event.actor_text:
            continue
        cluster = cluster_by_id(doc, event.actor)
        words = event.actor_text.lower().split()
        # (whatever the tagger called the modifier: "Nova Scotia" typed a person)
        if (
            cluster is not None
            and words
            and words[-1] in _ROLE_NOUNS
            and words[-1] not in cluster.name.lower()
        ):
            event.actor = None


def _visited_towns(doc: Doc, events: list[Event]) -> None:
    """A visit to a town ("his first visit to Manila") is a visit hosted by whoever governs there, which
    the town's name does not say: the town is where the visit happened, not its recipient. A country
    ("a visit to the Philippines") stays the recipient."""
    for event in events:
        if event.type != "CONSULT" or event.mode != "visit" or event.recipient is None:
            continue
        cluster = cluster_by_id(doc, event.recipient)
        if cluster is None or cluster.label not in ("GPE", "LOC", "ORG"):
            continue
        record = lookup(cluster.name)
        if (
            record is None
            or record.get("feature") == "country"
            or cluster.label != "GPE"
            and record.get("feature") != "place"
        ):
            continue  # (a town the tagger typed otherwise, "a visit to Marseille", is still a town)
        if event.place is None:
            event.place = _named_place(cluster.name, "text", article_countries(doc))
        event.recipient, event.recipient_text = None, None


def _off_the_story(doc: Doc, event: Event) -> bool:
    """Whether the event's verb is set at no time or place of the story: "has in the past rejected",
    "had repeatedly denied" (data/time_cues.toml [other_times], [other_times_before]), or
    "apologised in a post on X" (data/speech.toml [media_nouns])."""
    if event.trigger_start is None:
        return False
    span = doc.char_span(event.trigger_start, event.trigger_start + 1, alignment_mode="expand")
    if span is None:
        return False
    words = word_set("time_cues", "other_times")
    media = word_set("speech", "media_nouns")
    root = span.root
    for child in root.children:
        if child.dep_ in {"advmod", "prep", "npadvmod"}:
            phrase = " ".join(t.lower_ for t in child.subtree)
            if phrase in words:
                return True
    # or just before the trigger, where the parser may hang it on nothing ("has in the past signed
    # agreements", parsed as a phrase "in the past signed agreements")
    before = " ".join(t.lower_ for t in doc[max(root.sent.start, root.i - 6) : root.i])
    if any(f" {w} " in f" {before} " for w in word_set("time_cues", "other_times_before")):
        return True
    # "apologised in a post on X"; "said in a statement that ..., and accused the union": put in
    # words, at no place of the story
    verbs = [root, root.head] if root.dep_ == "conj" else [root]
    return any(
        child.dep_ == "prep"
        and child.lower_ in {"in", "on", "via", "through"}
        and any(p.dep_ == "pobj" and p.lemma_.lower() in media for p in child.children)
        for verb in verbs
        for child in verb.children
    )


def _names_unknown_place(sent: Span, fallback: str) -> bool:
    """Whether the sentence says where with a name other than the fallback's ("in the Mbau area",
    "near Marte"): a proper noun after a place preposition, not a date nor the fallback itself."""
    for tok in sent:
        if tok.dep_ != "pobj" or tok.ent_type_ in _TIME_LABELS:
            continue
        # "in the Mbau area", "near Marte"; "retook the town of Bocaranga"
        if not (
            tok.head.lower_ in PLACE_PREPS
            or tok.head.lower_ == "of"
            and tok.head.head.lemma_.lower() in PLACE_NOUNS
        ):
            continue
        words = [w for w in tok.subtree if w.pos_ == "PROPN" and w.ent_type_ not in _TIME_LABELS]
        if words and not any(
            fallback.lower() in w.text.lower() or w.text.lower() in fallback.lower() for w in words
        ):
            return True
    return False


_TIME_LABELS = frozenset({"DATE", "TIME"})


def _points_elsewhere(sent: Span, country: str | None) -> bool:
    """Whether the sentence names a country, or a people of one, other than the fallback place's:
    then the article's place is no guess for where its event happened."""
    if not country:
        return False
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "NORP"):
            continue
        names = DEMONYMS.get(ent.text.lower(), []) if ent.label_ == "NORP" else [ent.text]
        for name in names:
            record = lookup(name)
            if (
                record is not None
                and record.get("feature") == "country"
                and record.get("country_code") != country
            ):
                return True
    return False


def _near(value: str | None, published: str | None, days: int = 31) -> bool:
    """Whether a TIMEX3 day or week lies within ``days`` of the publication date."""
    if not value or not published:
        return False
    try:
        pub = date.fromisoformat(published)
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            day = date.fromisoformat(value[:10])
        elif len(value) >= 8 and value[5] == "W":
            day = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        else:
            return False
    except ValueError:
        return False
    return abs((day - pub).days) <= days


def _headline_places(doc: Doc, events: list[Event]) -> None:
    """Give the headline's one place to the on-the-scene events of the current story that name none.

    Only when the body also refers to that place (by name or as "the port"), and only for events
    that happen somewhere physical (a strike, an arrest, an attack), asserted, dated by the text
    near the publication date, in a sentence that names no place at all; at lower confidence.
    """
    cluster = cluster_by_id(doc, doc._.ng_main_place) if doc._.ng_main_place else None
    if cluster is None or not (cluster.spans or any(c.entity == cluster.id for c in doc._.ng_coref or [])):
        return
    for event in events:
        if event.place is not None or event.type not in SCENE_TYPES or event.hypothetical or event.negated:
            continue
        if event.date_source != "text" or not _near(event.date, doc._.ng_published, days=14):
            continue
        sent = doc.char_span(event.start, event.end, alignment_mode="expand")
        if sent is None or place_spans(doc, sent):
            continue
        if not is_place_name(doc, cluster.name):
            return
        event.place = _named_place(cluster.name, "headline", article_countries(doc))
        event.confidence = round(event.confidence * 0.85, 3)


def _derive(
    doc: Doc, event: Event, trigger: Token, verb: Token, reason: str | None, negated: bool, frames: set[int]
) -> Event | None:
    """PLOVER's verbal twin of a committed future act: AGREE, THREATEN or REJECT by the same actor."""
    if reason != "commit" or verb.dep_ == "xcomp" and verb.head.i in frames:
        return None  # an explicit "agreed to"/"threatened to" already carries the verbal event
    ultimatum = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in verb.children
    )
    if negated:
        etype = "REJECT"
    elif ultimatum or event.type in CONFLICTUAL:
        etype = "THREATEN"
    elif event.type in COOPERATIVE:
        etype = "AGREE"
    else:
        return None
    return Event(
        type=etype,
        start=event.start,
        end=event.end,
        actor=event.actor,
        recipient=event.recipient,
        actor_text=event.actor_text,
        recipient_text=event.recipient_text,
        place=event.place,
        date=event.date,
        date_source=event.date_source,
        trigger=event.trigger,
        trigger_start=event.trigger_start,
        trigger_end=event.trigger_end,
        confidence=round(min(0.99, event.confidence * 2 * 0.85), 3),
    )


def _must_demands(doc: Doc, sent: Span) -> list[tuple[Event, Token]]:
    """``X said Y must ...``: a DEMAND by X on Y."""
    out: list[tuple[Event, Token]] = []
    for token in sent:
        if token.lower_ not in ("must", "should") or token.dep_ != "aux":
            continue
        verb = token.head
        if verb.dep_ != "ccomp" or verb.head.lemma_ not in SPEECH_VERBS:
            continue
        speaker = subject_of(verb.head)
        target = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if speaker is None or target is None:
            continue
        actor_id, actor_text, _ = _role(doc, speaker)
        recipient_id, recipient_text, _ = _role(doc, target)
        date, _ = date_for(doc, sent, verb.head, verb.head)
        event = Event(
            type="DEMAND",
            start=sent.start_char,
            end=sent.end_char,
            actor=actor_id,
            recipient=recipient_id,
            actor_text=actor_text,
            recipient_text=recipient_text,
            date=date or doc._.ng_published,
            date_source="text" if date else ("published" if doc._.ng_published else None),
            trigger=f"{verb.head.text} ... {token.text}",
            trigger_start=verb.head.idx,
            trigger_end=token.idx + len(token),
            # the main clause's reported demand, ahead of the events named inside it
            confidence=0.85,
        )
        out.append((event, verb.head))
    return out


def _struck(recipient: Token | None, recipient_id: str | None) -> bool:
    """Whether violence hit a party, a person, a place or a target: the word struck itself, not its
    owner ("attacked the government's proposal" strikes no party)."""
    if recipient is None:
        return recipient_id is not None
    hit = recipient.head if recipient.dep_ == "poss" else recipient
    return bool(hit.ent_type_) or hit.lemma_.lower() in _STRUCK


def _banded(events: list[tuple[Event, Token]]) -> list[tuple[Event, Token]]:
    """Keep the top band for the events ``event_certainty`` put there: every other event (a derived
    PLOVER twin, a ``said ... must`` demand) is capped below it."""
    bands = load_certainty()
    for event, _ in events:
        if material(event.type, event.mode) and event.confidence == bands.combat_band:
            continue  # violence or protest in a sure shape: its own band (event_certainty.toml)
        if event.confidence < bands.top:
            event.confidence = min(event.confidence, bands.cap)
    return events


def _merge(events: list[tuple[Event, Token]]) -> list[tuple[Event, Token]]:
    """One event per (type, actor) in a sentence: a verb and its nominal are the same event."""
    kept: list[tuple[Event, Token]] = []
    for event, trigger in sorted(events, key=lambda x: -x[0].confidence):
        twin = next(
            (
                k
                for k, _ in kept
                if k.type == event.type
                and k.hypothetical == event.hypothetical
                and k.negated == event.negated
                and (k.actor_text is None or event.actor_text is None or k.actor_text == event.actor_text)
            ),
            None,
        )
        if twin is None:
            kept.append((event, trigger))
            continue
        for attr in ("mode", "actor", "actor_text", "recipient", "recipient_text", "place"):
            if getattr(twin, attr) is None and getattr(event, attr) is not None:
                setattr(twin, attr, getattr(event, attr))
        if twin.date_source != "text" and event.date_source == "text":
            twin.date, twin.date_source = event.date, event.date_source
    return kept


def _salient_actor(doc: Doc, sentences: set[tuple[int, int]]) -> tuple[str, str] | None:
    """The organisation most mentioned in a doc among those named where events of a type are told.

    Mentions count names and coreferent phrases ("the union"); a tie gives None, since no actor
    is better than a guessed one.
    """
    coref_count: Counter[str] = Counter(c.entity for c in doc._.ng_coref or [])
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for cluster in doc._.ng_entities or []:
        if cluster.label not in ("ORG", "NORP"):
            continue
        offsets = [span.start_char for span in cluster.spans]
        offsets += [c.start for c in doc._.ng_coref or [] if c.entity == cluster.id]
        if not any(s <= o < e for o in offsets for s, e in sentences):
            continue
        counts[cluster.id] = len(cluster.spans) + coref_count[cluster.id]
        names[cluster.id] = cluster.name
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0], names[ranked[0][0]]


def find_events(doc: Doc) -> list[Event]:
    """All events in a doc, in text order."""
    found: list[tuple[Event, Token]] = []
    mentioned: dict[str, set[tuple[int, int]]] = {}
    frame = article_frame(doc)
    for sent in doc.sents:
        found.extend(sentence_events(doc, sent, mentioned, frame))
    # A bare anaphoric nominal ("The walkout began on Monday") names no actor; borrow the
    # antecedent: the organisation most mentioned around that kind of event, at lower confidence.
    for event, trigger in found:
        if event.actor is not None or event.type != "PROTEST" or trigger.pos_ != "NOUN":
            continue
        if any(c.lemma_.lower() in NEW_REFERENT for c in trigger.children):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in trigger.children):
            continue
        salient = _salient_actor(doc, mentioned.get(event.type, set()))
        if salient is not None:
            event.actor, event.actor_text = salient
            event.confidence = round(event.confidence * 0.7, 3)
    # One event per trigger and type (the most confident reading); a committed act's derived
    # AGREE/THREATEN/REJECT is PLOVER's second, verbal event on the same words, kept beside it.
    best: dict[tuple[int | None, int | None, str], Event] = {}
    for event, _ in found:
        key = (event.trigger_start, event.trigger_end, event.type)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    events = [e for e, _ in found if best[(e.trigger_start, e.trigger_end, e.type)] is e]
    _visited_towns(doc, events)
    _office_holders(doc, events)
    _headline_places(doc, events)
    _article_places(doc, events)
    add_details(doc, events)  # casualties, sectors, geo precision: nothing above changes
    events.sort(key=lambda e: (e.start, e.trigger_start or 0))
    return events


def events_component(doc: Doc) -> Doc:
    """Set ``doc._.ng_events`` to the doc's events."""
    doc._.ng_events = find_events(doc)
    return doc


@Language.factory(
    "newsgraph_events",
    assigns=["doc._.ng_events"],
    requires=[
        "doc._.ng_entities",
        "doc._.ng_coref",
        "doc._.ng_timexes",
        "token.pos",
        "token.tag",
        "token.dep",
        "token.lemma",
        "token.ent_type",
    ],
)
def make_events(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_events`` component for ``nlp.add_pipe("newsgraph_events")``; it takes no settings."""
    register_extensions()
    return events_component


# Kept for callers that want the commitment modals without importing event_roles.
_COMMITMENT = COMMITMENT_MODALS
