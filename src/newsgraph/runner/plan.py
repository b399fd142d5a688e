"""The ingest plan: what one run reads, with which settings, on which executor; checked once, here.

Every door builds one (``KnowledgeBase.ingest``, which the CLI's ``newsgraph ingest`` and the web's
``POST /api/ingest`` job call; ``runner.run`` for scripts) and hands it to the driver
(``runner.driver.drive``), which gives it to the executor. Nothing past this point parses a date,
checks a worker count or looks an executor name up again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..executors import executor
from ..ingest import Limits
from ..model import Page, published_date
from ..settings import DEFAULTS

__all__ = ["IngestPlan"]


@dataclass(frozen=True)
class IngestPlan:
    """One ingest run: its inputs, the date of undated pages, its limits and settings, its executor."""

    inputs: Sequence[str] | Iterable[Page]
    """Paths (files, folders, globs, ``-``, URLs), kept as a tuple; or Pages (any iterable, read once)."""
    published: date | None = None
    """The date of pages that carry none: a ``date`` or ``YYYY-MM-DD`` given, a ``date`` kept
    (``BadDate``, E011, for anything else). It travels on each ``Page`` from here on, nowhere else."""
    executor: str = "local"
    """Where the stages run: a name in ``executors.EXECUTORS`` (``ValueError`` for any other)."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """The executor's own options (e.g. Ray's ``address``); those it does not declare are dropped."""
    workers: int = 1
    model: str | None = None
    batch_size: int = DEFAULTS.batch_size
    page_timeout: float | None = DEFAULTS.page_timeout
    """Seconds one page may spend in extraction (None or 0: no limit)."""
    nlp_timeout: float = DEFAULTS.nlp_timeout
    max_worker_rss_mb: int | None = DEFAULTS.max_worker_rss_mb
    retry_errors: bool = False
    """Process again the pages that failed in an earlier run (reads every input from its start)."""
    extractor: str | None = None
    """``module:function`` or ``file.py:function`` replacing the extract stage (tests, plugins)."""
    limits: Limits | None = None
    """Read limits (page size, archive records); None: ``Limits()``."""

    def __post_init__(self) -> None:
        if isinstance(self.inputs, str | bytes):
            raise TypeError("ingest takes a list of inputs; wrap a single path as [path]")
        if self.workers < 1:
            raise ValueError(f"workers must be 1 or more, got {self.workers}")
        if isinstance(self.inputs, list | tuple):  # paths as a tuple, Pages given at once as a list
            paths = all(isinstance(x, str) for x in self.inputs)
            object.__setattr__(self, "inputs", tuple(self.inputs) if paths else list(self.inputs))
        own = executor(self.executor).options
        object.__setattr__(self, "published", published_date(self.published))
        object.__setattr__(self, "options", {k: v for k, v in self.options.items() if k in own})

    @property
    def from_paths(self) -> bool:
        """True when the inputs are paths (read by the driver, resumable by progress markers)."""
        return isinstance(self.inputs, tuple)

    @property
    def paths(self) -> list[str]:
        """The input paths (empty for Page inputs)."""
        return list(self.inputs) if isinstance(self.inputs, tuple) else []
