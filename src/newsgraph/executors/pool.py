"""The ``pool`` executor: the stages in worker processes on this machine, one model each.

The pool (``runner.pool.WorkerPool``) keeps a watchdog: a page that hangs is recorded ``timeout``,
one that kills its worker ``crash``, and a fresh worker takes the place of the lost one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..outcome import Outcome
from ..runner.markers import Tag
from ..runner.pool import WorkerPool
from ..runner.worker import WorkerConfig
from . import Executor

if TYPE_CHECKING:
    from ..runner.driver import Job

__all__ = ["PoolExecutor"]

_MB = 1024 * 1024


class PoolExecutor(Executor):
    """``workers`` processes on this machine, each with its own model, fed one batch at a time."""

    name = "pool"
    help = "a pool of --workers processes on this machine, with a watchdog"

    def run(self, job: Job) -> Iterator[list[tuple[Tag, Outcome]]]:
        plan = job.plan
        max_rss = plan.max_worker_rss_mb * _MB if plan.max_worker_rss_mb else None
        config = WorkerConfig.from_plan(plan)
        with WorkerPool(plan.workers, config, nlp_timeout=plan.nlp_timeout, max_rss_bytes=max_rss) as pool:
            try:
                yield from pool.run(job.tasks(), on_ready=job.started)
            finally:
                job.restarts = pool.restarts
