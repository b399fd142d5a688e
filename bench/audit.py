"""Precision audit on real news: draw a seeded random sample of stored facts, label them by reading.

newsgraph's facts are only worth showing if a reader who checks the sentence agrees with them. This
bench measures that the only honest way: by reading. It

1. ``draw``: ingests real pages (by default both halves of ``../shared/data/extraction-dev/html``)
   into a knowledge base, collects every fact of each kind **as the dossier shows it by default**
   (``newsgraph.trust.shown``; ``--pool all`` takes every stored fact, for calibration rounds), and
   writes a sheet with a seeded random sample of ``--per-kind`` facts of each kind:
   ``bench/audits/<round>/sheet.csv``. Each row holds the fact as a reader sees it, its sentence,
   the two sentences before it (a speaker named earlier), the article's date, and empty ``label``
   / ``error_class`` / ``note`` columns.
2. A person (or a helper given only the sheet) labels each row ``correct`` or ``wrong`` by reading
   the sentence, and names the error class of a wrong one. A label never comes from newsgraph's
   own output: the sheet shows the claim, the text decides.
3. ``score``: prints precision per kind with a 95% Wilson interval, and the error classes.

Kinds and what "correct" means (the labelling guide, also in ``bench/audits/README.md``):
- ``quote``: the words are attributed to the right speaker (the entity shown said them).
- ``description``: the entity shown is described by these words in the sentence.
- ``relation``: the sentence states this tie between these two entities (type and direction);
  one marked ``(former)`` is a tie the sentence says held before and is over.
- ``event``: the sentence reports a happening of this PLOVER type, and every role shown (actor,
  recipient, place) is right; a hypothetical or negated event shown as happened is wrong.
- ``dated``: a timeline line dated from the text: the date shown is the date of what the line says.

Rounds: a round's labels may calibrate later thresholds (``bench/calibrate.py``); the figure to
report comes from a fresh round drawn after the last change, whose labels serve nothing else
(name it with ``--report`` so calibration refuses it).

Run::

    .venv/bin/python bench/audit.py draw --round r1 [--pool all] [--per-kind 50] [--seed 12]
    .venv/bin/python bench/audit.py score bench/audits/r1/sheet.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "extraction-dev" / "html"
AUDITS = REPO / "bench" / "audits"
sys.path.insert(0, str(REPO / "src"))

KINDS = ("quote", "description", "relation", "event", "dated")
FIELDS = [
    "round", "kind", "fact_id", "article_id", "published", "fact", "sentence", "context_before",
    "context_after", "confidence", "calibrated", "shown", "eligible", "label", "error_class", "note",
]  # fmt: skip


# -- reading facts from the knowledge base -------------------------------------------------------
def _trust() -> Any:
    try:
        from newsgraph import trust
    except ImportError:  # before the trust module existed every fact was shown
        return None
    return trust


def _shown(kind: str, confidence: float, negated: bool = False, hypothetical: bool = False) -> bool:
    trust = _trust()
    if trust is None:
        return not negated
    return bool(trust.shown(kind, confidence, negated=negated, hypothetical=hypothetical))


def _calibrated(kind: str, confidence: float) -> float:
    trust = _trust()
    return float(trust.calibrated(kind, confidence)) if trust is not None else confidence


_SENTENCE_END = re.compile(r"(?<![A-Z])\.[\s]")
"""A full stop that ends a sentence: not one after a capital ("U.S. Attorney", "Sgt. Earley")."""


def _context(text: str, start: int, chars: int = 360) -> str:
    """Up to ``chars`` characters before a sentence, cut at a sentence start when possible."""
    before = text[max(0, start - chars) : start]
    first = _SENTENCE_END.search(before)
    cut = first.start() if first else -1
    return (before[cut + 2 :] if 0 <= cut < len(before) - 2 else before).strip()


def _context_after(text: str, end: int, chars: int = 240) -> str:
    """Up to ``chars`` characters after a sentence, cut at the end of the next sentence when possible
    (a quotation the splitter cut off from its '..., X said.' shows its speaker there, also when
    the speaker's title holds a full stop: '..." said U.S. Attorney Erin Nealy Cox.')."""
    after = text[end : end + chars]
    first = _SENTENCE_END.search(after)
    return (after[: first.start() + 1] if first else after).strip()


def iter_facts(engine: Any) -> Iterator[dict[str, Any]]:
    """Every stored fact of the audited kinds, as the reader sees it, with its sentence."""
    from sqlalchemy import inspect, text

    from newsgraph.query.confirmed import INHERITED_DATE_CONFIDENCE
    from newsgraph.render import human_date

    cols = {c["name"] for c in inspect(engine).get_columns("timexes")}
    timex_conf = "t.confidence" if "confidence" in cols else "1.0"
    with engine.connect() as conn:
        arts = {
            r.id: (r.text, r.published)
            for r in conn.execute(text("SELECT id, text, published FROM articles WHERE duplicate_of IS NULL"))
        }
        names = dict(conn.execute(text("SELECT id, name FROM entities")).all())
        # a dated line's confidence is its date's, as in the views (query/confirmed.date_confidence):
        # the best timex of that value in the fact's sentence, INHERITED_DATE_CONFIDENCE when none is
        date_conf: dict[tuple[str, int, str], float] = {}
        for t in conn.execute(
            text(
                f"SELECT article_id, sent_start, value, {timex_conf} AS c FROM timexes t WHERE value IS NOT NULL"
            )
        ):
            key = (t.article_id, t.sent_start, t.value)
            date_conf[key] = max(float(t.c), date_conf.get(key, 0.0))

        def base(kind: str, r: Any) -> dict[str, Any] | None:
            if r.article_id not in arts:
                return None
            body, published = arts[r.article_id]
            return {
                "kind": kind, "fact_id": f"{kind}:{r.id}", "article_id": r.article_id,
                "published": published or "", "sentence": body[r.sent_start : r.sent_end].strip(),
                "context_before": _context(body, r.sent_start),
                "context_after": _context_after(body, r.sent_end), "confidence": float(r.confidence),
            }  # fmt: skip

        def dated_line(r: Any, fact: dict[str, Any], source: str, what: str) -> dict[str, Any] | None:
            """The timeline line of a dated quote or event: shown only with its fact."""
            line = base("dated", r)
            if line is not None:
                line["fact_id"] = f"dated:{source}:{r.id}"
                line["fact"] = f"DATE {r.date} ({human_date(r.date)}): {what}"
                line["confidence"] = date_conf.get(
                    (r.article_id, r.sent_start, r.date), INHERITED_DATE_CONFIDENCE
                )
                line["eligible"] = fact["shown"]
                line["shown"] = fact["shown"] and _shown("dated", line["confidence"])
            return line

        for r in conn.execute(text("SELECT * FROM quotes")):
            row = base("quote", r)
            if row is None:
                continue
            if r.speaker_id is None and r.speaker_text:
                # an unnamed speaker given by its own words: shown as written, marked as such
                who, said = r.speaker_text, " [unnamed: the words the text gives]"
            else:
                who = names.get(r.speaker_id) or "(no speaker)"
                said = f" [as '{r.speaker_text}']" if r.speaker_text and r.speaker_text != who else ""
            row["fact"] = f"SPEAKER: {who}{said} | {r.kind} quote: \u201c{r.text}\u201d"
            row["eligible"] = r.speaker_id is not None or bool(r.speaker_text)
            row["shown"] = row["eligible"] and _shown("quote", r.confidence)
            yield row
            if r.date and (line := dated_line(r, row, "quote", f"{who} said \u201c{r.text[:160]}\u201d")):
                yield line
        for r in conn.execute(text("SELECT * FROM descriptions")):
            row = base("description", r)
            if row is None:
                continue
            row["fact"] = f"{names.get(r.entity_id, '?')} is described as: \u201c{r.text}\u201d"
            row["eligible"] = r.entity_id is not None
            row["shown"] = row["eligible"] and _shown("description", r.confidence)
            yield row
        for r in conn.execute(text("SELECT * FROM relations")):
            row = base("relation", r)
            if row is None:
                continue
            neg = "NOT " if r.negated else ""
            row["fact"] = f"{names.get(r.subject_id, '?')} {neg}{r.relation} {names.get(r.object_id, '?')}"
            if r.former:  # a tie the text says is over: right when the sentence says it held before
                row["fact"] += " (former)"
            row["eligible"] = not r.negated
            row["shown"] = _shown("relation", r.confidence, negated=bool(r.negated))
            yield row
        for r in conn.execute(text("SELECT * FROM events")):
            row = base("event", r)
            if row is None:
                continue
            parts = [r.type + (f"/{r.mode}" if r.mode else "")]
            parts.append(f"actor={names.get(r.actor_id) or r.actor_text or '-'}")
            parts.append(f"recipient={names.get(r.recipient_id) or r.recipient_text or '-'}")
            fallback = getattr(r, "place_precision", None) == "article"
            source = getattr(r, "place_source", None) or "article"
            # a fallback place is shown marked, as the views show it ("Kabul (dateline)")
            parts.append(
                f"place={r.place or '-'}"
                + (f" ({source}: the article's place, not the sentence's)" if fallback and r.place else "")
            )
            parts.append(f"trigger='{r.trigger or ''}'")
            if r.negated or r.hypothetical:
                parts.append("(negated)" if r.negated else "(hypothetical)")
            row["fact"] = "EVENT " + " ".join(parts)
            flags = {"negated": bool(r.negated), "hypothetical": bool(r.hypothetical)}
            row["eligible"] = not (r.negated or r.hypothetical)
            row["shown"] = _shown("event", r.confidence, **flags)
            yield row
            what = f"{parts[0]} ({parts[1]}, trigger '{r.trigger or ''}')"
            if r.date and r.date_source == "text" and (line := dated_line(r, row, "event", what)):
                yield line
        # mention lines: an entity named in a sentence with a calendar date
        stmt = text(
            "SELECT DISTINCT m.entity_id, t.id, t.article_id, t.sent_start, t.sent_end, t.value, t.text, "
            f"{timex_conf} AS confidence FROM timexes t JOIN mentions m ON m.article_id = t.article_id "
            "AND m.sent_start = t.sent_start WHERE t.value IS NOT NULL AND t.type IN ('DATE', 'TIME') AND substr(t.value, 1, 1) BETWEEN '0' AND '9' "
            "AND m.entity_id IS NOT NULL AND m.kind = 'name' AND (m.start != m.sent_start OR m.text != upper(m.text) OR substr((SELECT a.text FROM articles a WHERE a.id = m.article_id), m.\"end\" + 1, 2) NOT IN (', ', ' (') OR m.entity_id IN (SELECT id FROM entities WHERE type NOT IN ('GPE', 'LOC'))) AND m.entity_id IN (SELECT id FROM entities WHERE type != 'NORP')"
        )
        for r in conn.execute(stmt):
            row = base("dated", r)
            if row is None:
                continue
            row["fact_id"] = f"dated:mention:{r.id}:{r.entity_id}"
            row["fact"] = (
                f"DATE {r.value} ({human_date(r.value)}; '{r.text}'): a line about {names.get(r.entity_id, '?')}"
            )
            # a name beside a date is a line the views show only with --all (query/dossier._timeline)
            row["eligible"] = False
            row["shown"] = False
            yield row


# -- draw -----------------------------------------------------------------------------------------
def _git_head() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"], cwd=REPO, capture_output=True, text=True
        )
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def draw(args: argparse.Namespace) -> int:
    from newsgraph.api import KnowledgeBase

    out_dir = AUDITS / args.round
    sheet = out_dir / "sheet.csv"
    if sheet.exists() and not args.force:
        sys.exit(f"{sheet} exists: a round is drawn once (use a new --round, or --force to redraw)")
    inputs = args.inputs or [str(DATA)]
    if not args.inputs and not DATA.exists():
        print(f"skipped: {DATA} is absent (the audit needs real pages)", file=sys.stderr)
        return 0
    db = Path(args.db) if args.db else out_dir / "audit.db"
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with KnowledgeBase(str(db)) as kb:
        summary = kb.ingest(inputs)
        print(f"ingested: {summary.to_dict() if hasattr(summary, 'to_dict') else summary}", file=sys.stderr)
        pool: dict[str, list[dict[str, Any]]] = defaultdict(list)
        population: Counter[str] = Counter()
        for fact in iter_facts(kb.engine):
            population[fact["kind"]] += 1
            if args.kinds and fact["kind"] not in args.kinds:
                continue
            if args.min_confidence is not None and fact["confidence"] < args.min_confidence:
                continue
            if args.max_confidence is not None and fact["confidence"] >= args.max_confidence:
                continue
            if args.match is not None and not re.search(args.match, fact["fact"]):
                continue
            if args.pool == "all" or fact["shown"]:
                pool[fact["kind"]].append(fact)
    rng = random.Random(args.seed)
    rows: list[dict[str, Any]] = []
    for kind in KINDS:
        facts = sorted(pool[kind], key=lambda f: f["fact_id"])
        take = rng.sample(facts, min(args.per_kind, len(facts)))
        for fact in sorted(take, key=lambda f: f["fact_id"]):
            fact["calibrated"] = round(_calibrated(kind, fact["confidence"]), 3)
            rows.append({"round": args.round, **fact, "label": "", "error_class": "", "note": ""})
    with sheet.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    meta = {
        "round": args.round, "report": args.report, "pool": args.pool, "seed": args.seed,
        "per_kind": args.per_kind, "kinds": args.kinds, "min_confidence": args.min_confidence,
        "max_confidence": args.max_confidence, "match": args.match, "inputs": [str(Path(i).resolve().relative_to(REPO.parent))
                                               if Path(i).resolve().is_relative_to(REPO.parent) else i
                                               for i in inputs],
        "commit": _git_head(), "drawn_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "stored": dict(population), "pool_sizes": {k: len(pool[k]) for k in KINDS},
        "sampled": dict(Counter(r["kind"] for r in rows)),
    }  # fmt: skip
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"{len(rows)} facts drawn into {sheet.relative_to(REPO)} in {time.perf_counter() - started:.0f}s")
    print("kind         stored   in pool  sampled")
    for kind in KINDS:
        print(f"{kind:<12} {population[kind]:>6} {len(pool[kind]):>9} {meta['sampled'].get(kind, 0):>8}")
    return 0


