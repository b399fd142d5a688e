"""Shared pieces of the ``newsgraph`` CLI: the typer app, stderr console, common options.

Command modules (``cli.py``, ``cli_*.py``) register their commands on ``app``.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from . import __version__
from .api import KnowledgeBase
from .errors import AmbiguousName, BadDate, NameNotFound, NewsgraphError
from .model import published_date

__all__ = [
    "app", "err", "DbOpt", "PublishedOpt", "ModelOpt", "PathsArg", "emit", "fail", "validate_date",
    "print_table", "wide_console", "open_kb",
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
    typer.Option(
        "--db",
        help="Knowledge base: a SQLite path or a postgresql:// URL "
        "(default: $NEWSGRAPH_DB, else ./newsgraph.db)",
        show_default=False,
    ),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", metavar="YYYY-MM-DD", help="Publication date for pages that carry none."),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline name or path (default: $NEWSGRAPH_MODEL, else the pinned en_core_web_sm)",
        show_default=False,
    ),
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
    # the message is text, not markup: "pip install 'newsgraph[datasette]'" keeps its brackets
    err.print(f"[bold red]error[/]: {escape(str(exc))}")
    return typer.Exit(code)


def _pick_hint(name: str, entity_id: int, options: dict[str, str | None]) -> str:
    """How to give the entity by id on this command: only forms the command takes."""
    for option, value in options.items():
        if value == name:
            if option == "NAME":
                return f"by id, e.g. '#{entity_id}' in place of the name, or --id {entity_id}"
            return f"by id, e.g. {option} '#{entity_id}'"
    return f"by id, e.g. '#{entity_id}' in place of the name"


@contextmanager
def open_kb(
    db: str | None,
    json_out: bool = False,
    options: dict[str, str | None] | None = None,
    *,
    query: str | None = None,
    coded: bool = True,
) -> Iterator[KnowledgeBase]:
    """Open the knowledge base read-only and turn the library's errors into messages and exit codes:
    the CLI's one mapping of them.

    ``NameNotFound`` and ``AmbiguousName`` exit 1 (with ``--json``, their record on stdout), a bad
    value (``ValueError``) or any other coded error exits 2. ``options`` maps each option that takes
    an entity (``NAME`` for the argument) to its value, so an ambiguous name's message says how to
    give an id on this command. ``query`` is the name as typed, for the JSON record (default: the
    name the error carries); ``coded=False`` words a missing name without its code (``who``'s wording).
    """
    try:
        kb = KnowledgeBase(db, create=False)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    try:
        yield kb
    except NameNotFound as exc:
        if json_out:
            emit(exc.to_dict(query))
        if coded:
            err.print(f"[red]{exc}[/]")
        else:
            hint = f"; did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            err.print(f"[red]{exc.what}[/]{hint}")
        raise typer.Exit(1) from None
    except AmbiguousName as exc:
        if json_out:
            emit({"query": exc.name, "error": "ambiguous", "ambiguous": True, "candidates": exc.candidates})
        err.print(f"[yellow]several entities are named {escape(repr(exc.name))}[/]:")
        for c in exc.candidates:
            desc = f" — {c['description']}" if c.get("description") else ""
            err.print(
                f"  #{c['id']} {c['name']} ({c['type']}, {c['mention_count']} mentions){desc}",
                markup=False,
                highlight=False,
            )
        first = exc.candidates[0]["id"] if exc.candidates else 0
        err.print(f"pick one: {_pick_hint(exc.name, first, options or {})}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    except ValueError as exc:  # a bad date or option value
        raise fail(exc) from exc
    except NewsgraphError as exc:
        raise fail(exc) from exc
    finally:
        kb.close()


def validate_date(value: str | None) -> date | None:
    """``--published`` as a date, by the one rule every door uses; a bad date is a usage error."""
    try:
        return published_date(value)
    except BadDate as exc:
        raise typer.BadParameter(exc.what, param_hint="--published") from None


@app.callback(invoke_without_command=True)
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details to stderr.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if version:
        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


def progress_bar(total: int | None, label: str):  # type: ignore[no-untyped-def]
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
