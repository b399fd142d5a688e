"""Who said what (``newsgraph_quotes``): direct, indirect and mixed quotations with speakers and dates.

One linear pass pairs the quotation marks (``quote_marks``: double or single, curly or straight);
each quotation then looks for a speech verb after it (`"...," X said`) or before it (`X said:
"..."`) in its sentence. A quotation that does not fill the reported clause is ``mixed`` (`X told
the Herald that talks could resume "as early as next week" if...`), as is a quoted fragment after
"called/described as". Speech verbs with a clausal complement and no quotation marks give
``indirect`` quotes, as does "according to X". The speaker is the entity of the verb's subject, its
appositive ("the union's general secretary, Tomas Reyes"), or the entity coreference linked to it;
the date is the time expression attached to the speech verb, never one inside the reported words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Quote
from ..resolve.names import is_title_word
from ..vocabulary import shared_words, speech_table, speech_verbs, word_set
from .coref_rules import PERSON_NOUNS, EntityIndex
from .datelines import after_dateline, subject_past_dateline
from .extensions import EntityCluster, cluster_by_id, doc_text, entity_at, register_extensions
from .quote_marks import QuoteSpan, find_quote_spans

__all__ = ["find_quotes", "SPEECH_VERBS", "FRAGMENT_VERBS"]


SPEECH_VERBS = speech_verbs("quotes")
"""Lemmas of verbs that report speech (the cue of a quotation); data/speech.toml, core + quotes."""
FRAGMENT_VERBS = speech_table("fragment_verbs")
"""Verbs that introduce a quoted phrase rather than a clause: X called the deal "painful but fair"."""
# Verbs whose reported clause is only taken when it is a real "that"-clause, since they also
# take non-speech complements ("continue", "post", "answer"...).
_WEAK_VERBS = speech_table("weak_verbs")
_HEARER_VERBS = speech_table("hearer_verbs")
_TOLD_THINGS = speech_table("told_things")  # "told the story that ...": what is told, not who hears it
_REFUSALS = speech_table("refusal_verbs")  # "declined to say": nothing was said
_DENIALS = speech_table("denial_verbs")  # "denied that ...": the clause is what was called false
_SUBJECT_DEPS = frozenset({"nsubj"})  # a passive subject is the hearer ("reporters were told that")
_RELATIVE = word_set("pronouns", "relative_subject")  # data/pronouns.toml
_DETACHED = frozenset({"relcl", "acl", "ccomp", "csubj", "parataxis", "xcomp", "pcomp"})
_PRONOUNS = word_set("pronouns", "personal")
_MASCULINE = word_set("pronouns", "masculine")  # data/pronouns.toml: he, him, his, himself
_FEMININE = word_set("pronouns", "feminine")
_WRITER = word_set("pronouns", "writer")
_MAX_AFTER = (
    16  # tokens between a closing mark and its speech verb ("," the union's general secretary, X, said)
)
_MAX_BEFORE = 30
_SCARE_WORDS = (
    3  # words set off in marks inside a reported clause that leave it a report ('a "suspicious" fire')
)
_MAX_APPOSITIVE = 24  # more tokens of a speaker's appositive between the closing mark and the verb


def _document_nouns() -> frozenset[str]:
    """Nouns for the document a speaker issues ("statement", "release"), from data/speech.toml."""
    return speech_table("document_nouns")


def _authored_nouns() -> frozenset[str]:
    """Works whose named author speaks through them ("a study by X concluded"), data/speech.toml."""
    return speech_table("authored_nouns")


# The speaker score of the author of a work that speaks ("a study by X concluded that ..."): its
# own value (a quote of 0.85 at most), so the calibration can measure it apart.
_AUTHOR = 0.8


def _author_of_work(doc: Doc, subj: Token) -> tuple[EntityCluster, Span] | None:
    """The named author of a work that is the subject of a speech verb: "a study by the Centre for
    Economic Policy Research", "the bank's report" (an organisation or a person)."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in _authored_nouns():
        return None
    for c in subj.children:
        if c.dep_ == "poss":
            author = c
        elif c.dep_ == "prep" and c.lower_ == "by":
            author = next((g for g in c.children if g.dep_ == "pobj"), None)
        else:
            continue
        hit = _cluster_covering(doc, author) if author is not None else None
        if hit is not None and hit[0].label in {"ORG", "PERSON", "GPE", "NORP"}:
            return hit
    return None


def _speaker_nouns() -> frozenset[str]:
    """Heads of an unnamed speaker's description ("a company spokesperson"), data/speech.toml."""
    return speech_table("speaker_nouns")


class _Tokens:
    """Character offset -> token index for one doc (one bisect per lookup)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)


def _in_any(i: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in ranges)


def _is_speech(tok: Token) -> bool:
    return tok.lemma_.lower() in SPEECH_VERBS and (tok.pos_ in {"VERB", "AUX"} or _speech_read_as_noun(tok))


def _speech_read_as_noun(tok: Token) -> bool:
    """ "the Congressional Budget Office projects that ...": a verb the tagger took for a plural noun,
    though the parse gives it a subject and a clause of its own."""
    return (
        tok.tag_ == "NNS"
        and tok.dep_ == "ROOT"
        and any(c.dep_ == "nsubj" for c in tok.children)
        and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in tok.children
        )
    )


def _is_adding(tok: Token) -> bool:
    """A speech verb in a participle clause with no subject of its own: ', adding that...'."""
    return (
        tok.tag_ == "VBG"
        and tok.dep_ in {"advcl", "xcomp", "conj"}
        and _is_speech(tok)
        # "rumours on social media suggesting the fire was lit": what suggests is rarely the one who
        # said the sentence's words, and "..., suggesting that" is as often the writer's inference
        and tok.lemma_.lower() != "suggest"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
    )


def _subject(verb: Token) -> Token | None:
    """The verb's subject, following coordination ("called ... and said") and relative clauses."""
    if _is_adding(verb):
        # "X said the channel was shut, adding that...": the one who adds is the one who said.
        said = next((a for a in verb.ancestors if _is_speech(a)), None)
        if said is None:
            # "Norway, he said, had tried to ..., noting that ...": the attribution set in the clause
            said = next((c for c in verb.head.children if c.dep_ == "parataxis" and _is_speech(c)), None)
        if said is not None:
            return _subject(said)
    v = verb
    for _ in range(4):
        # never the dateline the parser made a second subject ("LONDON (Reuters) - X said ...")
        subj = subject_past_dateline(v, _SUBJECT_DEPS)
        if subj is None and v.dep_ == "pcomp" and v.head.head.lemma_ == "quote":
            # "He was quoted as saying": the one quoted is the passive subject of "quoted".
            subj = next((c for c in v.head.head.children if c.dep_ == "nsubjpass"), None)
        if subj is None:
            subj = _subject_before_aside(v)
        if subj is None:
            subj = _name_as_adverb(v)
        if subj is None:
            subj = _subject_after_as_clause(v)
        if subj is not None:
            if subj.lower_ in _RELATIVE and v.dep_ == "relcl":
                return v.head
            return subj
        if v.dep_ == "acl" and v.tag_ in {"VBD", "VBN"} and v.head.pos_ in {"NOUN", "PROPN"}:
            # "The firm's parent, Halden Group, announced on Monday that ..." parsed as a clause on
            # the noun: a speech verb there with its own "that"-clause and no agent ("the plan,
            # announced by the mayor") has that noun as its subject.
            if any(c.dep_ == "agent" for c in v.children):
                return None
            if any(
                c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                for c in v.children
            ):
                return v.head
            return None
        if v.dep_ == "xcomp":
            # "the cutback led the maker to announce ...": the object of the governing verb speaks.
            obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
            if obj is not None:
                return obj
        if v.dep_ in {"conj", "advcl", "xcomp"} and v.head.i != v.i:
            v = v.head
        elif v.dep_ == "dep" and v.head.i < v.i and v.doc[v.i - 1].text == "," and v.head.pos_ == "VERB":
            # "Tomas Reyes, asked about the report, said ..." parsed with "asked" as the root and
            # "said" hung on it: the subject before the aside says it
            v = v.head
        else:
            return None
    return None


def _fronted_clause_read_as_adverbial(verb: Token) -> Token | None:
    """ "As yet, there is no evidence linking the cases, the health commission said": a finite
    clause before ", <subject> said" that the parser hung on the verb as an adverbial. With no
    subordinator of its own ("while", "because", "if") it is what was said."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.left_edge.i == 0 or verb.doc[subj.left_edge.i - 1].text != ",":
        return None
    for c in verb.children:
        if (
            c.dep_ == "advcl"
            and c.right_edge.i < subj.left_edge.i
            and c.tag_ in _FINITE
            and not any(m.dep_ == "mark" for m in c.children)
            and any(g.dep_ in _CLAUSE_SUBJECTS or g.dep_ == "expl" for g in c.children)
        ):
            return c
    return None


def _subject_after_as_clause(verb: Token) -> Token | None:
    """ "As we have noted, a study by X concluded that ...": the parser took the subject after the
    comma for the object of the opening "as"-clause; the verb has no subject of its own then."""
    for c in verb.children:
        if (
            c.dep_ != "advcl"
            or c.i > verb.i
            or not any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
        ):
            continue
        for o in c.children:
            if o.dep_ == "dobj" and o.left_edge.i > 0 and verb.doc[o.left_edge.i - 1].text == ",":
                return o
    return None


def _subject_before_aside(verb: Token) -> Token | None:
    """The subject the parser gave to an aside between it and the verb: "Tomas Reyes, asked about the
    report, said ..." (a past form set off by a comma), else "Mike Peterson, probably playing his
    final game there, said ..." (a participle after a named subject set off by commas)."""
    doc = verb.doc
    asides = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    pairs = [(c, s) for c in asides for s in c.children if s.dep_ == "nsubj" and s.i < c.i]
    return next((s for c, s in pairs if c.tag_ == "VBD" and doc[c.i - 1].text == ","), None) or next(
        (
            s
            for c, s in pairs
            if c.tag_ in {"VBG", "VBN"}
            and doc[verb.i - 1].text == ","
            and s.pos_ == "PROPN"
            and s.i + 1 < c.i
            and doc[s.i + 1].text == ","
        ),
        None,
    )


def _name_as_adverb(verb: Token) -> Token | None:
    """ "says Early.", "Early still says ...": a person's name that is also an adverb, which the
    parser hangs on the verb (or its adverb) as a modifier: the subject, when it is a mention of a
    person the article names."""
    near = [c for c in verb.children if c.dep_ in {"advmod", "npadvmod"}]
    near += [g for c in near for g in c.children if g.dep_ == "advmod" and g.i < c.i]
    for tok in near:
        if not tok.text[:1].isupper() or abs(tok.i - verb.i) > 2:
            continue
        hit = _cluster_covering(verb.doc, tok)
        if hit is not None and hit[0].label == "PERSON":
            return tok
    return None


