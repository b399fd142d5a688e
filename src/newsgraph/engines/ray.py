"""The old name of ``newsgraph.executors.ray``, kept for code written against it."""

from __future__ import annotations

from ..executors.ray import EngineError, ExecutorError, run_ray

__all__ = ["run_ray", "EngineError", "ExecutorError"]
