"""Ingest defaults are written once, in ``newsgraph.settings``; every door and runner reads them."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import newsgraph
from newsgraph import cli, process
from newsgraph.api import KnowledgeBase
from newsgraph.nlp.pipeline import annotate, annotate_docs
from newsgraph.runner import IngestPlan
from newsgraph.runner.pool import WorkerPool
from newsgraph.runner.worker import WorkerConfig
from newsgraph.settings import DEFAULTS, Settings

SRC = Path(newsgraph.__file__).resolve().parent


def _default(func: object, name: str) -> object:
    return inspect.signature(func).parameters[name].default  # type: ignore[arg-type]


def test_the_shipped_values_are_the_ones_ingest_always_used() -> None:
    assert (DEFAULTS.page_timeout, DEFAULTS.batch_size) == (30.0, 16)
    assert (DEFAULTS.nlp_timeout, DEFAULTS.max_worker_rss_mb) == (600.0, 1500)
    assert DEFAULTS == Settings()


@pytest.mark.parametrize(
    "func", [KnowledgeBase.ingest, IngestPlan, WorkerConfig], ids=lambda f: f.__qualname__
)
def test_every_door_takes_the_page_timeout_from_settings(func: object) -> None:
    assert _default(func, "page_timeout") == DEFAULTS.page_timeout


@pytest.mark.parametrize(
    "func",
    [KnowledgeBase.ingest, IngestPlan, WorkerConfig, process.process_pages, annotate, annotate_docs],
    ids=lambda f: f.__qualname__,
)
def test_every_runner_takes_the_batch_size_from_settings(func: object) -> None:
    assert _default(func, "batch_size") == DEFAULTS.batch_size


def test_the_pool_and_runner_time_limits_come_from_settings() -> None:
    assert _default(WorkerPool.__init__, "nlp_timeout") == DEFAULTS.nlp_timeout
    assert _default(WorkerPool.__init__, "start_timeout") == DEFAULTS.worker_start_timeout
    assert _default(IngestPlan, "max_worker_rss_mb") == DEFAULTS.max_worker_rss_mb


_ELSEWHERE = ("settings.py",)


def test_no_module_writes_these_defaults_as_literals_again() -> None:
    """A parameter named page_timeout or batch_size whose default is a number is a second copy."""
    copies = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(_ELSEWHERE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                args = node.args
                positional = args.posonlyargs + args.args
                with_defaults = positional[len(positional) - len(args.defaults) :]
                named = [(a.arg, d) for a, d in zip(with_defaults, args.defaults, strict=True)]
                named += [(a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                named = [(node.target.id, node.value)]
            else:
                continue
            for name, default in named:
                if name in ("page_timeout", "batch_size") and isinstance(default, ast.Constant):
                    if isinstance(default.value, int | float) and not isinstance(default.value, bool):
                        copies.append(f"{rel}:{default.lineno} {name}={default.value}")
    assert copies == []


def test_the_command_line_leaves_its_limits_to_the_settings() -> None:
    """``newsgraph ingest`` without --page-timeout/--batch-size takes them from ``load_settings``."""
    assert _default(cli.ingest, "page_timeout") is None and _default(cli.ingest, "batch_size") is None
