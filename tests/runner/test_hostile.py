"""Hostile input: every bad page is recorded with its reason and the run goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.runner import run
from newsgraph.store import connect
from support.synthetic import synthetic_html, write_corpus

runner = CliRunner()


def _truncated_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(2):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        payload = io.BytesIO(synthetic_html(900 + i).encode())
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/w{i}", "response", payload=payload, http_headers=headers
            )
        )
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - 200])  # the second record breaks off


def _hostile_folder(folder: Path) -> dict[str, str]:
    """Write the bad pages; return file name -> the reason each must be recorded with."""
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 64)
    with open(folder / "huge.html", "wb") as f:  # 50 MB
        f.write(b"<html><body>" + b"<p>word </p>" * (50 * 1024 * 1024 // 12) + b"</body></html>")
    with gzip.open(folder / "bomb.html.gz", "wb", compresslevel=9) as f:
        for _ in range(40):
            f.write(b"\0" * (1024 * 1024))
    _truncated_warc(folder / "crawl.warc.gz")
    body = synthetic_html(800)
    (folder / "slow.html").write_text(body.replace("</article>", "<p>SLOW-PAGE</p></article>"))
    (folder / "hang.html").write_text(body.replace("</article>", "<p>HANG-PAGE</p></article>"))
    (folder / "crash.html").write_text(body.replace("</article>", "<p>CRASH-PAGE</p></article>"))
    # pages that may be stored or fail, but must not stop anything
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * 100_000 + synthetic_html(801) + "</div>" * 100_000 + "</body></html>"
    )
    (folder / "invalid.txt").write_bytes(b"\xff\xfe\x00\xd8 not utf-8 \xc3\x28 \xa0\xa1" * 40)
    (folder / "mixed.html").write_bytes(
        synthetic_html(802).encode("utf-8") + "caf\xe9 cr\xe8me na\xefve".encode("latin-1") * 20
    )
    return {
        "empty.html": "empty",
        "binary.html": "binary",
        "huge.html": "too_large",
        "bomb.html.gz": "too_large",
        "crawl.warc.gz": "truncated",
        "slow.html": "timeout",
        "hang.html": "timeout",
        "crash.html": "crash",
    }


def _reasons(failures: list[dict[str, str]]) -> dict[str, str]:
    return {Path(f["source"].split("#")[0]).name: f["reason"] for f in failures}


def test_pool_records_each_bad_page_and_goes_on(tmp_path: Path, hostile_extractor: str) -> None:
    folder = tmp_path / "pages"
    expected = _hostile_folder(folder)
    write_corpus(folder / "good", html_files=4)
    db = tmp_path / "kb.db"
    engine = connect(db)
    summary = run(
        [str(folder)], engine, workers=2, extractor=hostile_extractor, page_timeout=1.5, batch_size=16
    )
    reasons = _reasons(summary.failures)
    for name, reason in expected.items():
        assert reasons.get(name) == reason, (name, summary.failures)
    assert summary.failed
    # the four good pages, the WARC's whole record, and the deep/mixed pages when they hold a body
    assert summary.stored >= 5
    assert summary.restarts >= 2, "the hung and the crashed worker were replaced"
    assert summary.pages == summary.stored + summary.duplicates + summary.error_count
    listed = runner.invoke(app, ["errors", "--db", str(db), "--json"])
    listed_reasons = {
        Path(json.loads(line)["source"].split("#")[0]).name: json.loads(line)["reason"]
        for line in listed.stdout.splitlines()
    }
    assert {k: listed_reasons.get(k) for k in expected} == expected

    # a second run skips the failed pages without touching them; --retry-errors tries them again
    again = run([str(folder)], engine, workers=1)
    assert again.stored == 0 and again.failed_before == len(summary.failures) and not again.error_count
    retried = run(
        [str(folder / "slow.html"), str(folder / "crash.html")], engine, workers=1, retry_errors=True
    )
    assert retried.stored == 2 and not retried.error_count
    # the WARC's completed marker does not hide its failed tail from a retry
    warc = run([str(folder / "crawl.warc.gz")], engine, retry_errors=True)
    assert (warc.already_done, warc.errors["truncated"]) == (1, 1)
    listed = runner.invoke(app, ["errors", "--db", str(db), "--json"])
    names = {Path(json.loads(line)["source"]).name for line in listed.stdout.splitlines()}
    assert "slow.html" not in names and "crash.html" not in names and "empty.html" in names
    engine.dispose()


def test_in_process_time_limit(tmp_path: Path, hostile_extractor: str) -> None:
    folder = tmp_path / "pages"
    write_corpus(folder, html_files=2)
    (folder / "slow.html").write_text(synthetic_html(5).replace("</article>", "<p>SLOW-PAGE</p></article>"))
    engine = connect(tmp_path / "kb.db")
    summary = run([str(folder)], engine, workers=1, extractor=hostile_extractor, page_timeout=1.0)
    assert _reasons(summary.failures) == {"slow.html": "timeout"}
    assert summary.stored == 2
    engine.dispose()


def test_cli_exit_code_and_errors_with_workers(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    write_corpus(folder, html_files=3)
    (folder / "binary.html").write_bytes(bytes(range(256)) * 64)
    db = tmp_path / "kb.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "2", "--json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout.splitlines()[0])
    assert (summary["stored"], summary["errors"], summary["workers"]) == (3, {"binary": 1}, 2)
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "2", "--json"])
    assert again.exit_code == 1, "the failed page is still failed"
    summary = json.loads(again.stdout.splitlines()[0])
    assert (summary["stored"], summary["already_done"], summary["failed_before"]) == (0, 3, 1)
