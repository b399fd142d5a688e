"""The Ray executor on a local Ray cluster: same stages, same store, one model per actor."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from support.synthetic import write_corpus

pytest.importorskip("ray", reason="the Ray executor is an optional extra: pip install 'newsgraph[ray]'")

REPO = Path(__file__).resolve().parents[2]


def test_ingest_on_a_local_ray_cluster(tmp_path: Path) -> None:
    start = random.randrange(10**6, 10**9)  # fresh pages even in a shared PostgreSQL test database
    corpus = tmp_path / "corpus"
    write_corpus(corpus, html_files=6, jsonl_pages=10, start=start)
    # a bad page of its own (unique bytes), so a shared test database cannot know it already
    (corpus / "binary.html").write_bytes(bytes(range(256)) * 64 + str(start).encode())
    db = os.environ.get("NEWSGRAPH_TEST_PG") or str(tmp_path / "kb.db")
    ray_tmp = tempfile.mkdtemp(prefix="ray", dir="/tmp")  # Ray's socket paths must stay under 107 bytes
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "RAY_AUTH_MODE": "disabled",
        "HOME": str(tmp_path / "home"),
        "RAY_TMPDIR": ray_tmp,
        "RAY_USAGE_STATS_ENABLED": "0",
    }
    env.pop("RAY_ADDRESS", None)
    cmd = [
        sys.executable,
        "-m",
        "newsgraph.cli",
        "ingest",
        str(corpus),
        "--db",
        db,
        "--json",
        "--engine",  # the old name of --executor
        "ray",
        "--workers",
        "2",
    ]
    try:
        result = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(ray_tmp, ignore_errors=True)
    assert result.returncode == 1, result.stderr.decode()[-3000:]  # the binary page failed
    assert result.stdout, result.stderr.decode()[-1200:]
    summary = json.loads(result.stdout.decode().splitlines()[0])
    assert summary["executor"] == summary["engine"] == "ray"
    assert (summary["pages"], summary["stored"], summary["errors"]) == (17, 16, {"binary": 1}), summary

    from sqlalchemy import select

    from newsgraph.store import connect
    from newsgraph.store.schema import articles, errors, mentions

    engine = connect(db)
    with engine.connect() as conn:
        ids = {f"gen-{i}" for i in range(start + 6, start + 16)}
        stored = conn.execute(select(articles.c.id).where(articles.c.id.in_(ids))).scalars().all()
        assert sorted(stored) == sorted(ids), "every JSONL page stored exactly once"
        assert conn.execute(select(mentions.c.id).where(mentions.c.article_id.in_(ids))).first()
        reasons = conn.execute(select(errors.c.reason).where(errors.c.source == str(corpus / "binary.html")))
        assert reasons.scalars().all() == ["binary"]
    engine.dispose()
