"""Run ingest at scale: one driver, one plan, the stages on the executor the plan names.

``run(inputs, engine, workers=N)`` (or ``drive(IngestPlan(...), engine)``) reads pages as a stream,
skips what the store holds already, runs the extract and NLP stages on an executor
(``newsgraph.executors``: in this process, in N worker processes with one spaCy model each, or on
Ray), and writes every result from this process. See ``docs/scale.md`` and ``docs/architecture.md``.

The worker pool (``runner.pool``, ``runner.worker``) loads the stages and spaCy; it is imported by the
executors that use it, not here, so the driver and the Python API start without loading a model
library.
"""

from ..summary import RunSummary
from .driver import InputPart, Job, drive, read_input, run
from .markers import ProgressTracker, Tag, ensure_progress_table, progress_table
from .plan import IngestPlan
from .record import Recorder
from .screen import Verdict, screen, settled
from .task import Task

__all__ = [
    "run",
    "drive",
    "IngestPlan",
    "Job",
    "InputPart",
    "read_input",
    "RunSummary",
    "Recorder",
    "Task",
    "ProgressTracker",
    "Tag",
    "ensure_progress_table",
    "progress_table",
    "Verdict",
    "screen",
    "settled",
]
