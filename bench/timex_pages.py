"""Resolved dates on real pages, for reading against their sentences (no scoring: a person judges).

Usage:
  .venv/bin/newsgraph ingest ../shared/data/extraction-dev/html --db /tmp/x.db
  .venv/bin/python bench/timex_pages.py /tmp/x.db [--seed 12] [-n 20] [--relative] [--min-confidence 0.8]
      [--other /tmp/before.db]
  .venv/bin/python bench/timex_pages.py /tmp/x.db --changed /tmp/before.db

Draws a seeded sample of stored DATE/TIME timexes with a calendar value (``--relative``: only those
whose words carry no year, i.e. that needed resolving) and prints each with its publication date,
confidence and sentence; ``--other`` adds the value another knowledge base (say, one built by older
code) gives the same span. ``--changed`` lists every span whose value differs between the two.
The extraction-dev report pages (held out) are never drawn.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys

HELD_OUT = ("961bd85ca85a", "a1fca19b884e", "bc13ff87b263", "db6b0816c612", "e7994d550087", "833caf3bdba5")
_CALENDAR = re.compile(r"\d{2,4}(?:$|[-T])")


def _rows(db: str) -> dict[tuple[str, int], tuple]:
    con = sqlite3.connect(db)
    cols = {r[1] for r in con.execute("pragma table_info(timexes)")}
    conf = "t.confidence" if "confidence" in cols else "1.0"
    sql = f"""select t.article_id, t.start, t.text, t.type, t.value, a.published,
        substr(a.text, t.sent_start + 1, t.sent_end - t.sent_start), {conf}
        from timexes t join articles a on a.id = t.article_id"""
    return {(r[0], r[1]): r for r in con.execute(sql) if not r[0].startswith(HELD_OUT)}


def main(argv: list[str] | None = None) -> int:
    """Print the sample (or the changed spans)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--relative", action="store_true", help="only timexes whose words carry no year")
    ap.add_argument("--min-confidence", type=float, default=None)
    ap.add_argument("--other", help="another knowledge base: show its value for the same span")
    ap.add_argument("--changed", help="list the spans whose value differs from this knowledge base's")
    args = ap.parse_args(argv)
    rows = _rows(args.db)
    if args.changed:
        old = _rows(args.changed)
        for key in sorted(set(rows) | set(old)):
            a, b = old.get(key), rows.get(key)
            if a and b and a[2:5] == b[2:5]:
                continue
            r = b or a
            print(f"[{key[0][:8]} pub={r[5]}] was={a[2:5] if a else '-'} now={b[2:5] if b else '-'}")
            print(f"    {r[6].strip()[:300]!r}")
        return 0
    other = _rows(args.other) if args.other else {}
    keys = sorted(
        k
        for k, r in rows.items()
        if r[3] in ("DATE", "TIME")
        and r[4]
        and _CALENDAR.match(r[4])
        and (not args.relative or not re.search(r"\d{4}", r[2]))
        and (args.min_confidence is None or r[7] >= args.min_confidence)
    )
    random.Random(args.seed).shuffle(keys)
    for i, k in enumerate(keys[: args.n], 1):
        r = rows[k]
        o = other.get(k)
        beside = f" | other: {o[4]} ({o[7]:.2f})" if args.other else ""
        print(f"{i:2d}. [{r[0][:8]} pub={r[5]}] {r[2]!r} -> {r[4]} ({r[3]}, {r[7]:.2f}){beside}")
        print(f"    {r[6].strip()[:400]!r}")
    print(f"{len(keys)} candidates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