# -- rescore --------------------------------------------------------------------------------------
def core(kind: str, fact: str) -> str:
    """What identifies a labelled fact across code versions (its confidence and names may change)."""
    if kind == "quote":
        words = fact.split(" quote: ", 1)[-1]
        speaker = fact.split(" | ", 1)[0]
        # an unnamed speaker is its words: other words are another fact ("a spokesperson" labelled
        # cut short is not "a spokesperson for the Foreign Office"); a named one keeps its entity
        # whatever name the entity goes by
        return f"{speaker} | {words}" if "[unnamed:" in speaker else words
    if kind == "description":
        return fact.split(" is described as: ", 1)[-1]
    if kind == "event":  # type, roles and place name (a fallback place's marker aside), trigger
        fact = re.sub(r" \([a-z]+: the article's place, not the sentence's\)", "", fact)
        return fact.split(" trigger=", 1)[0]
    if kind == "dated":
        value = fact.split()[1].rstrip(
            ":"
        )  # "DATE 2019-11-18 (18 November 2019): ..." in any version of the sheet
        if ": a line about " in fact:  # the date and the entity the line is about
            return value + "|" + fact.split(": a line about ", 1)[1]
        return value + "|" + ("event" if "trigger '" in fact else "quote")
    return fact


def holder(kind: str, fact: str) -> str | None:
    """The entity a quote or description is given to, as the sheet names it (None for other kinds)."""
    if kind == "quote":
        return re.sub(r" \[as '.*'\]$", "", fact.split(" | ", 1)[0].removeprefix("SPEAKER: "))
    if kind == "description":
        return fact.split(" is described as: ", 1)[0]
    return None


