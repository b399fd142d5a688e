"""URL fetching against a real local HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsgraph.ingest import Limits, count_inputs, fetch, iter_pages
from newsgraph.ingest.fetch import is_public_address

PAGE = b"<html><body><p>Alder workers strike.</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = self.path
        if path == "/page.html":
            self._send(200, PAGE, {"Content-Type": "text/html; charset=utf-8"})
        elif path == "/host":
            self._send(200, self.headers["Host"].encode(), {"Content-Type": "text/plain"})
        elif path == "/story":
            self._send(200, b"Plain story.", {"Content-Type": "text/plain"})
        elif path == "/untyped":
            self._send(200, PAGE, {})
        elif path == "/moved":
            self._send(301, b"", {"Location": "/page.html"})
        elif path.startswith("/loop"):
            self._send(302, b"", {"Location": f"/loop{len(path)}"})
        elif path == "/to-file":
            self._send(302, b"", {"Location": "file:///etc/passwd"})
        elif path == "/image":
            self._send(200, b"\x89PNG....", {"Content-Type": "image/png"})
        elif path == "/missing":
            self._send(404, b"<html>not here</html>", {"Content-Type": "text/html"})
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif path == "/big-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: HTTP/1.0 reads until the server closes
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(200):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client stopped reading, as it should
        elif path == "/gzip":
            self._send(200, gzip.compress(PAGE), {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        elif path == "/bomb":
            body = gzip.compress(b" " * (16 * 1024 * 1024), compresslevel=6)
            self._send(200, body, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        else:
            self._send(404, b"", {})


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _one(url: str, **kwargs: object):  # type: ignore[no-untyped-def]
    (page,) = iter_pages([url], allow_private=True, **kwargs)  # type: ignore[arg-type]
    return page


def test_fetches_html_and_text(server: str) -> None:
    page = _one(f"{server}/page.html", published="2024-05-06")
    assert (page.kind, page.data, page.url, page.source) == (
        "html",
        PAGE,
        f"{server}/page.html",
        f"{server}/page.html",
    )
    assert page.published == date(2024, 5, 6) and page.error is None
    story = _one(f"{server}/story")
    assert (story.kind, story.data) == ("text", b"Plain story.")
    assert _one(f"{server}/untyped").kind == "html"  # no Content-Type: sniffed


def test_redirect_is_followed_and_url_is_final(server: str) -> None:
    page = _one(f"{server}/moved")
    assert (page.data, page.url, page.source) == (PAGE, f"{server}/page.html", f"{server}/moved")


def test_redirect_limits(server: str) -> None:
    assert _one(f"{server}/loop").error_reason == "too_many_redirects"
    assert _one(f"{server}/to-file").error_reason == "blocked"


def test_content_type_and_status_are_checked(server: str) -> None:
    image, missing = (_one(f"{server}/image"), _one(f"{server}/missing"))
    assert (image.error_reason, image.data) == ("unsupported_type", b"")
    assert "image/png" in image.error
    assert missing.error_reason == "http_error" and "404" in missing.error


def test_size_limits_stop_reading(server: str) -> None:
    assert _one(f"{server}/big-declared").error_reason == "too_large"
    streamed = _one(f"{server}/big-streamed", limits=Limits(max_page_bytes=1024 * 1024))
    assert streamed.error_reason == "too_large"


def test_content_encoding_is_inflated_within_the_limit(server: str) -> None:
    assert _one(f"{server}/gzip").data == PAGE
    bomb = _one(f"{server}/bomb", limits=Limits(max_page_bytes=1024 * 1024))
    assert bomb.error_reason == "too_large"


def test_loopback_is_refused_by_default_and_iteration_goes_on(server: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    local = tmp_path / "a.txt"
    local.write_bytes(b"local")
    pages = list(iter_pages([f"{server}/page.html", "http://localhost:1/x", str(local)]))
    assert [p.error_reason for p in pages] == ["blocked", "blocked", None]
    assert "allow_private" in pages[0].error and pages[0].data == b""
    assert pages[2].data == b"local"
    assert count_inputs([f"{server}/page.html"]) == 1


def test_unreachable_and_bad_urls() -> None:
    closed = _one("http://127.0.0.1:1/nothing-listens-here")
    assert closed.error_reason == "unreachable"
    assert _one("http://no-such-host.invalid/").error_reason == "unreachable"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata service
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # loopback in IPv6 clothing
        ("224.0.0.1", False),
        ("93.184.215.14", True),
        ("2606:4700:4700::1111", True),
    ],
)
def test_public_address_check(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_request_goes_to_the_checked_address_with_the_real_host(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = server.rsplit(":", 1)[1]
    # Nothing listens on 127.0.0.2, so the fetch must fall back to the next checked address.
    monkeypatch.setattr(fetch, "_resolve", lambda host, port: ["127.0.0.2", "127.0.0.1"])
    page = _one(f"http://news.test:{port}/host")
    assert (page.error, page.data, page.url) == (
        None,
        f"news.test:{port}".encode(),
        f"http://news.test:{port}/host",
    )


def test_any_internal_address_blocks_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "_resolve", lambda host, port: ["93.184.215.14", "10.0.0.7"])
    (page,) = iter_pages(["https://news.test/story"])
    assert page.error_reason == "blocked" and "10.0.0.7" in page.error
