"""Speed of `annotate`: newsgraph's whole pipeline against trafilatura + the bare spaCy model.

Both run on the same pages in the same process, alternating, and the table reports medians
(machines are noisy: read the ratio, not the absolute numbers).

    .venv/bin/python bench/speed.py [--repeat 3] [--limit N]

Pages: the HTML of ../shared/data/extraction-dev when present, else the bundled examples.
Target: newsgraph / baseline <= 1.5.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "extraction-dev" / "html"


def load_pages(limit: int | None) -> list[tuple[str, bytes]]:
    """The HTML pages to time: (name, raw bytes)."""
    if DEV.is_dir():
        files = sorted(DEV.glob("*.html.gz"))[:limit]
        return [(f.name, gzip.decompress(f.read_bytes())) for f in files]
    html = (REPO / "examples" / "alder-deal.html").read_bytes()
    return [(f"example-{i}", html) for i in range(limit or 20)]


def run_newsgraph(pages: list[tuple[str, bytes]]) -> int:
    """Extract + annotate with newsgraph; returns the number of articles annotated."""
    from newsgraph.model import Page
    from newsgraph.nlp import load_pipeline
    from newsgraph.process import process_pages

    nlp = load_pipeline()
    stream = (Page(source=name, kind="html", data=data) for name, data in pages)
    return sum(o.facts is not None for o in process_pages(stream, nlp=nlp))


def run_baseline(pages: list[tuple[str, bytes]]) -> int:
    """trafilatura.extract + the bare spaCy model over the same pages."""
    import spacy
    import trafilatura

    from newsgraph.nlp import DEFAULT_MODEL

    nlp = _bare(spacy, DEFAULT_MODEL)
    texts = (trafilatura.extract(data.decode("utf-8", "replace")) or "" for _, data in pages)
    return sum(1 for _ in nlp.pipe(texts, batch_size=16))


_BARE = {}


def _bare(spacy, name):  # type: ignore[no-untyped-def]
    if name not in _BARE:
        _BARE[name] = spacy.load(name)
    return _BARE[name]


def main() -> None:
    """Time both systems and print a markdown table with the ratio."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    pages = load_pages(args.limit)
    # warm up both (model loading is not part of throughput)
    run_newsgraph(pages[:2])
    run_baseline(pages[:2])
    times: dict[str, list[float]] = {"newsgraph annotate": [], "trafilatura + bare spaCy": []}
    counts: dict[str, int] = {}
    for _ in range(args.repeat):
        for name, fn in (("newsgraph annotate", run_newsgraph), ("trafilatura + bare spaCy", run_baseline)):
            t0 = time.perf_counter()
            counts[name] = fn(pages)
            times[name].append(time.perf_counter() - t0)
    base = statistics.median(times["trafilatura + bare spaCy"])
    print(
        f"{len(pages)} pages ({'extraction-dev' if DEV.is_dir() else 'bundled examples'}), "
        f"{args.repeat} runs each, medians\n"
    )
    print("| system | articles | seconds (median) | articles/s | time ratio vs baseline |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"| {name} | {counts[name]} | {med:.2f} | {counts[name] / med:.1f} | {med / base:.2f} |")
    ratio = statistics.median(times["newsgraph annotate"]) / base
    print(f"\nratio newsgraph / baseline = {ratio:.2f} (target <= 1.5)")
    sys.exit(0)


if __name__ == "__main__":
    main()
