"""The single writer's cost: ``write_facts`` per article at a few knowledge-base sizes (SQLite).

The NLP output of generated pages is computed once and cached (``--cache``), so only the writer is
timed. Each size starts from an empty knowledge base. The anchor is a bare ``INSERT`` of the same
article rows, one transaction each, measured in the same run, so the ratio says how far the
writer is from the cheapest possible store on this machine.

    .venv/bin/python bench/write_path.py --sizes 400,2000 [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from newsgraph.model import Facts, Page
from newsgraph.store import connect, write_facts
from newsgraph.store.schema import articles


def load_facts(n: int, cache_dir: Path) -> list[Facts]:
    """The facts of ``n`` generated pages (computed with the full pipeline once, then cached)."""
    cache = cache_dir / f"newsgraph_write_path_{n}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from newsgraph.nlp import load_pipeline
    from newsgraph.process import process_pages
    from newsgraph.runner.synthetic import synthetic_html

    pages = [Page(source=f"gen-{i}.html", kind="html", data=synthetic_html(i).encode()) for i in range(n)]
    facts = [o.facts for o in process_pages(pages, nlp=load_pipeline()) if o.facts]
    cache.write_bytes(pickle.dumps(facts))
    return facts


def time_writer(facts: list[Facts], db: Path, profile: bool = False) -> float:
    """Milliseconds per article for ``write_facts`` into a fresh knowledge base."""
    engine = connect(db)
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    for f in facts:
        write_facts(engine, f)
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return 1000 * elapsed / len(facts)


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
            writer = time_writer(facts[:n], Path(tmp) / f"kb{n}.db", profile=args.profile and i == 0)
            bare = time_bare_insert(facts[:n], Path(tmp) / f"bare{n}.db")
            rows.append((n, writer, bare))
    print("| articles | write_facts ms/article | bare INSERT ms/article | ratio |")
    print("| --- | --- | --- | --- |")
    for n, writer, bare in rows:
        print(f"| {n} | {writer:.1f} | {bare:.2f} | {writer / bare:.1f}x |")
    if len(rows) > 1:
        print(f"\ngrowth {rows[0][0]} -> {rows[-1][0]}: {rows[-1][1] / rows[0][1]:.2f}x")


if __name__ == "__main__":
    main()
