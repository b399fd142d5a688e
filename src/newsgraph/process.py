"""Pages to facts: the extract and nlp stages chained over a stream, one outcome per page.

A page that fails (unreadable, empty, binary, no body, a component crash, a parser that hangs
past its time limit) becomes an ``Outcome`` with its ``PageError``; the stream goes on. Memory
stays bounded: pages are taken in batches. The same functions (``process_batch``) run in every
executor: in this process, in the worker processes of a pool and in the actors of Ray.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from spacy.language import Language

from .errors import PageError
from .extract import extract
from .model import Article, Facts, Page
from .nlp import annotate
from .nlp.pipeline import Pipelines
from .outcome import Extractor, Outcome, dated
from .settings import DEFAULTS

__all__ = [
    "Outcome",
    "Extractor",
    "dated",
    "process_batch",
    "process_pages",
    "extract_pages",
    "extract_one",
    "annotate_outcomes",
]

log = logging.getLogger(__name__)


class _PageTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``PageError('timeout')`` if the block runs past ``seconds`` (main thread, POSIX only).

    A signal only interrupts Python code: a parser stuck inside one C call is stopped when it
    returns. Workers of ``newsgraph.runner`` are also killed by their parent past the limit.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _alarm(signum: int, frame: Any) -> None:
        raise _PageTimeout

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _PageTimeout:
        raise PageError(
            "timeout", f"extraction took longer than {seconds:g} s; the page was skipped"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _page_failure(page: Page) -> Outcome:
    error = PageError(page.error_reason or "unreadable", page.error or "page could not be read")
    return Outcome(page.source, "error", error=error, content_hash=None)


def extract_one(
    page: Page,
    *,
    extractor: Extractor | None = None,
    page_timeout: float | None = None,
    content_hash: str | None = None,
) -> Outcome:
    """Run the extract stage on one page within a time limit; never raises for a bad page.

    The page's date is its own ``published`` (``dated`` gives it a run's date)."""
    if page.error:
        return _page_failure(page)
    content_hash = content_hash or page.hash
    try:
        with time_limit(page_timeout):
            article = (extractor or extract)(page)
    except PageError as exc:
        return Outcome(page.source, "error", error=exc, content_hash=content_hash)
    except RecursionError:
        return Outcome(
            page.source,
            "error",
            content_hash=content_hash,
            error=PageError("parse", "the page is nested too deeply to parse"),
        )
    except Exception as exc:  # a parser bug must not end the batch
        log.exception("extract failed on %s", page.source)
        return Outcome(
            page.source,
            "error",
            content_hash=content_hash,
            error=PageError("extract", f"extraction failed: {exc!r}"),
        )
    return Outcome(page.source, "ok", article=article, content_hash=content_hash)


def extract_pages(pages: Iterable[Page], *, page_timeout: float | None = None) -> Iterator[Outcome]:
    """Run only the extract stage: one outcome per page, with ``article`` set on success."""
    for page in pages:
        yield extract_one(page, page_timeout=page_timeout)


def _annotate_batch(
    articles: list[Article], nlp: Language | Pipelines | None
) -> Iterator[tuple[Article, Facts | PageError]]:
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


def annotate_outcomes(outcomes: list[Outcome], nlp: Language | Pipelines | None) -> Iterator[Outcome]:
    """Run the NLP stage over the ``ok`` outcomes of one batch; the others pass through unchanged."""
    todo = [o for o in outcomes if o.status == "ok" and o.article is not None]
    yield from (o for o in outcomes if not (o.status == "ok" and o.article is not None))
    if not todo:
        return
    by_id = {id(o.article): o for o in todo}
    for article, result in _annotate_batch([o.article for o in todo if o.article], nlp):
        outcome = by_id[id(article)]
        if isinstance(result, PageError):
            outcome.status, outcome.error = "error", result
        else:
            outcome.facts = result
        yield outcome


def process_batch(
    items: Sequence[tuple[str | None, Page]],
    nlp: Language | Pipelines | None,
    *,
    extractor: Extractor | None = None,
    page_timeout: float | None = None,
    on_page: Callable[[int], None] | None = None,
    on_nlp: Callable[[], None] | None = None,
) -> list[tuple[int, Outcome]]:
    """The stages on one batch of ``(content_hash, page)``: what every executor runs.

    Extracts each page (``on_page(index)`` just before, so a watchdog knows which page runs), then
    annotates the batch (``on_nlp()`` just before); ``(index, outcome)`` pairs as they finish.
    """
    outcomes = []
    for index, (content_hash, page) in enumerate(items):
        if on_page:
            on_page(index)
        outcomes.append(
            extract_one(page, extractor=extractor, page_timeout=page_timeout, content_hash=content_hash)
        )
    if on_nlp:
        on_nlp()
    where = {id(o): i for i, o in enumerate(outcomes)}
    return [(where[id(o)], o) for o in annotate_outcomes(outcomes, nlp)]


def process_pages(
    pages: Iterable[Page],
    *,
    nlp: Language | Pipelines | None = None,
    known: Callable[[str], bool] | None = None,
    batch_size: int = DEFAULTS.batch_size,
    page_timeout: float | None = None,
) -> Iterator[Outcome]:
    """Extract and annotate pages; ``known(content_hash)`` true means stored already: skip its work."""
    outcomes = extract_pages(pages, page_timeout=page_timeout)
    while batch := list(islice(outcomes, batch_size)):
        for outcome in batch:
            if outcome.status == "ok" and known is not None and known(outcome.content_hash or ""):
                outcome.status = "known"
        yield from annotate_outcomes(batch, nlp)
