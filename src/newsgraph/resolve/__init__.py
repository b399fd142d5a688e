"""The resolve stage: the same thing under many names across articles becomes one entity."""

from .names import name_key

__all__ = ["name_key"]
