"""Headline and caption context for the body (``newsgraph_context``).

The article ``text`` is the clean body; the headline and the captions are separate fields. A
reader still knows from them which port "the terminal" means when the body never names it.
Before the body is processed, ``find_context_entities`` runs the model's NER alone over every
title and caption of a batch (one ``nlp.pipe``; credits are never read), and puts what it finds
on the body Doc. After the body's entities are grouped, this component adds those names to
``doc._.ng_entities`` as antecedents only:

- a name the body also uses (same key, acronym, short or longer form) is recorded on that
  entity's ``context`` (field, index, start, end), offsets into that field's text;
- a name the body never uses becomes an entity with no body spans (ids after the body's);
- known names are also found in those texts by exact match (the small model misses names in
  Title Case headlines, and "Meridian Shipping" in a caption it mislabels).

Nothing here ever adds a span to the body: every fact still points into ``text``.
``doc._.ng_main_place`` is set to the one place the headline names, for events to fall back on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article
from ..vocabulary import shared_words
from .entities import ENTITY_LABELS, _clean_mentions, _compatible, _is_acronym, acronym_of, normalise_name
from .extensions import ContextEntity, EntityCluster, register_extensions

__all__ = [
    "context_texts",
    "find_context_entities",
    "entities_in_texts",
    "add_context_entities",
    "make_context",
    "PLACE_LABELS",
]

PLACE_LABELS = frozenset({"FAC", "GPE", "LOC"})
_AMBIGUOUS = EntityCluster(id="", name="", label="")
_SMALL_WORDS = shared_words("title_case", "small_words", "context")  # data/title_case.toml
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NEXT_CAPITAL = re.compile(r"\s+[A-Z]")
# Credits the extractor left in a caption's text: "(AP Photo/Alan Diaz)", "Photo: X", "X/Reuters",
# "Submitted photo". They are blanked (same length, so offsets still index the caption).
_AGENCIES = (
    r"AP|AFP|Reuters|Getty(?:\s+Images)?|EPA|Xinhua|PA|dpa|EFE|ANSA|Shutterstock|iStock|Alamy|Sipa|ZUMA"
)
_CREDIT_SPANS = re.compile(
    r"[(\[][^()\[\]]{0,80}?(?:\b(?:photo|image|picture|credit|courtesy|file)s?\b|/|©)[^()\[\]]{0,80}[)\]]"
    r"|(?:\b(?:photo(?:graph)?|image|picture|credit|illustration)s?(?:\s+(?:credit|by|courtesy(?:\s+of)?))?"
    r"\s*[:：]|©).{0,120}$"
    r"|\b(?:Submitted|Contributed|Courtesy)(?:\s+(?:photos?|image|of))?\b",
    re.IGNORECASE,
)
_NAMED_CREDITS = re.compile(
    r"(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’.-]*\s?/\s?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*){0,2}"
    rf"|\b(?:{_AGENCIES})\b"
)
_TITLE_PARTS = re.compile(r"\s+[|•]\s+")
# Labels that may make an entity of their own from the headline or a caption. The others
# (WORK_OF_ART, LAW, NORP, PRODUCT...) only add mentions to entities the body already has.
_NEW_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def mask_credits(text: str) -> str:
    """A caption's text with credit-like words the extractor left in it blanked out."""
    for pattern in (_CREDIT_SPANS, _NAMED_CREDITS):
        for m in reversed(list(pattern.finditer(text))):
            text = _blank(text, *m.span())
    return text


def mask_title(title: str) -> str:
    """A headline with the site-name parts around " | " blanked ("Strike ends | The Daily")."""
    parts = list(_TITLE_PARTS.finditer(title))
    if not parts:
        return title
    bounds = [0, *[x for m in parts for x in m.span()], len(title)]
    pieces = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    keep = max(pieces, key=lambda p: p[1] - p[0])
    for start, end in pieces:
        if (start, end) != keep:
            title = _blank(title, start, end)
    return title


def context_texts(article: Article) -> list[tuple[str, int, str]]:
    """(field, index, text) for the headline and each caption's text; never a credit.

    Credit-like words still in a caption's text and site names in the headline are blanked to
    spaces, so offsets into the returned text are offsets into the field itself.
    """
    out: list[tuple[str, int, str]] = []
    if article.title and article.title.strip():
        out.append(("title", 0, mask_title(article.title)))
    for i, caption in enumerate(article.captions):
        if caption.text and caption.text.strip():
            out.append(("caption", i, mask_credits(caption.text)))
    return out


