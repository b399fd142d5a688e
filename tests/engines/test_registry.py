"""Executors are picked by name from one registry, ``newsgraph.engines.ENGINES``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph import engines
from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.engines import ENGINES, Executor, executor
from newsgraph.runner import Recorder, RunSummary
from newsgraph.summary import IngestSummary


def test_the_registry_names_local_and_ray_and_loads_them() -> None:
    assert list(ENGINES) == ["local", "ray"]
    from newsgraph.engines.ray import run_ray
    from newsgraph.runner.local import run

    assert ENGINES["local"].load() is run
    assert ENGINES["ray"].load() is run_ray
    assert issubclass(RunSummary, IngestSummary)
    assert Recorder.__module__ == "newsgraph.runner.record"


def test_an_unknown_executor_is_refused_with_the_registered_names(tmp_path: Path) -> None:
    with KnowledgeBase(tmp_path / "kb.db") as kb, pytest.raises(ValueError) as info:
        kb.ingest([], engine="spark")
    assert str(info.value) == "unknown engine 'spark'; use 'local' or 'ray'"
    result = CliRunner().invoke(
        app, ["ingest", "x.txt", "--db", str(tmp_path / "kb.db"), "--engine", "spark"]
    )
    assert result.exit_code == 2
    assert "'spark' is not an engine; use local or ray" in result.stderr


def test_a_registered_executor_gets_the_common_keywords_and_only_its_own_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake(inputs: list[str], engine: Any, **kwargs: Any) -> RunSummary:
        seen.update(kwargs, inputs=inputs)
        return RunSummary(pages=len(inputs), engine="fake")

    monkeypatch.setattr(Executor, "load", lambda self: fake)
    monkeypatch.setitem(ENGINES, "fake", Executor("tests:fake", "a test double", frozenset({"address"})))
    monkeypatch.setitem(ENGINES, "plain", Executor("tests:plain", "a test double"))
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        summary = kb.ingest(["a.txt"], engine="fake", ray_address="ray://head:10001", workers=3)
        assert (summary.pages, summary.engine) == (1, "fake")
        assert seen["address"] == "ray://head:10001" and seen["workers"] == 3
        seen.clear()
        kb.ingest(["a.txt"], engine="plain", ray_address="ray://head:10001")
        assert "address" not in seen and seen["inputs"] == ["a.txt"]
    assert executor("plain") is ENGINES["plain"]
    assert engines.engine_names() == "local, ray, fake or plain"
