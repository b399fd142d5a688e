"""The "who is X?" dossier: one entity's names, descriptions, ties, timeline, quotes and sources.

Every line carries its provenance: the article (title, URL or path, date) and the sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from .. import trust
from ..render import date_precision, human_date
from ..resolve.names import name_key
from ..store.schema import (
    aliases,
    article_sources,
    articles,
    descriptions,
    entities,
    events,
    mentions,
    quotes,
    relations,
    timexes,
)
from .confirmed import confirmed_clause, date_confidence, dated, mark, split, timex_confidence
from .timeorder import time_sort_key

if TYPE_CHECKING:  # filters imports this module
    from .filters import DateRange

__all__ = ["find_entities", "dossier", "suggest"]

_LIMIT = 50


def _sentence(table: Any) -> Any:
    """The sentence text of a fact row, cut out of the article text by the database."""
    return func.substr(articles.c.text, table.c.sent_start + 1, table.c.sent_end - table.c.sent_start)


def _article_ref(row: Any) -> dict[str, Any]:
    return {
        "id": row.article_id,
        "title": row.title,
        "url": row.url,
        "source": row.source,
        "published": row.published,
    }


_ARTICLE_COLS = (articles.c.title, articles.c.url, articles.c.source, articles.c.published)


def _entity_summary(conn: Connection, entity_id: int) -> dict[str, Any]:
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).one()
    return {
        "id": row.id,
        "name": row.name,
        "type": row.type,
        "mention_count": row.mention_count,
        "article_count": row.article_count,
    }


def find_entities(conn: Connection, name: str) -> list[dict[str, Any]]:
    """Entities with ``name`` as a name or alias (case-insensitive), most mentioned first."""
    key = name_key(name)
    ids = conn.execute(select(aliases.c.entity_id).where(aliases.c.norm == key).distinct()).scalars().all()
    found = [_entity_summary(conn, i) for i in ids]
    for cand in found:
        cand["description"] = conn.execute(
            select(descriptions.c.text).where(descriptions.c.entity_id == cand["id"]).limit(1)
        ).scalar()
    return sorted(found, key=lambda c: (-c["mention_count"], c["id"]))


def suggest(conn: Connection, name: str, limit: int = 5) -> list[str]:
    """Close names for a query that found nothing (did you mean ...?)."""
    names = conn.execute(select(aliases.c.alias).distinct()).scalars().all()
    return [m[0] for m in process.extract(name, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=70)]


PAGED = ("descriptions", "events", "quotes_by", "quotes_about", "timeline", "sources")
"""The dossier's lists that ``totals`` counts and ``offsets`` pages."""