def _plausible_name(text: str) -> bool:
    """A name to make an entity of: capitalised, a few words, not a date or a number."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and text[:1].isupper()
        and not any(ch.isdigit() for ch in text)
        and "/" not in text
        and "|" not in text
    )


def find_context_entities(nlp: Language, articles: Sequence[Article]) -> list[list[ContextEntity]]:
    """The named entities of each article's headline and captions, from the model's NER alone.

    One batched ``nlp.pipe`` over all the texts with every other component disabled, so the cost
    is a few short NER passes per article. Spans are cleaned like the body's ("the", possessives,
    "Port of X" is a FAC).
    """
    return entities_in_texts(nlp, [context_texts(a) for a in articles])


def entities_in_texts(
    nlp: Language, per_article: Sequence[Sequence[tuple[str, int, str]]]
) -> list[list[ContextEntity]]:
    """``find_context_entities`` over ``(field, index, text)`` lists (``context_texts``), one per article."""
    flat = [text for texts in per_article for _, _, text in texts]
    if not flat or "ner" not in nlp.pipe_names:
        return [[] for _ in per_article]
    disable = [name for name in nlp.pipe_names if name != "ner"]
    docs = iter(nlp.pipe(flat, disable=disable, batch_size=64))
    out: list[list[ContextEntity]] = []
    for texts in per_article:
        found: list[ContextEntity] = []
        for field_name, index, _ in texts:
            mentions, _ = _clean_mentions(next(docs))
            for m in mentions:
                text = m.span.text
                start = m.span.start_char + len(text) - len(text.lstrip())
                text = text.strip()  # the model may take in a blanked credit's spaces
                if m.label in ENTITY_LABELS and text and "  " not in text:
                    found.append(ContextEntity(text, m.label, field_name, index, start, start + len(text)))
        out.append(found)
    return out


def is_title_case(text: str) -> bool:
    """Whether a headline capitalises its words ("Port of Alder Strike: Who Are ..."): then
    capitals say nothing about names, and the model's NER over it is not trusted on its own."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.9 * len(words)


class _Keys(dict):
    """Comparison keys of each entity's names, computed once (an article can have many entities)."""

    def of(self, cluster: EntityCluster) -> set[str]:
        keys = self.get(id(cluster))
        if keys is None:
            forms = [cluster.name, *cluster.aliases, *(s.text for s in cluster.spans)]
            keys = self[id(cluster)] = {normalise_name(f) for f in forms}
        return keys


def _fits(text: str, label: str, cluster: EntityCluster, keys: _Keys) -> str | None:
    """How a context name fits an entity: ``same``, ``short`` (a shorter form), ``long`` (a longer
    form of the entity's name) or None. The rules are those the body's grouping uses."""
    if normalise_name(text) in keys.of(cluster) and _compatible(label, cluster.label):
        return "same"
    name = cluster.name
    if cluster.label != "PERSON" and label != "PERSON":
        if _is_acronym(text) and len(name.split()) > 1 and acronym_of(name) == text.replace(".", ""):
            return "short"
        if _is_acronym(name) and len(text.split()) > 1 and acronym_of(text) == name.replace(".", ""):
            return "long"
    words, names = text.split(), name.split()
    if cluster.label == "PERSON":
        if label in {"PERSON", "ORG", "NORP"} and len(words) < len(names) and names[-len(words) :] == words:
            return "short"  # a surname
        if label == "PERSON" and len(words) > len(names) and words[-len(names) :] == names:
            return "long"
    elif cluster.label in {"ORG", "FAC"} and not _is_acronym(text):
        if (
            label in {"ORG", "NORP", "PRODUCT", "FAC"}
            and len(words) < len(names)
            and names[: len(words)] == words
        ):
            return "short"  # leading words: "Meridian" for "Meridian Shipping"
        if label in {"ORG", "FAC"} and len(words) > len(names) and words[: len(names)] == names:
            return "long"
    return None


def _match(
    text: str, label: str, clusters: list[EntityCluster], keys: _Keys
) -> tuple[EntityCluster, str] | None:
    """The one entity a context name stands for; ``_AMBIGUOUS`` when it could be several."""
    hits = [(c, how) for c in clusters if (how := _fits(text, label, c, keys))]
    same = [h for h in hits if h[1] == "same"]
    if len(same) == 1:
        return same[0]
    if len(hits) == 1:
        return hits[0]
    return (_AMBIGUOUS, "") if hits else None


def _record(cluster: EntityCluster, ent: ContextEntity, keys: _Keys) -> None:
    cluster.context.append((ent.field, ent.index, ent.start, ent.end))
    if ent.text != cluster.name and ent.text not in cluster.aliases:
        cluster.aliases.append(ent.text)
    keys.pop(id(cluster), None)


def _surface_forms(clusters: list[EntityCluster]) -> dict[str, EntityCluster | None]:
    """Names of the entities to look for verbatim (None: the form names two entities)."""
    forms: dict[str, EntityCluster | None] = {}
    for c in clusters:
        for form in {c.name, *c.aliases, *(s.text for s in c.spans)}:
            if len(form) < 2 or not form[0].isupper():
                continue
            forms[form] = c if forms.get(form, c) is c else None
    return forms


