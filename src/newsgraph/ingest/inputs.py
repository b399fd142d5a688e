"""Expand the inputs a user names (files, folders, globs, ``-``, URLs) into single sources.

Folders are walked recursively in sorted order, skipping hidden files and folders, and take only
files whose names say they hold pages: ``.html``, ``.htm``, ``.xhtml``, ``.txt``, ``.jsonl``,
``.ndjson``, ``.warc`` and each of these ``.gz``. Anything else in a folder (images, scripts,
``.DS_Store``) is skipped silently. A file named explicitly, or matched by a glob, is always taken
(its kind sniffed if the extension says nothing), as a shell would pass it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from newsgraph.ingest.files import classify

__all__ = ["Source", "expand", "count_inputs", "is_url"]

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """One thing to read: a file, stdin, a URL, or a name that matched nothing."""

    kind: Literal["file", "stdin", "url", "missing"]
    name: str


def is_url(name: str) -> bool:
    """True for the ``http://`` and ``https://`` inputs that are fetched."""
    return name.lower().startswith(("http://", "https://"))


def _walk(folder: str) -> Iterator[str]:
    """Page files under a folder, depth first in sorted order, hidden names skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and classify(name)[0] is not None:
                yield os.path.join(root, name)


def _expand_one(name: str) -> Iterator[Source]:
    if name == "-":
        yield Source("stdin", name)
        return
    if is_url(name):
        yield Source("url", name)
        return
    path = os.path.expanduser(name)
    if os.path.isdir(path):
        yield from (Source("file", p) for p in _walk(path))
        return
    if os.path.lexists(path) or not _GLOB_CHARS.intersection(path):
        yield Source("file", path)
        return
    matches = sorted(glob.iglob(path, recursive=True))
    if not matches:
        yield Source("missing", name)
    for match in matches:
        if os.path.isdir(match):
            yield from (Source("file", p) for p in _walk(match))
        else:
            yield Source("file", match)


def expand(inputs: Iterable[str]) -> Iterator[Source]:
    """Each input expanded, in the order given, into the sources it names."""
    for name in inputs:
        yield from _expand_one(name)


def count_inputs(inputs: Iterable[str]) -> int | None:
    """A cheap page count for a progress bar: one per file, or None when JSONL/WARC hide it."""
    total = 0
    for source in expand(inputs):
        if source.kind == "file" and classify(source.name)[0] in ("jsonl", "warc"):
            return None
        total += 1
    return total