def dossier(
    conn: Connection,
    entity_id: int,
    limit: int = _LIMIT,
    *,
    include_unconfirmed: bool = False,
    order: str | None = None,
    offsets: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """Build the dossier of one knowledge-base entity.

    By default every section holds only confirmed facts (``newsgraph.trust``); ``unconfirmed``
    counts, per section, the facts held back (or, with ``include_unconfirmed``, shown marked
    ``confirmed: false``). ``totals`` counts, per list, the items the view holds (``limit`` of them
    are listed, after the first ``offsets[list]``). ``order``: ``"newest"`` lists events, quotes,
    timeline and sources newest first, ``"oldest"`` oldest first; None keeps the library's order
    (time order, sources newest first).
    """
    if order not in (None, "newest", "oldest"):
        raise ValueError(f"order must be 'newest' or 'oldest', not {order!r}")
    newest = order == "newest"
    skip = {key: max(0, int((offsets or {}).get(key) or 0)) for key in PAGED}
    totals: dict[str, int] = {}
    out = _entity_summary(conn, entity_id)
    out["aliases"] = sorted(
        set(conn.execute(select(aliases.c.alias).where(aliases.c.entity_id == entity_id)).scalars())
        - {out["name"]},
        key=str.casefold,
    )
    hidden: dict[str, int] = {}
    described, hidden["descriptions"] = split(_descriptions(conn, entity_id), include_unconfirmed)
    totals["descriptions"] = len(described)
    out["descriptions"] = _fill_descriptions(conn, described[skip["descriptions"] :][:limit])
    out["relations"], hidden["relations"] = _relations(conn, entity_id, limit, include_unconfirmed)
    said = quotes.c.speaker_id == entity_id
    for key, where in (("quotes_by", said), ("quotes_about", quoted_about(entity_id))):
        out[key] = _quotes(conn, where, limit, include_unconfirmed, offset=skip[key], newest_first=newest)
        every, hidden[key] = _quote_counts(conn, where)
        totals[key] = every if include_unconfirmed else every - hidden[key]
    # every event of X is ordered and counted from a narrow row; the page's events are read whole
    every_event = event_keys(conn, entity_id)
    shown_events, hidden["events"] = split(every_event, include_unconfirmed)
    totals["events"] = len(shown_events)
    out["events"] = full_events(conn, in_time_order(shown_events, newest)[skip["events"] :][:limit])
    # every dated quote of X makes a timeline line (not only the ones the quotes list shows)
    spoken = quote_keys(conn, and_(said, quotes.c.date.is_not(None)))
    out["timeline"], totals["timeline"], hidden["timeline"] = timeline_lines(
        conn, entity_id, every_event, spoken, include_unconfirmed=include_unconfirmed,
        newest_first=newest, offset=skip["timeline"], limit=limit,
    )  # fmt: skip
    out["unconfirmed"] = hidden
    out["related"] = _related(conn, entity_id)
    out["sources"], counted = _sources(
        conn, entity_id, limit, offset=skip["sources"], oldest_first=order == "oldest"
    )
    # the articles the sources list draws from (a stored count can lag behind merges and splits);
    # the header says this many, and how many are listed when the limit cuts the list short
    out["article_count"] = _source_count(conn, entity_id) if counted is None else counted
    totals["sources"] = out["article_count"]
    out["totals"] = totals
    out["order"] = order or "time"
    return out


def in_time_order(items: list[dict[str, Any]], newest_first: bool) -> list[dict[str, Any]]:
    """Items already in time order (``time_sort_key`` of their ``date``), newest first if asked;
    undated items stay last either way."""
    if not newest_first:
        return items
    undated = [time_sort_key(i.get("date"))[0] == 9999 for i in items]
    return [i for i, u in zip(items, undated, strict=True) if not u][::-1] + [
        i for i, u in zip(items, undated, strict=True) if u
    ]


def _source_count(conn: Connection, entity_id: int) -> int:
    """How many articles (near-duplicate reprints aside) mention the entity."""
    return conn.execute(
        select(func.count(func.distinct(mentions.c.article_id)))
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(mentions.c.entity_id == entity_id, articles.c.duplicate_of.is_(None))
    ).scalar_one()


def _descriptions(conn: Connection, entity_id: int) -> list[dict[str, Any]]:
    """Every description of X, one per wording (counted), marked; a wording is confirmed when any of its lines is."""
    rows = conn.execute(
        select(descriptions)
        .join(articles, articles.c.id == descriptions.c.article_id)
        .where(descriptions.c.entity_id == entity_id)
        .where(articles.c.duplicate_of.is_(None))
        .order_by(articles.c.published, descriptions.c.start)
    ).all()
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = name_key(r.text)
        item = mark(
            "description",
            {
                "text": r.text,
                "kind": r.kind,
                "confidence": r.confidence,
                "start": r.start,
                "end": r.end,
                "_id": r.id,  # its sentence and article: read for the listed wordings (_fill_descriptions)
                "count": 1,
            },
        )
        _group(seen, key, item)
    return sorted(seen.values(), key=lambda d: (not d["confirmed"], -d["count"]))


def _fill_descriptions(conn: Connection, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The listed descriptions with the sentence and article of the line each stands for."""
    stmt = select(
        descriptions.c.id,
        descriptions.c.article_id,
        _sentence(descriptions).label("sentence"),
        *_ARTICLE_COLS,
    ).join(articles, articles.c.id == descriptions.c.article_id)
    found = _by_id(conn, stmt, descriptions, [d["_id"] for d in items], lambda r: r)
    return [_filled(d, found[d["_id"]], "end") for d in items]


def _filled(item: dict[str, Any], row: Any, after: str) -> dict[str, Any]:
    """``item`` without ``_id``, with ``row``'s sentence and article placed after the key ``after``."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key == "_id":
            continue
        out[key] = value
        if key == after:
            out["sentence"] = row.sentence
            out["article"] = _article_ref(row)
    return out


def _group(seen: dict[Any, dict[str, Any]], key: Any, item: dict[str, Any]) -> None:
    """Fold a line into its group: a confirmed line stands for the group; counts add within a class.

    ``count`` counts the confirmed lines of a confirmed group (all lines of an unconfirmed one).
    """
    first = seen.get(key)
    if first is None:
        seen[key] = item
    elif item["confirmed"] and not first["confirmed"]:
        seen[key] = item  # the group is confirmed now; unconfirmed lines before it do not count
    elif item["confirmed"] == first["confirmed"]:
        first["count"] += 1


def relation_select() -> Any:
    """Relations joined with subject and object names, sentence and article (reprints included)."""
    subj, obj = aliased(entities), aliased(entities)
    return (
        select(
            relations,
            subj.c.name.label("subject_name"),
            obj.c.name.label("object_name"),
            _sentence(relations).label("sentence"),
            *_ARTICLE_COLS,
        )
        .join(articles, articles.c.id == relations.c.article_id)
        .outerjoin(subj, subj.c.id == relations.c.subject_id)
        .outerjoin(obj, obj.c.id == relations.c.object_id)
    )


def _relations(
    conn: Connection, entity_id: int, limit: int, include_unconfirmed: bool = False
) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """X's ties by relation, one per (subject, object), and how many ties are unconfirmed."""
    rows = conn.execute(
        relation_select()
        .where(relations.c.subject_id.is_not(None), relations.c.object_id.is_not(None))
        .where(or_(relations.c.subject_id == entity_id, relations.c.object_id == entity_id))
        .where(articles.c.duplicate_of.is_(None))
        .where(relations.c.negated.is_(False))  # "is not a member of" is no tie, confirmed or not
        .order_by(articles.c.published)
    ).all()
    grouped: dict[str, dict[tuple[int, int, bool], dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        former = bool(r.former)
        key = (r.subject_id, r.object_id, former)  # a former tie and a current one are two lines
        outgoing = r.subject_id == entity_id
        item = {
            "relation": r.relation,
            "former": former,  # the text says the tie is over: "former chairman of Y"
            "subject": {"id": r.subject_id, "name": r.subject_name},
            "object": {"id": r.object_id, "name": r.object_name},
            "direction": "out" if outgoing else "in",
            "other": {"id": r.object_id, "name": r.object_name}
            if outgoing
            else {"id": r.subject_id, "name": r.subject_name},
            "confidence": r.confidence,
            "date": r.date,
            "start": r.start,
            "end": r.end,
            "sentence": r.sentence,
            "article": _article_ref(r),
            "count": 1,
        }
        _group(grouped[r.relation], key, mark("relation", item))
    out: dict[str, list[dict[str, Any]]] = {}
    hidden = 0
    for rel, items in sorted(grouped.items()):
        kept, n = split(list(items.values()), include_unconfirmed)
        hidden += n
        if kept:
            out[rel] = kept[:limit]
    return out, hidden


def quote_select() -> Any:
    """Quotes joined with the speaker's name, sentence and article (reprints included)."""
    return (
        select(
            quotes,
            entities.c.name.label("speaker_name"),
            _sentence(quotes).label("sentence"),
            date_confidence(quotes).label("date_confidence_"),
            *_ARTICLE_COLS,
        )
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(entities, entities.c.id == quotes.c.speaker_id)
    )


def quoted_about(entity_id: int) -> Any:
    """Quotes whose words name the entity, spoken by someone else."""
    # Driven from X's own mentions (indexed by entity), not by testing every quote in the corpus.
    named = (
        select(quotes.c.id)
        .join(
            mentions,
            and_(
                mentions.c.article_id == quotes.c.article_id,
                mentions.c.start >= quotes.c.start,
                mentions.c.end <= quotes.c.end,
            ),
        )
        .where(mentions.c.entity_id == entity_id)
    )
    return and_(or_(quotes.c.speaker_id.is_(None), quotes.c.speaker_id != entity_id), quotes.c.id.in_(named))


def _quotes(
    conn: Connection,
    where: Any,
    limit: int | None,
    include_unconfirmed: bool = False,
    *,
    offset: int = 0,
    newest_first: bool = False,
) -> list[dict[str, Any]]:
    """Quotes matching ``where`` in publication order (or newest first), ``limit`` after ``offset``."""
    stmt = quote_select().where(where).where(articles.c.duplicate_of.is_(None))
    if not include_unconfirmed:
        stmt = stmt.where(confirmed_clause("quote"))
    keys = (articles.c.published, quotes.c.start, quotes.c.id)
    if newest_first:
        # undated articles last, as in publication order
        keys = (articles.c.published.is_(None), *(k.desc() for k in keys))
    stmt = stmt.order_by(*keys).limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return [_quote_record(r) for r in conn.execute(stmt).all()]


def _quote_counts(conn: Connection, where: Any) -> tuple[int, int]:
    """How many quotes match ``where`` and how many of them are unconfirmed (reprints not counted), in
    one pass."""
    held_back = func.sum(case((confirmed_clause("quote"), 0), else_=1))
    every, unconfirmed = conn.execute(
        select(func.count(), held_back)
        .select_from(quotes)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(where, articles.c.duplicate_of.is_(None))
    ).one()
    return every, unconfirmed or 0


def count_unconfirmed_quotes(conn: Connection, where: Any) -> int:
    """How many quotes matching ``where`` the default view holds back (reprints not counted)."""
    return conn.execute(
        select(func.count())
        .select_from(quotes)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(where, articles.c.duplicate_of.is_(None), ~confirmed_clause("quote"))
    ).scalar_one()


def _quote_record(r: Any) -> dict[str, Any]:
    """A quote row (joined with its speaker's name, sentence and article) as a marked record."""
    record = {
        "text": r.text,
        "start": r.start,
        "end": r.end,
        "kind": r.kind,
        "speaker": r.speaker_id,
        "speaker_name": r.speaker_name,
        "speaker_text": r.speaker_text,
        "cue": r.cue,
        "date": r.date,
        "date_confidence": r.date_confidence_ if r.date else None,
        "confidence": r.confidence,
        "sentence": r.sentence,
        "article": _article_ref(r),
    }
    return mark("quote", record)


def event_select() -> Any:
    """Events joined with actor and recipient names, sentence and article; reprints left out."""
    actor, recipient = aliased(entities), aliased(entities)
    return (
        select(
            events,
            actor.c.name.label("actor_name"),
            recipient.c.name.label("recipient_name"),
            _sentence(events).label("sentence"),
            date_confidence(events).label("date_confidence_"),
            *_ARTICLE_COLS,
        )
        .join(articles, articles.c.id == events.c.article_id)
        .outerjoin(actor, actor.c.id == events.c.actor_id)
        .outerjoin(recipient, recipient.c.id == events.c.recipient_id)
        .where(articles.c.duplicate_of.is_(None))
    )


def _events(conn: Connection, entity_id: int, limit: int | None) -> list[dict[str, Any]]:
    """X's events as actor or recipient, marked, in date order (negated and hypothetical included)."""
    rows = conn.execute(
        event_select().where(or_(events.c.actor_id == entity_id, events.c.recipient_id == entity_id))
    ).all()
    items = [_event_record(r) for r in rows]
    return sorted(items, key=lambda e: time_sort_key(e["date"]))[:limit]


def event_keys(conn: Connection, entity_id: int) -> list[dict[str, Any]]:
    """X's events as actor or recipient, in date order, as narrow marked records: what ordering,
    counting and the timeline need (no sentence, no article but its id: ``_id``, ``_article``).
    ``full_events`` reads the records of the ones a page lists. Same rows, same order as ``_events``."""
    actor, recipient = aliased(entities), aliased(entities)
    rows = conn.execute(
        select(
            events.c.id,
            events.c.article_id,
            events.c.type,
            events.c.mode,
            events.c.date,
            events.c.date_source,
            events.c.confidence,
            events.c.negated,
            events.c.hypothetical,
            events.c.start,
            date_confidence(events).label("date_confidence_"),
        )
        .join(articles, articles.c.id == events.c.article_id)
        .outerjoin(actor, actor.c.id == events.c.actor_id)
        .outerjoin(recipient, recipient.c.id == events.c.recipient_id)
        .where(articles.c.duplicate_of.is_(None))
        .where(or_(events.c.actor_id == entity_id, events.c.recipient_id == entity_id))
    ).all()
    items = [
        _marked_event(
            {
                "_id": r.id,
                "_article": r.article_id,
                "type": r.type,
                "mode": r.mode,
                "date": r.date,
                "date_source": r.date_source,
                "date_confidence": (1.0 if r.date_source != "text" else r.date_confidence_)
                if r.date
                else None,
                "hypothetical": r.hypothetical,
                "negated": r.negated,
                "confidence": r.confidence,
                "start": r.start,
            },
        )
        for r in rows
    ]
    return sorted(items, key=lambda e: time_sort_key(e["date"]))


def _marked_event(record: dict[str, Any]) -> dict[str, Any]:
    """``mark("event", record)``, remembered per (confidence, negated, hypothetical): a dossier marks
    thousands of events that share a few raw confidences."""
    # the table the marks were made with (trust.reload() makes a new one: start again)
    table = trust.calibration("event")
    if _EVENT_MARKS.get("table") is not table or len(_EVENT_MARKS) > 4096:
        _EVENT_MARKS.clear()
        _EVENT_MARKS["table"] = table
    key = (record["confidence"], bool(record["negated"]), bool(record["hypothetical"]))
    marks = _EVENT_MARKS.get(key)
    if marks is None:
        probe = mark("event", {"confidence": key[0], "negated": key[1], "hypothetical": key[2]})
        marks = _EVENT_MARKS[key] = (probe["calibrated"], probe["confirmed"])
    record["calibrated"], record["confirmed"] = marks
    return record


_EVENT_MARKS: dict[Any, Any] = {}


def full_events(conn: Connection, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The whole records (``_event_record``) of the narrow ones in ``keys``, in their order."""
    found = _by_id(conn, event_select(), events, [k["_id"] for k in keys], _event_record)
    return [found[k["_id"]] for k in keys]


def quote_keys(conn: Connection, where: Any) -> list[dict[str, Any]]:
    """Quotes matching ``where`` (reprints left out, unconfirmed included) in publication order, as
    narrow marked records (``_id``, ``_article``; no sentence): what the timeline orders and counts.
    Same rows, same order as ``_quotes(conn, where, None, True)``."""
    rows = conn.execute(
        select(
            quotes.c.id,
            quotes.c.article_id,
            quotes.c.text,
            quotes.c.start,
            quotes.c.date,
            quotes.c.speaker_id,
            quotes.c.speaker_text,
            quotes.c.confidence,
            date_confidence(quotes).label("date_confidence_"),
        )
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(entities, entities.c.id == quotes.c.speaker_id)
        .where(where)
        .where(articles.c.duplicate_of.is_(None))
        .order_by(articles.c.published, quotes.c.start, quotes.c.id)
    ).all()
    return [
        mark(
            "quote",
            {
                "_id": r.id,
                "_article": r.article_id,
                "text": r.text,
                "start": r.start,
                "date": r.date,
                "speaker": r.speaker_id,
                "speaker_text": r.speaker_text,
                "date_confidence": r.date_confidence_ if r.date else None,
                "confidence": r.confidence,
            },
        )
        for r in rows
    ]


def _by_id(conn: Connection, stmt: Any, table: Any, ids: list[int], record: Any) -> dict[int, dict[str, Any]]:
    """``record`` of each row of ``stmt`` whose ``table.id`` is in ``ids`` (bounded IN lists)."""
    found: dict[int, dict[str, Any]] = {}
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), 500):
        for r in conn.execute(stmt.where(table.c.id.in_(wanted[i : i + 500]))).all():
            found[r.id] = record(r)
    return found


def _event_record(r: Any) -> dict[str, Any]:
    """An event row (joined with actor and recipient names, sentence and article) as a marked record."""
    record = {
        "type": r.type,
        "mode": r.mode,
        "actor": r.actor_id,
        "actor_name": r.actor_name or r.actor_text,
        "recipient": r.recipient_id,
        "recipient_name": r.recipient_name or r.recipient_text,
        "place": r.place,
        "country_code": r.country_code,
        # "sentence": the event's sentence names the place; "article": a fallback (its place_source:
        # the dateline or the headline); None for none, or for rows stored before the marker
        "place_precision": r.place_precision if r.place else None,
        "place_source": r.place_source if r.place else None,
        "date": r.date,
        "date_source": r.date_source,
        "date_confidence": (1.0 if r.date_source != "text" else r.date_confidence_) if r.date else None,
        "date_precision": date_precision(r.date),  # day, month, year, ... of the TIMEX3 value
        "date_text": human_date(r.date, r.date_source) if r.date else None,  # for people
        "trigger": r.trigger,
        "hypothetical": r.hypothetical,
        "negated": r.negated,
        "confidence": r.confidence,
        "start": r.start,
        "end": r.end,
        "sentence": r.sentence,
        "article": _article_ref(r),
    }
    return mark("event", record)


def timeline_lines(
    conn: Connection,
    entity_id: int,
    event_items: list[dict[str, Any]],
    quote_items: list[dict[str, Any]],
    *,
    include_unconfirmed: bool = False,
    newest_first: bool = False,
    offset: int = 0,
    limit: int | None = None,
    span: DateRange | None = None,
) -> tuple[list[dict[str, Any]], int, int]:
    """Dated lines about X (its events, dated quotes, mentions beside a date), each marked: the page
    the view shows (``limit`` after ``offset``, in time order or newest first), how many lines the
    view holds and how many are unconfirmed. ``span`` keeps the lines whose date falls in it.

    A line is confirmed when its fact is (an event, a quote) and its date is (``dated``). A mention
    line is always unconfirmed, so the default view never reads one: it only counts them. Their
    ordering needs only (article, sentence, date) per line; the sentence and article of a mention
    line are read for the page's lines alone (an entity named 1,500 times beside dates costs one
    narrow query, not 1,500 sentences cut out of their articles).
    """
    lines: list[dict[str, Any]] = []
    seen: set[tuple[str, int, str]] = set()
    for e in event_items:
        if e["date"]:
            if e["confirmed"]:  # an unconfirmed event does not hide the plain dated mention
                seen.add((e["_article"] if "_id" in e else e["article"]["id"], e["start"], e["date"]))
            label = e["type"] + (f"/{e['mode']}" if e["mode"] else "")
            line = {
                "date": e["date"],
                "date_source": e["date_source"],
                "kind": "event",
                "what": label,
                **_line(e),
            }
            lines.append(dated(e, line, "event"))
    for q in quote_items:
        if q["date"]:
            line = {"date": q["date"], "date_source": "text", "kind": "quote", "what": q["text"], **_line(q)}
            lines.append(dated(q, line, "quote"))
    # A sentence that names X beside a date makes a line, but an unconfirmed one (shown with --all):
    # the date may belong to anything else the sentence says (audit r1: three in ten such lines
    # dated something other than X). One that reaches X only through a pronoun ("It was founded in
    # 2011") comes after a named one. Dated events and quotes are the confirmed lines.
    keys = conn.execute(
        _dated_mentions(
            entity_id, mentions.c.article_id, mentions.c.sent_start, timexes.c.value, mentions.c.kind
        )
    ).all()
    for r in sorted(keys, key=lambda r: r.kind != "name"):
        key = (r.article_id, r.sent_start, r.value)
        if key in seen:
            continue
        seen.add(key)
        # a stand-in until the page is known: what ordering and counting need, marked unconfirmed
        lines.append({"date": r.value, "kind": "mention", "start": r.sent_start, "_article": r.article_id})
    for line in lines:
        if line["kind"] == "mention":
            line["confirmed"] = False
    if span is not None:
        lines = [line for line in lines if span.contains(line["date"])]
    shown, hidden = split(lines, include_unconfirmed)
    shown = sorted(shown, key=_line_order)
    page = in_time_order(shown, newest_first)[offset:]
    page = page[:limit] if limit is not None else page
    return _fact_lines(conn, _mention_lines(conn, entity_id, page)), len(shown), hidden


def _fact_lines(conn: Connection, page: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's event and quote lines made from narrow records, filled in: end, sentence, article."""
    wanted = {
        kind: [x["_fact"] for x in page if x["kind"] == kind and "_fact" in x] for kind in ("event", "quote")
    }
    if not wanted["event"] and not wanted["quote"]:
        return page
    found = {
        "event": _by_id(conn, event_select(), events, wanted["event"], _event_record),
        "quote": _by_id(conn, quote_select().where(articles.c.duplicate_of.is_(None)), quotes, wanted["quote"],
                        _quote_record),
    }  # fmt: skip
    out = []
    for x in page:
        if "_fact" not in x:
            out.append(x)
            continue
        fact = found[x["kind"]][x["_fact"]]
        line = {key: x[key] for key in ("date", "date_source", "kind", "what")}
        line.update(_line(fact))
        line.update({key: x[key] for key in ("date_confidence", "calibrated", "confirmed")})
        out.append(line)
    return out


def _line_order(line: dict[str, Any]) -> tuple[Any, ...]:
    article = line["_article"] if "_article" in line else line["article"]["id"]
    return (time_sort_key(line["date"]), article or "", line["start"])


def _dated_mentions(entity_id: int, *columns: Any) -> Any:
    """X's mentions in a sentence with a calendar date (as ``columns``), one row per distinct set."""
    return (
        select(*columns)
        .join(
            timexes,
            and_(
                timexes.c.article_id == mentions.c.article_id, timexes.c.sent_start == mentions.c.sent_start
            ),
        )
        .join(articles, articles.c.id == mentions.c.article_id)
        .join(entities, entities.c.id == mentions.c.entity_id)
        .where(mentions.c.entity_id == entity_id, timexes.c.value.is_not(None))
        # a nationality or group word ("British", "Korean") beside a date says nothing about it
        .where(entities.c.type != "NORP")
        .where(timexes.c.type.in_(["DATE", "TIME"]))
        # a stretch of the calendar only (Timex.on_calendar): "now" (PRESENT_REF), a fiscal year or
        # a date with an unknown year dates nothing on a timeline
        .where(func.substr(timexes.c.value, 1, 1).between("0", "9"))
        # not a dateline (a place in capitals opening the sentence: "CLEVELAND, Ohio - The band
        # will tour in 2020" dates the tour, not Cleveland)
        .where(
            or_(
                mentions.c.start != mentions.c.sent_start,
                mentions.c.text != func.upper(mentions.c.text),
                func.substr(articles.c.text, mentions.c.end + 1, 2).not_in([", ", " ("]),
                entities.c.type.not_in(["GPE", "LOC"]),
            )
        )
        .where(articles.c.duplicate_of.is_(None))
        .distinct()
    )


def _mention_lines(conn: Connection, entity_id: int, page: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's lines with each mention stand-in filled in: its timex words, sentence and article."""
    wanted = {(x["_article"], x["start"], x["date"]) for x in page if x["kind"] == "mention"}
    if not wanted:
        return page
    found: dict[tuple[str, int, str], Any] = {}
    article_ids = sorted({k[0] for k in wanted})
    for i in range(0, len(article_ids), 500):  # bounded IN lists
        rows = conn.execute(
            _dated_mentions(
                entity_id,
                mentions.c.article_id,
                mentions.c.sent_start,
                mentions.c.sent_end,
                timexes.c.value,
                timexes.c.text.label("timex_text"),
                timex_confidence().label("date_confidence"),
                mentions.c.kind.label("mention_kind"),
                _sentence(mentions).label("sentence"),
                *_ARTICLE_COLS,
            ).where(mentions.c.article_id.in_(article_ids[i : i + 500]))
        ).all()
        for r in sorted(rows, key=lambda r: r.mention_kind != "name"):  # a named mention first
            key = (r.article_id, r.sent_start, r.value)
            if key in wanted and key not in found:
                found[key] = r
    out = []
    for x in page:
        if x["kind"] != "mention":
            out.append(x)
            continue
        r = found[(x["_article"], x["start"], x["date"])]
        line = {
            "date": r.value,
            "date_source": "text",
            "kind": "mention",
            "what": r.timex_text,
            "start": r.sent_start,
            "end": r.sent_end,
            "sentence": r.sentence,
            "article": _article_ref(r),
        }
        line = dated({"date_confidence": r.date_confidence}, line, None)
        line["confirmed"] = False
        out.append(line)
    return out


def _line(item: dict[str, Any]) -> dict[str, Any]:
    if "_id" in item:  # a narrow record: its end, sentence and article are read for the page alone
        return {"start": item["start"], "_article": item["_article"], "_fact": item["_id"]}
    return {
        "start": item["start"],
        "end": item["end"],
        "sentence": item["sentence"],
        "article": item["article"],
    }


def _related(conn: Connection, entity_id: int, limit: int = 10) -> list[dict[str, Any]]:
    """Entities most often named in the same sentence as X (sentences counted once each)."""
    other = aliased(mentions)
    pairs = (
        select(other.c.entity_id, other.c.article_id, other.c.sent_start)
        .select_from(mentions)
        .join(
            other,
            and_(other.c.article_id == mentions.c.article_id, other.c.sent_start == mentions.c.sent_start),
        )
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(mentions.c.entity_id == entity_id, other.c.entity_id != entity_id)
        .where(articles.c.duplicate_of.is_(None))
        .distinct()
        .subquery()
    )
    together = func.count().label("count")
    rows = conn.execute(
        select(pairs.c.entity_id, entities.c.name, entities.c.type, together)
        .join(entities, entities.c.id == pairs.c.entity_id)
        .group_by(pairs.c.entity_id, entities.c.name, entities.c.type)
        .order_by(together.desc(), entities.c.name)
        .limit(limit)
    ).all()
    return [{"id": r.entity_id, "name": r.name, "type": r.type, "count": r.count} for r in rows]


def _sources(
    conn: Connection, entity_id: int, limit: int, *, offset: int = 0, oldest_first: bool = False
) -> tuple[list[dict[str, Any]], int | None]:
    """The articles naming X, newest first (or oldest), ``limit`` after ``offset``, with wire copies,
    and how many there are in all (``_source_count``; None when the page is empty: count apart)."""
    published = articles.c.published.asc() if oldest_first else articles.c.published.desc()
    rows = conn.execute(
        select(
            articles.c.id.label("article_id"),
            *_ARTICLE_COLS,
            func.count(mentions.c.id).label("mentions"),
            func.count().over().label("total_"),  # the groups in all, counted in the same pass
        )
        .join(mentions, mentions.c.article_id == articles.c.id)
        .where(mentions.c.entity_id == entity_id)
        .where(articles.c.duplicate_of.is_(None))
        .group_by(articles.c.id, *_ARTICLE_COLS)
        .order_by(published, articles.c.id)
        .limit(limit)
        .offset(offset)
    ).all()
    copies: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if rows:
        for c in conn.execute(
            select(article_sources.c.article_id, article_sources.c.source, article_sources.c.url).where(
                article_sources.c.article_id.in_([r.article_id for r in rows])
            )
        ):
            copies[c.article_id].append({"source": c.source, "url": c.url})
    # every source that carried the same (or a near-duplicate) article, wire copies included
    listed = [
        {
            **_article_ref(r),
            "mentions": r.mentions,
            "also_in": [c for c in copies[r.article_id] if c["source"] != r.source],
        }
        for r in rows
    ]
    return listed, (rows[0].total_ if rows else None)
