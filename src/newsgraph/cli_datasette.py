"""``newsgraph datasette``: open the SQLite knowledge base in Datasette with generated metadata."""

from __future__ import annotations

import subprocess
import sys
from typing import Annotated

import typer

from .cli_common import DbOpt, app, err, fail, open_kb
from .errors import NewsgraphError

__all__ = ["datasette"]


class DatasetteError(NewsgraphError):
    """Datasette cannot open this knowledge base, or is not installed."""

    code = "E053"


@app.command()
def datasette(
    db: DbOpt = None,
    metadata: Annotated[
        str, typer.Option("--metadata", "-m", help="Where to write the metadata JSON.")
    ] = "metadata.json",
    serve: Annotated[
        bool,
        typer.Option("--serve", help="Start Datasette on the knowledge base (needs newsgraph\\[datasette])."),
    ] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --serve.")] = 8001,
) -> None:
    """Write Datasette metadata for the SQLite knowledge base (descriptions, facets, full-text search,
    confirmed-facts queries) and print the command that opens it, or start Datasette with --serve."""
    with open_kb(db) as kb:
        path = kb.database_path()
        if path is None:
            raise fail(DatasetteError("Datasette reads SQLite files; export to SQLite or use --db PATH.db"))
        kb.datasette_metadata(metadata)
    command = ["datasette", "serve", str(path), "-m", metadata]
    err.print(f"metadata written to {metadata}; open with:", markup=False, highlight=False)
    err.print(" ".join(command), soft_wrap=True, markup=False, highlight=False)
    if not serve:
        return
    try:
        import datasette as _  # noqa: F401
    except ImportError as exc:
        raise fail(DatasetteError("--serve needs Datasette: pip install 'newsgraph[datasette]'")) from exc
    args = [sys.executable, "-m", "datasette", "serve", str(path), "-m", metadata, "--port", str(port)]
    raise typer.Exit(subprocess.call(args))
