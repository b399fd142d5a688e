"""Engines that run the same stages elsewhere than this machine's process pool.

``ray``: Ray Data on a Ray cluster (``pip install 'newsgraph[ray]'``); see ``docs/scale.md``.
"""

__all__ = ["ENGINES"]

ENGINES = ("local", "ray")
"""Engine names ``newsgraph ingest --engine`` accepts."""
