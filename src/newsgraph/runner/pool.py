"""A process pool with a watchdog: one spaCy model per worker, hung or crashed pages isolated.

Each worker holds at most one task (a batch of pages) at a time, so the parent always knows
what it is doing and never blocks on a full pipe. The parent's watchdog gives a page
``page_timeout`` (plus a grace period) in extraction and a batch ``nlp_timeout`` in the NLP stage.
A worker that runs past its deadline is killed; a worker that dies (segfault, out of memory,
``os._exit``) is noticed by its process sentinel. Either way the page it was on is recorded
(``timeout`` / ``crash``), the rest of its batch is queued again, and a fresh worker takes its
place. A batch that fails in the NLP stage is retried one page per task, to find the one at fault.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import ModelError, PageError
from ..model import Page
from ..outcome import Outcome
from ..settings import DEFAULTS
from .task import Task
from .worker import WorkerConfig, worker_main

__all__ = ["Task", "WorkerPool"]

log = logging.getLogger(__name__)

_GRACE = 5.0
"""Seconds past the page time limit before the parent kills a worker (the worker's own alarm fires first)."""


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    task: Task | None = None
    phase: str = "idle"
    current: int = 0
    deadline: float = float("inf")
    rss: int = 0


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        # The fork server imports spaCy and our stages once; each worker then starts in a blink.
        ctx.set_forkserver_preload(["newsgraph.runner.worker", "newsgraph.nlp.components"])
        return ctx
    return multiprocessing.get_context("spawn")


class WorkerPool:
    """Run tasks on ``workers`` processes; yield ``(tag, Outcome)`` lists as batches finish."""

    def __init__(
        self,
        workers: int,
        config: WorkerConfig,
        *,
        nlp_timeout: float = DEFAULTS.nlp_timeout,
        start_timeout: float = DEFAULTS.worker_start_timeout,
        max_rss_bytes: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.size = workers
        self.config = config
        self.nlp_timeout = nlp_timeout
        self.start_timeout = start_timeout
        self.max_rss_bytes = max_rss_bytes
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.restarts = 0
        self.peak_rss: dict[int, int] = {}
        self._ids = count(1)

    # -- worker life ---------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(target=worker_main, args=(child, self.config), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent, deadline=time.monotonic() + self.start_timeout)
        worker.phase = "starting"
        return worker

    def _stop(self, worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except (OSError, BrokenPipeError):
                worker.process.kill()
        worker.process.join(timeout=10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def close(self) -> None:
        """Stop every worker."""
        for worker in self.workers:
            self._stop(worker, kill=worker.task is not None)
        self.workers = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the loop ------------------------------------------------------------------------------
    def run(
        self, tasks: Iterator[Task], on_ready: Callable[[], None] | None = None
    ) -> Iterator[list[tuple[Any, Outcome]]]:
        """Feed tasks to idle workers (never more than one each) and yield results as they come.

        Work starts once every worker has loaded its model (they load in parallel); ``on_ready``
        is called then, so rates and ETAs measure processing, not start-up.
        """
        self.workers = [self._spawn() for _ in range(self.size)]
        self._retries: deque[Task] = deque()
        self._tasks = tasks
        self._exhausted = False
        started = False
        while True:
            if not started and all(w.ready for w in self.workers):
                started = True
                if on_ready:
                    on_ready()
            if started:
                self._dispatch()
            if self._exhausted and not self._retries and all(w.task is None for w in self.workers):
                return
            busy = [w for w in self.workers if w.task is not None or not w.ready]
            now = time.monotonic()
            timeout = max(0.0, min((w.deadline for w in busy), default=now + 1.0) - now)
            handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = wait(handles, timeout=min(timeout, 1.0))
            finished: list[list[tuple[Any, Outcome]]] = []
            for worker in list(self.workers):
                if worker.conn in ready:
                    finished.extend(self._read(worker))
                if worker.process.sentinel in ready and not worker.process.is_alive():
                    finished.extend(self._lost(worker, "crash"))
                elif time.monotonic() > worker.deadline:
                    finished.extend(self._lost(worker, "timeout"))
            if started and finished:
                self._dispatch()  # keep the workers busy while the caller writes these results
            yield from finished

    def _dispatch(self) -> None:
        """Give each idle, ready worker its next task: retries first, then new tasks."""
        for worker in self.workers:
            if not (worker.ready and worker.task is None):
                continue
            task = self._retries.popleft() if self._retries else None
            if task is None and not self._exhausted:
                task = next(self._tasks, None)
                self._exhausted = task is None
            if task is None:
                return
            task.id = next(self._ids)
            worker.task, worker.phase, worker.current = task, "sent", 0
            worker.deadline = float("inf")
            worker.conn.send((task.id, [(h, p) for _, h, p in task.items]))

    def _read(self, worker: _Worker) -> list[list[tuple[Any, Outcome]]]:
        finished = []
        while worker.conn.poll():
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                break  # the sentinel says what happened
            kind = message[0]
            if kind == "ready":
                worker.ready, worker.phase, worker.deadline = True, "idle", float("inf")
            elif kind == "init_error":
                self.close()
                raise ModelError(f"a worker could not start: {message[1]}", code=message[2] or "E021")
            elif kind == "begin" and worker.task is not None and message[1] == worker.task.id:
                worker.phase, worker.current = "extract", message[2]
                limit = self.config.page_timeout
                worker.deadline = time.monotonic() + (limit + _GRACE if limit else self.nlp_timeout)
            elif kind == "nlp" and worker.task is not None and message[1] == worker.task.id:
                worker.phase, worker.deadline = "nlp", time.monotonic() + self.nlp_timeout
            elif kind == "done" and worker.task is not None and message[1] == worker.task.id:
                task = worker.task
                worker.task, worker.phase, worker.deadline = None, "idle", float("inf")
                worker.rss = message[3]
                pid = worker.process.pid
                self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), worker.rss)
                finished.append([(task.items[i][0], outcome) for i, outcome in message[2]])
                if self.max_rss_bytes and worker.rss > self.max_rss_bytes:
                    log.info("worker %s uses %d MB; replacing it", pid, worker.rss >> 20)
                    self._replace(worker, kill=False)
                    break
        return finished

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        self._stop(worker, kill=kill)
        self.workers[self.workers.index(worker)] = self._spawn()
        self.restarts += 1

    def _lost(self, worker: _Worker, how: str) -> list[list[tuple[Any, Outcome]]]:
        """A worker died or hung: record the page at fault, queue the rest again, start a new worker."""
        task, phase, current = worker.task, worker.phase, worker.current
        exitcode = worker.process.exitcode
        if task is None and not worker.ready:
            self.close()
            raise ModelError(f"a worker died while loading the model (exit code {exitcode})", code="E022")
        self._replace(worker, kill=True)
        if task is None:
            return []
        what = (
            "ran past its time limit and was stopped"
            if how == "timeout"
            else f"crashed the worker (exit code {exitcode})"
        )
        if phase in ("sent", "extract"):
            tag, content_hash, page = task.items[current]
            rest = task.items[:current] + task.items[current + 1 :]
            if rest:
                self._retries.append(Task(rest, solo=task.solo))
            return [[(tag, _failure(page, content_hash, how, f"extraction of this page {what}"))]]
        if task.solo or len(task.items) == 1:
            tag, content_hash, page = task.items[0]
            return [[(tag, _failure(page, content_hash, how, f"the NLP stage on this page {what}"))]]
        self._retries.extend(Task([item], solo=True) for item in task.items)
        return []


def _failure(page: Page, content_hash: str | None, reason: str, message: str) -> Outcome:
    return Outcome(page.source, "error", error=PageError(reason, message), content_hash=content_hash)
