"""Answers to heavy queries kept in memory while the store does not change.

A dossier of an entity with thousands of mentions takes about a hundred milliseconds to build; a
newsroom's server is asked for the same few dossiers again and again. ``AnswerCache`` keeps the
latest answers (least recently used go first) with the store's watermark (``store.watermark``,
``KnowledgeBase.watermark()``) they were read at, and gives one back only while the watermark is the same: any page stored and any
correction made, by this process or another, makes every kept answer stale.

Each answer is kept pickled and every hit is unpickled afresh, so a caller may change what it gets
without changing what the next caller gets.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["AnswerCache"]


class AnswerCache:
    """The ``size`` latest answers, each valid while the store's watermark holds (``size`` 0: none)."""

    def __init__(self, size: int) -> None:
        if size < 0:
            raise ValueError(f"cache size must be 0 or more, not {size}")
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[Hashable, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def answer(self, key: Hashable, build: Callable[[], Any], mark: Callable[[], Hashable]) -> Any:
        """The answer for ``key``: the kept one when the store's watermark is still what ``mark()`` says
        it was when that answer was built, else ``build()``. Read the mark before what ``build`` reads
        (in the same transaction where one holds both): a write in between then only makes the kept
        answer look older than it is, never newer."""
        if not self.size:
            return build()
        stamp = mark()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == stamp:
                self._kept.move_to_end(key)
                self.hits += 1
                return pickle.loads(kept[1])
            self.misses += 1
        value = build()
        frozen = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._kept[key] = (stamp, frozen)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every kept answer."""
        with self._lock:
            self._kept.clear()
