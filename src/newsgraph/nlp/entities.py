"""Group a doc's named-entity mentions into one entity per thing (``newsgraph_entities``).

The small English model names things well enough but labels and bounds them loosely, and an
article names one thing many ways: "The Harbour Workers Alliance", "HWA", "the Alliance". This
component cleans each mention (leading "the", possessive "'s", titles before a person's name),
fixes cheap label slips by the head noun ("Guild" is not a PERSON, "Port of X" is a FAC),
joins spans the model split ("Alder" + "police department"), then groups mentions:
same normalised key (case, spacing, hyphens), acronyms, surnames, short forms of organisations.
It also finds further mentions of the names it grouped that the model missed ("Meridian's").
The corrected spans are written back to ``doc.ents`` so later components see them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..places import is_known_place, lookup
from ..resolve.names import is_function_word, is_generic_word, is_institution_word, is_title_word, vocabulary
from ..vocabulary import acronym_stop, shared_words, speech_verbs, word_map, word_set
from .coref_gender import gender_words
from .event_senses import article_frame, load_senses
from .extensions import EntityCluster, doc_text, glued_hyphen, register_extensions
from .headline_verbs import title_case_line

__all__ = ["group_entities", "make_entities", "ENTITY_LABELS", "normalise_name", "acronym_of"]

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}

# Head nouns that make a name an organisation whatever label the model gave it.
ORG_HEADS = word_set("name_heads", "organisation")  # data/name_heads.toml
# Heads that make a place name a facility.
FAC_HEADS = word_set("name_heads", "facility")
# Titles and honorifics that can stand before a person's name (data/titles.toml).
TITLE_WORDS = vocabulary()["titles"]
# Role words that precede a person's name in lower case ("Taliban spokesman X", "Fox News host X")
_ROLE_TITLES = TITLE_WORDS | word_set("roles", "title_words")  # data/titles.toml, data/roles.toml
# Lowercase words that join a place to an organisation head ("Alder police department").
_PLACE_ORG = re.compile(
    r"^(?:(?:city|county|state|metropolitan|municipal|regional|national|local)\s+)?"
    r"(?:police|fire|health|education|transport|water|border|customs|prison)"
    r"(?:\s+(?:department|service|force|authority|board|agency|commission))?$"
)
_DETERMINERS = shared_words("determiners", "leading", "entities")  # data/determiners.toml
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
"""The tokens that mark a possessive ("NASA's", "Jones'"): shared with nlp.relations."""
_ACRONYM_STOP = acronym_stop("entities")  # data/acronym_stop.toml: core + this reader's additions
_KEY_STRIP = re.compile(r"[\s\-‐‑–—.]+")
_KNOWN_AS = re.compile(
    r"^,?\s*(?:also\s+|better\s+|commonly\s+|widely\s+|locally\s+)?(?:known|referred\s+to)"
    r"(?:\s+to\s+[^,.;]{1,40}?)?\s+as\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def normalise_name(text: str) -> str:
    """A comparison key for a name: lowercase, no leading "the", no possessive, no spaces/hyphens/dots."""
    t = text.strip()
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = re.sub(r"(?:'s|’s|'|’)$", "", t)
    return _KEY_STRIP.sub("", t.lower())


def acronym_of(name: str) -> str:
    """The initials of a multi-word name, skipping function words ("Harbour Workers Alliance" -> "HWA")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in _ACRONYM_STOP and w[0].isalpha())


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


@dataclass
class _Mention:
    span: Span
    label: str
    titled: str | None = None  # "Transport Minister Elena Varga" for the span "Elena Varga"
    weight: float = 1.0  # how much the model's label counts in the vote (less for a span we cut)
    cue: str | None = None  # the type the context says (a title: PERSON; ", the company": ORG)
    decisive: bool = False  # the cue is a person's role as an appositive: it outweighs any count

    @property
    def key(self) -> str:
        return normalise_name(self.span.text)


@dataclass
class _Group:
    label: str
    mentions: list[_Mention] = field(default_factory=list)
    merged_into: _Group | None = None

    def root(self) -> _Group:
        g = self
        while g.merged_into is not None:
            g = g.merged_into
        return g

    @property
    def first(self) -> int:
        return min(m.span.start_char for m in self.mentions)

    def vote(self) -> str:
        """The type most of the evidence says: each mention's label once, its context cue three times;
        a person's role as an appositive ("Kurt Volker, the former special envoy") decides alone,
        however often the model typed the bare name otherwise ("Volker" as an organisation twelve
        times). A tie keeps the label the group has."""
        votes: dict[str, float] = {}
        for m in self.mentions:
            votes[m.label] = votes.get(m.label, 0.0) + m.weight
            if m.cue:
                votes[m.cue] = votes.get(m.cue, 0.0) + (_DECISIVE if m.decisive else 3.0)
        if votes:
            best = max(votes.values())
            if votes.get(self.label, 0.0) < best:
                self.label = max(votes, key=lambda k: (votes[k], k == "PERSON"))
        return self.label

    def invalidate(self) -> None:
        """Forget the cached name after the mentions changed."""
        self.__dict__.pop("name_span", None)
        self.__dict__.pop("tokens", None)

    @cached_property
    def name_span(self) -> Span:
        """The longest full proper name among the mentions (acronyms count last)."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            counts[m.span.text] = counts.get(m.span.text, 0) + 1
        return max(
            (m.span for m in self.mentions),
            key=lambda s: (
                not _is_acronym(s.text),
                sum(1 for t in s if not t.is_punct and t.text not in POSSESSIVE_MARKS),
                not any(t.text in POSSESSIVE_MARKS for t in s),
                counts[s.text],
                -s.text.count(" "),
                -s.start_char,
            ),
        )

    @cached_property
    def tokens(self) -> list[str]:
        return [t.text for t in self.name_span]


def _head_word(span: Span) -> str:
    """The name's head word: the last word before "of" ("Federation" in "Federation of Labour"), else the last."""
    words = [t.text for t in span]
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1].lower()
    return words[-1].lower()


