"""Executors are classes picked by name from one registry, ``newsgraph.executors.EXECUTORS``; the one
driver reads, screens, records and sums up for every one of them; "engine" means the SQLAlchemy
engine only, and the old executor names still answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import engines, executors
from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.engines.ray import EngineError
from newsgraph.engines.ray import run_ray as old_run_ray
from newsgraph.errors import BadDate, PageError
from newsgraph.executors import EXECUTORS, Executor, executor, register
from newsgraph.executors.local import LocalExecutor
from newsgraph.executors.pool import PoolExecutor
from newsgraph.executors.ray import ExecutorError, RayExecutor, run_ray
from newsgraph.model import Page
from newsgraph.process import Outcome
from newsgraph.runner import IngestPlan, Job, Recorder, RunSummary, Tag, drive, read_input
from newsgraph.store import connect
from newsgraph.summary import IngestSummary

_STORY = (
    "The Orrin valley council voted on Monday to close the old ferry landing at Tessel Point. "
    "Councillor Ada Brennock said the landing had been unsafe for three winters.\n"
)


class _Refuses(Executor):
    """Runs no stage: every page it is handed becomes an error of its own reason."""

    name = "refuses"
    help = "a test double"
    options = frozenset({"colour"})
    seen: list[tuple[IngestPlan, list[Page]]] = []

    def run(self, job: Job) -> Iterator[list[tuple[Tag, Outcome]]]:
        job.started()
        for task in job.tasks():
            type(self).seen.append((job.plan, [page for _, _, page in task.items]))
            yield [
                (tag, Outcome(page.source, "error", error=PageError("refused", "not here"), content_hash=h))
                for tag, h, page in task.items
            ]


class _ReadsWhereItRuns(_Refuses):
    """Reads the inputs itself, as Ray does: from ``job.inputs()`` with the driver's ``read_input``."""

    name = "reads"
    seen = []

    def run(self, job: Job) -> Iterator[list[tuple[Tag, Outcome]]]:
        for part in job.inputs():
            pages = read_input(part.path, part.start, published=job.plan.published)
            yield [
                (Tag(part.key, seq), Outcome(page.source, "error", error=PageError("refused", "no")))
                for seq, page in pages
            ]


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    for cls in (_Refuses, _ReadsWhereItRuns):
        monkeypatch.setitem(EXECUTORS, cls.name, cls)
        cls.seen = []


def test_the_registry_names_local_pool_and_ray_and_loads_their_classes() -> None:
    assert list(EXECUTORS) == ["local", "pool", "ray"]
    assert executor("local") is LocalExecutor
    assert executor("pool") is PoolExecutor
    assert executor("ray") is RayExecutor
    assert all(issubclass(executor(name), Executor) and executor(name).name == name for name in EXECUTORS)
    assert issubclass(RunSummary, IngestSummary)
    assert Recorder.__module__ == "newsgraph.runner.record"


def test_an_unknown_executor_is_refused_with_the_registered_names(tmp_path: Path) -> None:
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        for keyword in ("executor", "engine"):
            with pytest.raises(ValueError) as info:
                kb.ingest([], **{keyword: "spark"})
            assert str(info.value) == "unknown executor 'spark'; use 'local', 'pool' or 'ray'"
    for flag in ("--executor", "--engine"):
        result = CliRunner().invoke(app, ["ingest", "x.txt", "--db", str(tmp_path / "kb.db"), flag, "spark"])
        assert result.exit_code == 2
        said = " ".join(result.stderr.replace("│", " ").split())  # the message as one line, unboxed
        assert "'spark' is not an executor; use local, pool or ray" in said


def test_register_takes_only_a_named_executor_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executors, "EXECUTORS", dict(EXECUTORS))
    assert register(_Refuses) is _Refuses and executor("refuses") is _Refuses
    assert executors.executor_names() == "local, pool, ray or refuses"
    with pytest.raises(TypeError):
        register(type("Nameless", (Executor,), {}))
    with pytest.raises(TypeError):
        register(Page)  # type: ignore[arg-type]


