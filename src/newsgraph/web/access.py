"""Who may talk to the server: the Host check against DNS rebinding.

Pure ASGI middleware, like ``security``: it answers before the app reads the request body.
"""

from __future__ import annotations

from collections.abc import Iterable

from .security import ASGIApp, Receive, Scope, Send

__all__ = ["LOOPBACK_HOSTS", "HostCheck", "host_name", "allowed_host_set"]

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
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
