"""Kill an ingest at any moment, run it again: every page stored once, nothing half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.runner import run
from newsgraph.store import connect
from support.synthetic import write_corpus

REPO = Path(__file__).resolve().parents[2]


def _ingest_cmd(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db), "--json", *extra]


def _check_knowledge_base(db: Path, sql_count, expected: int) -> None:  # type: ignore[no-untyped-def]
    assert sql_count(db, "SELECT count(*) FROM articles") == expected
    assert sql_count(db, "SELECT count(DISTINCT content_hash) FROM articles") == expected
    # one source row per article: no page was stored twice under another id
    assert sql_count(db, "SELECT count(*) FROM article_sources") == expected
    # no half-written article: every stored article has the mention rows of every entity in its record
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for article_id, record in conn.execute("SELECT id, record FROM articles"):
            entities = {e["id"] for e in json.loads(record)["entities"] if e["mentions"]}
            stored = {
                row[0]
                for row in conn.execute(
                    "SELECT DISTINCT local_id FROM mentions WHERE article_id = ? AND kind = 'name'",
                    (article_id,),
                )
            }
            assert entities and stored == entities, article_id
    finally:
        conn.close()


def test_sigkill_then_rerun_finishes_the_job(tmp_path: Path, sql_count) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    write_corpus(corpus, html_files=20, jsonl_pages=40)  # dump.jsonl sorts first: markers get exercised
    db = tmp_path / "kb.db"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    first = subprocess.Popen(
        _ingest_cmd(corpus, db, "--workers", "2"), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and first.poll() is None:
            stored = sql_count(db, "SELECT count(*) FROM articles")
            marked = sql_count(db, "SELECT coalesce(max(pages), 0) FROM ingest_progress")
            if stored >= 10 and marked > 0:
                break
            time.sleep(0.05)
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=60)
    stored_at_kill = sql_count(db, "SELECT count(*) FROM articles")
    assert first.returncode == -signal.SIGKILL, "the first run should have been killed part-way"
    assert 10 <= stored_at_kill < 60, stored_at_kill
    marker_at_kill = sql_count(db, "SELECT max(pages) FROM ingest_progress")

    second = subprocess.run(
        _ingest_cmd(corpus, db, "--workers", "2"), env=env, capture_output=True, timeout=600
    )
    assert second.returncode == 0, second.stderr.decode()[-2000:]
    summary = json.loads(second.stdout.decode().splitlines()[0])
    assert summary["pages"] == 60, summary
    assert summary["errors"] == {}
    assert summary["stored"] == 60 - stored_at_kill, json.dumps(summary)
    assert summary["already_done"] == stored_at_kill
    assert summary["resumed"] and summary["resumed"][0]["pages_done"] >= marker_at_kill > 0
    assert "were done already" in second.stderr.decode()
    _check_knowledge_base(db, sql_count, 60)
    assert sql_count(db, "SELECT count(*) FROM ingest_progress WHERE complete") == 1


def test_interrupted_in_process_run_resumes(tmp_path: Path, sql_count) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    write_corpus(corpus, html_files=6, jsonl_pages=18)
    db = tmp_path / "kb.db"
    engine = connect(db)
    seen = []

    def crash_after_ten(outcome) -> None:  # type: ignore[no-untyped-def]
        seen.append(outcome)
        if len(seen) == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([str(corpus)], engine, batch_size=4, on_page=crash_after_ten)
    stored_before = sql_count(db, "SELECT count(*) FROM articles")
    assert stored_before == 10
    summary = run([str(corpus)], engine, batch_size=4)
    assert summary.pages == 24 and not summary.error_count
    assert summary.stored == 14 and summary.already_done == 10
    # the JSONL marker let the second run skip pages without even hashing them
    assert summary.resumed and summary.resumed[0]["pages_done"] >= 8
    third = run([str(corpus)], engine)
    assert third.stored == 0 and third.already_done == 24
    _check_knowledge_base(db, sql_count, 24)
    engine.dispose()
