"""Coded errors: each says what went wrong and what to do about it.

A code means one thing everywhere (``tests/test_error_codes.py`` keeps it so: no code is given by
two modules or two classes, and every code given is in this table). The families: E00x any, E01x
a page or a date given at ingest, E02x the spaCy pipeline, E03x the store, E04x names, E05x
exports and frames, E06x corrections, E07x the Ray executor, E08x settings.

====  ===============================================================================================
code  meaning
====  ===============================================================================================
E000  any newsgraph error without a code of its own (``NewsgraphError``)
E010  a page could not be read or extracted; ``reason`` says why (``PageError``)
E011  a published date that is not a real ``YYYY-MM-DD`` date (``BadDate``)
E020  the spaCy pipeline failed (``ModelError``)
E021  the spaCy pipeline could not be loaded, here or in a worker (``nlp.pipeline``, ``runner.pool``)
E022  a worker process died while loading the pipeline (``runner.pool``)
E030  the knowledge base failed (``StoreError``)
E031  no knowledge base where a command reads one (``store.db``)
E032  the knowledge base could not be opened (``store.db``)
E041  no entity with that name or id; suggestions attached (``NameNotFound``, ``NoSuchId``)
E042  several entities carry that name; candidates attached (``AmbiguousName``)
E050  an export asked for something it cannot write (``export.ExportError``)
E051  the FollowTheMoney export needs ``followthemoney`` (``export_ftm.FtmMissing``)
E052  ``as_frame=True`` needs pandas (``frames.PandasMissing``)
E053  Datasette is missing or cannot open the knowledge base (``cli_datasette.DatasetteError``)
E061  a correction that cannot be applied (``resolve.corrections.CorrectionError``)
E070  the Ray executor failed (``executors.ray.ExecutorError``)
E071  the Ray executor needs Ray installed
E072  the Ray executor reads files, not ``Page`` objects or URLs
E073  Ray would not start or the cluster could not be joined
E080  a setting that is unknown, of the wrong kind or out of range (``settings.SettingsError``)
====  ===============================================================================================
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "NewsgraphError",
    "PageError",
    "BadDate",
    "ModelError",
    "StoreError",
    "NameNotFound",
    "AmbiguousName",
    "NoSuchId",
]


class NewsgraphError(Exception):
    """Base class: ``code`` is a stable short code (E0xx), ``str()`` is a message for people."""

    code = "E000"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.args[0]}"


class PageError(NewsgraphError):
    """One page could not be read or extracted; the batch goes on.

    ``reason`` is a short machine-readable tag (``empty``, ``binary``, ``encoding``, ``too_large``,
    ``truncated``, ``no_body``, ``parse``, ``timeout``...) used to count errors by reason.
    """

    code = "E010"

    def __init__(self, reason: str, message: str, code: str | None = None) -> None:
        super().__init__(message, code)
        self.reason = reason


class BadDate(NewsgraphError, ValueError):
    """A publication date given at a door (``--published``, ``KnowledgeBase.ingest(published=)``, a
    ``Page``, ``POST /api/ingest``) that is not a real ``YYYY-MM-DD`` date. ``what`` is the message
    without the code."""

    code = "E011"

    def __init__(self, value: object) -> None:
        self.what = f"published date must be a real date written YYYY-MM-DD (e.g. 2024-03-09), got {value!r}"
        super().__init__(self.what)


class ModelError(NewsgraphError):
    """The spaCy pipeline could not be loaded."""

    code = "E020"


class StoreError(NewsgraphError):
    """The knowledge base could not be opened or written."""

    code = "E030"


class NameNotFound(NewsgraphError, LookupError):
    """No entity carries the name; ``suggestions`` lists close names.

    Raised by every ``KnowledgeBase`` method that takes a name (``who`` included); ``what`` says what
    is missing without the hint, ``to_dict()`` is the JSON record the interfaces print.
    """

    code = "E041"

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else "; try `newsgraph search`"
        super().__init__(f"no entity named {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions
        self.what = f"no entity named {name!r}"

    def to_dict(self, query: str | None = None) -> dict[str, Any]:
        """``{query, error: "not_found", suggestions}`` (``query``: the name as asked, default ``name``)."""
        return {
            "query": self.name if query is None else query,
            "error": "not_found",
            "suggestions": self.suggestions,
        }


class AmbiguousName(NewsgraphError, LookupError):
    """Several entities carry the name; ``candidates`` lists them (pick one as ``#ID``)."""

    code = "E042"

    def __init__(self, name: str, candidates: list[dict[str, Any]]) -> None:
        listing = ", ".join(f"#{c['id']} {c['name']} ({c['type']})" for c in candidates)
        first = candidates[0]["id"] if candidates else 0
        super().__init__(
            f"several entities are named {name!r}: {listing}; give one by id in place of the name, "
            f"e.g. '#{first}'"
        )
        self.name = name
        self.candidates = candidates

    def to_dict(self) -> dict[str, Any]:
        """``{query, ambiguous: true, candidates}``: the record ``who`` answers with, and a 409's body."""
        return {"query": self.name, "ambiguous": True, "candidates": self.candidates}


class NoSuchId(NameNotFound):
    """An ``#ID`` (or id) that no stored entity has."""

    def __init__(self, entity_id: int) -> None:
        NewsgraphError.__init__(self, f"no entity with id #{entity_id}; find ids with `newsgraph who NAME`")
        self.name = f"#{entity_id}"
        self.suggestions: list[str] = []
        self.what = self.args[0]
