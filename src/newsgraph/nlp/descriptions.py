"""Descriptions of entities: appositives, copulas and role titles, read off the dependency parse.

``Meridian Shipping, the terminal's operator`` -> Meridian Shipping: "the terminal's operator";
``The HWA is a union of ...`` -> "a union of ..."; ``Transport Minister Elena Varga`` ->
"Transport Minister"; ``Its chief executive, Ingrid Holm`` -> "chief executive of Meridian
Shipping" (a pronoun possessor is resolved and spelled out; start/end stay on the source
words). A nominal possessor ("the union's general secretary") is kept as written: it already
reads on its own, and relations.py resolves it for ``leader_of``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Description
from ..resolve.names import vocabulary
from ..vocabulary import data_file, word_set
from .coref_rules import ORG_NOUNS, ROLE_WORDS, EntityIndex, noun_phrase, resolve_pronoun
from .extensions import glued_hyphen, register_extensions
from .relation_lexicon import CREDIT_WORDS, PARTY_WORDS, TITLE_WORDS

__all__ = ["find_descriptions", "describe_entities"]

_TITLE_WORDS = ROLE_WORDS | TITLE_WORDS
# data/titles.toml: the honorifics this reader skips (a part of the full list)
HONORIFICS = frozenset(data_file("titles")["description_honorifics"].split())
_COPULAS = {"be", "become", "remain"}
_ROLE_RELATIVES = word_set("relation_verbs", "role_relatives")  # data/relation_verbs.toml
_FOUNDING = {"found", "co-found", "cofound"}
_POSSESSIVE_PRONOUNS = word_set("pronouns", "third_possessive")  # data/pronouns.toml
# Adjectives that belong to a title before a name ("former", "acting", "deputy"); any other lower-case
# adjective opening one is the writer's ("the real Prince Andrew"): data/roles.toml.
_TITLE_ADJECTIVES = word_set("roles", "title_adjectives") | word_set("roles", "former_words")
_MODALS = word_set("modals", "modal") - {"will", "can"}  # data/modals.toml: a supposition, not a statement


def _strip(span: Span) -> Span:
    """Drop punctuation and quotes at either end of a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _describe(span: Span, index: EntityIndex) -> tuple[str, float]:
    """The description text, with a pronoun possessor ("Its chief executive") spelled out."""
    root = span.root
    poss = next((c for c in root.children if c.dep_ == "poss"), None)
    if poss is not None and poss.lower_ in _POSSESSIVE_PRONOUNS and poss.i == span.start:
        res = resolve_pronoun(poss, index)
        if res is not None:
            name = index.clusters[res.entity].name
            rest = span.doc[poss.i + 1 : span.end].text
            return f"{rest} of {name}", res.confidence
        return span.text, 0.5
    return span.text, 1.0


def _with_coordinated_role(head: Token, np: Span) -> Span:
    """ "Gwynne Shotwell, president and chief operating officer of SpaceX": two roles joined by
    "and" that share what follows them are one description, not "president" cut short."""
    doc = head.doc
    cc = next((c for c in head.rights if c.dep_ == "cc"), None)
    conj = next((c for c in head.rights if c.dep_ == "conj"), None)
    if cc is None or conj is None or cc.lower_ not in {"and", "&"} or cc.i != np.end or conj.i <= cc.i:
        return np
    while conj.i + 2 < len(doc) and glued_hyphen(doc[conj.i + 1]) and doc[conj.i + 2].head.i == head.i:
        conj = doc[conj.i + 2]  # "co-author", parsed as three conjuncts: its last word is the role
    if head.lower_ not in _TITLE_WORDS or conj.lower_ not in _TITLE_WORDS:
        return np
    end = conj.right_edge.i + 1
    for c in head.rights:
        if c.dep_ == "prep" and c.i == end:
            end = c.right_edge.i + 1
    return doc[np.start : end]


def _common_noun(tok: Token, index: EntityIndex) -> bool:
    """A noun that is no name: a common noun, or a role word the tagger took for a proper noun
    because it is capitalised ("Michael Sims, CEO of Ceres Robotics")."""
    if index.entity_of(tok) is not None:
        return _party_member(tok)
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.lower_ in _TITLE_WORDS


def _party_member(tok: Token) -> bool:
    """ "Tomas Reyes, a Republican": one member of a party (its word with "a"), which describes."""
    return (
        tok.lower_ in PARTY_WORDS
        and tok.tag_ == "NNP"
        and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children)
    )


