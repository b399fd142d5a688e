"""Where a sentence's dateline ends ("DUBAI, United Arab Emirates — ", "LONDON (Reuters) - "), so
that no reader takes the dateline's city for the subject of the verb after it: the parser often
makes the city a second subject and the real subject its appositive."""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["after_dateline", "subject_past_dateline"]

_DASHES = frozenset({"—", "–", "--"})


def after_dateline(sent: Span) -> Token:
    """The first word of a sentence after its dateline (the sentence's first word when it has none)."""
    for t in sent[:10]:
        spaced = t.text == "-" and bool(t.whitespace_) and t.i > 0 and bool(t.doc[t.i - 1].whitespace_)
        if t.text in _DASHES or spaced:
            # "LONDON (Reuters) - ...": a wire credit in brackets is part of the dateline
            before = [w for w in sent if w.i < t.i and not w.is_space]
            # "JAKARTA, June 3 (APD) — ": a date in the dateline too, where the city is in capitals
            # or a wire credit in brackets closes it (never "On May 3, Smith — who ...")
            dated = before and (
                before[0].is_upper and len(before[0]) > 1 or any(w.text == "(" for w in before)
            )
            if (
                before
                and len(before) <= (9 if dated else 6)
                and all(
                    w.text[:1].isupper() or w.text in {",", "(", ")"} or dated and w.is_digit for w in before
                )
            ):
                return t.nbor() if t.i + 1 < sent.end else sent[0]
    return next((t for t in sent if not t.is_space), sent[0])


def subject_past_dateline(verb: Token, deps: tuple[str, ...] | frozenset[str]) -> Token | None:
    """The verb's subject (of the dependency labels ``deps``) after the dateline. A subject inside
    the dateline ("KYIV, Ukraine (AP) - Ukraine's President Olena Varta warned ...", parsed with
    KYIV as the subject) gives way to its appositive after the dateline, or to none."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    if not subjects:
        return None
    opening = after_dateline(verb.sent).i
    later = [c for c in subjects if c.i >= opening]
    if later:
        return later[0]
    return next((a for a in subjects[0].children if a.dep_ == "appos" and a.i >= opening), None)
