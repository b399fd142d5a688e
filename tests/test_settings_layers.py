"""One settings object: flags over NEWSGRAPH_* variables over the user file over the shipped values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph import cli
from newsgraph.api import KnowledgeBase
from newsgraph.ingest import Limits
from newsgraph.settings import DEFAULTS, SettingsError, load_settings, user_settings_path


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_set_gives_the_shipped_values(tmp_path: Path) -> None:
    assert load_settings(environ={"XDG_CONFIG_HOME": str(tmp_path)}) == DEFAULTS
    assert user_settings_path({"XDG_CONFIG_HOME": str(tmp_path)}) is None


def test_each_layer_overrides_the_one_below(tmp_path: Path) -> None:
    user = _file(tmp_path, "page_timeout = 12\nbatch_size = 4\nnlp_timeout = 90\n")
    env = {"NEWSGRAPH_SETTINGS": str(user)}
    from_file = load_settings(environ=env)
    assert (from_file.page_timeout, from_file.batch_size, from_file.nlp_timeout) == (12.0, 4, 90.0)
    assert from_file.max_worker_rss_mb == DEFAULTS.max_worker_rss_mb  # not set anywhere: shipped
    env |= {"NEWSGRAPH_PAGE_TIMEOUT": "7.5", "NEWSGRAPH_BATCH_SIZE": "2"}
    from_env = load_settings(environ=env)
    assert (from_env.page_timeout, from_env.batch_size, from_env.nlp_timeout) == (7.5, 2, 90.0)
    flagged = load_settings({"page_timeout": 3, "batch_size": None}, environ=env)
    assert (flagged.page_timeout, flagged.batch_size, flagged.nlp_timeout) == (3.0, 2, 90.0)


def test_the_xdg_file_is_read_and_a_settings_table_works(tmp_path: Path) -> None:
    (tmp_path / "newsgraph").mkdir()
    (tmp_path / "newsgraph" / "settings.toml").write_text("[settings]\nmax_worker_rss_mb = 900\n")
    assert load_settings(environ={"XDG_CONFIG_HOME": str(tmp_path)}).max_worker_rss_mb == 900


@pytest.mark.parametrize(
    ("text", "env", "words"),
    [
        ("page_timout = 3\n", {}, "no setting 'page_timout'"),
        ("batch_size = 2.5\n", {}, "batch_size must be an integer"),
        ("batch_size = true\n", {}, "batch_size must be an integer"),
        ("", {"NEWSGRAPH_PAGE_TIMEOUT": "soon"}, "NEWSGRAPH_PAGE_TIMEOUT: page_timeout must be a number"),
        ("", {"NEWSGRAPH_BATCH_SIZE": "-4"}, "must not be negative"),
        ("page_timeout = [", {}, "settings.toml"),
    ],
)
def test_a_bad_setting_says_where_it_came_from(
    tmp_path: Path, text: str, env: dict[str, str], words: str
) -> None:
    user = _file(tmp_path, text)
    with pytest.raises(SettingsError, match=words) as caught:
        load_settings(environ={"NEWSGRAPH_SETTINGS": str(user), **env})
    assert caught.value.code == "E080"


def test_a_named_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="no such file"):
        load_settings(environ={"NEWSGRAPH_SETTINGS": str(tmp_path / "absent.toml")})


def test_the_ingest_command_applies_the_layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, Any]] = []
    real = KnowledgeBase.ingest

    def spy(self: KnowledgeBase, inputs: Any, **kwargs: Any) -> Any:
        seen.append(kwargs)
        return real(self, inputs, **kwargs)

    monkeypatch.setattr(KnowledgeBase, "ingest", spy)
    page = tmp_path / "page.txt"
    page.write_text("The Brenwick ferry council met on Monday to choose a new chair.\n", encoding="utf-8")
    user = _file(tmp_path, "page_timeout = 12\nbatch_size = 4\nmax_worker_rss_mb = 800\n")
    monkeypatch.setenv("NEWSGRAPH_SETTINGS", str(user))
    monkeypatch.setenv("NEWSGRAPH_BATCH_SIZE", "3")
    runner = CliRunner()
    db = str(tmp_path / "kb.db")
    first = runner.invoke(cli.app, ["ingest", str(page), "--db", db])
    assert first.exit_code == 0, first.output
    assert (seen[-1]["page_timeout"], seen[-1]["batch_size"], seen[-1]["max_worker_rss_mb"]) == (12.0, 3, 800)
    assert seen[-1]["nlp_timeout"] == DEFAULTS.nlp_timeout
    second = runner.invoke(
        cli.app, ["ingest", str(page), "--db", db, "--page-timeout", "0", "--batch-size", "5"]
    )
    assert second.exit_code == 0, second.output
    assert (seen[-1]["page_timeout"], seen[-1]["batch_size"]) == (None, 5)  # 0: no limit
    monkeypatch.setenv("NEWSGRAPH_BATCH_SIZE", "many")
    bad = runner.invoke(cli.app, ["ingest", str(page), "--db", db])
    assert bad.exit_code == 2 and "NEWSGRAPH_BATCH_SIZE" in bad.output


def test_the_read_limits_are_settings_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page over NEWSGRAPH_MAX_PAGE_BYTES is refused as too large by `newsgraph ingest`; a size limit
    of 0 is refused where it is set."""
    small = tmp_path / "small.txt"
    small.write_text(
        "The Brenwick ferry council met on Monday to choose a new chair for the harbour board. "
        "Ana Ruiz, who runs the night ferry, said the vote would wait until spring.\n",
        encoding="utf-8",
    )
    big = tmp_path / "big.txt"
    big.write_text("The Brenwick ferry council met on Monday to choose a new chair. " * 40, encoding="utf-8")
    assert small.stat().st_size < 1000 < big.stat().st_size
    monkeypatch.setenv("NEWSGRAPH_MAX_PAGE_BYTES", "1000")
    runner = CliRunner()
    db = str(tmp_path / "kb.db")
    result = runner.invoke(cli.app, ["ingest", str(small), str(big), "--db", db, "--json"])
    assert result.exit_code == 1, result.output
    with KnowledgeBase(db) as kb:
        failed = kb.errors()
    assert [(Path(e["source"]).name, e["reason"]) for e in failed] == [("big.txt", "too_large")]
    assert (
        Limits.from_settings(load_settings(environ={"NEWSGRAPH_MAX_PAGE_BYTES": "1000"})).max_page_bytes
        == 1000
    )
    assert Limits().max_page_bytes == DEFAULTS.max_page_bytes == 20 * 1024 * 1024
    with pytest.raises(SettingsError, match="max_gzip_ratio must be at least 1"):
        load_settings(environ={"NEWSGRAPH_MAX_GZIP_RATIO": "0"})
