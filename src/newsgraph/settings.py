"""The shipped defaults of the ingest path's limits, time-outs and batch sizes: written once here and
read by the API, the CLI, the runner, its workers and every executor.

A caller overrides one per call (``KnowledgeBase.ingest(page_timeout=...)``, ``newsgraph ingest
--page-timeout``); the defaults themselves change only here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings", "DEFAULTS"]


@dataclass(frozen=True)
class Settings:
    """Ingest settings with their shipped values."""

    page_timeout: float = 30.0
    """Seconds one page may spend in extraction before it is recorded as a ``timeout``."""
    batch_size: int = 16
    """Pages handed to the NLP stage at once (and per task to a worker or a Ray actor)."""
    nlp_timeout: float = 600.0
    """Seconds a worker may spend on one batch in the NLP stage before it is replaced."""
    worker_start_timeout: float = 600.0
    """Seconds a worker process may take to load its model."""
    max_worker_rss_mb: int = 1500
    """A worker that grows past this (MiB of resident memory) is replaced after its batch."""


DEFAULTS = Settings()
"""The shipped settings."""
