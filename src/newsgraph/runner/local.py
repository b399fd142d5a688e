"""The old home of ``run``; the driver is ``newsgraph.runner.driver`` and the in-process stages are
the ``local`` executor (``newsgraph.executors.local``)."""

from __future__ import annotations

from ..summary import RunSummary
from .driver import run

__all__ = ["RunSummary", "run"]
