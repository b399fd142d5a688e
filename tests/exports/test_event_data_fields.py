"""The event-data fields (fatalities, injured, actor and recipient sectors, admin level, geo precision)
in event records, the CSV/JSONL/Parquet events table, and the ACLED and PLOVER exports. The page is
written for these tests."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.query.events import EVENT_COLUMNS

PAGE = """Clashes in Mombasa leave five dead

By Dana Whitfield

Police fired on protesters in Mombasa on Monday, killing five people and wounding 23, witnesses said, after a week of rising anger over the price of bread and fuel in the port city.

Soldiers attacked a rebel camp in Kenya on Tuesday, the army said in a statement read on state radio, without giving any details of losses on either side.

Thousands of protesters demonstrated in Nairobi against the killings, marching from the university to the parliament building while shops along the route stayed shut.

Government troops clashed with insurgents in Texas, an unrelated report said, and the fighting there was said to have gone on for most of the night.
"""

NEW_FIELDS = ["admin_level", "geo_precision", "fatalities", "injured", "actor_sector", "recipient_sector"]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    folder = tmp_path_factory.mktemp("casualties")
    page = folder / "mombasa-clashes.txt"
    page.write_text(PAGE, encoding="utf-8")
    kb = KnowledgeBase(folder / "kb.db")
    kb.ingest([str(page)])
    yield kb
    kb.close()


def _by_sentence(records: list[dict], start: str, key: str = "sentence") -> dict:
    found = [r for r in records if r[key].startswith(start)]
    assert found, [r[key] for r in records]
    return found[0]


def test_event_records_carry_the_new_fields(kb: KnowledgeBase) -> None:
    events = kb.events(include_unconfirmed=True, limit=100)
    assert all(set(NEW_FIELDS) <= set(e) for e in events)
    shooting = _by_sentence(events, "Police fired")
    assert (shooting["fatalities"], shooting["injured"], shooting["actor_sector"]) == (5, 23, "police")
    # the killing, told after a comma, happened where its main clause did ("fired on protesters in
    # Mombasa"): the sentence's town, not the headline's as a fallback
    assert (shooting["place"], shooting["geo_precision"]) == ("Mombasa", "place")
    protest = _by_sentence(events, "Thousands of protesters")
    assert (protest["actor_sector"], protest["fatalities"]) == ("protesters", None)
    assert (protest["place"], protest["geo_precision"], protest["admin_level"]) == ("Nairobi", "place", None)
    assert protest["lat"] == pytest.approx(-1.28, abs=0.05)
    camp = _by_sentence(events, "Soldiers attacked")
    assert (camp["actor_sector"], camp["geo_precision"], camp["admin_level"]) == ("military", "country", 0)
    assert camp["country_code"] == "KE" and camp["lat"] is None  # no centroid guessed for a country
    clash = _by_sentence(events, "Government troops")
    assert (clash["actor_sector"], clash["recipient_sector"]) == ("military", "rebels")
    assert (clash["geo_precision"], clash["admin_level"], clash["country_code"]) == ("region", 1, "US")


def test_the_events_table_has_the_columns_last(kb: KnowledgeBase, tmp_path: Path) -> None:
    assert EVENT_COLUMNS[-len(NEW_FIELDS) :] == NEW_FIELDS
    out = tmp_path / "events.csv"
    kb.export(out, format="csv", table="events", include_unconfirmed=True)
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == EVENT_COLUMNS
    shooting = _by_sentence(rows, "Police fired")
    assert (shooting["fatalities"], shooting["injured"]) == ("5", "23")
    assert _by_sentence(rows, "Thousands")["fatalities"] == ""  # null, never 0
    jsonl = tmp_path / "events.jsonl"
    kb.export(jsonl, format="jsonl", table="events", include_unconfirmed=True)
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert _by_sentence(records, "Police fired")["fatalities"] == 5
    assert _by_sentence(records, "Thousands")["fatalities"] is None


def test_parquet_types_the_counts_as_integers(kb: KnowledgeBase, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    kb.export(out, format="parquet", table="events", include_unconfirmed=True)
    table = pq.read_table(out)
    assert str(table.schema.field("fatalities").type) == "int64"
    assert 5 in table.column("fatalities").to_pylist()


def test_acled_fatalities_and_plover_casualties_and_sectors(kb: KnowledgeBase, tmp_path: Path) -> None:
    acled = tmp_path / "acled.csv"
    kb.export(acled, format="acled", include_unconfirmed=True)
    with acled.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    shooting = _by_sentence(rows, "Police fired", key="notes")
    assert (shooting["fatalities"], shooting["injured"], shooting["actor1_sector"]) == ("5", "23", "police")
    assert all(r["fatalities"] == "" for r in rows if r is not shooting)
    protest = _by_sentence(rows, "Thousands of protesters", key="notes")
    assert (protest["geo_precision"], protest["newsgraph_geo_precision"]) == ("1", "place")
    plover = tmp_path / "plover.jsonl"
    kb.export(plover, format="plover", include_unconfirmed=True)
    records = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    shot = _by_sentence(records, "Police fired", key="text")
    assert (shot["fatalities"], shot["injured"], shot["actor"]["sector"]) == (5, 23, "police")
    clash = _by_sentence(records, "Government troops", key="text")
    assert clash["recipient"]["sector"] == "rebels"
    assert (clash["location"]["geo_precision"], clash["location"]["admin_level"]) == ("region", 1)
