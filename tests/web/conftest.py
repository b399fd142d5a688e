"""Web fixtures: a knowledge base built once from the bundled examples, a live server, a browser."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
ARTIFACTS = REPO / "test-artifacts" / "web"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two example pages ingested once (spaCy loads once per session)."""
    import newsgraph

    db = tmp_path_factory.mktemp("web-kb") / "examples.db"
    kb = newsgraph.open(db)
    summary = kb.ingest([str(EXAMPLES / "alder-strike.txt"), str(EXAMPLES / "alder-deal.html")])
    kb.close()
    assert summary.stored == 2, summary.to_dict()
    with sqlite3.connect(db) as conn:  # fold the WAL in so a plain file copy carries everything
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def copy_db(src: Path, dest_dir: Path) -> Path:
    """A private copy of a knowledge base, for a module that writes to it."""
    dest = dest_dir / src.name
    shutil.copyfile(src, dest)
    return dest


class LiveServer:
    """The real app under uvicorn in a thread, on a free loopback port."""

    def __init__(self, app: object) -> None:
        import uvicorn

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def chromium_path() -> str | None:
    """Chromium from $NEWSGRAPH_CHROMIUM (set by .ci/services.d/chromium.sh) or the Debian package."""
    for candidate in (os.environ.get("NEWSGRAPH_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium here (apt-get install chromium, or run .ci/services.d/chromium.sh as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch(page: object) -> dict[str, list[str]]:
    """Collect page errors, dialogs and CSP violations so a test can assert there were none."""
    seen: dict[str, list[str]] = {"errors": [], "dialogs": [], "csp": []}
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))  # type: ignore[attr-defined]

    def on_dialog(dialog: object) -> None:
        seen["dialogs"].append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)  # type: ignore[attr-defined]
    page.on("console", lambda m: seen["csp"].append(m.text) if m.text.startswith("CSP ") else None)  # type: ignore[attr-defined]
    page.add_init_script(  # type: ignore[attr-defined]
        "document.addEventListener('securitypolicyviolation',"
        " e => console.log('CSP ' + e.violatedDirective + ' ' + e.sourceFile + ' ' + e.sample))"
    )
    return seen


def shot(page: object, name: str) -> None:
    """Save a full-page screenshot under test-artifacts/web/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


@contextmanager
def watched_page(browser: object, **options: object) -> Iterator[object]:
    """A new page (``options`` as for ``browser.new_page``) watched by ``watch``; when it closes, no
    script error and no CSP violation may have happened on it."""
    page = browser.new_page(**options)  # type: ignore[attr-defined]
    page.seen = watch(page)
    yield page
    page.close()
    assert page.seen["errors"] == [], page.seen["errors"]
    assert page.seen["csp"] == [], page.seen["csp"]
