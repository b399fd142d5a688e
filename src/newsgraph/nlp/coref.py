"""In-article coreference: pronouns and definite nominals linked to the entity they refer to.

Rule-based (no coreference model can be installed): agreement (PERSON vs non-person, number,
a person's gender where the article shows it: nlp.coref_gender),
salience (recency, subject position), "X said it would ..." and the descriptions found earlier
("the union" for an entity described as "a union"; "the minister" for a person titled
"Transport Minister"; "the aircraft" for a named product; "the company" for the most salient
business). Besides pronouns and "the X": relative "which/who" (the name the clause modifies),
"we/our/us" in a quotation (the organisation its speaker speaks for), appositive noun phrases
("Airbus, Europe's biggest planemaker,") and repeats of a name the tagger missed ("the 787").
A mention is linked only when one entity clearly wins; otherwise it is left alone, so a missing
link is more likely than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import CorefMention
from ..resolve.kinds import is_role_phrase
from ..vocabulary import shared_words, word_set
from .coref_gender import pronoun_gender
from .coref_rules import (
    EntityIndex,
    Resolution,
    is_pronoun_mention,
    resolve_nominal,
    resolve_pronoun,
    salient_company,
)
from .extensions import register_extensions, token_at
from .quote_marks import find_quote_spans
from .quotes import find_quotes

__all__ = ["find_coref", "resolve_coref"]

_NOMINAL_DETS = {"the"}
_ALLOWED_CHILD_DEPS = {"det", "case", "punct"}


# Adjectives that make "the X" another thing than the one named before ("the other company",
# "the first plane", "a similar aircraft") or no particular one.
_CONTRASTIVE = shared_words("referent_modifiers", "new_referent", "coref")  # data/referent_modifiers.toml


_MODIFIER_POS = {"ADJ", "NOUN", "PUNCT", "NUM", "VERB", "ADV"}


def _nominal_head(tok: Token, index: EntityIndex) -> bool:
    """A bare definite noun phrase, "the union" / "the new company" / "the Guild", outside any entity.

    Plain modifiers may stand between "the" and the noun ("the massive airliner", "the twin-engine
    aircraft"), but not names, counts or words that point at another or a particular instance
    ("the other company", "the first plane").
    """
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.tag_ in {"NNS", "NNPS"} or index.entity_of(tok) is not None:
        return False
    if tok.dep_ in {"compound", "attr", "npadvmod"}:
        return False
    children = list(tok.children)
    dets = [c for c in children if c.dep_ == "det"]
    if len(dets) != 1 or dets[0].lower_ not in _NOMINAL_DETS:
        return False
    between = tok.doc[dets[0].i + 1 : tok.i]
    if any(
        t.pos_ not in _MODIFIER_POS
        or (t.pos_ == "VERB" and t.tag_ != "VBN")
        or t.lower_ in _CONTRASTIVE
        or t.ent_type_ in {"ORDINAL", "CARDINAL"}
        or index.entity_of(t) is not None
        or not tok.is_ancestor(t)
        for t in between
    ):
        return False
    return all(
        c.dep_ in _ALLOWED_CHILD_DEPS or c.dep_ == "appos" or c.i in range(dets[0].i, tok.i) for c in children
    )


def _appositive_entity(tok: Token, index: EntityIndex) -> Resolution | None:
    """ "the minister, Elena Varga" / "Elena Varga, the minister": the name next to the nominal."""
    for child in tok.children:
        if child.dep_ == "appos" and index.entity_of(child) is not None:
            return Resolution(index.entity_of(child), 0.9)  # type: ignore[arg-type]
    if tok.dep_ == "appos" and index.entity_of(tok.head) is not None:
        return Resolution(index.entity_of(tok.head), 0.9)  # type: ignore[arg-type]
    return None


_RELATIVE = {"which": False, "who": True, "whom": True}
"""Relative pronoun -> whether it stands for a person."""


def _relative_antecedent(tok: Token, index: EntityIndex) -> Resolution | None:
    """ "Airbus, which builds the A380" / "Jo Lind, who leads the union": the noun the clause modifies."""
    person = _RELATIVE.get(tok.lower_)
    if person is None or tok.tag_ not in {"WDT", "WP"} or tok.head.dep_ != "relcl":
        return None
    if tok.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
        return None
    ent = index.entity_of(tok.head.head)
    if ent is None or (index.label(ent) == "PERSON") != person:
        return None
    return Resolution(ent, 0.9)


_FIRST_PLURAL = word_set("pronouns", "first_plural")  # data/pronouns.toml
# Titles of people who speak for a business ("we" = the company); not officials, politicians or analysts.
_CORPORATE_ROLES = word_set("role_words", "corporate")  # data/role_words.toml


def _speaker_organisation(doc: Doc, quote, index: EntityIndex) -> str | None:  # noqa: ANN001
    """The organisation a quotation's speaker speaks for: the speaker itself when it is one, else the
    one organisation named in the speaker's words ("a Boeing spokesman") or in the person's titles
    and appositions ("Airbus spokesman Jo Lind", "Jo Lind, a spokeswoman for Airbus")."""
    if quote.speaker is not None and index.label(quote.speaker) == "ORG":
        return quote.speaker
    ranges: list[tuple[int, int]] = []
    if quote.speaker is None:
        if quote.speaker_start is None:
            return None
        # "a Boeing spokesman", "a statement by Boeing": the subject with what hangs on it
        subj = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
        end = subj.root.right_edge.idx + len(subj.root.right_edge) if subj is not None else quote.speaker_end
        ranges.append((quote.speaker_start, max(end, quote.speaker_end)))
    elif index.label(quote.speaker) == "PERSON":
        ranges += [(d.start, d.end) for d in doc._.ng_descriptions or [] if d.entity == quote.speaker]
        for span in index.clusters[quote.speaker].spans:  # "Boeing CEO Jim Kerr": the title before the name
            left = span.root.left_edge.i
            if left < span.start:
                ranges.append((doc[left].idx, doc[span.start - 1].idx + len(doc[span.start - 1])))
    forms = {s.text: e for e, c in index.clusters.items() if c.label == "ORG" for s in c.spans if len(s) == 1}
    orgs = set()
    roles = False
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        for tok in span if span is not None else []:
            roles = roles or tok.lower_ in _CORPORATE_ROLES
            ent = index.entity_of(tok)
            if ent is None and tok.tag_ == "NNP":
                ent = forms.get(tok.text)  # "Boeing Commercial Airplanes CEO" with "Boeing" untagged here
            if ent is not None and index.label(ent) == "ORG":
                orgs.add(ent)
    if not orgs and roles and quote.speaker_start is not None:
        # "Chief executive Jo Lind said": a company officer with no company named speaks for the
        # business the article is about, when one clearly is
        tok = token_at(doc, quote.speaker_start)
        res = salient_company(tok if tok is not None else doc[0], index)
        return res.entity if res is not None else None
    return orgs.pop() if len(orgs) == 1 else None


_LATEX_QUOTE = re.compile(r"``([^\n]*?)''")


def _quotation_regions(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges between paired quotation marks, with ``...'' (treebank-style) marks too."""
    text = doc.text
    regions = [(q.start, q.end) for q in find_quote_spans(text)]
    regions += [(m.start(1), m.end(1)) for m in _LATEX_QUOTE.finditer(text)]
    return regions


def _quoted_first_person(doc: Doc, index: EntityIndex, found: list[CorefMention]) -> list[CorefMention]:
    """ "We will keep building planes," a Boeing spokesman said: "we/our/us" in a quotation stand
    for the organisation its speaker speaks for, through the whole quotation (several sentences)."""
    candidates = [t for t in doc if t.lower_ in _FIRST_PLURAL and t.pos_ == "PRON"]
    if not candidates:
        return []
    saved = doc._.ng_coref
    doc._.ng_coref = found
    try:
        quotes = find_quotes(doc)
    finally:
        doc._.ng_coref = saved
    regions = _quotation_regions(doc)
    owner: dict[tuple[int, int], str | None] = {}  # quotation -> its organisation (None: two disagree)
    for quote in quotes:
        org = _speaker_organisation(doc, quote, index)
        if org is None:
            continue  # "Everyone told us ...", inside a CEO's quotation, says nothing about "us"
        spans = [(quote.start, quote.end)]
        spans += [r for r in regions if r[0] <= quote.start < r[1] or quote.start <= r[0] < quote.end]
        for span in spans:
            if span in owner and owner[span] != org:
                owner[span] = None
            else:
                owner[span] = org
    out: list[CorefMention] = []
    for tok in candidates:
        if index.entity_of(tok) is not None:
            continue
        orgs = {org for (a, b), org in owner.items() if a <= tok.idx < b}
        if len(orgs) != 1 or None in orgs:
            continue
        org = orgs.pop()
        index.set_span(doc[tok.i : tok.i + 1], org)
        out.append(CorefMention(org, tok.idx, tok.idx + len(tok), tok.text, 0.75))
    return out


_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
"""Tagger labels that say a word is no name here ("in August", not Jo August); a model number
the tagger calls a count ("the 787") is still the name."""


def _name_repeats(doc: Doc, index: EntityIndex) -> list[CorefMention]:
    """A name the tagger missed this time: the exact words of one entity's mention elsewhere
    ("the 787" when "787" was tagged before), as a whole name, not part of a longer one."""
    forms: dict[tuple[str, ...], set[str]] = {}
    for ent, cluster in index.clusters.items():
        for span in cluster.spans:
            words = tuple(t.text for t in span)
            if any(c.isupper() or c.isdigit() for c in words[0][:1]) and not all(t.is_stop for t in span):
                forms.setdefault(words, set()).add(ent)
    forms = {words: ents for words, ents in forms.items() if len(ents) == 1}
    if not forms:
        return []
    longest = max(len(w) for w in forms)
    firsts = {w[0] for w in forms}
    texts = [t.text for t in doc]
    out: list[CorefMention] = []
    i = 0
    while i < len(doc):
        hit = None
        for n in range(min(longest, len(doc) - i), 0, -1) if texts[i] in firsts else ():
            words = tuple(texts[i : i + n])
            if (
                words in forms
                and all(index.by_token[j] is None for j in range(i, i + n))
                and not any(doc[j].ent_type_ in _NOT_NAMES and texts[j].isalpha() for j in range(i, i + n))
            ):
                hit = (n, next(iter(forms[words])))
                break
        if hit is None:
            i += 1
            continue
        n, ent = hit
        span = doc[i : i + n]
        before = doc[i - 1] if i else None
        after = doc[i + n] if i + n < len(doc) else None
        inside_longer = (
            (before is not None and before.pos_ == "PROPN" and before.head.i in range(i, i + n))
            or (after is not None and after.pos_ == "PROPN" and span.root.head.i == after.i)
            or (before is not None and not before.whitespace_ and before.text not in {'"', "(", "``", "'"})
            or (after is not None and not span[-1].whitespace_ and after.text in {"-", "/", "+", "'"})
        )
        if not inside_longer:
            index.set_span(span, ent)
            out.append(CorefMention(ent, span.start_char, span.end_char, span.text, 0.8))
        i += n
    return out


def _bare(span: Span) -> bool:
    """No determiner or possessive before the head: "Weekend magazine", "Good luck"."""
    return not any(t.dep_ in {"det", "poss"} and t.head.i == span.root.i for t in span)


def _appositive_descriptions(doc: Doc, index: EntityIndex) -> list[CorefMention]:
    """ "Airbus, the European planemaker," / "a union of 900 drivers": a noun phrase set beside a
    name (found by the descriptions pass) is another mention of it; beside a person's name, a bare
    phrase only when it is a role or kind of person ("Jo Kent, Weekend magazine," is a misreading,
    "Jo Kent, Corvane communications lead," is not)."""
    out: list[CorefMention] = []
    for d in doc._.ng_descriptions or []:
        if d.kind != "appositive" or d.entity not in index.clusters:
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if (
            span is None
            or index.entity_of(span.root) is not None
            or span.root.pos_ not in {"NOUN", "PROPN"}
            or span.root.tag_ in {"NNS", "NNPS"}  # "six airlines - Air China, ...": a list, not the name
            or any(t.dep_ == "cc" and t.head.i == span.root.i for t in span)
            or (index.label(d.entity) == "PERSON" and _bare(span) and not is_role_phrase(span.text))
        ):
            continue
        index.set_span(span, d.entity)
        out.append(CorefMention(d.entity, span.start_char, span.end_char, span.text, 0.8))
    return out


def _speakers_in_own_words(doc: Doc, index: EntityIndex) -> dict[int, set[str]]:
    """ "We respect her privacy," Jo Kent said: a he/she pronoun inside a quotation is not the
    person who speaks it (a speaker says "I"). Pronoun token index -> the named speakers it is not."""
    regions = _quotation_regions(doc)
    inside = [t for t in doc if pronoun_gender(t.text) and any(a <= t.idx < b for a, b in regions)]
    if not inside:
        return {}
    saved = doc._.ng_coref
    doc._.ng_coref = []  # named speakers only: a pronoun speaker is what this pass helps resolve
    try:
        quotes = find_quotes(doc)
    finally:
        doc._.ng_coref = saved
    spoken: list[tuple[int, int, str]] = []
    for q in quotes:
        if q.kind == "indirect" or q.speaker is None or index.label(q.speaker) != "PERSON":
            continue
        if q.speaker_text is None or pronoun_gender(q.speaker_text):
            continue
        spoken.append((q.start, q.end, q.speaker))
        spoken += [(a, b, q.speaker) for a, b in regions if a <= q.start < b or q.start <= a < q.end]
    out: dict[int, set[str]] = {}
    for tok in inside:
        for a, b, speaker in spoken:
            if a <= tok.idx < b:
                out.setdefault(tok.i, set()).add(speaker)
    return out


def find_coref(doc: Doc, index: EntityIndex | None = None) -> list[CorefMention]:
    """Resolve every pronoun and definite nominal in ``doc`` that has a clear antecedent."""
    index = index or EntityIndex.build(doc, include_coref=False)
    index.not_speaker = _speakers_in_own_words(doc, index)
    mentions: list[CorefMention] = _name_repeats(doc, index)
    for tok in doc:
        if index.entity_of(tok) is not None:
            continue
        if is_pronoun_mention(tok):
            res = resolve_pronoun(tok, index)
            span = doc[tok.i : tok.i + 1]
        elif tok.lower_ in _RELATIVE:
            res = _relative_antecedent(tok, index)
            span = doc[tok.i : tok.i + 1]
        elif _nominal_head(tok, index):
            res = _appositive_entity(tok, index) or resolve_nominal(tok, index)
            span = doc[tok.left_edge.i : tok.i + 1]
        else:
            continue
        if res is None:
            continue
        index.set_span(span, res.entity)
        mentions.append(
            CorefMention(
                entity=res.entity,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                confidence=res.confidence,
            )
        )
    mentions += _quoted_first_person(doc, index, mentions)
    mentions += _appositive_descriptions(doc, index)
    return sorted(mentions, key=lambda m: m.start)


def resolve_coref(doc: Doc) -> Doc:
    """Set ``doc._.ng_coref`` (empty when there are no entities to refer to)."""
    if not doc._.ng_entities or not doc.has_annotation("DEP"):
        doc._.ng_coref = []
        return doc
    doc._.ng_coref = find_coref(doc)
    return doc


@Language.factory(
    "newsgraph_coref",
    assigns=["doc._.ng_coref"],
    requires=[
        "doc._.ng_entities",
        "doc._.ng_descriptions",
        "token.pos",
        "token.tag",
        "token.dep",
        "token.ent_type",
    ],
)
def make_coref(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_coref`` component for ``nlp.add_pipe("newsgraph_coref")``; it takes no settings."""
    register_extensions()
    return resolve_coref
