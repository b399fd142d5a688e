"""Verbs inside Title Case lines, read again in lower case.

A headline capitalises every word, so the tagger reads "Colts Beat Chiefs" or "Lohan Checks into
Betty Ford, Rehires Attorney" as names and the recogniser tags one name across the verb. Tagged
again as ordinary words ("Colts beat chiefs ...", "Lohan checks into betty ford, rehires
attorney"), the verbs show; ``newsgraph_entities`` then keeps a name that runs across one out of
the article's entities (its parts the body names stay: "Colts", "Chiefs").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ..resolve.names import title_case_line
from .extensions import doc_text, register_extensions

__all__ = ["headline_verbs", "title_case_line"]

_FINITE_VERBS = frozenset({"VBZ", "VBD", "VBP"})


def _lines(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out


def headline_verbs(doc: Doc, tag: Callable[[str], Doc]) -> set[int]:
    """Indices of the tokens in ``doc``'s Title Case lines that ``tag`` reads as finite verbs once
    the line is in lower case (its first letter kept), among the words a multi-word name covers."""
    named = {i for ent in doc.ents if len(ent) > 1 for i in range(ent.start + 1, ent.end)}
    if not named:
        return set()
    found: set[int] = set()
    text = doc_text(doc)
    for start, line in _lines(text):
        if not line.strip() or not title_case_line(line):
            continue
        span = doc.char_span(start, start + len(line), alignment_mode="contract")
        if span is None or not any(t.i in named for t in span):
            continue
        lowered = tag(line[:1] + line[1:].lower())
        by_char = {t.idx: t.tag_ for t in lowered}
        for tok in span:
            if tok.i in named and by_char.get(tok.idx - start) in _FINITE_VERBS:
                found.add(tok.i)
    return found


@Language.factory("newsgraph_headline_verbs", assigns=["doc._.ng_headline_verbs"], requires=["doc.ents"])
def make_headline_verbs(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_headline_verbs`` component: runs the pipeline's own tagger (and the layer it
    listens to) on lower-cased Title Case lines; a pipeline without a tagger marks nothing."""
    register_extensions()
    steps = [proc for n, proc in nlp.pipeline if n in ("tok2vec", "tagger")]
    has_tagger = any(n == "tagger" for n, _ in nlp.pipeline)

    def tag(text: str) -> Doc:
        d = nlp.make_doc(text)
        for proc in steps:
            d = proc(d)
        return d

    def component(doc: Doc) -> Doc:
        doc._.ng_headline_verbs = headline_verbs(doc, tag) if has_tagger else set()
        return doc

    return component
