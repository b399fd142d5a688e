"""Executors: where the ingest stages (extract, NLP) run. One base class, one registry, ``EXECUTORS``.

``local``: this process (a process pool when ``workers`` > 1); ``pool``: a process pool on this
machine, one model per worker, with a watchdog; ``ray``: Ray Data on a Ray cluster (``pip install
'newsgraph[ray]'``); see ``docs/scale.md``.

The driver (``newsgraph.runner.driver``) does everything around the stages once, whatever the
executor: it reads the pages, screens out those the store holds, records every outcome, moves the
resume markers and fills in the summary. An executor only runs the stages: a subclass of
``Executor`` whose ``run(job)`` yields ``(Tag, Outcome)`` lists, registered by name with
``register``. See "Adding an executor" in ``docs/architecture.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from ..outcome import Outcome
    from ..runner.driver import Job
    from ..runner.markers import Tag
    from ..runner.plan import IngestPlan

__all__ = ["EXECUTORS", "Executor", "executor", "executor_names", "register"]


class Executor:
    """Where the stages run. A subclass names itself, says what it is, lists its own options and
    writes ``run``; ``register`` makes it a choice of ``newsgraph ingest --executor`` and
    ``KnowledgeBase.ingest(executor=)``."""

    name: ClassVar[str] = ""
    help: ClassVar[str] = ""
    options: ClassVar[frozenset[str]] = frozenset()
    """Keywords only this executor takes (e.g. Ray's ``address``); a plan drops the others."""

    def __init__(self, plan: IngestPlan) -> None:
        """Check the plan here (before anything is read or written); raise a coded error if this
        executor cannot run it."""
        self.plan = plan
        self.label = self.name
        """What the run summary calls it (``executor``)."""
        self.workers = plan.workers
        """How many workers the run summary reports."""

    def run(self, job: Job) -> Iterator[list[tuple[Tag, Outcome]]]:
        """Run the stages over ``job.tasks()`` (pages read and screened by the driver; or read the
        inputs where the stages run, from ``job.inputs()``), call ``job.started()`` once the models
        are loaded, and yield each batch's ``(tag, outcome)`` pairs; the driver records them."""
        raise NotImplementedError


E = TypeVar("E", bound=type[Executor])

EXECUTORS: dict[str, type[Executor] | str] = {
    "local": "newsgraph.executors.local:LocalExecutor",
    "pool": "newsgraph.executors.pool:PoolExecutor",
    "ray": "newsgraph.executors.ray:RayExecutor",
}
"""Executor names ``newsgraph ingest --executor`` (alias ``--engine``) and ``KnowledgeBase.ingest(executor=)``
accept: the class, or ``module:Class`` for one imported when it is first picked (these built in ones
use the driver, which reads this registry)."""


def register(cls: E) -> E:
    """Register an ``Executor`` subclass under its ``name`` (usable as a class decorator)."""
    if not (isinstance(cls, type) and issubclass(cls, Executor) and cls.name):
        raise TypeError("register takes an Executor subclass with a name")
    EXECUTORS[cls.name] = cls
    return cls


def executor_names(quote: bool = False) -> str:
    """The registered names for a message: 'local, pool or ray' (``quote``: "'local', 'pool' or 'ray'")."""
    names = [repr(n) if quote else n for n in EXECUTORS]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def executor(name: str) -> type[Executor]:
    """The executor class registered as ``name``; ``ValueError`` naming the choices otherwise."""
    try:
        entry: Any = EXECUTORS[name]
    except KeyError:
        raise ValueError(f"unknown executor {name!r}; use {executor_names(quote=True)}") from None
    if isinstance(entry, str):
        module, _, attr = entry.partition(":")
        entry = getattr(importlib.import_module(module), attr)
    return entry