def _strip_tail(doc: Doc, start: int, end: int) -> int:
    """The end of a token range without its trailing possessive marks and punctuation."""
    while end > start and (doc[end - 1].text in POSSESSIVE_MARKS or doc[end - 1].is_punct):
        end -= 1
    return end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners and possessives ("'s xCloud": the owner was tagged apart) and
    trailing possessives, punctuation and function words from a token range."""
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].lower_ in {"'s", "’s"}):
        start += 1
    # a lower-case word before a capitalised one is no part of the name: "rang Taylor" (not "de Blasio")
    while (
        start + 1 < end
        and doc[start].is_lower
        and doc[start].is_alpha
        and doc[start].lower_ not in _PARTICLES
        and doc[start + 1].is_title
    ):
        start += 1
    end = _strip_tail(doc, start, end)
    # a bracket the name does not close ends it: "Shanghai Composite (SHCOMP", "CNN Business)A"
    for i in range(start, end):
        if doc[i].text in {"(", "["} and not any(t.text in {")", "]"} for t in doc[i + 1 : end]):
            end = i
            break
        if any(c in doc[i].text for c in ")]") and not any(c in t.text for t in doc[start:i] for c in "(["):
            end = i  # (a token "Business)A" glued to the next sentence goes whole)
            break
    end = _strip_tail(doc, start, end)
    # a lower-case preposition or conjunction ends no name: "Thompson in [Berne]", "Lohan and"
    while end - start >= 2 and doc[end - 1].is_lower and doc[end - 1].pos_ in {"ADP", "CCONJ", "SCONJ"}:
        end = _strip_tail(doc, start, end - 1)
    # a lower-case common noun ends no name of capitalised words: "a former Port Aldous fire chief"
    # (the model's "Port Aldous fire"); not a legal form or a lower-case brand ("eBay")
    while (
        end - start >= 3
        and doc[end - 1].is_lower
        and doc[end - 1].is_alpha
        and doc[end - 1].pos_ == "NOUN"
        and doc[end - 1].lower_ not in ORG_HEADS
        and all(t.text[:1].isupper() for t in doc[start : end - 1])
    ):
        end = _strip_tail(doc, start, end - 1)
    # a speech verb is no part of a name: "Henry told CRN" (the model's one span) is Henry
    for i in range(start + 1, end):
        if doc[i].is_lower and doc[i].tag_ in {"VBD", "VBZ"} and doc[i].lemma_.lower() in _SPEECH:
            end = i
            break
    # a score is no part of a name: "Evansville 91-73"
    if end - start >= 2 and _SCORE.fullmatch(doc[end - 1].text):
        end -= 1
    elif end - start >= 4 and doc[end - 1].is_digit and doc[end - 2].text in "-–" and doc[end - 3].is_digit:
        end -= 3
    return start, end


_SCORE = re.compile(r"\d{1,3}[-–]\d{1,3}")
_PARTICLES = word_set("name_heads", "particles")  # data/name_heads.toml: "de", "van", "bin"...
_SPEECH = speech_verbs("quotes")  # data/speech.toml: the verbs a quotation is cued by


def _title_start(doc: Doc, start: int) -> int:
    """Where a title before a person's name begins ("Transport Minister Elena Varga" -> "Transport")."""
    i = start
    if i == 0 or doc[i - 1].lower_ not in TITLE_WORDS or not doc[i - 1].text[0].isupper():
        return start
    i -= 1
    # Capitalised modifiers of the title: "Prime", "Foreign", "Deputy", "US".
    while i > 0 and start - i < 4:
        prev = doc[i - 1]
        if prev.is_sent_start and prev.lower_ in _DETERMINERS:
            break
        if prev.i > 0 and doc[prev.i - 1].text == "-" and not doc[prev.i - 1].whitespace_:
            break  # "T-Mobile CEO John Legere": the end of a hyphenated name, not a modifier
        if prev.text[:1].isupper() and prev.pos_ in {"PROPN", "ADJ", "NOUN"} and not prev.is_punct:
            i -= 1
        else:
            break
    return i


_COORDINATORS = frozenset({",", "and", "&", "or"})
_NAME_SUFFIXES = word_set("name_heads", "suffixes")  # data/name_heads.toml
_WEAK_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "LAW", "EVENT", "FAC", "LOC"})


def _coordinated(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """The names one span joins: "Blue Harbor, Kessler" and "Blue Harbor and Kessler" are two.

    A person's name never holds a comma or "and"; an organisation's may ("Procter and Gamble"),
    so there "and" splits only when the article also names a part alone."""
    if label not in {"PERSON", "ORG"}:
        return [(start, end)]
    cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in _COORDINATORS]
    if not cuts:
        return [(start, end)]
    if label == "ORG" and _remit_opening(doc, start + 1, cuts[0]) is not None:
        return [(start, end)]  # "the Ministry of Trade, Industry and Fisheries": one body and its remit
    parts, s = [], start
    for i in cuts:
        parts.append((s, i))
        s = i + 1
    parts.append((s, end))
    if any(e <= b or not doc[b].text[:1].isupper() or doc[b].lower_ in _NAME_SUFFIXES for b, e in parts):
        return [(start, end)]  # "Kessler, Inc.", "Martin King, Jr.", "Harbor and the sea"
    if label == "PERSON" or any(doc[i].text == "," for i in cuts):
        return parts
    text = doc_text(doc)
    whole = text.count(doc[start:end].text)
    return parts if any(text.count(doc[b:e].text) > whole for b, e in parts) else [(start, end)]


def _possessed(doc: Doc, start: int, end: int) -> int | None:
    """The token index of a possessive inside a span ("Orchard's PadBook": the owner is no part of it)."""
    for i in range(start + 1, end - 1):
        if doc[i].text in POSSESSIVE_MARKS and doc[i + 1].text[:1].isupper():
            if doc[i - 1].lower_ in _POSSESSIVE_OPENERS:
                return None  # "the People's Daily", "the Northern Ontario Nurses' Association"
            if (
                end - i == 2
                and doc[i + 1].lower_ in ORG_HEADS
                and (is_title_word(doc[i - 1].text) or doc[i].text in {"'", "’"})
            ):
                return None  # "the Information Commissioner's Office", "the Supporters' Trust": one body
            return i
    return None


# The vote of a decisive cue: more than any article's count of one name.
_DECISIVE = 1000.0

# Role nouns only a person holds, as the head of an appositive: the leader, employee and other roles
# of data/role_words.toml but those an organisation can be ("the market leader", "the head office",
# "the adviser on the deal", "counsel to the board").
_ORGANISATION_ROLES = word_set("role_words", "organisation_roles")
_PERSON_ROLES = (
    word_set("role_words", "leader") | word_set("role_words", "employee") | word_set("role_words", "other")
) - _ORGANISATION_ROLES


# The head words of the roles a person holds in an organisation ("chief operating officer of X",
# "president of X"): what follows their "of" is an organisation or a place, never a person.
_HELD_IN = frozenset(
    w.split()[-1]
    for w in word_set("role_words", "leader")
    | word_set("role_words", "corporate")
    | word_set("role_words", "held_in")
)


# Nationality words ("Palestinian" is no short form of "Palestinian Authority"): data/demonyms.toml
_NATIONALITIES = frozenset(word_map("demonyms", "demonyms"))
_PERSON_POSTS = word_set("role_words", "person_posts")  # "chief of staff", "head of state"
_NATIONALS = _NATIONALITIES | word_set("demonyms", "person_nouns")  # "American", "Briton"


