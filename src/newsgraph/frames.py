"""pandas DataFrames from the Python API: ``kb.events(as_frame=True)`` and friends (``newsgraph[frames]``).

One row per record; a nested article becomes ``article_id``, ``article_title``, ``article_url``,
``article_source`` and ``article_published``. ``article_published`` is a datetime column (NaT when
undated); a fact's own ``date`` stays the TIMEX3 value it is ("2026-05-02", "2026-W18", "2026-05"),
with ``date_precision`` beside it for events, so a coarse date is never read as a day.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from .errors import NewsgraphError

__all__ = ["to_frame", "frame_option", "PandasMissing"]


class PandasMissing(NewsgraphError):
    """``as_frame=True`` was asked for without pandas installed."""

    code = "E052"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise PandasMissing("as_frame=True needs pandas: pip install 'newsgraph[frames]'") from exc
    return pandas


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            out.update({f"{key}_{k}": v for k, v in value.items()})
        elif isinstance(value, list | tuple):
            out[key] = "|".join(str(v) for v in value)
        else:
            out[key] = value
    return out


def to_frame(records: Iterable[dict[str, Any]], columns: list[str] | None = None) -> Any:
    """Records as a ``pandas.DataFrame`` (nested dicts flattened; ``*published`` columns as datetimes)."""
    pd = _pandas()
    rows = [_flat(r) for r in records]
    frame = pd.DataFrame.from_records(rows, columns=columns) if columns or rows else pd.DataFrame()
    for col in frame.columns:
        if col == "published" or col.endswith("_published"):
            frame[col] = pd.to_datetime(frame[col], errors="coerce", format="ISO8601")
    return frame


def frame_option(method: Callable[..., list[dict[str, Any]]]) -> Callable[..., Any]:
    """Give a list-returning ``KnowledgeBase`` query an ``as_frame=False`` keyword: True gives a DataFrame."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, as_frame: bool = False, **kwargs: Any) -> Any:
        if as_frame:
            _pandas()  # fail before the query when pandas is missing
        records = method(self, *args, **kwargs)
        return to_frame(records) if as_frame else records

    wrapper.__doc__ = (method.__doc__ or "").rstrip() + (
        "\n\n        ``as_frame=True`` returns a pandas DataFrame instead of a list (``newsgraph[frames]``)."
    )
    return wrapper
