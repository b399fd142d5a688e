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


def test_the_job_flow_in_a_real_browser(examples_db: Path, tmp_path: Path, browser: object) -> None:
    """A page's script posts a page with the token, gets 202 and a job URL, polls it to 'stored', and
    the article it names opens: the flow a newsroom tool would run in a browser."""
    from .conftest import LiveServer

    app = create_app(copy_db(examples_db, tmp_path), token=TOKEN)
    with LiveServer(app) as server:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(server.url + "/")
        script = """async ([token, text]) => {
            const auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"};
            const r = await fetch("/api/ingest", {method: "POST", headers: auth,
                                                  body: JSON.stringify({text: text, id: "velmora-b"})});
            const first = {status: r.status, body: await r.json(), location: r.headers.get("Location")};
            let job = null;
            for (let i = 0; i < 600; i++) {
                job = await (await fetch(first.body.job_url, {headers: auth})).json();
                if (job.state === "done") break;
                await new Promise(res => setTimeout(res, 100));
            }
            const article = await fetch("/api/articles/" + job.articles[0]);
            return {first: first, job: job, article: article.status};
        }"""
        out = page.evaluate(script, [TOKEN, PAGE])  # type: ignore[attr-defined]
        page.close()
    app.state.ingest_jobs.shutdown()
    app.state.kb.close()
    assert out["first"]["status"] == 202 and out["first"]["location"] == out["first"]["body"]["job_url"]
    assert out["job"]["status"] == "stored" and out["job"]["articles"] == ["velmora-b"]
    assert out["article"] == 200
