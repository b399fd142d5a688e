"""The Python API: ``newsgraph.open(db)`` gives a ``KnowledgeBase`` to ingest into and query.

The CLI, the REST API and the web UI are thin projections of this class. Every fact query shows
only confirmed facts (``newsgraph.trust``) unless called with ``include_unconfirmed=True``; each
record says whether it is ``confirmed`` and its ``calibrated`` precision.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from . import export, query
from .datasette_meta import write_metadata
from .frames import frame_option
from .ingest import Limits
from .model import Page
from .outcome import Outcome
from .query import browse, dossier, events, find_entities, quotes, resolve_entity
from .query.answers import AnswerCache
from .query.articles import article_facts, count_articles
from .query.filters import entity_exists
from .query.page_errors import page_errors
from .resolve import corrections
from .runner.driver import drive
from .runner.plan import IngestPlan
from .settings import DEFAULTS
from .store import connect
from .store.watermark import watermark
from .summary import IngestSummary, RunSummary

__all__ = ["KnowledgeBase", "IngestSummary", "RunSummary", "open_kb"]

log = logging.getLogger(__name__)

ANSWER_CACHE = 64
"""Dossiers a KnowledgeBase keeps in memory by default (each a few hundred kB at most)."""


class KnowledgeBase:
    """A newsgraph knowledge base (SQLite file by default, PostgreSQL by URL)."""

    def __init__(
        self,
        db: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        model: str | None = None,
        cache: int = ANSWER_CACHE,
    ):
        """``cache``: how many dossiers to keep in memory while the store does not change (0: none;
        ``newsgraph.query.answers``)."""
        self.engine: Engine = connect(db, create=create)
        self.model = model
        self.answers = AnswerCache(cache)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def ingest(
        self,
        inputs: Sequence[str] | Iterable[Page],
        *,
        published: date | str | None = None,
        on_page: Callable[[Outcome], None] | None = None,
        batch_size: int = DEFAULTS.batch_size,
        workers: int = 1,
        retry_errors: bool = False,
        page_timeout: float | None = DEFAULTS.page_timeout,
        executor: str = "local",
        ray_address: str | None = None,
        on_start: Callable[[], None] | None = None,
        nlp_timeout: float = DEFAULTS.nlp_timeout,
        max_worker_rss_mb: int | None = DEFAULTS.max_worker_rss_mb,
        engine: str | None = None,
        limits: Limits | None = None,
    ) -> RunSummary:
        """Read, extract, annotate and store pages; a page stored before is not processed again.

        ``workers`` > 1 runs the stages in a process pool (one model per worker); ``executor`` picks where
        they run from ``newsgraph.executors.EXECUTORS``: ``"ray"`` runs them on a Ray cluster (``pip install
        'newsgraph[ray]'``) at ``ray_address``; ``engine`` is its old name, still taken. Runs are resumable: the same call after a crash
        finishes the job. Returns a ``RunSummary`` (an ``IngestSummary`` with the run's own counts).

        ``published`` (a ``date`` or ``YYYY-MM-DD``) is the date of pages that carry none; it is checked
        here, once, and a bad one raises ``BadDate`` (E011) before anything is read. A ``Page``'s own
        ``published`` is checked when the Page is made.

        The keywords make one ``runner.IngestPlan`` (the CLI's ``newsgraph ingest`` and the web's
        ``POST /api/ingest`` come through here too), which ``runner.drive`` runs on the executor it names.

        The limits default to the shipped ``settings.DEFAULTS``; ``settings.load_settings()`` gives
        them with the user's file and ``NEWSGRAPH_*`` variables applied (what ``newsgraph ingest``
        uses). ``nlp_timeout`` and ``max_worker_rss_mb`` bound the local executor's worker pool.
        ``limits`` (``ingest.Limits``: page size, archive records, fetches) default to the shipped ones.
        """
        plan = IngestPlan(
            inputs,
            published=published,
            executor=engine or executor,
            options={"address": ray_address},
            workers=workers,
            model=self.model,
            batch_size=batch_size,
            page_timeout=page_timeout,
            nlp_timeout=nlp_timeout,
            max_worker_rss_mb=max_worker_rss_mb,
            retry_errors=retry_errors,
            limits=limits,
        )
        return drive(plan, self.engine, on_page=on_page, on_start=on_start)

    # -- reading ---------------------------------------------------------------------------
    def watermark(self) -> tuple[Any, ...]:
        """A stamp of the store's state that changes with every page stored and every correction made
        (by any process): a cache of answers is valid while it holds (``newsgraph.store.watermark``)."""
        with self.engine.connect() as conn:
            return watermark(conn)

    def remember(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """``build()``, kept under ``key`` while the store does not change (by the watermark): for what a
        caller derives at some cost from this knowledge base's answers, such as a rendered page. What is
        kept must pickle; each call gets its own copy."""
        return self.answers.answer(("remember", key), build, self.watermark)

    def find(self, name: str) -> list[dict[str, Any]]:
        """Entities known by ``name`` (any alias, case-insensitive)."""
        with self.engine.connect() as conn:
            return find_entities(conn, name)

    def who(
        self,
        name: str | None = None,
        *,
        entity_id: int | None = None,
        limit: int = 50,
        include_unconfirmed: bool = False,
        order: str | None = None,
        offsets: Mapping[str, int] | None = None,
    ) -> dict[str, Any]:
        """The dossier for a name (any alias), an ``'#ID'`` or ``entity_id``, as ``{"query": name,
        "ambiguous": False, ...}``.

        ``unconfirmed`` counts, per section, the facts held back (shown marked with ``include_unconfirmed``).
        ``totals`` counts each list's items in the view; ``limit`` of them are listed after ``offsets[list]``
        (``events``, ``quotes_by``, ``quotes_about``, ``timeline``, ``sources``, ``descriptions``), in the
        ``order`` asked (``"newest"`` or ``"oldest"`` first; None: time order, sources newest first).

        Raises ``NameNotFound`` (close names in ``.suggestions``; ``NoSuchId`` for an unknown id) or
        ``AmbiguousName`` (the entities in ``.candidates``; ``.to_dict()`` is the JSON record), as
        every method that takes a name does.
        """
        with self.engine.connect() as conn:
            entity_id = resolve_entity(conn, (name or "") if entity_id is None else entity_id)
            paged = tuple(sorted((offsets or {}).items()))
            result = self.answers.answer(
                ("who", entity_id, limit, include_unconfirmed, order, paged),
                lambda: dossier(
                    conn,
                    entity_id,
                    limit=limit,
                    include_unconfirmed=include_unconfirmed,
                    order=order,
                    offsets=offsets,
                ),
                lambda: watermark(conn),
            )
        return {"query": name, "ambiguous": False, **result}

    # -- corpus queries: an entity is a name (any alias), '#ID' or an int id; raise NameNotFound / AmbiguousName --
    def timeline(
        self,
        name: str | int,
        *,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 200,
        include_unconfirmed: bool = False,
        offset: int = 0,
        newest_first: bool = False,
    ) -> dict[str, Any]:
        """Dated lines about an entity (name, alias or id) between two dates, in time order
        (``newest_first``: the reverse), ``limit`` of them after the first ``offset``."""
        with self.engine.connect() as conn:
            result = query.timeline(
                conn, resolve_entity(conn, name), date_from=date_from, date_to=date_to, limit=limit,
                include_unconfirmed=include_unconfirmed, offset=offset, newest_first=newest_first,
            )  # fmt: skip
        return {"query": name, **result}

    @frame_option
    def quotes(
        self,
        *,
        speaker: str | int | None = None,
        about: str | int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        search: str | None = None,
        limit: int = 100,
        include_unconfirmed: bool = False,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[dict[str, Any]]:
        """Quotes by a speaker, about an entity, between dates, matching words (all optional), in
        publication order (``newest_first``: the reverse), ``limit`` of them after the first ``offset``."""
        with self.engine.connect() as conn:
            return query.find_quotes(
                conn,
                **_entity_ids(conn, speaker=speaker, about=about),
                date_from=date_from,
                date_to=date_to,
                search=search,
                limit=limit,
                include_unconfirmed=include_unconfirmed,
                offset=offset,
                newest_first=newest_first,
            )

    def count_quotes(
        self,
        *,
        speaker: str | int | None = None,
        about: str | int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        search: str | None = None,
        include_unconfirmed: bool = False,
    ) -> int:
        """How many quotes match these filters (the confirmed ones unless ``include_unconfirmed``)."""
        with self.engine.connect() as conn:
            return quotes.count_quotes(
                conn,
                **_entity_ids(conn, speaker=speaker, about=about),
                date_from=date_from,
                date_to=date_to,
                search=search,
                include_unconfirmed=include_unconfirmed,
            )

    def unconfirmed_quotes(
        self,
        *,
        speaker: str | int | None = None,
        about: str | int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        search: str | None = None,
    ) -> int:
        """How many quotes matching these filters the default view holds back."""
        with self.engine.connect() as conn:
            return quotes.count_unconfirmed_quotes(
                conn,
                **_entity_ids(conn, speaker=speaker, about=about),
                date_from=date_from,
                date_to=date_to,
                search=search,
            )

    @frame_option
    def events(
        self,
        *,
        type: str | None = None,
        actor: str | int | None = None,
        recipient: str | int | None = None,
        place: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 100,
        include_unconfirmed: bool = False,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[dict[str, Any]]:
        """Events (PLOVER type, actor, recipient, place, dates: all optional filters) in publication order
        (``newest_first``: the reverse), ``limit`` of them after the first ``offset``.

        Hypothetical and negated events are unconfirmed: shown (marked) only with ``include_unconfirmed``.
        """
        with self.engine.connect() as conn:
            return query.find_events(
                conn,
                type=type,
                **_entity_ids(conn, actor=actor, recipient=recipient),
                place=place,
                date_from=date_from,
                date_to=date_to,
                limit=limit,
                include_unconfirmed=include_unconfirmed,
                offset=offset,
                newest_first=newest_first,
            )

    def count_events(
        self,
        *,
        type: str | None = None,
        actor: str | int | None = None,
        recipient: str | int | None = None,
        place: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        include_unconfirmed: bool = False,
    ) -> int:
        """How many events match these filters (the confirmed ones unless ``include_unconfirmed``)."""
        with self.engine.connect() as conn:
            return events.count_events(
                conn,
                type=type,
                **_entity_ids(conn, actor=actor, recipient=recipient),
                place=place,
                date_from=date_from,
                date_to=date_to,
                include_unconfirmed=include_unconfirmed,
            )

    def unconfirmed_events(
        self,
        *,
        type: str | None = None,
        actor: str | int | None = None,
        recipient: str | int | None = None,
        place: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> int:
        """How many events matching these filters the default view holds back."""
        with self.engine.connect() as conn:
            return events.count_unconfirmed_events(
                conn,
                type=type,
                **_entity_ids(conn, actor=actor, recipient=recipient),
                place=place,
                date_from=date_from,
                date_to=date_to,
            )

    def graph(
        self, name: str | int, *, depth: int = 1, max_nodes: int = 50, include_unconfirmed: bool = False
    ) -> dict[str, Any]:
        """Entities tied to ``name`` by relations and shared sentences, to ``depth`` hops."""
        with self.engine.connect() as conn:
            found = query.graph(
                conn, resolve_entity(conn, name), depth=depth, max_nodes=max_nodes,
                include_unconfirmed=include_unconfirmed,
            )  # fmt: skip
            return {"query": name, **found}

    def search(self, text: str, *, kind: str = "all", limit: int = 20) -> dict[str, Any]:
        """Full-text search over articles and quotes (web-search syntax), with snippets."""
        with self.engine.connect() as conn:
            return query.search(conn, text, kind=kind, limit=limit)

    def stats(self, *, top: int = 10) -> dict[str, Any]:
        """What the knowledge base holds: counts, date range, most named entities."""
        with self.engine.connect() as conn:
            return query.stats(conn, top=top)

    def export(self, out: Any, *, format: str = "jsonl", table: str | None = None, **options: Any) -> int:
        """Write a table (default: the article records) or, as GraphML, the entity graph to ``out``; return rows written."""
        return export.export(self.engine, out, format=format, table=table, **options)

    @frame_option
    def entities(self) -> list[dict[str, Any]]:
        """Every entity: ``id``, ``name``, ``type``, ``mention_count``, ``article_count`` and its other
        names (``aliases``, joined by ``|``), in id order."""
        with self.engine.connect() as conn:
            return list(export.table_rows(conn, "entities"))

    @frame_option
    def relations(self, *, include_unconfirmed: bool = False) -> list[dict[str, Any]]:
        """Relation statements (subject, relation, object, date, sentence, article), reprints left out;
        the confirmed ones unless ``include_unconfirmed``."""
        with self.engine.connect() as conn:
            return list(export.table_rows(conn, "relations", include_unconfirmed=include_unconfirmed))

    # -- corrections: each changes the knowledge base at once and is remembered -----------------
    # (pages ingested later, or again, follow it); an entity is a name, an alias or '#ID'.
    def merge(self, into: str, other: str) -> dict[str, Any]:
        """Fold entity ``other`` into ``into``: its mentions, facts and names move."""
        with self.engine.begin() as conn:
            return corrections.merge(conn, into, other)

    def split(
        self,
        entity: str,
        *,
        articles: Sequence[str] | None = None,
        alias: str | None = None,
        name: str | None = None,
    ) -> dict[str, Any]:
        """Move some of an entity's mentions, those in ``articles`` (ids) or those named ``alias``,
        to a new entity called ``name``."""
        if bool(articles) == bool(alias):
            raise ValueError("give articles (one or more ids) or an alias, not both")
        with self.engine.begin() as conn:
            if articles:
                return corrections.split_articles(conn, entity, list(articles), name)
            return corrections.split_alias(conn, entity, alias or "", name)

    def add_alias(self, entity: str, alias: str) -> dict[str, Any]:
        """Give ``entity`` another name; articles using it link there from now on."""
        with self.engine.begin() as conn:
            return corrections.add_alias(conn, entity, alias)

    def remove_alias(self, entity: str, alias: str) -> dict[str, Any]:
        """Take a name off ``entity``; it no longer links articles there (past mentions stay)."""
        with self.engine.begin() as conn:
            return corrections.remove_alias(conn, entity, alias)

    def aliases(self, entity: str) -> dict[str, Any]:
        """``entity``'s aliases and where each came from (``auto`` or ``user``)."""
        with self.engine.begin() as conn:
            return corrections.list_aliases(conn, entity)

    # -- bookkeeping -------------------------------------------------------------------------
    def errors(self, *, limit: int = 100) -> list[dict[str, Any]]:
        """Pages that failed, newest first: ``source``, ``reason``, ``code``, ``message``, ``at``."""
        with self.engine.connect() as conn:
            return page_errors(conn, limit=limit)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article record (text, captions, facts with offsets), its entities linked to
        knowledge-base ids; None when there is no such article. Facts are not filtered here."""
        with self.engine.connect() as conn:
            return article_facts(conn, article_id)

    # -- browsing: what the web's name search, home page and map list ---------------------------
    def autocomplete(self, prefix: str, *, limit: int = 10) -> list[dict[str, Any]]:
        """Entities with an alias starting with ``prefix`` (case, accents and punctuation ignored), most
        mentioned first: ``id``, ``name``, ``type``, ``mention_count`` and the matching ``alias``."""
        with self.engine.connect() as conn:
            return browse.complete(conn, prefix, limit=limit)

    def trending(self, *, days: int = 7, limit: int = 10) -> dict[str, Any]:
        """The most-mentioned entities in the ``days`` up to the newest article's date:
        ``{"from", "to", "entities": [{id, name, type, mentions, articles}]}``."""
        with self.engine.connect() as conn:
            return browse.trending(conn, days=days, limit=limit)

    def places(
        self,
        *,
        limit: int = 200,
        include_unconfirmed: bool = False,
        type: str | None = None,
        actor: str | int | None = None,
        recipient: str | int | None = None,
        place: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[dict[str, Any]]:
        """Event places with coordinates (``place``, ``country_code``, ``lat``, ``lon``, ``events``),
        most events first; confirmed events only unless ``include_unconfirmed``; the events counted
        are those ``events`` finds with the same filters (all optional)."""
        with self.engine.connect() as conn:
            return browse.places(
                conn,
                limit=limit,
                include_unconfirmed=include_unconfirmed,
                type=type,
                **_entity_ids(conn, actor=actor, recipient=recipient),
                place=place,
                date_from=date_from,
                date_to=date_to,
            )

    def database_path(self) -> Path | None:
        """The SQLite file this knowledge base lives in; None on another database (PostgreSQL)."""
        if self.engine.dialect.name != "sqlite" or not self.engine.url.database:
            return None
        return Path(str(self.engine.url.database))

    def datasette_metadata(self, out: str | os.PathLike[str]) -> dict[str, Any]:
        """Write Datasette's metadata for this (SQLite) knowledge base to ``out`` and return it."""
        path = self.database_path()
        if path is None:
            raise ValueError(
                "Datasette reads SQLite files; this knowledge base is on " + self.engine.dialect.name
            )
        return write_metadata(self.engine, path, out)

    def has_entity(self, entity_id: int) -> bool:
        """True when an entity with this id is stored."""
        with self.engine.connect() as conn:
            return entity_exists(conn, entity_id)

    def health(self) -> dict[str, Any]:
        """``{"status": "ok", "articles": N}`` once the knowledge base can be read."""
        with self.engine.connect() as conn:
            return {"status": "ok", "articles": count_articles(conn)}


def open_kb(db: str | os.PathLike[str] | None = None, **kwargs: Any) -> KnowledgeBase:
    """Open (creating if needed) the knowledge base at ``db``: a path, a SQLAlchemy URL, or the default."""
    return KnowledgeBase(db, **kwargs)


def _entity_ids(conn: Any, **names: str | int | None) -> dict[str, int | None]:
    """Each entity filter (a name, any alias, ``#ID`` or id) as ``<filter>_id``; an absent one stays None."""
    return {f"{key}_id": None if name is None else resolve_entity(conn, name) for key, name in names.items()}
