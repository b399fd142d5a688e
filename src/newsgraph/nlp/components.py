"""Register every newsgraph spaCy factory (imported for its side effect by ``load_pipeline``)."""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

_MODULES = [
    "paragraphs",
    "entities",
    "timex",
    "descriptions",
    "coref",
    "quotes",
    "relations",
    "events",
]

for _name in _MODULES:
    try:
        importlib.import_module(f"{__package__}.{_name}")
    except ModuleNotFoundError as exc:  # a component not built yet
        if exc.name != f"{__package__}.{_name}":
            raise
        log.debug("component module %s not present", _name)