_NAME_GLUE = {"the", "of", "and", "a", "an", "(no", "speaker)"}


def same_holder(kind: str, then: str, now: str) -> bool:
    """Whether two versions of a fact give it to the same entity: a name the entity goes by may
    change ("Ana Ruiz", "Ana M. Ruiz"), but words given to another entity ("Charles" for "Andrew",
    a label of "wrong entity") are another fact, whose label does not carry over."""
    a, b = holder(kind, then), holder(kind, now)
    if a is None or b is None or a == b:
        return True

    def words(name: str) -> set[str]:
        return {w.lower().strip(".,'\u2019") for w in name.split()} - _NAME_GLUE

    return bool(words(a) & words(b))


def rescore(args: argparse.Namespace) -> int:
    """Give each labelled fact of a round the confidence the current code gives the same fact.

    The label says whether a fact is right; that does not change with the code. Its confidence
    does, so a calibration fitted on an older round would place thresholds for scores the code no
    longer gives. The same pages are ingested with the current code, each labelled fact is found
    again (same kind, article, sentence and words) and takes the new confidence; a fact the code
    no longer produces is marked ``gone`` and left out of calibration. Writes
    ``bench/audits/ROUND/sheet-rescored.csv`` beside the original sheet, which stays as labelled.
    """
    from newsgraph.api import KnowledgeBase

    folder = AUDITS / args.round
    rows = read_sheets([str(folder / "sheet.csv")])
    meta = json.loads((folder / "meta.json").read_text())
    if meta.get("report"):
        sys.exit(f"{args.round} is a report round: its labels serve nothing else")
    now: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    with KnowledgeBase(args.db) as kb:
        kb.ingest(args.inputs or [str(DATA)])
        for fact in iter_facts(kb.engine):
            now[
                (fact["kind"], fact["article_id"], fact["sentence"], core(fact["kind"], fact["fact"]))
            ].append(fact)
    found = Counter()
    out = []
    for row in rows:
        key = (row["kind"], row["article_id"], row["sentence"], core(row["kind"], row["fact"]))
        match = next((f for f in now.get(key, []) if same_holder(row["kind"], row["fact"], f["fact"])), None)
        row = {**row, "confidence_then": row["confidence"], "gone": "" if match else "True"}
        if match:
            found[row["kind"]] += 1
            row.update(confidence=match["confidence"], shown=match["shown"], eligible=match["eligible"])
        out.append(row)
    with (folder / "sheet-rescored.csv").open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*FIELDS, "confidence_then", "gone"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(out)
    total = Counter(r["kind"] for r in rows)
    print(
        f"{args.round}: facts found again with the current code: "
        + ", ".join(f"{k} {found[k]}/{total[k]}" for k in KINDS if total[k])
    )
    return 0


