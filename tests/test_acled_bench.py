"""The ACLED-style report sets and their bench: well-formed labels, fixed splits, held-out sets that
the bench will not read out, and rounds kept out of the calibration."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import acled_reports  # noqa: E402
import calibrate  # noqa: E402

ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}
CLASSES = {"disaster", "accident", "crime", "sport", "business"}
FILES = ["reports.jsonl", "heldout-r40.jsonl", "heldout.jsonl"]


def _records(name: str) -> list[dict]:
    path = REPO / "bench" / "acled_style" / name
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", FILES)
def test_every_report_is_labelled_one_way(name: str) -> None:
    for r in _records(name):
        assert r["text"].strip() and r["published"][:2] == "20", r["id"]
        if r["conflict"]:
            assert r["event_type"] in ACLED_TYPES and r["sub_event_type"] and not r["non_conflict_class"], r
        else:
            assert r["non_conflict_class"] in CLASSES and not r["event_type"], r


def test_ids_are_unique_across_the_sets() -> None:
    ids = [r["id"] for name in FILES for r in _records(name)]
    assert len(ids) == len(set(ids)) == 350 + 140 + 140


def test_the_split_is_fixed_by_the_id_and_the_reports_read_whole_are_tune() -> None:
    reports = _records("reports.jsonl")
    splits = [acled_reports.split_of(r["id"]) for r in reports]
    assert splits == [acled_reports.split_of(r["id"]) for r in reports]
    assert all(s == "tune" for r, s in zip(reports, splits, strict=True) if r["id"].startswith("af-"))
    assert (splits.count("tune"), splits.count("report")) == (204, 146)
    assert len(acled_reports.load("heldout")) == len(acled_reports.load("r40")) == 140


@pytest.mark.parametrize("split", ["report", "r40", "heldout"])
def test_the_bench_prints_no_detail_of_a_held_out_split(split: str) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "acled_reports.py"), "--split", split, "--detail"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "only the tune split may be read" in done.stderr


def test_what_newsgraph_is_given_holds_no_label() -> None:
    report = _records("heldout.jsonl")[0]
    assert set(acled_reports._ingested(report)) == {"id", "text", "published"}


def test_rounds_marked_not_to_fit_are_left_out_of_the_calibration() -> None:
    skipped = calibrate.report_rounds(REPO / "bench" / "audits")
    assert {
        "r37-acled-tune",
        "r38-acled-tune",
        "r39-acled-report",
        "r41-acled-heldout",
        "r42-report",
    } <= skipped
    assert "r35-report" not in skipped  # a development round is fitted
