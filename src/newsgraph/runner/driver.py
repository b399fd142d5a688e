"""The one ingest driver: read, screen, hand to the executor, record, mark progress, sum up.

    IngestPlan --> drive() --> read (ingest.iter_pages; resume markers skip the settled part)
                     |           --> screen (stored already? failed before?) --> batches (Task)
                     |                                                            |
                     |     executor.run(job): the stages (extract, NLP) here,     |
                     |     in a process pool or on Ray  <-------------------------+
                     v
                 Recorder (this process only): store each outcome, move the markers, RunSummary

Whatever the executor, this loop in the calling process owns the store: one writer keeps SQLite
happy and makes a run resumable: kill it at any moment and the same plan finishes the job, no page
lost, none stored twice. An executor that reads the inputs where it runs (Ray) takes
``job.inputs()`` (the markers applied) and reads with ``read_input``, screens with ``runner.screen``,
so each of these lives here once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import Engine

from ..executors import executor
from ..ingest import Limits, iter_pages
from ..ingest.inputs import expand
from ..model import Page
from ..outcome import Outcome, dated
from ..summary import RunSummary
from .markers import ProgressTracker, Tag
from .plan import IngestPlan
from .record import Recorder
from .screen import screen, settled
from .task import Task

__all__ = ["InputPart", "Job", "drive", "read_input", "run"]

_SCREEN_BATCH = 64
"""Pages hashed and looked up per store query."""

_UNTAGGED = Tag(None, 0)


@dataclass(frozen=True)
class InputPart:
    """What is left to read of one input: from page ``start`` on; ``key`` is its marker (None: no marker)."""

    path: str
    kind: str
    """``file``, ``stdin``, ``url`` or ``missing`` (as ``ingest.inputs.expand`` says)."""
    key: str | None
    start: int


def read_input(
    path: str, start: int = 0, *, published: date | None = None, limits: Limits | None = None
) -> Iterator[tuple[int, Page]]:
    """The pages of one input with their positions, from ``start`` on (the settled part skipped)."""
    for seq, page in enumerate(iter_pages([path], published=published, limits=limits)):
        if seq >= start:
            yield seq, page


class Job:
    """What the driver hands an executor: the plan, the store, and the driver's own services."""

    def __init__(
        self,
        plan: IngestPlan,
        engine: Engine,
        tracker: ProgressTracker,
        record: Recorder,
        on_start: Callable[[], None] | None,
    ) -> None:
        self.plan, self.engine = plan, engine
        self._tracker, self._record, self._on_start = tracker, record, on_start
        self.restarts = 0
        """Workers the executor replaced (crash, time-out, memory cap); the summary reports it."""

    def started(self) -> None:
        """The stages are ready (models loaded): rates and ETAs count from here. Call it once."""
        if self._on_start:
            self._on_start()

    def pages(self) -> Iterator[tuple[Tag, Page]]:
        """Every page to consider, tagged with its input's marker and position, dated by the plan."""
        plan, tracker = self.plan, self._tracker
        if not plan.from_paths:
            yield from ((_UNTAGGED, dated(page, plan.published)) for page in plan.inputs)
            return
        single: list[str] = []  # inputs without a marker, read together in the order given
        for part in self._parts(expand(plan.paths)):
            if part.key is None:
                single.append(part.path)
                continue
            if single:
                yield from self._untagged(single)
                single = []
            read = part.start
            for seq, page in read_input(part.path, part.start, published=plan.published, limits=plan.limits):
                read = seq + 1
                yield Tag(part.key, seq), page
            tracker.read_to_end(part.key, read)
        if single:
            yield from self._untagged(single)

    def _untagged(self, paths: list[str]) -> Iterator[tuple[Tag, Page]]:
        pages = iter_pages(paths, published=self.plan.published, limits=self.plan.limits)
        return ((_UNTAGGED, page) for page in pages)

    def _parts(self, sources: Iterable[Any]) -> Iterator[InputPart]:
        for source in sources:
            marker = self._tracker.open_input(source.name) if source.kind == "file" else None
            if marker is None:
                yield InputPart(source.name, source.kind, None, 0)
            elif not marker[2]:  # an input settled to its end in an earlier run is left out
                yield InputPart(source.name, source.kind, marker[0], marker[1])

    def inputs(self) -> list[InputPart]:
        """For an executor that reads where it runs: each input with what is left of it to read."""
        return list(self._parts(expand(self.plan.paths)))

    def tasks(self) -> Iterator[Task]:
        """The pages to process, screened in batches (done ones recorded at once) and batched by
        the plan's ``batch_size``: what an executor that is handed pages runs the stages on."""
        pages, record, plan = self.pages(), self._record, self.plan
        items: list[tuple[Any, str | None, Page]] = []
        while chunk := list(islice(pages, _SCREEN_BATCH)):
            verdicts = screen(self.engine, [p for _, p in chunk], retry_errors=plan.retry_errors)
            for (tag, page), verdict in zip(chunk, verdicts, strict=True):
                if (done := settled(page, verdict)) is not None:
                    record(tag, done)
                    continue
                items.append((tag, verdict.content_hash, page))
                if len(items) >= plan.batch_size:
                    yield Task(items)
                    items = []
            self._tracker.flush()
        if items:
            yield Task(items)


def drive(
    plan: IngestPlan,
    engine: Engine,
    *,
    on_page: Callable[[Outcome], None] | None = None,
    on_start: Callable[[], None] | None = None,
) -> RunSummary:
    """Run ``plan`` into the store behind ``engine`` on the executor it names; resumable, idempotent.

    A page already stored is never processed again; a page that failed in an earlier run is retried
    only with ``plan.retry_errors``. ``on_page`` sees every outcome once it is recorded; ``on_start``
    is called once the executor's models are loaded.
    """
    runner = executor(plan.executor)(plan)
    summary = RunSummary(workers=runner.workers, executor=runner.label)
    # Retrying errors reads every input again: the markers cannot say which settled pages failed.
    tracker = ProgressTracker(engine, use_markers=plan.from_paths, resume=not plan.retry_errors)
    record = Recorder(engine, summary, tracker, on_page, plan.retry_errors)
    job = Job(plan, engine, tracker, record, on_start)
    started = time.perf_counter()
    try:
        with closing(runner.run(job)) as batches:  # a failure here stops the executor at once
            for results in batches:
                for tag, outcome in results:
                    record(tag, outcome)
                tracker.flush()
        tracker.close_inputs()
        tracker.flush()
        summary.restarts = job.restarts
    finally:
        record.finish(started)
    return summary


def run(
    inputs: Sequence[str] | Iterable[Page],
    engine: Engine,
    *,
    on_page: Callable[[Outcome], None] | None = None,
    on_start: Callable[[], None] | None = None,
    **settings: Any,
) -> RunSummary:
    """``drive`` with the plan written as keywords: ``run(paths, engine, workers=2, published=...)``.

    ``settings`` are ``IngestPlan`` fields (``executor``, ``workers``, ``model``, ``published``,
    ``batch_size``, ``page_timeout``, ``retry_errors``, ``extractor``, ``limits``...); any other
    keyword is an option of the executor (``isolate`` for local, ``address`` and ``num_cpus`` for Ray).
    """
    fields = IngestPlan.__dataclass_fields__
    options = {k: settings.pop(k) for k in list(settings) if k not in fields}
    plan = IngestPlan(inputs, options={**settings.pop("options", {}), **options}, **settings)
    return drive(plan, engine, on_page=on_page, on_start=on_start)
