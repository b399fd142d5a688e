"""Short conflict reports of the kind ACLED codes, and look-alikes that are no conflict: does newsgraph
code the right kind of event, and does it keep quiet about earthquakes, crashes, crime and sport?

The reports (``bench/acled_style/reports.jsonl``) were written for this bench by four helper
sessions from a brief (``bench/acled_style/BRIEF.md``) without seeing newsgraph's code or output:
each report carries ACLED's event type and sub-event type, or the class of a non-conflict report
(disaster, accident, crime, sport, business). They are ingested as a JSONL file through
``KnowledgeBase.ingest``, as a user would, and every report is scored:

- **conflict reports**: the share with an event of a fitting PLOVER type (Battles: FIGHT;
  Explosions/Remote violence: FIGHT or ASSAULT; Violence against civilians: ASSAULT; Protests:
  PROTEST; Riots: PROTEST or ASSAULT; Strategic developments: by sub-event type, e.g. Arrests:
  COERCE), and the share whose event exports to the same ACLED event type through our own ACLED
  mapping (``newsgraph export --format acled``);
- **non-conflict reports**: the share with a violent or protest event (FIGHT, ASSAULT, PROTEST).

Each is given for every stored event that happened (neither negated nor hypothetical; ``--all``)
and for the events shown by default, beside a keyword baseline measured in the same run: every word
that matches a trigger of our own event lexicon codes its type, with no sense checks, roles or
certainty.

Splits: a report of ``reports.jsonl`` is ``tune`` or ``report`` by a hash of its id (the ``af-``
reports, read whole while the set was checked, are all tune). The tune half may be read and prints
its misses and false events with ``--detail``. The report half was held out until its shown events
were labelled (audit round r39): fixes followed seven of its errors, so its sentences are no longer
unseen. ``r40`` (``heldout-r40.jsonl``, 140 reports written afterwards by two more helpers from the same
brief) was never read, but its shown events were labelled (round r40: 15 of 25 right), and that
figure decided that violence and protest are not shown by default: it is no longer a clean held-out
set. ``heldout`` (``heldout.jsonl``, 140 more reports by two more helpers, written after that
decision) has never been read: the bench prints only its totals, and no rule may come from it. That
is the figure to quote.

Run: ``.venv/bin/python bench/acled_reports.py [--split tune|report|r40|heldout|all] [--detail] [--jsonl PATH]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "acled_style" / "reports.jsonl"
# written afterwards by two more helpers from the same brief, never read: the figure to quote
HELDOUT = REPO / "bench" / "acled_style" / "heldout.jsonl"
# the first held-out set: never read, but its shown events were labelled (r40), and that measurement
# decided that violence and protest are not shown: no longer a clean held-out figure
HELDOUT_R40 = REPO / "bench" / "acled_style" / "heldout-r40.jsonl"
sys.path.insert(0, str(REPO / "src"))

# the first helper's reports, read whole while the set was checked: never held out
READ_WHOLE = ("af-",)
VIOLENT_OR_PROTEST = frozenset({"FIGHT", "ASSAULT", "PROTEST"})
# ACLED event type -> the PLOVER types that fit it
FITTING = {
    "Battles": {"FIGHT"},
    "Explosions/Remote violence": {"FIGHT", "ASSAULT"},
    "Violence against civilians": {"ASSAULT"},
    "Protests": {"PROTEST"},
    "Riots": {"PROTEST", "ASSAULT"},
}
# Strategic developments: by sub-event type
FITTING_STRATEGIC = {
    "Arrests": {"COERCE"},
    "Agreement": {"AGREE"},
    "Looting/property destruction": {"COERCE", "ASSAULT"},
    "Headquarters or base established": {"MOBILIZE"},
    "Non-violent transfer of territory": {"RETREAT", "CONCEDE"},
    "Change to group/activity": {"MOBILIZE", "RETREAT", "CONCEDE", "AGREE", "COERCE"},
    "Disrupted weapons use": {"COERCE"},
    "Other": {"COERCE", "MOBILIZE", "RETREAT", "CONCEDE", "AGREE"},
}


def split_of(report_id: str) -> str:
    """``tune`` or ``report``, fixed by the id alone: the ``af-`` reports were read whole while the
    set was checked, so all are tune; the others by sha256's last bit."""
    if report_id.startswith(READ_WHOLE):
        return "tune"
    return "tune" if hashlib.sha256(report_id.encode()).digest()[-1] % 2 == 0 else "report"


