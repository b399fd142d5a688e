"""Screenshots of the web UI for the docs: dossier, events, relation graph and map (docs/img/*.png).

    .venv/bin/python scripts/web_screenshots.py                 # a KB of examples/ in a temp dir
    .venv/bin/python scripts/web_screenshots.py --db crawl.db   # any knowledge base (the map needs
                                                                # places the gazetteer knows)

Chromium is Debian's (/usr/bin/chromium or $NEWSGRAPH_CHROMIUM), driven by Playwright, headless.
"""

from __future__ import annotations

import argparse
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def serve(db: Path) -> tuple[str, object]:
    """The app under uvicorn in a thread on a free loopback port."""
    import uvicorn

    from newsgraph.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def examples_kb(folder: Path) -> Path:
    import newsgraph

    db = folder / "examples.db"
    with newsgraph.open(db) as kb:
        kb.ingest([str(REPO / "examples" / "alder-strike.txt"), str(REPO / "examples" / "alder-deal.html")])
    return db


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="knowledge base to show (default: one built from examples/)")
    parser.add_argument("--name", default="HWA", help="the entity whose dossier and graph to show")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument("--only", nargs="*", help="dossier, events, graph, map (default: all)")
    opts = parser.parse_args()
    from playwright.sync_api import sync_playwright

    wanted = set(opts.only or ["dossier", "events", "graph", "map"])
    opts.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = opts.db or examples_kb(Path(tmp))
        base, server = serve(db)
        chromium = os.environ.get("NEWSGRAPH_CHROMIUM") or "/usr/bin/chromium"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
            page.goto(f"{base}/who?name={opts.name}")
            page.wait_for_url("**/entities/*")
            dossier = page.url.split("?")[0] + "?all=true"  # the examples' facts are mostly unconfirmed
            if wanted & {"dossier", "graph"}:
                page.goto(dossier)
                page.wait_for_selector("#graph[data-rendered]")
                page.wait_for_selector("#timeline-chart svg, #timeline-chart.muted")
                page.wait_for_timeout(500)
                if "dossier" in wanted:
                    page.screenshot(path=str(opts.out / "dossier.png"))
                if "graph" in wanted:
                    page.locator("#graph").screenshot(path=str(opts.out / "graph.png"))
            if "events" in wanted:
                page.goto(f"{base}/events?all=true&limit=12")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(opts.out / "events.png"))
            if "map" in wanted:
                page.goto(f"{base}/events?all=true")
                if page.locator("#place-map").count():
                    page.wait_for_selector("#place-map[data-rendered] svg")
                    page.wait_for_timeout(300)
                    page.locator("#place-map").screenshot(path=str(opts.out / "map.png"))
                else:
                    print("map: no event place in this knowledge base has coordinates; no map.png written")
            browser.close()
        server.should_exit = True  # type: ignore[attr-defined]
    print("wrote", ", ".join(sorted(p.name for p in opts.out.glob("*.png"))))


if __name__ == "__main__":
    main()
