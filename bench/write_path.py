"""The single writer's cost: ``write_facts`` per article at a few knowledge-base sizes (SQLite).

The NLP output of generated pages is computed once and cached (``--cache``), so only the writer is
timed. Each size starts from an empty knowledge base. The anchor is a bare ``INSERT`` of the same
article rows, one transaction each, measured in the same run, so the ratio says how far the
writer is from the cheapest possible store on this machine. Beside the mean over a whole run (a
store growing from empty to the size), the median of the last tenth of the articles is the cost
of one article at about that size, and CPU time is less shaken by other jobs than wall time.

    .venv/bin/python bench/write_path.py --sizes 400,2000 [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from newsgraph.model import Facts, Page
from newsgraph.store import connect
from newsgraph.store.schema import articles
from newsgraph.writer import write_facts


def load_facts(n: int, cache_dir: Path) -> list[Facts]:
    """The facts of ``n`` generated pages (computed with the full pipeline once, then cached)."""
    cache = cache_dir / f"newsgraph_write_path_{n}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from newsgraph.nlp import load_pipeline
    from newsgraph.process import process_pages
    from support.synthetic import synthetic_html  # bench/ is the script's folder

    pages = [Page(source=f"gen-{i}.html", kind="html", data=synthetic_html(i).encode()) for i in range(n)]
    facts = [o.facts for o in process_pages(pages, nlp=load_pipeline()) if o.facts]
    cache.write_bytes(pickle.dumps(facts))
    return facts


def time_writer(facts: list[Facts], db: Path, profile: bool = False) -> tuple[float, float, float]:
    """``write_facts`` into a fresh knowledge base: ms/article over the run, median ms of the last
    tenth of the articles, and CPU ms/article over the run."""
    engine = connect(db)
    profiler = cProfile.Profile() if profile else None
    each = []
    start, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    for f in facts:
        t = time.perf_counter()
        write_facts(engine, f)
        each.append(time.perf_counter() - t)
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    engine.dispose()
    last = statistics.median(each[-max(len(each) // 10, 1) :])
    return 1000 * elapsed / len(facts), 1000 * last, 1000 * cpu / len(facts)


def time_bare_insert(facts: list[Facts], db: Path) -> float:
    """Milliseconds per article for inserting only the article row, one transaction each."""
    engine = connect(db)
    start = time.perf_counter()
    for f in facts:
        a = f.article
        with engine.begin() as conn:
            conn.execute(
                insert(articles).values(
                    id=a.id,
                    content_hash=a.content_hash or a.id,
                    url=a.url,
                    source=a.source,
                    title=a.title,
                    published=a.published,
                    site=a.site,
                    language=a.language,
                    text=a.text,
                    record={},
                )
            )
    elapsed = time.perf_counter() - start
    engine.dispose()
    return 1000 * elapsed / len(facts)


def main() -> None:
    """Print a markdown table of ms/article at each size, and the ratio to a bare insert."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="400,2000", help="knowledge-base sizes in articles (comma-separated)"
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()), help="where NLP output is cached"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the writer at the first size")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    facts = load_facts(sizes[-1], args.cache)
    # import the resolver's modules (numpy, datasketch, rapidfuzz) before any clock starts
    import newsgraph.resolve.dedup  # noqa: F401
    import newsgraph.resolve.entities  # noqa: F401

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, n in enumerate(sizes):
            writer, last, cpu = time_writer(
                facts[:n], Path(tmp) / f"kb{n}.db", profile=args.profile and i == 0
            )
            bare = time_bare_insert(facts[:n], Path(tmp) / f"bare{n}.db")
            rows.append((n, writer, last, cpu, bare))
    print(
        "| articles | write_facts ms/article | last tenth, median ms | CPU ms/article "
        "| bare INSERT ms/article | ratio |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for n, writer, last, cpu, bare in rows:
        print(f"| {n} | {writer:.1f} | {last:.1f} | {cpu:.1f} | {bare:.2f} | {writer / bare:.1f}x |")
    if len(rows) > 1:
        first, end = rows[0], rows[-1]
        print(
            f"\ngrowth {first[0]} -> {end[0]}: {end[1] / first[1]:.2f}x (mean), {end[2] / first[2]:.2f}x "
            f"(last tenth), {end[3] / first[3]:.2f}x (CPU)"
        )


if __name__ == "__main__":
    main()
