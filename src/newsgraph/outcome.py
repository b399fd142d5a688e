"""What becomes of one page in the ingest stages: ``Outcome``, and the small things every stage and
every executor share (``dated``, ``Extractor``). Light on purpose: the driver, the recorder and the
Python API read outcomes without loading the stages themselves (spaCy and its models live in
``newsgraph.process``, which the executors import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .errors import PageError
from .model import Article, Facts, Page

__all__ = ["Outcome", "Extractor", "dated"]

Extractor = Callable[..., Article]
"""``extract(page) -> Article``: the extract stage, swappable for tests and plugins."""


@dataclass
class Outcome:
    """What became of one page: ``ok`` with facts, ``known`` (already stored, not reprocessed) or ``error``."""

    source: str
    status: str
    facts: Facts | None = None
    article: Article | None = None
    error: PageError | None = None
    content_hash: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        # PageError takes (reason, message): exceptions pickle by args alone, so carry it as fields.
        state = dict(self.__dict__)
        error = state.pop("error")
        state["_error"] = None if error is None else (error.reason, str(error.args[0]), error.code)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        error = state.pop("_error", None)
        self.__dict__.update(state)
        self.error = None if error is None else PageError(error[0], error[1], code=error[2])


def dated(page: Page, published: date | None) -> Page:
    """``page`` with ``published`` as its date when it has none (a copy; the given Page is left as is).

    The one way a run's date reaches a page: it travels on the ``Page`` from here to the extractor.
    """
    if published is None or page.published is not None or page.error is not None:
        return page
    return replace(page, published=published)
