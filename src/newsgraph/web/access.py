"""Who may talk to the server: the Host check against DNS rebinding, and the read token.

Pure ASGI middleware, like ``security``: it answers before the app reads the request body.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

from .security import ASGIApp, Receive, Scope, Send

__all__ = ["LOOPBACK_HOSTS", "HostCheck", "ReadGate", "READ_COOKIE", "host_name", "allowed_host_set"]

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""Host names a browser on this machine uses for a loopback server; always accepted."""


def host_name(value: str) -> str:
    """The name part of a Host header: no port, lower case, no trailing dot; IPv6 kept in brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[: end + 1] if end > 0 else ""
    name = value.rsplit(":", 1)[0] if value.count(":") == 1 else value
    return name.rstrip(".")


def allowed_host_set(names: Iterable[str]) -> frozenset[str]:
    """The loopback names plus ``names`` (``--host`` and ``--allowed-host`` values), as ``host_name`` spells them.

    A bare IPv6 address gets its brackets (a Host header always has them); ``*.example.org`` allows every
    subdomain of example.org (not example.org itself).
    """
    out = set(LOOPBACK_HOSTS)
    for raw in names:
        for name in raw.replace(",", " ").split():
            if ":" in name and not name.startswith("["):
                name = f"[{name}]"  # '::1' as given to --host, '[::1]' in the Host header
            out.add(host_name(name))
    out.discard("")
    return frozenset(out)


class HostCheck:
    """Answer 400 to a request whose Host header names a host not in ``allowed``.

    A page on attacker.example whose DNS later points at 127.0.0.1 sends ``Host: attacker.example``;
    refusing it keeps the reader's browser from reading the knowledge base for that page.
    """

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(allowed)
        self.suffixes = tuple(a[1:] for a in self.allowed if a.startswith("*."))

    def accepts(self, host: str) -> bool:
        name = host_name(host)
        return bool(name) and (name in self.allowed or name.endswith(self.suffixes or ("\0",)))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        if self.accepts(host):
            await self.app(scope, receive, send)
            return
        body = (
            b'{"error":"bad_host","detail":"this server does not answer to that Host name; '
            b'start it with --allowed-host NAME to add one"}'
        )
        await answer(send, 400, body, b"application/json")


async def answer(send: Send, status: int, body: bytes, content_type: bytes, headers: Iterable = ()) -> None:
    """Send a whole response from middleware (nothing of the request in it)."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


READ_COOKIE = "newsgraph_read"
"""The cookie a browser gets after opening a page once with ``?token=READ_TOKEN``."""

_API_401 = (
    b'{"error":"unauthorized","detail":"this server needs a read token: '
    b"send 'Authorization: Bearer TOKEN', or open any page once with ?token=TOKEN in a browser\"}"
)
_PAGE_401 = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Read token needed - newsgraph</title></head>
<body><h1>Read token needed</h1>
<p>This newsgraph server is private. Open this address once with <code>?token=</code> and the read token
added (for example <code>/?token=...</code>); your browser keeps it in a cookie for the session.
Ask whoever runs the server for the token.</p></body></html>
"""


class ReadGate:
    """Every request but ``/static/`` needs the read token (or the ingest token), else 401.

    Accepted as ``Authorization: Bearer TOKEN`` (API clients), or as the ``newsgraph_read`` cookie that a
    browser gets by opening any GET address once with ``?token=TOKEN``: that answer is a 303 to the same
    address without the token (so it leaves no trace in the history or the address bar) setting an
    HttpOnly, SameSite=Lax cookie holding a hash of the token.
    """

    def __init__(self, app: ASGIApp, token: str, also: str | None = None) -> None:
        self.app = app
        self.tokens = [t.encode() for t in (token, also) if t]
        self.cookie = _cookie_value(token)

    def _bearer_ok(self, value: str) -> bool:
        scheme, _, given = value.partition(" ")
        if scheme.lower() != "bearer":
            return False
        ok = False
        for token in self.tokens:  # no early exit: the time taken does not say which token matched
            ok |= hmac.compare_digest(given.strip().encode(), token)
        return ok

    def _cookie_ok(self, header: str) -> bool:
        for part in header.split(";"):
            name, _, value = part.strip().partition("=")
            if name == READ_COOKIE and hmac.compare_digest(value.encode(), self.cookie.encode()):
                return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        headers = {k: v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self._bearer_ok(headers.get(b"authorization", "")) or self._cookie_ok(headers.get(b"cookie", "")):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if scope["method"] in ("GET", "HEAD") and given and self._bearer_ok(f"Bearer {given[-1]}"):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
            # never '//other.host' nor '/\\other.host' (which browsers read as '//other.host')
            location = "/" + path.lstrip("/\\") + (f"?{rest}" if rest else "")
            secure = "; Secure" if scope.get("scheme") == "https" else ""
            cookie = f"{READ_COOKIE}={self.cookie}; Path=/; HttpOnly; SameSite=Lax{secure}"
            await answer(
                send,
                303,
                b"",
                b"text/plain",
                [(b"location", location.encode("latin-1", "replace")), (b"set-cookie", cookie.encode())],
            )
            return
        if scope["path"].startswith("/api/"):
            await answer(send, 401, _API_401, b"application/json", [(b"www-authenticate", b"Bearer")])
        else:
            await answer(send, 401, _PAGE_401, b"text/html; charset=utf-8")


def _cookie_value(token: str) -> str:
    """What the cookie holds: a hash of the read token (cookie-safe whatever the token's characters)."""
    return hashlib.sha256(b"newsgraph-read-cookie:" + token.encode()).hexdigest()