def _without_nationality(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """ "Briton Robert Buckley", "American Hasim Rahman" (tagged an organisation): a nationality word
    before a person's name is no part of it. The rest must be two or more capitalised words that
    name a person: tagged one, or starting with a given name (data/gender.toml); never an
    organisation's name ("American Civil Liberties Union", "British Airways")."""
    rest = doc[start + 1 : end]
    if len(rest) < 2 or doc[start].lower_ not in _NATIONALS or not doc[start].is_title:
        return start, label
    if not all(t.is_title and t.pos_ == "PROPN" for t in rest) or _head_word(rest) in ORG_HEADS | FAC_HEADS:
        return start, label
    if _given_name(rest[0].text):
        return start + 1, "PERSON"
    return (start + 1, label) if label == "PERSON" else (start, label)


# Roles a person holds in a business, read as the first word of an organisation's name by the
# tagger ("Founder of Ceres Robotics"): the corporate titles of data/role_words.toml, but the words
# that also begin a name ("Chief of Staff", "Executive Office", "Managing Partners").
_HOLDER_ROLES = word_set("role_words", "corporate") - {"chief", "executive", "managing"}

# The titles a company's people hold (data/role_words.toml [corporate], [company_titles]): a name
# the tagger calls an organisation right before one is the company ("Microsoft CEO Satya Nadella",
# "Emirates President Tim Clark"), not a portfolio word of a government title ("Transport
# Minister Elena Varga").
_COMPANY_TITLES = word_set("role_words", "corporate") | word_set("role_words", "company_titles")


def _company_title(doc: Doc, org_end: int, person_start: int) -> bool:
    """Whether the words between an organisation and a person's name are a company title alone."""
    words = [t.lower_ for t in doc[org_end:person_start]]
    return 1 <= len(words) <= 2 and words[-1] in _COMPANY_TITLES and all(w in _COMPANY_TITLES for w in words)


def _appositive_person(doc: Doc, span: Span) -> bool:
    """Whether a person's role is the name's appositive, "Kurt Volker, the former special envoy to
    Ukraine" or "the former special envoy, Kurt Volker", or what the name is said to be, "Tomas
    Reyes is a former police officer" (a determiner or a possessor before the role: not
    "President Ascom North America")."""
    if not doc.has_annotation("DEP"):
        return False  # (captions and bylines are read without a parse)
    if len(span) > 4 or _head_word(span) in ORG_HEADS | FAC_HEADS:
        return False
    root = span.root
    role = next((c for c in root.children if c.dep_ == "appos" and c.i >= span.end), None)
    if role is None and root.dep_ == "appos" and root.head.i < span.start:
        role = root.head
    verb = root.head
    if role is None and root.dep_ == "nsubj" and verb.lemma_ in {"be", "become"} and verb.i > root.i:
        # "Tomas Reyes is a former police officer" (not "is not")
        if not any(c.dep_ == "neg" for c in verb.children):
            role = next((c for c in verb.children if c.dep_ == "attr" and c.i > verb.i), None)
    if role is None or role.pos_ != "NOUN" or not any(c.dep_ in {"det", "poss"} for c in role.children):
        return False
    if role.lower_ in _PERSON_ROLES:
        return True
    of = next((c for c in role.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == role.i + 1), None)
    post = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if post is not None and f"{role.lower_} of {post.lower_}" in _PERSON_POSTS:
        return True  # "Her chief of staff, Petro Danyliuk"
    # "a longtime adviser to President Donald Trump": a role an organisation can hold too, held
    # for a person, is a person's
    return role.lower_ in _ORGANISATION_ROLES and any(
        p.dep_ == "prep" and p.lower_ in {"to", "of"} and any(o.ent_type_ == "PERSON" for o in p.children)
        for p in role.children
    )


def _held_in(root: Token) -> bool:
    """Whether a name is the "of" object of a person's post ("chief operating officer of X")."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.i > root.i:
        return False
    post = prep.head
    return (
        post.pos_ == "NOUN" and post.lower_ in _HELD_IN and not any(c.dep_ == "poss" for c in post.children)
    )


def _cue(doc: Doc, span: Span, label: str) -> str | None:
    """What the words around a mention say it is: a title before it (PERSON), ", the company" or
    "the firm X" (ORG), the subject of a verb of saying that the model called a work, a product,
    a law, an event or a place inside a country (a speaker: PERSON)."""
    vocab = vocabulary()
    start = span.start
    if len(span) > 1 and span[0].lower_ in TITLE_WORDS and span[0].text[:1].isupper():
        start = span.start + 1  # the model took the title in: "President Novak"
        return "PERSON" if all(t.text[:1].isupper() for t in span) and len(span) <= 5 else None
    if start > 0 and doc[start - 1].lower_ in TITLE_WORDS and doc[start - 1].text[:1].isupper():
        if all(t.text[:1].isupper() for t in span) and len(span) <= 4:
            return "PERSON"
    if (
        label == "ORG"
        and start > 0
        and doc[start - 1].is_lower
        and doc[start - 1].lower_ in _ROLE_TITLES
        and 2 <= len(span) <= 4
        and all(t.text[:1].isupper() and t.is_alpha for t in span)
        and _head_word(span).lower() not in ORG_HEADS
        and not is_institution_word(span[-1].lower_)
    ):
        return "PERSON"  # "Fox News host Jeanine Pirro": a role word in lower case, then a full name
    after = [t for t in doc[span.end : span.end + 4]]
    if len(after) >= 2 and after[0].text == "," and after[1].lower_ in _DETERMINERS:
        if any(t.lower_ in vocab["org_nouns"] for t in after[2:4]):
            return "ORG"
    root = span.root
    if root.dep_ in {"appos", "compound"} and root.head.lower_ in vocab["org_nouns"] and root.head.i < start:
        return "ORG"
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first is not root and first.dep_ == "appos" and first.head.lemma_.lower() in vocab["org_nouns"]:
        return "ORG"  # "the five companies - Blue Origin, Ceres Robotics and SpaceX": each one of them
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.is_lower
        and before.lower_ in vocab["org_nouns"]
        and len(span) <= 4
        and all(t.text[:1].isupper() for t in span)
    ):
        return "ORG"  # "Ukrainian energy company Burisma", "the recreational vehicle-maker Winnebago"
    if (
        label == "PERSON"
        and len(span) == 1
        and start >= 2
        and before is not None
        and before.lower_ in POSSESSIVE_MARKS
        and doc[start - 2].ent_type_ == "PERSON"
    ):
        return "ORG"  # "Elon Musk's SpaceX": a one-word name a person owns is a business, not a person
    if label == "PERSON" and _held_in(root):
        # "president and chief operating officer of SpaceX": a post is held in an organisation
        return "GPE" if is_known_place(span.text) else "ORG"
    if (
        label in {"PERSON"} | _WEAK_LABELS - {"LOC", "FAC"}
        and before is not None
        and before.lower_ == "in"
        and before.dep_ == "prep"
        and not (span.end < len(doc) and doc[span.end].lower_ in POSSESSIVE_MARKS)
        and is_known_place(span.text)
    ):
        return "GPE"  # "headquartered in Toulouse" typed a person: a town or country after "in"
    if (
        label in _WEAK_LABELS
        and root.dep_ in {"nsubj", "nsubjpass"}
        and root.head.lemma_ in vocab["say_verbs"]
    ):
        return "PERSON"
    return None


def _clean_mentions(doc: Doc) -> tuple[list[_Mention], list[Span]]:
    """Trim, relabel, split and rejoin the model's entity spans; return our mentions and the other ents."""
    mentions: list[_Mention] = []
    others: list[Span] = []
    ents = _joined_body_names(doc, _joined_possessive_names(doc, _joined_people(doc, list(doc.ents))))
    for k, ent in enumerate(ents):
        if ent.label_ not in ENTITY_LABELS:
            others.append(ent)
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        label = ent.label_
        if label == "ORG" and end - start >= 3 and doc[start].lower_ in _HOLDER_ROLES:
            if doc[start + 1].lower_ in {"of", "at", "for"} and doc[start + 2].text[:1].isupper():
                start += 2  # "CEO and [Founder of Ceres Robotics Inc.]": the holder's role, not the name
        # "Alder police department": a place followed by a lowercase organisation head.
        if label in {"GPE", "NORP", "LOC"}:
            j = end
            while j < len(doc) and j - end < 3 and doc[j].is_lower and doc[j].is_alpha:
                j += 1
            for cut in range(j, end, -1):
                if _PLACE_ORG.match(doc[end:cut].text.lower()):
                    end, label = cut, "ORG"
                    break
        if (
            label == "ORG"
            and k + 1 < len(ents)
            and ents[k + 1].label_ == "PERSON"
            and _title_start(doc, ents[k + 1].start) <= start
            and not _company_title(doc, end, ents[k + 1].start)
        ):
            continue  # "Transport" in "Transport Minister Elena Varga"
        parts: list[tuple[int, int, str, float]] = []
        owner = _possessed(doc, start, end)
        if owner is not None:  # "Orchard's PadBook": the company, then its product
            rest = doc[owner + 1 : end]
            rest_label = "PRODUCT" if label in {"ORG", "PERSON", "PRODUCT"} else label
            parts = [(start, owner, label, 0.5), (owner + 1, end, rest_label, 0.5)]
            if _head_word(rest) in ORG_HEADS:
                parts[1] = (owner + 1, end, "ORG", 0.5)
        else:
            parts = [(b, e, label, 1.0) for b, e in _coordinated(doc, start, end, label)]
        for b, e, part_label, weight in parts:
            _add_mention(doc, mentions, b, e, part_label, weight)
    mentions.extend(_untagged_orgs(doc, mentions, others))
    mentions.extend(_named_after_class(doc, mentions, others))
    mentions.sort(key=lambda m: m.span.start)
    spans = [m.span for m in mentions]
    others = [o for o in others if not any(o.start < s.end and s.start < o.end for s in spans)]
    return mentions, others


_POSSESSIVE_OPENERS = word_set("name_heads", "possessive_openers")  # data/name_heads.toml


def _joined_possessive_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "the People's Daily" tagged as "People" and "Daily": a plural common noun with a possessive
    opens one name, not an owner and its product. The tokens after the possessive join it up to
    the end of the next entity or, when the model tagged nothing there, of the capitalised run."""
    out: list[Span] = []
    skip_to = -1
    for k, ent in enumerate(ents):
        if ent.start < skip_to:
            continue
        end = ent.end
        if (
            len(ent) == 1
            and ent[0].lower_ in _POSSESSIVE_OPENERS
            and ent[0].text[:1].isupper()
            and end + 1 < len(doc)
            and doc[end].lower_ in POSSESSIVE_MARKS
            and doc[end + 1].text[:1].isupper()
        ):
            nxt = next((e for e in ents[k + 1 :] if e.start == end + 1), None)
            stop = nxt.end if nxt is not None else end + 1
            while nxt is None and stop < len(doc) and doc[stop].text[:1].isupper() and doc[stop].is_alpha:
                stop += 1
            out.append(Span(doc, ent.start, stop, label="ORG"))
            skip_to = stop
            continue
        out.append(ent)
    return out


# Heads of a public body's name that go on with "for" or "of" and the body's remit ("the UN Office
# for the Coordination of Humanitarian Affairs", "the Department for Environment, Food and Rural
# Affairs", "the Ministry of Trade, Industry and Fisheries"): data/name_heads.toml [remit_heads].
_REMIT_HEADS = word_set("name_heads", "remit_heads")


def _remit_opening(doc: Doc, lo: int, hi: int) -> int | None:
    """The first "of" or "for" in tokens ``lo`` to ``hi`` (excluded) right after a remit head ("the
    Ministry of", "the Office for"): where a body's remit begins."""
    return next(
        (i for i in range(lo, hi) if doc[i].lower_ in {"of", "for"} and doc[i - 1].lower_ in _REMIT_HEADS),
        None,
    )


def _remit_end(doc: Doc, i: int) -> int | None:
    """The end of a body's remit starting at token ``i`` ("for" or "of"): Title Case words, with
    "of", "for", "the", "and", "&" between them and commas in a list closed by "and"; None when
    there is none."""
    if i >= len(doc) or doc[i].lower_ not in {"for", "of"}:
        return None
    j, end = i + 1, None
    while j < len(doc):
        tok = doc[j]
        if tok.ent_type_ in {"PERSON", "DATE", "TIME", "CARDINAL", "MONEY"} or tok.lower_ in _ROLE_TITLES:
            break  # "the Department of Justice Inspector General Michael Horowitz": a post and a person
        if tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start:
            end = j + 1
        elif tok.lower_ == "the" and doc[j - 1].lower_ in {"of", "for"}:
            pass  # "for the Coordination of", never "and the Home Office"
        elif tok.lower_ in {"of", "for", "and", "&"} and end is not None:
            pass
        elif tok.text == "," and end is not None and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            # a comma only inside a list that "and" closes before the name ends
            k = j + 1
            while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].text == ","):
                k += 1
            if k >= len(doc) or doc[k].lower_ not in {"and", "&"}:
                break
        else:
            break
        j += 1
    return end