# -- score ----------------------------------------------------------------------------------------
def read_sheets(paths: list[str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        with open(path, newline="") as fh:
            rows.extend(csv.DictReader(fh))
    return rows


def score(args: argparse.Namespace) -> int:
    from newsgraph.trust import wilson

    rows = read_sheets(args.sheets)
    unlabelled = [r for r in rows if r["label"] not in ("correct", "wrong")]
    if unlabelled:
        print(
            f"warning: {len(unlabelled)} rows have no label (correct/wrong) and are left out", file=sys.stderr
        )
    by_kind: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        if r["label"] in ("correct", "wrong") and (not args.shown_only or r.get("shown") == "True"):
            by_kind[r["kind"]].append(r)
    print(f"precision per kind ({', '.join(args.sheets)}); 95% Wilson interval")
    print(f"{'kind':<12} {'n':>4} {'correct':>8} {'precision':>10} {'95% interval':>16}")
    for kind in KINDS:
        labelled = by_kind.get(kind, [])
        k = sum(r["label"] == "correct" for r in labelled)
        n = len(labelled)
        lo, hi = wilson(k, n)
        prec = f"{k / n:.3f}" if n else "-"
        print(f"{kind:<12} {n:>4} {k:>8} {prec:>10} {f'[{lo:.2f}, {hi:.2f}]':>16}")
    classes = Counter(
        (r["kind"], r["error_class"] or "?") for rs in by_kind.values() for r in rs if r["label"] == "wrong"
    )
    if classes:
        print("\nerror classes (kind, class, count):")
        for (kind, cls), count in sorted(classes.items(), key=lambda x: (x[0][0], -x[1])):
            print(f"  {kind:<12} {cls:<40} {count}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="ingest real pages and draw a seeded sample of facts to label")
    d.add_argument("--round", required=True, help="round name: the sheet goes to bench/audits/ROUND/")
    d.add_argument("--inputs", nargs="*", help="pages to ingest (default: extraction-dev html, both halves)")
    d.add_argument("--db", help="knowledge base to use (default: bench/audits/ROUND/audit.db, not committed)")
    d.add_argument("--per-kind", type=int, default=50)
    d.add_argument("--seed", type=int, default=12)
    d.add_argument(
        "--pool",
        choices=["shown", "all"],
        default="shown",
        help="shown: facts displayed by default (the figure to report); all: every stored fact (calibration)",
    )
    d.add_argument(
        "--report", action="store_true", help="mark the round as a report round (calibration refuses it)"
    )
    d.add_argument("--force", action="store_true", help="redraw a round that exists")
    d.add_argument("--kinds", nargs="*", choices=KINDS, help="only these kinds (a calibration stratum)")
    d.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="only facts at or above this raw confidence (a stratum)",
    )
    d.add_argument(
        "--max-confidence",
        type=float,
        default=None,
        help="only facts below this raw confidence (with --min-confidence: a band around a threshold)",
    )
    d.add_argument(
        "--match",
        default=None,
        help=r"only facts whose fact text matches this regular expression (a stratum: '\(former\)$')",
    )
    s = sub.add_parser("score", help="precision per kind of labelled sheets")
    s.add_argument("sheets", nargs="+")
    s.add_argument(
        "--shown-only", action="store_true", help="only rows that were shown by default when drawn"
    )
    r = sub.add_parser("rescore", help="give a labelled round's facts the current code's confidences")
    r.add_argument("--round", required=True)
    r.add_argument(
        "--db", required=True, help="a knowledge base to ingest the round's pages into with the current code"
    )
    r.add_argument("--inputs", nargs="*", help="pages (default: extraction-dev html)")
    args = parser.parse_args(argv)
    return {"draw": draw, "score": score, "rescore": rescore}[args.cmd](args)


if __name__ == "__main__":
    raise SystemExit(main())
