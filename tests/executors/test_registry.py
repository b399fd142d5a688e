"""Executors are picked by name from one registry, ``newsgraph.executors.EXECUTORS``; "engine" means
the SQLAlchemy engine only, and the old executor names still answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph import executors
from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.executors import EXECUTORS, Executor, executor
from newsgraph.runner import Recorder, RunSummary
from newsgraph.summary import IngestSummary


def test_the_registry_names_local_and_ray_and_loads_them() -> None:
    assert list(EXECUTORS) == ["local", "ray"]
    from newsgraph.executors.ray import run_ray
    from newsgraph.runner.local import run

    assert EXECUTORS["local"].load() is run
    assert EXECUTORS["ray"].load() is run_ray
    assert issubclass(RunSummary, IngestSummary)
    assert Recorder.__module__ == "newsgraph.runner.record"


def test_an_unknown_executor_is_refused_with_the_registered_names(tmp_path: Path) -> None:
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        for keyword in ("executor", "engine"):
            with pytest.raises(ValueError) as info:
                kb.ingest([], **{keyword: "spark"})
            assert str(info.value) == "unknown executor 'spark'; use 'local' or 'ray'"
    for flag in ("--executor", "--engine"):
        result = CliRunner().invoke(app, ["ingest", "x.txt", "--db", str(tmp_path / "kb.db"), flag, "spark"])
        assert result.exit_code == 2
        assert "'spark' is not an executor; use local or ray" in result.stderr


def test_a_registered_executor_gets_the_common_keywords_and_only_its_own_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake(inputs: list[str], engine: Any, **kwargs: Any) -> RunSummary:
        seen.update(kwargs, inputs=inputs)
        return RunSummary(pages=len(inputs), executor="fake")

    monkeypatch.setattr(Executor, "load", lambda self: fake)
    monkeypatch.setitem(EXECUTORS, "fake", Executor("tests:fake", "a test double", frozenset({"address"})))
    monkeypatch.setitem(EXECUTORS, "plain", Executor("tests:plain", "a test double"))
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        summary = kb.ingest(["a.txt"], executor="fake", ray_address="ray://head:10001", workers=3)
        assert (summary.pages, summary.executor, summary.engine) == (1, "fake", "fake")
        assert summary.to_dict()["executor"] == summary.to_dict()["engine"] == "fake"
        assert seen["address"] == "ray://head:10001" and seen["workers"] == 3
        seen.clear()
        kb.ingest(["a.txt"], engine="plain", ray_address="ray://head:10001")  # the old keyword
        assert "address" not in seen and seen["inputs"] == ["a.txt"]
    assert executor("plain") is EXECUTORS["plain"]
    assert executors.executor_names() == "local, ray, fake or plain"


def test_the_cli_runs_the_named_executor_by_either_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picked: list[str] = []

    def fake(inputs: list[str], engine: Any, **kwargs: Any) -> RunSummary:
        return RunSummary(pages=len(inputs), executor="fake")

    monkeypatch.setattr(Executor, "load", lambda self: picked.append(self.target) or fake)
    monkeypatch.setitem(EXECUTORS, "fake", Executor("tests:fake", "a test double"))
    page = tmp_path / "p.txt"
    page.write_text("The Orrin valley council met on Monday.\n", encoding="utf-8")
    for flag in ("--executor", "--engine"):
        result = CliRunner().invoke(app, ["ingest", str(page), "--db", str(tmp_path / "kb.db"), flag, "fake"])
        assert result.exit_code == 0, result.output
    assert picked == ["tests:fake", "tests:fake"]
    assert "--engine" in CliRunner().invoke(app, ["ingest", "--help"]).stdout


def test_the_old_names_still_answer() -> None:
    from newsgraph import engines
    from newsgraph.engines.ray import EngineError, run_ray
    from newsgraph.executors.ray import ExecutorError
    from newsgraph.executors.ray import run_ray as ray_executor

    assert engines.ENGINES is EXECUTORS and engines.engine_names() == executors.executor_names()
    assert run_ray is ray_executor and EngineError is ExecutorError and ExecutorError.code == "E070"
