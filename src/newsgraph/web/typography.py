"""Small text fixes for the pages: quotes inside quotes, and messages written for the command line.

Plain string functions used as Jinja filters; their output is still escaped by the template.
"""

from __future__ import annotations

import re

__all__ = ["inner_quotes", "without_cli_hints"]


def inner_quotes(text: str | None) -> str:
    """``text`` with its double quotation marks made single (“ ” and " become ‘ ’), for showing inside
    the page's own “...”: ``was a “great success”`` reads “was a ‘great success’”, not “was a “great
    success””. A straight mark opens after a space or bracket (or at the start) and closes otherwise."""
    if not text:
        return text or ""
    text = text.translate(_CURLY)
    if '"' not in text:
        return text
    return _STRAIGHT_CLOSE.sub("’", _STRAIGHT_OPEN.sub("‘", text))


_CURLY = str.maketrans({"“": "‘", "”": "’"})
# a straight mark at the start or after one of these opens; every other one closes
_STRAIGHT_OPEN = re.compile(r'(?<![^ \t\n(\[{—–\-/])"')
_STRAIGHT_CLOSE = re.compile('"')


_CLI_HINT = re.compile(r";[^;]*`newsgraph [^`]*`[^;]*")


def without_cli_hints(text: str | None) -> str:
    """An error message without its command-line advice (``; try `newsgraph search` ``, ``; find ids with
    `newsgraph who NAME` ``): a reader of a web page has the page's own links instead."""
    return _CLI_HINT.sub("", text or "").strip()
