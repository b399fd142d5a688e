"""``newsgraph serve``: the web UI and REST API over a knowledge base (read-only unless a token is set)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from .cli_common import DbOpt, app, err, fail
from .errors import NewsgraphError

__all__ = ["serve", "host_names"]

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_ANY_ADDRESS = {"0.0.0.0", "::", ""}  # bind-all addresses: no client sends them as its Host


def host_names(host: str, allowed: list[str] | None) -> list[str]:
    """The Host names the server answers to besides loopback: the bound name and the listed ones."""
    return ([] if host in _ANY_ADDRESS else [host]) + list(allowed or [])


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback exposes the knowledge base.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token_env: Annotated[
        str | None,
        typer.Option(
            "--token-env",
            metavar="VAR",
            help="Environment variable holding a bearer token; turns on POST /api/ingest.",
        ),
    ] = None,
    max_body: Annotated[
        int, typer.Option(help="Largest request body accepted, in bytes (else 413).")
    ] = 2_000_000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            envvar="NEWSGRAPH_ALLOWED_HOSTS",
            help="A Host name clients may use besides localhost, 127.0.0.1, [::1] and --host (repeatable; "
            "'*.example.org' for its subdomains; the env var takes several, space-separated). "
            "Any other Host gets 400 (DNS rebinding).",
        ),
    ] = None,
) -> None:
    """Serve the web pages and the REST API (/api/, OpenAPI at /api/openapi.json, reference at /docs)."""
    import uvicorn

    from .web.app import create_app

    token = None
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise typer.BadParameter(
                f"environment variable {token_env} is empty or unset", param_hint="--token-env"
            )
    try:
        web = create_app(db, token=token, max_body=max_body, allowed_hosts=host_names(host, allowed_host))
    except NewsgraphError as exc:
        raise fail(exc) from exc
    if host not in _LOOPBACK:
        err.print(f"[yellow]warning[/]: binding {host} makes the knowledge base readable from the network")
    mode = "ingest on (token)" if token else "read-only"
    err.print(f"newsgraph serving on http://{host}:{port}/ ({mode}); Ctrl-C stops")
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
