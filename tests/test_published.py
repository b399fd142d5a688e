"""``published`` is checked once, at the door it comes in by, and travels as a ``date`` after that."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.errors import BadDate
from newsgraph.extract import extract
from newsgraph.model import Page, published_date

STORY = (
    "The Harlow ferry union said its crews would stop work for a day after a pay offer was withdrawn.\n\n"
    "Ferries between Harlow and Dunmore carried no passengers on Thursday, the operator said."
)
BAD = ["2024-02-30", "2024-3-9", "09/03/2024", "yesterday", "", "2024-03-09T10:00:00Z", 20240309]
MESSAGE = "published date must be a real date written YYYY-MM-DD (e.g. 2024-03-09), got "


def test_the_one_rule() -> None:
    assert published_date("2024-03-09") == date(2024, 3, 9)
    assert published_date(date(2024, 3, 9)) == date(2024, 3, 9)
    assert published_date(datetime(2024, 3, 9, 23, 30)) == date(2024, 3, 9)
    assert published_date(None) is None


@pytest.mark.parametrize("bad", BAD)
def test_a_bad_date_is_a_coded_value_error(bad: object) -> None:
    with pytest.raises(BadDate) as info:
        published_date(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert info.value.code == "E011"
    assert info.value.what == MESSAGE + repr(bad)


def test_a_page_checks_its_date_when_it_is_made() -> None:
    assert Page(source="x", kind="text", data=STORY, published="2024-03-09").published == date(2024, 3, 9)
    with pytest.raises(BadDate, match="2024-02-30"):
        Page(source="x", kind="text", data=STORY, published="2024-02-30")


def test_extract_writes_the_given_date_as_the_articles_iso_day() -> None:
    page = Page(source="x", kind="text", data=STORY)
    article = extract(page, published=date(2024, 3, 9))
    assert (article.published, article.published_source) == ("2024-03-09", "given")


@pytest.fixture()
def kb(tmp_path: Path) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase(str(tmp_path / "kb.db"))
    yield base
    base.close()


def test_the_api_refuses_a_bad_date_before_reading_anything(kb: KnowledgeBase, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    with pytest.raises(BadDate):
        kb.ingest([str(story)], published="2024-02-30")
    assert kb.stats()["articles"] == 0


def test_the_api_stores_a_pages_date_and_the_given_one(kb: KnowledgeBase) -> None:
    dated = Page(source="a", kind="text", data=STORY, id="dated", published=date(2023, 11, 5))
    undated = Page(source="b", kind="text", data=STORY.replace("Thursday", "Friday"), id="undated")
    summary = kb.ingest([dated, undated], published="2024-03-09")
    assert summary.stored == 2
    assert kb.article("dated")["published"] == "2023-11-05"
    assert kb.article("undated")["published"] == "2024-03-09"


def test_the_cli_keeps_its_words(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ingest", str(story), "--db", str(tmp_path / "kb.db"), "--published", "2024-02-30"]
    )
    assert result.exit_code == 2
    flat = " ".join(result.output.replace("│", " ").split())
    assert "Invalid value for --published" in flat
    assert (MESSAGE + "'2024-02-30'") in flat


def test_post_api_ingest_does_not_drop_a_date_off_the_calendar(tmp_path: Path) -> None:
    """The body's pattern lets '2024-02-30' through; the Page refuses it, so the job fails and says why."""
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    db = str(tmp_path / "kb.db")
    KnowledgeBase(db).close()
    web = create_app(db, token="t0k3n-t0k3n")
    auth = {"Authorization": "Bearer t0k3n-t0k3n"}
    with TestClient(web) as client:
        bad = client.post(
            "/api/ingest?wait=true", headers=auth, json={"text": STORY, "published": "2024-02-30"}
        )
        assert bad.json()["status"] == "failed"
        assert "E011" in bad.json()["reason"] and "'2024-02-30'" in bad.json()["reason"]
        good = client.post(
            "/api/ingest?wait=true", headers=auth, json={"text": STORY, "published": "2024-02-28"}
        )
        [stored] = good.json()["articles"]
        assert client.get(f"/api/articles/{stored}").json()["published"] == "2024-02-28"
    web.state.kb.close()