_TICKER = re.compile(r"(?:[A-Z]+:)?[A-Z]{1,6}(?:\.[A-Z]{1,2})?")


def _ticker_owner(doc: Doc, left: int, sent_start: int, index: EntityIndex) -> int:
    """Where a title starts when a company and its stock ticker stand before it ("Tesla Inc
    (TSLA.O) Chief Executive Elon Musk"): at the company's name."""
    if left - 4 < sent_start or doc[left - 1].text != ")" or doc[left - 3].text != "(":
        return left
    if not _TICKER.fullmatch(doc[left - 2].text):
        return left
    owner = index.entity_of(doc[left - 4])
    if owner is None or index.clusters[owner].label != "ORG":
        return left
    k = left - 4
    while k - 1 >= sent_start and index.entity_of(doc[k - 1]) == owner:
        k -= 1
    return k


def _title_before(span: Span, index: EntityIndex) -> Span | None:
    """Role title words right before (or at the start of) a person's name: "Transport Minister"."""
    doc = span.doc
    # Title inside the entity span ("Transport Minister Elena Varga" tagged as one PERSON).
    last_role = None
    for tok in span[:-1]:
        if tok.lower_ in _TITLE_WORDS and tok.lower_ not in HONORIFICS:
            last_role = tok
    if last_role is not None:
        return doc[span.start : last_role.i + 1]
    # Title just before it, attached to the name as compounds.
    j = span.start - 1
    sent_start = span.sent.start
    while j >= sent_start and doc[j].dep_ in {"compound", "amod", "nmod"} and j < doc[j].head.i < span.end:
        j -= 1
    first = j + 1
    if first >= span.start:
        return _capitalised_title(span, index)
    if doc[span.start - 1].lower_ not in _TITLE_WORDS:
        return None
    if doc[span.start - 1].lower_ in HONORIFICS:
        return None
    left = max(min(doc[i].left_edge.i for i in range(first, span.start)), sent_start)
    # the title starts after the last word that ends another phrase: a conjunction, a dash or comma
    # ("Trump and Chinese leader Xi": "Chinese leader"; "the upstarts - Amazon founder Bezos":
    # "Amazon founder")
    for i in range(span.start - 1, left - 1, -1):
        if glued_hyphen(doc[i]):
            continue  # a hyphen inside a word ("T-Mobile CEO"), not a dash between phrases
        if doc[i].pos_ in {"CCONJ", "PUNCT"} or doc[i].text in _DASHES or _verb_in_title(doc[i]):
            left = i + 1  # also a verb: "Halden Rovers sacked manager Kieran Doyle": "manager"
            break
    while left - 2 >= sent_start and glued_hyphen(doc[left - 1]):
        left -= 2  # "co-founder": the word the hyphen glues on is part of the title
    while (
        left - 1 >= sent_start and doc[left - 1].dep_ in {"compound", "nmod"} and left <= doc[left - 1].head.i
    ):
        if index.entity_of(doc[left - 1]) is None or doc[left - 1].head.i >= span.start:
            break
        left -= 1  # "Microsoft co-founder Bill Gates": the name the hyphenated title hangs on
    left = _ticker_owner(doc, left, sent_start, index)
    while left < span.start - 1 and doc[left].pos_ == "ADJ" and doc[left].is_lower:
        if doc[left].lower_ in _TITLE_ADJECTIVES:
            break
        left += 1  # "the real Prince Andrew": "real" says nothing of his post
    if doc[left].lower_ in HONORIFICS and left == span.start - 1:
        return None
    if left < span.start and left >= sent_start + 2 and doc[left - 1].lower_ == "and":
        # "WeWork founder and former CEO Adam Neumann": two titles of one person, the first with
        # its own organisation; never a list of people ("Trump and Chinese leader Xi")
        other = doc[left - 2]
        if other.lower_ in _TITLE_WORDS and other.lower_ not in HONORIFICS and index.entity_of(other) is None:
            k = other.i
            while (
                k - 1 >= sent_start
                and doc[k - 1].dep_ in {"compound", "amod"}
                and doc[k - 1].head.i == other.i
            ):
                k -= 1
            if not any(t.pos_ in {"CCONJ", "PUNCT"} for t in doc[k : other.i]):
                left = k
    if left < span.start and left - 2 >= sent_start and doc[left - 1].dep_ == "case":
        owner = doc[left - 1].head
        if owner.dep_ == "poss" and span.start <= owner.head.i < span.end and owner.i == left - 2:
            left = owner.left_edge.i  # "NASA's Administrator Jim Bridenstine" (the owner hung on the name)
    return doc[left : span.start] if left < span.start else None


