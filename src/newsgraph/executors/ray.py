"""The Ray executor: the same stages on a Ray cluster with Ray Data, one spaCy model per actor.

    inputs ──> read_pages (tasks: iter_pages per input) ──> _Stages actors (screen, extract, nlp)
           ──> this process: write_facts, one transaction per article, progress markers

Input files must be readable from every node (a shared filesystem or a mounted bucket); the
knowledge base must be reachable from every node for the done-check (PostgreSQL in production;
a SQLite file works on a one-machine cluster). Only this driver process writes.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Engine

from ..errors import NewsgraphError
from ..ingest import Limits, iter_pages
from ..ingest.inputs import expand
from ..model import Page
from ..process import Outcome, annotate_outcomes, extract_one
from ..runner.progress import ProgressTracker, Tag
from ..runner.record import Recorder
from ..runner.screen import screen
from ..settings import DEFAULTS
from ..summary import RunSummary

__all__ = ["run_ray", "ExecutorError", "EngineError"]

log = logging.getLogger(__name__)


class ExecutorError(NewsgraphError):
    """The distributed executor is missing or could not start (E07x: E071 no Ray, E072 not files,
    E073 Ray would not start)."""

    code = "E070"


EngineError = ExecutorError
"""The old name of ``ExecutorError`` (kept so code that caught it still does)."""


def _import_ray() -> Any:
    try:
        import ray
    except ModuleNotFoundError as exc:
        raise ExecutorError(
            "the Ray executor needs Ray; install it with `pip install 'newsgraph[ray]'`", code="E071"
        ) from exc
    return ray


def _read_pages(
    row: dict[str, Any], published: date | None, limits: Limits | None
) -> Iterator[dict[str, Any]]:
    """One input (a file, or a big input from its marker on) -> one row per page."""
    key, start = row["key"] or None, int(row["start"])
    for seq, page in enumerate(iter_pages([row["path"]], published=published, limits=limits)):
        if seq >= start:
            yield {"key": key or "", "seq": seq if key else 0, "page": pickle.dumps(page)}


class _Stages:
    """A Ray actor: one model; per batch, skip done pages, then extract and annotate the rest."""

    def __init__(
        self,
        model: str | None,
        db: str,
        published: date | None,
        retry_errors: bool,
        page_timeout: float | None,
    ) -> None:
        from ..nlp import load_pipeline
        from ..store import connect

        self.nlp = load_pipeline(model)
        self.engine = connect(db, create=False)
        self.published, self.retry_errors, self.page_timeout = published, retry_errors, page_timeout

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        pages: list[Page] = [pickle.loads(b) for b in batch["page"]]
        verdicts = screen(self.engine, pages, retry_errors=self.retry_errors)
        outcomes: list[Outcome] = []
        for page, verdict in zip(pages, verdicts, strict=True):
            if verdict.action == "todo":
                outcomes.append(
                    extract_one(
                        page,
                        published=self.published,
                        page_timeout=self.page_timeout,
                        content_hash=verdict.content_hash,
                    )
                )
            else:
                outcomes.append(Outcome(page.source, verdict.action, content_hash=verdict.content_hash))
        list(annotate_outcomes(outcomes, self.nlp))  # fills in facts or errors in place
        for outcome in outcomes:
            if outcome.facts is not None:
                outcome.article = None
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


def run_ray(
    inputs: Sequence[str] | Iterable[Page],
    engine: Engine,
    *,
    address: str | None = None,
    workers: int = 1,
    num_cpus: int | None = None,
    model: str | None = None,
    published: date | None = None,
    retry_errors: bool = False,
    batch_size: int = DEFAULTS.batch_size,
    page_timeout: float | None = DEFAULTS.page_timeout,
    limits: Limits | None = None,
    on_page: Callable[[Outcome], None] | None = None,
    on_start: Callable[[], None] | None = None,
) -> RunSummary:
    """Ingest with Ray Data: ``workers`` actors (one model each) on the cluster at ``address``.

    Without ``address`` (or ``$RAY_ADDRESS``) a local cluster is started with ``num_cpus`` CPUs.
    Resumable like the local runner: done pages are skipped before any work, markers kept.
    """
    ray = _import_ray()
    if not (isinstance(inputs, list | tuple) and all(isinstance(x, str) for x in inputs)):
        raise ExecutorError(
            "the Ray executor reads paths (files, folders, globs), not Page objects", code="E072"
        )
    started = time.perf_counter()
    summary = RunSummary(workers=workers, executor="ray")
    tracker = ProgressTracker(engine, resume=not retry_errors)
    record = Recorder(engine, summary, tracker, on_page, retry_errors)
    rows = []
    for source in expand(list(inputs)):
        if source.kind in ("stdin", "url"):
            raise ExecutorError(
                f"the Ray executor reads files; fetch {source.name!r} with the local executor", code="E072"
            )
        marker = tracker.open_input(source.name)
        if marker is None:
            rows.append({"path": source.name, "key": "", "start": 0})
        elif not marker[2]:
            rows.append({"path": source.name, "key": marker[0], "start": marker[1]})
    started_here = False
    # Ray Data reports progress on its own loggers every few seconds; ours is the progress bar.
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS")
        kwargs: dict[str, Any] = (
            {"address": address} if address else {"num_cpus": num_cpus or max(workers + 1, 2)}
        )
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
        if on_start:
            on_start()
        if rows:
            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False
            context.print_on_execution_start = False
            ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 4 * workers)))
            ds = ds.flat_map(_read_pages, fn_kwargs={"published": published, "limits": limits}, num_cpus=0.1)
            try:  # one big input is one block: split it so every actor gets work (streaming)
                ds = ds.repartition(target_num_rows_per_block=batch_size)
            except TypeError:  # a Ray without streaming repartition: actors share blocks as they come
                pass
            ds = ds.map_batches(
                _Stages,
                batch_size=batch_size,
                compute=ray.data.ActorPoolStrategy(size=workers),
                num_cpus=1,
                fn_constructor_kwargs={
                    "model": model,
                    "db": _db_url(engine),
                    "published": published,
                    "retry_errors": retry_errors,
                    "page_timeout": page_timeout,
                },
            )
            for batch in ds.iter_batches(batch_size=batch_size, batch_format="numpy"):
                for key, seq, blob in zip(batch["key"], batch["seq"], batch["outcome"], strict=True):
                    outcome: Outcome = pickle.loads(blob)
                    record(Tag(str(key) or None, int(seq)), outcome)
                tracker.flush()
        tracker.close_inputs()
        tracker.flush()
    finally:
        if started_here:
            ray.shutdown()
        record.finish(started)
    return summary
