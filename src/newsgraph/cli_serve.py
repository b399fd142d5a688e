"""``newsgraph serve``: the web UI and REST API over a knowledge base (read-only unless a token is set)."""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer
import uvicorn

from .cli_common import DbOpt, app, err, fail
from .errors import NewsgraphError
from .web.app import create_app

__all__ = ["serve", "host_names"]

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_ANY_ADDRESS = {"0.0.0.0", "::", ""}  # bind-all addresses: no client sends them as its Host


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1): only this machine can connect."""
    if host.lower() in _LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _env_token(var: str, option: str, *, required: bool) -> str | None:
    """The token in environment variable ``var``; a named but empty variable is a usage error."""
    value = os.environ.get(var) or None
    if required and not value:
        raise typer.BadParameter(f"environment variable {var} is empty or unset", param_hint=option)
    return value


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
    read_token_env: Annotated[
        str | None,
        typer.Option(
            "--read-token-env",
            metavar="VAR",
            help="Environment variable holding a read token that every page and API call then needs "
            "(default: NEWSGRAPH_READ_TOKEN when set). Required to bind beyond loopback, unless --public.",
        ),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="Allow binding beyond loopback with no read token: anyone who reaches it reads all.",
        ),
    ] = False,
) -> None:
    """Serve the web pages and the REST API (/api/, OpenAPI at /api/openapi.json, reference at /docs)."""
    token = _env_token(token_env, "--token-env", required=True) if token_env else None
    read_token = _env_token(
        read_token_env or "NEWSGRAPH_READ_TOKEN", "--read-token-env", required=read_token_env is not None
    )
    if not is_loopback(host) and not read_token and not public:
        raise fail(
            ValueError(
                f"refusing to bind {host} without a read token: anyone who can reach it could read the whole "
                "knowledge base. Set one, e.g. NEWSGRAPH_READ_TOKEN=$(openssl rand -hex 24) newsgraph serve "
                f"--host {host} --allowed-host NAME, or pass --public to serve it to everyone on purpose"
            )
        )
    names = host_names(host, allowed_host)
    try:
        web = create_app(db, token=token, max_body=max_body, allowed_hosts=names, read_token=read_token)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    if not is_loopback(host):
        reach = "anyone on the network" if not read_token else "holders of the read token"
        err.print(f"[yellow]note[/]: binding {host}: {reach} can read the knowledge base")
        if not allowed_host:
            err.print("[yellow]note[/]: only loopback names and the --host value are accepted as Host; "
                      "add --allowed-host NAME for each name or address clients use")  # fmt: skip
    mode = ("ingest on (token)" if token else "read-only") + (", read token needed" if read_token else "")
    err.print(f"newsgraph serving on http://{host}:{port}/ ({mode}); Ctrl-C stops")
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