def _joined_body_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """A body's name the model cut before its remit ("UN Office" + "Coordination of Humanitarian
    Affairs", "Department for Environment" + "Food" + "Rural Affairs"): one organisation. The
    model's spans inside the remit are dropped."""
    out: list[Span] = []
    skip_to = -1
    for ent in ents:
        if ent.start < skip_to:
            continue
        remit = None
        if ent.label_ in {"ORG", "GPE", "FAC"} and doc[ent.end - 1].lower_ in _REMIT_HEADS:
            remit = ent.end  # "UN Office" | "for the Coordination of Humanitarian Affairs"
        elif ent.label_ == "ORG" and len(ent) >= 3:
            # "Ministry of Trade" | ", Industry and Fisheries": the remit goes on past the span
            remit = _remit_opening(doc, ent.start, ent.end - 1)
        if remit is not None:
            end = _remit_end(doc, remit)
            if end is not None and end > ent.end:
                out.append(Span(doc, ent.start, end, label="ORG"))
                skip_to = end
                continue
        out.append(ent)
    return out


def _joined_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's or an organisation's name the model cut in two with nothing between ("Amy Berman"
    + "Jackson", "Lockheed" + "Martin"): one name. Two names side by side are always set apart by a comma, a conjunction or a word; a
    title tagged apart ("Lt Col" + "Alexander Vindman") is no part of the name."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == ent.label_
            and prev.label_ in {"PERSON", "ORG"}
            and prev.end == ent.start
            and doc[prev.end - 1].whitespace_ == " "
            and len(prev) + len(ent) <= 4
            and all(t.text[:1].isupper() and t.is_alpha for t in doc[prev.start : ent.end])
            and not any(is_title_word(t.text) for t in prev)
        ):
            out[-1] = Span(doc, prev.start, ent.end, label=prev.label_)
            continue
        out.append(ent)
    return out


