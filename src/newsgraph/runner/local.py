"""The streaming ingest runner: read, screen, process (here or in a pool), write, mark progress.

One loop in the parent process owns the store: it reads pages as a stream, asks the store in
batches which of them are done already (before any extract or NLP work), hands the rest to the
stages (in this process, or in a ``WorkerPool``) and writes each result through ``write_facts``,
one transaction per article. A single writer keeps SQLite happy and makes the run resumable:
kill it at any moment and the same command finishes the job, no page lost, none stored twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import Engine

from ..ingest import Limits
from ..model import Page
from ..process import Outcome, annotate_outcomes, extract_one
from ..settings import DEFAULTS
from ..summary import RunSummary
from .pool import Task, WorkerPool
from .progress import ProgressTracker, Tag
from .record import Recorder
from .screen import screen
from .worker import WorkerConfig, load_extractor, warm_up

__all__ = ["RunSummary", "run"]

log = logging.getLogger(__name__)

_SCREEN_BATCH = 64
"""Pages hashed and looked up per store query."""


def _tasks(
    pages: Iterator[tuple[Tag, Page]], engine: Engine, record: Recorder, batch_size: int, retry_errors: bool
) -> Iterator[Task]:
    """Screen pages in batches; record the done ones at once and batch the rest into tasks."""
    items: list[tuple[Any, str | None, Page]] = []
    while chunk := list(islice(pages, _SCREEN_BATCH)):
        for (tag, page), verdict in zip(
            chunk, screen(engine, [p for _, p in chunk], retry_errors=retry_errors), strict=True
        ):
            if verdict.action == "known":
                record(tag, Outcome(page.source, "known", content_hash=verdict.content_hash))
            elif verdict.action == "failed_before":
                record(tag, Outcome(page.source, "failed_before", content_hash=verdict.content_hash))
            else:
                items.append((tag, verdict.content_hash, page))
                if len(items) >= batch_size:
                    yield Task(items)
                    items = []
        record.tracker.flush()
    if items:
        yield Task(items)


def _in_process(
    tasks: Iterable[Task], config: WorkerConfig, on_start: Callable[[], None] | None = None
) -> Iterator[list[tuple[Any, Outcome]]]:
    """The stages in this process: what ``--workers 1`` runs."""
    from ..nlp import load_pipeline

    nlp = load_pipeline(config.model)
    extractor = load_extractor(config.extractor)
    warm_up(nlp)
    if on_start:
        on_start()
    for task in tasks:
        outcomes = [
            extract_one(
                page,
                published=config.published,
                extractor=extractor,
                page_timeout=config.page_timeout,
                content_hash=content_hash,
            )
            for _, content_hash, page in task.items
        ]
        tags = {id(o): task.items[i][0] for i, o in enumerate(outcomes)}
        yield [(tags[id(o)], o) for o in annotate_outcomes(outcomes, nlp)]


def run(
    inputs: Sequence[str] | Iterable[Page],
    engine: Engine,
    *,
    workers: int = 1,
    isolate: bool | None = None,
    model: str | None = None,
    published: date | None = None,
    retry_errors: bool = False,
    batch_size: int = DEFAULTS.batch_size,
    page_timeout: float | None = DEFAULTS.page_timeout,
    nlp_timeout: float = DEFAULTS.nlp_timeout,
    max_worker_rss_mb: int | None = DEFAULTS.max_worker_rss_mb,
    extractor: str | None = None,
    limits: Limits | None = None,
    on_page: Callable[[Outcome], None] | None = None,
    on_start: Callable[[], None] | None = None,
) -> RunSummary:
    """Ingest ``inputs`` (paths, or Pages) into the store behind ``engine``; resumable and idempotent.

    ``workers`` > 1 (or ``isolate``) runs the stages in a pool of worker processes, one spaCy model
    each, with a watchdog that records a page that hangs (``timeout``) or kills its worker
    (``crash``) and goes on. A page already stored is never processed again; a page that failed in
    an earlier run is retried only with ``retry_errors``. ``extractor`` (``module:function``)
    swaps the extract stage, e.g. for tests.
    """
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, got {workers}")
    started = time.perf_counter()
    use_pool = workers > 1 if isolate is None else isolate
    summary = RunSummary(workers=workers if use_pool else 1, executor="pool" if use_pool else "local")
    from_paths = isinstance(inputs, list | tuple) and all(isinstance(x, str) for x in inputs)
    # Retrying errors reads every input again: the markers cannot say which settled pages failed.
    tracker = ProgressTracker(engine, use_markers=from_paths, resume=not retry_errors)
    if from_paths:
        pages = tracker.pages(list(inputs), published=published, limits=limits)  # type: ignore[arg-type]
    else:
        pages = ((Tag(None, 0), p) for p in inputs)  # type: ignore[union-attr]
    record = Recorder(engine, summary, tracker, on_page, retry_errors)
    config = WorkerConfig(
        model=model,
        published=published,
        extractor=extractor,
        page_timeout=page_timeout,
        batch_size=batch_size,
    )
    tasks = _tasks(pages, engine, record, batch_size, retry_errors)
    try:
        if use_pool:
            max_rss = max_worker_rss_mb * 1024 * 1024 if max_worker_rss_mb else None
            with WorkerPool(workers, config, nlp_timeout=nlp_timeout, max_rss_bytes=max_rss) as pool:
                for results in pool.run(tasks, on_ready=on_start):
                    for tag, outcome in results:
                        record(tag, outcome)
                    tracker.flush()
                summary.restarts = pool.restarts
        else:
            for results in _in_process(tasks, config, on_start):
                for tag, outcome in results:
                    record(tag, outcome)
                tracker.flush()
        tracker.flush()
    finally:
        record.finish(started)
    return summary
