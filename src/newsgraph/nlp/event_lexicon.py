"""The event trigger lexicon: lemma phrases to (type, mode), loaded once from a shipped TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from ..vocabulary import data_file

__all__ = ["TriggerEntry", "Lexicon", "load_lexicon", "match_trigger"]


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon phrase: the head lemma, the child lemmas it needs, and what it means."""

    type: str
    mode: str | None
    head: str
    needs: tuple[str, ...]
    pos: str
    """``verb`` or ``noun``."""
    not_objects: frozenset[str] = frozenset()
    doers: frozenset[str] = frozenset()
    """When set, the verb is this event only when its subject (or a compound word of it) is one of
    these lemmas: "warplanes struck", "a drone strike hit" (never "workers struck")."""
    objects: frozenset[str] = frozenset()
    """When set, the verb is this event only when its direct object is one of these lemmas:
    "engaged ELN fighters" (never "engaged a consultant")."""


@dataclass
class Lexicon:
    """Trigger entries indexed by (pos, head lemma), the most specific first."""

    by_head: dict[tuple[str, str], list[TriggerEntry]]


def _entries(data: dict) -> list[TriggerEntry]:
    out: list[TriggerEntry] = []
    for block in data.get("trigger", []):
        not_objects = frozenset(block.get("not_objects", ()))
        doers = frozenset(block.get("doers", ()))
        objects = frozenset(block.get("objects", ()))
        for pos, key in (("verb", "verbs"), ("noun", "nouns")):
            for phrase in block.get(key, ()):
                # the tokenizer splits a hyphenated noun ("sit-in": "sit", "-", "in", the last its head)
                words = (phrase.lower().replace("-", " ") if pos == "noun" else phrase.lower()).split()
                # Verbs are headed by their first word ("walk off"), nouns by their last ("hunger strike").
                head, needs = (words[0], words[1:]) if pos == "verb" else (words[-1], words[:-1])
                out.append(
                    TriggerEntry(
                        block["type"], block.get("mode"), head, tuple(needs), pos, not_objects, doers, objects
                    )
                )
    return out


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load a trigger lexicon (default: the shipped ``data/event_lexicon.toml``)."""
    # the shipped file is parsed once, shared with query.events (newsgraph.vocabulary)
    raw = data_file("event_lexicon") if path is None else tomllib.loads(Path(path).read_text("utf-8"))
    by_head: dict[tuple[str, str], list[TriggerEntry]] = {}
    for entry in _entries(raw):
        by_head.setdefault((entry.pos, entry.head), []).append(entry)
    for entries in by_head.values():
        # the longest phrase is tried first; of two as long, the one that asks for its doer
        entries.sort(key=lambda e: (-len(e.needs), not e.doers))
    return Lexicon(by_head)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, parsed once per process."""
    return load_lexicon()


def _near_lemmas(token: Token) -> set[str]:
    """Lemmas a phrase may need: children, and their children (``lift the state of emergency``)."""
    lemmas: set[str] = set()
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj", "det", "punct", "aux", "neg"):
            continue  # a phrase's words follow its head ("resume talks", not "talks resume")
        # a passive's subject is its object: "ties were severed" is "sever ties"
        lemmas.add(child.lemma_.lower())
        if child.dep_ in (
            "prep",
            "dobj",
            "nsubjpass",
            "prt",
            "pobj",
            "compound",
            "amod",
            "advmod",
            "attr",
            "acomp",
        ):
            for grandchild in child.children:
                lemmas.add(grandchild.lemma_.lower())
    return lemmas


def _done_by(token: Token, doers: frozenset[str]) -> bool:
    """Whether the verb's subject, or a common-noun word compounded with it, is one of ``doers``
    ("Israeli warplanes struck", "an air strike hit"); a name is never such a doer."""
    for subject in (c for c in token.children if c.dep_ == "nsubj"):
        if subject.pos_ != "NOUN":
            return False
        words = [subject] + [c for c in subject.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        return any(w.lemma_.lower() in doers or w.lower_ in doers for w in words)
    return False


def match_trigger(token: Token, lexicon: Lexicon | None = None) -> tuple[TriggerEntry, int] | None:
    """The lexicon entry a token triggers, with the number of words matched; None if it triggers none."""
    lexicon = lexicon or default_lexicon()
    if token.pos_ == "VERB":
        pos = "verb"
    elif token.pos_ == "NOUN":
        pos = "noun"
    else:
        return None
    entries = lexicon.by_head.get((pos, token.lemma_.lower()))
    if not entries:
        return None
    near: set[str] | None = None
    for entry in entries:
        if entry.needs:
            if near is None:
                near = _near_lemmas(token)
            if not all(word in near for word in entry.needs):
                continue
        if entry.doers and not _done_by(token, entry.doers):
            continue
        if entry.objects and not any(
            c.dep_ == "dobj" and (c.lemma_.lower() in entry.objects or c.lower_ in entry.objects)
            for c in token.children
        ):
            continue
        if entry.not_objects and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in entry.not_objects for c in token.children
        ):
            return None
        return entry, 1 + len(entry.needs)
    return None
