"""Pair quotation marks in article text: double and single, straight and curly, across paragraphs by
news convention.

Double marks (“…”, "…", „…”, «…») are paired first. Single marks then pair outside them: ‘…’ as the
primary marks (British style: ‘We will not back down,’ Reyes said) and, more cautiously, straight
'…'. A single quotation inside a double one (“He told me ‘never again’,” she said) stays part of
the outer quotation, and a double one inside a single one is dropped for the outer one.

’ and ' are also the apostrophe (don’t, union’s, workers’, ’90s, rock ’n’ roll), so a single
quotation closes only inside its paragraph (or by the multi-paragraph convention), at the first
mark that cannot be an apostrophe or is very unlikely to be one; when none qualifies the opening
mark is dropped (prefer missing to wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import word_set

__all__ = ["QuoteSpan", "find_quote_spans"]

_OPENERS = {"“": "”", "„": "”", "«": "»", '"': '"'}
_CLOSERS = {"”", "»", '"'}
_MARKS = re.compile(r"[\"“”„«»]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*")

_SINGLE_MARKS = re.compile(r"[‘’']")
_LETTER = re.compile(r"[^\W_]")
# An opening mark that is really a (mis-curled) elision: ‘90s, ‘em, ‘til, ‘n’.
_ELISION = re.compile(r"(?:\d\ds?|em|til|cause|tis|twas|n|bout|cos|coz)(?![^\W_])", re.I)
_PUNCT_BEFORE_CLOSE = frozenset(",.!?…;:—–-")
_PUNCT_AFTER_CLOSE = frozenset(',.;:!?…)]}—–-"”»')
# Words that can follow a closing mark but not a plural possessive ("the workers’ union"): "called
# them ‘enemies of the workers’ in a speech". Not "and"/"or" ("the workers’ and managers’ pay"),
# nor "own", adjectives or numbers.
_NOT_AFTER_POSSESSIVE = word_set("possessive_marks", "not_after_possessive")  # data/possessive_marks.toml
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
# Words ending in "s" that own nothing, so a mark after them is no possessive: "‘us’ and ‘them’".
_NOT_POSSESSORS = word_set("possessive_marks", "not_possessors")


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


def _span(text: str, open_at: int, close: int, n_paras: int) -> QuoteSpan | None:
    start, end = open_at + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(open_at, close, start, end, n_paras) if end > start else None


def _double_spans(text: str, paras: list[tuple[int, int]]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
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
                span = _span(text, open_at, i, n_paras)
                if span is not None:
                    spans.append(span)
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


def _single_opening(text: str, i: int, p_start: int, p_end: int) -> bool:
    """‘ or ' opens a quotation when it starts a word (not after a letter) and is not an elision;
    a straight one only at the start, after space, a bracket, a dash or a colon."""
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < p_end else " "
    if after.isspace() or _LETTER.match(before) or before in "’'‘":
        return False
    if text[i] == "'" and not (before.isspace() or before in '([{—–-/:“"'):
        return False
    return not _ELISION.match(text, i + 1, p_end)


def _not_possessor(word: str) -> bool:
    word = word.lower()
    return word in _NOT_POSSESSORS or word.endswith(("ous", "less")) and len(word) > 5


def _closing_tier(text: str, i: int, p_start: int, p_end: int) -> int:
    """How surely ’ (or ') at ``i`` closes a quotation.

    1: after punctuation (`,’ she said`); 2: before punctuation or the paragraph's end (`‘never
    again’,`); 3: before a space, after a letter other than "s" or a word that owns nothing (`‘us’
    and ‘them’`); 4: after an "s" (a likely possessive) but before a word no possessive takes
    (`‘enemies of the workers’ in`); 0: not a closing mark (inside a word, after a space, an elision
    as in rock ’n’ roll, or a likely possessive: `workers’ union`)."""
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < p_end else "\n"
    if before.isspace() or _LETTER.match(after):
        return 0
    if before in _PUNCT_BEFORE_CLOSE:
        return 1
    if after == "\n" or after in _PUNCT_AFTER_CLOSE:
        return 2
    if not after.isspace():
        return 0
    w = i - 1
    while w > p_start and _LETTER.match(text[w - 1]):
        w -= 1
    if before not in "sS" or _not_possessor(text[w:i]):
        return 0 if w > p_start and text[w - 1] == text[i] else 3  # rock ’n’ roll
    m = _WORD_AFTER.match(text, i + 1, p_end)
    return 4 if m and m.group(1).lower() in _NOT_AFTER_POSSESSIVE else 0


def _single_close(
    text: str, open_at: int, frm: int, p_start: int, p_end: int, nested: list[QuoteSpan]
) -> int | str:
    """The offset of the mark that closes the single quotation opened at ``open_at``, searched from
    ``frm`` to the paragraph's end; "open" when the paragraph ends first, "stray" when another
    quotation opens first."""
    straight = text[open_at] == "'"
    for m in _SINGLE_MARKS.finditer(text, frm, p_end):
        j, ch = m.start(), m.group()
        if any(q.open < j < q.close for q in nested):
            continue  # a mark inside a nested double quotation
        if ch == "‘" or ch == "'" and straight and _single_opening(text, j, p_start, p_end):
            return "stray"
        if (ch == "'") != straight:
            continue
        tier = _closing_tier(text, j, p_start, p_end)
        if straight and (tier not in (1, 2) or tier == 2 and text[j - 1] in "sS"):
            continue  # a straight mark closes only where an apostrophe can hardly be
        if tier == 2:
            # "the workers’,’ she said": the mark after the punctuation closes; this one is an apostrophe.
            k = j + 1
            while k < p_end and text[k] in _PUNCT_BEFORE_CLOSE:
                k += 1
            if j + 1 < k < p_end and text[k] == ch and _closing_tier(text, k, p_start, p_end) == 1:
                return k
        if tier:
            return j
    return "open"


def _single_spans(text: str, paras: list[tuple[int, int]], doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    k = 0
    pos = paras[0][0] if paras else 0
    while k < len(paras):
        p_start, p_end = paras[k]
        opener = None
        for m in _SINGLE_MARKS.finditer(text, max(pos, p_start), p_end):
            i = m.start()
            if m.group() != "’" and _single_opening(text, i, p_start, p_end):
                if not any(q.open < i < q.close for q in doubles):
                    opener = i
                    break
        if opener is None:
            k += 1
            continue
        pos = opener + 1
        kk, n_paras, frm = k, 1, opener + 1
        while True:
            a, b = paras[kk]
            found = _single_close(text, opener, frm, a, b, doubles)
            if isinstance(found, int):
                span = _span(text, opener, found, n_paras)
                if span is not None:
                    spans.append(span)
                    pos, k = found + 1, kk
                break
            nxt = paras[kk + 1][0] if kk + 1 < len(paras) else None
            if found == "stray" or text[opener] == "'" or nxt is None or text[nxt] != "‘":
                break
            if not (text[opener + 1].isupper() and text[a:b].rstrip()[-1:] in {".", "!", "?", "…"}):
                # Only a whole-sentence quotation runs on: "called them ‘heroes’ and left." ends
                # in a mark taken for a possessive, and the next paragraph's quotation is another.
                break
            kk, n_paras, frm = kk + 1, n_paras + 1, nxt + 1  # continued by the next paragraph's ‘
    return spans


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the quotation marks of ``text``; a quote left open at a paragraph's end continues when the
    next paragraph opens with a quotation mark, and is dropped otherwise (prefer missing to wrong)."""
    paras = _paragraphs(text)
    doubles = _double_spans(text, paras)
    singles = _single_spans(text, paras, doubles)
    if not singles:
        return doubles
    outer = [q for q in doubles if not any(s.open < q.open < s.close for s in singles)]
    return sorted(outer + singles, key=lambda q: q.open)
