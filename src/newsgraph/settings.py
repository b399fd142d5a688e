"""One settings object: the ingest path's limits, time-outs and batch sizes (``ingest.Limits`` too:
what ingest will read, from the same file and layers, ``Limits.from_settings``).

The shipped values live in one data file, ``newsgraph/data/defaults.toml`` (one key per field,
documented there with its unit), read and checked once, on first use. ``Settings()`` and
``DEFAULTS`` are those values; the API, the CLI, the runner, its workers and every executor take
their signatures' defaults from ``DEFAULTS``.

``load_settings`` layers what a user sets over them. Highest first:

1. a command-line flag (``newsgraph ingest --page-timeout 10 --batch-size 8``), or an explicit
   argument of a Python call (``KnowledgeBase.ingest(page_timeout=...)``);
2. an environment variable ``NEWSGRAPH_<FIELD>`` (``NEWSGRAPH_PAGE_TIMEOUT=10``);
3. the user file: the TOML file named by ``NEWSGRAPH_SETTINGS``, else
   ``$XDG_CONFIG_HOME/newsgraph/settings.toml`` (``~/.config/newsgraph/settings.toml``) when it
   exists; its keys are the field names, at the top or under ``[settings]``;
4. the shipped defaults (``data/defaults.toml``).

An unknown key, a value of the wrong kind, a negative one, or 0 for ``batch_size`` or a size limit raises
``SettingsError`` (E080), naming where it came from; so does a shipped file that lacks a field.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, get_type_hints

from .errors import NewsgraphError

__all__ = [
    "Settings",
    "DEFAULTS",
    "SettingsError",
    "load_settings",
    "shipped_defaults",
    "shipped_field",
    "user_settings_path",
    "SETTINGS_FILE_ENV",
]

SETTINGS_FILE_ENV = "NEWSGRAPH_SETTINGS"
"""The environment variable naming the user settings file."""
_ENV_PREFIX = "NEWSGRAPH_"
_SHIPPED_FILE = "data/defaults.toml"


class SettingsError(NewsgraphError, ValueError):
    """A setting from a flag, the environment or the user file is unknown or not a valid value."""

    code = "E080"


def shipped_field(name: str) -> Any:
    """A dataclass field whose default is the shipped value of ``name`` (from ``data/defaults.toml``):
    ``Settings``'s fields and ``ingest.Limits``'s."""
    return field(default_factory=lambda: shipped_defaults()[name])


@dataclass(frozen=True)
class Settings:
    """Ingest settings; each field defaults to its shipped value."""

    page_timeout: float = shipped_field("page_timeout")
    """Seconds one page may spend in extraction before it is recorded as a ``timeout`` (0: no limit)."""
    batch_size: int = shipped_field("batch_size")
    """Pages handed to the NLP stage at once (and per task to a worker or a Ray actor)."""
    nlp_timeout: float = shipped_field("nlp_timeout")
    """Seconds a worker may spend on one batch in the NLP stage before it is replaced."""
    worker_start_timeout: float = shipped_field("worker_start_timeout")
    """Seconds a worker process may take to load its model."""
    max_worker_rss_mb: int = shipped_field("max_worker_rss_mb")
    """A worker that grows past this (MiB of resident memory) is replaced after its batch."""
    max_page_bytes: int = shipped_field("max_page_bytes")
    """Largest page kept (bytes after any gzip); a bigger one becomes a ``too_large`` error page."""
    max_line_bytes: int = shipped_field("max_line_bytes")
    """Longest JSONL line in bytes (a page plus room for JSON escaping)."""
    max_header_line: int = shipped_field("max_header_line")
    """Longest header line of a WARC record, in bytes."""
    max_gzip_ratio: int = shipped_field("max_gzip_ratio")
    """Past one page of output, how many times its compressed size a gzip stream may inflate."""
    fetch_timeout: float = shipped_field("fetch_timeout")
    """Seconds for a whole URL fetch, redirects included."""
    connect_timeout: float = shipped_field("connect_timeout")
    """Seconds to connect, and to wait for each chunk, when fetching a URL."""
    max_redirects: int = shipped_field("max_redirects")
    """Redirects followed per URL."""


_AT_LEAST_ONE = frozenset(
    {"batch_size", "max_page_bytes", "max_line_bytes", "max_header_line", "max_gzip_ratio"}
)
_FIELDS: dict[str, type] = {f.name: get_type_hints(Settings)[f.name] for f in fields(Settings)}


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
    if name in _AT_LEAST_ONE and value < 1:
        raise SettingsError(f"{where}: {name} must be at least 1, not {raw!r}")
    return value


@lru_cache(maxsize=1)
def shipped_defaults() -> Mapping[str, Any]:
    """The shipped values, field name -> value, read once from ``newsgraph/data/defaults.toml``."""
    return _read_shipped(resources.files("newsgraph").joinpath(_SHIPPED_FILE).read_text("utf-8"))


def _read_shipped(text: str, where: str = f"newsgraph/{_SHIPPED_FILE}") -> Mapping[str, Any]:
    """Every field's value from the text of a defaults file, each checked as a user's would be."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{where}: {exc}") from exc
    values = {name: _value(name, value, where) for name, value in raw.items()}
    missing = [name for name in _FIELDS if name not in values]
    if missing:
        raise SettingsError(f"{where}: no shipped value for {', '.join(missing)}")
    return MappingProxyType(values)


DEFAULTS = Settings()
"""The shipped settings."""


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
