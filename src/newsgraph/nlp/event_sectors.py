"""Which sector an event's actor or recipient is (government, military, police, rebels, protesters,
civilians, business, media, international), where its own words say it (``data/sectors.toml``).

Read off the participant's phrase in the event's sentence ("riot police", "the ministry's spokesman",
"hundreds of protesters") or its entity's name ("the UN", "Acme Corp"); None when they say nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .extensions import cluster_by_id, doc_text
from .relation_lexicon import FORMER_WORDS

__all__ = ["Sectors", "load_sectors", "party_sector", "SECTORS"]

_MODIFIERS = ("compound", "amod", "poss", "nmod")
_STATE_LABELS = ("NORP", "GPE")


@dataclass(frozen=True)
class Sectors:
    """The sector vocabulary (``data/sectors.toml``)."""

    words: dict[str, str]
    names: dict[str, str]
    name_cues: dict[str, str]
    partitive: frozenset[str]
    defer: frozenset[str]
    state_heads: dict[str, str]


@lru_cache(maxsize=1)
def load_sectors() -> Sectors:
    text = resources.files("newsgraph").joinpath("data/sectors.toml").read_text("utf-8")
    data = tomllib.loads(text)
    words: dict[str, str] = {}
    names: dict[str, str] = {}
    cues: dict[str, str] = {}
    for sector, table in data["sectors"].items():
        for target, key in ((words, "words"), (names, "names"), (cues, "name_cues")):
            for word in table.get(key, []):
                target.setdefault(word.lower(), sector)
    return Sectors(
        words=words,
        names=names,
        name_cues=cues,
        partitive=frozenset(data["partitive"]),
        defer=frozenset(data["defer"]),
        state_heads=dict(data["state_heads"]),
    )


SECTORS = ("government", "military", "police", "rebels", "protesters", "civilians", "business", "media",
           "international")  # fmt: skip


def _name_key(text: str) -> str | None:
    """A name as ``names`` lists it, or None for a phrase that is no name (all lower case: "who")."""
    text = " ".join(text.split())
    if not any(ch.isupper() for ch in text):
        return None
    low = text.lower()
    return low[4:] if low.startswith("the ") else low


def _token_sector(token: Token, vocab: Sectors, depth: int = 0) -> str | None:
    """The sector a word and its modifiers say ("troops"; "police officers"; "the ministry's spokesman")."""
    if depth > 3:
        return None
    lemma = token.lemma_.lower()
    lower = token.lower_
    key = _name_key(token.text)
    if key is not None and key in vocab.names and not any(c.dep_ == "compound" for c in token.children):
        return vocab.names[key]  # "the UN", "NATO"
    if lemma in vocab.partitive or lower in vocab.partitive:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            return _token_sector(pobj, vocab, depth + 1)
    own = vocab.words.get(lemma) or vocab.words.get(lower)
    if own is not None and lemma not in vocab.defer and lower not in vocab.defer:
        return own
    if not (
        lemma in vocab.defer or lower in vocab.defer or lemma in vocab.partitive or token.pos_ == "PROPN"
    ):
        return None
    modifiers = sorted((c for c in token.children if c.dep_ in _MODIFIERS), key=lambda c: -c.i)
    for mod in modifiers:
        sector = _token_sector(mod, vocab, depth + 1) if mod.pos_ in ("NOUN", "PROPN") else None
        if sector is None:
            sector = vocab.words.get(mod.lemma_.lower())
        if sector is not None:
            if lemma in vocab.state_heads and sector == "government":
                return vocab.state_heads[lemma]  # "government forces"
            return sector
    if lemma in vocab.state_heads and any(m.ent_type_ in _STATE_LABELS for m in modifiers):
        return vocab.state_heads[lemma]  # "Israeli forces", "U.S. forces"
    return None


def _former(span: Span) -> bool:
    """Whether the phrase says the role is over ("former Vice President X", "ex-minister")."""
    words = {t.lower_ for t in span} | {t.lower_.split("-")[0] + "-" for t in span if "-" in t.lower_}
    return bool(words & set(FORMER_WORDS))


def _phrase(doc: Doc, start: int, end: int, text: str) -> Span | None:
    """The participant's words in its event's sentence (the first place they stand)."""
    at = doc_text(doc).find(text, start, end)
    if at < 0:
        return None
    return doc.char_span(at, at + len(text), alignment_mode="expand")


def _name_sector(name: str, label: str | None, vocab: Sectors) -> str | None:
    key = _name_key(name)
    if key is None:
        return None
    if key in vocab.names:
        return vocab.names[key]
    last = key.split()[-1] if key.split() else ""
    if label == "ORG" and len(key.split()) > 1 and last in vocab.name_cues:
        return vocab.name_cues[last]  # "Acme Corp", "the Velmar Times"
    return None


def party_sector(doc: Doc, start: int, end: int, text: str | None, entity_id: str | None) -> str | None:
    """The sector of an event participant: its words ``text`` in the sentence ``start``..``end``, or
    the name of its entity ``entity_id``; None when they do not say one."""
    vocab = load_sectors()
    cluster = cluster_by_id(doc, entity_id) if entity_id is not None else None
    span = _phrase(doc, start, end, text) if text else None
    if span is not None and len(span):
        if _former(span):
            return None
        whole = _name_sector(span.text, cluster.label if cluster is not None else None, vocab)
        if whole is not None:
            return whole
        sector = _token_sector(span.root, vocab)
        if sector is not None or span.root.pos_ not in ("PROPN", "PRON"):
            return sector  # a common noun that says nothing ("two states") is no name of its entity
        if span.root.ent_type_ == "PERSON" and (cluster is None or cluster.label != "PERSON"):
            return None  # a person's name linked to a body's entity: the link, not the words, would say it
    if cluster is not None:
        for name in (cluster.name, *cluster.aliases):
            sector = _name_sector(name, cluster.label, vocab)
            if sector is not None:
                return sector
    return None