def _verb_in_title(tok: Token) -> bool:
    """A verb the parser left among a title's words: a finite one ("Halden Rovers sacked manager
    Kieran Doyle"), or a participle in a sentence the parser gave no verb as its root (the same
    sentence with "sacked" read as "the sacked manager")."""
    if tok.tag_ in _FINITE:
        return True
    return tok.tag_ == "VBN" and tok.sent.root.pos_ not in {"VERB", "AUX"} and tok.i > tok.sent.start


def _capitalised_title(span: Span, index: EntityIndex) -> Span | None:
    """A title written in capitals right before the name where the parser did not hang it on the
    name ("he, Sondland and Energy Secretary Rick Perry"): the capitalised words that end in a
    title word, back to the first word that is not one (never the sentence's first word, which is
    capitalised anyway, nor another name)."""
    doc = span.doc
    last = span.start - 1
    if last < span.sent.start or doc[last].lower_ not in _TITLE_WORDS or doc[last].lower_ in HONORIFICS:
        return None
    if not doc[last].text[:1].isupper():
        return None
    left = last
    while left - 1 > span.sent.start and left > last - 3:
        prev = doc[left - 1]
        if not (prev.is_alpha and prev.text[:1].isupper()) or index.entity_of(prev) is not None:
            break
        left -= 1
    return doc[left : span.start]


def _lexical_post(span: Span, index: EntityIndex) -> Span | None:
    """ "U.S. Ambassador to the European Union Gordon Sondland" read from the words where the parse
    is lost: a capitalised title word, "to", "of" or "for", one organisation's or place's name and
    the person's name right after it."""
    doc = span.doc
    owner = index.entity_of(doc[span.start - 1]) if span.start > span.sent.start else None
    if owner is None or index.clusters[owner].label not in {"GPE", "ORG", "LOC", "NORP"}:
        return None
    k = span.start - 1
    while k > span.sent.start and index.entity_of(doc[k - 1]) == owner:
        k -= 1
    if k - 1 > span.sent.start and doc[k - 1].lower_ == "the":
        k -= 1
    if k - 2 < span.sent.start or doc[k - 1].lower_ not in {"to", "of", "for"}:
        return None
    role = doc[k - 2]
    if role.lower_ not in _TITLE_WORDS or role.lower_ in HONORIFICS or not role.text[:1].isupper():
        return None
    start = role.i
    while start - 1 > span.sent.start and start > role.i - 3:
        prev = doc[start - 1]
        if prev.is_punct or not prev.text[:1].isupper() or prev.lower_ in {"and", "or"}:
            break
        start -= 1
    return doc[start : span.start]


def _post_before(span: Span, index: EntityIndex) -> Span | None:
    """A post named with the place it is held for, right before a person's name, which the parser
    then reads as the object of its preposition: "China's ambassador to Britain Liu Xiaoming",
    "Minister of Defence Ana Ruiz". Only a role word, its preposition and one other name between."""
    doc = span.doc
    root = span.root
    if root.dep_ == "pobj":  # the name read as the preposition's object
        prep, role = root.head, root.head.head
    elif root.dep_ == "appos" and root.head.i < span.start:  # or as the role's appositive
        role = root.head
        prep = next((c for c in role.children if c.dep_ == "prep" and role.i < c.i < span.start), role)
    else:
        return _lexical_post(span, index)
    if prep.lower_ not in {"to", "of", "for"} or prep.i >= span.start:
        return None
    if role.lower_ not in _TITLE_WORDS or role.lower_ in HONORIFICS or role.i != prep.i - 1:
        return None
    between = doc[prep.i + 1 : span.start]
    owners = {index.entity_of(t) for t in between}
    if not between or len(owners) != 1 or None in owners or any(t.is_punct for t in between):
        return None
    if index.clusters[next(iter(owners))].label not in {"GPE", "ORG", "LOC", "NORP"}:
        return None
    start = role.left_edge.i
    if any(t.is_punct for t in doc[start : role.i]):
        return None
    return doc[start : span.start]


# How far left a class noun before an organisation's name reaches: "the U.S. plane-maker Boeing",
# "Turkish-based carrier SunExpress", "the research firm Oanda".
_CLASS_DEPS = {"compound", "amod", "nmod", "npadvmod", "det", "poss", "case", "punct"}


