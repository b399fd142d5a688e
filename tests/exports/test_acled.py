"""`export --format acled`: an ACLED-shaped events CSV, read back by its column names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.export import ExportError
from newsgraph.export_acled import ACLED_COLUMNS, acled_type
from newsgraph.store.schema import events

ACLED_NAMES = ["event_id", "event_date", "year", "time_precision", "disorder_type", "event_type",
               "sub_event_type", "actor1", "assoc_actor_1", "actor2", "country", "location", "latitude",
               "longitude", "geo_precision", "source", "notes", "fatalities", "confidence", "url"]  # fmt: skip
runner = CliRunner()


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_mapping_file_gives_acled_types_and_leaves_out_what_does_not_fit() -> None:
    assert acled_type("PROTEST", "demonstrate") == {
        "event_type": "Protests", "sub_event_type": "Peaceful protest", "disorder_type": "Demonstrations",
    }  # fmt: skip
    assert acled_type("PROTEST", "riot")["event_type"] == "Riots"
    assert acled_type("COERCE", "arrest")["sub_event_type"] == "Arrests"
    assert acled_type("ASSAULT", "sexual")["sub_event_type"] == "Sexual violence"
    # an abduction is violence against the one taken, not an arrest
    assert acled_type("ASSAULT", "abduct") == {
        "event_type": "Violence against civilians",
        "sub_event_type": "Abduction/forced disappearance",
        "disorder_type": "Political violence",
    }
    assert acled_type("ASSAULT", None)["event_type"] == "Violence against civilians"
    # a strike from the air, on fighters or on civilians, is remote violence
    for plover in ("FIGHT", "ASSAULT"):
        assert acled_type(plover, "aerial") == {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "disorder_type": "Political violence",
        }
    assert acled_type("ASSAULT", "a-mode-not-listed")["event_type"] == "Violence against civilians"
    # a strike is a PROTEST, but ACLED codes no strike in which people stay away from work
    assert acled_type("PROTEST", "strike") is None
    assert acled_type("AGREE", None) is None and acled_type("COERCE", None) is None


def test_acled_csv_reads_back_by_column_names(research_kb: KnowledgeBase, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    counts: dict = {}
    written = research_kb.export(out, format="acled", include_unconfirmed=True, counts=counts)
    rows = _read(out)
    assert list(rows[0]) == ACLED_COLUMNS and ACLED_COLUMNS[: len(ACLED_NAMES)] == ACLED_NAMES
    assert written == len(rows) > 0
    protest = next(r for r in rows if r["notes"].startswith("Thousands of students demonstrated"))
    assert protest["event_type"] == "Protests" and protest["sub_event_type"] == "Peaceful protest"
    assert protest["disorder_type"] == "Demonstrations"
    assert (protest["event_date"], protest["year"], protest["time_precision"]) == ("2026-05-02", "2026", "1")
    assert (protest["country"], protest["location"], protest["geo_precision"]) == ("Kenya", "Nairobi", "1")
    assert float(protest["latitude"]) == pytest.approx(-1.28, abs=0.05)
    arrest = next(r for r in rows if r["notes"].startswith("Police arrested 14 students"))
    assert arrest["sub_event_type"] == "Arrests" and arrest["disorder_type"] == "Strategic developments"
    assert arrest["actor1"] and arrest["location"] == "Nairobi"
    # every row: an ACLED type, the sentence, no fatalities guessed
    for r in rows:
        assert r["event_type"] and r["sub_event_type"] and r["notes"]
        assert r["fatalities"] == "" and r["assoc_actor_1"] == ""
        assert acled_type(r["plover_type"], r["plover_mode"] or None)["event_type"] == r["event_type"]
    # the rest were left out and counted: the two example pages' strikes, the deals, the consultations
    left = counts["left_out"]
    assert left["AGREE"] >= 2 and left["PROTEST/strike"] >= 1
    assert written + sum(left.values()) == len(research_kb.events(include_unconfirmed=True, limit=10_000))


def test_dates_from_the_publication_day_or_coarser_than_a_day_give_no_event_date(
    research_kb: KnowledgeBase, tmp_path: Path
) -> None:
    out = tmp_path / "acled.csv"
    research_kb.export(out, format="acled", include_unconfirmed=True)
    rows = _read(out)
    assert {"day", "week"} <= {r["date_precision"] for r in rows if r["date_source"] == "text"}
    for r in rows:
        if r["date_source"] != "text":
            assert r["event_date"] == r["year"] == r["time_precision"] == ""
        elif r["date_precision"] == "week":  # the example's arrests "last week"
            assert r["event_date"] == "" and r["time_precision"] == "2" and r["year"] == r["date"][:4]
        elif r["date_precision"] == "day":
            assert r["event_date"] == r["date"] and r["time_precision"] == "1"


def test_the_default_holds_confirmed_events_only(research_kb: KnowledgeBase, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    research_kb.export(out, format="acled", include_unconfirmed=True)
    sure = next(r for r in _read(out) if r["sub_event_type"] == "Arrests" and r["location"] == "Nairobi")
    event_id = int(sure["event_id"])
    with research_kb.engine.begin() as conn:  # the arrest made certain: the default view shows it
        before = conn.execute(select(events.c.confidence).where(events.c.id == event_id)).scalar()
        conn.execute(update(events).where(events.c.id == event_id).values(confidence=1.0))
    try:
        research_kb.export(out, format="acled", include_unconfirmed=True)
        everything = _read(out)
        default = tmp_path / "default.csv"
        n = research_kb.export(default, format="acled")
        shown = _read(default)
        assert n == len(shown) == sum(r["confirmed"] == "True" for r in everything) < len(everything)
        assert all(r["confirmed"] == "True" for r in shown)
        assert sure["event_id"] in {r["event_id"] for r in shown}
    finally:
        with research_kb.engine.begin() as conn:
            conn.execute(update(events).where(events.c.id == event_id).values(confidence=before))


def test_cli_writes_the_csv_and_counts_what_it_left_out_on_stderr(
    research_kb: KnowledgeBase, tmp_path: Path
) -> None:
    db = str(research_kb.engine.url.database)
    result = runner.invoke(app, ["export", "--db", db, "--format", "acled", "--all", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("event_id,event_date,year,time_precision,disorder_type")
    assert "events left out (no fitting ACLED type)" in result.stderr and "AGREE" in result.stderr
    assert "AGREE" not in result.stdout.split("\n", 1)[0]
    with pytest.raises(ExportError, match="writes the events"):
        research_kb.export(tmp_path / "x.csv", format="acled", table="quotes")
