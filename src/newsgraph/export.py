"""Exports: article records as JSONL (the JSON contract), tables as CSV or Parquet, the entity graph as GraphML.

Formats for other tools (docs/exports.md): ``graphml`` and ``gexf`` (the entity graph with the
attributes Gephi reads), ``acled`` (an ACLED-shaped events CSV), ``plover``
(PLOVER/POLECAT-style event records, JSONL), ``ftm`` (FollowTheMoney entities, JSONL).

Rows stream from the database (server-side cursors on PostgreSQL) and are written as they come:
JSONL and CSV hold one row at a time, Parquet one batch. Near-duplicate reprints are left out
unless asked for, as everywhere else. Facts (quotes, events, relations, and the facts inside article
records) are the confirmed ones (``newsgraph.trust``) unless ``include_unconfirmed``; each row says
whether it is ``confirmed`` and its ``calibrated`` precision.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Connection, Engine, select

from .errors import NewsgraphError
from .export_acled import ACLED_COLUMNS, AcledCount, acled_rows
from .export_ftm import FtmCount, ftm_entities
from .export_gephi import gephi_graph, write_gephi
from .export_plover import plover_records
from .query.confirmed import confirmed_clause, mark, mark_record
from .query.dossier import quote_select, relation_select
from .query.events import EVENT_COLUMNS, flat_event, iter_events
from .store.schema import aliases, articles, entities, quotes, relations

__all__ = ["export", "table_rows", "FORMATS", "TABLES", "ExportError"]

FORMATS = ("jsonl", "csv", "parquet", "graphml", "gexf", "acled", "plover", "ftm")
# formats that write one fixed thing (the entity graph, the events), not a --table
WHOLE_FORMATS = ("graphml", "gexf", "acled", "plover", "ftm")
TABLES = ("articles", "entities", "quotes", "events", "relations")


class ExportError(NewsgraphError):
    """The export was asked for something it cannot write."""

    code = "E050"


# column name -> kind (for the Parquet schema); the order is the CSV column order
_COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "id": "str", "url": "str", "source": "str", "title": "str", "published": "str", "site": "str",
        "language": "str", "content_hash": "str", "duplicate_of": "str", "ingested_at": "str", "text": "str",
    },
    "entities": {
        "id": "int", "name": "str", "type": "str", "mention_count": "int", "article_count": "int", "aliases": "str",
    },
    "quotes": {
        "id": "int", "article_id": "str", "speaker_id": "int", "speaker_name": "str", "speaker_text": "str",
        "text": "str", "kind": "str", "cue": "str", "date": "str", "confidence": "float", "start": "int",
        "end": "int", "sentence": "str", "confirmed": "bool", "calibrated": "float",
    },
    "events": {
        **{c: "str" for c in EVENT_COLUMNS},
        "id": "int", "actor": "int", "recipient": "int", "lat": "float", "lon": "float", "confidence": "float",
        "negated": "bool", "hypothetical": "bool", "start": "int", "end": "int", "confirmed": "bool",
        "calibrated": "float", "admin_level": "int", "fatalities": "int", "injured": "int",
    },
    "relations": {
        "id": "int", "article_id": "str", "subject_id": "int", "subject_name": "str", "relation": "str",
        "object_id": "int", "object_name": "str", "confidence": "float", "negated": "bool", "date": "str",
        "start": "int", "end": "int", "sentence": "str", "confirmed": "bool", "calibrated": "float",
        "former": "bool",
    },
}  # fmt: skip
_COLUMNS["events"] = {c: _COLUMNS["events"][c] for c in EVENT_COLUMNS}

_BATCH = 1000


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _stream(conn: Connection, stmt: Any) -> Iterator[Any]:
    with conn.execute(stmt.execution_options(yield_per=_BATCH)) as result:
        yield from result


def _live(stmt: Any, include_duplicates: bool) -> Any:
    return stmt if include_duplicates else stmt.where(articles.c.duplicate_of.is_(None))


def _article_rows(
    conn: Connection, include_duplicates: bool, include_unconfirmed: bool
) -> Iterator[dict[str, Any]]:
    cols = [articles.c[name] for name in _COLUMNS["articles"]]
    stmt = _live(select(*cols), include_duplicates).order_by(
        articles.c.published.asc().nulls_last(), articles.c.id
    )
    for row in _stream(conn, stmt):
        yield {k: _plain(v) for k, v in row._mapping.items()}


def _entity_rows(
    conn: Connection, include_duplicates: bool, include_unconfirmed: bool
) -> Iterator[dict[str, Any]]:
    stmt = select(entities).order_by(entities.c.id)
    with conn.execute(stmt.execution_options(yield_per=_BATCH)) as result:
        for batch in result.partitions(_BATCH):
            names: dict[int, list[str]] = {}
            # a second query while the first streams: fine on SQLite; on PostgreSQL the stream is
            # a named cursor, which leaves the connection free for plain queries
            for eid, alias in conn.execute(
                select(aliases.c.entity_id, aliases.c.alias)
                .where(aliases.c.entity_id.in_([r.id for r in batch]))
                .order_by(aliases.c.entity_id, aliases.c.id)
            ):
                names.setdefault(eid, []).append(alias)
            for r in batch:
                others = [a for a in names.get(r.id, []) if a != r.name]
                yield {"id": r.id, "name": r.name, "type": r.type, "mention_count": r.mention_count,
                       "article_count": r.article_count, "aliases": "|".join(others)}  # fmt: skip


def _marked(kind: str, m: Any, columns: dict[str, str]) -> dict[str, Any]:
    row = {c: m[c] for c in columns if c not in ("confirmed", "calibrated")}
    return mark(kind, {**row, "speaker": row.get("speaker_id")}) if kind == "quote" else mark(kind, row)


def _quote_rows(
    conn: Connection, include_duplicates: bool, include_unconfirmed: bool
) -> Iterator[dict[str, Any]]:
    stmt = quote_select().order_by(quotes.c.id)
    if not include_unconfirmed:
        stmt = stmt.where(confirmed_clause("quote"))
    for row in _stream(conn, _live(stmt, include_duplicates)):
        marked = _marked("quote", row._mapping, _COLUMNS["quotes"])
        yield {c: marked[c] for c in _COLUMNS["quotes"]}


def _event_rows(
    conn: Connection, include_duplicates: bool, include_unconfirmed: bool
) -> Iterator[dict[str, Any]]:
    if include_duplicates:
        raise ExportError("events are exported without near-duplicate reprints; drop --include-duplicates")
    for event in iter_events(conn, include_unconfirmed=include_unconfirmed):
        yield flat_event(event)


def _relation_rows(
    conn: Connection, include_duplicates: bool, include_unconfirmed: bool
) -> Iterator[dict[str, Any]]:
    stmt = relation_select().order_by(relations.c.id)
    if not include_unconfirmed:
        stmt = stmt.where(confirmed_clause("relation"))
    for row in _stream(conn, _live(stmt, include_duplicates)):
        yield _marked("relation", row._mapping, _COLUMNS["relations"])


_ROWS = {
    "articles": _article_rows,
    "entities": _entity_rows,
    "quotes": _quote_rows,
    "events": _event_rows,
    "relations": _relation_rows,
}


def table_rows(
    conn: Connection, table: str, *, include_unconfirmed: bool = False, include_duplicates: bool = False
) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` as CSV writes them (confirmed facts only unless ``include_unconfirmed``)."""
    if table not in _ROWS:
        raise ExportError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    return _ROWS[table](conn, include_duplicates, include_unconfirmed)