def _object_read_as_clause(verb: Token) -> Token | None:
    """ "Pimm said the Bush rule excluded from the process expert scientists who ...": "say" takes
    no such object; the parser read the reported clause's subject as its object and the clause's
    past-tense verb as a participle on it (no "by" agent, something after it)."""
    if verb.lemma_.lower() != "say":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ not in {"NOUN", "PROPN"} or not any(g.dep_ == "det" for g in obj.lefts):
        return None
    acl = next((g for g in obj.rights if g.dep_ == "acl" and g.i == obj.i + 1), None)
    if acl is None or acl.tag_ not in {"VBD", "VBN"} or any(g.dep_ == "agent" for g in acl.children):
        return None
    return obj if any(g.dep_ in {"prep", "dobj", "advmod"} for g in acl.children) else None


def _clause_inside(clause: Token) -> bool:
    """ "said receivers Henderson and Meachem are getting most of the time": the parser took the
    first word of the reported clause for its verb ("receivers" as a verb) and hung the real
    clause, with a subject of its own, under it."""
    return any(
        c.dep_ == "ccomp" and c.i > clause.i and any(g.dep_ in _CLAUSE_SUBJECTS for g in c.children)
        for c in clause.children
    )


def _verb_read_as_noun(verb: Token) -> Token | None:
    """ "The company said the vulnerability impacts all versions": a reported clause whose verb the
    parser read as a plural noun, the speech verb's object, with an object of its own (which no
    noun has)."""
    if verb.lemma_.lower() in _HEARER_VERBS:
        return None
    for c in verb.children:
        if c.dep_ == "dobj" and c.i > verb.i and c.tag_ == "NNS" and c.lower_.endswith("s"):
            if any(g.dep_ == "dobj" and g.i > c.i for g in c.children) and any(
                g.dep_ in {"compound", "det", "amod"} and g.i < c.i for g in c.children
            ):
                return c
    return None


def _that_clause_as_relative(verb: Token) -> Token | None:
    """A reported "that"-clause the parser hung on a noun before it as a relative or noun clause
    ("told reporters at a news conference that the line will reopen"): a relative clause has its
    "that" as subject or object, never as a subordinating mark."""
    for d in verb.subtree:
        if d.i <= verb.i or d.pos_ not in {"VERB", "AUX"}:
            continue
        # "told the Herald in a statement that ...": a content clause on the noun of the verb's
        # own prepositional phrase (not on its object: "denied the report that ...").
        hearer = (
            d.dep_ == "acl"
            and d.head.dep_ == "dobj"
            and d.head.head.i == verb.i
            and verb.lemma_.lower() in _HEARER_VERBS
            and d.head.lower_ not in _TOLD_THINGS
        )  # "told a judge that Lohan was settling in": the object is the one told, not a content noun
        if not (d.dep_ == "relcl" or d.dep_ == "acl" and d.head.dep_ == "pobj" or hearer):
            continue
        if not any(
            c.lower_ == "that" and (c.dep_ == "mark" or c.dep_ == "advmod" and c.i == d.left_edge.i)
            for c in d.children
        ):
            continue  # ("said in a statement at the time that he ...": a "that" the parser calls an adverb)
        if any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.lower_ in _RELATIVE for c in d.children):
            continue
        between = []
        for a in d.ancestors:
            if a.i == verb.i:
                break
            between.append(a)
        if between and all(a.pos_ in {"NOUN", "PROPN", "ADP", "DET", "ADJ", "NUM"} for a in between):
            return d
    return None


def _cluster_covering(doc: Doc, tok: Token) -> tuple[EntityCluster, Span] | None:
    for cluster in doc._.ng_entities or []:
        for s in cluster.spans:
            if s.start <= tok.i < s.end:
                return cluster, s
    return None


def _coref_covering(doc: Doc, tok: Token) -> tuple[EntityCluster, int, int] | None:
    for c in doc._.ng_coref or []:
        if c.start <= tok.idx and tok.idx + len(tok) <= c.end:
            cluster = cluster_by_id(doc, c.entity)
            if cluster is not None:
                return cluster, c.start, c.end
    return None


def _named_after_body(doc: Doc, subj: Token) -> tuple[EntityCluster, Span] | None:
    """ "A spokesman for Wessex Fire and Rescue Service, Paul Denham, said": the parser hangs the
    spokesman's name on the body he speaks for. The person named in apposition to that body, when
    the subject is a speaking role ("spokesman") and the body is an organisation or a place."""
    if subj.lemma_.lower() not in _speaker_nouns():
        return None
    for prep in subj.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"for", "of", "at", "with"}:
            continue
        for body in prep.children:
            owner = _cluster_covering(doc, body) if body.dep_ == "pobj" else None
            if owner is None or owner[0].label not in {"ORG", "GPE", "NORP", "LOC"}:
                continue
            for appos in body.children:
                hit = _cluster_covering(doc, appos) if appos.dep_ == "appos" else None
                if hit is not None and hit[0].id != owner[0].id:
                    return hit  # a name set beside a named body: the role's holder (typed as the tagger will)
    return None


def _noun_phrase(tok: Token) -> Span:
    """The subject's words up to its head (drops relative clauses and appositives after it)."""
    return tok.doc[tok.left_edge.i : tok.i + 1]


def _last_person_before(
    doc: Doc, char: int, quoted: list[tuple[int, int]] = ()
) -> tuple[EntityCluster, Span] | None:
    """The PERSON named last before ``char``, skipping names inside quotation marks (a name in
    someone's quoted words is who they talk about, not who talks)."""
    best = None
    for cluster in doc._.ng_entities or []:
        if cluster.label != "PERSON":
            continue
        for s in cluster.spans:
            if s.end_char <= char and (best is None or s.end_char > best[1].end_char):
                if not _in_any(s.start_char, quoted):
                    best = (cluster, s)
    return best