def _find_names(
    doc: Doc, clusters: list[EntityCluster], taken: dict[tuple[str, int], list[tuple[int, int]]]
) -> None:
    """Mentions of known names in the headline and captions that the model's NER did not give."""
    forms = sorted(_surface_forms(clusters).items(), key=lambda kv: -len(kv[0]))
    for field_name, index, text in doc._.ng_context_texts or []:
        title_case = field_name == "title" and is_title_case(text)
        spans = taken.setdefault((field_name, index), [])
        for form, cluster in forms:
            if cluster is None or form not in text:
                continue
            if title_case and " " not in form and not _is_acronym(form):
                continue  # one capitalised word in a Title Case headline may be any word
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                start, end = m.span()
                if any(s < end and start < e for s, e in spans):
                    continue
                if not title_case and _NEXT_CAPITAL.match(text, end):
                    continue  # part of a longer name
                spans.append((start, end))
                cluster.context.append((field_name, index, start, end))


def _drop_inner(doc: Doc, ents: list[ContextEntity], body: list[EntityCluster]) -> list[ContextEntity]:
    """Drop a model name that lies inside a longer known name in the same text ("Brindle" tagged
    PERSON inside "Port of Brindle", named so in a caption): the verbatim pass finds the longer one."""
    texts = {(f, i): t for f, i, t in doc._.ng_context_texts or []}
    forms = {e.text for e in ents} | {f for f, c in _surface_forms(body).items() if c is not None}
    kept = []
    for ent in ents:
        text = texts.get((ent.field, ent.index), "")
        inner = any(
            m.start() <= ent.start and ent.end <= m.end()
            for form in forms
            if len(form) > len(ent.text) and ent.text in form
            for m in re.finditer(re.escape(form), text)
        )
        if not inner:
            kept.append(ent)
    return kept


def main_place(clusters: list[EntityCluster]) -> str | None:
    """The id of the one place (FAC, GPE, LOC) the headline names; None for none or several."""
    places = [c.id for c in clusters if c.label in PLACE_LABELS and any(m[0] == "title" for m in c.context)]
    return places[0] if len(places) == 1 else None


def add_context_entities(doc: Doc) -> Doc:
    """Add the headline's and captions' names to ``doc._.ng_entities`` as antecedents only."""
    if not doc._.ng_context_texts:
        return doc
    body: list[EntityCluster] = list(doc._.ng_entities or [])
    new: list[EntityCluster] = []
    taken: dict[tuple[str, int], list[tuple[int, int]]] = {}
    keys = _Keys()
    title_case = {(f, i): f == "title" and is_title_case(t) for f, i, t in doc._.ng_context_texts}
    ents = _drop_inner(doc, doc._.ng_context or [], body)
    # Longer names first, so "Reyes" in a second caption finds "Tomas Reyes" from the first.
    for ent in sorted(ents, key=lambda e: (-len(e.text), e.field != "title", e.index)):
        found = _match(ent.text, ent.label, body + new, keys)
        if found is not None and found[0] is _AMBIGUOUS:
            continue
        if found is None:
            if title_case.get((ent.field, ent.index)):
                continue  # the model's guesses over a Title Case headline make no entity
            if ent.label not in _NEW_LABELS or not _plausible_name(ent.text):
                continue
            cluster = EntityCluster(id="", name=ent.text, label=ent.label)
            new.append(cluster)
        else:
            cluster, how = found
            if how == "long" and ent.field == "title":
                continue  # "Google Bets" in "Google Bets on the Future ...": a headline's bounds are loose
            if how == "long" and _plausible_name(ent.text):
                # The caption gives the full name the body shortens ("Reyes" -> "Tomas Reyes").
                cluster.aliases = [a for a in cluster.aliases if a != ent.text] + [cluster.name]
                cluster.name = ent.text
        _record(cluster, ent, keys)
        taken.setdefault((ent.field, ent.index), []).append((ent.start, ent.end))
    _find_names(doc, body + new, taken)
    order = {"title": 0, "caption": 1}
    for c in body + new:
        c.context = sorted(set(c.context), key=lambda m: (order.get(m[0], 2), m[1], m[2]))
    new.sort(key=lambda c: (order.get(c.context[0][0], 2), c.context[0][1], c.context[0][2]))
    last = max((int(c.id[1:]) for c in body if c.id[1:].isdigit()), default=0)
    for k, cluster in enumerate(new, last + 1):
        cluster.id = f"e{k}"
    doc._.ng_entities = body + new
    doc._.ng_main_place = main_place(body + new)
    return doc


@Language.factory(
    "newsgraph_context",
    assigns=["doc._.ng_entities", "doc._.ng_main_place", "doc._.ng_context"],
    requires=["doc._.ng_entities"],
)
def make_context(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_context`` component for ``nlp.add_pipe("newsgraph_context")``; no settings.

    Its input is the article's headline and captions, which a Doc of the body does not hold: set
    ``doc._.ng_context_texts`` to ``[("title", 0, headline), ("caption", 0, text), ...]``
    (``context_texts(article)`` makes it). The component finds their names with this pipeline's NER
    (``doc._.ng_context``) unless the caller did already (newsgraph's own ``annotate_docs`` does it
    for a whole batch in one pass). A doc without those texts passes unchanged.
    """
    register_extensions()

    def context_component(doc: Doc) -> Doc:
        if doc._.ng_context_texts and doc._.ng_context is None:
            doc._.ng_context = entities_in_texts(nlp, [doc._.ng_context_texts])[0]
        return add_context_entities(doc)

    return context_component
