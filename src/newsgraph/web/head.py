"""HEAD on every GET route: the GET's status and headers, no body (FastAPI routes answer GET only)."""

from __future__ import annotations

from typing import Any

__all__ = ["HeadAsGet"]


class HeadAsGet:
    """ASGI middleware: a HEAD request runs as GET and its body is dropped on the way out.

    ``Content-Length`` stays what the GET would send, as HTTP asks of a HEAD answer.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_head(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_head)