def _window_start(doc: Doc, tok: Token, back: int) -> int:
    """The first token of the sentence ``back`` sentences before ``tok``'s (its own when fewer)."""
    sents = list(doc.sents)
    here = next((k for k, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
    return sents[max(0, here - back)].start


def _last_subject_person_before(
    doc: Doc, tok: Token, quoted: list[tuple[int, int]]
) -> tuple[EntityCluster, Span] | None:
    """The PERSON last named as a clause subject, outside quotation marks, in ``tok``'s sentence
    or the one before it ("Sonya Zoghlin, his attorney, told the Hill ... '...,' she said")."""
    first = _window_start(doc, tok, 1)
    best = None
    for cluster in doc._.ng_entities or []:
        if cluster.label != "PERSON":
            continue
        for s in cluster.spans:
            if not (first <= s.start and s.end <= tok.i) or _in_any(s.start_char, quoted):
                continue
            if s.root.dep_ in {"nsubj", "nsubjpass"} and (best is None or s.start > best[1].start):
                best = (cluster, s)
    return best


# The speaker score of a he/she whose antecedent is the only person it can be: named outside
# quotation marks in this sentence or the two before it, with no other person there whose gender
# fits the pronoun. A value no other path gives (a quote of 0.86), so the calibration measures it.
_SOLE_PERSON = 0.81
_SOLE_WINDOW = 2


def _sole_person(doc: Doc, entity: str, pronoun: Token, quoted: list[tuple[int, int]]) -> bool:
    """Whether ``entity`` is the one person ``pronoun`` can stand for in the sentences just before it."""
    if pronoun.lower_ not in {"he", "she"}:
        return False
    index = _quote_index(doc)
    first = _window_start(doc, pronoun, _SOLE_WINDOW)
    near = _persons_near(doc, first, pronoun.i, quoted)
    if entity not in near or any(e != entity and index.gender_fits(e, pronoun) for e in near):
        return False  # not named there, or another person it could be
    cluster = cluster_by_id(doc, entity)
    spans = [s for s in cluster.spans if first <= s.start < pronoun.i] if cluster is not None else []
    if _person_noun_between(doc, spans[-1].end, pronoun.i, spans):
        return False  # "X met the prosecutor, and he said": he may be the prosecutor
    # "he emailed Gaiman": a he of someone else, or of no one we know
    return all(ref is not None and ref[0].id == entity for ref in _same_pronouns(doc, first, pronoun, quoted))


# The speaker score of a he/she bound in its own sentence: the sentence names one person before
# it, as a clause subject, and no other person or person noun there could be who the pronoun is
# ("Carlineo was arrested for a call in which he said ..."; "When Reyes was approached, he told
# police ..."). A value no other path gives (a quote of 0.87), so the calibration measures it.
_BOUND = 0.82
# The speaker score of a he/she that opens its sentence as the subject right after a sentence
# whose main subject is that person ("Morrison was the third witness ... He said ..."): the
# subject carried on, the commonest reading in news. Its own value (a quote of 0.83).
_CARRIED = 0.78
# The speaker score of a he/she right after a quotation of the same person (shown-grade, at least
# ``_FOLLOWS_AT``) with no one else named since. Its own value (a quote of 0.82).
_FOLLOWS = 0.77
_FOLLOWS_AT = 0.85


def _persons_near(doc: Doc, first: int, last: int, quoted: list[tuple[int, int]]) -> dict[str, list[Span]]:
    """Each person named outside quotation marks in tokens [first, last), with those of their spans."""
    found: dict[str, list[Span]] = {}
    for cluster in doc._.ng_entities or []:
        if cluster.label != "PERSON":
            continue
        near = [
            s
            for s in cluster.spans
            if first <= s.start and s.end <= last and not _in_any(s.start_char, quoted)
        ]
        if near:
            found[cluster.id] = near
    return found


def _fitting_persons(
    doc: Doc, pronoun: Token, first: int, last: int, quoted: list[tuple[int, int]]
) -> dict[str, list[Span]]:
    """Each person named outside quotation marks in tokens [first, last) whose gender fits
    ``pronoun`` (as far as the article tells), with those of their spans."""
    index = _quote_index(doc)
    near = _persons_near(doc, first, last, quoted)
    return {entity: spans for entity, spans in near.items() if index.gender_fits(entity, pronoun)}


def _person_noun_between(doc: Doc, start: int, end: int, named: list[Span]) -> bool:
    """A singular person noun ("the player", "his lawyer") in tokens [start, end) that is not the named
    person's own title or appositive: someone else the pronoun could be."""
    inside = {t.i for s in named for t in s}
    for t in doc[start:end]:
        if t.pos_ != "NOUN" or t.tag_ != "NN" or t.i in inside or t.lemma_.lower() not in PERSON_NOUNS:
            continue
        if t.dep_ == "appos" and t.head.i in inside or t.head.i in inside:
            continue
        if t.dep_ == "attr" and any(c.dep_ == "nsubj" and c.i in inside for c in t.head.children):
            continue  # "Whitlock is the chief executive": what the named one is
        return True
    return False


def _bound_in_sentence(doc: Doc, entity: str, pronoun: Token, quoted: list[tuple[int, int]]) -> bool:
    """Whether ``entity`` is the one person a he/she can be within its own sentence."""
    if pronoun.lower_ not in {"he", "she"}:
        return False
    start = after_dateline(pronoun.sent).i
    persons = _fitting_persons(doc, pronoun, start, pronoun.i, quoted)
    if set(persons) != {entity}:
        return False
    spans = persons[entity]
    if not any(s.root.dep_ in {"nsubj", "nsubjpass"} for s in spans):
        return False
    if _person_noun_between(doc, spans[0].start, pronoun.i, spans):
        return False
    return all(ref is not None and ref[0].id == entity for ref in _same_pronouns(doc, start, pronoun, quoted))


def _carried_subject(doc: Doc, entity: str, pronoun: Token, quoted: list[tuple[int, int]]) -> bool:
    """Whether a he/she opening its sentence as its subject carries on the previous sentence's
    main subject, ``entity``, with no other fitting person as a subject there."""
    if pronoun.lower_ not in {"he", "she"} or pronoun.dep_ != "nsubj" or pronoun.head.dep_ != "ROOT":
        return False
    sent = pronoun.sent
    if after_dateline(sent).i != pronoun.i or _in_any(pronoun.idx, quoted) or sent.start == 0:
        return False
    prev = doc[sent.start - 1].sent
    root = prev.root
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or _in_any(subj.idx, quoted):
        return False
    hit = _cluster_covering(doc, subj)
    if hit is None or hit[0].id != entity:
        return False
    persons = _fitting_persons(doc, pronoun, prev.start, sent.start, quoted)
    others = [
        s
        for ent, spans in persons.items()
        if ent != entity
        for s in spans
        if s.root.dep_ in {"nsubj", "nsubjpass"}
    ]
    return not others


def _pronoun_tiers(
    doc: Doc, entity: str, pronoun: Token, quoted: list[tuple[int, int]], conf: float
) -> float:
    """A he/she speaker's score raised to the surest tier its reading meets."""
    for tier, test in (
        (_BOUND, _bound_in_sentence),
        (_SOLE_PERSON, _sole_person),
        (_CARRIED, _carried_subject),
    ):
        if conf < tier and test(doc, entity, pronoun, quoted):
            return tier
    return conf


# A paragraph that is one quotation, right after a paragraph that ends with the same speaker's
# cued quotation and its attribution ('"...," she added.\n\n"We will fight this."'): a value no
# other path gives, so the calibration measures it. Labelled on its own at 0.76 (r26: 45 of 46
# right, on ECB+ tune topics and the dev pages), it sits with the quotations measured as sure.
_NEXT_PARAGRAPH = 0.91
_ATTRIBUTION_WORDS = 8


def _next_paragraph(text: str, last: Quote, q: QuoteSpan) -> bool:
    """Whether quotation ``q`` is a whole paragraph that follows the paragraph ``last`` ends."""
    between = text[last.end : q.open]
    if between.count("\n") > 2 or last.confidence < 0.85:
        return False
    tail = between.split("\n")[0]  # what follows the last quotation in its paragraph: its cue
    if len(re.findall(r"[A-Za-z]+", tail)) > _ATTRIBUTION_WORDS or not tail.rstrip().endswith(
        (".", '"', "\u201d")
    ):
        return False
    line_end = text.find("\n", q.close + 1)
    after = text[q.close + 1 : line_end if line_end >= 0 else len(text)]
    # a sentence of speech, not a heading set in quotation marks ('"The Gordon problem"')
    return not after.strip() and text[q.start : q.end].rstrip().endswith((".", "!", "?", "\u2026"))


def _quote_index(doc: Doc) -> EntityIndex:
    """The doc's entity index without coreference, built once while its quotations are found."""
    index = doc.user_data.get("ng_quote_index")
    if index is None:
        index = doc.user_data["ng_quote_index"] = EntityIndex.build(doc, include_coref=False)
    return index


def _same_pronouns(
    doc: Doc, first: int, pronoun: Token, quoted: list[tuple[int, int]]
) -> Iterator[tuple[EntityCluster, int, int] | None]:
    """The coreference reading (or None) of each he/she of the same gender as ``pronoun`` outside
    quotation marks, from token ``first`` to the pronoun."""
    same = _MASCULINE if pronoun.lower_ == "he" else _FEMININE
    for tok in doc[first : pronoun.i]:
        if tok.lower_ in same and not _in_any(tok.idx, quoted):
            yield _coref_covering(doc, tok)


def _speaks(span: Span) -> bool:
    """Whether a name is the subject of a speech verb ("Reyes told the Herald that ...")."""
    return span.root.dep_ == "nsubj" and _is_speech(span.root.head)


def _named_outside(doc: Doc, entity: str, char: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether ``entity``'s last name before ``char`` stands outside quotation marks (a pronoun
    antecedent chosen for a name in the quoted words is who the speaker talks about)."""
    cluster = cluster_by_id(doc, entity)
    if cluster is None:
        return False
    before = [s for s in cluster.spans if s.end_char <= char]
    return bool(before) and not _in_any(max(before, key=lambda s: s.start_char).start_char, quoted)


def _name_after_title(doc: Doc, subj: Token) -> tuple[EntityCluster, Span] | None:
    """ "said Sgt. Marty Earley": the parser took the title, cut off by its full stop, for the
    subject; the person named right after it speaks."""
    if not is_title_word(subj.text):
        return None
    nxt = subj.i + 1
    if nxt < len(doc) and doc[nxt].text == ".":
        nxt += 1
    if nxt >= len(doc):
        return None
    hit = _cluster_covering(doc, doc[nxt])
    return hit if hit is not None and hit[0].label == "PERSON" and hit[1].start == nxt else None


def _speaker(
    doc: Doc, subj: Token | None, quoted: list[tuple[int, int]] = ()
) -> tuple[str | None, str | None, int | None, int | None, float]:
    """(entity id, text, start, end, confidence) of the one who speaks, given the verb's subject.

    ``quoted``: the char ranges inside quotation marks. The speaker is never a name in them: a
    subject inside them is no speaker, and a pronoun whose coreference antecedent is named only
    inside quotation marks is read again against the names outside them (or left unresolved).
    """
    if subj is None or _in_any(subj.idx, quoted):
        return None, None, None, None, 0.4
    hit = _cluster_covering(doc, subj) or _name_after_title(doc, subj)
    if hit:
        cluster, s = hit
        return cluster.id, s.text, s.start_char, s.end_char, 0.9
    for child in subj.children:  # "the union's general secretary, Tomas Reyes"
        if child.dep_ == "appos":
            hit = _cluster_covering(doc, child)
            if hit:
                cluster, s = hit
                return cluster.id, s.text, s.start_char, s.end_char, 0.9
    named = _named_after_body(doc, subj)
    if named is not None:
        cluster, s = named
        return cluster.id, s.text, s.start_char, s.end_char, 0.9
    np = _noun_phrase(subj)
    ref = _coref_covering(doc, subj)
    pronoun = subj.lower_ in _PRONOUNS
    if ref and not (pronoun and not _named_outside(doc, ref[0].id, subj.idx, quoted)):
        cluster, start, end = ref
        if pronoun:
            # Agreeing with the last person named outside quotation marks is the common case (but on
            # unseen news about one in five of those was someone else: not shown by default);
            # agreeing with the one who was just reported speaking ("X told the Herald that ...
            # '...,' she said") is the sure one.
            last = _last_person_before(doc, subj.idx, quoted)
            spoke = _last_subject_person_before(doc, subj, quoted)
            if spoke is not None and spoke[0].id == cluster.id and _speaks(spoke[1]):
                conf = 0.85
            elif last is not None and last[0].id == cluster.id:
                conf = 0.7
            else:
                conf = 0.6
            conf = _pronoun_tiers(doc, cluster.id, subj, quoted, conf)
            return cluster.id, doc_text(doc)[start:end], start, end, conf
        return cluster.id, doc_text(doc)[start:end], start, end, 0.75
    if pronoun and (ref or not doc._.ng_coref):
        # Coreference took a name from the quoted words (or did not run): a he/she speaker is
        # the person who was the subject of this or the previous sentence, outside quotation
        # marks; without coreference at all, the person named last outside them.
        hit = _last_subject_person_before(doc, subj, quoted)
        if hit is None and not doc._.ng_coref:
            hit = _last_person_before(doc, subj.idx, quoted)
        if hit:
            conf = 0.8 if _speaks(hit[1]) else 0.5
            conf = _pronoun_tiers(doc, hit[0].id, subj, quoted, conf)
            return hit[0].id, subj.text, subj.idx, subj.idx + len(subj), conf
        return None, subj.text, subj.idx, subj.idx + len(subj), 0.4
    cluster = entity_at(doc, subj.idx, subj.idx + len(subj))
    if cluster is not None:
        return cluster.id, np.text, np.start_char, np.end_char, 0.7
    author = _author_of_work(doc, subj)
    if author is not None:
        return author[0].id, author[1].text, author[1].start_char, author[1].end_char, _AUTHOR
    if subj.lower_ in _speaker_nouns() and subj.pos_ in {"NOUN", "PROPN"}:
        # "the US military said", "a company spokesperson said": an unnamed speaker given by its
        # description, kept as those words (no entity), which is what the text attributes. Its
        # own score (``_DESCRIBED``) so the calibration measures these attributions apart.
        words = [t for t in np if t.dep_ != "det"]
        anaphor = len(words) == 1 and any(
            t.dep_ == "det" and t.lower_ in _DETERMINERS - {"a", "an"} for t in np
        )
        # "the company said": a definite bare noun points back at a named one coreference missed,
        # which its words do not tell a reader; kept, below the display band
        np = _with_named_complement(np)
        return None, np.text, np.start_char, np.end_char, 0.75 if anaphor else _DESCRIBED
    return None, np.text, np.start_char, np.end_char, 0.4


_OWNER_PREPS = word_set("prepositions", "affiliation")  # data/prepositions.toml
# A sentence-final attribution: at most this many words name the speaker, this many follow the verb.
_POSTPOSED_SPEAKER = 6
_POSTPOSED_TAIL = 8
# "..., Christopher Budd, security response communications lead at Microsoft, said in a statement.":
# the words a name's appositive may take between it and the verb.
_POSTPOSED_ASIDE = 10


def _named_aside(doc: Doc, words: list[Token], comma: Token) -> tuple[Token, Span] | None:
    """The comma before ", NAME, APPOSITIVE," and the name, when the speech verb follows the
    appositive's closing ``comma``: a name of at most four words, an appositive that opens with a
    noun phrase and has no verb or pronoun. None when the words are not so."""
    commas = [t for t in words if t.i < comma.i and t.text == ","]
    if len(commas) < 2:
        return None
    opening, middle = commas[-2], commas[-1]
    name, aside = doc[opening.i + 1 : middle.i], doc[middle.i + 1 : comma.i]
    if not 1 <= len(name) <= 4 or any(t.pos_ != "PROPN" for t in name):
        return None
    if not 1 <= len(aside) <= _POSTPOSED_ASIDE or aside[0].pos_ not in {"DET", "NOUN", "ADJ", "PROPN"}:
        return None
    if any(t.pos_ in {"VERB", "AUX", "PRON"} or t.is_quote for t in aside):
        return None
    return opening, name


def _postposed_verb(tok: Token) -> bool:
    """A past or present speech verb that takes a clause ("announced", "said"), not a weak one."""
    return _is_speech(tok) and tok.tag_ in {"VBD", "VBZ"} and tok.lemma_.lower() not in _WEAK_VERBS


def _postposed_speaker(doc: Doc, np: Span) -> Token | None:
    """The token that names the speaker of a sentence-final attribution: a name in it, else the
    head of a speaker's description ("executives of both companies")."""
    named = [t for t in np if _cluster_covering(doc, t) is not None]
    if named:
        return named[-1]
    for t in np:
        if t.pos_ == "ADP":
            break
        if t.pos_ == "NOUN" and (t.lower_ in _speaker_nouns() or t.lemma_.lower() in _speaker_nouns()):
            nxt = doc[t.i + 1] if t.i + 1 < np.end else None
            if nxt is None or nxt.pos_ == "ADP":
                return t
    return None


def _coordinated_subject(subj: Token) -> bool:
    """Whether the subject joins other speakers with "and" / "or" ("Ford and Fry", "Ford, Fry and
    Lee"), not a party-and-state tag the parser calls a conjunct ("Mitch Calloway, R-Ky.")."""
    doc = subj.doc
    for c in subj.children:
        if c.dep_ != "conj":
            continue
        if any(t.dep_ == "cc" for t in doc[subj.i : c.i]):
            return True  # "Ford and Fry", "Ford and his wife"
        if c.pos_ in {"PROPN", "PRON"} and any(t.dep_ == "cc" for t in doc[c.i : c.right_edge.i + 1]):
            return True  # "Ford, Fry and Lee"; not "Chris Early, senior vp partnerships and revenue"
    return False


def _relative_after_noun(np: Span) -> bool:
    """ "..., a prospect Vindman denied.": an indefinite noun that is no speaker's before the name
    is what the name's clause is about (a relative clause), not the speaker's description."""
    name = next((t for t in np if t.pos_ == "PROPN"), None)
    if np[0].lower_ not in {"a", "an"} or name is None:
        return False
    nouns = [t for t in np if t.pos_ == "NOUN" and t.i < name.i]
    speakers = _speaker_nouns()
    return bool(nouns) and not any(t.lower_ in speakers or t.lemma_.lower() in speakers for t in nouns)


def _with_named_complement(np: Span) -> Span:
    """An unnamed speaker's words with the phrase that says whose they are: "a spokesperson for the
    Dutch Finance Ministry", "a lawyer for Mr. Dale", not "a spokesperson" (a reader needs the
    whole description). Only a phrase right after the noun, naming someone (a proper noun in it),
    short and without punctuation."""
    head = np[-1]
    doc = np.doc
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i != head.i + 1 or prep.lower_ not in _OWNER_PREPS:
            continue
        phrase = doc[prep.i : prep.right_edge.i + 1]
        if (
            len(phrase) <= 8
            and not any(t.is_punct or t.is_quote for t in phrase)
            and any(t.pos_ == "PROPN" for t in phrase)
        ):
            return doc[np.start : phrase.end]
    return np


# The confidence of a reported clause (indirect, or mixed with a quotation in it) whose speaker is
# named: a step below a quotation cued by its speaker (0.95), so the calibration can tell them apart.
_REPORTED = 0.88
# The speaker score of an unnamed speaker given by a describing noun ("a company spokesperson"):
# a quote of min(kind, 0.79 + 0.05) = 0.84, a value no other attribution path gives, so the
# calibration measures these apart. Labelled on real news (rounds r8-quote-described*): 50 of 58
# right (the words around the noun cut short, "a spokesperson" for "a spokesperson for the
# court"; a quote that runs on), below the 0.9 the default view asks: kept and marked.
_DESCRIBED = 0.79
# The cap when the attribution is in doubt (see _doubt_cap): below what the default view shows.
_DOUBTED = 0.7
_CONDITIONAL = word_set("modals", "counterfactual")  # data/modals.toml


_AUX_DEPS = {"aux", "auxpass"}


def _doubt_cap(
    doc: Doc, verb: Token | None, speaker: tuple[int, int] | None, entity: str | None = None
) -> float:
    """1.0, or ``_DOUBTED`` when the text does not itself say this speaker said it:

    - the speech verb is reported by someone else ("X was told that Y had confirmed ..."; "X
      claimed Y said ...") or is counterfactual ("would have said"): the words are X's claim;
    - the speaker's name is cut from a longer one ("the People's Daily" recognised as "Daily").
    """
    if verb is not None:
        t = verb
        while t.head.i != t.i:
            if t.dep_ == "ccomp" and _is_speech(t.head):
                # in the clause another speech verb reports, unless the one who reports it is the
                # speaker ('Volker said he never used the term and added, "..."')
                outer = _subject(t.head)
                if outer is not None and t.i < t.head.i and outer.dep_ == "nsubj":
                    if _relative_after_noun(doc[outer.left_edge.i : outer.right_edge.i + 1]):
                        break  # "..., a prospect Vindman denied": no report of the clause before it
                if entity is None or outer is None or _speaker(doc, outer)[0] != entity:
                    return _DOUBTED
            t = t.head
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if aux & _CONDITIONAL and "have" in aux:
            return _DOUBTED
    if speaker is not None:
        span = doc.char_span(speaker[0], speaker[1], alignment_mode="expand")
        # One word after a proper noun's "'s": "the People's Daily" recognised as "Daily" (a longer
        # name such as "Ohio's Department of Health" is a possessive, not a cut).
        if span is not None and len(span) == 1 and span.start >= 2:
            if doc[span.start - 1].lower_ in {"'s", "’s"} and doc[span.start - 2].pos_ == "PROPN":
                return _DOUBTED
    return 1.0


def _timex_token_root(doc: Doc, tokens: _Tokens, start: int, end: int) -> Token:
    i, j = tokens.at(start), tokens.at(max(start, end - 1)) + 1
    span = doc[i:j]
    return span.root if len(span) else doc[i]


def _attached_date(
    doc: Doc,
    tokens: _Tokens,
    verb: Token,
    targets: set[int],
    exclude: tuple[int, int] | None,
    before: int | None = None,
) -> str | None:
    """The value of the time expression in the verb's sentence whose head path reaches ``targets``
    (``before``: only one that starts before that character)."""
    sent = verb.sent
    best: tuple[int, str] | None = None
    for tx in doc._.ng_timexes or []:
        if not tx.on_calendar:
            continue  # a duration ("ten-day") or "now" is not when the words were said
        if not (sent.start_char <= tx.start < sent.end_char):
            continue
        if before is not None and tx.start >= before:
            continue
        if exclude and exclude[0] <= tx.start < exclude[1]:
            continue
        t = _timex_token_root(doc, tokens, tx.start, tx.end)
        for _ in range(12):
            if t.i in targets:
                dist = abs(t.i - verb.i)
                if best is None or dist < best[0]:
                    best = (dist, tx.value)
                break
            if t.dep_ in _DETACHED or t.head.i == t.i:
                break
            if t.dep_ == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in t.children):
                # "said, in one of the deadliest attacks since it came under siege last year": a
                # clause of its own (not "Speaking to reporters on Wednesday, X said")
                break
            if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and t.head.i in targets:
                break  # "said it could not comment, but that payments in March had been caused"
            t = t.head
    return best[1] if best else None


def _date(doc: Doc, tokens: _Tokens, verb: Token, exclude: tuple[int, int] | None) -> str | None:
    """The TIMEX3 value of a time expression attached to the speech verb (not to the reported words).

    "said after the signing" takes the date of the signing when an earlier sentence dates it
    ("ended on Wednesday after the two sides signed").
    """
    targets = {verb.i}
    if verb.dep_ == "conj" and _is_speech(verb.head):
        targets.add(verb.head.i)  # "spoke on Tuesday and said ..."
    value = _attached_date(doc, tokens, verb, targets, exclude)
    if value is None and verb.dep_ == "conj" and verb.head.i not in targets:
        # "In October, McKinley visited the border and argued that ...": a date set before the first
        # verb holds for both; "has been a nurse since 2007 and said ...": one after it, for it alone
        value = _attached_date(doc, tokens, verb, {verb.head.i}, exclude, before=verb.head.idx)
    if value is not None or not doc._.ng_timexes:
        return value
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"after", "following", "at", "during"}:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.pos_ != "NOUN":
                continue
            stems = {noun.lemma_.lower(), noun.lemma_.lower().removesuffix("ing")}
            for earlier in doc[: verb.sent.start]:
                if earlier.lemma_.lower() not in stems or earlier.pos_ not in {"VERB", "NOUN"}:
                    continue
                chain = {earlier.i}
                t = earlier
                while t.head.i != t.i and len(chain) < 6:
                    t = t.head
                    chain.add(t.i)
                value = _attached_date(doc, tokens, earlier, chain, None)
                if value is not None:
                    return value
    return None


