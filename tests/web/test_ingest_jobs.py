"""POST /api/ingest is a job: 202 at once with the job's URL, then stored / skipped / failed with the
reason; the pool is bounded (429 past its queue); a page that failed lists no article id."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app
from newsgraph.web.ingest_jobs import IngestJobs, QueueFull

from .conftest import copy_db

TOKEN = "j0b-t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAGE = (
    "Dock workers in Velmora walked out on Monday, the Velmora Dockers Union said.\n\n"
    "“We will stay out until the night shift is restored,” union leader Ana Brisk said.\n"
)


@pytest.fixture()
def client(examples_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(copy_db(examples_db, tmp_path), token=TOKEN)
    with TestClient(app) as c:
        yield c
    app.state.ingest_jobs.shutdown()
    app.state.kb.close()


def _finished(client: TestClient, url: str) -> dict:
    for _ in range(600):
        job = client.get(url, headers=AUTH).json()
        if job["state"] == "done":
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {url} did not finish")


def test_a_page_is_queued_then_stored_then_skipped_the_second_time(client: TestClient) -> None:
    r = client.post("/api/ingest", headers=AUTH, json={"text": PAGE, "id": "velmora-1"})
    assert r.status_code == 202
    body = r.json()
    assert body["job_url"] == r.headers["location"] == f"/api/ingest/jobs/{body['job']}"
    assert body["state"] in {"queued", "running", "done"} and body["articles"] == []
    job = _finished(client, body["job_url"])
    assert job["status"] == "stored" and job["reason"] is None
    assert job["articles"] == ["velmora-1"] and job["summary"]["stored"] == 1
    assert client.get("/api/articles/velmora-1").status_code == 200
    again = _finished(client, client.post("/api/ingest", headers=AUTH, json={"text": PAGE}).json()["job_url"])
    assert again["status"] == "skipped" and "already stored" in again["reason"]


def test_a_page_that_fails_says_why_and_lists_no_id(client: TestClient) -> None:
    job = _finished(
        client,
        client.post("/api/ingest", headers=AUTH, json={"text": "   ", "id": "empty-1"}).json()["job_url"],
    )
    assert job["status"] == "failed" and job["reason"]
    assert job["articles"] == []
    assert client.get("/api/articles/empty-1").status_code == 404


def test_wait_answers_with_the_outcome_and_a_refused_url_is_400(client: TestClient) -> None:
    r = client.post("/api/ingest?wait=true", headers=AUTH, json={"text": PAGE, "id": "velmora-2"})
    assert r.status_code == 200
    assert r.json()["status"] in {"stored", "skipped"} and r.json()["state"] == "done"
    refused = client.post("/api/ingest?wait=true", headers=AUTH, json={"url": "http://127.0.0.1:9/x"})
    assert refused.status_code == 400 and refused.json()["detail"] == "refused"


def test_jobs_need_the_token_and_unknown_jobs_are_404(client: TestClient) -> None:
    url = client.post("/api/ingest", headers=AUTH, json={"text": PAGE}).json()["job_url"]
    assert client.get(url).status_code == 401
    assert client.get("/api/ingest/jobs/0123456789abcdef", headers=AUTH).status_code == 404
    assert client.get("/api/ingest/jobs/..%2F..%2Fetc", headers=AUTH).status_code in {404, 422}


def test_the_pool_is_bounded() -> None:
    jobs = IngestJobs(workers=1, max_queued=2)
    gate = threading.Event()
    try:
        jobs.submit(lambda: (gate.wait(10), {"summary": {"stored": 1}, "articles": ["a"]})[1])
        jobs.submit(lambda: {"summary": {"stored": 1}, "articles": ["b"]})
        with pytest.raises(QueueFull):
            jobs.submit(lambda: {"summary": {"stored": 1}, "articles": ["c"]})
    finally:
        gate.set()
        jobs.shutdown()
