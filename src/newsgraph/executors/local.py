"""The ``local`` executor: the stages in this process (``workers`` > 1: the ``pool`` executor)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..nlp import load_pipeline
from ..process import Outcome, process_batch
from ..runner.markers import Tag
from ..runner.worker import load_extractor, warm_up
from . import Executor
from .pool import PoolExecutor

if TYPE_CHECKING:
    from ..runner.driver import Job
    from ..runner.plan import IngestPlan

__all__ = ["LocalExecutor"]


class LocalExecutor(Executor):
    """This machine: one model in this process; with ``workers`` > 1 (or the ``isolate`` option)
    a process pool of that many workers, the summary then saying ``pool``."""

    name = "local"
    help = "this machine: in this process, or a pool of --workers processes"
    options = frozenset({"isolate"})

    def __init__(self, plan: IngestPlan) -> None:
        super().__init__(plan)
        isolate = plan.options.get("isolate")
        self.pool = PoolExecutor(plan) if (plan.workers > 1 if isolate is None else isolate) else None
        self.label, self.workers = (self.pool.label, self.pool.workers) if self.pool else (self.name, 1)

    def run(self, job: Job) -> Iterator[list[tuple[Tag, Outcome]]]:
        if self.pool is not None:
            yield from self.pool.run(job)
            return
        plan = job.plan
        nlp = load_pipeline(plan.model)
        extractor = load_extractor(plan.extractor)
        warm_up(nlp)
        job.started()
        for task in job.tasks():
            pairs = [(content_hash, page) for _, content_hash, page in task.items]
            results = process_batch(pairs, nlp, extractor=extractor, page_timeout=plan.page_timeout)
            yield [(task.items[index][0], outcome) for index, outcome in results]