def _cue_span(verb: Token) -> tuple[str, int, int]:
    """The cue's text and offsets, with a particle ("pointed out")."""
    end = verb.idx + len(verb)
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end = c.idx + len(c)
    return doc_text(verb.doc)[verb.idx : end], verb.idx, end


def _clause_of(verb: Token, tok: Token) -> Token | None:
    """The verb's clausal complement whose subtree holds ``tok``."""
    for c in verb.children:
        if c.dep_ in {"ccomp", "xcomp", "dobj", "oprd", "advcl"} and c.left_edge.i <= tok.i <= c.right_edge.i:
            return c
    return None


def _clause_text_range(doc: Doc, clause: Token, closes: frozenset[int] = frozenset()) -> tuple[int, int]:
    """Char range of a reported clause without its "that" and trailing punctuation, but with a
    closing quotation mark (``closes``: their offsets; a double one always)."""
    i, j = clause.left_edge.i, clause.right_edge.i + 1
    first = doc[i]
    if (
        first.dep_ == "prep"
        and first.head.i == clause.i
        and i == clause.head.i + 1
        and first.right_edge.i + 1 < clause.i
        and any(t.ent_type_ in {"DATE", "TIME"} for t in first.subtree)
    ):
        i = first.right_edge.i + 1  # "said on Monday the election would go ahead": when it was said
    for t in doc[clause.i + 1 : j]:
        if _is_adding(t) and t.left_edge.i > i:
            j = t.left_edge.i  # '..., adding that ...' is a second report, not part of this clause
            break
        if (
            t.pos_ == "NOUN"
            and t.left_edge.i > i + 1
            and doc[t.left_edge.i - 1].text in {"—", "–", "--"}
            and any(c.dep_ == "relcl" for c in t.children)
        ):
            # 'had left "by mutual agreement" — wording that was undercut within the hour': the
            # writer's comment on what was said, set off by a dash, is not part of it
            j = t.left_edge.i - 1
            break
        if (
            t.dep_ == "advcl"
            and t.left_edge.i > i
            and any(
                c.dep_ == "mark"
                and c.i > 0
                and doc[c.i - 1].text == ","
                and (
                    c.lower_ in {"while", "whereas"}
                    # '..., though Solberg declined to say whether Norway would attend': the writer's
                    or c.lower_ in {"though", "although"}
                    and (t.lemma_.lower() in _REFUSALS or _is_speech(t))
                )
                for c in t.children
            )
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
        ):
            # '..., while the League condemned the move': the writer sets another party beside the
            # report, which is not part of what was said
            j = t.left_edge.i
            break
    while i < j and (
        (doc[i].dep_ == "mark" or doc[i].dep_ == "advmod" and doc[i].head.i == clause.i)
        and doc[i].lower_ in {"that"}
        or doc[i].is_punct
        and doc[i].text != '"'
        or doc[i].lower_ == "only"
        and i + 1 < j
        and doc[i + 1].lower_ == "that"  # "said only that ..."
    ):
        i += 1
    while (
        j > i and doc[j - 1].is_punct and doc[j - 1].text not in {'"', "”"} and doc[j - 1].idx not in closes
    ):
        j -= 1
    if j > i and doc[j - 1].text in {'"', "”"} and doc[j - 2].is_punct:
        pass  # a closing mark after the clause's own punctuation belongs to the quotation
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _across_semicolon(doc: Doc, clause: Token, verb: Token) -> bool:
    """A clause before its speech verb with a semicolon between ("Reports said the depot burned;
    the spokesman said only that ..."): another sentence of the writer's, not what was said."""
    return clause.i < verb.i and any(t.text == ";" for t in doc[clause.left_edge.i : verb.i])