def _class_before(span: Span, index: EntityIndex) -> Span | None:
    """A class noun and its modifiers right before an organisation's name ("the U.S. plane-maker
    Boeing" -> "the U.S. plane-maker"): a description of what the organisation is."""
    doc = span.doc
    if span.start == 0:
        return None
    noun = doc[span.start - 1]
    sent_start = span.sent.start
    if noun.pos_ != "NOUN" or noun.dep_ != "compound" or not span.start <= noun.head.i < span.end:
        return None
    if noun.lower_ not in ORG_NOUNS and noun.lemma_.lower() not in ORG_NOUNS:
        return None
    j = noun.i - 1
    while j >= sent_start and doc[j].dep_ in _CLASS_DEPS and j < doc[j].head.i < span.end:
        if doc[j].dep_ == "punct" and (doc[j].text not in {"-", "–"} or doc[j].whitespace_):
            break  # only a hyphen inside a word ("Turkish-based"), never a comma or a dash
        j -= 1
    first = j + 1
    if any(t.pos_ == "CCONJ" for t in doc[first : noun.i]):
        return None
    return doc[first : noun.i + 1]


_DASHES = {",", "—", "–", "-", "--"}
_FINITE = {"VBD", "VBZ", "VBP"}  # a finite verb ends the phrase before a title
_TERMINAL = {".", "!", "?", '"', "”", "’", "'", ")", ":", ";"}


def _gap(doc: Doc, a: int, b: int) -> list[Token]:
    """The tokens between two spans (``a``: end of the first, ``b``: start of the second)."""
    return [t for t in doc[min(a, b) : max(a, b)] if not t.is_space]


# A US legislator's party and state after the name: "R-Ky.", "D-N.Y.", "I-Vt."
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{1,5}$")


def _party_tag(tok: Token) -> bool:
    """Whether a token heads a party-and-state tag ("D-N.Y." parsed as "D" "-" "N.Y.")."""
    end = min([a.left_edge.i for a in tok.children if a.dep_ == "appos"] + [tok.right_edge.i + 1])
    words = [t for t in tok.doc[tok.left_edge.i : end] if t.text != ","]
    return bool(_PARTY_TAG.match("".join(t.text for t in words)))


