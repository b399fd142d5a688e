"""The old name of ``newsgraph.executors``, kept for code written against it.

"Engine" now means the SQLAlchemy engine only; where the ingest stages run is an *executor*.
``ENGINES`` is ``executors.EXECUTORS`` (the same dict), ``engine_names`` is ``executor_names``.
"""

from __future__ import annotations

from ..executors import EXECUTORS, Executor, executor, executor_names

__all__ = ["ENGINES", "Executor", "executor", "engine_names"]

ENGINES = EXECUTORS
engine_names = executor_names
