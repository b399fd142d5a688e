"""Which facts are shown by default: calibrated confidence per fact kind, one threshold each.

Every view (dossier, timeline, quotes, events, graph, export, REST API, web pages) asks this module,
so a fact is either confirmed everywhere or nowhere. The numbers live in ``data/trust.toml``,
written by ``bench/calibrate.py`` from labelled audit samples (``bench/audits/``):

- ``cuts`` / ``precision``: a step (isotonic) calibration. Facts whose raw confidence is at least
  ``cuts[i]`` (and below ``cuts[i + 1]``) were right ``precision[i]`` of the time in the labels.
- ``threshold``: the lowest raw confidence whose calibrated precision is at least ``TARGET`` (0.9).
  Before a kind has labels the file holds a provisional threshold (``status = "provisional"``)
  and ``calibrated`` returns the raw confidence unchanged.

Kinds: ``quote`` (the speaker), ``description``, ``relation``, ``event``, and ``dated`` (a timeline
line dated from the text: the date's own confidence, 1.0 where none is stored).
"""

from __future__ import annotations

import bisect
import math
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = [
    "KINDS",
    "TARGET",
    "Calibration",
    "calibration",
    "calibrated",
    "threshold",
    "min_confidence",
    "shown",
    "reload",
    "wilson",
]

KINDS = ("quote", "description", "relation", "event", "dated")
TARGET = 0.9  # the precision a fact kind must reach to be shown by default

# Tests and experiments point this at another file; unset, the shipped data/trust.toml is read.
ENV_PATH = "NEWSGRAPH_TRUST"


@dataclass(frozen=True)
class Calibration:
    """One kind's calibration: step cut points with their measured precision, and the threshold."""

    kind: str
    threshold: float
    status: str = "provisional"  # "provisional" (no labels yet) or "calibrated"
    cuts: tuple[float, ...] = ()
    precision: tuple[float, ...] = ()
    n: int = 0

    def calibrated(self, raw: float) -> float:
        """The measured precision of facts with this raw confidence (the raw value before labels)."""
        if not self.cuts:
            return float(raw)
        i = bisect.bisect_right(self.cuts, raw) - 1
        return self.precision[max(i, 0)]


def _read() -> str:
    path = os.environ.get(ENV_PATH)
    if path:
        return Path(path).read_text("utf-8")
    return resources.files("newsgraph").joinpath("data/trust.toml").read_text("utf-8")


@lru_cache(maxsize=1)
def _table() -> dict[str, Calibration]:
    raw = tomllib.loads(_read())
    out: dict[str, Calibration] = {}
    for kind in KINDS:
        entry = raw.get(kind)
        if entry is None:
            raise KeyError(f"trust.toml has no [{kind}] table")
        cuts = tuple(float(c) for c in entry.get("cuts", []))
        precision = tuple(float(p) for p in entry.get("precision", []))
        if len(cuts) != len(precision) or list(cuts) != sorted(cuts):
            raise ValueError(f"trust.toml [{kind}]: cuts must be ascending and match precision one to one")
        out[kind] = Calibration(
            kind=kind,
            threshold=float(entry["threshold"]),
            status=str(entry.get("status", "provisional")),
            cuts=cuts,
            precision=precision,
            n=int(entry.get("n", 0)),
        )
    return out


def reload() -> None:
    """Forget the cached table (after ``bench/calibrate.py`` rewrote it, or a test moved it)."""
    _table.cache_clear()


def calibration(kind: str) -> Calibration:
    """The calibration of one fact kind (``KINDS``)."""
    try:
        return _table()[kind]
    except KeyError:
        raise ValueError(f"unknown fact kind {kind!r}; use one of {', '.join(KINDS)}") from None


def calibrated(kind: str, raw_confidence: float) -> float:
    """The measured precision of facts of ``kind`` with this raw confidence."""
    return calibration(kind).calibrated(raw_confidence)


def threshold(kind: str) -> float:
    """The lowest raw confidence shown by default for ``kind``."""
    return calibration(kind).threshold


def min_confidence(kind: str) -> float:
    """The raw-confidence bound for SQL: ``WHERE confidence >= min_confidence(kind)``."""
    return calibration(kind).threshold


def shown(kind: str, confidence: float | None, *, negated: bool = False, hypothetical: bool = False) -> bool:
    """True when the default view shows the fact: confident enough, never negated or hypothetical."""
    if negated or hypothetical or confidence is None:
        return False
    return confidence >= calibration(kind).threshold


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion k/n (how sure a measured precision is)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)
