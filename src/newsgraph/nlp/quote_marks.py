"""Pair quotation marks in article text: straight and curly, across paragraphs by news convention."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quote_spans"]

_OPENERS = {"“": "”", "„": "”", "«": "»", '"': '"'}
_CLOSERS = {"”", "»", '"'}
_MARKS = re.compile(r"[\"“”„«»]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: the opening mark, the closing mark and the words between them."""

    open: int
    """Offset of the opening mark."""
    close: int
    """Offset of the closing mark."""
    start: int
    """Start of the quoted words (after the mark and any space)."""
    end: int
    """End of the quoted words (before any space and the closing mark)."""
    paragraphs: int = 1
    """How many paragraphs the quotation runs over."""


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text between newlines."""
    out = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _is_opening(text: str, i: int) -> bool:
    """A straight quote opens when it starts a word: at the start or after space/bracket/dash."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the quotation marks of ``text``; a quote left open at a paragraph's end continues when the
    next paragraph opens with a quotation mark, and is dropped otherwise (prefer missing to wrong)."""
    spans: list[QuoteSpan] = []
    paras = _paragraphs(text)
    open_at: int | None = None
    n_paras = 1
    for k, (p_start, p_end) in enumerate(paras):
        for m in _MARKS.finditer(text, p_start, p_end):
            i, ch = m.start(), m.group()
            if open_at is None:
                if ch in "“„«" or (ch == '"' and _is_opening(text, i)):
                    open_at = i
                continue
            if open_at < p_start and i == p_start:
                continue  # the mark that re-opens a quotation continued from the last paragraph
            if ch in _CLOSERS and not (ch == '"' and _is_opening(text, i) and text[open_at] != '"'):
                start, end = open_at + 1, i
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    spans.append(QuoteSpan(open_at, i, start, end, n_paras))
                open_at, n_paras = None, 1
            elif ch in "“„«":
                open_at, n_paras = i, 1  # a new opening inside an open quote: the first was stray
        if open_at is not None:
            nxt = paras[k + 1][0] if k + 1 < len(paras) else None
            if nxt is not None and text[nxt] in _OPENERS:
                n_paras += 1
            else:
                open_at, n_paras = None, 1
    return spans
