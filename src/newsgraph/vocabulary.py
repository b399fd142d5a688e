"""The shared vocabularies of ``src/newsgraph/data/``: each file read once, here, for every reader.

- ``speech.toml``: speech verbs (one base list plus each reader's documented additions) and the
  other words of reported speech (``speech_table``);
- ``months.toml``: month names and abbreviations with their numbers;
- ``acronym_stop.toml``: the words skipped when a name's initials are taken (one base list plus
  each reader's documented additions);
- the word lists of the rule modules, one file per vocabulary, read with ``word_set(file, table)``
  (a set), ``word_list`` (in the file's order), ``word_map`` (a table of word -> value) and
  ``shared_words(file, table, reader)`` (a base list plus one reader's additions):
  ``event_verbs.toml``, ``party_nouns.toml`` and ``prepositions.toml`` (nlp/event_roles.py,
  nlp/quotes.py), ``pronouns.toml`` (event_roles, event_senses, coref_rules, quotes,
  relation_lexicon), ``role_words.toml``, ``class_nouns.toml`` and ``pleonastic.toml``
  (nlp/coref_rules.py), ``time_words.toml`` (nlp/timex_grammar.py), ``time_cues.toml``
  (nlp/timex.py), ``title_case.toml`` (nlp/context.py, nlp/entities.py), ``determiners.toml``
  (nlp/entities.py, nlp/quotes.py), ``name_heads.toml`` (nlp/entities.py; its name-key suffixes
  resolve/entities.py, resolve/partial.py), ``contrast.toml`` (nlp/entities.py),
  ``modals.toml`` (nlp/quotes.py, nlp/event_casualties.py), ``relation_nouns.toml`` and
  ``relation_verbs.toml`` (nlp/relation_lexicon.py, nlp/relations.py), ``subordinators.toml``
  (nlp/events.py), ``referent_modifiers.toml`` (nlp/events.py, nlp/coref.py),
  ``possessive_marks.toml`` (nlp/quote_marks.py), ``url_segments.toml`` (extract/meta.py),
  ``stop_words.toml`` (resolve/candidate_contexts.py, store/fts.py);
- the files more than one module reads, whole, with ``data_file(file)``: ``titles.toml``
  (resolve/names.py, resolve/kinds.py), ``roles.toml`` (nlp/relation_lexicon.py,
  resolve/kinds.py), ``gender.toml`` (nlp/coref_gender.py, resolve/kinds.py),
  ``event_lexicon.toml`` (nlp/event_lexicon.py, query/events.py), and those each of these readers
  reads beside them (``not_names.toml``, ``type_cues.toml``, ``person_kinds.toml``,
  ``event_certainty.toml``);
- ``cues.toml``: the extractor's cue phrases (``data_file("cues")``, shaped by extract/cues.py).

The files say at their top what each list means and who reads it. ``LOADERS`` names, for every
file of ``data/``, the one module that opens it; every other module reads it through that one.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

__all__ = [
    "SPEECH_READERS",
    "speech_verbs",
    "speech_table",
    "month_numbers",
    "month_names",
    "ACRONYM_READERS",
    "acronym_stop",
    "LOADERS",
    "data_file",
    "word_set",
    "word_list",
    "word_map",
    "shared_words",
]

SpeechReader = Literal["quotes", "events", "coref", "timex"]
SPEECH_READERS: tuple[SpeechReader, ...] = ("quotes", "events", "coref", "timex")
"""The components that read speech verbs, each with its own additions to the shared core."""

AcronymReader = Literal["entities", "names"]
ACRONYM_READERS: tuple[AcronymReader, ...] = ("entities", "names")
"""The readers that take a name's initials: ``nlp.entities.acronym_of`` and ``resolve.names.initials``."""


