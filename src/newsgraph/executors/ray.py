"""The Ray executor: the same stages on a Ray cluster with Ray Data, one spaCy model per actor.

    job.inputs() ──> _read_pages (tasks: runner.read_input per input) ──> _Stages actors
                     (runner.screen, process.process_batch) ──> the driver in this process
                     records each outcome and moves the progress markers

Input files must be readable from every node (a shared filesystem or a mounted bucket); the
knowledge base must be reachable from every node for the done-check (PostgreSQL in production;
a SQLite file works on a one-machine cluster). Only this driver process writes.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from ..errors import NewsgraphError
from ..ingest import Limits
from ..model import Page
from ..nlp import load_pipeline
from ..process import Outcome, process_batch
from ..runner.driver import read_input, run
from ..runner.markers import Tag
from ..runner.screen import screen, settled
from ..runner.worker import WorkerConfig, load_extractor
from ..store import connect
from ..summary import RunSummary
from . import Executor

if TYPE_CHECKING:
    from ..runner.driver import Job
    from ..runner.plan import IngestPlan

__all__ = ["RayExecutor", "run_ray", "ExecutorError", "EngineError"]

log = logging.getLogger(__name__)


class ExecutorError(NewsgraphError):
    """The distributed executor is missing or could not start (E07x: E071 no Ray, E072 not files,
    E073 Ray would not start)."""

    code = "E070"


EngineError = ExecutorError
"""The old name of ``ExecutorError`` (kept so code that caught it still does)."""


def _import_ray() -> Any:
    try:
        import ray  # an optional extra: imported only when this executor is picked
    except ModuleNotFoundError as exc:
        raise ExecutorError(
            "the Ray executor needs Ray; install it with `pip install 'newsgraph[ray]'`", code="E071"
        ) from exc
    return ray


def _read_pages(
    row: dict[str, Any], published: date | None, limits: Limits | None
) -> Iterator[dict[str, Any]]:
    """One input (a file, or a big input from its marker on) -> one row per page."""
    key = row["key"] or None
    for seq, page in read_input(row["path"], int(row["start"]), published=published, limits=limits):
        yield {"key": key or "", "seq": seq if key else 0, "page": pickle.dumps(page)}


class _Stages:
    """A Ray actor: one model; per batch, skip done pages, then extract and annotate the rest."""

    def __init__(self, config: WorkerConfig, db: str, retry_errors: bool) -> None:
        self.nlp = load_pipeline(config.model)
        self.extractor = load_extractor(config.extractor)
        self.engine = connect(db, create=False)
        self.config, self.retry_errors = config, retry_errors

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        pages: list[Page] = [pickle.loads(b) for b in batch["page"]]
        verdicts = screen(self.engine, pages, retry_errors=self.retry_errors)
        outcomes: list[Outcome | None] = [settled(p, v) for p, v in zip(pages, verdicts, strict=True)]
        todo = [i for i, o in enumerate(outcomes) if o is None]
        done = process_batch(
            [(verdicts[i].content_hash, pages[i]) for i in todo],
            self.nlp,
            extractor=self.extractor,
            page_timeout=self.config.page_timeout,
        )
        for index, outcome in done:
            outcome.article = None if outcome.facts is not None else outcome.article
            outcomes[todo[index]] = outcome
        return {
            "key": list(batch["key"]),
            "seq": list(batch["seq"]),
            "outcome": [pickle.dumps(o) for o in outcomes],
        }


def _db_url(engine: Engine) -> str:
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        url = url.set(database=os.path.abspath(url.database))  # actors may run in another directory
    return url.render_as_string(hide_password=False)


class RayExecutor(Executor):
    """Ray Data: ``workers`` actors (one model each) on the cluster at the ``address`` option.

    Without ``address`` (or ``$RAY_ADDRESS``) a local cluster is started with ``num_cpus`` CPUs.
    The inputs are read where the actors run, from their markers on; the driver records.
    """

    name = "ray"
    help = "a Ray cluster (pip install 'newsgraph[ray]')"
    options = frozenset({"address", "num_cpus"})

    def __init__(self, plan: IngestPlan) -> None:
        super().__init__(plan)
        self.ray = _import_ray()
        if not plan.from_paths:
            raise ExecutorError(
                "the Ray executor reads paths (files, folders, globs), not Page objects", code="E072"
            )

    def run(self, job: Job) -> Iterator[list[tuple[Tag, Outcome]]]:
        ray, plan = self.ray, job.plan
        rows = []
        for part in job.inputs():
            if part.kind in ("stdin", "url"):
                raise ExecutorError(
                    f"the Ray executor reads files; fetch {part.path!r} with the local executor", code="E072"
                )
            rows.append({"path": part.path, "key": part.key or "", "start": part.start})
        started_here = False
        # Ray Data reports progress on its own loggers every few seconds; ours is the progress bar.
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        if not ray.is_initialized():
            address = plan.options.get("address") or os.environ.get("RAY_ADDRESS")
            num_cpus = plan.options.get("num_cpus") or max(plan.workers + 1, 2)
            kwargs: dict[str, Any] = {"address": address} if address else {"num_cpus": num_cpus}
            try:
                ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False, **kwargs)
            except Exception as exc:  # noqa: BLE001 - Ray fails to start in many ways; say which and what to do
                where = f"join the Ray cluster at {address!r}" if address else "start a local Ray cluster"
                raise ExecutorError(
                    f"could not {where}: {type(exc).__name__}: {exc}; check --ray-address, or set RAY_TMPDIR "
                    "to a short writable path",
                    code="E073",
                ) from exc
            started_here = True
        try:
            job.started()
            if rows:
                yield from self._batches(ray, rows, job)
        finally:
            if started_here:
                ray.shutdown()

    def _batches(self, ray: Any, rows: list[dict[str, Any]], job: Job) -> Iterator[list[tuple[Tag, Outcome]]]:
        plan = job.plan
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 4 * plan.workers)))
        reading = {"published": plan.published, "limits": plan.limits}
        ds = ds.flat_map(_read_pages, fn_kwargs=reading, num_cpus=0.1)
        try:  # one big input is one block: split it so every actor gets work (streaming)
            ds = ds.repartition(target_num_rows_per_block=plan.batch_size)
        except TypeError:  # a Ray without streaming repartition: actors share blocks as they come
            pass
        ds = ds.map_batches(
            _Stages,
            batch_size=plan.batch_size,
            compute=ray.data.ActorPoolStrategy(size=plan.workers),
            num_cpus=1,
            fn_constructor_kwargs={
                "config": WorkerConfig.from_plan(plan),
                "db": _db_url(job.engine),
                "retry_errors": plan.retry_errors,
            },
        )
        for batch in ds.iter_batches(batch_size=plan.batch_size, batch_format="numpy"):
            yield [
                (Tag(str(key) or None, int(seq)), pickle.loads(blob))
                for key, seq, blob in zip(batch["key"], batch["seq"], batch["outcome"], strict=True)
            ]


def run_ray(inputs: Any, engine: Engine, **settings: Any) -> RunSummary:
    """The old entry of this executor: ``runner.run(inputs, engine, executor="ray", **settings)``."""
    return run(inputs, engine, executor="ray", **settings)
