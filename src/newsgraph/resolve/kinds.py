"""Whether a description of a person is a role or kind phrase, the only kind that may set two
namesakes apart ("the Jaguars tackle" may, "Good luck" or "People magazine" read as a description
may not). Vocabulary: ``data/person_kinds.toml``, with the titles, roles and gendered roles of
``data/titles.toml``, ``data/roles.toml`` and ``data/gender.toml`` it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..vocabulary import data_file

__all__ = ["is_person_kind", "is_role_phrase", "role_heads", "splitting_kind"]


def _toml(name: str) -> dict:
    return data_file(name.removesuffix(".toml"))  # parsed once, in newsgraph.vocabulary


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    kinds = _toml("person_kinds.toml")
    roles = _toml("roles.toml")
    words = set(kinds["kinds"]["words"].split())
    for section in kinds["reuse"]["roles_sections"]:
        words |= {w for w in roles[section]["words"] if " " not in w}
    words |= {w.rstrip(".") for w in _toml("titles.toml")["titles"].split()}
    gender = _toml("gender.toml")
    for g in ("female", "male"):
        words |= set(gender[g]["roles"].split())
    endings = tuple(kinds["agent_endings"]["words"].split())
    return frozenset(words), endings, frozenset(kinds["not_people"]["words"].split())


def is_person_kind(word: str) -> bool:
    """ "tackle", "publicist", "climber" (an agent ending), not "luck", "magazine", "incident"."""
    word = word.lower().strip(".,'\"’")
    word = re.sub(r"(’s|'s)$", "", word)
    known, endings, not_people = _vocabulary()
    if word in known or (word.endswith("s") and word[:-1] in known):
        return True
    return len(word) > 4 and word.endswith(endings) and word not in not_people


# Words after which a description's head has been read: "coach of the Colts", "lead at Microsoft".
_CUT = re.compile(r"\s(?:of|at|for|in|with|from|on|to|who|that|which|since|after|before)\s|[,;:(]", re.I)


def _head(text: str) -> str:
    words = _CUT.split(" " + text + " ", maxsplit=1)[0].split()
    return words[-1] if words else ""


def is_role_phrase(text: str) -> bool:
    """Whether a description's head word is a role or a kind of person ("an 11-year veteran",
    "security response lead at Microsoft"); "Good luck", "part of a display" are not."""
    head = _head(text)
    return bool(head) and is_person_kind(head)


@lru_cache(maxsize=1)
def _stages() -> frozenset[str]:
    return frozenset(_toml("person_kinds.toml")["stages"]["words"].split())


def splitting_kind(word: str) -> bool:
    """A person kind that can tell two namesakes apart: not a stage ("veteran", "junior")."""
    return is_person_kind(word) and word.lower() not in _stages()


def role_heads(texts: Iterable[str]) -> list[str]:
    """The descriptions among ``texts`` that can set namesakes apart: role or kind phrases whose
    head is no stage ("an 11-year veteran" is left out)."""
    return [t for t in texts if is_role_phrase(t) and _head(t).lower() not in _stages()]
