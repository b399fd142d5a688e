"""Rebuild a MEANTIME article's text from its tokens (shared by the MEANTIME benches).

Sentence 0 is the headline and sentence 1 the date line: each is its own paragraph. Tokens are
joined with spaces except where English punctuation attaches ("Boeing 's" -> "Boeing's").
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

__all__ = ["MeantimeText", "rebuild_text"]

_NO_SPACE_BEFORE = {
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    ")",
    "'s",
    "n't",
    "%",
    "''",
    "'",
    "]",
    "'re",
    "'ve",
    "'ll",
    "'d",
}
_NO_SPACE_AFTER = {"(", "$", "``", "[", "#"}


class MeantimeText:
    """The text, each token's character span by ``t_id`` (in document order) and each sentence's end."""

    def __init__(self, text: str, offsets: dict[str, tuple[int, int]], sentence_end: dict[str, int]) -> None:
        self.text = text
        self.offsets = offsets
        self.sentence_end = sentence_end


def rebuild_text(root: ET.Element) -> MeantimeText:
    """Join the ``<token>`` elements of a parsed MEANTIME file into text with character offsets."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_end: dict[str, int] = {}
    pos, prev_sent, prev_tok = 0, None, ""
    for tok in root.iter("token"):
        word, sent = tok.text or "", tok.get("sentence", "0")
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent and prev_sent in ("0", "1"):
            sep = "\n\n"
        elif word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        sentence_end[sent] = pos + len(word)
        parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    return MeantimeText("".join(parts), offsets, sentence_end)
