"""Throughput and memory of ingest: 1 and 2 workers, the Ray engine, and a bare baseline.

All systems read the same generated pages (a JSONL file) in one run; the table gives medians.

    .venv/bin/python bench/throughput.py [--pages 300] [--repeat 1] [--no-ray]
                                         [--memory-sizes 1000,5000,20000] [--memory-workers 2]

- baseline: trafilatura.extract + the bare spaCy model (``nlp.pipe``), nothing stored;
- newsgraph stages only: our extract + NLP stages in this process, nothing stored;
- newsgraph w1 / w2: ``newsgraph.runner.run`` (extract, our NLP components, SQLite store) in this
  process / in a pool of 2 workers; timed from the moment the models are loaded;
- newsgraph ray: the Ray engine on a local cluster (its time includes starting the actors).

Peak memory is the resident memory of this process plus all its descendants (workers, Ray's
processes), sampled every 0.2 s with psutil. The memory runs ingest short pages (one paragraph)
at each size with ``--memory-workers`` workers and report the peak per worker process.

Targets: newsgraph w1 / baseline <= 1.5 (time); w2 speedup over w1 >= 1.7; peak memory per
worker < 1.5 GB and flat from 1k to 20k pages. The machine is shared: read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from support.synthetic import iter_records, synthetic_html  # noqa: E402

MB = 1024 * 1024


class MemorySampler:
    """Peak RSS of this process tree (total, this process, and each other process), sampled in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self.me = psutil.Process()
        self.interval = interval
        self.peak_total = self.peak_parent = 0
        self.peak_child: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                parent = self.me.memory_info().rss
                total = parent
                for child in self.me.children(recursive=True):
                    try:
                        rss = child.memory_info().rss
                    except psutil.Error:
                        continue
                    total += rss
                    self.peak_child[child.pid] = max(self.peak_child.get(child.pid, 0), rss)
                self.peak_parent = max(self.peak_parent, parent)
                self.peak_total = max(self.peak_total, total)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_worker(self) -> int:
        """The largest process other than this one (a worker holding a model)."""
        return max(self.peak_child.values(), default=0)


def write_jsonl(path: Path, n: int, paragraphs: int = 3) -> None:
    """Generated pages as one JSONL file."""
    with path.open("w", encoding="utf-8") as f:
        for record in iter_records(n):
            if paragraphs != 3:
                record["html"] = synthetic_html(int(record["id"][4:]), paragraphs=paragraphs)
            f.write(json.dumps(record) + "\n")


def run_baseline(jsonl: Path, _: Path) -> tuple[int, float]:
    """trafilatura.extract + bare spaCy over the same pages; returns (articles, seconds)."""
    import spacy
    import trafilatura

    from newsgraph.nlp import DEFAULT_MODEL

    nlp = _bare(spacy, DEFAULT_MODEL)
    t0 = time.perf_counter()
    with jsonl.open(encoding="utf-8") as f:
        texts = (trafilatura.extract(json.loads(line)["html"]) or "" for line in f)
        n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
    return n, time.perf_counter() - t0


_BARE: dict[str, object] = {}


def _bare(spacy, name):  # type: ignore[no-untyped-def]
    if name not in _BARE:
        _BARE[name] = spacy.load(name)
    return _BARE[name]


def run_stages(jsonl: Path, _: Path) -> tuple[int, float]:
    """newsgraph's extract + NLP stages in this process, nothing stored: the store's share, by difference."""
    from newsgraph.model import Page
    from newsgraph.nlp import load_pipeline
    from newsgraph.process import process_pages

    nlp = load_pipeline()
    t0 = time.perf_counter()
    with jsonl.open(encoding="utf-8") as f:
        pages = (Page(source="b", kind="html", data=json.loads(line)["html"]) for line in f)
        n = sum(o.facts is not None for o in process_pages(pages, nlp=nlp))
    return n, time.perf_counter() - t0


def _runner(workers: int) -> Callable[[Path, Path], tuple[int, float]]:
    def go(jsonl: Path, db: Path) -> tuple[int, float]:
        from newsgraph.runner import run
        from newsgraph.store import connect

        engine = connect(db)
        clock: list[float] = []
        summary = run(
            [str(jsonl)], engine, workers=workers, on_start=lambda: clock.append(time.perf_counter())
        )
        seconds = time.perf_counter() - clock[0]
        engine.dispose()
        return summary.stored, seconds

    return go


def run_ray(jsonl: Path, db: Path) -> tuple[int, float]:
    """The Ray engine on a local cluster with 2 actors."""
    from newsgraph.engines.ray import run_ray as ray_ingest
    from newsgraph.store import connect

    engine = connect(db)
    clock: list[float] = []
    summary = ray_ingest([str(jsonl)], engine, workers=2, on_start=lambda: clock.append(time.perf_counter()))
    seconds = time.perf_counter() - clock[0]
    engine.dispose()
    return summary.stored, seconds


