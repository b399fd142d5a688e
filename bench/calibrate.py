"""Fit the trust calibration (``src/newsgraph/data/trust.toml``) from labelled audit sheets.

Reads every labelled sheet under ``bench/audits/`` (CSV with at least ``kind``, ``confidence``,
``label`` = correct/wrong and ``round``), fits per kind a monotone step function from raw
confidence to measured precision (isotonic regression by pool-adjacent-violators), takes as
``threshold`` the lowest raw confidence whose calibrated precision is at least 0.9, and rewrites
trust.toml. Per kind it prints the labels used, the threshold, the precision of the labelled
facts at or above it with a 95% Wilson interval, and how many they are.

Report rounds are never fitted: a round whose ``meta.json`` says ``"report": true`` is refused, as
is one that says ``"fit": false`` (with a ``fit_note`` saying why), and ``--exclude-round NAME``
leaves out any other. A kind with too few labels keeps its old entry.

Run::

    .venv/bin/python bench/calibrate.py [--exclude-round r3] [--min-labels 30] [--dry-run]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AUDITS = REPO / "bench" / "audits"
TRUST = REPO / "src" / "newsgraph" / "data" / "trust.toml"
sys.path.insert(0, str(REPO / "src"))

from newsgraph.trust import KINDS, TARGET, wilson  # noqa: E402

Block = tuple[float, float, int]
NOTHING = 1.0  # no band is precise enough: only a fact of full confidence (the extractors cap theirs below 1)


def isotonic(points: list[tuple[float, bool]]) -> list[Block]:
    """Pool-adjacent-violators: non-decreasing precision over raw confidence, one block per step."""
    blocks: list[list[float]] = []  # [lowest confidence, correct, total]
    for conf, ok in sorted(points, key=lambda p: p[0]):
        if blocks and blocks[-1][0] == conf:  # equal confidences always share a block
            blocks[-1][1] += ok
            blocks[-1][2] += 1
        else:
            blocks.append([conf, float(ok), 1.0])
        # merge backwards while a block is less precise than the one before it
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            low, correct, total = blocks.pop()
            blocks[-1][1] += correct
            blocks[-1][2] += total
    return [(b[0], b[1] / b[2], int(b[2])) for b in blocks]


def threshold_of(blocks: list[Block]) -> float | None:
    """The lowest raw confidence of the first block at TARGET precision (None: no block reaches it)."""
    for low, precision, _ in blocks:
        if precision >= TARGET:
            return low
    return None


def report_rounds(audits: Path) -> set[str]:
    """Rounds never fitted: report rounds (their labels serve nothing else), and rounds whose
    meta.json says ``"fit": false`` with its reason (their labels led to fixes whose worth only
    unseen news can show, and unseen news disagreed)."""
    out = set()
    for meta in audits.glob("*/meta.json"):
        data = json.loads(meta.read_text())
        if data.get("report") or data.get("fit") is False:
            out.add(str(data.get("round") or meta.parent.name))
    return out


def never_shown(row: dict[str, str]) -> bool:
    """A labelled fact no threshold could show (no speaker, no entity, negated or hypothetical).

    The views hold these back whatever their confidence (``query/confirmed.py``), so they say
    nothing about where the threshold should be. Sheets drawn before the ``eligible`` column
    existed are read from the fact as ``bench/audit.py`` writes it.
    """
    if row.get("eligible") in ("False", "false", "0"):
        return True
    fact = row.get("fact") or ""
    kind = row.get("kind")
    if kind == "quote":
        return "SPEAKER: (no speaker)" in fact
    if kind == "description":
        return fact.startswith("? is described")
    if kind == "relation":
        return " NOT " in fact
    if kind == "event":
        return "(negated)" in fact or "(hypothetical)" in fact
    if kind == "dated":  # a line only for a calendar value, and a quote's only with its speaker
        value = fact.removeprefix("DATE ").split(" ", 1)[0]
        return not value[:1].isdigit() or "(no speaker)" in fact
    return False


def read_labels(audits: Path, excluded: set[str]) -> tuple[dict[str, list[tuple[float, bool]]], set[str]]:
    """Labelled (confidence, correct) pairs per kind from every sheet, leaving out excluded rounds
    and facts that no threshold could show."""
    points: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    used: set[str] = set()
    sheets = sorted(audits.rglob("sheet.csv"))
    # a round rescored with the current code (bench/audit.py rescore) is read in its rescored form
    sheets = [
        s.with_name("sheet-rescored.csv") if s.with_name("sheet-rescored.csv").exists() else s for s in sheets
    ]
    for sheet in sheets:
        with sheet.open(newline="") as fh:
            for row in csv.DictReader(fh):
                label = (row.get("label") or "").strip().lower()
                rnd = (row.get("round") or sheet.parent.name).strip()
                if label not in ("correct", "wrong") or row.get("kind") not in KINDS:
                    continue
                if (
                    rnd in excluded
                    or sheet.parent.name in excluded
                    or never_shown(row)
                    or row.get("gone") == "True"
                ):
                    continue
                points[row["kind"]].append((float(row["confidence"]), label == "correct"))
                used.add(rnd)
    return points, used


def _floats(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:.4g}" for v in values) + "]"


def render(entries: dict[str, dict[str, object]], rounds: list[str]) -> str:
    """trust.toml text for the entries (kind -> fields)."""
    provisional = [k for k in KINDS if entries[k]["status"] != "calibrated"]
    lines = [
        "# Which facts newsgraph shows by default: one calibration per fact kind (read by newsgraph.trust).",
        "# Written by bench/calibrate.py; do not edit by hand (rerun it on new labels instead).",
        f"# Fitted on audit rounds: {', '.join(rounds) or 'none'}.",
    ]
    if provisional:
        lines.append(f"# Provisional, not yet calibrated: {', '.join(provisional)} (too few labels).")
    lines += [
        "#",
        "# threshold: the lowest raw confidence shown by default (calibrated precision >= 0.9);",
        "# cuts / precision: isotonic step calibration (bin lower bounds and measured precision); n: labels.",
    ]
    for kind in KINDS:
        e = entries[kind]
        lines += [
            "",
            f"[{kind}]",
            f'status = "{e["status"]}"',
            *[f"# {c}" for c in e.get("comment", [])],  # type: ignore[attr-defined]
            f"threshold = {float(e['threshold']):.4g}",  # type: ignore[arg-type]
            f"cuts = {_floats(e['cuts'])}",  # type: ignore[arg-type]
            f"precision = {_floats(e['precision'])}",  # type: ignore[arg-type]
            f"n = {e['n']}",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    import tomllib

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--audits", type=Path, default=AUDITS, help="folder of labelled sheets")
    ap.add_argument("--out", type=Path, default=TRUST, help="the trust.toml to rewrite")
    ap.add_argument("--exclude-round", action="append", default=[], metavar="NAME",
                    help="leave out this round (repeatable); report rounds are always left out")  # fmt: skip
    ap.add_argument("--min-labels", type=int, default=30, help="fewer labels keep a kind's old entry")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = ap.parse_args(argv)

    reports = report_rounds(args.audits)
    if reports:
        print(f"refusing report rounds: {', '.join(sorted(reports))}", file=sys.stderr)
    points, used = read_labels(args.audits, reports | set(args.exclude_round))
    old = tomllib.loads(args.out.read_text()) if args.out.exists() else {}
    entries: dict[str, dict[str, object]] = {}
    print(f"{'kind':<12} {'n':>4} {'threshold':>9}  {'precision at/above (95% CI)':<28} {'above':>5}")
    for kind in KINDS:
        pts = points.get(kind, [])
        blocks = isotonic(pts)
        cut = threshold_of(blocks)
        if len(pts) < args.min_labels:
            entries[kind] = {**old.get(kind, {"threshold": 1.0, "cuts": [], "precision": [], "n": 0}),
                             "status": old.get(kind, {}).get("status", "provisional"),
                             "comment": [f"kept: {len(pts)} labels, fewer than {args.min_labels}"]}  # fmt: skip
            print(f"{kind:<12} {len(pts):>4} {'(kept)':>9}  too few labels; old entry kept")
            continue
        # no bin reaches the target: nothing is shown by default (a threshold no confidence reaches)
        thr = cut if cut is not None else NOTHING
        above = [ok for c, ok in pts if c >= thr]
        k, n = sum(above), len(above)
        lo, hi = wilson(k, n)
        prec = f"{k / n:.3f} [{lo:.3f}, {hi:.3f}]" if n else "- (nothing above)"
        print(f"{kind:<12} {len(pts):>4} {thr:>9.3f}  {prec:<28} {n:>5}")
        entries[kind] = {
            "status": "calibrated",
            "threshold": thr,
            "cuts": [b[0] for b in blocks],
            "precision": [round(b[1], 4) for b in blocks],
            "n": len(pts),
            "comment": [f"{n} labelled facts at or above the threshold, {k} right"],
        }
    text = render(entries, sorted(used))
    if args.dry_run:
        print(text)
    else:
        args.out.write_text(text)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