def _appositive_factor(name: Span, desc: Span, index: EntityIndex) -> float:
    """How much an appositive reading holds, 0 when it cannot: the describing noun phrase must
    sit right beside the name, set off by a comma or a dash (never a colon or a bracket: "Photo:
    NASA", "local time (0100 GMT)"), and read as a role or a kind, not as a count ("2 points",
    "1 tsp"), a credit ("Photo") or one item of a list ("a Homepage, an About page, ...")."""
    if len(desc) == 0:  # a phrase that was all punctuation or determiners once stripped
        return 0.0
    doc = name.doc
    root = desc.root
    gap = _gap(doc, name.end, desc.start) if desc.start >= name.end else _gap(doc, desc.end, name.start)
    if any(t.text in {":", "(", ")", "[", "]", "|", "/"} or "\n" in t.text for t in gap):
        return 0.0
    if gap and desc.start >= name.end and not doc[name.end - 1].whitespace_ and not gap[-1].whitespace_:
        return 0.0  # "the Electoral College\u2013subversion gambit": a compound, not an appositive
    if root.lemma_.lower() in CREDIT_WORDS or root.lower_ in CREDIT_WORDS:
        return 0.0
    numbered = (
        any(c.dep_ == "nummod" for c in root.children) or desc[0].like_num or desc[0].text[:1].isdigit()
    )
    if numbered and not _times(desc):
        return 0.0
    if any(c.dep_ == "conj" and any(g.dep_ == "det" for g in c.children) for c in root.children):
        return 0.0  # "a Homepage, an About page, a Contact page": a list, not a description
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in name.root.children):
        return 0.0  # "a Homepage": a thing named, not a name
    if desc.end <= name.start and any(t.text in _DASHES for t in gap) and not _determined(root):
        return 0.0  # "Good luck, Tara.": words said to the name, not what it is
    if desc.start >= name.end and any(
        c.dep_ == "conj" and c.i >= desc.end and c.pos_ == "NOUN" for c in name.root.children
    ):
        return 0.0  # "Alpha, a ..., Beta and Gamma": items of a list
    if desc.end <= name.start and any(
        c.dep_ == "conj" and c.i >= name.end and c.pos_ in {"NOUN", "PROPN"} for c in name.root.children
    ):
        return 0.0  # "includes a controller, Chromecast Ultra and three months of ...": a list too
    if name.start > 0 and (doc[name.start - 1].pos_ == "INTJ" or doc[name.start - 1].dep_ == "intj"):
        return 0.0  # "Hey Twitter, the whole point ...": the name is addressed, not described
    runs_on = desc.end < len(doc) and doc[desc.end].tag_ in {"VBZ", "VBD", "VBP", "MD"}
    fronted = name.root.dep_ not in {"nsubj", "nsubjpass"}  # a subject's appositive may precede its verb
    if desc.start >= name.end and runs_on and fronted and any(t.text == "," for t in gap):
        # "Posted by the analysts at Digital Foundry, the port of the game is not smooth": a noun
        # phrase that runs straight into a verb is that verb's subject, not an appositive
        return 0.0
    words = [t for t in gap if not t.is_punct]
    if desc.end <= name.start and words == [doc[name.start - 1]] and doc[name.start - 1].lower_ == "the":
        words = []  # "WeWork's parent company, The We Company": the name's own article
    if (
        len(words) == 1
        and words[0].like_num
        and len(words[0].text) <= 3
        and [t.text for t in gap].count(",") == 2
    ):
        words = []  # "Tomas Reyes, 54, a former police officer": the age set off between them
    if [t.text for t in gap].count(",") == 2 and _PARTY_TAG.match(
        "".join(t.text for t in gap if t.text != ",")
    ):
        words = []  # "Adam Schiff, D-Calif., the chairman": a US party-and-state tag set off between them
    factor = 1.0
    if words:
        factor *= 0.7  # words between name and description: the parse may have joined the wrong nouns
    elif not any(t.text in _DASHES for t in gap):
        # no comma: "the journal BMJ" holds only with a definite or possessive determiner
        dets = [c for c in root.children if c.dep_ in {"det", "poss"}]
        if desc.start < name.start and any(c.lower_ in {"a", "an"} for c in dets):
            return 0.0  # "a call the White House released": two noun phrases, not one name
        factor *= 0.9 if dets else 0.8
        if desc.end <= name.start and any(c.dep_ == "poss" and c.i == desc.start for c in dets):
            # "Dubai's flagship carrier Emirates", "Trump's lawyer Rudy Giuliani": a possessed
            # title right before the name names its post
            return _SET_OFF_BONUS
    if root.tag_ in {"NNS", "NNPS"}:
        # "the researchers Richard Axel (and Linda Buck)", "the big newspaper chains Gannett and
        # GateHouse": a plural says what a group is, not what each of its names is
        return 0.0
    if factor == 1.0 and any(t.text in _DASHES for t in gap) and _determined(root):
        # "Lena Ortiz, the city's new police chief," / "Helix, a Denver logistics firm": a noun
        # phrase with its own determiner set off beside the name is the classic appositive
        factor = _SET_OFF_BONUS
    return factor


# How much more a comma-set appositive with a determiner or possessive holds than the base 0.85.
_SET_OFF_BONUS = 1.08


def _determined(root: Token) -> bool:
    """A determiner or possessive ("the envoy", "Kovia's chief"), or a bare role word ("chairman of
    the board"): a noun phrase that names a kind or a post."""
    return root.lower_ in _TITLE_WORDS or any(
        c.dep_ in {"det", "poss"} and c.i < root.i for c in root.children
    )


def _asserted(verb: Token) -> float:
    """How much a copula is the article's own statement: one inside a reported, believed or
    conditional clause ("if they believed that X was a buffoon", "Y said X is a fraud") is
    someone's view or a supposition."""
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return 0.6  # "could be a game-time decision", "may be another canary": a supposition
    v = verb
    for _ in range(4):
        if v.dep_ in {"ccomp", "advcl", "xcomp", "csubj"} or any(
            c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless", "though", "although"}
            for c in v.children
        ):
            return 0.6
        if v.head.i == v.i or v.dep_ not in {"conj", "relcl", "acl"}:
            break
        v = v.head
    return 1.0


def _times(desc: Span) -> bool:
    """ "five-time champion", "a two-time winner": a count that is part of a title."""
    return any(t.lower_ in {"time", "-time"} or t.lower_.endswith("-time") for t in desc[:4])


