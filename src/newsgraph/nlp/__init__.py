"""The NLP stage: one spaCy pipeline, the pinned English model plus newsgraph's components."""

from .pipeline import COMPONENTS, DEFAULT_MODEL, annotate, annotate_docs, load_pipeline

__all__ = ["COMPONENTS", "DEFAULT_MODEL", "annotate", "annotate_docs", "load_pipeline"]
