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
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Engine

from ..api import IngestSummary
from ..errors import PageError
from ..ingest import Limits
from ..model import Page
from ..process import Outcome, annotate_outcomes, extract_one
from ..store import write_error, write_facts
from .pool import Task, WorkerPool
from .progress import ProgressTracker, Tag
from .screen import forget_errors, screen
from .worker import WorkerConfig, load_extractor, warm_up

__all__ = ["RunSummary", "run"]

log = logging.getLogger(__name__)

_SCREEN_BATCH = 64
"""Pages hashed and looked up per store query."""


@dataclass
class RunSummary(IngestSummary):
    """An ingest summary plus what a resumed run found done already and how the run went."""

    near_duplicates: int = 0
    """Articles stored as near-duplicates of another (wire copies; counted in ``stored`` too)."""
    already_done: int = 0
    """Pages done by an earlier run: stored then (content hash), or past a progress marker."""
    failed_before: int = 0
    """Pages that failed in an earlier run and were not retried (use ``retry_errors``)."""
    resumed: list[dict[str, Any]] = field(default_factory=list)
    workers: int = 1
    engine: str = "local"
    seconds: float = 0.0
    restarts: int = 0
    """Workers replaced after a crash, a timeout or growing past the memory cap."""

    @property
    def failed(self) -> bool:
        """True when some page of the inputs is in a failed state (new error or failed before)."""
        return bool(self.error_count or self.failed_before)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (the ingest summary's fields plus the runner's)."""
        return {
            **super().to_dict(),
            "near_duplicates": self.near_duplicates,
            "already_done": self.already_done,
            "failed_before": self.failed_before,
            "resumed": self.resumed,
            "workers": self.workers,
            "engine": self.engine,
            "seconds": round(self.seconds, 3),
            "restarts": self.restarts,
        }


class _Recorder:
    """The single writer: stores each outcome, counts it, moves the progress markers."""

    def __init__(
        self,
        engine: Engine,
        summary: RunSummary,
        tracker: ProgressTracker,
        on_page: Callable[[Outcome], None] | None,
        retry_errors: bool,
    ) -> None:
        self.engine, self.summary, self.tracker = engine, summary, tracker
        self.on_page, self.retry_errors = on_page, retry_errors

    def __call__(self, tag: Tag, outcome: Outcome) -> None:
        summary = self.summary
        summary.pages += 1
        if outcome.status == "known":
            summary.duplicates += 1
            summary.already_done += 1
        elif outcome.status == "failed_before":
            summary.failed_before += 1
        elif outcome.status == "error" or outcome.facts is None:
            error = outcome.error or PageError("unknown", "no facts produced")
            summary.errors[error.reason] += 1
            summary.failures.append({"source": outcome.source, "reason": error.reason, "message": str(error)})
            if self.retry_errors:
                forget_errors(self.engine, outcome.source, outcome.content_hash)
            write_error(self.engine, outcome.source, error, outcome.content_hash)
        else:
            if self.retry_errors:
                forget_errors(self.engine, outcome.source, outcome.content_hash)
            result = write_facts(self.engine, outcome.facts)
            if result.status in ("stored", "near_duplicate"):
                summary.stored += 1
                summary.near_duplicates += result.status == "near_duplicate"
            else:
                summary.duplicates += 1
        self.tracker.settle(tag, failed=outcome.status in ("error", "failed_before"))
        if self.on_page:
            self.on_page(outcome)


def _tasks(
    pages: Iterator[tuple[Tag, Page]], engine: Engine, record: _Recorder, batch_size: int, retry_errors: bool
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
    published: str | None = None,
    retry_errors: bool = False,
    batch_size: int = 16,
    page_timeout: float | None = 30.0,
    nlp_timeout: float = 600.0,
    max_worker_rss_mb: int | None = 1500,
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
    summary = RunSummary(workers=workers if use_pool else 1, engine="pool" if use_pool else "local")
    from_paths = isinstance(inputs, list | tuple) and all(isinstance(x, str) for x in inputs)
    # Retrying errors reads every input again: the markers cannot say which settled pages failed.
    tracker = ProgressTracker(engine, use_markers=from_paths, resume=not retry_errors)
    if from_paths:
        pages = tracker.pages(list(inputs), published=published, limits=limits)  # type: ignore[arg-type]
    else:
        pages = ((Tag(None, 0), p) for p in inputs)  # type: ignore[union-attr]
    record = _Recorder(engine, summary, tracker, on_page, retry_errors)
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
        summary.already_done += tracker.skipped - tracker.skipped_failed
        summary.duplicates += tracker.skipped - tracker.skipped_failed
        summary.failed_before += tracker.skipped_failed
        summary.pages += tracker.skipped
        summary.resumed = tracker.resumed
        summary.seconds = time.perf_counter() - started
    return summary