def throughput(args: argparse.Namespace, tmp: Path) -> None:
    jsonl = tmp / "pages.jsonl"
    write_jsonl(jsonl, args.pages)
    systems: dict[str, Callable[[Path, Path], tuple[int, float]]] = {
        "trafilatura + bare spaCy (baseline)": run_baseline,
        "newsgraph stages only (extract + NLP, no store)": run_stages,
        "newsgraph, 1 worker (in process)": _runner(1),
        "newsgraph, 2 workers (pool)": _runner(2),
    }
    if not args.no_ray:
        systems["newsgraph, Ray (local cluster, 2 actors)"] = run_ray
    # warm up what loads once per process (models, imports) so it is not timed
    warm = tmp / "warm.jsonl"
    write_jsonl(warm, 4)
    run_baseline(warm, tmp / "warm-b.db")
    _runner(1)(warm, tmp / "warm-1.db")
    times: dict[str, list[float]] = {name: [] for name in systems}
    counts: dict[str, int] = {}
    peaks: dict[str, tuple[int, int, int]] = {}
    for r in range(args.repeat):
        for name, fn in systems.items():
            db = tmp / f"kb-{abs(hash(name))}-{r}.db"
            with MemorySampler() as mem:
                counts[name], seconds = fn(jsonl, db)
            times[name].append(seconds)
            peaks[name] = (mem.peak_total, mem.peak_parent, mem.peak_worker)
            print(f"  {name}: {counts[name]} articles in {seconds:.1f}s", file=sys.stderr, flush=True)
    base = statistics.median(times["trafilatura + bare spaCy (baseline)"])
    w1 = statistics.median(times["newsgraph, 1 worker (in process)"])
    w2 = statistics.median(times["newsgraph, 2 workers (pool)"])
    print(
        f"## Throughput: {args.pages} generated pages, {args.repeat} run(s) each, medians, "
        f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} at the end)\n"
    )
    print(
        "| system | articles | seconds | articles/s | time / baseline | peak RSS total (MB) | "
        "parent (MB) | largest worker (MB) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, ts in times.items():
        med = statistics.median(ts)
        total, parent, worker = peaks[name]
        print(
            f"| {name} | {counts[name]} | {med:.1f} | {counts[name] / med:.1f} | {med / base:.2f} | "
            f"{total / MB:.0f} | {parent / MB:.0f} | {worker / MB:.0f} |"
        )
    stages = statistics.median(times["newsgraph stages only (extract + NLP, no store)"])
    print(
        f"\n- newsgraph (1 worker) / baseline time = **{w1 / base:.2f}** (target <= 1.5); "
        f"stages alone / baseline = {stages / base:.2f}; the store's share of 1 worker = {1 - stages / w1:.0%}"
    )
    print(f"- speed-up of 2 workers over 1 = **{w1 / w2:.2f}x** (target >= 1.7)")


def memory(args: argparse.Namespace, tmp: Path) -> None:
    sizes = [int(s) for s in args.memory_sizes.split(",") if s]
    if not sizes:
        return
    print(f"\n## Memory: short generated pages (one paragraph), {args.memory_workers} workers\n")
    print("| pages | seconds | articles/s | peak RSS total (MB) | parent (MB) | largest worker (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    worker_peaks = []
    for n in sizes:
        jsonl = tmp / f"mem-{n}.jsonl"
        write_jsonl(jsonl, n, paragraphs=1)
        with MemorySampler() as mem:
            stored, seconds = _runner(args.memory_workers)(jsonl, tmp / f"mem-{n}.db")
        worker_peaks.append(mem.peak_worker or mem.peak_parent)
        print(
            f"| {n} | {seconds:.1f} | {stored / seconds:.1f} | {mem.peak_total / MB:.0f} | "
            f"{mem.peak_parent / MB:.0f} | {mem.peak_worker / MB:.0f} |",
            flush=True,
        )
        jsonl.unlink()
    if len(worker_peaks) > 1:
        growth = max(worker_peaks) / min(worker_peaks)
        print(
            f"\n- largest worker, biggest / smallest size = **{growth:.2f}** (flat: close to 1); "
            f"peak {max(worker_peaks) / MB:.0f} MB (target < 1536 MB)"
        )


def main() -> None:
    """Run the throughput table, then the memory table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300, help="pages for the throughput table")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    ap.add_argument(
        "--memory-sizes", default="1000,5000,20000", help="comma-separated page counts ('' to skip)"
    )
    ap.add_argument("--memory-workers", type=int, default=2)
    args = ap.parse_args()
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    tmp = Path(tempfile.mkdtemp(prefix="ngbench", dir="/tmp"))
    os.environ.setdefault("RAY_TMPDIR", str(tmp))
    try:
        throughput(args, tmp)
        memory(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
