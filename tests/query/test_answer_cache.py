"""Dossiers kept in memory: the same answer as a fresh build, a copy per caller, and never kept past
a write (a page stored or a correction made, by this KnowledgeBase or another one on the same store)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsgraph.api import KnowledgeBase
from newsgraph.query.answers import AnswerCache
from newsgraph.web.app import create_app
from newsgraph.web.models import Dossier
from newsgraph.web.routes_api import dossier_data
from newsgraph.writer import write_facts

from .conftest import build, write_corpus


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """A store holding the query corpus, on each backend (PostgreSQL when NEWSGRAPH_TEST_PG is set)."""
    if request.param == "sqlite":
        where: str | Path = tmp_path / "kb.db"
    else:
        where = request.getfixturevalue("pg_url")
    with KnowledgeBase(where) as kb:
        write_corpus(kb)
    return where


def _reyes(kb: KnowledgeBase) -> int:
    return next(c["id"] for c in kb.find("Tomas Reyes") if c["name"] == "Tomas Reyes")


def _late_article() -> object:
    return build(
        "a9",
        "2026-04-02",
        ['"The port is ours again," said Tomas Reyes.', "Tomas Reyes led a march through Springfield."],
        ["reyes"],
        quotes=[("The port is ours again,", "reyes", "2026-04-02")],
    )


def test_a_kept_dossier_is_the_fresh_one_and_each_caller_gets_a_copy(db: str | Path) -> None:
    with KnowledgeBase(db) as kb, KnowledgeBase(db, cache=0) as plain:
        reyes = _reyes(kb)
        first = kb.who(entity_id=reyes)
        first["quotes_by"].clear()  # a caller changing its answer changes no one else's
        again = kb.who(entity_id=reyes)
        assert kb.answers.hits == 1 and kb.answers.misses == 1
        assert again == plain.who(entity_id=reyes)
        assert len(again["quotes_by"]) == 2
        # another view of the same entity is another answer
        kb.who(entity_id=reyes, include_unconfirmed=True)
        kb.who(entity_id=reyes, order="oldest")
        assert kb.answers.misses == 3


def test_a_page_stored_by_another_process_makes_the_kept_dossier_stale(db: str | Path) -> None:
    with KnowledgeBase(db) as reader, KnowledgeBase(db) as writer:
        reyes = _reyes(reader)
        before = reader.who(entity_id=reyes)
        assert "The port is ours again," not in [q["text"] for q in before["quotes_by"]]
        write_facts(writer.engine, _late_article())  # type: ignore[arg-type]
        after = reader.who(entity_id=reyes)
        assert "The port is ours again," in [q["text"] for q in after["quotes_by"]]
        assert after["totals"]["quotes_by"] == before["totals"]["quotes_by"] + 1
        assert reader.answers.hits == 0


def test_a_correction_makes_the_kept_dossier_stale(db: str | Path) -> None:
    with KnowledgeBase(db) as reader, KnowledgeBase(db) as editor:
        reyes = _reyes(reader)
        assert "T. Reyes" not in reader.who(entity_id=reyes)["aliases"]
        editor.add_alias(f"#{reyes}", "T. Reyes")
        assert "T. Reyes" in reader.who(entity_id=reyes)["aliases"]


def test_the_dossier_page_is_kept_until_the_store_changes(db: str | Path) -> None:
    with KnowledgeBase(db) as kb, KnowledgeBase(db) as writer:
        client = TestClient(create_app(kb=kb))
        reyes = _reyes(kb)
        first = client.get(f"/entities/{reyes}")
        assert first.status_code == 200 and "text/html" in first.headers["content-type"]
        again = client.get(f"/entities/{reyes}")
        assert again.text == first.text and kb.answers.hits >= 1
        as_json = client.get(f"/entities/{reyes}?format=json")  # the same path asked as JSON is its own page
        assert as_json.headers["content-type"].startswith("application/json")
        assert as_json.json()["name"] == "Tomas Reyes"
        assert "The port is ours again" not in first.text
        write_facts(writer.engine, _late_article())  # type: ignore[arg-type]
        assert "The port is ours again" in client.get(f"/entities/{reyes}").text


def test_the_cache_keeps_the_latest_answers_only() -> None:
    cache = AnswerCache(2)
    built: list[str] = []

    def answer(key: str, mark: int = 1) -> str:
        return cache.answer(key, lambda: built.append(key) or key.upper(), lambda: mark)

    assert [answer("a"), answer("b"), answer("a"), answer("c")] == ["A", "B", "A", "C"]
    assert built == ["a", "b", "c"]  # "a" was kept
    answer("b")  # "b" went when "c" came ("a" had been asked for since)
    assert built == ["a", "b", "c", "b"]
    answer("c", mark=2)  # a new watermark: built again
    assert built[-1] == "c"
    with pytest.raises(ValueError):
        AnswerCache(-1)
    off = AnswerCache(0)
    assert off.answer("k", lambda: 1, lambda: pytest.fail("no cache reads no mark")) == 1


def test_the_api_dossier_is_what_fastapi_makes_of_it_through_the_response_model(db: str | Path) -> None:
    """The route serialises the dossier itself (to keep the bytes); FastAPI's own response_model
    handling of the same dict, in an app of its own, gives the same JSON."""
    with KnowledgeBase(db) as kb:
        reyes = _reyes(kb)
        plain = FastAPI()

        @plain.get("/dossier", response_model=Dossier)
        def through_the_model() -> dict[str, Any]:
            return dossier_data(kb, reyes, 50, True, {"order": "oldest", "offsets": {}})

        expected = TestClient(plain).get("/dossier")
        client = TestClient(create_app(kb=kb))
        for _ in range(2):  # built, then kept
            got = client.get(f"/api/entities/{reyes}?all=true&order=oldest")
            assert got.status_code == 200 and got.headers["content-type"] == "application/json"
            assert got.content == expected.content
        assert client.get("/api/entities/999999").status_code == 404


def test_callers_asking_while_an_answer_is_built_wait_for_it() -> None:
    cache = AnswerCache(4)
    started, release = threading.Event(), threading.Event()
    builds: list[int] = []

    def slow() -> list[int]:
        builds.append(1)
        started.set()
        release.wait(5)
        return [1, 2, 3]

    with ThreadPoolExecutor(6) as pool:
        first = pool.submit(cache.answer, "heavy", slow, lambda: 7)
        started.wait(5)
        rest = [pool.submit(cache.answer, "heavy", slow, lambda: 7) for _ in range(5)]
        release.set()
        answers = [first.result(5)] + [f.result(5) for f in rest]
    assert builds == [1] and answers == [[1, 2, 3]] * 6
    assert cache.misses == 1 and cache.hits == 5

    def broken() -> None:
        raise RuntimeError("the store went away")

    with pytest.raises(RuntimeError):
        cache.answer("other", broken, lambda: 7)
    assert cache.answer("other", lambda: "built", lambda: 7) == "built"  # a failed build keeps nothing
