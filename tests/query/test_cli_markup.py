"""Words in square brackets are text, not terminal markup: a quote's "[inaudible]" or "[sic]", a title's
"[Video]", a stray "[/]" print as written in every human-readable CLI view (rich reads "[word]" as a
style and "[/]" as a closing tag: before, the words vanished or the command crashed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.writer import write_facts

from .conftest import build

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    where = tmp_path / "kb.db"
    with KnowledgeBase(where) as kb:
        write_facts(
            kb.engine,
            build(
                "b1",
                "2026-03-09",
                [
                    '"We will [inaudible] the port on Monday," said Tomas Reyes.',
                    '"The [/] mark stays [sic]," said Tomas Reyes of the Harbour Workers Alliance.',
                    "Tomas Reyes leads the Harbour Workers Alliance [HWA].",
                ],
                ["reyes", "hwa"],
                title="Strike [Video] at the port",
                timexes=[("Monday", "2026-03-09")],
                quotes=[
                    ("We will [inaudible] the port on Monday,", "reyes", "2026-03-09"),
                    ("The [/] mark stays [sic],", "reyes", None),
                ],
                relations=[("reyes", "leader_of", "hwa", 2)],
            ),
        )
    return str(where)


@pytest.mark.parametrize(
    "args",
    [
        ["who", "Tomas Reyes"],
        ["who", "Tomas Reyes", "--all"],
        ["quotes", "--speaker", "Tomas Reyes"],
        ["timeline", "Tomas Reyes", "--all"],
    ],
)
def test_bracketed_words_print_as_written(db: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", db], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[inaudible]" in out
    if args[0] != "timeline":  # the timeline lists the dated quote only
        assert "[/] mark stays [sic]" in out
    if args[0] == "who":
        assert "Strike [Video] at the port" in out
