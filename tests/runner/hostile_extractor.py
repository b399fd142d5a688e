"""An extract stage that misbehaves on cue, loaded by file path inside the pool workers.

Pages holding ``SLOW-PAGE`` sleep (a Python-level hang the worker's own alarm stops), pages holding
``HANG-PAGE`` block the alarm and sleep (only the parent's watchdog can stop them), pages holding
``CRASH-PAGE`` kill their process; any other page goes to the real extractor.
"""

from __future__ import annotations

import os
import signal
import time

from newsgraph.extract import extract as real_extract


def _has(page, marker: str) -> bool:  # type: ignore[no-untyped-def]
    data = page.data if isinstance(page.data, bytes) else page.data.encode("utf-8", "replace")
    return marker.encode() in data


def extract(page, published=None):  # type: ignore[no-untyped-def]
    if _has(page, "SLOW-PAGE"):
        time.sleep(120)
    if _has(page, "HANG-PAGE"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(120)
    if _has(page, "CRASH-PAGE"):
        os._exit(70)
    return real_extract(page, published=published)