def _add_mention(doc: Doc, mentions: list[_Mention], start: int, end: int, label: str, weight: float) -> None:
    """Clean one name span (titles off, label fixed by its head and context) and add it."""
    start, end = _trim(doc, start, end)
    if start >= end:
        return
    if end + 1 < len(doc) and doc[end].lower_ in {"'s", "’s"} and not doc[end].whitespace_:
        after = doc[end + 1]
        if after.is_punct or after.pos_ in {"VERB", "AUX", "ADP", "CCONJ"}:
            end += 1  # "acquired by St. Martin's, published": no possessive, a name ending in 's
    start, label = _without_nationality(doc, start, end, label)
    span = doc[start:end]
    if is_function_word(span.text):
        return  # "He", "Its": a pronoun the model tagged is no name
    if len(span) == 1 and is_title_word(span[0].text):
        return  # "Sgt" of "Sgt. Marty Earley", cut off by its full stop: a title, not a name
    decisive = _appositive_person(doc, span)
    cue = "PERSON" if decisive else _cue(doc, span, label)
    if cue == "PERSON" and label != "PERSON" and _head_word(span) not in ORG_HEADS | FAC_HEADS:
        label = "PERSON"  # "Ambassador Sondland" typed GPE or WORK_OF_ART
    # A title before a person; an ORG slip that is only the title's first word is dropped.
    titled = None
    if label == "PERSON":
        while start < end - 1 and doc[start].lower_ in TITLE_WORDS:
            start += 1
        t0 = _title_start(doc, start)
        if t0 < start:
            titled = doc[t0:end].text
            while (
                mentions
                and mentions[-1].span.end > t0
                and mentions[-1].label == "ORG"
                and not _company_title(doc, mentions[-1].span.end, start)
            ):
                mentions.pop()
        span = doc[start:end]
    head = _head_word(span)
    first = span[0].lower_
    if label in {"PERSON", "GPE", "NORP", "LOC", "PRODUCT"} and head in ORG_HEADS:
        label = "ORG"
    if label == "PERSON" and len(span) >= 2 and _ends_in_region(span):
        label, titled, cue = "ORG", None, None  # "President Ascom North America": a regional arm
        decisive = False
    if label in {"LOC", "GPE", "ORG", "PERSON"} and (
        head in FAC_HEADS or (first in FAC_HEADS and len(span) > 2 and span[1].lower_ == "of")
    ):
        label = "FAC"
    if mentions and mentions[-1].span.end > span.start:  # overlap after extension: keep the longer
        if len(mentions[-1].span) >= len(span):
            return
        mentions.pop()
    mentions.append(_Mention(span, label, titled, weight, cue, decisive))


# Heads safe enough to name an organisation the model missed (not "Times", "Post", "News"...).
_UNTAGGED_ORG_HEADS = ORG_HEADS - word_set("name_heads", "not_alone")  # data/name_heads.toml


def _taken(doc: Doc, spans: list[Span]) -> bytearray:
    """One byte per token of the doc, set where one of ``spans`` covers it."""
    taken = bytearray(len(doc))
    for sp in spans:
        taken[sp.start : sp.end] = b"\x01" * len(sp)
    return taken


def _untagged_orgs(doc: Doc, mentions: list[_Mention], others: list[Span]) -> list[_Mention]:
    """Capitalised proper-noun runs ending in an organisation head that the model left untagged."""
    taken = _taken(doc, [m.span for m in mentions] + others)
    found = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and not taken[j] and doc[j].pos_ == "PROPN" and doc[j].is_title:
            j += 1
        if j - i >= 2 and doc[j - 1].lower_ in _UNTAGGED_ORG_HEADS:
            found.append(_Mention(doc[i:j], "ORG"))
        i = max(j, i + 1)
    return found


_CLASS_DETERMINERS = frozenset({"the", "a", "an"})
_ORG_CLASS_NOUNS = word_set("class_nouns", "organisation")  # data/class_nouns.toml
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "&"})


def _named_after_class(doc: Doc, mentions: list[_Mention], others: list[Span]) -> list[_Mention]:
    """ "the advocacy group Defenders of Wildlife": a capitalised name right after an organisation
    class noun ("group", "firm", "charity"; data/class_nouns.toml) that has a determiner before it,
    which the model left untagged. A lone word must be a proper noun; the name may hold "of",
    "for", "and" between capitalised words."""
    taken = _taken(doc, [m.span for m in mentions] + others)
    found = []
    for k, tok in enumerate(doc[:-1]):
        if tok.lower_ not in _ORG_CLASS_NOUNS or not tok.is_lower:
            continue
        if not any(t.lower_ in _CLASS_DETERMINERS for t in doc[max(0, k - 3) : k]):
            continue
        i = j = k + 1
        while j < len(doc) and not taken[j]:
            t = doc[j]
            if t.is_title and t.pos_ in {"PROPN", "NOUN"} and not t.is_sent_start:
                j += 1
            elif t.lower_ in _NAME_JOINERS and j > i and j + 1 < len(doc) and doc[j + 1].is_title:
                j += 1
            else:
                break
        while j > i and doc[j - 1].lower_ in _NAME_JOINERS:
            j -= 1
        if j == i or j < len(doc) and taken[j]:
            continue
        if j - i == 1 and doc[i].pos_ != "PROPN":
            continue
        if is_function_word(doc[i:j].text):
            continue
        found.append(_Mention(doc[i:j], "ORG"))
        taken[i:j] = b"\x01" * (j - i)
    return found


def _compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    loose = {"ORG", "NORP", "PRODUCT", "FAC"}
    return (a in loose and b in loose) or {a, b} <= {"GPE", "LOC"}


def _explicit_aliases(doc: Doc, mentions: list[_Mention]) -> list[tuple[int, int]]:
    """Pairs (i, j) of mentions linked in the text: "Name (ABC)" and "Name, known as the ABC"."""
    pairs = []
    text = doc_text(doc)
    for i, m in enumerate(mentions):
        for j in range(i + 1, min(i + 3, len(mentions))):
            n = mentions[j]
            if n.span.start_char - m.span.end_char > 80:
                break
            between = text[m.span.end_char : n.span.start_char]
            if any(t.is_sent_start for t in doc[m.span.end : n.span.start + 1]):
                break
            if re.fullmatch(r"\s*\(\s*", between) or _KNOWN_AS.match(between):
                pairs.append((i, j))
    return pairs


