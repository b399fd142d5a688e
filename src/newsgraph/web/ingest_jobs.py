"""Ingest over HTTP as jobs: the request is answered at once, the work runs on a bounded pool.

``POST /api/ingest`` hands the page to ``IngestJobs.submit`` and answers 202 with the job's URL;
``GET /api/ingest/jobs/ID`` tells the job's state (``queued``, ``running``, ``done``) and, once
done, what became of the page: ``stored``, ``skipped`` (already stored, or a copy of a stored
article) or ``failed`` with the reason. At most ``workers`` jobs run at once (annotation is
CPU-bound: more would only slow each other down) and at most ``max_queued`` wait; past that the
server answers 429 instead of queueing without end. Finished jobs are kept (newest ``keep``) so a
client can read the outcome later; they live in memory and are gone when the server stops.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

__all__ = ["IngestJobs", "QueueFull", "outcome"]


class QueueFull(Exception):
    """More ingest jobs are waiting than the server accepts."""


def outcome(summary: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """What became of the job's page(s), from the ingest summary: stored, skipped or failed.

    ``articles`` lists only ids that are in the knowledge base (stored now or before); a page that
    failed has none, whatever id it asked for.
    """
    failures = summary.get("failures") or []
    if summary.get("stored"):
        status, reason = "stored", None
    elif failures or summary.get("errors") or summary.get("failed_before"):
        status = "failed"
        first = failures[0] if failures else {}
        reason = first.get("message") or first.get("reason") or ", ".join(summary.get("errors") or {}) or None
        reason = reason or "failed in an earlier run (ingest again with retry)"
    else:
        status, reason = "skipped", "already stored (the same page, or a copy of a stored article)"
    return {"status": status, "reason": reason, "articles": [] if status == "failed" else ids}


class IngestJobs:
    """A bounded pool of ingest jobs with their states, shared by one app's requests."""

    def __init__(self, workers: int = 1, max_queued: int = 16, keep: int = 500) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsgraph-ingest")
        self._jobs: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._max_queued = max_queued
        self._keep = keep

    def submit(self, work: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], Future]:
        """Queue ``work`` (returns ``{"summary": ..., "articles": [...]}``); the job record and its future."""
        with self._lock:
            waiting = sum(1 for j in self._jobs.values() if j["state"] in ("queued", "running"))
            if waiting >= self._max_queued:
                raise QueueFull(f"{waiting} ingest jobs are waiting; try again later")
            job_id = secrets.token_hex(8)
            job = {"id": job_id, "state": "queued", "submitted": _now(), "finished": None}
            self._jobs[job_id] = job
            self._trim()
        return dict(job), self._pool.submit(self._run, job_id, work)

    def get(self, job_id: str) -> dict[str, Any] | None:
        """A copy of the job's record, or None for an unknown id."""
        with self._lock:
            job = self._jobs.get(job_id)
            return dict(job) if job is not None else None

    def shutdown(self) -> None:
        """Stop taking jobs and wait for the running one."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, job_id: str, work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        self._update(job_id, state="running")
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001 - a job's failure is told in its status, not raised
            reason = getattr(exc, "detail", None) or f"{type(exc).__name__}: {exc}"
            result = {"summary": None, "articles": [], "status": "failed", "reason": str(reason)}
            if getattr(exc, "status_code", None):
                result["http_status"] = exc.status_code  # the request's own fault (a refused URL)
        else:
            result = {**result, **outcome(result["summary"], result["articles"])}
        self._update(job_id, state="done", finished=_now(), **result)
        return result

    def _update(self, job_id: str, **fields: Any) -> None:
        with self._lock:
            if job_id in self._jobs:
                self._jobs[job_id].update(fields)

    def _trim(self) -> None:
        done = [k for k, j in self._jobs.items() if j["state"] == "done"]
        for k in done[: max(0, len(self._jobs) - self._keep)]:
            del self._jobs[k]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