def _text_factor(span: Span) -> float:
    """Less trust in a description from a line that is not a sentence of the story (no final
    punctuation: a caption, a list item, a heading), a long one, or one whose head is
    capitalised mid-sentence (often a foreign-language word the English tagger misread)."""
    sent = span.sent
    words = [t for t in sent if not t.is_space]
    factor = 1.0
    if (
        words
        and words[-1].text not in _TERMINAL
        and not (len(words[-1]) > 1 and words[-1].text.endswith("."))
    ):
        factor *= 0.75  # (a sentence's full stop may be part of its last word: "... Robotics Inc.")
    if len(span) > 12:
        factor *= 0.85
    root = span.root
    if (
        root.pos_ == "NOUN"
        and root.text[:1].isupper()
        and root.i != sent.start
        and root.lower_ not in _TITLE_WORDS
    ):
        factor *= 0.7
    if any(t.lower_ in CREDIT_WORDS and t.i + 1 < len(t.doc) and t.nbor().text in {":", "/"} for t in words):
        factor *= 0.5
    if (
        words
        and words[0].i == sent.root.i
        and sent.root.tag_ == "VB"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in sent.root.children)
    ):
        factor *= 0.8  # "Get access to India's fastest growing service X for Rs 599": an advert's call
    return factor


_PAIRS = (("(", ")"), ("[", "]"), ("\u201c", "\u201d"))
_CUT_DEPS = {"conj", "cc", "pobj", "dobj", "xcomp", "pcomp"}


def _between_dashes(span: Span) -> bool:
    """A phrase set off by a dash on each side: what follows the second dash is not its own."""
    doc = span.doc
    return (
        0 < span.start
        and span.end < len(doc)
        and {doc[span.start - 1].text, doc[span.end].text} <= _TRUE_DASHES
    )


_TRUE_DASHES = {"—", "–", "--"}


def _truncated(span: Span, index: EntityIndex, name_end: int | None = None) -> bool:
    """Words cut off mid-phrase: an unclosed bracket or quotation mark ("on the Council (NSC"), a
    span ending on a preposition, conjunction, determiner or possessive "'s", or a word inside it whose object,
    conjunct or complement lies past its end ("the late science fiction [and fantasy author]",
    "a facility enabling expert teams [to perform ...]") or a name that runs past its end. Such
    words misquote the text. ``name_end``: where the description's words end for sure (the end of
    the name a description before it is set beside, or its closing dash); words hung past it are
    not the description's."""
    text = span.text
    if any(text.count(a) != text.count(b) for a, b in _PAIRS) or text.count('"') % 2:
        return True
    if span[-1].pos_ in {"ADP", "CCONJ", "DET", "SCONJ"} or span[-1].tag_ == "POS":
        return True  # "... takeover by the government's [Pension Benefit Guarantee Corp.]": an owner
    if any(span.start <= ent.start < span.end < ent.end for ent in span.doc.ents):
        return True  # "General Manager of Life [Care Solutions Europe]": a name cut in two
    for tok in span:
        for child in tok.children:
            if child.i < span.end or index.entity_of(child) is not None:
                continue
            if name_end is not None and child.i >= name_end:
                continue
            if child.dep_ in _CUT_DEPS:
                return True
            # an infinitive or a participle hung on a word inside ("teams [to perform ...]",
            # "a man [convicted of ...]"): the words alone say something else
            if child.dep_ == "acl" or (child.dep_ == "relcl" and any(t.lower_ == "to" for t in child.lefts)):
                return True
    return False


def _age_after(name: Span) -> Span | None:
    """ "Patrick Carlineo Jr., 55, of Rochester": a person's age set off by commas after the name."""
    doc, i = name.doc, name.end
    if i + 2 >= len(doc) or doc[i].text != "," or not doc[i + 1].text.isdigit():
        return None
    if not 1 <= int(doc[i + 1].text) <= 119 or doc[i + 2].text not in {",", ".", ";", ")"}:
        return None
    return doc[i + 1 : i + 2]


def _quoted(span: Span) -> bool:
    """Whether a span lies inside quotation marks in its sentence: a speaker's words ("a great day
    for our Country"), not the writer's description."""
    before = span.doc.text[span.sent.start_char : span.start_char]
    # an odd count of straight marks is inside a quotation only when the last one opens it
    # ('..., game," says Jack Buser, director for games' closes one begun a sentence before)
    last = before.rfind('"')
    closes = last > 0 and (before[last - 1].isalnum() or before[last - 1] in ".,!?;:\u2019'")
    straight = before.count('"') % 2 == 1 and not closes
    return straight or before.count("\u201c") > before.count("\u201d")


