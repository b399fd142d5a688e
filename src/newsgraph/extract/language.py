"""The language of a page's text, by py3langid (a maintained fork of langid.py).

The text decides. A hint (an HTML ``lang`` attribute, a feed's metadata) only settles a text the
model is unsure about, and only when the model finds the hint plausible; a page too short to
judge and without a hint gets None.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["detect_language", "normalise_code"]

_SAMPLE_CHARS = 4000
_MIN_LETTERS = 12
# The top language's probability from which the text decides alone, whatever the hint says.
_SURE = 0.9
# Below _SURE, a hint holding at least this probability is taken.
_HINT_PLAUSIBLE = 0.02
# Below _SURE and without a usable hint: a long enough text with this top probability still decides.
_LIKELY = 0.6
_LIKELY_LETTERS = 150
# Codes the model merges or spells differently from what pages declare.
# spaCy names Norwegian Bokmål "nb"; the model and many pages say "no".
_ALIASES = {"no": "nb", "iw": "he", "in": "id", "ji": "yi", "jw": "jv"}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    raw = resources.files("newsgraph").joinpath("data/languages.toml").read_text("utf-8")
    wanted = set(tomllib.loads(raw)["candidates"])
    identifier.set_languages(sorted(wanted & set(identifier.nb_classes)))
    return identifier


def normalise_code(code: str | None) -> str | None:
    """The lower-case primary subtag of a language tag (``"en-GB"``, ``"pt_BR"``), or None."""
    if not code or not isinstance(code, str):
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    if not primary.isalpha() or not 2 <= len(primary) <= 3:
        return None
    return _ALIASES.get(primary, primary)


def detect_language(text: str, hint: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language; ``hint`` only breaks a tie the text leaves open."""
    hint = normalise_code(hint)
    sample = text[:_SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < _MIN_LETTERS:
        return hint
    cased = [ch for ch in sample if ch.isalpha() and ch.lower() != ch.upper()]
    if cased and sum(ch.isupper() for ch in cased) >= 0.9 * len(cased):
        sample = sample.lower()  # an all-capitals page (and its mixed-case headline)
    ranked = _identifier().rank(sample)
    top, p = ranked[0]
    top = _ALIASES.get(top, top)
    if p >= _SURE:
        return top
    if hint is not None:
        scores = {_ALIASES.get(code, code): score for code, score in ranked}
        if scores.get(hint, 0.0) >= _HINT_PLAUSIBLE:
            return hint
    if p >= _LIKELY and letters >= _LIKELY_LETTERS:
        return top
    return None
