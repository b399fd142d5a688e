"""The dossier orders and counts events and dated quotes from narrow rows and reads the whole record
(sentence, article) of the ones a page lists only: same answers as reading every record, fewer reads."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import and_

from newsgraph.api import KnowledgeBase
from newsgraph.query.confirmed import split
from newsgraph.store.schema import quotes

from .test_dossier_paging import dossier_module, kb  # noqa: F401  (the module-scoped fixture)

D = dossier_module


def every_record_answer(kb: KnowledgeBase, entity: int, **options: Any) -> tuple[list, list, int, int]:  # noqa: F811
    """Events and timeline as the dossier built them before: every event and dated quote read whole."""
    show_all, newest = options.get("include_unconfirmed", False), options.get("order") == "newest"
    offset, limit = options.get("offset", 0), options.get("limit", 50)
    with kb.engine.connect() as conn:
        every = D._events(conn, entity, None)
        shown, _ = split(every, show_all)
        events = D.in_time_order(shown, newest)[offset:][:limit]
        spoken = D._quotes(conn, and_(quotes.c.speaker_id == entity, quotes.c.date.is_not(None)), None, True)
        lines, total, hidden = D.timeline_lines(
            conn, entity, every, spoken, include_unconfirmed=show_all, newest_first=newest, offset=offset,
            limit=limit,
        )  # fmt: skip
    return events, lines, total, hidden


@pytest.mark.parametrize("show_all", [False, True])
@pytest.mark.parametrize("order", ["newest", "oldest"])
@pytest.mark.parametrize(("offset", "limit"), [(0, 50), (2, 3), (6, 2)])
def test_same_answers_as_reading_every_record(
    kb: KnowledgeBase,  # noqa: F811
    show_all: bool,
    order: str,
    offset: int,
    limit: int,
) -> None:
    for name in ("Harbour Workers Alliance", "Tomas Reyes"):
        entity = next(c["id"] for c in kb.find(name) if c["name"] == name)
        events, lines, total, hidden = every_record_answer(
            kb, entity, include_unconfirmed=show_all, order=order, offset=offset, limit=limit
        )
        with kb.engine.connect() as conn:
            got = D.dossier(conn, entity, limit, include_unconfirmed=show_all, order=order,
                            offsets={"events": offset, "timeline": offset})  # fmt: skip
        assert got["events"] == events
        assert got["timeline"] == lines
        assert (got["totals"]["timeline"], got["unconfirmed"]["timeline"]) == (total, hidden)
        assert all(line["sentence"] and line["article"]["id"] for line in got["timeline"])
        assert not any(k.startswith("_") for item in got["events"] + got["timeline"] for k in item)


def test_only_the_listed_events_are_read_whole(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    entity = next(
        c["id"] for c in kb.find("Harbour Workers Alliance") if c["name"] == "Harbour Workers Alliance"
    )
    with kb.engine.connect() as conn:
        assert len(D._events(conn, entity, None)) >= 7
    made: list[Any] = []
    record = D._event_record
    monkeypatch.setattr(D, "_event_record", lambda row: made.append(row.id) or record(row))
    with kb.engine.connect() as conn:
        got = D.dossier(conn, entity, 2, order="newest")
    assert len(got["events"]) == 2 and got["totals"]["events"] >= 7
    # the events page and the timeline page, two lines each, at most
    assert 0 < len(set(made)) <= 4