def fitting(report: dict) -> set[str]:
    if report["event_type"] == "Strategic developments":
        return FITTING_STRATEGIC.get(report.get("sub_event_type") or "Other", FITTING_STRATEGIC["Other"])
    return FITTING.get(report["event_type"], set())


def load(split: str) -> list[dict]:
    if split in ("heldout", "r40"):
        path = HELDOUT if split == "heldout" else HELDOUT_R40
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    reports = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in reports if split == "all" or split_of(r["id"]) == split]


def _ingested(report: dict) -> dict:
    """What newsgraph is given of a report: its id, text and publication date (never its labels)."""
    return {"id": report["id"], "text": report["text"], "published": report["published"]}


def coded_events(reports: list[dict]) -> dict[str, list[dict]]:
    """Ingest the reports as one JSONL file; every stored event of each report, by report id."""
    from newsgraph.api import KnowledgeBase

    by_report: dict[str, list[dict]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.jsonl"
        path.write_text("".join(json.dumps(_ingested(r)) + "\n" for r in reports), "utf-8")
        with KnowledgeBase(Path(tmp) / "kb.db") as kb:
            kb.ingest([str(path)])
            for e in kb.events(include_unconfirmed=True, limit=1_000_000):
                by_report[e["article"]["id"]].append(e)
    return by_report


def keyword_types(reports: list[dict]) -> dict[str, set[str]]:
    """The baseline: every word matching a trigger of our lexicon codes its type."""
    from newsgraph.nlp import load_pipeline
    from newsgraph.nlp.event_lexicon import match_trigger

    nlp = load_pipeline()
    out: dict[str, set[str]] = {}
    for r, doc in zip(reports, nlp.pipe(r["text"] for r in reports), strict=True):
        out[r["id"]] = {m[0].type for t in doc if (m := match_trigger(t)) is not None}
    return out


def _table(group: str, sizes: Counter, hits: dict[str, Counter], systems: list[str]) -> None:
    """One markdown table: per group, the share of its reports each system got, then all of them."""
    print(f"| {group} | reports | " + " | ".join(systems) + " |")
    print("| --- | ---: |" + " ---: |" * len(systems))
    for g in sorted(sizes):
        print(f"| {g} | {sizes[g]} | " + " | ".join(f"{hits[s][g] / sizes[g]:.2f}" for s in systems) + " |")
    total = sum(sizes.values()) or 1
    shares = " | ".join(f"**{sum(hits[s].values()) / total:.2f}**" for s in systems)
    print(f"| **all** | {sum(sizes.values())} | {shares} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "report", "r40", "heldout", "all"], default="heldout")
    parser.add_argument(
        "--detail", action="store_true", help="list misses and false events (tune split only)"
    )
    parser.add_argument(
        "--jsonl",
        metavar="PATH",
        help="write the split's reports as the JSONL newsgraph ingests (for bench/audit.py draw --inputs) and stop",
    )
    args = parser.parse_args()
    if args.detail and args.split != "tune":
        parser.error("--detail reads reports: only the tune split may be read")
    from newsgraph.export_acled import acled_type

    reports = load(args.split)
    if args.jsonl:
        Path(args.jsonl).write_text("".join(json.dumps(_ingested(r)) + "\n" for r in reports), "utf-8")
        print(f"wrote {len(reports)} reports of split {args.split} to {args.jsonl}", file=sys.stderr)
        return 0
    t0 = time.perf_counter()
    events = coded_events(reports)
    seconds = time.perf_counter() - t0
    keywords = keyword_types(reports)

    def happened(r: dict) -> list[dict]:
        return [e for e in events.get(r["id"], []) if not e["negated"] and not e["hypothetical"]]

    def views(r: dict) -> dict[str, set[str]]:
        stored = happened(r)
        return {
            "keyword baseline": keywords[r["id"]],
            "newsgraph, all stored": {e["type"] for e in stored},
            "newsgraph, shown by default": {e["type"] for e in stored if e["confirmed"]},
        }

    def acled_views(r: dict) -> dict[str, set[str]]:
        stored = happened(r)
        kinds = lambda es: {t["event_type"] for e in es if (t := acled_type(e["type"], e["mode"]))}  # noqa: E731
        return {
            "newsgraph, all stored": kinds(stored),
            "newsgraph, shown by default": kinds([e for e in stored if e["confirmed"]]),
        }

    source = {"heldout": HELDOUT, "r40": HELDOUT_R40}.get(args.split, DATA)
    conflict = [r for r in reports if r["conflict"]]
    calm = [r for r in reports if not r["conflict"]]
    systems = ["keyword baseline", "newsgraph, all stored", "newsgraph, shown by default"]
    fit = {s: Counter() for s in systems}
    same_acled = {s: Counter() for s in systems[1:]}
    false = {s: Counter() for s in systems}
    for r in conflict:
        v, a = views(r), acled_views(r)
        for s in systems:
            fit[s][r["event_type"]] += bool(v[s] & fitting(r))
        for s in systems[1:]:
            same_acled[s][r["event_type"]] += r["event_type"] in a[s]
    for r in calm:
        v = views(r)
        for s in systems:
            false[s][r["non_conflict_class"]] += bool(v[s] & VIOLENT_OR_PROTEST)

    n_type = Counter(r["event_type"] for r in conflict)
    n_class = Counter(r["non_conflict_class"] for r in calm)
    print(
        f"ACLED-style reports, split {args.split}: {len(conflict)} conflict reports, {len(calm)} that are "
        f"no conflict (written for this bench; {source.relative_to(REPO)}); ingest {seconds:.0f}s\n"
    )
    print("Conflict reports with an event of a fitting PLOVER type (higher is better):\n")
    _table("ACLED event type", n_type, fit, systems)
    total = len(conflict) or 1
    print(
        "\nSame ACLED event type through `export --format acled`: "
        + "; ".join(f"{s} {sum(same_acled[s].values()) / total:.2f}" for s in systems[1:])
    )
    print(
        "\nReports that are no conflict with a violent or protest event (FIGHT, ASSAULT, PROTEST; lower is better):\n"
    )
    _table("class", n_class, false, systems)
    ours, base = sum(fit["newsgraph, all stored"].values()), sum(fit["keyword baseline"].values())
    print(f"\nRatio to the keyword baseline, fitting events found (all stored): {ours / max(base, 1):.2f}x")

    if args.detail:
        print("\n## conflict reports with no fitting event (all stored)")
        for r in conflict:
            got = views(r)["newsgraph, all stored"]
            if not got & fitting(r):
                coded = ", ".join(f"{e['type']}/{e['mode']}" for e in happened(r)) or "-"
                print(
                    f"- {r['id']} [{r['event_type']} / {r['sub_event_type']}] coded: {coded}\n  {r['text']}"
                )
        print("\n## no-conflict reports with a violent or protest event")
        for r in calm:
            bad = [e for e in happened(r) if e["type"] in VIOLENT_OR_PROTEST]
            if bad:
                coded = ", ".join(
                    f"{e['type']}/{e['mode']} {e['trigger']!r} actor={e['actor_name']} conf={e['confidence']}"
                    for e in bad
                )
                print(f"- {r['id']} [{r['non_conflict_class']}] {coded}\n  {r['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
