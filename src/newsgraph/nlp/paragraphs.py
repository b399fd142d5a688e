"""Sentence boundaries never cross a paragraph break (a blank line in the article text)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions

__all__ = ["paragraph_boundaries"]


def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a newline; the parser keeps the rest."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@Language.factory(
    "newsgraph_paragraphs",
    assigns=["token.is_sent_start"],
    requires=[],
)
def make_paragraphs(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_paragraphs`` component for ``nlp.add_pipe("newsgraph_paragraphs")``; it takes no settings."""
    register_extensions()
    return paragraph_boundaries