def _fronted_report(doc: Doc, clause: Token, verb: Token) -> bool:
    """ "The best side hustles earn passive income, he wrote in his book.": a whole clause before a
    comma, then the verb's subject and the verb; such a verb reports the clause, whatever else it
    may take ("write", "estimate")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if clause.i > verb.i or subj is None or clause.right_edge.i >= subj.left_edge.i:
        return False
    comma = doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else None
    return (
        comma is not None and comma.text == "," and any(c.dep_ in _CLAUSE_SUBJECTS for c in clause.children)
    )


def _reported_inside(doc: Doc, verb: Token, first: Token, inside: list[tuple[int, int]]) -> bool:
    """Whether the quotation starting at ``first`` sits in what another speech verb reports, with a
    subject of its own, between it and its cue: in 'the teenager insisted he "only wanted to scare
    them," sources said' the words are the teenager's, which the sources pass on."""
    own = _subject(verb)

    def another_speaker(t: Token) -> bool:
        if t.i == verb.i or not _is_speech(t) or _in_any(t.idx, inside):
            return False
        other = _subject(t)
        if other is None or own is not None and other.i == own.i:
            return False
        # 'Volker said he never used the term and added, "I cringe"': "he" is Volker, who reports
        # his own words
        who = _speaker(doc, other, inside)[0]
        return who is None or own is None or who != _speaker(doc, own, inside)[0]

    t = first
    while t.head.i != t.i and t.head.i != verb.i:
        t = t.head
        if another_speaker(t):
            return True
    # the parse may hang the quotation on the cue directly: 'the farmer said he "only wanted ...,"
    # police said' has the farmer's "said" before the opening mark, in the same sentence
    return any(another_speaker(t) for t in doc[first.sent.start : first.i])


