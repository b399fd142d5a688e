"""Web API latency under load: p50/p99 and requests/s for dossier, autocomplete and search on a
20,000-article knowledge base, against a static file and /api/health measured in the same run.
The dossier is measured on random names and on the most-mentioned entity (the heaviest page).

    .venv/bin/python bench/web_load.py [--articles 20000] [--requests 300] [--clients 4] [--seconds 60]

The knowledge base is the generated one from bench/query_latency.py (built once, cached in bench/out/).
The server is the real `newsgraph serve` in its own process on 127.0.0.1; clients are threads with httpx.
A dossier asked again while the store does not change comes from the server's cache of answers; the
"uncached" rows ask for a new page of the heavy dossier each time, so every one of them is built.
Bounded: at most --requests per endpoint and --seconds per endpoint, loopback only.
"""

from __future__ import annotations

import argparse
import random
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import query_latency  # noqa: E402  (the generator lives there; reuse it, never copy it)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not start: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")


def load(base: str, paths: list[str], clients: int, seconds: float) -> tuple[list[float], float, int]:
    """Send every path once, spread over ``clients`` threads; stop early after ``seconds``."""
    stop = time.monotonic() + seconds
    chunks = [paths[i::clients] for i in range(clients)]

    def worker(chunk: list[str]) -> tuple[list[float], int]:
        out, errors = [], 0
        with httpx.Client(base_url=base, timeout=30) as client:
            for path in chunk:
                if time.monotonic() > stop:
                    break
                t = time.perf_counter()
                r = client.get(path)
                out.append((time.perf_counter() - t) * 1000)
                errors += r.status_code >= 400
        return out, errors

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(worker, chunks))
    wall = time.perf_counter() - started
    latencies = [x for lat, _ in results for x in lat]
    return latencies, len(latencies) / wall, sum(e for _, e in results)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint (default 300)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads (default 4)")
    parser.add_argument("--seconds", type=float, default=60, help="time cap per endpoint (default 60)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--only",
        default="",
        help="measure only the endpoints whose label holds this text (the anchors always)",
    )
    args = parser.parse_args()

    kb, built = query_latency.open_sqlite(args.articles, False, args.seed, False)
    if built is not None:
        print(f"built a {args.articles}-article knowledge base in {built:.0f}s", file=sys.stderr)
    rng = random.Random(args.seed)
    names = query_latency.sample_names(kb, args.requests, rng)
    ids = [kb.find(n)[0]["id"] for n in dict.fromkeys(names)]
    by_name = {n: i for n, i in zip(dict.fromkeys(names), ids, strict=True)}
    articles = query_latency.built_count(kb)
    # the heaviest dossier there is: the most-mentioned entity (thousands of mentions at 20,000 articles)
    heavy = kb.stats(top=1)["top_entities"][0]
    db = Path(str(kb.engine.url.database))
    kb.close()
    words = query_latency.VOCAB
    n = args.requests
    endpoints = {
        "static file (anchor)": ["/static/css/newsgraph.css"] * n,
        "/api/health (anchor)": ["/api/health"] * n,
        "/api/entities/{id} (dossier)": [f"/api/entities/{by_name[x]}" for x in names],
        "/entities/{id} (dossier page)": [f"/entities/{by_name[x]}" for x in names],
        f"/api/entities/{{id}} (dossier, {heavy['mentions']:,} mentions)": [f"/api/entities/{heavy['id']}"]
        * n,
        f"/entities/{{id}} (dossier page, {heavy['mentions']:,} mentions)": [f"/entities/{heavy['id']}"] * n,
        # the same heavy dossier, each request another page of its events: none is answered from the
        # server's cache of dossiers (newsgraph.query.answers), so this is the cost of building one
        f"/api/entities/{{id}}?events_offset=i (uncached, {heavy['mentions']:,} mentions)": [
            f"/api/entities/{heavy['id']}?events_offset={i}" for i in range(n)
        ],
        f"/entities/{{id}}?events_offset=i (page, uncached, {heavy['mentions']:,} mentions)": [
            f"/entities/{heavy['id']}?events_offset={i}" for i in range(n)
        ],
        "/api/entities?q= (autocomplete)": [f"/api/entities?q={x[:3]}" for x in names],
        "/api/search?q= (full text)": [
            f"/api/search?q={rng.choice(words)}+{rng.choice(words)}" for _ in range(n)
        ],
    }
    endpoints = {k: v for k, v in endpoints.items() if "(anchor)" in k or args.only in k}
    port = free_port()
    server = start_server(db, port)
    rows = []
    try:
        base = f"http://127.0.0.1:{port}"
        load(base, ["/api/health"] * 20, 2, 10)  # warm up connections and caches
        anchor = None
        for label, paths in endpoints.items():
            lat, rps, errors = load(base, paths, args.clients, args.seconds)
            p50 = pct(lat, 50)
            anchor = anchor or p50
            rows.append((label, len(lat), errors, p50, pct(lat, 99), rps, p50 / anchor))
    finally:
        server.terminate()
        server.wait(10)
    print(
        f"\n{articles} articles, {args.clients} concurrent clients, loopback, `newsgraph serve` (uvicorn, 1 process)\n"
    )
    print("| endpoint | requests | errors | p50 ms | p99 ms | req/s | p50 vs static |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, count, errors, p50, p99, rps, ratio in rows:
        print(f"| {label} | {count} | {errors} | {p50:.1f} | {p99:.1f} | {rps:.0f} | {ratio:.1f}x |")


if __name__ == "__main__":
    main()