def _pronoun_led(span: Span) -> bool:
    """ "nothing President", "everything": an indefinite pronoun is no description."""
    return span[0].lower_ in vocabulary()["indefinite"]


def _role_relative(rel: Token) -> Span | None:
    """ "Scott Paul, who heads the Alliance for American Manufacturing": the role the relative
    clause states ("heads the Alliance ..."), set off by a comma after the name; a present tense
    (or the past of founding), not negated, with a direct object."""
    if rel.dep_ != "relcl" or rel.lemma_.lower() not in _ROLE_RELATIVES or _negated(rel):
        return None
    if not (rel.tag_ in {"VBZ", "VBP"} or rel.tag_ == "VBD" and rel.lemma_.lower() in _FOUNDING):
        return None
    subj = next((c for c in rel.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in rel.children if c.dep_ == "dobj"), None)
    if subj is None or subj.lower_ not in {"who", "which"} or obj is None or subj.i == 0:
        return None
    if rel.doc[subj.i - 1].text != "," or any(c.dep_ == "aux" for c in rel.children):
        return None  # "who will lead", "who has run": not what it is now
    return rel.doc[rel.i : obj.right_edge.i + 1]


def find_descriptions(doc: Doc, index: EntityIndex | None = None) -> list[Description]:
    """All appositive, copula and role-title descriptions of the doc's entities."""
    index = index or EntityIndex.build(doc, include_coref=False)
    found: list[Description] = []
    seen: set[tuple[str, int, int]] = set()

    def add(entity: str, span: Span, kind: str, confidence: float) -> None:
        span = _strip(span)
        if len(span) == 0 or (entity, span.start_char, span.end_char) in seen:
            return
        if all(index.entity_of(t) == entity for t in span) and not (
            kind == "title" and any(t.lower_ in _TITLE_WORDS for t in span)
        ):
            return  # the name itself, not what it is ("Energy Secretary" the model took into the name is)
        if _pronoun_led(span):
            return
        if span[0].lower_ == "whose":
            return  # "a Columbus firm whose regional director, Alan Okafor, ...": a clause's start
        if (
            kind == "appositive"
            and len(span) == 2
            and span.start == span.sent.start
            and span.end < len(span.doc)
            and span.doc[span.end].text == ","
            and index.clusters[entity].label != "PERSON"  # ("The mayor, Jonas Pell, said": his post)
            and span[0].lower_ in {"the", "this", "that"}
            and span[1].pos_ == "NOUN"
            and any(0 <= s.start - span.end <= 2 for s in index.clusters[entity].spans)
        ):
            # "The company, Sahil Gold Trading FZE, was accused": opening a sentence, it points back
            # to the story's company and says nothing of what this one is ("the capital, Khartoum" does)
            return
        if span.start >= 2 and glued_hyphen(span.doc[span.start - 1]):
            return  # "three-time team MVP" read from "time": the first word is cut in two
        text, res_conf = _describe(span, index)
        if text != span.text and text.endswith(f" of {index.clusters[entity].name}"):
            return  # "its largest investor, SoftBank" with "its" read as SoftBank: the owner is another
        confidence *= _text_factor(span)
        # "WeWork's parent company, The We Company, announced ...": a description before the name
        # ends there; what the parser hung on its head past the name is the rest of the sentence
        name_end = next(
            (s.end for s in index.clusters[entity].spans if span.end < s.start <= span.end + 2), None
        )
        if _between_dashes(span):
            name_end = span.end  # "John Bolton — Morrison's supervisor — to go ...": the dashes close it
        if _truncated(span, index, name_end):
            confidence *= 0.5  # kept, but below the display band: the words are cut off
        if _quoted(span):
            confidence *= 0.5  # a speaker's words, kept below the display band
        seen.add((entity, span.start_char, span.end_char))
        found.append(
            Description(
                entity=entity,
                text=text,
                start=span.start_char,
                end=span.end_char,
                kind=kind,
                confidence=round(confidence * res_conf, 2),
            )
        )
        index.add_description(entity, text)

    for cluster in index.clusters.values():
        for mention in cluster.spans:
            head = mention.root
            # "Meridian Shipping, the terminal's operator"; "the Centre for Economic Policy Research,
            # a London-based think tank" (the parser hangs it on the name's last word)
            tails = [c for t in mention if t.i != head.i for c in t.children if c.i >= mention.end]
            # "Sen. Ana Ruiz, D-N.Y., a member of the panel": the parser hangs it on the party tag
            tags = [c for c in head.children if c.dep_ == "appos" and _party_tag(c)]
            for child in [*head.children, *tails, *(c for t in tags for c in t.children)]:
                if child.dep_ == "appos" and _common_noun(child, index):
                    np = _with_coordinated_role(child, noun_phrase(child))
                    factor = _appositive_factor(mention, _strip(np), index)
                    if factor > 0:
                        add(cluster.id, np, "appositive", 0.85 * factor)
            # "Its chief executive, Ingrid Holm" / "the union's general secretary, Tomas Reyes"
            role = head.head
            # "Prince Andrew, the younger brother of the heir, Charles": a noun phrase set beside
            # another name first describes that one, not the name after it
            other = role.dep_ == "appos" and index.entity_of(role.head) not in (None, cluster.id)
            if head.dep_ == "appos" and _common_noun(role, index) and role.i < head.i and not other:
                # "WeWork's founder and former CEO, Adam Neumann": both roles
                np = _with_coordinated_role(role, noun_phrase(role, stop=head.left_edge))
                if np.end > head.left_edge.i:
                    np = noun_phrase(role, stop=head.left_edge)
                factor = _appositive_factor(mention, _strip(np), index) if len(_strip(np)) else 0.0
                if factor > 0:
                    add(cluster.id, np, "appositive", 0.85 * factor)
            # "Alexander Vindman, who is the White House Ukraine expert" (not "who was", "who is not")
            for rel in head.children:
                if rel.dep_ != "relcl" or rel.lemma_ not in _COPULAS or rel.tag_ not in {"VBZ", "VBP"}:
                    continue
                if _negated(rel) or not any(
                    c.dep_ == "nsubj" and c.lower_ in {"who", "which"} for c in rel.children
                ):
                    continue
                for child in rel.children:
                    if child.dep_ == "attr" and _common_noun(child, index) and child.i > rel.i:
                        np = noun_phrase(child)
                        if not (np[0].like_num or np[0].text[:1].isdigit()):
                            add(cluster.id, np, "copula", 0.8)
            for rel in head.children:
                said = _role_relative(rel)
                if said is not None:
                    add(cluster.id, said, "relative", 0.8)
            # "The HWA is a union of ..." (not "is not a union")
            verb = head.head
            if head.dep_ == "nsubj" and verb.lemma_ in _COPULAS and not _negated(verb):
                for child in verb.children:
                    if child.dep_ == "attr" and child.i > head.i and _common_noun(child, index):
                        kids = list(child.children)
                        # "X is the problem" says little; "X is a union" / "X is Europe's largest ..." says what X is
                        if len(kids) == 1 and kids[0].lower_ in {"the", "this", "that"}:
                            continue
                        np = noun_phrase(child)
                        if np[0].like_num or np[0].text[:1].isdigit():
                            continue  # "Glass was 20-of-24 passing": a statistic, not what he is
                        if cluster.label == "PERSON" and child.tag_ in {"NNS", "NNPS"}:
                            continue  # "Pell was all smiles": a plural says how one person was, not what
                        add(cluster.id, np, "copula", 0.8 * _asserted(verb))
            if cluster.label == "PERSON":
                age = _age_after(mention)
                if age is not None:
                    add(cluster.id, age, "appositive", 0.85)
                title = _title_before(mention, index)
                if title is not None:
                    add(cluster.id, title, "title", 0.9)
                posted = _post_before(mention, index)
                if posted is not None:
                    add(cluster.id, posted, "title", 0.85)
            elif cluster.label == "ORG":
                kind = _class_before(mention, index)
                if kind is not None:
                    add(cluster.id, kind, "title", 0.9)
    found.sort(key=lambda d: (d.start, d.end))
    return found


def describe_entities(doc: Doc) -> Doc:
    """Set ``doc._.ng_descriptions`` (empty when there are no entities)."""
    if not doc._.ng_entities or not doc.has_annotation("DEP"):
        doc._.ng_descriptions = []
        return doc
    doc._.ng_descriptions = find_descriptions(doc)
    return doc


@Language.factory(
    "newsgraph_descriptions",
    assigns=["doc._.ng_descriptions"],
    requires=["doc._.ng_entities", "token.pos", "token.tag", "token.dep", "token.lemma"],
)
def make_descriptions(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_descriptions`` component for ``nlp.add_pipe("newsgraph_descriptions")``; it takes no settings."""
    register_extensions()
    return describe_entities