def _acronym_tokens(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Acronyms the model did not tag but the text defines: "Harbour Workers Alliance (HWA)"."""
    covered = {t for m in mentions for t in range(m.span.start, m.span.end)}
    found = []
    for m in mentions:
        end = m.span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            tok = doc[end + 1]
            if (
                tok.i not in covered
                and _is_acronym(tok.text)
                and tok.text.replace(".", "") == acronym_of(m.span.text)
            ):
                found.append(_Mention(doc[tok.i : tok.i + 1], m.label))
    return found


def _group(doc: Doc, mentions: list[_Mention]) -> list[_Group]:
    """Group mentions into things: exact keys first, then acronyms, surnames and short forms."""
    groups: list[_Group] = []
    by_key: dict[str, list[_Group]] = {}
    of_mention: list[_Group] = []
    for m in mentions:
        g = next((g for g in by_key.get(m.key, []) if _same_thing(g.label, m.label)), None)
        if g is None:
            g = _Group(m.label)
            groups.append(g)
            by_key.setdefault(m.key, []).append(g)
        g.mentions.append(m)
        g.invalidate()
        of_mention.append(g)
    for i, j in _explicit_aliases(doc, mentions):
        a, b = of_mention[i].root(), of_mention[j].root()
        short = mentions[j].span.text
        if a is not b and (not _is_acronym(short) or _initials_fit(mentions[i].span.text, short)):
            if a.label == b.label or _is_acronym(short):
                b.merged_into = a  # "LONDON (AP)" teaches nothing: AP is no initials of London
    for g in groups:
        g.vote()

    def live() -> list[_Group]:
        return [g for g in groups if g.merged_into is None]

    # Acronyms: "HWA" joins the one group whose name has those initials.
    for g in live():
        name = g.name_span.text
        if not _is_acronym(name):
            continue
        letters = name.replace(".", "")
        hits = [
            h for h in live() if h is not g and len(h.tokens) > 1 and acronym_of(h.name_span.text) == letters
        ]
        hits = [h for h in hits if h.label not in {"PERSON"}]
        if len(hits) == 1 and hits[0].root() is not g:
            g.merged_into = hits[0].root()
    # Surnames and short forms: the shorter name must fit exactly one longer one.
    alive = live()
    for g in sorted(alive, key=lambda g: len(g.tokens)):
        if g.merged_into is not None:
            continue
        toks = g.tokens
        if len(toks) == 1 and (is_function_word(toks[0]) or is_institution_word(toks[0])):
            continue  # "He" is no short form of "Wang He", nor "House" of "White House"
        candidates = []
        headed = []
        given = []
        namesake = False
        for h in alive:
            if h is g or h.merged_into is not None or len(h.tokens) <= len(toks):
                continue
            ht = h.tokens
            if (
                len(toks) == 1
                and h.label not in {"PERSON", "GPE", "LOC", "FAC"}
                and len(ht) == 2
                and ht[-1] == toks[0]
                and all(t[:1].isupper() and t.isalpha() for t in ht)
            ):
                namesake = True  # "Aoife Dunleavy" the tagger typed an organisation
            surname_label = g.label in {"PERSON", "ORG", "NORP"} or (
                g.label == "GPE"
                and (not is_known_place(" ".join(toks)) or _town_that_speaks(g))
                and _surely_person(h)
            )  # "Baines" typed a place, beside "Opposition leader Tom Baines"
            if h.label == "PERSON" and surname_label and ht[-len(toks) :] == toks:
                candidates.append(h)  # surname ("Reyes" -> "Tomas Reyes")
            elif h.label == "PERSON" and g.label in {"PERSON", "ORG"} and len(toks) == 1 and ht[0] == toks[0]:
                if not _regional_arm(ht[1:]):  # ("Ascom" is no given name of "Ascom North America")
                    given.append(h)  # given name, or a family name written first ("Li" -> "Li Wenhao")
            elif h.label in {"ORG", "FAC"} and g.label in {"ORG", "NORP", "PERSON", "PRODUCT"}:
                if ht[: len(toks)] == toks and not _is_acronym(" ".join(toks)):
                    if (
                        (len(toks) > 1 or not (is_generic_word(toks[0]) or toks[0].lower() in _NATIONALITIES))
                        and not _owner(doc, g, h)
                        and not _regional_arm(ht[len(toks) :])
                    ):
                        candidates.append(h)  # leading words ("Meridian" -> "Meridian Shipping")
                elif len(toks) == 1 and toks[0][0].isupper() and _head_word(h.name_span) == toks[0].lower():
                    if not _hyphen_joined(
                        h.name_span
                    ):  # ("Microsoft" is no head of "Computerworld-Microsoft")
                        headed.append(h)  # head noun ("the Guild" -> "Seafarers Guild")
        if not candidates and headed:
            # a name's leading words beat its head noun ("GateHouse" is "GateHouse Media", not
            # the "Gannett-Gatehouse" merger)
            candidates = headed
        if not candidates and given:
            candidates = given  # a surname match always wins over a given-name one
        if namesake and any(h.label == "PERSON" for h in candidates):
            continue  # a bare "Dunleavy" beside "Brendan Dunleavy" and "Aoife Dunleavy" is either
        candidates = [h for h in candidates if not _set_apart(doc, g, h) and not _glued(doc, h)]
        roots = {id(c.root()): c.root() for c in candidates if c.root() is not g}
        if len(roots) == 1:
            target = g.merged_into = next(iter(roots.values()))
            if (
                g.label != "PERSON"
                and target.label == "PERSON"
                and target.tokens[-len(toks) :] == toks
                and _surely_person(target)
            ):
                # the person's surname the model typed a place or an organisation ("McKinley" as ORG
                # seven times beside "Rep. David McKinley") votes as the person's, not against it
                for m in g.mentions:
                    m.label, m.cue = "PERSON", None
            if (
                g.label in {"NORP", "PERSON", "PRODUCT"}
                and target.label == "ORG"
                and target.tokens[: len(toks)] == toks
                and _head_word(target.name_span) in ORG_HEADS
            ):
                # "Helix" typed a nationality twice beside "Helix Motors": the firm's short name
                for m in g.mentions:
                    m.label, m.cue = "ORG", None
    return live_groups(groups)


_REGIONS = word_set("name_heads", "regions")  # data/name_heads.toml


def _surely_person(g: _Group) -> bool:
    """Whether more than the model's label says a group is a person: a title or role before a
    mention, or a given name of data/gender.toml as its first word."""
    return any(m.cue == "PERSON" for m in g.mentions) or _given_name(g.tokens[0])


def _town_that_speaks(g: _Group) -> bool:
    """ "Delgado wrote on Twitter" beside "Senator Maria Delgado": a one-word name the gazetteer
    knows only as a town (never a country or a region: "Jordan", "Georgia" stay places), typed a
    place, that is the subject of a verb of saying."""
    if len(g.tokens) != 1:
        return False
    record = lookup(g.tokens[0])
    if record is None or record.get("feature") != "place":
        return False
    say = vocabulary()["say_verbs"]
    return any(m.span.root.dep_ == "nsubj" and m.span.root.head.lemma_ in say for m in g.mentions)


def _given_name(word: str) -> bool:
    """Whether a word is a given name of data/gender.toml (a person's name starts with it)."""
    return any(word.lower() in words["given"] for words in gender_words().values())


def _hyphen_joined(span: Span) -> bool:
    """Whether a name's last word is glued to the word before by a hyphen: two names joined
    ("Gannett-Gatehouse", "Computerworld-Microsoft"), not a name with a head noun."""
    return len(span) >= 3 and glued_hyphen(span[-2])


def _ends_in_region(span: Span) -> bool:
    """Whether a name's last one, two or three words are a world region ("... North America")."""
    words = [t.lower_ for t in span]
    return any(" ".join(words[-k:]) in _REGIONS for k in (1, 2, 3) if k < len(words))


def _regional_arm(extra: list[str]) -> bool:
    """Whether the words a longer name adds are a place, making it a regional arm of the shorter
    ("Ascom North America", "Siemens UK"): the shorter name is the parent, another entity."""
    words = " ".join(extra).lower()
    if words in _REGIONS:
        return True
    record = lookup(" ".join(extra))
    return record is not None and record.get("feature") in {"country", "region"}


def _owner(doc: Doc, short: _Group, long: _Group) -> bool:
    """Whether a short name is the owner of a longer one that starts with it, not its short form:
    the prose uses it before the longer name and more often ("Microsoft" ten times, then once
    "the Microsoft Security Bulletin"). A short form follows its full name, or is rarer, or the
    longer name only adds a legal form or a kind of firm ("Microsoft Corp.", "Meridian Shipping")."""
    text = doc_text(doc)
    first_long = min(m.span.start_char for m in long.mentions)
    prose = [m for m in short.mentions if not title_case_line(_line(text, m.span.start_char))]
    if not prose or prose[0].span.start_char > first_long:
        return False
    extra = [t.lower().rstrip(".") for t in long.tokens[len(short.tokens) :] if t[:1].isalnum()]
    if all(w in ORG_HEADS or f"{w}." in ORG_HEADS for w in extra):
        return False  # "Microsoft Corp.", "Meridian Shipping": the same firm named in full
    if any(t in POSSESSIVE_MARKS for t in long.tokens[len(short.tokens) :]):
        return True  # "Halden Rovers" before "the Halden Rovers Supporters' Trust": a body of its own
    # every use of the short name on its own, tagged or not, against every use of the long one
    alone = len(re.findall(rf"\b{re.escape(short.name_span.text)}\b", text))
    within = len(re.findall(rf"\b{re.escape(long.name_span.text)}\b", text))
    return alone - within > within


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)]


