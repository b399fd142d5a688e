"""Who may talk to the server: the Host check (DNS rebinding), the read token, binding beyond loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.cli import app as cli
from newsgraph.cli_serve import is_loopback
from newsgraph.web import create_app
from newsgraph.web.access import READ_COOKIE, ReadGate, host_name

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
    for path in (entity_path(guarded), "/", "/api/health", "/static/css/newsgraph.css"):
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
            "/api/ingest?wait=true",
            headers={"Host": "attacker.example", "Authorization": "Bearer t0ken"},
            json={"text": "Nobody said anything."},
        )
    assert r.status_code == 400 and r.json()["error"] == "bad_host"


def test_host_names_are_compared_without_port_case_or_trailing_dot() -> None:
    assert host_name("Example.ORG.:8080") == "example.org"
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("[::1]") == "[::1]"
    assert host_name("10.0.0.5") == "10.0.0.5"


def run_serve(
    monkeypatch: pytest.MonkeyPatch, db: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[Any, dict[str, Any]]:
    """Run ``newsgraph serve`` with uvicorn stubbed out: the CLI result and what it would have served."""
    import uvicorn

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.delenv("NEWSGRAPH_READ_TOKEN", raising=False)
    monkeypatch.delenv("NEWSGRAPH_ALLOWED_HOSTS", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), *args], env=env)
    return result, served


def serve_app(
    monkeypatch: pytest.MonkeyPatch, db: Path, *args: str, env: dict[str, str] | None = None
) -> Any:
    """The app ``newsgraph serve`` would have served (it must start)."""
    result, served = run_serve(monkeypatch, db, *args, env=env)
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


READ = "r34d-t0ken"
WRITE = "wr1te-t0ken"


@pytest.fixture(scope="module")
def private(examples_db: Path) -> Iterator[TestClient]:
    app = create_app(examples_db, token=WRITE, read_token=READ, allowed_hosts=[])
    with TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False) as client:
        yield client
    app.state.kb.close()


def test_every_read_needs_the_read_token(private: TestClient, examples_db: Path) -> None:
    with TestClient(create_app(examples_db), base_url="http://127.0.0.1") as open_client:
        eid = entity_path(open_client).rsplit("/", 1)[1]
        open_client.app.state.kb.close()  # type: ignore[attr-defined]
    reads = ["/", f"/entities/{eid}", "/events", "/quotes", "/search?q=strike", "/docs", "/api/health",
             f"/api/entities/{eid}", f"/api/entities/{eid}/timeline", "/api/entities?q=Har", "/api/events",
             "/api/events.csv", "/api/quotes", "/api/stats", "/api/openapi.json", "/no/such/page"]  # fmt: skip
    for path in reads:
        r = private.get(path)
        assert r.status_code == 401, (path, r.status_code)
        assert "Harbour" not in r.text and "Alder" not in r.text, path
        if path.startswith("/api/"):
            assert r.json()["error"] == "unauthorized" and r.headers["www-authenticate"] == "Bearer"
        else:
            assert "Read token needed" in r.text and "?token=" in r.text
        for wrong in ("Bearer nope", f"Basic {READ}", f"Bearer {READ}x", "Bearer "):
            assert private.get(path, headers={"Authorization": wrong}).status_code == 401, (path, wrong)
    for path in reads[:-1]:
        for token in (READ, WRITE):  # the ingest token reads too
            r = private.get(path, headers={"Authorization": f"Bearer {token}"})
            assert r.status_code == 200, (path, r.status_code)
    assert private.get(f"/api/entities/{eid}", headers={"Authorization": f"Bearer {READ}"}).json()[
        "name"
    ] == ("Harbour Workers Alliance")
    assert private.get("/no/such/page", headers={"Authorization": f"Bearer {READ}"}).status_code == 404
    # the stylesheet and scripts hold no data and load for the 401 page's browser too
    assert private.get("/static/css/newsgraph.css").status_code == 200


def test_a_browser_trades_the_token_in_the_address_for_a_cookie(private: TestClient) -> None:
    private.cookies.clear()
    r = private.get(f"/events?type=STRIKE&token={READ}&all=true")
    assert r.status_code == 303
    assert r.headers["location"] == "/events?type=STRIKE&all=true"  # the token leaves the address
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{READ_COOKIE}=") and READ not in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert private.get("/api/health").status_code == 200  # the cookie now opens pages and the API
    assert private.get("/events").status_code == 200
    private.cookies.clear()
    assert private.get("/api/health").status_code == 401
    private.cookies.set(READ_COOKIE, "0" * 64)
    assert private.get("/api/health").status_code == 401  # a made-up cookie opens nothing
    private.cookies.clear()
    r = private.get("/?token=guess")
    assert r.status_code == 401 and "set-cookie" not in r.headers
    # a token in a POST's address is not traded, and no redirect leaves this host
    assert private.post(f"/api/ingest?token={READ}", json={"text": "x"}).status_code == 401
    private.cookies.clear()


@pytest.mark.parametrize("raw_path", [b"//evil.example/x", b"/\\evil.example/x", b"/\\/evil.example/x"])
def test_the_token_redirect_stays_on_this_host(raw_path: bytes) -> None:
    import asyncio

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the token exchange answers by itself")

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": raw_path.decode(), "raw_path": raw_path,
             "query_string": f"a=1&token={READ}".encode(), "headers": []}  # fmt: skip
    asyncio.run(ReadGate(app, READ)(scope, None, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 303
    assert dict(sent[0]["headers"])[b"location"] == b"/evil.example/x?a=1"


def test_binding_beyond_loopback_needs_a_read_token_or_public(
    monkeypatch: pytest.MonkeyPatch, examples_db: Path
) -> None:
    for host in ("0.0.0.0", "10.0.0.7", "::", "newsroom-box"):
        result, served = run_serve(monkeypatch, examples_db, "--host", host)
        assert result.exit_code == 2 and not served, host
        assert "refusing to bind" in result.output and "--public" in result.output
        assert "read token" in result.output
    web = serve_app(monkeypatch, examples_db, "--host", "0.0.0.0", "--public")
    with TestClient(web, base_url="http://localhost") as client:
        assert client.get("/api/health").status_code == 200  # public on purpose: reads are open
    web.state.kb.close()
    web = serve_app(monkeypatch, examples_db, "--host", "0.0.0.0", env={"NEWSGRAPH_READ_TOKEN": READ})
    with TestClient(web, base_url="http://localhost") as client:
        assert client.get("/api/health").status_code == 401
        assert client.get("/api/health", headers={"Authorization": f"Bearer {READ}"}).status_code == 200
    web.state.kb.close()
    web = serve_app(monkeypatch, examples_db, "--host", "10.0.0.7", "--read-token-env", "MY_READ",
                    env={"MY_READ": READ})  # fmt: skip
    with TestClient(web, base_url="http://10.0.0.7") as client:
        assert client.get("/api/health").status_code == 401
        assert client.get("/api/health", headers={"Authorization": f"Bearer {READ}"}).status_code == 200
    web.state.kb.close()
    result, served = run_serve(monkeypatch, examples_db, "--read-token-env", "UNSET_READ_VAR")
    assert result.exit_code == 2 and not served and "UNSET_READ_VAR" in result.output


def test_loopback_addresses() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.7", "192.168.1.4", "newsroom-box"))


def test_the_read_cookie_works_in_a_real_browser(examples_db: Path, browser: object) -> None:
    """Opening one address with ?token= once is enough: the dossier's scripts then fetch the API."""
    from .conftest import watch

    app = create_app(examples_db, read_token=READ, allowed_hosts=[])
    with LiveServer(app) as live:
        page = browser.new_page()  # type: ignore[attr-defined]
        seen = watch(page)
        assert page.goto(f"{live.url}/who?name=HWA").status == 401  # type: ignore[union-attr]
        page.goto(f"{live.url}/who?name=HWA&token={READ}")
        page.wait_for_url("**/entities/*")
        assert "token" not in page.url
        assert page.inner_text("h1").startswith("Harbour Workers Alliance")
        page.wait_for_selector("#graph[data-rendered]")  # the graph's API fetch carried the cookie
        page.close()
        assert seen["errors"] == [] and seen["csp"] == []
    app.state.kb.close()
