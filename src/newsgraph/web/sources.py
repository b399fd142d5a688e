"""What the server shows of where a page came from: never the ingesting machine's file system.

An article's ``source`` is the path it was read from (``/srv/crawl/2026/page.html``, ``dump.jsonl#L12``,
``crawl.warc.gz#1234``), a URL, ``api:ID`` or ``-``. Over HTTP a path becomes its file name (with its
``#L12``/``#1234`` suffix): the field keeps its name and meaning, "where it came from", without telling
a reader how the newsroom's disks are laid out. URLs and ``api:`` sources are shown as they are.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["shown_source", "hide_paths"]

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def shown_source(source: str) -> str:
    """A page's source as the web shows it: a path cut to its file name, anything else unchanged."""
    if _URL.match(source) and not source.lower().startswith("file:"):
        return source
    path = source.split("://", 1)[1] if source.lower().startswith("file:") else source
    if not (
        path.startswith(("/", "\\", "~", "./", "../")) or _DRIVE.match(path) or "/" in path or "\\" in path
    ):
        return source  # a bare file name, 'api:ID', '-'
    return re.split(r"[\\/]", path.rstrip("/\\"))[-1] or source


def hide_paths(data: Any) -> Any:
    """``data`` with every ``source`` string (an article's, however deep) shown as ``shown_source`` says."""
    if isinstance(data, dict):
        return {
            k: shown_source(v) if k == "source" and isinstance(v, str) else hide_paths(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [hide_paths(v) for v in data]
    return data
