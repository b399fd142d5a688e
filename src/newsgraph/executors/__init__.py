"""Executors: where the ingest stages run. One registry, ``EXECUTORS``, read by the API and the CLI.

``local``: this machine (in this process, or a process pool with ``workers`` > 1);
``ray``: Ray Data on a Ray cluster (``pip install 'newsgraph[ray]'``); see ``docs/scale.md``.

Every executor is a function ``(inputs, engine, *, workers, model, published, retry_errors,
batch_size, page_timeout, on_page, on_start, **its own options) -> RunSummary`` that hands its
outcomes to a ``newsgraph.runner.Recorder`` in the calling process. A new executor is one such
function and one line here; its module is imported only when it is picked.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from ..model import Page
from ..summary import RunSummary

__all__ = ["EXECUTORS", "Executor", "executor", "executor_names"]


@dataclass(frozen=True)
class Executor:
    """A registered executor: the function that runs ingest (``module:function``, loaded on first
    use, so a missing optional extra fails only when it is picked) and the options of its own."""

    target: str
    help: str
    options: frozenset[str] = frozenset()
    """Keywords only this executor takes (e.g. the Ray cluster ``address``); others drop them."""

    def load(self) -> Callable[..., RunSummary]:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)

    def run(
        self,
        inputs: Sequence[str] | Iterable[Page],
        engine: Engine,
        *,
        options: dict[str, Any],
        **common: Any,
    ) -> RunSummary:
        """Ingest ``inputs`` into the store behind ``engine`` with the common keywords and those of
        ``options`` this executor takes."""
        own = {key: value for key, value in options.items() if key in self.options}
        return self.load()(inputs, engine, **common, **own)


EXECUTORS: dict[str, Executor] = {
    "local": Executor(
        "newsgraph.runner.local:run", "this machine", frozenset({"nlp_timeout", "max_worker_rss_mb"})
    ),
    "ray": Executor("newsgraph.executors.ray:run_ray", "a Ray cluster", frozenset({"address"})),
}
"""Executor names ``newsgraph ingest --executor`` (alias ``--engine``) and ``KnowledgeBase.ingest(executor=)`` accept."""


def executor_names(quote: bool = False) -> str:
    """The registered names for a message: 'local or ray' (``quote``: "'local' or 'ray'")."""
    names = [repr(n) if quote else n for n in EXECUTORS]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def executor(name: str) -> Executor:
    """The executor registered as ``name``; ``ValueError`` naming the choices otherwise."""
    try:
        return EXECUTORS[name]
    except KeyError:
        raise ValueError(f"unknown executor {name!r}; use {executor_names(quote=True)}") from None