def _records(
    conn: Connection, include_duplicates: bool, include_unconfirmed: bool
) -> Iterator[dict[str, Any]]:
    """Article records as stored (the JSON contract), each fact marked; unconfirmed facts kept only if asked."""
    stmt = _live(select(articles.c.record), include_duplicates).order_by(
        articles.c.published.asc().nulls_last(), articles.c.id
    )
    for (record,) in _stream(conn, stmt):
        yield mark_record(record if isinstance(record, dict) else json.loads(record), include_unconfirmed)


@contextmanager
def _open_text(out: str | os.PathLike[str] | IO[str]) -> Iterator[IO[str]]:
    if hasattr(out, "write"):
        yield out  # type: ignore[misc]
    elif str(out) == "-":
        yield sys.stdout
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh


def _write_parquet(rows: Iterator[dict[str, Any]], columns: dict[str, str], out: Any) -> int:
    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(name, kinds[kind]) for name, kind in columns.items()])
    if hasattr(out, "write") or str(out) == "-":
        raise ExportError("Parquet needs a file: give --out PATH")
    written = 0
    with pq.ParquetWriter(str(out), schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written += len(batch)
                batch = []
        if batch or not written:  # an empty table still gets its schema
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written


def _write_jsonl(rows: Iterator[dict[str, Any]], out: Any) -> int:
    written = 0
    with _open_text(out) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            written += 1
    return written


def _write_acled(conn: Connection, out: Any, include_unconfirmed: bool, counts: dict[str, Any] | None) -> int:
    tally = AcledCount()
    with _open_text(out) as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in acled_rows(conn, tally, include_unconfirmed=include_unconfirmed):
            writer.writerow(row)
    if counts is not None:
        counts["left_out"] = dict(sorted(tally.left_out.items()))
    return tally.written


def export(
    engine: Engine,
    out: str | os.PathLike[str] | IO[str],
    *,
    format: str = "jsonl",
    table: str | None = None,
    include_duplicates: bool = False,
    min_weight: int = 1,
    include_unconfirmed: bool = False,
    counts: dict[str, Any] | None = None,
) -> int:
    """Write ``table`` (or the entity graph, for GraphML) to ``out`` (a path, ``-`` or a file); return rows written.

    JSONL of ``articles`` writes the full article records (the JSON contract); JSONL of another
    table writes its rows as CSV would, one object a line. Only confirmed facts (and relation
    statements in GraphML) unless ``include_unconfirmed``. ``table`` defaults to ``articles``;
    GraphML writes the entity graph and refuses a table. ``acled`` writes the events as an
    ACLED-shaped CSV, ``plover`` as PLOVER-style JSON records; the events ``acled`` leaves out (no
    fitting ACLED type) go to ``counts["left_out"]`` (PLOVER type -> number) when a ``counts`` dict
    is given. ``ftm`` writes FollowTheMoney entities (``followthemoney`` needed); ``counts`` gets the
    entities written per schema and those left out per type.
    """
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    if format in WHOLE_FORMATS and table is not None:
        graph = "the entity graph (entities and their ties)"
        name, what = {
            "graphml": ("GraphML", graph),
            "gexf": ("GEXF", graph),
            "ftm": ("ftm", "the whole knowledge base"),
        }.get(format, (format, "the events"))
        raise ExportError(
            f"{name} writes {what}, not the {table} table; "
            "drop --table, or export a table with --format jsonl, csv or parquet"
        )
    table = table or "articles"
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    with engine.connect() as conn:
        if format in ("graphml", "gexf"):
            g = gephi_graph(conn, min_weight=min_weight, include_unconfirmed=include_unconfirmed)
            with _open_text(out) as fh:
                write_gephi(g, fh, format)
            return g.number_of_edges()
        if format == "acled":
            return _write_acled(conn, out, include_unconfirmed, counts)
        if format == "ftm":
            tally = FtmCount()
            written = _write_jsonl(ftm_entities(conn, tally, include_unconfirmed=include_unconfirmed), out)
            if counts is not None:
                counts["written"] = dict(sorted(tally.written.items()))
                counts["left_out"] = dict(sorted(tally.left_out.items()))
                counts["left_out_what"] = "entities left out (no FtM schema for their type)"
            return written
        if format == "plover":
            return _write_jsonl(plover_records(conn, include_unconfirmed=include_unconfirmed), out)
        if format == "jsonl":
            rows = (
                _records(conn, include_duplicates, include_unconfirmed)
                if table == "articles"
                else _ROWS[table](conn, include_duplicates, include_unconfirmed)
            )
            return _write_jsonl(rows, out)
        rows = _ROWS[table](conn, include_duplicates, include_unconfirmed)
        if format == "parquet":
            return _write_parquet(rows, _COLUMNS[table], out)
        written = 0
        with _open_text(out) as fh:
            writer = csv.DictWriter(fh, fieldnames=list(_COLUMNS[table]), extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                written += 1
        return written


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """Rows as CSV text with a header (for small results printed by the CLI)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()
