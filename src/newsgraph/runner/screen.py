"""Decide, before any extract or NLP work, which pages are done already: one query per batch.

A page is ``known`` when an article with its content hash is stored. A page that failed in an
earlier run (same source, or same content) is ``failed_before`` and is skipped unless the caller
asks to retry errors. Hashing and two indexed ``IN`` queries cost far less than one page of NLP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, delete, or_, select

from ..model import Page
from ..outcome import Outcome
from ..store.schema import articles, errors

__all__ = ["Verdict", "screen", "settled", "forget_errors"]


@dataclass
class Verdict:
    """What to do with one page: ``todo``, ``known`` or ``failed_before``, and its content hash."""

    action: str
    content_hash: str | None
    reason: str | None = None


def screen(engine: Engine, pages: Sequence[Page], *, retry_errors: bool = False) -> list[Verdict]:
    """One verdict per page, in order, from two batched lookups."""
    hashes = [None if page.error else page.hash for page in pages]
    wanted = sorted({h for h in hashes if h})
    sources = sorted({page.source for page in pages})
    with engine.connect() as conn:
        stored = (
            set(
                conn.execute(
                    select(articles.c.content_hash).where(articles.c.content_hash.in_(wanted))
                ).scalars()
            )
            if wanted
            else set()
        )
        failed_by_source: dict[str, str] = {}
        failed_by_hash: dict[str, str] = {}
        if not retry_errors:
            condition = errors.c.source.in_(sources)
            if wanted:
                condition = or_(condition, errors.c.content_hash.in_(wanted))
            for source, content_hash, reason in conn.execute(
                select(errors.c.source, errors.c.content_hash, errors.c.reason).where(condition)
            ):
                failed_by_source[source] = reason
                if content_hash:
                    failed_by_hash[content_hash] = reason
    verdicts = []
    for page, content_hash in zip(pages, hashes, strict=True):
        if content_hash and content_hash in stored:
            verdicts.append(Verdict("known", content_hash))
        elif page.source in failed_by_source:
            verdicts.append(Verdict("failed_before", content_hash, failed_by_source[page.source]))
        elif content_hash and content_hash in failed_by_hash:
            verdicts.append(Verdict("failed_before", content_hash, failed_by_hash[content_hash]))
        else:
            verdicts.append(Verdict("todo", content_hash))
    return verdicts


def settled(page: Page, verdict: Verdict) -> Outcome | None:
    """The outcome of a page the store has settled already (``known``, ``failed_before``); None
    for a page to process."""
    if verdict.action == "todo":
        return None
    return Outcome(page.source, verdict.action, content_hash=verdict.content_hash)


def forget_errors(engine: Engine, source: str, content_hash: str | None) -> None:
    """Drop the error rows of a page that is being retried, so ``newsgraph errors`` shows its latest fate."""
    condition = errors.c.source == source
    if content_hash:
        condition = or_(condition, errors.c.content_hash == content_hash)
    with engine.begin() as conn:
        conn.execute(delete(errors).where(condition))