def test_the_plan_checks_its_date_workers_and_inputs_once_at_the_door() -> None:
    plan = IngestPlan(["a.txt"], published="2025-11-03")
    assert plan.published == date(2025, 11, 3) and plan.inputs == ("a.txt",) and plan.from_paths
    with pytest.raises(BadDate):
        IngestPlan(["a.txt"], published="2025-02-30")
    with pytest.raises(ValueError, match="workers must be 1 or more"):
        IngestPlan(["a.txt"], workers=0)
    with pytest.raises(TypeError, match="wrap a single path"):
        IngestPlan("a.txt")  # type: ignore[arg-type]
    given = IngestPlan([Page(source="p", kind="text", data=_STORY)])
    assert not given.from_paths and given.paths == []
    # an executor keeps the options it declares and nothing else
    ray = IngestPlan(["a.txt"], executor="ray", options={"address": "ray://head:10001", "isolate": True})
    assert ray.options == {"address": "ray://head:10001"}
    assert IngestPlan(["a.txt"], options={"address": "x", "isolate": True}).options == {"isolate": True}


def test_a_registered_class_gets_the_plan_and_the_driver_records_and_screens_for_it(
    tmp_path: Path, fakes: None
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.txt").write_text(_STORY + f"The vote was number {i}.\n", encoding="utf-8")
    started: list[bool] = []
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        first = kb.ingest(
            [str(folder)], executor="refuses", published="2025-11-03", on_start=lambda: started.append(True)
        )
        assert (first.executor, first.pages, dict(first.errors)) == ("refuses", 3, {"refused": 3})
        assert started == [True]
        ((plan, pages),) = _Refuses.seen
        assert plan.published == date(2025, 11, 3) and plan.options == {}
        # the date travels on the pages, and only there
        assert [p.published for p in pages] == [date(2025, 11, 3)] * 3
        # the second run: the driver's screen finds every page failed before; the executor sees none
        again = kb.ingest([str(folder)], executor="refuses")
        assert (again.pages, again.failed_before, len(_Refuses.seen)) == (3, 3, 1)


def test_given_pages_get_the_plan_date_on_a_copy(tmp_path: Path, fakes: None) -> None:
    dated = Page(source="dated", kind="text", data=_STORY + "One.\n", published=date(2024, 5, 6))
    undated = Page(source="undated", kind="text", data=_STORY + "Two.\n")
    engine = connect(tmp_path / "kb.db")
    summary = drive(IngestPlan([dated, undated], executor="refuses", published=date(2025, 1, 2)), engine)
    assert summary.pages == 2
    ((_, pages),) = _Refuses.seen
    assert [p.published for p in pages] == [date(2024, 5, 6), date(2025, 1, 2)]
    assert undated.published is None  # the caller's Page is left as it was
    engine.dispose()


def test_an_executor_that_reads_where_it_runs_resumes_from_the_markers(tmp_path: Path, fakes: None) -> None:
    dump = tmp_path / "dump.jsonl"
    with dump.open("w", encoding="utf-8") as f:
        for i in range(5):
            f.write(json.dumps({"id": f"r{i}", "text": _STORY + f"Item {i}.\n"}) + "\n")
    engine = connect(tmp_path / "kb.db")
    first = drive(IngestPlan([str(dump)], executor="reads"), engine)
    assert (first.pages, first.error_count, first.resumed) == (5, 5, [])
    # the marker says the whole input is settled: nothing is read again, all counted failed before
    second = drive(IngestPlan([str(dump)], executor="reads"), engine)
    assert (second.pages, second.error_count, second.failed_before) == (5, 0, 5)
    assert second.resumed == [{"input": str(dump), "pages_done": 5, "complete": True}]
    engine.dispose()


def test_the_cli_runs_the_named_executor_by_either_flag(tmp_path: Path, fakes: None) -> None:
    page = tmp_path / "p.txt"
    page.write_text(_STORY, encoding="utf-8")
    for n, flag in enumerate(("--executor", "--engine")):
        db = tmp_path / f"kb{n}.db"
        result = CliRunner().invoke(
            app,
            ["ingest", str(page), "--db", str(db), flag, "refuses", "--published", "2025-11-03", "--json"],
        )
        assert result.exit_code == 1, result.output  # every page refused
        summary = json.loads(result.stdout.splitlines()[0])
        assert summary["executor"] == summary["engine"] == "refuses" and summary["errors"] == {"refused": 1}
    assert [plan.published for plan, _ in _Refuses.seen] == [date(2025, 11, 3)] * 2
    assert "--engine" in CliRunner().invoke(app, ["ingest", "--help"]).stdout


def test_the_old_names_still_answer() -> None:
    assert engines.ENGINES is EXECUTORS and engines.engine_names() == executors.executor_names()
    assert engines.executor("ray") is RayExecutor
    assert old_run_ray is run_ray and EngineError is ExecutorError and ExecutorError.code == "E070"