def _same_thing(a: str, b: str) -> bool:
    """Whether two labels of one name may be one thing: any two, save a place and an organisation
    or a people ("Washington" the city and "Washington" the team keep apart)."""
    places, bodies = {"GPE", "LOC", "FAC"}, {"ORG", "NORP"}
    return _compatible(a, b) or not ((a in places and b in bodies) or (b in places and a in bodies))


def _initials_fit(long: str, short: str) -> bool:
    """True when the capitals of ``short`` are initials of ``long``'s words, the first one first."""
    capitals = [ch.lower() for ch in short if ch.isalpha()]
    heads = [w[0].lower() for w in re.split(r"[\s\-]+", long) if w and w[0].isalpha()]
    return bool(capitals and heads) and capitals[0] == heads[0] and all(ch in heads for ch in capitals)


_CONTRAST = word_set("contrast", "between_names")  # data/contrast.toml


def _set_apart(doc: Doc, short: _Group, long: _Group) -> bool:
    """Whether the article keeps a short name and a longer one containing it apart ("the Front"
    and "the Northern Front"): the two are set side by side ("the Northern Front and the Front",
    "the Front against the Northern Front"). A short form used before the long one is not enough
    (a headline's "Airbus" before the body's "Airbus SAS")."""
    if long.label == "PERSON" and short.label == "PERSON":
        return False  # "Reyes ... Tomas Reyes" in a caption-like lead still is one person
    for m in short.mentions:
        for n in long.mentions:
            a, b = (m.span, n.span) if m.span.start < n.span.start else (n.span, m.span)
            between = doc[a.end : b.start]
            if len(between) <= 3 and any(t.lower_ in _CONTRAST for t in between):
                return True
            if m.span.root.dep_ == "conj" and m.span.root.head.i in range(n.span.start, n.span.end):
                return True
            if n.span.root.dep_ == "conj" and n.span.root.head.i in range(m.span.start, m.span.end):
                return True
            if _in_appositive(m.span, n.span) or _in_appositive(n.span, m.span):
                return True  # "Tribune, the owner of the Chicago Tribune": one describes the other
    return False


def _in_appositive(name: Span, other: Span) -> bool:
    """Whether ``other`` lies inside an appositive set beside ``name``."""
    for c in name.root.children:
        if c.dep_ == "appos" and c.left_edge.i <= other.start and other.end - 1 <= c.right_edge.i:
            return True
    return False


def live_groups(groups: Iterable[_Group]) -> list[_Group]:
    """Fold merged groups into their roots; return the roots."""
    roots: list[_Group] = []
    for g in groups:
        r = g.root()
        if r is not g:
            r.mentions.extend(g.mentions)
            r.invalidate()
            g.mentions = []
        elif r not in roots:
            roots.append(r)
    return [r for r in roots if r.mentions]


def _fragment(doc: Doc, g: _Group) -> bool:
    """An entity named only inside Title Case lines (a heading or a teaser in the body: "Streamer
    Is Basically A Beta Test", "Tour Dates"): no entity unless a prose line names it too."""
    text = doc_text(doc)
    for m in g.mentions:
        start = text.rfind("\n", 0, m.span.start_char) + 1
        end = text.find("\n", m.span.start_char + len(m.span.text.rstrip()))  # a span may end in "\n"
        line = text[start : end if end >= 0 else len(text)]
        if not title_case_line(line):
            return False
    return True


def _surface_forms(
    groups: list[_Group],
) -> tuple[dict[tuple[str, ...], _Group | None], set[tuple[str, ...]]]:
    """Token sequences that name a group (None when they would name two), and which are head nouns."""
    forms: dict[tuple[str, ...], _Group | None] = {}
    heads: set[tuple[str, ...]] = set()

    def add(form: tuple[str, ...], g: _Group) -> None:
        if not form or not form[0][:1].isupper():
            return
        if len(form) == 1 and (is_function_word(form[0]) or is_institution_word(form[0])):
            return  # "He" in "Wang He" or "House" in "White House" finds nothing alone
        forms[form] = g if forms.get(form, g) is g else None

    for g in groups:
        for m in g.mentions:
            add(tuple(t.text for t in m.span), g)
        toks = tuple(g.tokens)
        if g.label == "PERSON" and len(toks) > 1:
            add(toks[-1:], g)
        if g.label == "ORG" and len(toks) > 1 and toks[-1].lower() in ORG_HEADS:
            heads.add(toks[-1:])
            add(toks[-1:], g)
    return forms, heads


