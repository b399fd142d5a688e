"""Name normalisation shared by the store, the resolver and the queries."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..vocabulary import acronym_stop, data_file, shared_words, word_map

__all__ = ["name_key", "strip_bidi", "BIDI_CONTROLS"]

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidirectional formatting characters (marks, embeddings, overrides, isolates): inside a name they make it
display as another string ('Ro\u202eadretto' shows reversed), and they carry no letters."""
_NO_BIDI = str.maketrans(dict.fromkeys(BIDI_CONTROLS))


def strip_bidi(text: str) -> str:
    """``text`` without bidirectional control characters (a name shows as the letters it has)."""
    return text.translate(_NO_BIDI)


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^(the)\s+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@lru_cache(maxsize=1 << 16)  # the same names come back in every article
def name_key(name: str) -> str:
    """A lookup key for a name: case, accents, punctuation, spacing, "the" and "'s" ignored.

    "ISIS - K", "ISIS-K" and "isis k" share a key; so do "The HWA" and "HWA's".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    text = _POSSESSIVE.sub("", text)
    text = _NON_ALNUM.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)[:255]


_ACRONYM_FORM = re.compile(r"^[A-Z][A-Z0-9&.\-\s]{1,11}$")
_ACRONYM_STOP = acronym_stop("names")  # data/acronym_stop.toml: core + this reader's additions


@lru_cache(maxsize=1 << 16)
def is_acronym(form: str) -> bool:
    """True for a short all-capitals form such as "ISIS-K", "EADS" or "U.S." (a name said as letters)."""
    form = form.strip()
    letters = [ch for ch in form if ch.isalpha()]
    return bool(_ACRONYM_FORM.match(form)) and len(letters) >= 2 and all(ch.isupper() for ch in letters)


def initials(name: str) -> str:
    """The lowercase initials of a multi-word name, skipping function words ("" for one word)."""
    words = [w for w in name_key(name).split() if w not in _ACRONYM_STOP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def compact_key(name: str) -> str:
    """The name key without spaces, short forms spelled out: "Al Qaeda", "Al-Qaeda" and "AlQaeda"
    meet here, and so do "Mt Cook" and "Mount Cook" (data/name_heads.toml [spelled_out])."""
    spelled = word_map("name_heads", "spelled_out")
    return "".join(spelled.get(w, w) for w in name_key(name).split())


__all__ += ["is_acronym", "initials", "compact_key"]


def _words(file: str, *sections: str) -> frozenset[str]:
    raw = data_file(file.removesuffix(".toml"))  # parsed once, in newsgraph.vocabulary
    return frozenset(w for s in sections for w in raw[s].split())


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    """The shipped word lists: ``titles`` (and honorifics), ``function`` (pronouns, determiners),
    ``generic`` (kind words: "house", "court", "party"), ``say_verbs``, ``org_nouns``."""
    return {
        "titles": _words("titles.toml", "honorifics", "titles"),
        "honorifics": _words("titles.toml", "honorifics"),
        "title_modifiers": _words("titles.toml", "modifiers"),
        "function": _words("not_names.toml", "pronouns", "indefinite", "determiners"),
        "indefinite": _words("not_names.toml", "indefinite"),
        "generic": _words("not_names.toml", "generic", "institutions"),
        "institutions": _words("not_names.toml", "institutions"),
        "say_verbs": _words("type_cues.toml", "say_verbs"),
        "org_nouns": _words("type_cues.toml", "org_nouns"),
    }


def is_function_word(form: str) -> bool:
    """True for a form that is only pronouns and determiners ("He", "Its", "the"): never a name.

    Capitals make a name of it: "US" is the country, "IT" a trade."""
    if is_acronym(form):
        return False
    words = name_key(form).split()
    return not words or all(w in vocabulary()["function"] for w in words)


def is_generic_word(form: str) -> bool:
    """True for one kind word ("House", "Court", "Party", "the Front"): a common noun on its own."""
    words = name_key(form).split()
    return len(words) == 1 and words[0] in vocabulary()["generic"]


def is_title_word(word: str) -> bool:
    """True for a title or honorific, with or without its full stop ("Sgt", "Sgt.", "President")."""
    titles = vocabulary()["titles"]
    word = word.lower()
    return word in titles or f"{word}." in titles


def is_institution_word(form: str) -> bool:
    """True for one word that names an institution on its own ("House", "Court", "Senate")."""
    words = name_key(form).split()
    return len(words) == 1 and words[0] in vocabulary()["institutions"]


def may_alias(form: str, name: str) -> bool:
    """Whether ``form`` may be stored and matched as a name of the entity called ``name``.

    Pronouns and determiners never; one kind word ("House", "Party") only when it is the
    entity's whole name (the entity "Congress"), never as the short form of a longer one.
    """
    if is_function_word(form):
        return False
    return not is_generic_word(form) or name_key(form) == name_key(name)


_TITLE_TOKEN = re.compile(r"\S+")


def strip_titles(name: str, honorifics_only: bool = False) -> str:
    """A person's name without leading titles and honorifics: "Sen. Ana Ruiz" -> "Ana Ruiz".

    The last word always stays ("President" alone is left as it is). ``honorifics_only`` strips
    "Mr.", "Dr." and the like but keeps an office ("President Novak" says more than "Novak")."""
    tokens = _TITLE_TOKEN.findall(name)
    titles, modifiers = vocabulary()["titles"], vocabulary()["title_modifiers"]
    if honorifics_only:
        titles, modifiers = vocabulary()["honorifics"], frozenset()
    k = 0
    while k < len(tokens) - 1:
        word = tokens[k].casefold()
        if word in titles:
            k += 1
            continue
        titled = next((j for j in range(k + 1, len(tokens) - 1) if tokens[j].casefold() in titles), None)
        if (
            word in modifiers
            and titled is not None
            and all(t.casefold() in modifiers | titles for t in tokens[k:titled])
        ):
            k = titled + 1
            continue
        break
    return " ".join(tokens[k:]) if k else name


def head_word(name: str) -> str:
    """A name's head word, as a name key: the last before "of" ("federation" in "Federation of
    Labour"), else the last."""
    words = name_key(name).split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1] if words else ""


__all__ += [
    "head_word",
    "vocabulary",
    "is_function_word",
    "is_generic_word",
    "is_institution_word",
    "is_title_word",
    "may_alias",
    "strip_titles",
]


__all__ += ["title_case_line"]

# Small words a Title Case line leaves in lower case (data/title_case.toml).
_TITLE_SMALL_WORDS = shared_words("title_case", "small_words", "entities")


def title_case_line(text: str) -> bool:
    """Whether a line capitalises (nearly) all its words: a heading, a teaser, a headline. A
    sentence of the story full of names keeps its lower-case verb and its full stop ("On Tuesday,
    German Chancellor Angela Merkel met French President Emmanuel Macron in Paris."): not one."""
    words = [w for w in re.findall(r"(?<!\w)[^\W\d_][\w'’.-]*", text) if w.lower() not in _TITLE_SMALL_WORDS]
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.9 * len(words):
        return False
    ends = text.rstrip().rstrip("\"”’'").endswith((".", "!", "?"))
    return not (ends and any(w[0].islower() and len(w) >= 3 for w in words))
