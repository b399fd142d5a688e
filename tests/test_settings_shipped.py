"""The shipped settings are one data file, ``newsgraph/data/defaults.toml``, with one key per field."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import fields
from importlib import resources
from pathlib import Path

import pytest

from newsgraph.settings import DEFAULTS, Settings, SettingsError, _read_shipped, load_settings

REPO = Path(__file__).resolve().parents[1]
SHIPPED = resources.files("newsgraph").joinpath("data/defaults.toml").read_text("utf-8")


def test_the_file_has_one_key_per_setting_and_they_are_the_defaults() -> None:
    raw = tomllib.loads(SHIPPED)
    assert sorted(raw) == sorted(f.name for f in fields(Settings))
    assert Settings(**raw) == DEFAULTS == Settings()


def test_every_key_is_documented_above_it() -> None:
    lines = SHIPPED.splitlines()
    for i, line in enumerate(lines):
        if line and not line.startswith("#"):
            assert lines[i - 1].startswith("# "), f"{line!r} has no comment above it"


def test_the_user_file_overrides_the_shipped_file(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text("batch_size = 3\n")
    settings = load_settings(environ={"NEWSGRAPH_SETTINGS": str(user)})
    assert settings.batch_size == 3
    assert settings.page_timeout == tomllib.loads(SHIPPED)["page_timeout"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("page_timeout = 30.0\n", "no shipped value for batch_size, nlp_timeout"),
        (SHIPPED + "fetch_retries = 2\n", "no setting 'fetch_retries'"),
        (SHIPPED.replace("batch_size = 16", "batch_size = 16.5"), "batch_size must be an integer"),
        (SHIPPED.replace("page_timeout = 30.0", "page_timeout = -1"), "must not be negative"),
        (SHIPPED.replace("batch_size = 16", "batch_size = 0"), "batch_size must be at least 1"),
        ("batch_size = [", "defaults.toml"),
    ],
)
def test_a_broken_shipped_file_is_refused_with_e080(text: str, words: str) -> None:
    with pytest.raises(SettingsError, match=words) as caught:
        _read_shipped(text)
    assert caught.value.code == "E080" and "newsgraph/data/defaults.toml" in str(caught.value)


def test_the_package_data_ships_the_file() -> None:
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert any(fnmatch.fnmatch("data/defaults.toml", g) for g in globs["newsgraph"])
