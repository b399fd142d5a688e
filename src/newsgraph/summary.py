"""What an ingest run reports: ``IngestSummary`` (pages, stored, duplicates, errors) and ``RunSummary``.

Kept apart from the API and the runners so both can use them without importing each other: the
API declares what ``KnowledgeBase.ingest`` returns, every executor (``newsgraph.executors``) fills one in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["IngestSummary", "RunSummary"]


@dataclass
class IngestSummary:
    """Counts for one ingest run: pages read, articles stored, duplicates and errors by reason."""

    pages: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        """Pages that failed, whatever the reason."""
        return sum(self.errors.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "pages": self.pages,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "errors": dict(self.errors),
            "failures": self.failures,
        }


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
    executor: str = "local"
    """Where the stages ran: ``local``, ``pool`` (local with worker processes) or ``ray``."""
    seconds: float = 0.0
    restarts: int = 0
    """Workers replaced after a crash, a timeout or growing past the memory cap."""

    @property
    def engine(self) -> str:
        """The old name of ``executor`` (the JSON summary keeps both keys)."""
        return self.executor

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
            "engine": self.executor,
            "executor": self.executor,
            "seconds": round(self.seconds, 3),
            "restarts": self.restarts,
        }
