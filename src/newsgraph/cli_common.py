"""Shared pieces of the ``newsgraph`` CLI: the typer app, stderr console, common options.

Command modules (``cli.py``, ``cli_*.py``) register their commands on ``app``.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from . import __version__

__all__ = [
    "app", "err", "DbOpt", "PublishedOpt", "ModelOpt", "PathsArg", "emit", "fail", "validate_date",
    "print_table", "wide_console",
]  # fmt: skip

app = typer.Typer(
    name="newsgraph",
    help="Read news pages and build a knowledge base of who did what to whom, when and where, "
    "and who said what. Every fact keeps the sentence it came from.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Knowledge base: a SQLite path or a postgresql:// URL "
                 "(default: $NEWSGRAPH_DB, else ./newsgraph.db)", show_default=False),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", metavar="YYYY-MM-DD", help="Publication date for pages that carry none."),
]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline name or path (default: $NEWSGRAPH_MODEL, else the pinned en_core_web_sm)",
                 show_default=False),
]
PathsArg = Annotated[
    list[str],
    typer.Argument(help="Files, folders (recursive), globs, JSONL, WARC(.gz), URLs, or - for stdin."),
]


def emit(record: dict[str, Any]) -> None:
    """Write one JSON record as a line on stdout."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


# Piped output has no width to fit: a table is printed at its natural width, every cell whole.
_PIPED_WIDTH = 100_000


def wide_console() -> Console:
    """stdout for tables: the terminal's width in a terminal; piped, wide enough for any row."""
    out = Console()
    return out if out.is_terminal else Console(width=_PIPED_WIDTH)


def print_table(table: Any, console: Console | None = None) -> None:
    """Print a rich ``Table`` whole, the one rule for every table the CLI prints.

    No cell is cut to '201…': in a terminal a cell too wide for its column folds onto the next
    line; piped (not a terminal) the table takes its natural width, one row a line.
    """
    for column in table.columns:
        column.overflow = "fold"
        column.no_wrap = False
        column.max_width = None
    (console or wide_console()).print(table)


def fail(exc: Exception, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error[/]: {exc}")
    return typer.Exit(code)


def validate_date(value: str | None) -> str | None:
    """Check ``--published`` with the ingest stage's own rule; a bad date is a usage error."""
    from .ingest import check_published

    try:
        return check_published(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from None


@app.callback(invoke_without_command=True)
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details to stderr.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    if version:
        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


def progress_bar(total: int | None, label: str):  # type: ignore[no-untyped-def]
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} pages/s"),
        TextColumn("[red]{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal and total is None,
    )
    return progress


