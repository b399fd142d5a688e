"""Time expressions on MEANTIME: TIMEX3 value accuracy of newsgraph vs dateparser, and detection.

Usage: .venv/bin/python bench/timex.py [--limit N] [--corpus airbus apple] [--errors] [--by-confidence]

For each article the text is rebuilt from its tokens (headline, date line and body as three
paragraphs) and anchored on its CREATION_TIME timex, which is left out of the scoring.

- ``resolve``: newsgraph's ``resolve`` on each gold TIMEX3 span (gold spans given, no context).
- ``dateparser``: ``DateDataParser`` with ``RELATIVE_BASE`` = creation time on the same spans, its
  date written as a TIMEX3 value at the period it reports (day, week, month, year, time).
- ``end-to-end``: the full ``newsgraph_timex`` component on the rebuilt text; a gold timex counts as
  right when a predicted timex overlapping it carries the gold value. Detection P/R/F1 by overlap.

``--by-confidence`` prints, for the predicted timexes with a calendar value (those that can date a
timeline line), how often the value is right per ``Timex.confidence`` band and above each threshold
(a prediction overlapping no gold timex counts as wrong).

``--errors`` also lists, per corpus, each gold timex that ``resolve`` or the end-to-end run gets wrong
and each predicted timex that overlaps no gold one (a false detection).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "meantime"
_TIMEX_SENTENCES = 6  # headline, date line and the first four body sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from meantime_text import rebuild_text  # noqa: E402


@dataclass
class GoldTimex:
    """One gold TIMEX3 markable with its character span in the rebuilt text."""

    text: str
    start: int
    end: int
    type: str
    value: str


@dataclass
class MeantimeDoc:
    """One MEANTIME article: rebuilt text, creation date and gold timexes."""

    name: str
    text: str
    anchor: date
    ct_span: tuple[int, int]
    annotated_end: int
    """MEANTIME annotates timexes in the first six sentences only: predictions after this are not scored."""
    timexes: list[GoldTimex] = field(default_factory=list)


def load_doc(path: Path) -> MeantimeDoc | None:
    """Rebuild one article's text from its tokens and map its TIMEX3 markables onto it."""
    root = ET.parse(path).getroot()
    rebuilt = rebuild_text(root)
    text, offsets, sent_end = rebuilt.text, rebuilt.offsets, rebuilt.sentence_end
    anchor, ct_span, timexes = None, (0, 0), []
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in tx.findall("token_anchor")]
        if not ids:
            continue
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        if tx.get("functionInDocument") == "CREATION_TIME":
            try:
                anchor = date.fromisoformat(tx.get("value", "")[:10])
            except ValueError:
                return None
            ct_span = (start, end)
            continue
        timexes.append(GoldTimex(text[start:end], start, end, tx.get("type", ""), tx.get("value", "")))
    if anchor is None:
        # a few articles lack a CREATION_TIME markable: read the date line, as extraction would
        from newsgraph.nlp.timex import resolve

        line_start = sent_end.get("0", 0)
        line = text[line_start : sent_end.get("1", 0)]
        value = resolve(line, None)[1] or ""
        if len(value) != 10:
            return None
        anchor = date.fromisoformat(value)  # the date line stays a scored timex here
    # the guidelines annotate time expressions (and VALUE, SIGNAL) in sentences 0-5 only
    annotated_end = sent_end.get(str(_TIMEX_SENTENCES - 1), len(text))
    return MeantimeDoc(path.stem, text, anchor, ct_span, annotated_end, timexes)


def load_corpus(name: str, limit: int | None = None) -> list[MeantimeDoc]:
    """The MEANTIME articles of one sub-corpus (``airbus``, ``apple``...)."""
    paths = sorted((DATA / f"corpus_{name}").glob("*.xml"))[:limit]
    return [d for d in (load_doc(p) for p in paths) if d is not None]


