"""Body-extraction F1 on extraction-dev: newsgraph vs bare trafilatura (HTML) and vs whole text (text).

Metric as in the article-extraction benchmark (see data SOURCE.md): word 4-gram shingle
precision and recall of the extracted body against ``articleBody``, averaged over pages; F1 from
the averaged precision and recall. Run: ``.venv/bin/python bench/extraction.py [--limit N] [--half A|B]``.

``--errors`` lists, for the tuning half (A) only, each text page scored under 0.97 with the lines we
kept that are not in the true body (+) and the true body's lines we dropped (-); half B stays held out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from newsgraph.errors import PageError
from newsgraph.extract import extract
from newsgraph.model import Page

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "extraction-dev"
_TOKEN = re.compile(r"\w+", re.U)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of lowercase word n-grams (a text shorter than n gives its one short gram)."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def precision_recall(predicted: str, truth: str) -> tuple[float, float]:
    """Shingle precision and recall of one page (both empty: perfect; one empty: zero)."""
    pred, true = shingles(predicted), shingles(truth)
    if not pred and not true:
        return 1.0, 1.0
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(true.values()) if true else 0.0
    return precision, recall


def f1(precision: float, recall: float) -> float:
    """Harmonic mean."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def load(limit: int | None = None, half: str | None = None) -> list[tuple[str, str]]:
    """(page id, truth body) pairs, sorted by id; ``half`` A/B splits the set for tuning vs checking."""
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    if half:
        ids = ids[0::2] if half.upper() == "A" else ids[1::2]
    if limit:
        ids = ids[:limit]
    return [(i, truth[i]["articleBody"]) for i in ids]


def _html(page_id: str) -> bytes:
    return gzip.decompress((DATA / "html" / f"{page_id}.html.gz").read_bytes())


def _text(page_id: str) -> bytes:
    return (DATA / "text" / f"{page_id}.txt").read_bytes()


def newsgraph_html(page_id: str) -> str:
    """Our HTML path."""
    return extract(Page(source=page_id, kind="html", data=_html(page_id))).text


def trafilatura_html(page_id: str) -> str:
    """Bare trafilatura with its defaults (the baseline for the HTML path)."""
    return trafilatura.extract(_html(page_id).decode("utf-8")) or ""


def newsgraph_text(page_id: str) -> str:
    """Our scraped-text path."""
    return extract(Page(source=page_id, kind="text", data=_text(page_id))).text


def whole_text(page_id: str) -> str:
    """Naive baseline: the whole scraped text is the body."""
    return _text(page_id).decode("utf-8")


def score(system: Callable[[str], str], pages: list[tuple[str, str]]) -> dict[str, float]:
    """Averaged P, R, F1 and seconds per page of one system over the pages (errors count as empty)."""
    ps, rs, errors = [], [], 0
    start = time.perf_counter()
    for page_id, truth in pages:
        try:
            predicted = system(page_id)
        except PageError:
            predicted, errors = "", errors + 1
        p, r = precision_recall(predicted, truth)
        ps.append(p)
        rs.append(r)
    seconds = time.perf_counter() - start
    precision, recall = sum(ps) / len(ps), sum(rs) / len(rs)
    return {
        "P": precision,
        "R": recall,
        "F1": f1(precision, recall),
        "errors": errors,
        "s/page": seconds / len(ps),
    }


def _words(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def text_errors(pages: list[tuple[str, str]], threshold: float = 0.97) -> None:
    """Print the text path's misses page by page (kept chrome +, dropped body -) for tuning pages."""
    from newsgraph.extract.text import extract_text

    for page_id, truth in pages:
        p, r = precision_recall(newsgraph_text_or_empty(page_id), truth)
        if p >= threshold and r >= threshold:
            continue
        print(f"== {page_id[:12]} P={p:.3f} R={r:.3f}")
        gold = _words(truth)
        found = extract_text(_text(page_id).decode("utf-8"))
        kept = set(found.paragraphs)
        for line in found.lines:
            words = _words(line.text)
            in_gold = bool(words) and words in gold
            if line.text in kept and not in_gold:
                print(f"  + [{line.role}] {line.text[:140]}")
            elif line.text not in kept and in_gold and line.words >= 3:
                print(f"  - [{line.role}] {line.text[:140]}")


def newsgraph_text_or_empty(page_id: str) -> str:
    """The text path's body, or nothing where it finds none."""
    try:
        return newsgraph_text(page_id)
    except PageError:
        return ""


def main(argv: list[str] | None = None) -> int:
    """Run all four systems and print a markdown table with ratios to each baseline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument(
        "--half", choices=["A", "B", "a", "b"], default=None, help="every other page (A or B)"
    )
    parser.add_argument("--only", choices=["html", "text"], default=None, help="score one input kind only")
    parser.add_argument(
        "--errors", action="store_true", help="list the text path's misses on the tuning half (A) only"
    )
    args = parser.parse_args(argv)
    if not (DATA / "ground-truth.json").exists():
        print(f"extraction-dev data not found at {DATA}", file=sys.stderr)
        return 1
    if args.errors:
        if args.half and args.half.upper() != "A":
            print("--errors reads the tuning half (A) only; half B stays held out", file=sys.stderr)
            return 2
        text_errors(load(args.limit, "A"))
        return 0
    pages = load(args.limit, args.half)
    rows = []
    if args.only in (None, "html"):
        base = score(trafilatura_html, pages)
        ours = score(newsgraph_html, pages)
        rows += [
            ("html", "trafilatura (baseline)", base, 1.0),
            ("html", "newsgraph", ours, ours["F1"] / base["F1"]),
        ]
    if args.only in (None, "text"):
        base = score(whole_text, pages)
        ours = score(newsgraph_text, pages)
        rows += [
            ("text", "whole text (baseline)", base, 1.0),
            ("text", "newsgraph", ours, ours["F1"] / base["F1"]),
        ]
    print(f"extraction-dev, {len(pages)} pages{' (half ' + args.half.upper() + ')' if args.half else ''}\n")
    print("| input | system | precision | recall | F1 | F1 / baseline | errors | s/page |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, name, m, ratio in rows:
        print(
            f"| {kind} | {name} | {m['P']:.3f} | {m['R']:.3f} | {m['F1']:.3f} | {ratio:.2f}x | "
            f"{m['errors']} | {m['s/page']:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
