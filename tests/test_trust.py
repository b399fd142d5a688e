"""newsgraph.trust: calibrated confidence and the default-view threshold; bench/calibrate.py's fit."""

from __future__ import annotations

import csv
import importlib.util
import json
import tomllib
from pathlib import Path

import pytest

from newsgraph import trust

REPO = Path(__file__).resolve().parents[1]

TINY = """
[quote]
status = "calibrated"
threshold = 0.7
cuts = [0.0, 0.5, 0.7]
precision = [0.4, 0.75, 0.95]
n = 120

[description]
status = "provisional"
threshold = 0.85
cuts = []
precision = []
n = 0

[relation]
status = "provisional"
threshold = 0.5
cuts = []
precision = []
n = 0

[event]
status = "calibrated"
threshold = 0.8
cuts = [0.3, 0.8]
precision = [0.2, 0.92]
n = 80

[dated]
status = "provisional"
threshold = 0.6
cuts = []
precision = []
n = 0
"""


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "trust.toml"
    path.write_text(TINY)
    monkeypatch.setenv(trust.ENV_PATH, str(path))
    trust.reload()
    yield path
    monkeypatch.delenv(trust.ENV_PATH)
    trust.reload()


def test_calibrated_is_the_measured_precision_of_the_bin(tiny: Path) -> None:
    assert trust.calibrated("quote", 0.55) == 0.75
    assert trust.calibrated("quote", 0.7) == 0.95  # a cut point opens its bin
    assert trust.calibrated("quote", 0.99) == 0.95
    assert trust.calibrated("event", 0.1) == 0.2  # below the first cut: the lowest bin


def test_before_calibration_the_raw_value_is_returned(tiny: Path) -> None:
    assert trust.calibrated("description", 0.42) == 0.42
    assert trust.threshold("description") == 0.85


def test_shown_needs_the_threshold_and_never_takes_negated_or_hypothetical(tiny: Path) -> None:
    assert trust.shown("quote", 0.7) and not trust.shown("quote", 0.69)
    assert trust.shown("event", 0.9)
    assert not trust.shown("event", 0.9, hypothetical=True)
    assert not trust.shown("event", 0.9, negated=True)
    assert not trust.shown("relation", None)
    assert trust.min_confidence("event") == 0.8


def test_unknown_kind_is_an_error(tiny: Path) -> None:
    with pytest.raises(ValueError, match="unknown fact kind"):
        trust.threshold("rumour")


def test_shipped_table_covers_every_kind_and_never_shows_every_event() -> None:
    trust.reload()
    assert set(trust.KINDS) <= set(tomllib.loads((REPO / "src/newsgraph/data/trust.toml").read_text()))
    assert trust.threshold("event") > 0.0
    for kind in trust.KINDS:
        assert 0.0 < trust.threshold(kind) <= 1.0


# -- bench/calibrate.py ------------------------------------------------------------------------------
def _calibrate():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("calibrate", REPO / "bench" / "calibrate.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_pool_adjacent_violators_gives_a_monotone_step() -> None:
    cal = _calibrate()
    # 0.2: 1 of 2 right, 0.4: 0 of 2 (a violation, pooled with 0.2), 0.6: 3 of 3
    pts = [(0.2, True), (0.2, False), (0.4, False), (0.4, False), (0.6, True), (0.6, True), (0.6, True)]
    blocks = cal.isotonic(pts)
    assert blocks == [(0.2, 0.25, 4), (0.6, 1.0, 3)]
    assert cal.threshold_of(blocks) == 0.6
    lo, hi = cal.wilson(45, 50)
    assert lo < 0.9 < hi and round(lo, 3) == 0.786


def _sheet(folder: Path, rnd: str, rows: list[tuple[str, float, str]], report: bool = False) -> None:
    folder.mkdir(parents=True)
    with (folder / "sheet.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["round", "kind", "confidence", "label"])
        for kind, conf, label in rows:
            w.writerow([rnd, kind, conf, label])
    (folder / "meta.json").write_text(json.dumps({"round": rnd, "report": report}))


def test_calibrate_rewrites_the_table_and_refuses_report_rounds(tmp_path: Path, tiny: Path) -> None:
    cal = _calibrate()
    audits = tmp_path / "audits"
    low = [("event", 0.5, "wrong")] * 20 + [("event", 0.5, "correct")] * 10
    high = [("event", 0.85, "correct")] * 19 + [("event", 0.85, "wrong")]
    _sheet(audits / "r1", "r1", low + high)
    # a report round says every low event is right: it must not move the threshold
    _sheet(audits / "r2", "r2", [("event", 0.5, "correct")] * 200, report=True)
    out = tmp_path / "trust.toml"
    out.write_text(TINY)
    assert cal.main(["--audits", str(audits), "--out", str(out), "--min-labels", "10"]) == 0
    table = tomllib.loads(out.read_text())
    assert table["event"]["status"] == "calibrated"
    assert table["event"]["threshold"] == 0.85 and table["event"]["n"] == 50
    assert table["event"]["precision"] == [pytest.approx(1 / 3, abs=1e-3), 0.95]
    assert table["quote"]["threshold"] == 0.7  # no labels: the old entry is kept
    # --exclude-round drops a training round too: then nothing is fitted for events
    out.write_text(TINY)
    cal.main(["--audits", str(audits), "--out", str(out), "--min-labels", "10", "--exclude-round", "r1"])
    assert tomllib.loads(out.read_text())["event"]["threshold"] == 0.8
