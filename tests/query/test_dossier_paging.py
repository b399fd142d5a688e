"""The dossier's lists tell the truth: totals, newest or oldest first, pages that join up; the
timeline reads the sentences of the lines it lists, not of every dated mention."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.writer import write_facts

from .conftest import build, write_corpus

dossier_module = importlib.import_module("newsgraph.query.dossier")

LISTS = ("events", "quotes_by", "quotes_about", "timeline", "sources")
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def rally(n: int) -> Any:
    """One more article about the Alliance: a dated rally, a dated quote by Reyes about Meridian
    Shipping, and a sentence naming the Alliance beside a year (a mention line)."""
    day = f"2026-04-{n + 1:02d}"
    words = f"the rally number {n} is for the docks"
    return build(
        f"r{n}",
        day,
        [
            f"The Harbour Workers Alliance held rally {n} at the gates on {WEEKDAYS[n % 7]}.",
            f'"{words}, and Meridian Shipping knows it," said Tomas Reyes.',
            f"The Alliance was smaller in {2000 + n}.",
        ],
        ["hwa", "reyes", "meridian"],
        timexes=[(WEEKDAYS[n % 7], day), (f"in {2000 + n}", str(2000 + n))],
        quotes=[(f"{words}, and Meridian Shipping knows it,", "reyes", day)],
        events=[{"type": "PROTEST", "actor": "hwa", "sentence": 0, "date": day, "trigger": "rally"}],
    )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    if request.param == "sqlite":
        db: Path | str = tmp_path_factory.mktemp("pagingkb") / "kb.db"
    else:
        db = request.getfixturevalue("pg_module_url")
    base = KnowledgeBase(db)
    write_corpus(base)
    for n in range(7):  # one a weekday: two alike but for the number would be near-duplicates
        write_facts(base.engine, rally(n))
    yield base
    base.close()


@pytest.fixture
def ids(kb: KnowledgeBase) -> Callable[[str], int]:
    return lambda name: next(c["id"] for c in kb.find(name) if c["name"] == name)


def who(kb: KnowledgeBase, entity: int, **options: Any) -> dict[str, Any]:
    with kb.engine.connect() as conn:
        return dossier_module.dossier(conn, entity, **options)


def timeline(kb: KnowledgeBase, entity: int, **options: Any) -> dict[str, Any]:
    from newsgraph.query.timeline import timeline as query_timeline

    with kb.engine.connect() as conn:
        return query_timeline(conn, entity, **options)


def key(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["article"]["id"] if "article" in item else item["id"], item.get("start"), item.get("kind"))


@pytest.mark.parametrize("show_all", [False, True])
def test_totals_count_what_the_view_holds(
    kb: KnowledgeBase, ids: Callable[[str], int], show_all: bool
) -> None:
    for name in ("Harbour Workers Alliance", "Tomas Reyes", "Meridian Shipping"):
        whole = who(kb, ids(name), limit=500, include_unconfirmed=show_all, order="newest")
        cut = who(kb, ids(name), limit=3, include_unconfirmed=show_all, order="newest")
        for section in LISTS:
            assert cut["totals"][section] == whole["totals"][section] == len(whole[section]), (name, section)
            assert len(cut[section]) == min(3, len(whole[section]))
    hwa = who(kb, ids("Harbour Workers Alliance"), limit=3, include_unconfirmed=show_all)
    assert hwa["totals"]["events"] >= 9 and hwa["totals"]["sources"] == 10  # 3 shown of many
    reyes = who(kb, ids("Tomas Reyes"), limit=3, include_unconfirmed=show_all)
    assert reyes["totals"]["quotes_by"] == 9  # a1, a3 and seven rallies (the reprint not counted)


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_pages_join_up_to_the_whole_list(kb: KnowledgeBase, ids: Callable[[str], int], order: str) -> None:
    for name in ("Harbour Workers Alliance", "Tomas Reyes", "Meridian Shipping"):
        whole = who(kb, ids(name), limit=500, include_unconfirmed=True, order=order)
        for section in LISTS:
            joined: list[dict[str, Any]] = []
            for offset in range(0, whole["totals"][section] + 3, 3):
                joined += who(kb, ids(name), limit=3, include_unconfirmed=True, order=order,
                              offsets={section: offset})[section]  # fmt: skip
            assert [key(i) for i in joined] == [key(i) for i in whole[section]], (name, section)


def test_newest_first_is_the_reverse_of_oldest_first(kb: KnowledgeBase, ids: Callable[[str], int]) -> None:
    hwa = ids("Harbour Workers Alliance")
    new = who(kb, hwa, limit=500, include_unconfirmed=True, order="newest")
    old = who(kb, hwa, limit=500, include_unconfirmed=True, order="oldest")
    for section in ("timeline", "quotes_about", "sources"):
        assert [key(i) for i in new[section]] == [key(i) for i in old[section]][::-1], section
    assert new["timeline"][0]["date"] == "2026-04-07" and old["timeline"][0]["date"] == "2000"
    # undated events stay last whichever way the list runs
    assert [e["date"] for e in new["events"]][-1] is None and [e["date"] for e in old["events"]][-1] is None
    assert [e["date"] for e in new["events"]][0] == "2026-04-07"


def test_the_library_order_is_unchanged(kb: KnowledgeBase, ids: Callable[[str], int]) -> None:
    hwa = ids("Harbour Workers Alliance")
    plain = who(kb, hwa, limit=500, include_unconfirmed=True)
    old = who(kb, hwa, limit=500, include_unconfirmed=True, order="oldest")
    new = who(kb, hwa, limit=500, include_unconfirmed=True, order="newest")
    for section in ("events", "timeline", "quotes_by", "quotes_about"):
        assert plain[section] == old[section], section
    assert plain["sources"] == new["sources"]  # the sources list has always run newest first
    with pytest.raises(ValueError, match="order"):
        who(kb, hwa, order="sideways")


def test_the_timeline_reads_only_the_sentences_of_its_page(
    kb: KnowledgeBase, ids: Callable[[str], int], monkeypatch: pytest.MonkeyPatch
) -> None:
    hwa = ids("Harbour Workers Alliance")
    whole = timeline(kb, hwa, include_unconfirmed=True, limit=2000)
    mentions = [line for line in whole["timeline"] if line["kind"] == "mention"]
    assert len(mentions) >= 7  # "The Alliance was smaller in 2003."
    assert all(line["sentence"].startswith("The Alliance was smaller in") for line in mentions)

    filled: list[int] = []
    real = dossier_module._mention_lines

    def spy(conn: Any, entity_id: int, page: list[dict[str, Any]]) -> list[dict[str, Any]]:
        filled.append(sum(line["kind"] == "mention" and "_article" in line for line in page))
        return real(conn, entity_id, page)

    monkeypatch.setattr(dossier_module, "_mention_lines", spy)
    for offset in (0, 2, 7):
        part = timeline(kb, hwa, include_unconfirmed=True, limit=2, offset=offset)
        assert part["timeline"] == whole["timeline"][offset : offset + 2]  # the same lines, word for word
        assert part["total"] == whole["total"]
    assert filled and max(filled) <= 2
    filled.clear()
    confirmed = timeline(kb, hwa, limit=2000)
    assert confirmed["unconfirmed"] == whole["unconfirmed"] >= len(mentions)
    assert filled == [0]  # the default view counts mention lines, it never reads their sentences
