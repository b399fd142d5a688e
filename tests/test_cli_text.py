"""The CLI prints error messages and help as text: brackets in them are not rich markup."""

from __future__ import annotations

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli_common import err, fail


def test_an_error_message_keeps_its_brackets() -> None:
    with err.capture() as captured:
        fail(RuntimeError("--serve needs Datasette: pip install 'newsgraph[datasette]'"))
    assert "pip install 'newsgraph[datasette]'" in captured.get()


def test_help_names_the_extras_with_their_brackets() -> None:
    runner = CliRunner()
    export = " ".join(runner.invoke(app, ["export", "--help"], terminal_width=200).output.split())
    datasette = " ".join(runner.invoke(app, ["datasette", "--help"], terminal_width=200).output.split())
    assert "newsgraph[ftm]" in export
    assert "newsgraph[datasette]" in datasette
