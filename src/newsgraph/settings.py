"""One settings object: the ingest path's limits, time-outs and batch sizes.

The shipped values are the field defaults of ``Settings`` (``DEFAULTS``), written once here and read
by the API, the CLI, the runner, its workers and every executor as their signatures' defaults.

``load_settings`` layers what a user sets over them. Highest first:

1. a command-line flag (``newsgraph ingest --page-timeout 10 --batch-size 8``), or an explicit
   argument of a Python call (``KnowledgeBase.ingest(page_timeout=...)``);
2. an environment variable ``NEWSGRAPH_<FIELD>`` (``NEWSGRAPH_PAGE_TIMEOUT=10``);
3. the user file: the TOML file named by ``NEWSGRAPH_SETTINGS``, else
   ``$XDG_CONFIG_HOME/newsgraph/settings.toml`` (``~/.config/newsgraph/settings.toml``) when it
   exists; its keys are the field names, at the top or under ``[settings]``;
4. the shipped defaults (``DEFAULTS``).

An unknown key, a value of the wrong kind or a negative one raises ``SettingsError`` (E080), naming
where it came from.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import NewsgraphError

__all__ = [
    "Settings",
    "DEFAULTS",
    "SettingsError",
    "load_settings",
    "user_settings_path",
    "SETTINGS_FILE_ENV",
]

SETTINGS_FILE_ENV = "NEWSGRAPH_SETTINGS"
"""The environment variable naming the user settings file."""
_ENV_PREFIX = "NEWSGRAPH_"


class SettingsError(NewsgraphError, ValueError):
    """A setting from a flag, the environment or the user file is unknown or not a valid value."""

    code = "E080"


@dataclass(frozen=True)
class Settings:
    """Ingest settings with their shipped values."""

    page_timeout: float = 30.0
    """Seconds one page may spend in extraction before it is recorded as a ``timeout`` (0: no limit)."""
    batch_size: int = 16
    """Pages handed to the NLP stage at once (and per task to a worker or a Ray actor)."""
    nlp_timeout: float = 600.0
    """Seconds a worker may spend on one batch in the NLP stage before it is replaced."""
    worker_start_timeout: float = 600.0
    """Seconds a worker process may take to load its model."""
    max_worker_rss_mb: int = 1500
    """A worker that grows past this (MiB of resident memory) is replaced after its batch."""


DEFAULTS = Settings()
"""The shipped settings."""

_FIELDS = {f.name: type(getattr(DEFAULTS, f.name)) for f in fields(Settings)}


def user_settings_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """The user settings file: ``NEWSGRAPH_SETTINGS`` (which must exist), else the XDG config file
    when there is one; None when there is none."""
    env = os.environ if environ is None else environ
    named = env.get(SETTINGS_FILE_ENV)
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise SettingsError(f"{SETTINGS_FILE_ENV}={named}: no such file")
        return path
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    path = base / "newsgraph" / "settings.toml"
    return path if path.is_file() else None


def load_settings(
    flags: Mapping[str, Any] | None = None, *, environ: Mapping[str, str] | None = None
) -> Settings:
    """The settings in force: ``flags`` (None values are not given) over ``NEWSGRAPH_<FIELD>``
    environment variables over the user file over ``DEFAULTS``."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = user_settings_path(env)
    if path is not None:
        values.update(_from_file(path))
    for name in _FIELDS:
        raw = env.get(_ENV_PREFIX + name.upper())
        if raw is not None and raw.strip():
            values[name] = _value(name, raw.strip(), f"{_ENV_PREFIX}{name.upper()}")
    for name, raw in (flags or {}).items():
        if raw is not None:
            values[name] = _value(name, raw, "the command line")
    return replace(DEFAULTS, **values)


def _from_file(path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    table = raw.get("settings", raw)
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [settings] is not a table")
    return {name: _value(name, value, str(path)) for name, value in table.items()}


def _value(name: str, raw: Any, where: str) -> Any:
    kind = _FIELDS.get(name)
    if kind is None:
        raise SettingsError(f"{where}: no setting {name!r}; settings: {', '.join(_FIELDS)}")
    try:
        if isinstance(raw, bool) or (kind is int and isinstance(raw, float) and not raw.is_integer()):
            raise ValueError(raw)
        value = kind(raw)
    except (TypeError, ValueError):
        raise SettingsError(
            f"{where}: {name} must be a{'n integer' if kind is int else ' number'}, not {raw!r}"
        ) from None
    if value < 0:
        raise SettingsError(f"{where}: {name} must not be negative, not {raw!r}")
    return value
