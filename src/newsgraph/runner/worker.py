"""What a pool worker process runs: load one spaCy model, then extract and annotate batches.

The worker talks to its parent over one pipe. Before each page's extraction it says ``begin``
so the parent's watchdog knows which page is running: a page that hangs or kills the parser is
the one named last, and only that page is recorded as ``timeout`` or ``crash``.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import resource
import signal
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from ..model import Page
from ..nlp import load_pipeline
from ..process import Extractor, annotate_outcomes, extract_one, process_batch
from ..settings import DEFAULTS

if TYPE_CHECKING:
    from .plan import IngestPlan

__all__ = ["WorkerConfig", "load_extractor", "worker_main", "rss_bytes", "warm_up"]

_WARM_UP_TEXT = (
    "The Harbour Workers Alliance went on strike in Lisbon on Monday, March 9, 2026. "
    "\u201cWe will not back down,\u201d said Maria Reyes, a spokesperson for the union.\n\n"
    "Police arrested two protesters outside the offices of Acme Shipping, the company said."
)


@dataclass(frozen=True)
class WorkerConfig:
    """The plan's settings every worker gets (the pages carry their dates); picklable."""

    model: str | None = None
    extractor: str | None = None
    """``module:function`` or ``/path/to/file.py:function`` replacing ``newsgraph.extract.extract``."""
    page_timeout: float | None = DEFAULTS.page_timeout
    """Seconds one page may spend in extraction."""
    batch_size: int = DEFAULTS.batch_size

    @classmethod
    def from_plan(cls, plan: IngestPlan) -> WorkerConfig:
        """The worker's share of an ingest plan."""
        return cls(plan.model, plan.extractor, plan.page_timeout, plan.batch_size)


def load_extractor(spec: str | None) -> Extractor | None:
    """Resolve an extractor named ``module:function`` or ``file.py:function`` (None: the default)."""
    if not spec:
        return None
    where, _, name = spec.rpartition(":")
    if not where or not name:
        raise ValueError(f"extractor {spec!r} must be written module:function or path/file.py:function")
    if where.endswith(".py"):
        module_spec = importlib.util.spec_from_file_location(
            f"_newsgraph_extractor_{abs(hash(where))}", where
        )
        if module_spec is None or module_spec.loader is None:
            raise ValueError(f"cannot load extractor file {where!r}")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(where)
    return getattr(module, name)


def rss_bytes() -> int:
    """This process's resident memory now (Linux), else its peak."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def warm_up(nlp: Any) -> None:
    """Run one small article through the stages, so lazy loads (gazetteer, lexicons) happen now."""
    page = Page(source="warm-up", kind="text", data=_WARM_UP_TEXT.encode(), published=date(2026, 3, 9))
    outcome = extract_one(page)
    list(annotate_outcomes([outcome], nlp))


def worker_main(conn: Connection, config: WorkerConfig) -> None:
    """Serve tasks ``(task_id, pages)`` until the pipe closes or ``None`` arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        nlp = load_pipeline(config.model)
        extractor = load_extractor(config.extractor)
        warm_up(nlp)
    except Exception as exc:  # noqa: BLE001 - report any start-up failure to the parent, then stop
        conn.send(("init_error", f"{type(exc).__name__}: {exc}", getattr(exc, "code", None)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            return
        task_id, pages = message
        conn.send(("done", task_id, _run_task(conn, task_id, pages, nlp, extractor, config), rss_bytes()))


def _run_task(
    conn: Connection,
    task_id: int,
    pages: list[Any],
    nlp: Any,
    extractor: Extractor | None,
    config: WorkerConfig,
) -> list[tuple[int, Any]]:
    results = process_batch(
        pages,
        nlp,
        extractor=extractor,
        page_timeout=config.page_timeout,
        on_page=lambda index: conn.send(("begin", task_id, index)),
        on_nlp=lambda: conn.send(("nlp", task_id)),
    )
    for _, outcome in results:  # the article travels back inside the facts, once
        outcome.article = None if outcome.facts is not None else outcome.article
    return results
