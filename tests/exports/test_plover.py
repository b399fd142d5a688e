"""`export --format plover`: PLOVER/POLECAT-style event records, one JSON object a line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.export_plover import PLOVER_FIELDS

runner = CliRunner()


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_event_is_a_plover_record_tied_to_its_sentence(
    research_kb: KnowledgeBase, tmp_path: Path
) -> None:
    out = tmp_path / "events.jsonl"
    n = research_kb.export(out, format="plover", include_unconfirmed=True)
    records = _records(out)
    assert n == len(records) == len(research_kb.events(include_unconfirmed=True, limit=10_000))
    for r in records:
        assert list(r) == PLOVER_FIELDS
        assert r["intensity"] is None and r["fatalities"] is None  # nothing we can cite or read yet
        assert r["event_text"] and r["event_text"].lower() in r["text"].lower()
        start, end = r["source"]["span"]
        assert end - start == len(r["text"])
    protest = next(r for r in records if r["event_type"] == "PROTEST" and r["mode"] == "demonstrate"
                   and r["text"].startswith("Thousands of students"))  # fmt: skip
    assert protest["date"] == "2026-05-02" and protest["date_source"] == "text"
    assert protest["location"]["name"] == "Nairobi" and protest["location"]["country_code"] == "KE"
    assert protest["source"]["title"] == "Students march against fees in Nairobi"
    arrest = next(r for r in records if r["mode"] == "arrest" and r["text"].startswith("Police arrested"))
    assert arrest["event_type"] == "COERCE" and arrest["actor"]["text"]
    deal = next(r for r in records if r["event_type"] == "AGREE" and "Teachers" in r["text"])
    assert deal["actor"]["text"] == "Kenya Teachers Union" and deal["actor"]["entity_type"] == "ORG"
    assert deal["recipient"]["text"] == "Ministry of Education"


def test_default_holds_confirmed_events_and_the_cli_writes_jsonl(research_kb: KnowledgeBase) -> None:
    db = str(research_kb.engine.url.database)
    every = runner.invoke(app, ["export", "--db", db, "--format", "plover", "--all", "--out", "-"])
    default = runner.invoke(app, ["export", "--db", db, "--format", "plover", "--out", "-"])
    assert every.exit_code == default.exit_code == 0, every.output + default.output
    all_records = [json.loads(line) for line in every.stdout.splitlines()]
    shown = [json.loads(line) for line in default.stdout.splitlines()]
    assert shown == [r for r in all_records if r["confirmed"]]
    assert any(not r["confirmed"] for r in all_records)
    assert f"{len(shown)} events written" in default.stderr