LOADERS: dict[str, str] = {
    "acled_types.toml": "export_acled",
    "acronym_stop.toml": "vocabulary",
    "casualties.toml": "nlp.event_casualties",
    "class_nouns.toml": "vocabulary",
    "clocks.toml": "nlp.timex",
    "contrast.toml": "vocabulary",
    "cues.toml": "vocabulary",
    "datasette_tables.toml": "datasette_meta",
    "demonyms.toml": "vocabulary",
    "defaults.toml": "settings",
    "determiners.toml": "vocabulary",
    "event_certainty.toml": "vocabulary",
    "event_lexicon.toml": "vocabulary",
    "event_senses.toml": "nlp.event_senses",
    "event_verbs.toml": "vocabulary",
    "ftm_schemata.toml": "export_ftm",
    "gender.toml": "vocabulary",
    "known_names.toml": "resolve.nicknames",
    "lemmas.toml": "vocabulary",
    "languages.toml": "extract.language",
    "modals.toml": "vocabulary",
    "months.toml": "vocabulary",
    "name_heads.toml": "vocabulary",
    "nicknames.toml": "resolve.nicknames",
    "not_names.toml": "vocabulary",
    "party_nouns.toml": "vocabulary",
    "person_kinds.toml": "vocabulary",
    "pleonastic.toml": "vocabulary",
    "possessive_marks.toml": "vocabulary",
    "prepositions.toml": "vocabulary",
    "pronouns.toml": "vocabulary",
    "referent_modifiers.toml": "vocabulary",
    "relation_nouns.toml": "vocabulary",
    "relation_verbs.toml": "vocabulary",
    "role_words.toml": "vocabulary",
    "roles.toml": "vocabulary",
    "sectors.toml": "nlp.event_sectors",
    "speech.toml": "vocabulary",
    "stop_words.toml": "vocabulary",
    "subordinators.toml": "vocabulary",
    "time_cues.toml": "vocabulary",
    "time_words.toml": "vocabulary",
    "title_case.toml": "vocabulary",
    "titles.toml": "vocabulary",
    "trust.toml": "trust",
    "type_cues.toml": "vocabulary",
    "url_segments.toml": "vocabulary",
}
"""Every file of ``data/`` -> the one module (under ``newsgraph``) that opens and parses it; every
other reader asks that module. A file read by more than one module (``titles.toml``, ``roles.toml``,
``gender.toml``, ``event_lexicon.toml``...) is opened here and read by all of them through
``data_file`` / ``word_set``..., so it is parsed once per process. A new vocabulary is read here; the
files with another loader keep theirs (tests/test_vocabulary.py checks that no file is opened by
a second module)."""


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


def data_file(name: str) -> dict[str, Any]:
    """The whole of ``data/{name}.toml``, parsed once (shared: read it, never change it)."""
    return _load(f"{name}.toml")


@cache
def word_set(name: str, table: str) -> frozenset[str]:
    """The ``words`` of ``[table]`` in ``data/{name}.toml``."""
    return frozenset(_load(f"{name}.toml")[table]["words"])


@cache
def word_list(name: str, table: str) -> tuple[str, ...]:
    """The ``words`` of ``[table]`` in ``data/{name}.toml``, in the file's order."""
    return tuple(_load(f"{name}.toml")[table]["words"])


@cache
def word_map(name: str, table: str) -> MappingProxyType[str, Any]:
    """``[table]`` of ``data/{name}.toml`` as a read-only word -> value mapping, in the file's
    order (arrays become tuples)."""
    raw = _load(f"{name}.toml")[table]
    return MappingProxyType({k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})


@cache
def shared_words(name: str, table: str, reader: str) -> frozenset[str]:
    """The base list (``core``) of ``[table]`` in ``data/{name}.toml`` plus ``reader``'s additions."""
    found = _load(f"{name}.toml")[table]
    if reader == "core" or reader not in found:
        readers = ", ".join(k for k in found if k != "core")
        raise ValueError(f"no [{table}] words of {name}.toml for {reader!r}; readers: {readers}")
    return frozenset(found["core"]) | frozenset(found[reader])
