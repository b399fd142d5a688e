"""Pages to facts: the extract and nlp stages chained over a stream, one outcome per page.

A page that fails (unreadable, empty, binary, no body, a component crash) becomes an ``Outcome``
with its ``PageError``; the stream goes on. Memory stays bounded: pages are taken in batches.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.language import Language

from .errors import PageError
from .extract import extract
from .model import Article, Facts, Page
from .nlp import annotate

__all__ = ["Outcome", "process_pages", "extract_pages"]

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What became of one page: ``ok`` with facts, ``known`` (already stored, not reprocessed) or ``error``."""

    source: str
    status: str
    facts: Facts | None = None
    article: Article | None = None
    error: PageError | None = None
    content_hash: str | None = None


def _page_failure(page: Page) -> Outcome:
    error = PageError(page.error_reason or "unreadable", page.error or "page could not be read")
    return Outcome(page.source, "error", error=error, content_hash=None)


def extract_pages(pages: Iterable[Page], *, published: str | None = None) -> Iterator[Outcome]:
    """Run only the extract stage: one outcome per page, with ``article`` set on success."""
    for page in pages:
        if page.error:
            yield _page_failure(page)
            continue
        try:
            article = extract(page, published=published)
        except PageError as exc:
            yield Outcome(page.source, "error", error=exc, content_hash=page.hash)
        except Exception as exc:  # a parser bug must not end the batch
            log.exception("extract failed on %s", page.source)
            yield Outcome(page.source, "error", error=PageError("extract", f"extraction failed: {exc!r}"))
        else:
            yield Outcome(page.source, "ok", article=article, content_hash=page.hash)


def _annotate_batch(articles: list[Article], nlp: Language | None) -> Iterator[tuple[Article, Facts | PageError]]:
    done: set[int] = set()
    try:
        for facts in annotate(articles, nlp):
            done.add(id(facts.article))
            yield facts.article, facts
        return
    except Exception:
        log.warning("a batch failed in the NLP stage; retrying its articles one by one")
    for article in (a for a in articles if id(a) not in done):
        try:
            yield article, next(iter(annotate([article], nlp)))
        except Exception as exc:
            log.exception("nlp failed on %s", article.source)
            yield article, PageError("nlp", f"annotation failed: {exc!r}")


def process_pages(
    pages: Iterable[Page],
    *,
    nlp: Language | None = None,
    published: str | None = None,
    known: Callable[[str], bool] | None = None,
    batch_size: int = 16,
) -> Iterator[Outcome]:
    """Extract and annotate pages; ``known(content_hash)`` true means stored already: skip its work."""
    outcomes = extract_pages(pages, published=published)
    while batch := list(islice(outcomes, batch_size)):
        todo: list[Outcome] = []
        for outcome in batch:
            if outcome.status == "ok" and known is not None and known(outcome.content_hash or ""):
                outcome.status = "known"
            if outcome.status == "ok":
                todo.append(outcome)
            else:
                yield outcome
        if not todo:
            continue
        by_id = {id(o.article): o for o in todo}
        for article, result in _annotate_batch([o.article for o in todo if o.article], nlp):
            outcome = by_id[id(article)]
            if isinstance(result, PageError):
                outcome.status, outcome.error = "error", result
            else:
                outcome.facts = result
            yield outcome
