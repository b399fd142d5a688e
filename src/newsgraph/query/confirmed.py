"""The default view's filter in SQL and on records: ``newsgraph.trust`` applied to stored facts.

A fact is *confirmed* when ``trust.shown`` accepts it; the queries return confirmed facts unless
asked for every fact (``include_unconfirmed``), and mark each record with ``confirmed`` and
``calibrated`` (the measured precision of facts with its raw confidence).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select

from .. import trust
from ..store.schema import descriptions, events, quotes, relations, timexes

__all__ = [
    "confirmed_clause",
    "is_confirmed",
    "mark",
    "date_confidence",
    "timex_confidence",
    "dated",
    "split",
]

INHERITED_DATE_CONFIDENCE = 0.5

_TABLES = {"quote": quotes, "description": descriptions, "relation": relations, "event": events}


def confirmed_clause(kind: str) -> Any:
    """The SQL condition true for the stored facts of ``kind`` the default view shows."""
    table = _TABLES[kind]
    cond = table.c.confidence >= trust.min_confidence(kind)
    if kind == "quote":
        # a quote is a claim about its speaker: a named one, or one the text gives only by a
        # description ("a company spokesperson"); with neither there is nothing to confirm
        cond = and_(
            cond, or_(quotes.c.speaker_id.is_not(None), func.coalesce(quotes.c.speaker_text, "") != "")
        )
    if kind == "description":
        cond = and_(cond, descriptions.c.entity_id.is_not(None))
    if kind == "relation":
        cond = and_(cond, relations.c.negated.is_(False))
    if kind == "event":
        cond = and_(cond, events.c.negated.is_(False), events.c.hypothetical.is_(False))
    return cond


def is_confirmed(kind: str, record: dict[str, Any]) -> bool:
    """``confirmed_clause`` on a record (its ``confidence``, ``negated``, ``hypothetical``, speaker)."""
    if kind == "quote" and record.get("speaker") is None and not record.get("speaker_text"):
        return False
    return trust.shown(
        kind,
        record.get("confidence"),
        negated=bool(record.get("negated")),
        hypothetical=bool(record.get("hypothetical")),
    )


def mark(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """Add ``confirmed`` and ``calibrated`` to a fact record (in place) and return it."""
    conf = record.get("confidence")
    record["calibrated"] = None if conf is None else round(trust.calibrated(kind, conf), 4)
    record["confirmed"] = is_confirmed(kind, record)
    return record


def timex_confidence() -> Any:
    """The timexes' confidence column, or 1.0 where the schema has none yet."""
    col = timexes.c.get("confidence")
    return col if col is not None else literal(1.0)


def date_confidence(table: Any) -> Any:
    """SQL for the confidence of a fact's date: its own column if stored, else its sentence's timex.

    A date taken from the publication date (``date_source`` ``published``) counts as 1.0 (the line
    says where the date came from); a date from the text with no timex of that value in the fact's
    sentence, carried over from another, counts as ``INHERITED_DATE_CONFIDENCE``.
    """
    own = table.c.get("date_confidence")
    if own is not None:
        return func.coalesce(own, literal(1.0))
    if timexes.c.get("confidence") is None:
        return literal(1.0)
    best = (
        select(func.max(timexes.c.confidence))
        .where(
            timexes.c.article_id == table.c.article_id,
            timexes.c.sent_start == table.c.sent_start,
            timexes.c.value == table.c.date,
        )
        .scalar_subquery()
    )
    # a date from the text with no time expression of that value in the fact's own sentence was
    # carried over from another sentence (a quote continued, an event after a dated one): half as
    # sure (audit r2: such quote dates were wrong more often than right). The publication date is
    # sure of itself: the line says where it came from.
    inherited = literal(INHERITED_DATE_CONFIDENCE)
    if "date_source" in table.c:
        return case((table.c.date_source == "published", literal(1.0)), else_=func.coalesce(best, inherited))
    return func.coalesce(best, inherited)


def dated(item: dict[str, Any], line: dict[str, Any], fact_kind: str | None) -> dict[str, Any]:
    """Mark a timeline line: confirmed when its fact is (if any) and its date is; calibrated multiplies."""
    date_conf = item.get("date_confidence")
    date_conf = 1.0 if date_conf is None else float(date_conf)
    date_ok = trust.shown("dated", date_conf)
    cal = trust.calibrated("dated", date_conf)
    ok = date_ok
    if fact_kind is not None:
        ok = ok and bool(item.get("confirmed"))
        cal *= item.get("calibrated") if item.get("calibrated") is not None else 1.0
    line["date_confidence"] = date_conf
    line["calibrated"] = round(cal, 4)
    line["confirmed"] = ok
    return line


def split(items: list[dict[str, Any]], include_unconfirmed: bool) -> tuple[list[dict[str, Any]], int]:
    """The items a view shows and how many unconfirmed ones it holds back (or shows, marked)."""
    hidden = sum(not i["confirmed"] for i in items)
    return (items if include_unconfirmed else [i for i in items if i["confirmed"]]), hidden


_RECORD_KINDS = {"quotes": "quote", "descriptions": "description", "relations": "relation", "events": "event"}


def mark_record(record: dict[str, Any], include_unconfirmed: bool) -> dict[str, Any]:
    """An article record (the JSON contract) with each fact marked; unconfirmed facts dropped unless asked.

    The record's own fields are kept as they are: only ``confirmed`` and ``calibrated`` are added.
    """
    out = dict(record)
    for key, kind in _RECORD_KINDS.items():
        if key not in record:
            continue
        facts = []
        for fact in record[key] or []:
            item = mark(kind, dict(fact))
            if kind == "description" and fact.get("entity") is None:
                item["confirmed"] = False
            if include_unconfirmed or item["confirmed"]:
                facts.append(item)
        out[key] = facts
    return out
