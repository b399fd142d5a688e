"""Run ingest at scale: a streaming runner with a process pool, time limits and resume.

``run(inputs, engine, workers=N)`` reads pages as a stream, skips what the store holds already,
runs the extract and NLP stages in this process or in N worker processes (one spaCy model
each), and writes every result from this process. See ``docs/scale.md``.
"""

from ..summary import RunSummary
from .local import run
from .pool import Task, WorkerPool
from .progress import ProgressTracker, Tag, ensure_progress_table, progress_table
from .record import Recorder
from .screen import Verdict, screen
from .worker import WorkerConfig

__all__ = [
    "run",
    "RunSummary",
    "Recorder",
    "WorkerPool",
    "WorkerConfig",
    "Task",
    "ProgressTracker",
    "Tag",
    "ensure_progress_table",
    "progress_table",
    "Verdict",
    "screen",
]