def dateparser_value(parser: object, text: str, anchor: date) -> str | None:
    """dateparser's reading of ``text`` as a TIMEX3 value at the period it reports."""
    data = parser.get_date_data(text)  # type: ignore[attr-defined]
    d = data.date_obj if data else None
    if d is None:
        return None
    period = data.period or "day"
    if period == "year":
        return f"{d.year}"
    if period == "month":
        return f"{d.year}-{d.month:02d}"
    if period == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if period == "time":
        return f"{d.date().isoformat()}T{d.hour:02d}:{d.minute:02d}"
    return d.date().isoformat()


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(docs: list[MeantimeDoc], nlp: object, errors: list[str] | None = None) -> dict[str, float]:
    """All measures for one set of documents; with ``errors``, append a line for each miss to it."""
    from dateparser.date import DateDataParser

    from newsgraph.nlp.timex import resolve

    n = right_ng = right_dp = right_e2e = 0
    n_pred = pred_hit = gold_hit = 0
    bands: list[tuple[float, bool]] = []  # (confidence, right) of each predicted calendar value
    t_ng = t_dp = t_pipe = 0.0
    stop = [p for p in nlp.pipe_names if p.startswith("newsgraph_") and p != "newsgraph_timex"]  # type: ignore[attr-defined]
    stop = [p for p in stop if nlp.pipe_names.index(p) > nlp.pipe_names.index("newsgraph_timex")]  # type: ignore[attr-defined]
    for doc_gold in docs:
        base = datetime(doc_gold.anchor.year, doc_gold.anchor.month, doc_gold.anchor.day, 12)
        parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base})
        resolved: dict[int, str | None] = {}
        for g in doc_gold.timexes:
            n += 1
            t0 = time.perf_counter()
            resolved[id(g)] = resolve(g.text, doc_gold.anchor)[1]
            right_ng += resolved[id(g)] == g.value
            t1 = time.perf_counter()
            try:
                right_dp += dateparser_value(parser, g.text, doc_gold.anchor) == g.value
            except Exception:  # dateparser raises on some inputs; that span counts as wrong
                pass
            t_dp += time.perf_counter() - t1
            t_ng += t1 - t0
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=stop):  # type: ignore[attr-defined]
            doc = nlp.make_doc(doc_gold.text)  # type: ignore[attr-defined]
            doc._.ng_published = doc_gold.anchor.isoformat()
            for _name, proc in nlp.pipeline:  # type: ignore[attr-defined]
                doc = proc(doc)
        t_pipe += time.perf_counter() - t0
        preds = [
            t
            for t in doc._.ng_timexes or []
            if not _overlap((t.start, t.end), doc_gold.ct_span) and t.start < doc_gold.annotated_end
        ]
        n_pred += len(preds)
        pred_hit += sum(
            any(_overlap((p.start, p.end), (g.start, g.end)) for g in doc_gold.timexes) for p in preds
        )
        for p in preds:
            if p.on_calendar:
                golds = [g for g in doc_gold.timexes if _overlap((p.start, p.end), (g.start, g.end))]
                bands.append((p.confidence, any(g.value == p.value for g in golds)))
        for g in doc_gold.timexes:
            hits = [p for p in preds if _overlap((p.start, p.end), (g.start, g.end))]
            gold_hit += bool(hits)
            right_e2e += any(p.value == g.value for p in hits)
            if errors is not None and (
                resolved[id(g)] != g.value or not any(p.value == g.value for p in hits)
            ):
                e2e = ", ".join(f"{p.text!r}={p.value}" for p in hits) or "-"
                errors.append(
                    f"{doc_gold.name} ({doc_gold.anchor}) {g.text!r} {g.type} gold={g.value} "
                    f"resolve={resolved[id(g)]} end-to-end: {e2e}"
                )
        if errors is not None:
            for p in preds:
                if not any(_overlap((p.start, p.end), (g.start, g.end)) for g in doc_gold.timexes):
                    errors.append(f"{doc_gold.name} ({doc_gold.anchor}) false detection {p.text!r}={p.value}")
    p = pred_hit / n_pred if n_pred else 0.0
    r = gold_hit / n if n else 0.0
    return {
        "docs": len(docs),
        "timexes": n,
        "resolve": right_ng / n if n else 0.0,
        "dateparser": right_dp / n if n else 0.0,
        "P": p,
        "R": r,
        "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "e2e": right_e2e / n if n else 0.0,
        "ms_resolve": 1000 * t_ng / max(n, 1),
        "ms_dateparser": 1000 * t_dp / max(n, 1),
        "ms_doc": 1000 * t_pipe / max(len(docs), 1),
        "bands": bands,  # type: ignore[dict-item]
    }


def print_bands(name: str, bands: list[tuple[float, bool]]) -> None:
    """Accuracy of calendar values per confidence band and at or above each threshold."""
    print(f"\n{name}: calendar values by confidence")
    print("| confidence | n | right | at or above: n | precision |")
    print("|---|---|---|---|---|")
    edges = [0.0, 0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01]
    for lo, hi in zip(edges, edges[1:], strict=False):
        band = [ok for c, ok in bands if lo <= c < hi]
        above = [ok for c, ok in bands if c >= lo]
        acc = f"{sum(band) / len(band):.2f}" if band else "-"
        prec = f"{sum(above) / len(above):.3f}" if above else "-"
        print(f"| {lo:.2f}-{min(hi, 1):.2f} | {len(band)} | {acc} | {len(above)} | {prec} |")


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print a markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="articles per corpus")
    ap.add_argument("--corpus", nargs="+", default=["airbus", "apple"])
    ap.add_argument("--errors", action="store_true", help="list the misses and false detections")
    ap.add_argument("--by-confidence", action="store_true", help="accuracy of calendar values per confidence")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"MEANTIME data not found at {DATA}", file=sys.stderr)
        return 1
    warnings.filterwarnings("ignore")
    from newsgraph.nlp import load_pipeline

    nlp = load_pipeline()
    rows = []
    all_docs: list[MeantimeDoc] = []
    misses: dict[str, list[str]] = {}
    for name in args.corpus:
        docs = load_corpus(name, args.limit)
        all_docs += docs
        misses[name] = []
        rows.append((name, score(docs, nlp, misses[name] if args.errors else None)))
    if len(args.corpus) > 1:
        rows.append(("total", score(all_docs, nlp)))
    print(
        "| corpus | docs | timexes | resolve acc (gold spans) | dateparser acc (gold spans) | ratio ng/dp "
        "| detect P | detect R | detect F1 | end-to-end value acc | ms/span ng | ms/span dp | ms/doc pipeline |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, s in rows:
        ratio = s["resolve"] / s["dateparser"] if s["dateparser"] else float("inf")
        print(
            f"| {name} | {s['docs']} | {s['timexes']} | {s['resolve']:.3f} | {s['dateparser']:.3f} | {ratio:.2f} "
            f"| {s['P']:.3f} | {s['R']:.3f} | {s['F1']:.3f} | {s['e2e']:.3f} "
            f"| {s['ms_resolve']:.2f} | {s['ms_dateparser']:.2f} | {s['ms_doc']:.1f} |"
        )
    if args.by_confidence:
        for name, s in rows:
            print_bands(name, s["bands"])  # type: ignore[arg-type]
    for name, lines in misses.items():
        if args.errors:
            print(f"\n{name}: {len(lines)} errors")
            for line in lines:
                print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
