"""Event records say where their place and date come from: a place only the article names (its
dateline) is marked as a fallback, a date is given in words beside its TIMEX3 value, and a date
taken from the publication day says so; in the query records, the CSV columns, the CLI table and
the web events page."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.model import Article, Event, Facts
from newsgraph.query import find_events
from newsgraph.query.events import EVENT_COLUMNS, flat_event
from newsgraph.store import connect
from newsgraph.web import create_app
from newsgraph.writer import write_facts

BODY = (
    "KABUL, Afghanistan (AP) — Police arrested three men on Tuesday. "
    "The council banned the march in Velmar in September 2019."
)


def _db(tmp_path: Path) -> Path:
    first = BODY.index("Police")
    second = BODY.index("The council")
    facts = Facts(
        article=Article(id="a1", source="a1.txt", text=BODY, title="Arrests", published="2026-03-12"),
        events=[
            Event(type="ARREST", start=first, end=second - 1, trigger="arrested", date="2026-03-12",
                  date_source="published", place={"name": "Kabul", "country_code": "AF",
                                                  "precision": "article", "source": "dateline"}),
            Event(type="RESTRICT", start=second, end=len(BODY), trigger="banned", date="2019-09",
                  date_source="text", place={"name": "Velmar", "precision": "sentence", "source": "text"}),
        ],
    )  # fmt: skip
    db = tmp_path / "kb.db"
    engine = connect(str(db))
    write_facts(engine, facts)
    engine.dispose()
    return db


def test_event_records_and_csv_carry_place_and_date_markers(tmp_path: Path) -> None:
    engine = connect(str(_db(tmp_path)), create=False)
    with engine.connect() as conn:
        found = {e["type"]: e for e in find_events(conn, include_unconfirmed=True)}
    arrest, ban = found["ARREST"], found["RESTRICT"]
    assert (arrest["place"], arrest["place_precision"], arrest["place_source"]) == (
        "Kabul",
        "article",
        "dateline",
    )
    assert (ban["place"], ban["place_precision"], ban["place_source"]) == ("Velmar", "sentence", "text")
    assert (arrest["date"], arrest["date_precision"], arrest["date_text"]) == (
        "2026-03-12", "day", "around the publication date",
    )  # fmt: skip
    assert (ban["date"], ban["date_precision"], ban["date_text"]) == ("2019-09", "month", "September 2019")
    row = flat_event(ban)
    assert list(row) == EVENT_COLUMNS
    assert {k: row[k] for k in ("place_precision", "place_source", "date_precision", "date_text")} == {
        "place_precision": "sentence", "place_source": "text", "date_precision": "month",
        "date_text": "September 2019",
    }  # fmt: skip
    engine.dispose()


def test_cli_events_table_marks_fallback_place_and_publication_date(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = CliRunner().invoke(app, ["events", "--db", str(db), "--all"], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert "Kabul (dateline)" in out.output
    assert "12 March 2026 (published)" in out.output
    assert "September 2019 [2019-09]" in out.output
    assert "Velmar (" not in out.output  # its own sentence names it: no marker


def test_web_events_page_marks_fallback_place_and_publication_date(tmp_path: Path) -> None:
    with TestClient(create_app(_db(tmp_path))) as client:
        page = client.get("/events", params={"all": "true"}).text
    assert "Kabul (dateline)" in page
    assert "12 March 2026 (published)" in page
    assert "September 2019" in page and "2019-09" in page
    assert "Velmar (" not in page
