"""Coded errors: each says what went wrong and what to do about it."""

from __future__ import annotations

__all__ = ["NewsgraphError", "PageError", "ModelError", "StoreError"]


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


class ModelError(NewsgraphError):
    """The spaCy pipeline could not be loaded."""

    code = "E020"


class StoreError(NewsgraphError):
    """The knowledge base could not be opened or written."""

    code = "E030"