class _Finder:
    """One doc's quotations, built in a few linear passes."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = _Tokens(doc)
        self.marks = find_quote_spans(doc_text(doc))
        self.inside = [(q.open, q.close + 1) for q in self.marks]
        self.closes = frozenset(q.close for q in self.marks)
        self.used_verbs: set[int] = set()
        self.quotes: list[Quote] = []
        self.caps: dict[int, float] = {}
        """Each cued quote's score before its speaker's (by ``id``): a speaker found later
        (``_continued_speakers``) scores it anew."""

    def _unclaimed(self, start: int, end: int) -> bool:
        """Whether no quotation mark opens or closes in ``[start, end)`` and no quote found so far
        overlaps it: words a later pass may still report."""
        if any(start <= m.open < end or start <= m.close < end for m in self.marks):
            return False
        return not any(q.start < end and start < q.end for q in self.quotes)

    def _quoted(self, tok: Token) -> bool:
        return _in_any(tok.idx, self.inside)

    def _closed_sentence(self, q: QuoteSpan) -> bool:
        """Whether the quoted words end with a full stop inside the marks ('"... agility."')."""
        return doc_text(self.doc)[q.start : q.end].rstrip().endswith(".")

    def _verb_after(self, q: QuoteSpan) -> Token | None:
        doc = self.doc
        i = self.tokens.at(q.close) + 1
        if i >= len(doc):
            return None
        sent_end = doc[i].sent.end
        nxt = next((t for t in doc[i:sent_end] if not t.is_punct), None)
        if nxt is not None and nxt.pos_ in {"CCONJ", "SCONJ"}:
            return None  # '"painful but fair" and said ...': a new clause, not the quotation's cue
        # '"...," Howard Gleckman, a senior fellow at the Tax Policy Center, has written': the
        # speaker's appositive does not count against the distance to the verb
        set_off = {
            t.i
            for a in doc[i:sent_end]
            if a.dep_ == "appos" and a.head.pos_ == "PROPN" and i <= a.head.i < a.i
            for t in a.subtree
        }
        counted = 0
        for k in range(i, min(sent_end, i + _MAX_AFTER + _MAX_APPOSITIVE)):
            tok = doc[k]
            if self._quoted(tok) or "\n" in tok.text:
                return None
            if k in set_off:
                continue
            counted += 1
            if counted > _MAX_AFTER:
                return None
            if _is_speech(tok) or tok.lemma_.lower() in FRAGMENT_VERBS and tok.pos_ == "VERB":
                if _is_adding(tok):
                    return None  # 'X said it was "dire", adding that...': the cue is before the quote
                if self._closed_sentence(q) and any(
                    c.dep_ == "ccomp" and c.i > tok.i and not self._quoted(c) for c in tok.children
                ):
                    # '"Small players add agility." He said his lander ...': a new sentence with a
                    # reported clause of its own, not the cue of the quotation before it
                    return None
                return tok if _is_speech(tok) else None
            if tok.lemma_.lower() == "quote" and any(c.lower_ == "as" for c in tok.children):
                continue  # '"...," X was quoted as saying'
            if tok.pos_ == "VERB" and tok.dep_ not in {"relcl", "acl", "advcl"}:
                return None  # another verb first: the words after the quote are not its cue
        return None

    def _same_pronoun_before(self, subj: Token) -> Quote | None:
        """'She added, "...". "...," she wrote': a he/she speaker left unresolved is the one the
        same pronoun spoke as in this or the sentence before, when no person is named between."""
        sents = list(self.doc.sents)
        here = next((k for k, s in enumerate(sents) if s.start <= subj.i < s.end), 0)
        # The sentence before, counting a quotation split off as sentences of its own ('"...?" she
        # said'), within a few hundred characters.
        lo = max(sents[max(0, here - 3)].start_char, subj.idx - 400)
        prev = [
            q
            for q in self.quotes
            if q.speaker is not None
            and q.speaker_start is not None
            and lo <= q.speaker_start < subj.idx
            and (q.speaker_text or "").lower() == subj.lower_
        ]
        if not prev:
            return None
        p = max(prev, key=lambda q: q.speaker_start)
        last = _last_person_before(self.doc, subj.idx, self.inside)
        if last is not None and last[1].start_char > p.speaker_start:
            return None  # someone else named since: the pronoun may be theirs
        return p

    def _follows_quoted(self, subj: Token, entity: str) -> bool:
        """'"...," he said. "...". He said his company ...': a he/she speaker whose reading is the
        one quoted just before (a cued quotation of the same person within a few hundred
        characters), with no other person named outside quotation marks since."""
        if subj.lower_ not in {"he", "she"}:
            return False
        lo = subj.idx - 400
        prev = [q for q in self.quotes if q.speaker is not None and lo <= q.end <= subj.idx]
        if not prev:
            return False
        p = max(prev, key=lambda q: q.end)
        if p.speaker != entity or p.confidence < _FOLLOWS_AT:
            return False
        last = _last_person_before(self.doc, subj.idx, self.inside)
        return last is None or last[0].id == entity or last[1].start_char < p.start

    def _governs(self, verb: Token, q: QuoteSpan) -> bool:
        """Whether the quotation's first word lies in the verb's clause."""
        i = self.tokens.at(q.start)
        return verb.left_edge.i <= i <= verb.right_edge.i

    def _verb_before(self, q: QuoteSpan) -> Token | None:
        doc = self.doc
        i = self.tokens.at(q.open) - 1
        if i < 0:
            return None
        if doc[i].text in {".", "!", "?"}:
            return None  # the quotation starts a new sentence: its cue, if any, is not before it
        sent_start = doc[i].sent.start
        for k in range(i, max(sent_start, i - _MAX_BEFORE) - 1, -1):
            tok = doc[k]
            if self._quoted(tok) or "\n" in tok.text:
                return None
            if (_is_speech(tok) or tok.lemma_.lower() in FRAGMENT_VERBS) and tok.pos_ == "VERB":
                return tok
        return None

    def _named_between(self, q: QuoteSpan, verb: Token) -> Token | None:
        """'"...," Reyes, 54, told...' parsed with no subject: the first named entity between the
        closing mark and the verb speaks."""
        for tok in self.doc[self.tokens.at(q.close) + 1 : verb.i]:
            if tok.pos_ in {"PROPN", "NOUN"} and _cluster_covering(self.doc, tok) is not None:
                return tok
        return None

    def _add(
        self,
        verb: Token | None,
        kind: str,
        start: int,
        end: int,
        conf: float,
        subj: Token | None = None,
        **extra,
    ) -> Quote:
        doc = self.doc
        if subj is None and verb is not None:
            subj = _subject(verb)
        ent, stext, s0, s1, sconf = _speaker(doc, subj, self.inside)
        if ent is not None and subj is not None and sconf < _FOLLOWS and self._follows_quoted(subj, ent):
            sconf = _FOLLOWS
        if ent is None and subj is not None and subj.lower_ in _PRONOUNS:
            prev = self._same_pronoun_before(subj)
            if prev is not None:
                ent, sconf = prev.speaker, min(prev.confidence, 0.85)
        cue = cue0 = cue1 = None
        date = None
        if verb is not None:
            cue, cue0, cue1 = _cue_span(verb)
            date = _date(doc, self.tokens, verb, (start, end))
            self.used_verbs.add(verb.i)
        conf = min(conf, _doubt_cap(doc, verb, None if s0 is None or s1 is None else (s0, s1), ent))
        if ent is not None and subj is not None and subj.lower_ in _PRONOUNS:
            cluster = cluster_by_id(doc, ent)
            if cluster is not None and any(start <= sp.start_char < end for sp in cluster.spans):
                # "campaign did not appeal to Julie Graham, ..., she said": the one the pronoun is
                # taken to be is named inside the words, so the clause was cut wrong or is about her
                conf = min(conf, _DOUBTED)
        if verb is not None and kind in {"direct", "mixed"}:
            if _reported_inside(doc, verb, doc[self.tokens.at(start)], self.inside):
                conf = min(conf, _DOUBTED)
        if verb is not None and kind in {"indirect", "mixed"} and verb.lemma_.lower() in _DENIALS:
            # "He denied that he, Sondland and Perry formed an irregular channel": the clause is
            # what he says is false, not his claim
            conf = min(conf, _DOUBTED)
        if (
            verb is not None
            and verb.dep_ == "relcl"
            and verb.head.dep_ == "pobj"
            and verb.head.head.lower_ == "among"
        ):
            # "Pepsi, Costco and Winnebago are among retailers that said they raised prices": the
            # ones who said it are named elsewhere in the sentence, not the class they are among
            conf = min(conf, _DOUBTED)
        if subj is not None and _coordinated_subject(subj):
            # "Ford and Fry replied": said by both together, never by the first one alone
            conf = min(conf, _DOUBTED)
        quote = Quote(
            text=doc_text(doc)[start:end],
            start=start,
            end=end,
            kind=kind,
            speaker=ent,
            speaker_text=stext,
            cue=cue,
            date=date,
            speaker_start=s0,
            speaker_end=s1,
            cue_start=cue0,
            cue_end=cue1,
            confidence=round(min(conf, sconf + 0.05), 2),
        )
        for k, v in extra.items():
            setattr(quote, k, v)
        self.caps[id(quote)] = conf  # how sure the words are, whoever turns out to speak them
        self.quotes.append(quote)
        return quote

    def _direct_or_mixed(self, q: QuoteSpan, verb: Token, after: bool) -> None:
        doc = self.doc
        if any(c.dep_ == "neg" and not self._quoted(c) for c in verb.children):
            # "experts cannot explain why ... the 'reset' proved ...": nothing was said (a "not"
            # in the words, '"Absolutely not," X said', is what was said)
            return
        first = doc[self.tokens.at(q.start)]
        last_i = self.tokens.at(q.close)
        if verb.lemma_.lower() in FRAGMENT_VERBS:
            # "X said the government would not recognise the vote, calling it "a sham"", "He said
            # his predecessor had dubbed it "the Gordon problem"": the words are in what X's verb
            # reports, and X says all of it
            said = next((a for a in verb.ancestors if _is_speech(a)), None)
            if (
                said is not None
                and said.i < verb.i
                and said.i not in self.used_verbs
                and not self._quoted(said)
            ):
                clause = _clause_of(said, first)
                if clause is not None and clause.dep_ == "ccomp":
                    start, end = _clause_text_range(doc, clause, self.closes)
                    self._add(said, "mixed", start, max(end, q.close + 1), _REPORTED)
            # "X called the deal "fair"" is X's verdict only when X is named; "so-called" is no speaker.
            subj = _subject(verb)
            if subj is not None and _speaker(doc, subj, self.inside)[0] is not None:
                self._add(verb, "mixed", q.start, q.end, 0.8)
            return
        sent = first.sent
        if after:
            # Words of the reported clause before the opening mark make it a mixed quote.
            subj = _subject(verb)
            if subj is not None and subj.left_edge.i <= first.i <= subj.right_edge.i:
                return  # a title in the subject ('The report, titled "X", said'): not a quotation
            lead = [t for t in doc[sent.start : self.tokens.at(q.open)] if not t.is_punct and not t.is_space]
            if lead and not any(_is_speech(t) for t in lead):
                clause = _clause_of(verb, first)
                if clause is not None:
                    start, end = _clause_text_range(doc, clause, self.closes)
                    # 'Making the diagnosis was "a bit like a jigsaw," Dempsey said.': a reported
                    # clause with a quotation in it, cued after it, as sure as one cued before
                    self._add(verb, "mixed", start, max(end, q.close + 1), _REPORTED)
            else:
                self._add(verb, "direct", q.start, q.end, 0.95, subj=subj or self._named_between(q, verb))
            return
        # Cue before: direct when the quotation runs to the end of its sentence and starts the clause.
        trailing = [t for t in doc[last_i + 1 : doc[last_i].sent.end] if not (t.is_punct or t.is_space)]
        clause = _clause_of(verb, first)
        between = [
            t
            for t in doc[verb.i + 1 : self.tokens.at(q.open)]
            if clause is not None
            and clause.left_edge.i <= t.i <= clause.right_edge.i
            and not t.is_punct
            and t.lower_ != "that"
        ]
        joined = self._same_speaker_conj(verb, first) if clause is None else None
        if not trailing and not between:
            self._add(verb, "direct", q.start, q.end, 0.95)
        elif joined is not None:
            # 'He said he was not concerned, but he did worry there would be "political
            # consequences" if ...': one report in two clauses, both his
            said, conj = joined
            start = _clause_text_range(doc, said, self.closes)[0]
            last = max(t.i for t in conj.subtree if not t.is_punct)
            self._add(verb, "mixed", start, max(doc[last].idx + len(doc[last]), q.close + 1), _REPORTED)
        elif clause is not None:
            start, end = _clause_text_range(doc, clause, self.closes)
            self._add(verb, "mixed", start, max(end, q.close + 1), _REPORTED)
        else:
            self._add(verb, "mixed", q.start, q.end, 0.6)

    def _same_speaker_conj(self, verb: Token, first: Token) -> tuple[Token, Token] | None:
        """ "He said he was not concerned, but he did worry there would be "...": the clause the verb
        reports before the quotation and the clause joined to the verb that holds the quotation,
        when the joined clause's subject is the same word as the speaker or the reported subject."""
        said = [c for c in verb.children if c.dep_ == "ccomp" and c.i < first.i and not self._quoted(c)]
        if not said:
            return None
        subjects = {t.lower_ for t in (_subject(verb), _subject(said[0])) if t is not None}
        for conj in verb.children:
            if conj.dep_ != "conj" or not conj.left_edge.i <= first.i <= conj.right_edge.i:
                continue
            subj = next((c for c in conj.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in subjects and subj.pos_ in {"PRON", "PROPN"}:
                return said[0], conj
        return None

    def _scare_quotes(self, marked: list[QuoteSpan], end: int) -> bool:
        """Whether the quotation marks inside a reported clause only set off a word or two ('A
        "suspicious" fire devastated the church, the minister said') that no other quotation
        took: the clause is then the report, with its marked words (a mixed quote)."""
        text = doc_text(self.doc)
        for m in marked:
            words = text[m.start : m.end].split()
            if m.close >= end or len(words) > _SCARE_WORDS or any(w.endswith((".", "!", "?")) for w in words):
                return False
            if any(q.start <= m.open < q.end for q in self.quotes):
                return False
        return True

    def direct(self) -> None:
        """Quotations in marks with a speech verb after or before them; continuations after a cued one."""
        doc = self.doc
        last: Quote | None = None
        for q in self.marks:
            verb = self._verb_after(q)
            if verb is not None and not self._governs(verb, q):
                # 'X said it backs the "two systems" formula, while Y ... say ...': the quotation
                # is in the clause X reported, not Y's.
                before = self._verb_before(q)
                if before is not None and self._governs(before, q):
                    verb = None
            if verb is not None:
                self._direct_or_mixed(q, verb, after=True)
            else:
                verb = self._verb_before(q)
                if verb is not None:
                    self._direct_or_mixed(q, verb, after=False)
            if verb is not None:
                if self.quotes and self.quotes[-1].end > q.open:
                    last = self.quotes[-1]
                continue
            # "...," he said. "More words." The second quotation is the same speaker's.
            first = doc[self.tokens.at(q.start)]
            whole = (
                doc_text(doc)[q.open - 1 : q.open].strip() in {"", "."}
                and first.is_sent_start
                or (self.tokens.at(q.open) == first.sent.start)
            )
            near = last is not None and 0 <= q.open - last.end < 400 and doc_text(doc)[q.start].isupper()
            if last is not None and last.kind == "direct" and whole and near and last.speaker:
                self.quotes.append(
                    Quote(
                        text=doc_text(doc)[q.start : q.end],
                        start=q.start,
                        end=q.end,
                        kind="direct",
                        speaker=last.speaker,
                        speaker_text=last.speaker_text,
                        date=last.date,
                        speaker_start=last.speaker_start,
                        speaker_end=last.speaker_end,
                        # In the same paragraph it is as sure as the cued quotation it follows; a
                        # paragraph that is one quotation right after a paragraph that ends with the
                        # same speaker's cued quotation has its own score, for the calibration.
                        confidence=(
                            round(max(0.6, last.confidence - 0.05), 2)
                            if "\n" not in doc_text(doc)[last.end : q.open]
                            else _NEXT_PARAGRAPH
                            if _next_paragraph(doc_text(doc), last, q)
                            else 0.6
                        ),
                    )
                )
                last = self.quotes[-1]

    def indirect(self) -> None:
        """Speech verbs with a reported clause and no quotation marks in it; "according to X"."""
        doc = self.doc
        for tok in doc:
            if tok.i in self.used_verbs or not _is_speech(tok) or self._quoted(tok):
                continue
            if any(c.dep_ == "neg" for c in tok.children):
                continue
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _REFUSALS:
                continue  # "A spokeswoman declined to say which plants would be affected"
            if (
                tok.tag_ == "VBN"
                and tok.dep_ == "advcl"
                and not any(c.dep_ in _AUX_DEPS for c in tok.children)
            ):
                continue  # "Asked whether he would resign, Reyes said ...": the question was put to him
            if (
                tok.lemma_.lower() == "ask"
                and tok.tag_ in {"VBN", "VBD"}
                and (tok.i == tok.sent.start or doc[tok.i - 1].lower_ in {"when", "if", "once"})
                and not any(c.dep_ in _CLAUSE_SUBJECTS for c in tok.children)
            ):
                continue  # the same question put, parsed as the sentence's own verb
            if (
                tok.lemma_.lower() == "suggest"
                and tok.tag_ == "VBG"
                and not any(c.dep_ in _CLAUSE_SUBJECTS for c in tok.children)
            ):
                continue  # "rumours on social media suggesting the fire was lit": the rumours suggest it
            if (
                tok.lemma_.lower() in _HEARER_VERBS
                and any(c.dep_ == "auxpass" for c in tok.children)
                and not any(c.dep_ == "agent" for c in tok.children)
            ):
                continue  # "she was told it was unnecessary": she heard it; who said it is not given
            reported = [c for c in tok.children if c.dep_ == "ccomp" and not _across_semicolon(doc, c, tok)]
            clause = (
                # "While the lineup is light (three games have been announced), Early says there is a
                # chance ...": with a clause on each side, the one after the verb is what was said
                next((c for c in reported if c.i > tok.i), None)
                or next(iter(reported), None)
                or _fronted_clause_read_as_adverbial(tok)
                or _that_clause_as_relative(tok)
                or _verb_read_as_noun(tok)
                or _object_read_as_clause(tok)
            )
            if clause is None or clause.right_edge.i - clause.left_edge.i < 2:
                continue
            if (
                clause.i > tok.i
                and clause.tag_ in _FINITE
                and not any(c.dep_ in _CLAUSE_SUBJECTS for c in clause.children)
                and not _clause_inside(clause)
            ):
                # "The woman police say is behind the robberies": the reported clause's subject is the
                # noun the speech verb describes, not a report of what police said
                continue
            if (
                clause.i < tok.i
                and tok.lemma_.lower() not in _HEARER_VERBS
                and any(c.dep_ == "dobj" for c in tok.children)
            ):
                continue  # "..., after the novelist explained them to me": the verb has its own object
            if any(c.dep_ in _CLAUSE_SUBJECTS and c.lower_ in {"who", "which"} for c in clause.children):
                # "Sosa added 12 points for the Cardinals, who have won two in a row": a relative
                # clause the parser hung on the verb, not what was said
                continue
            if (
                tok.lemma_.lower() in _WEAK_VERBS
                and not any(
                    c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"} for c in clause.children
                )
                and not _fronted_report(doc, clause, tok)
            ):
                continue
            start, end = _clause_text_range(doc, clause, self.closes)
            obj = next(
                (c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < clause.left_edge.i), None
            )
            if (
                obj is not None
                and tok.lemma_.lower() not in _HEARER_VERBS
                and obj.left_edge.i == tok.i + 1
                and obj.right_edge.i + 1 >= clause.left_edge.i - 1
                and not any(t.is_punct for t in doc[obj.left_edge.i : clause.left_edge.i])
            ):
                # "said deforestation and the conversion of hillsides to farming had made slopes less
                # stable": the reported clause's subject, parsed as the verb's object, is part of it
                start = doc[obj.left_edge.i].idx
            for other in tok.children:
                # "Selling a product is difficult, but altering behavior is much more difficult,
                # Hege said": two reported clauses joined before the verb are one report
                if other.dep_ == "ccomp" and other.i != clause.i and (other.i < tok.i) == (clause.i < tok.i):
                    o_start, o_end = _clause_text_range(doc, other, self.closes)
                    start, end = min(start, o_start), max(end, o_end)
            marked = [m for m in self.marks if start <= m.open < end]
            if _in_any(start, self.inside) or marked and not self._scare_quotes(marked, end):
                continue
            opening = after_dateline(clause.sent).idx
            if start < opening < end:
                start = opening  # "VELDEN, Norland — ...": the dateline is not what was said
            subj = _subject(tok)
            # The writer's own voice ("we confirmed that") is no one's quotation.
            if subj is None or subj.lower_ in _WRITER:
                continue
            nsubj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if (
                clause.i < tok.i
                and nsubj is not None
                and _relative_after_noun(doc[nsubj.left_edge.i : nsubj.right_edge.i + 1])
            ):
                continue  # "..., a prospect Vindman denied": what he denied is the prospect
            if clause.left_edge.i < tok.i and any(
                t.lower_ in _RELATIVE
                and t.dep_ in {"nsubj", "nsubjpass"}
                and (tok.dep_ in {"relcl", "acl"} or t.i + 1 == subj.left_edge.i)
                for t in clause.subtree
            ):
                # "sales that analysts say will rise": a relative clause, not a report (but "If that
                # holds, that would cost $75 billion, said X": a demonstrative "that" opens a report)
                continue
            # A reported clause with its speaker named as its subject is as sure as a quotation.
            self._add(tok, "mixed" if marked else "indirect", start, end, _REPORTED)
        for tok in doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
                continue
            self._according(tok)

    def postposed(self) -> None:
        """ "Emirates has finalized a deal ..., executives of both companies announced Wednesday.":
        a sentence that ends with its attribution, where the parser hung the speech verb on the
        wrong word (no reported clause in the parse). Read from the words: a comma, a short noun
        phrase naming a speaker, a speech verb and at most a time or place after it."""
        doc = self.doc
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space]
            if len(words) < 8 or words[-1].text not in {".", "!"}:
                continue
            verb = next((t for t in words if _postposed_verb(t) and t.i not in self.used_verbs), None)
            if verb is None or self._quoted(verb) or any(c.dep_ == "neg" for c in verb.children):
                continue
            comma = next((t for t in reversed(words) if t.i < verb.i and t.text == ","), None)
            if comma is not None and comma.i + 1 == verb.i:
                named = _named_aside(doc, words, comma)  # ", NAME, APPOSITIVE, said"
                if named is None:
                    continue
                comma, np = named
            elif comma is None or not 1 <= verb.i - comma.i - 1 <= _POSTPOSED_SPEAKER:
                continue
            else:
                np = doc[comma.i + 1 : verb.i]
            tail = doc[verb.i + 1 : words[-1].i]
            if any(t.pos_ in {"VERB", "AUX", "PRON"} or t.is_punct or t.is_quote for t in np):
                continue
            if np[0].pos_ not in {"DET", "PROPN", "NOUN", "ADJ", "NUM"}:
                continue  # "..., after the novelist Jo Walton explained them": no attribution
            if len(tail) > _POSTPOSED_TAIL or any(t.pos_ in {"VERB", "AUX", "SCONJ"} for t in tail):
                continue
            if verb.lemma_.lower() not in _HEARER_VERBS and any(t.pos_ == "PRON" for t in tail):
                continue  # "explained them to me": the verb has its own object, not the clause
            head = _postposed_speaker(doc, np)
            if head is None or _relative_after_noun(np):
                continue
            first = after_dateline(sent)
            start, end = first.idx, comma.idx
            clause = doc[first.i : comma.i]
            if len(clause) < 5 or not any(t.tag_ in _FINITE for t in clause):
                continue
            if not self._unclaimed(start, end):
                continue
            self._add(verb, "indirect", start, end, _REPORTED, subj=head)

    def inverted(self) -> None:
        """ "In California, the rule is particularly crucial, said Mark Rockwell, a representative of
        the coalition.": a sentence whose clause ends at a comma followed by the speech verb and its
        named subject, where the parser made the clause no complement of the verb. The words run
        from after any dateline to that comma."""
        doc = self.doc
        for sent in doc.sents:
            for verb in sent:
                if (
                    not _postposed_verb(verb)
                    or verb.i in self.used_verbs
                    or verb.i - 1 <= sent.start
                    or doc[verb.i - 1].text != ","
                    or self._quoted(verb)
                ):
                    continue
                if any(c.dep_ in {"neg", "ccomp", "dobj"} for c in verb.children):
                    continue
                subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
                if subj is None or subj.i - verb.i > 4 or subj.pos_ != "PROPN":
                    continue  # "said terminal manager Jasper Hall": a name right after the verb
                first = after_dateline(sent)
                clause = doc[first.i : verb.i - 1]
                if len(clause) < 5 or not any(t.tag_ in _FINITE for t in clause):
                    continue
                if not (first.text[:1].isupper() or first.text[:1].isdigit()):
                    continue  # a sentence cut short ("... when she was struck, said Sgt.")
                start, end = first.idx, doc[verb.i - 1].idx
                if not self._unclaimed(start, end):
                    continue
                self._add(verb, "indirect", start, end, _REPORTED, subj=subj)

    def parenthetical(self) -> None:
        """ "The larger landers, she said, could deliver tools ...": an attribution set off by
        commas inside the sentence it reports (the parser makes the speech verb a parataxis of the
        main verb). The words are the sentence, read from after any dateline to its end."""
        doc = self.doc
        for tok in doc:
            if (
                tok.dep_ != "parataxis"
                or tok.i in self.used_verbs
                or not _is_speech(tok)
                or self._quoted(tok)
            ):
                continue
            if any(c.dep_ == "neg" for c in tok.children):
                continue
            words = [t.i for t in tok.subtree if not t.is_punct]
            has_subject = any(c.dep_ in _SUBJECT_DEPS for c in tok.children)
            named = None if has_subject else _name_after_aside(tok)
            if named is not None:
                words += [t.i for t in named.subtree if not t.is_punct]
            left, right = min(words), max(words)  # the set-off commas may hang on the verb
            if left < 1 or right + 1 >= len(doc) or doc[left - 1].text != "," or doc[right + 1].text != ",":
                continue
            if not has_subject and named is None:
                continue  # "..., as expected, ...": no one said it ("..., says Buser, ..." has one)
            if any(c.dep_ in {"ccomp", "dobj"} for c in tok.children):
                continue  # the verb reports something of its own
            head = tok.head
            sent = tok.sent
            first = after_dateline(sent)
            before = [t for t in doc[first.i : left - 1] if not t.is_punct]
            after = [t for t in doc[right + 2 : sent.end] if not t.is_punct and not t.is_space]
            if head.i == tok.i or not before or not after or not head.tag_.startswith(("VB", "MD")):
                continue
            last = max(t.i for t in after)
            start, end = first.idx, doc[last].idx + len(doc[last])
            if not self._unclaimed(start, end):
                continue
            self._add(tok, "indirect", start, end, _REPORTED, subj=named)

    def _according(self, tok: Token) -> None:
        """ "according to X, ..." / "..., according to X": X speaks the rest of the sentence."""
        doc = self.doc
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        if pobj.lower_ in speech_table("data_nouns"):
            return  # "according to preliminary results from the auditor's office": no one's words
        source = pobj
        # "a statement from the police": the one behind the statement speaks; but "the Central
        # Elections Commission of Turkmenistan" is the commission, not the country
        works = _document_nouns() | _authored_nouns()
        for c in pobj.children:
            if c.dep_ == "prep" and (
                c.lower_ in {"from", "by"} or c.lower_ == "of" and pobj.lemma_.lower() in works
            ):
                inner = next((g for g in c.children if g.dep_ == "pobj"), None)
                if inner is not None:
                    source = inner
        sent = tok.sent
        phrase = (tok.i, max(to.i, pobj.right_edge.i) + 1)
        before = doc[sent.start : phrase[0]]
        after = doc[phrase[1] : sent.end]
        words = before if len(before) >= len(after) else after
        lead = next((t for t in after if not t.is_punct and not t.is_space), None)
        if lead is not None and lead.pos_ == "CCONJ" and len(before) >= 3:
            words = before  # "X, according to the federation, and Y": Y is the reporter's own
        toks = [t for t in words if not t.is_space]
        while toks and toks[0].is_punct:
            toks.pop(0)
        while toks and toks[-1].is_punct:
            toks.pop()
        if len(toks) < 3:
            return
        if (
            tok.i >= 2
            and doc[tok.i - 1].text == ","
            and doc[tok.i - 2].i == tok.head.i
            and _is_speech(tok.head)
            and any(c.dep_ == "nsubj" and c.i < tok.head.i for c in tok.head.children)
        ):
            return  # "..., the health commission said, according to Reuters": Reuters only relays it
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if any(start <= q.start < end for q in self.quotes):
            return
        ent, stext, s0, s1, sconf = _speaker(doc, source, self.inside)
        self.quotes.append(
            Quote(
                text=doc_text(doc)[start:end],
                start=start,
                end=end,
                kind="indirect",
                speaker=ent,
                speaker_text=stext,
                cue=doc_text(doc)[tok.idx : to.idx + len(to)],
                date=None,
                speaker_start=s0,
                speaker_end=s1,
                cue_start=tok.idx,
                cue_end=to.idx + len(to),
                # A named source ("according to Reuters") is a sure attribution.
                confidence=round(0.85 if sconf >= 0.9 else min(0.7, sconf), 2),
            )
        )


def _issuer_of_document(doc: Doc, quotes: list[Quote]) -> None:
    """ "the statement said": the speaker is whoever was reported issuing that document in this
    sentence or the one before ("the army said in a statement ... '...,' the statement said")."""
    nouns = _document_nouns()
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    for q in quotes:
        if q.speaker is not None or not q.speaker_text or q.speaker_start is None:
            continue
        words = q.speaker_text.lower().split()
        if not words or words[-1] not in nouns or words[0] not in {"the", "this", "that", "its"}:
            continue
        here = max(0, bisect_right(starts, q.speaker_start) - 1)
        lo = starts[max(0, here - 1)]
        issuers = [
            p
            for p in quotes
            if (p.speaker is not None or _described_speaker(p))
            and p.speaker_end is not None
            and lo <= p.start < q.start
            and p.cue is not None
            and re.search(
                rf"\b(in|by|via) (a|an|the) ([\w-]+ )?{re.escape(words[-1])}\b", _sentence_text(doc, p)
            )
        ]
        if not issuers:
            continue
        p = max(issuers, key=lambda x: x.start)
        q.speaker, q.speaker_text = p.speaker, p.speaker_text
        q.speaker_start, q.speaker_end = p.speaker_start, p.speaker_end
        q.confidence = round(min(q.confidence + 0.4, p.confidence, 0.85), 2)


def _name_after_aside(verb: Token) -> Token | None:
    """ "This system, says Richard Locksley, an immunologist at UCSF, helps ...": the parser gives
    the name set after the speech verb (with its appositive) to the main verb as a second subject.
    The name, when it follows the verb and the main verb has its own subject before the aside."""
    doc = verb.doc
    if verb.i + 1 >= len(doc):
        return None
    name = doc[verb.i + 1]
    while name.dep_ == "compound" and name.head.i > name.i:
        name = name.head
    if name.pos_ != "PROPN" or name.dep_ not in _SUBJECT_DEPS or name.head.i != verb.head.i:
        return None
    if not any(c.dep_ in _SUBJECT_DEPS and c.i < verb.i for c in verb.head.children):
        return None
    return name


def _described_speaker(q: Quote) -> bool:
    """An unnamed speaker given by a describing noun ("the US military", "a court spokesperson"):
    the words are who the text says spoke, so a document it issued speaks for it too."""
    words = (q.speaker_text or "").lower().split()
    return len(words) > 1 and words[-1] in _speaker_nouns()


def _sentence_text(doc: Doc, q: Quote) -> str:
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return ""
    return span[0].sent.text


# An embedded post's signature line: "— Rosa Lind (@rosalind) March 3, 2021".
_POST_SIGNATURE = re.compile(
    r"^[ \t]*[—–-][ \t]*(?P<name>[^\n()@]{2,80}?)[ \t]*\(@\w{1,30}\)[ \t]+"
    r"[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}[ \t]*$",
    re.MULTILINE,
)


def _embedded_posts(doc: Doc, quotes: list[Quote]) -> None:
    """An embedded post (a tweet left in the body as its text and a signature line under it) is
    the signed person's or body's own words: the paragraph before the signature (a post of several
    paragraphs gives only its last). A signer the entity recogniser missed is kept as its words."""
    text = doc_text(doc)
    for m in _POST_SIGNATURE.finditer(text):
        cluster = entity_at(doc, m.start("name"), m.end("name"))
        if cluster is not None and cluster.label not in {"PERSON", "ORG", "GPE", "NORP"}:
            continue
        if cluster is None and not all(w[:1].isupper() for w in m.group("name").split()):
            continue  # an unrecognised signer is kept as its words only when they look like a name
        end = m.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        while start < end and text[start].isspace():
            start += 1
        if end - start < 10 or any(q.start < end and start < q.end for q in quotes):
            continue
        quotes.append(
            Quote(
                text=text[start:end],
                start=start,
                end=end,
                kind="direct",
                speaker=cluster.id if cluster is not None else None,
                speaker_text=m.group("name"),
                cue=None,
                date=None,
                speaker_start=m.start("name"),
                speaker_end=m.end("name"),
                confidence=0.9,
            )
        )


_DETERMINERS = shared_words("determiners", "leading", "quotes")  # data/determiners.toml
# What may stand between a role and the name it titles: "envoy to Chile Pilar Ortega", "envoy, ".
_ROLE_TAIL = re.compile(r"^(\s+(to|of|for|in|at)(\s+the)?(\s+[A-Z][\w’'.-]*)+)?[\s,]*$")


def _named_later(doc: Doc, quotes: list[Quote]) -> None:
    """A speaker given by a role ("China's envoy to Spain warned that ...") who is named with the
    same role in the next sentences ("China's envoy to Spain Li Wen said ...") is that person."""
    text = doc_text(doc)
    persons = [
        s
        for c in (doc._.ng_entities or [])
        if c.label == "PERSON"
        for s in c.spans
        if not _in_any(s.start_char, [])
    ]
    for q in quotes:
        if q.speaker is not None or not q.speaker_text or q.speaker_end is None:
            continue
        words = q.speaker_text.split()
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        if len(words) < 2 or not words[-1].islower() or words[-1].lower() in _PRONOUNS:
            continue
        role = " ".join(words)
        base = min(q.end, q.speaker_start if q.speaker_start is not None else q.end)
        window = text[base : q.end + 600]
        for m in re.finditer(re.escape(role), window, flags=re.IGNORECASE):
            at = base + m.end()
            hit = next(
                (
                    s
                    for s in persons
                    if at <= s.start_char <= at + 30 and _ROLE_TAIL.match(text[at : s.start_char])
                ),
                None,
            )
            if hit is None:
                continue
            cluster = next(c for c in doc._.ng_entities if hit in c.spans)
            q.speaker = cluster.id
            q.confidence = round(max(q.confidence, 0.8), 2)
            break


# The speaker score of a he/she that coreference left alone, taken to be the person who spoke the
# quotation just before it (``_continued_speakers``): a value of its own, so the calibration
# measures it apart (a quote of 0.79, below the display band until a labelled round says more).
_CONTINUED = 0.74
_CONTINUED_CHARS = 700


def _continued_speakers(
    doc: Doc, quotes: list[Quote], caps: dict[int, float], quoted: list[tuple[int, int]], tokens: _Tokens
) -> None:
    """'"...," Volker said. ... "My role was not ...," he told lawmakers': a he/she speaker left
    unresolved is the person who spoke the quotation before it (within a few paragraphs), when the
    pronoun's gender fits that person and, between that person's name and the pronoun, no other
    person it could be is named as a subject outside quotation marks and no he/she stands for
    someone else."""
    for k, q in enumerate(quotes):
        if q.speaker is not None or q.speaker_start is None or id(q) not in caps:
            continue
        if (q.speaker_text or "").lower() not in {"he", "she"}:
            continue
        pronoun = doc.char_span(q.speaker_start, q.speaker_end or q.speaker_start + 3)
        if pronoun is None:
            continue
        pronoun_tok = pronoun[0]
        before = [p for p in quotes[:k] if p.start < q.start and p is not q]
        if not before:
            continue
        prev = max(before, key=lambda p: (p.start, p.end))
        if prev.speaker is None or prev.speaker_start is None or q.start - prev.end > _CONTINUED_CHARS:
            continue
        cluster = cluster_by_id(doc, prev.speaker)
        if cluster is None or cluster.label != "PERSON":
            continue
        index = _quote_index(doc)
        if not index.gender_fits(prev.speaker, pronoun_tok):
            continue
        lo, hi = min(prev.speaker_start, prev.start), pronoun_tok.idx
        # another person it could be: named as a subject in between, outside quotation marks (a
        # person named as an object, "the investigations into Biden", is talked about)
        rival = any(
            c.label == "PERSON"
            and c.id != prev.speaker
            and index.gender_fits(c.id, pronoun_tok)
            and any(
                lo <= sp.start_char < hi
                and not _in_any(sp.start_char, quoted)
                and sp.root.dep_ in {"nsubj", "nsubjpass", "appos"}
                for sp in c.spans
            )
            for c in doc._.ng_entities or []
        )
        first = tokens.at(lo)
        if doc[first].idx < lo:
            first += 1  # the token the range starts inside is not in it
        others = _same_pronouns(doc, first, pronoun_tok, quoted)
        if rival or any(ref is not None and ref[0].id != prev.speaker for ref in others):
            continue  # (or a he/she of someone else in between)
        q.speaker = prev.speaker
        q.confidence = round(min(caps[id(q)], _CONTINUED + 0.05), 2)


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotations in a parsed doc, in text order."""
    finder = _Finder(doc)
    finder.direct()
    finder.indirect()
    finder.postposed()
    finder.inverted()
    finder.parenthetical()
    quotes = finder.quotes
    _embedded_posts(doc, quotes)
    quotes.sort(key=lambda q: q.start)
    _continued_speakers(doc, quotes, finder.caps, finder.inside, finder.tokens)
    _issuer_of_document(doc, quotes)
    _named_later(doc, quotes)
    _dates_outside_quoted_words(doc, quotes, finder.inside)
    doc.user_data.pop("ng_quote_index", None)  # built for the he/she speakers, never kept on the doc
    return quotes


def _dates_outside_quoted_words(doc: Doc, quotes: list[Quote], inside: list[tuple[int, int]]) -> None:
    """A quote is dated only by a time expression outside quotation marks and outside its own words:
    "'Since 2008, there hasn't been a year of gain,' says X" says nothing about when X said it."""
    for q in quotes:
        if q.date is None:
            continue
        dated_outside = any(
            tx.value == q.date and not _in_any(tx.start, inside) and not q.start <= tx.start < q.end
            for tx in doc._.ng_timexes or []
        )
        if not dated_outside:
            q.date = None


def quotes_component(doc: Doc) -> Doc:
    """Set ``doc._.ng_quotes`` to the doc's quotations with speakers, cues and dates."""
    doc._.ng_quotes = find_quotes(doc)
    return doc


@Language.factory(
    "newsgraph_quotes",
    assigns=["doc._.ng_quotes"],
    requires=[
        "doc._.ng_entities",
        "doc._.ng_coref",
        "doc._.ng_timexes",
        "token.pos",
        "token.tag",
        "token.dep",
        "token.lemma",
    ],
)
def make_quotes(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_quotes`` component for ``nlp.add_pipe("newsgraph_quotes")``; it takes no settings."""
    register_extensions()
    return quotes_component