def _extra_mentions(doc: Doc, groups: list[_Group], others: list[Span]) -> None:
    """Add mentions of grouped names that the model did not tag ("Meridian's", "the Alliance"); a
    name glued from a headline ("Colts Beat Chiefs") lends the body none of its words."""
    forms, heads = _surface_forms([g for g in groups if not _glued(doc, g)])
    if not forms:
        return
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        by_first.setdefault(form[0], []).append(form)
    for lst in by_first.values():
        lst.sort(key=len, reverse=True)
    taken = _taken(doc, [m.span for g in groups for m in g.mentions] + others)
    i = 0
    n = len(doc)
    while i < n:
        cands = by_first.get(doc[i].text) if not taken[i] else None
        if cands:
            for form in cands:
                j = i + len(form)
                if j <= n and tuple(t.text for t in doc[i:j]) == form and not any(taken[i:j]):
                    g = forms[form]
                    # A lone head noun ("Alliance") must be used as a name: after "the" or possessive.
                    if form in heads and (i == 0 or doc[i - 1].lower_ != "the"):
                        continue
                    if g is not None and (j == n or not doc[j].text[:1].isupper() or doc[j].is_punct):
                        g.mentions.append(_Mention(doc[i:j], g.label))
                        g.invalidate()
                        taken[i:j] = b"\x01" * (j - i)
                        i = j - 1
                    break
        i += 1


def _glued(doc: Doc, g: _Group) -> bool:
    """A name glued from a Title Case headline ("Colts Beat Chiefs", "Lohan Checks", "Microsoft Fix"):
    named only in Title Case lines, with a word the prose writes in lower case ("beat", "checks").
    It is no home for a short form the body uses ("Colts"); "Ilhan Omar" in a headline is."""
    if not _fragment(doc, g):
        return False
    verbs = doc._.ng_headline_verbs or set()
    if any(m.span.start < i < m.span.end for m in g.mentions for i in verbs):
        return True  # "Colts Beat Chiefs": "beat" is a verb once the line is read in lower case
    lower = {t.text for t in doc if t.is_alpha and t.text.islower()}
    stems = {w[:4] for w in lower if len(w) >= 4}
    words = [t.text.lower() for t in g.name_span if t.is_alpha and t.text[:1].isupper()]
    return any(w in lower or len(w) >= 4 and w[:4] in stems for w in words)


def _recut_fragments(doc: Doc, fragments: list[_Group], groups: list[_Group]) -> None:
    """A headline fragment that is no entity ("Colts Beat Chiefs") still names the entities the body
    names within it: its longest runs of words that are a body entity's form become that entity's
    mentions ("Colts" and "Chiefs"), the rest is dropped."""
    if not fragments or not groups:
        return
    forms, heads = _surface_forms(groups)
    for f in fragments:
        for m in f.mentions:
            span = m.span
            i = span.start
            while i < span.end:
                for j in range(span.end, i, -1):
                    form = tuple(t.text for t in doc[i:j])
                    g = forms.get(form)
                    if g is not None and form not in heads:
                        g.mentions.append(_Mention(doc[i:j], g.label))
                        g.invalidate()
                        i = j - 1
                        break
                i += 1


# Prepositions before a place where the place is where, not who ("in Indianapolis"): data/prepositions.toml
_PLACE_PREPS = word_set("prepositions", "place")


def _city_for_team(doc: Doc, groups: list[_Group]) -> list[_Group]:
    """ "Indianapolis beat Houston 27-13" in a sport report that names the Indianapolis Colts: a
    city that acts (a subject, an object, an owner) stands for its team; "in Indianapolis" stays
    the city. Only in a sport report, and only for a team named as its city and one plural
    nickname that is no organisation head ("Colts", "76ers"; not "Times", "Airlines")."""
    teams: dict[str, list[_Group]] = {}
    for g in groups:
        toks = g.tokens
        last = toks[-1] if toks else ""
        # (the model may type the team a person or a nationality: "Jacksonville Jaguars")
        if (
            g.vote() in ("ORG", "PERSON", "NORP")
            and len(toks) >= 2
            and last[:1].isalnum()
            and last.lower().endswith("s")
        ):
            if last.lower() not in ORG_HEADS:
                teams.setdefault(" ".join(toks[:-1]), []).append(g)
    cities = [g for g in groups if g.vote() == "GPE" and len(teams.get(g.name_span.text, [])) == 1]
    if not cities or not article_frame(doc).is_sport(load_senses()):
        return groups
    for city in cities:
        (team,) = teams[city.name_span.text]
        keep, move = [], []
        for m in city.mentions:
            root = m.span.root
            where = root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS
            (keep if where or root.dep_ in ("compound", "amod", "npadvmod") else move).append(m)
        if move:
            team.mentions.extend(move)
            city.mentions = keep
            team.invalidate()
            city.invalidate()
    return [g for g in groups if g.mentions]


def group_entities(doc: Doc) -> Doc:
    """Set ``doc._.ng_entities``: one ``EntityCluster`` per named thing, ids in order of first mention."""
    mentions, others = _clean_mentions(doc)
    mentions.extend(_acronym_tokens(doc, mentions))
    mentions.sort(key=lambda m: m.span.start)
    groups = _group(doc, mentions)
    _extra_mentions(doc, groups, others)
    fragments = [g for g in groups if _fragment(doc, g)]
    groups = [g for g in groups if not _fragment(doc, g)]
    _recut_fragments(doc, fragments, groups)
    groups = _city_for_team(doc, groups)
    groups.sort(key=lambda g: g.first)
    clusters: list[EntityCluster] = []
    ents: list[Span] = list(others)
    for k, g in enumerate(groups, 1):
        name_span = g.name_span
        label = g.vote()
        g.mentions.sort(key=lambda m: m.span.start)
        spans = [Span(doc, m.span.start, m.span.end, label=label) for m in g.mentions]
        name = name_span.text
        forms = [m.span.text for m in g.mentions] + [m.titled for m in g.mentions if m.titled]
        aliases = list(dict.fromkeys(f for f in forms if f and f != name))
        clusters.append(EntityCluster(id=f"e{k}", name=name, label=label, spans=spans, aliases=aliases))
        ents.extend(spans)
    ents.sort(key=lambda s: s.start)
    try:
        doc.ents = ents
    except ValueError:  # overlapping spans should not happen; keep the model's ents rather than fail
        pass
    doc._.ng_entities = clusters
    return doc


@Language.factory(
    "newsgraph_entities",
    assigns=["doc._.ng_entities", "doc.ents"],
    requires=["doc.ents"],
)
def make_entities(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_entities`` component for ``nlp.add_pipe("newsgraph_entities")``; it takes no settings."""
    register_extensions()
    return group_entities
