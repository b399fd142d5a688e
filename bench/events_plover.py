"""Event typing and actor roles on the PLOVER gold standard (CAMEO-manual sentences).

Runs the full newsgraph pipeline on each coded sentence, takes our most confident event, and scores
event type (no event counts as wrong), mode (where gold has one), actor and recipient (token
overlap with gold ``source``/``target`` ``actorText``), beside a baseline measured in the same run:
the most frequent type, the first entity as actor and the second as recipient.

Every record of this set has been read while the lexicon and the role rules were written, so the
whole set is tuning data: the score is tuning accuracy, kept as a floor (tests/nlp/test_events.py)
against regressions, and says nothing about unseen news. (An earlier version called the odd records
held out; they were not, and lexicon phrases lifted from single records have since been removed.)

    .venv/bin/python bench/events_plover.py [--limit N] [--failures]

``--failures`` lists the records whose type, actor or recipient we got wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"

# The gold standard predates PLOVER's current mode names.
MODE_MAP = {
    "strike-gen": "strike",
    "strike-hun": "hunger-strike",
    "demo-org": "demonstrate",
    "demo-spon": "demonstrate",
    "riot-spon": "riot",
}
_STOP = {"the", "a", "an", "of", "and", "in", "'s", "s", "to", "for"}
_WORD = re.compile(r"[\w-]+")


def load_records(path: Path = DATA) -> list[dict[str, Any]]:
    """The coded sentences (the DOCUMENT record skipped), each with its index in the file."""
    records = json.loads(path.read_text("utf-8"))
    out = []
    for n, rec in enumerate(r for r in records if r.get("event") != "DOCUMENT"):
        rec = dict(rec)
        rec["_n"] = n
        out.append(rec)
    return out


def actor_texts(value: Any) -> list[str]:
    """Gold actor strings from a ``source``/``target`` field (list of dicts, or a bare string)."""
    if isinstance(value, list):
        return [a.get("actorText", "") if isinstance(a, dict) else str(a) for a in value]
    return []


def words(text: str | None) -> set[str]:
    """Content words of a phrase, lower-cased, for overlap scoring."""
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


def overlaps(ours: str | None, gold: list[str]) -> bool:
    """Whether our phrase shares a content word with any gold actor text."""
    mine = words(ours)
    return bool(mine) and any(mine & words(g) for g in gold)


def gold_mode(rec: dict[str, Any]) -> str | None:
    """The record's mode in our names, or None."""
    mode = rec.get("mode")
    return MODE_MAP.get(mode, mode) if mode else None


def score(rows: list[dict[str, Any]]) -> dict[str, tuple[float, int]]:
    """Accuracy (and denominator) for type, mode, actor and recipient over scored rows."""
    out: dict[str, tuple[float, int]] = {}
    for key, has in (
        ("type", lambda r: True),
        ("mode", lambda r: r["gold_mode"] is not None),
        ("actor", lambda r: bool(r["gold_src"])),
        ("recipient", lambda r: bool(r["gold_tar"])),
    ):
        sel = [r for r in rows if has(r)]
        out[key] = (sum(r[key] for r in sel) / len(sel) if sel else 0.0, len(sel))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N records")
    parser.add_argument(
        "--failures", action="store_true", help="list the records we got wrong (all are tuning data)"
    )
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(REPO / "src"))
    from newsgraph import trust
    from newsgraph.nlp import load_pipeline

    records = load_records()[: args.limit]
    nlp = load_pipeline()
    majority = Counter(r["event"] for r in records).most_common(1)[0][0]
    t0 = time.perf_counter()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=32))
    elapsed = time.perf_counter() - t0
    ours, base = [], []
    for rec, doc in zip(records, docs, strict=True):
        src, tar, mode = actor_texts(rec.get("source")), actor_texts(rec.get("target")), gold_mode(rec)
        events = doc._.ng_events or []
        best = max(events, key=lambda e: e.confidence) if events else None
        visible = [
            e
            for e in events
            if trust.shown("event", e.confidence, negated=e.negated, hypothetical=e.hypothetical)
        ]
        shown = max(visible, key=lambda e: e.confidence) if visible else None
        common = {"n": rec["_n"], "gold_src": src, "gold_tar": tar, "gold_mode": mode}
        ours.append(
            {
                **common,
                "type": best is not None and best.type == rec["event"],
                "mode": best is not None and best.mode == mode,
                "actor": best is not None and overlaps(best.actor_text, src),
                "recipient": best is not None and overlaps(best.recipient_text, tar),
                "pred": best.type if best else None,
                # the best event a default view would show (trust.shown), and whether its type is right
                "shown": shown is not None,
                "shown_right": shown is not None and shown.type == rec["event"],
                "actor_miss": (
                    None
                    if not src or (best is not None and overlaps(best.actor_text, src))
                    else "no event"
                    if best is None
                    else "no actor"
                    if best.actor_text is None
                    else "other actor"
                ),
            }
        )
        if args.failures:
            scored = {"type": True, "actor": bool(src), "recipient": bool(tar)}
            wrong = [k for k, on in scored.items() if on and not ours[-1][k]]
            if wrong:
                got = (best.type, best.trigger, best.actor_text, best.recipient_text) if best else None
                print(f"#{rec['_n']} wrong {'/'.join(wrong)}: gold {rec['event']} {src} -> {tar}; ours {got}")
                print(f"    {rec['text']}")
        ents = [
            e.text
            for e in doc.ents
            if e.label_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
        ]
        base.append(
            {
                **common,
                "type": rec["event"] == majority,
                "mode": False,
                "actor": overlaps(ents[0] if ents else None, src),
                "recipient": overlaps(ents[1] if len(ents) > 1 else None, tar),
            }
        )
    print(
        f"PLOVER gold standard: {len(records)} sentences, pipeline {elapsed:.1f}s; baseline type = {majority}\n"
    )
    print("tuning accuracy (all records have been read; not a held-out figure)\n")
    print("| metric | n | newsgraph | baseline | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    s_ours, s_base = score(ours), score(base)
    for metric in ("type", "mode", "actor", "recipient"):
        (a, n), (b, _) = s_ours[metric], s_base[metric]
        ratio = f"{a / b:.2f}x" if b else "n/a"
        print(f"| {metric} | {n} | {a:.3f} | {b:.3f} | {ratio} |")
    n_shown = sum(r["shown"] for r in ours)
    n_right = sum(r["shown_right"] for r in ours)
    print(
        f"\nshown by default (calibrated confidence at the event threshold): {n_shown} of {len(ours)} "
        f"sentences have an event shown, {n_right} of them of the gold type"
        + (f" ({n_right / n_shown:.2f})" if n_shown else "")
    )
    misses = Counter(r["actor_miss"] for r in ours if r["actor_miss"])
    print("\nactor misses: " + ", ".join(f"{k} {misses[k]}" for k in ("no event", "no actor", "other actor")))
    missed = Counter(r["pred"] or "none" for r in ours if not r["type"])
    print(f"\nwrong type predicted (count): {dict(missed.most_common(8))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
