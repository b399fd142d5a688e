"""The single writer every executor shares: store each outcome, count it, move the progress markers.

An executor (``newsgraph.executors``) produces ``(Tag, Outcome)`` pairs wherever it runs the stages;
the ``Recorder`` in the driver process writes them, one transaction per article, fills in the
``RunSummary`` and, at the end, ``finish`` folds in what the progress markers skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Engine

from ..errors import PageError
from ..outcome import Outcome
from ..summary import RunSummary
from ..writer import write_error, write_facts
from .markers import ProgressTracker, Tag
from .screen import forget_errors

__all__ = ["Recorder"]


class Recorder:
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

    def finish(self, started: float) -> RunSummary:
        """Fold in the pages the progress markers skipped and the run's time (``started``: a
        ``time.perf_counter()`` reading); call once, when the executor is done or gives up."""
        summary, tracker = self.summary, self.tracker
        summary.already_done += tracker.skipped - tracker.skipped_failed
        summary.duplicates += tracker.skipped - tracker.skipped_failed
        summary.failed_before += tracker.skipped_failed
        summary.pages += tracker.skipped
        summary.resumed = tracker.resumed
        summary.seconds = time.perf_counter() - started
        return summary
