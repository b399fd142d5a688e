"""Who may talk to the server: the Host check (DNS rebinding)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.cli import app as cli
from newsgraph.web import create_app
from newsgraph.web.access import host_name

from .conftest import CHROMIUM_ARGS, LiveServer, chromium_path


@pytest.fixture(scope="module")
def guarded(examples_db: Path) -> Iterator[TestClient]:
    app = create_app(examples_db, allowed_hosts=["kb.newsroom.example", "*.desk.example"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client
    app.state.kb.close()


def entity_path(client: TestClient) -> str:
    return f"/api/entities/{client.get('/api/entities', params={'q': 'Harbour'}).json()[0]['id']}"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:8000",
        "localhost:8000",
        "LOCALHOST.",
        "[::1]:8000",
        "kb.newsroom.example",
        "a.desk.example:80",
    ],
)
def test_loopback_and_listed_hosts_are_answered(guarded: TestClient, host: str) -> None:
    r = guarded.get(entity_path(guarded), headers={"Host": host})
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Harbour Workers Alliance"


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        "attacker.example:8000",
        "127.0.0.1.attacker.example",
        "localhost.attacker.example",
        "kb.newsroom.example.attacker.example",
        "desk.example",  # '*.desk.example' is its subdomains only
        "",
        "[::1",
    ],
)
def test_a_foreign_host_gets_400_before_any_data(guarded: TestClient, host: str) -> None:
    for path in (entity_path(guarded), "/", "/api/health", "/static/app.css"):
        r = guarded.get(path, headers={"Host": host})
        assert r.status_code == 400, (path, r.status_code)
        assert r.json()["error"] == "bad_host"
        assert "Harbour" not in r.text
        assert "attacker" not in r.text  # the refusal does not echo the Host it was sent
        assert r.headers["content-security-policy"]  # the security headers still wrap it


def test_a_foreign_host_cannot_post_either(examples_db: Path) -> None:
    app = create_app(examples_db, token="t0ken", allowed_hosts=[])
    with TestClient(app, base_url="http://localhost") as client:
        r = client.post(
            "/api/ingest",
            headers={"Host": "attacker.example", "Authorization": "Bearer t0ken"},
            json={"text": "Nobody said anything."},
        )
    assert r.status_code == 400 and r.json()["error"] == "bad_host"


def test_host_names_are_compared_without_port_case_or_trailing_dot() -> None:
    assert host_name("Example.ORG.:8080") == "example.org"
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("[::1]") == "[::1]"
    assert host_name("10.0.0.5") == "10.0.0.5"


def serve_app(
    monkeypatch: pytest.MonkeyPatch, db: Path, *args: str, env: dict[str, str] | None = None
) -> Any:
    """Run ``newsgraph serve`` with uvicorn stubbed out; the app it would have served."""
    import uvicorn

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), *args], env=env)
    assert result.exit_code == 0, result.output
    return served["app"]


def test_serve_checks_hosts_and_takes_names_from_flags_and_env(
    monkeypatch: pytest.MonkeyPatch, examples_db: Path
) -> None:
    web = serve_app(
        monkeypatch,
        examples_db,
        "--host", "127.0.0.1", "--allowed-host", "kb.newsroom.example", "--allowed-host", "10.1.2.3",
        env={"NEWSGRAPH_ALLOWED_HOSTS": ""},
    )  # fmt: skip
    with TestClient(web, base_url="http://localhost") as client:
        assert client.get("/api/health").status_code == 200
        assert client.get("/api/health", headers={"Host": "kb.newsroom.example:8000"}).status_code == 200
        assert client.get("/api/health", headers={"Host": "10.1.2.3"}).status_code == 200
        assert client.get("/api/health", headers={"Host": "attacker.example"}).status_code == 400
    web.state.kb.close()
    web = serve_app(monkeypatch, examples_db, env={"NEWSGRAPH_ALLOWED_HOSTS": "one.example two.example"})
    with TestClient(web, base_url="http://localhost") as client:
        assert client.get("/api/health", headers={"Host": "two.example"}).status_code == 200
        assert client.get("/api/health", headers={"Host": "three.example"}).status_code == 400
    web.state.kb.close()


def test_serve_accepts_its_own_host_value(monkeypatch: pytest.MonkeyPatch, examples_db: Path) -> None:
    web = serve_app(monkeypatch, examples_db, "--host", "::1")
    with TestClient(web, base_url="http://localhost") as client:
        assert client.get("/api/health", headers={"Host": "[::1]:8000"}).status_code == 200
        assert client.get("/api/health", headers={"Host": "::1"}).status_code == 400  # not a Host form
    web.state.kb.close()


def test_a_rebound_name_is_refused_in_a_real_browser(examples_db: Path) -> None:
    """Chromium resolves attacker.example to 127.0.0.1 (as a rebinding DNS server would make it):
    the page and a fetch from it get 400 and no knowledge-base data; localhost still works."""
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium here (apt-get install chromium, or run .ci/services.d/chromium.sh as root)")
    from playwright.sync_api import sync_playwright

    app = create_app(examples_db, allowed_hosts=[])
    with LiveServer(app) as live, sync_playwright() as pw:
        rules = "--host-resolver-rules=MAP attacker.example 127.0.0.1"
        browser = pw.chromium.launch(executable_path=path, headless=True, args=[*CHROMIUM_ARGS, rules])
        page = browser.new_page()
        home = page.goto(f"http://localhost:{live.port}/")
        assert home is not None and home.status == 200
        assert "Harbour Workers Alliance" in page.inner_text("body")
        rebound = page.goto(f"http://attacker.example:{live.port}/api/health")
        assert rebound is not None and rebound.status == 400  # the name did reach our server
        assert "bad_host" in page.inner_text("body")
        # script on the attacker's origin reading the API of 'its own' host gets the refusal too
        answer = page.evaluate("fetch('/api/entities?q=Harbour').then(r => r.status + ' ' + r.statusText)")
        assert answer.startswith("400")
        browser.close()
    app.state.kb.close()
