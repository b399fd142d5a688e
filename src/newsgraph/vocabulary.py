"""The shared vocabularies of ``src/newsgraph/data/``: each file read once, here, for every reader.

- ``speech.toml``: speech verbs (one base list plus each reader's documented additions) and the
  other words of reported speech (``speech_table``);
- ``months.toml``: month names and abbreviations with their numbers;
- ``acronym_stop.toml``: the words skipped when a name's initials are taken (one base list plus
  each reader's documented additions).

The files say at their top what each list means and who reads it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any, Literal

__all__ = [
    "SPEECH_READERS",
    "speech_verbs",
    "speech_table",
    "month_numbers",
    "month_names",
    "ACRONYM_READERS",
    "acronym_stop",
]

SpeechReader = Literal["quotes", "events", "coref", "timex"]
SPEECH_READERS: tuple[SpeechReader, ...] = ("quotes", "events", "coref", "timex")
"""The components that read speech verbs, each with its own additions to the shared core."""

AcronymReader = Literal["entities", "names"]
ACRONYM_READERS: tuple[AcronymReader, ...] = ("entities", "names")
"""The readers that take a name's initials: ``nlp.entities.acronym_of`` and ``resolve.names.initials``."""


@cache
def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("newsgraph").joinpath(f"data/{name}").read_text("utf-8"))


@cache
def speech_verbs(reader: SpeechReader) -> frozenset[str]:
    """The speech-verb lemmas ``reader`` takes: the shared ``core`` plus its own additions."""
    if reader not in SPEECH_READERS:
        raise ValueError(f"no speech verbs for {reader!r}; readers: {', '.join(SPEECH_READERS)}")
    table = _load("speech.toml")["speech_verbs"]
    return frozenset(table["core"]) | frozenset(table[reader])


@cache
def speech_table(name: str) -> frozenset[str]:
    """The ``words`` of one other table of ``speech.toml`` (``fragment_verbs``, ``speaker_nouns``...)."""
    return frozenset(_load("speech.toml")[name]["words"])


@cache
def month_numbers() -> dict[str, int]:
    """Every month name and abbreviation (lower case) -> its number (``"sept"`` -> 9)."""
    months = _load("months.toml")["months"]
    return {name: int(number) for number, names in months.items() for name in names}


@cache
def month_names() -> tuple[str, ...]:
    """The twelve full month names, lower case, January first."""
    months = _load("months.toml")["months"]
    return tuple(months[str(n)][0] for n in range(1, 13))


@cache
def acronym_stop(reader: AcronymReader) -> frozenset[str]:
    """The words ``reader`` skips when it takes a name's initials: the shared ``core`` plus its own."""
    if reader not in ACRONYM_READERS:
        raise ValueError(f"no acronym stop words for {reader!r}; readers: {', '.join(ACRONYM_READERS)}")
    table = _load("acronym_stop.toml")["acronym_stop"]
    return frozenset(table["core"]) | frozenset(table[reader])
