"""Answers to heavy queries kept in memory while the store does not change.

A dossier of an entity with thousands of mentions takes about a hundred milliseconds to build; a
newsroom's server is asked for the same few dossiers again and again. ``AnswerCache`` keeps the
latest answers (least recently used go first) with the store's watermark (``store.watermark``,
``KnowledgeBase.watermark()``) they were read at, and gives one back only while the watermark is the same: any page stored and any
correction made, by this process or another, makes every kept answer stale.

Callers that ask for an answer while another caller builds it wait for that one instead of building
it again (a dozen readers opening the same heavy dossier after a write cost one build, not twelve).
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
        self._building: dict[Hashable, threading.Event] = {}
        self.hits = self.misses = 0

    def answer(self, key: Hashable, build: Callable[[], Any], mark: Callable[[], Hashable]) -> Any:
        """The answer for ``key``: the kept one when the store's watermark is still what ``mark()`` says
        it was when that answer was built, else ``build()``. Read the mark before what ``build`` reads
        (in the same transaction where one holds both): a write in between then only makes the kept
        answer look older than it is, never newer."""
        if not self.size:
            return build()
        stamp = mark()
        while True:
            with self._lock:
                kept = self._kept.get(key)
                if kept is not None and kept[0] == stamp:
                    self._kept.move_to_end(key)
                    self.hits += 1
                    return pickle.loads(kept[1])
                building = self._building.get(key)
                if building is None:  # this caller builds it; callers asking meanwhile wait for it
                    building = self._building[key] = threading.Event()
                    self.misses += 1
                    break
            building.wait()  # then look again (a failed build leaves nothing kept: the next one tries)
        try:
            value = build()
            frozen = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            with self._lock:
                self._kept[key] = (stamp, frozen)
                self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        finally:
            with self._lock:
                del self._building[key]
            building.set()
        return value

    def clear(self) -> None:
        """Forget every kept answer."""
        with self._lock:
            self._kept.clear()
