"""Who, whom, when and where for an event trigger, read off the dependency parse.

Pure functions over spaCy tokens; ``events.py`` composes them into ``Event`` records.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import Timex

__all__ = [
    "LIGHT_VERBS",
    "ASPECT_VERBS",
    "clause_verb",
    "subject_of",
    "recipient_of",
    "np_span",
    "is_passive",
    "hypothetical_reason",
    "is_negated",
    "date_for",
    "place_for",
    "place_spans",
]

# Verbs that carry a nominal event ("staged a demonstration", "began a hunger strike"): their
# subject is the event's actor.
LIGHT_VERBS = frozenset(
    "stage hold launch begin start continue organize organise call conduct carry mount make give issue lodge "
    "go join lead declare impose open undertake take sign reach resume wage plan resort complete extend "
    "institute keep maintain pursue escalate enter announce intensify initiate step".split()
)
# Verbs whose subject is a nominal event ("the walkout began on Monday").
ASPECT_VERBS = frozenset(
    "begin start continue last enter resume occur happen erupt spread escalate intensify drag "
    "break take".split()
)
# Verbs that end an event: "the strike ended" reports an end, not the event.
ENDING_VERBS = frozenset("end halt stop cancel postpone suspend abandon conclude finish".split())
# Control verbs after which the complement did happen ("began to", "managed to").
IMPLICATIVE = frozenset("begin start continue manage resume keep go try attempt help get proceed".split())
MODALS = frozenset("will would could may might should shall can must 'll 'd wo ca".split())
COMMITMENT_MODALS = frozenset("will would shall 'll wo".split())
WILLINGNESS = frozenset(
    "ready willing prepared plan intend decide determine promise pledge vow offer commit".split()
)
SPEECH_VERBS = frozenset(
    "say tell announce declare state report add claim confirm reiterate insist note warn conclude "
    "stress write reply argue explain".split()
)
OBJECT_CONTROL = frozenset(
    "urge ask order force allow permit call press tell persuade invite encourage".split()
)
GROUP_NOUNS = frozenset(
    "member worker supporter thousand hundred dozen group some many leader official activist youth "
    "faction part wing delegation team unit army force".split()
)
RECIPIENT_PREPS = ("against", "with", "on", "to", "toward", "towards", "into", "from", "over", "for")
# Types whose nominal takes "on" for its topic ("a hearing on the plan"), not a target.
TOPIC_ON = frozenset({"COURT_HEARING", "CONSULT", "AGREE", "INVESTIGATE", "DEMAND", "DISAPPROVE", "SUPPORT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset("in at near outside inside across around into throughout".split())
RELATIVE_PRONOUNS = frozenset("who which that whom".split())
_SUBJ = ("nsubj", "csubj")
_UNITS = frozenset("euro dollar pound yen shilling franc rupee yuan ton tonne kg percent".split())
_NOT_PARTICIPANTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "PERCENT", "ORDINAL"})


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
        verb.dep_ == "acl" and verb.tag_ == "VBN"
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
        return None
    for c in verb.children:
        if c.dep_ in _SUBJ:
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            if c.pos_ == "PRON" and verb.dep_ == "ccomp" and verb.head.lemma_ in SPEECH_VERBS:
                # "X said it would ...": in news copy the pronoun is nearly always the speaker.
                return subject_of(verb.head, depth + 1) or c
            return c
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "xcomp":
        head = verb.head
        if head.lemma_ in OBJECT_CONTROL:
            for c in head.children:
                if c.dep_ == "dobj":
                    return c
        return subject_of(head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acomp" or verb.head.pos_ == "ADJ":
        return subject_of(verb.head, depth + 1)
    return None


def recipient_of(trigger: Token, verb: Token | None, skip: set[int], etype: str = "") -> Token | None:
    """The target of an event: direct object, passive subject, or object of a targeting preposition.

    ``verb`` is the verb carrying the event (the trigger itself, or the light verb of a nominal);
    None for a nominal that stands alone.
    """
    heads = [trigger] if verb is None or verb.i == trigger.i else [trigger, verb]
    if verb is not None and is_passive(verb):
        for c in verb.children:
            if c.dep_ == "nsubjpass" and c.i not in skip:
                return c
        if verb.dep_ == "acl":
            return verb.head
    candidates: list[tuple[int, Token]] = []

    def usable(tok: Token) -> bool:
        return (
            tok.i not in skip
            and tok.ent_type_ not in ("DATE", "TIME")
            and tok.pos_ in ("NOUN", "PROPN", "PRON")
        )

    for head in heads:
        for c in head.children:
            if c.dep_ in ("dobj", "dative") and usable(c):
                candidates.append((0, c))
            elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
                if c.lower_ == "on" and head.pos_ == "NOUN" and etype in TOPIC_ON:
                    continue
                for p in c.children:
                    if p.dep_ == "pobj" and usable(p):
                        candidates.append((1 + RECIPIENT_PREPS.index(c.lower_), p))
    if trigger.pos_ == "NOUN":
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and usable(p):
                        candidates.append((5, p))
    if not candidates and verb is not None:
        # "demanded that X cancel ...": the demand's target is the complement's subject.
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp"):
                for g in c.children:
                    if g.dep_ in ("nsubj", "nsubjpass") and usable(g) and g.lower_ not in RELATIVE_PRONOUNS:
                        return g
    if not candidates and verb is not None:
        # "threatened to ban X", "offered to negotiate with X": the target of the complement.
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                found = recipient_of(c, c, skip)
                if found is not None:
                    return found
    if not candidates:
        return None
    candidates.sort(key=lambda x: (x[0] + (0 if _named(x[1]) else 3), x[1].i))
    found = candidates[0][1]
    if found.dep_ == "dobj" and not _named(found) and found.pos_ == "NOUN":
        # "rejected an Australian ultimatum", "lifted a blockade on Palestinian lorries":
        # an abstract object points at its owner.
        for c in found.children:
            if c.dep_ in ("poss", "compound", "amod") and _named(c):
                return c
        for c in found.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "to", "with", "against", "by", "from", "of"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.i not in skip and _named(p):
                        return p
    return found


def _named(token: Token) -> bool:
    """Whether a token names a participant (an entity, or a proper noun)."""
    return token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC") or token.pos_ == "PROPN"


def np_span(token: Token, wide: bool = False) -> Span:
    """The noun phrase headed by a token: its left modifiers plus an ``of`` phrase (``wide``: also
    ``from``/``in``, as in "Doctors from two aid groups")."""
    doc = token.doc
    start = token.left_edge.i
    # The left edge of a coordinated subject stops at its own words ("X and Y": X).
    end = token.i + 1
    for c in token.children:
        if c.i > token.i and c.dep_ in ("compound", "flat", "nummod"):
            end = max(end, c.i + 1)
        if (
            c.i > token.i
            and c.dep_ == "prep"
            and (c.lower_ == "of" or (wide and c.lower_ in ("from", "in") and token.pos_ == "NOUN"))
        ):
            end = max(end, c.right_edge.i + 1)
    while start < token.i and doc[start].dep_ in ("det", "punct", "cc", "predet"):
        start += 1
    return doc[start:end]


def _aux_lemmas(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} | {
        c.lemma_.lower() for c in verb.children if c.dep_ == "aux"
    }


def hypothetical_reason(verb: Token, frames: set[int]) -> str | None:
    """Why a clause is not asserted as fact, or None: ``commit`` (will/ready to), ``modal``, ``if``,
    ``unless``, ``frame`` (the complement of threaten/demand/accuse...)."""
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
                t = head
                continue
            return "modal"
        if t.dep_ in ("ccomp", "pcomp", "pobj") and t.head.i in frames:
            return "frame"
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.i in frames:
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
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
        return True  # "released without charge"
    return trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)


def _usable(timex: Timex) -> bool:
    value = timex.value
    if not value or timex.type not in ("DATE", "TIME"):
        return False
    return not value.startswith("P") and not value.endswith("_REF")


def _climb_to_clause(token: Token, trigger: Token) -> Token:
    t = token
    for _ in range(10):
        if t.i == trigger.i or t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def date_for(doc: Doc, sent: Span, trigger: Token, verb: Token) -> tuple[str | None, float]:
    """The TIMEX3 value dating an event and how sure we are (1.0 same clause, 0.6 governing clause)."""
    timexes = [t for t in doc._.ng_timexes or [] if sent.start_char <= t.start < sent.end_char and _usable(t)]
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
    for ent in place_spans(doc, sent):
        root = ent.root
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ not in PLACE_PREPS:
            continue
        anchor = _climb_to_clause(prep.head, trigger) if prep.head.i != trigger.i else trigger
        if anchor.i in (trigger.i, verb.i):
            return ent
    return None
