"""The ``newsgraph`` command: a thin typer wrapper over the Python API.

JSON (``--json`` / ``--jsonl``) goes to stdout alone; progress bars, logs and summaries go to stderr.
Commands live in ``cli.py`` (pages in, dossier out) and in ``cli_*.py`` modules, each registering
on the shared ``app`` from ``cli_common``.
"""

from __future__ import annotations

import importlib
import sys
from time import perf_counter
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from .api import KnowledgeBase
from .cli_common import (
    DbOpt,
    PathsArg,
    PublishedOpt,
    app,
    emit,
    err,
    fail,
    open_kb,
    progress_bar,
    validate_date,
    wide_console,
)
from .cli_unconfirmed import confirmed_only, print_unconfirmed
from .errors import AmbiguousName, NewsgraphError
from .executors import EXECUTORS, executor_names
from .ingest import Limits, count_inputs, iter_pages
from .nlp import load_pipeline
from .nlp.pipeline import model_spec
from .process import extract_pages, process_pages
from .render import print_candidates, print_dossier
from .settings import DEFAULTS, load_settings

if TYPE_CHECKING:
    from .summary import RunSummary

__all__ = ["app", "main"]

ModelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--model",
        metavar="[LANG=]NAME",
        help="spaCy pipeline (package name or path) for English pages, default: $NEWSGRAPH_MODEL, else "
        "the pinned en_core_web_sm; repeat as LANG=NAME to add one for another language (fr=fr_core_news_sm). "
        "Pages in a language without a pipeline are stored with no facts.",
        show_default=False,
    ),
]


def _model_spec(values: list[str] | None) -> str | None:
    try:
        return model_spec(values)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--model") from exc


@app.command()
def extract(
    paths: PathsArg,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON line per article on stdout.")] = False,
    published: PublishedOpt = None,
) -> None:
    """Extract articles (title, date, body, captions, dropped boilerplate); no NLP, nothing stored."""
    published = validate_date(published)
    failed = 0
    try:
        pages = iter_pages(paths, published=published)
        for outcome in extract_pages(pages):  # iter_pages dates the pages
            if outcome.article is None:
                failed += 1
                err.print(f"[red]{escape(outcome.source)}[/]: {escape(str(outcome.error))}")
                continue
            if jsonl:
                emit(outcome.article.to_dict())
            else:
                a = outcome.article
                err.print(f"[bold]{escape(a.title or '')}[/] ({a.published or 'no date'}) {escape(a.source)}")
                sys.stdout.write(a.text + "\n\n")
    except NewsgraphError as exc:
        raise fail(exc) from exc
    if failed:
        raise typer.Exit(1)


@app.command()
def annotate(
    paths: PathsArg,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON line per article on stdout.")] = False,
    published: PublishedOpt = None,
    model: ModelOpt = None,
) -> None:
    """Extract and annotate articles (entities, dates, quotes, facts); print them, store nothing."""
    published = validate_date(published)
    failed = 0
    try:
        nlp = load_pipeline(_model_spec(model))
        for outcome in process_pages(iter_pages(paths, published=published), nlp=nlp):
            if outcome.facts is None:
                failed += 1
                err.print(f"[red]{escape(outcome.source)}[/]: {escape(str(outcome.error))}")
                continue
            record = outcome.facts.to_dict()
            if jsonl:
                emit(record)
            else:
                _print_annotation(record)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    if failed:
        raise typer.Exit(1)


def _print_annotation(record: dict[str, Any]) -> None:
    out = Console()
    out.rule(f"[bold]{escape(record['title'] or record['source'])}")
    out.print(f"published {record['published']}  source {escape(record['source'])}")
    names = {e["id"]: e["name"] for e in record["entities"]}
    for e in record["entities"]:
        out.print(
            f"  [cyan]{e['type']:<7}[/] {escape(e['name'])}"
            + (f"  ({escape(', '.join(e['aliases']))})" if e["aliases"] else "")
        )
    for t in record["timexes"]:
        out.print(f"  [magenta]{t['type']:<7}[/] {escape(repr(t['text']))} = {t['value']}")
    for q in record["quotes"]:
        speaker = names.get(q["speaker"] or "", q["speaker_text"] or "?")
        out.print(f"  [green]{q['kind']:<7}[/] {escape(speaker)}: “{escape(q['text'])}” {q['date'] or ''}")


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", min=1, help="Worker processes (one model each); 1 runs in this process."
        ),
    ] = 1,
    retry_errors: Annotated[
        bool, typer.Option("--retry-errors", help="Process again the pages that failed in an earlier run.")
    ] = False,
    page_timeout: Annotated[
        float | None,
        typer.Option(
            "--page-timeout",
            min=0,
            help="Seconds one page may spend in extraction (0: no limit). "
            f"Default: settings (NEWSGRAPH_PAGE_TIMEOUT, the user file), else {DEFAULTS.page_timeout:g}.",
        ),
    ] = None,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size",
            min=1,
            help="Pages annotated at once. "
            f"Default: settings (NEWSGRAPH_BATCH_SIZE, the user file), else {DEFAULTS.batch_size}.",
        ),
    ] = None,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            "--engine",
            help="Where the stages run: local (this machine: this process, or a pool of --workers), "
            "pool (a pool of --workers processes, even one) or ray (a Ray cluster; pip install "
            "'newsgraph\\[ray]'). --engine is its old name, still taken.",
        ),
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="Ray cluster to join, e.g. ray://head:10001 or auto (default: start a local cluster).",
        ),
    ] = None,
) -> None:
    """Read pages into the knowledge base: idempotent and resumable (a page stored before is skipped).

    Run the same command again after a crash or Ctrl-C to finish the job. Exit code 1 when some
    page failed (see `newsgraph errors`; retry with --retry-errors).
    """
    published = validate_date(published)
    try:  # flags over NEWSGRAPH_* variables over the user file over the shipped defaults
        settings = load_settings({"page_timeout": page_timeout, "batch_size": batch_size})
    except NewsgraphError as exc:
        raise fail(exc) from exc
    if executor not in EXECUTORS:
        raise typer.BadParameter(
            f"{executor!r} is not an executor; use {executor_names()}", param_hint="--executor"
        )
    try:
        kb = KnowledgeBase(db, model=_model_spec(model))
    except NewsgraphError as exc:
        raise fail(exc) from exc
    total = count_inputs(paths)
    started = perf_counter()
    errors = 0
    with progress_bar(total, "ingest") as progress:
        task = progress.add_task("ingest", total=total, rate="0.0", errors=0)

        def on_start() -> None:  # the clock starts once the models are loaded
            nonlocal started
            started = perf_counter()
            progress.reset(task, total=total, rate="0.0", errors=errors)

        def on_page(outcome) -> None:  # type: ignore[no-untyped-def]
            nonlocal errors
            errors += outcome.status in ("error", "failed_before")
            rate = (progress.tasks[0].completed + 1) / max(perf_counter() - started, 1e-9)
            progress.update(task, advance=1, rate=f"{rate:.1f}", errors=errors)

        try:
            summary = kb.ingest(
                paths,
                published=published,
                on_page=on_page,
                workers=workers,
                retry_errors=retry_errors,
                page_timeout=settings.page_timeout or None,
                batch_size=settings.batch_size,
                nlp_timeout=settings.nlp_timeout,
                max_worker_rss_mb=settings.max_worker_rss_mb,
                limits=Limits.from_settings(settings),
                executor=executor,
                ray_address=ray_address,
                on_start=on_start,
            )
        except NewsgraphError as exc:
            raise fail(exc) from exc
    kb.close()
    if json_out:
        emit(summary.to_dict())
    _print_summary(summary, summary.seconds or perf_counter() - started)
    if summary.failed:
        raise typer.Exit(1)


def _print_summary(summary: RunSummary, seconds: float) -> None:
    err.print(
        f"[bold]{summary.pages}[/] pages read, [green]{summary.stored}[/] articles stored, "
        f"{summary.duplicates} duplicates, [red]{summary.error_count}[/] errors in {seconds:.1f}s"
    )
    already, failed_before = summary.already_done, summary.failed_before
    if already or failed_before:
        err.print(
            f"  {already} pages were done already (earlier run)"
            + (
                f"; {failed_before} failed before and were skipped (--retry-errors to retry them)"
                if failed_before
                else ""
            )
        )
    for reason, count in sorted(summary.errors.items()):
        err.print(f"  [red]{reason}[/]: {count}")
    for failure in summary.failures[:20]:
        err.print(f"    {failure['source']}: {failure['message']}")
    if len(summary.failures) > 20:
        err.print(f"    ... and {len(summary.failures) - 20} more (see `newsgraph errors`)")


@app.command()
def who(
    name: Annotated[
        str, typer.Argument(help="A name or any alias (case-insensitive), or '#ID' (an entity id).")
    ] = "",
    db: DbOpt = None,
    entity_id: Annotated[
        int | None, typer.Option("--id", help="Pick an entity by id (the same as giving '#ID' as the name).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the dossier as JSON on stdout.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many lines per section.")] = 50,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also the unconfirmed facts, marked as such.")
    ] = False,
) -> None:
    """Who is X? The dossier: names, descriptions, ties, timeline, quotes and sources.

    Only confirmed facts (measured precision at least 0.9) unless --all.
    """
    if not name and entity_id is None:
        raise typer.BadParameter("give a NAME or --id", param_hint="NAME")
    with open_kb(db, json_out, query=name, coded=False) as kb:
        try:
            result = kb.who(name or None, entity_id=entity_id, limit=limit, include_unconfirmed=show_all)
        except AmbiguousName as exc:  # not a failure here: who lists the candidates to pick from
            result = exc.to_dict()
    if json_out:
        emit(result)
    elif result["ambiguous"]:
        print_candidates(result, wide_console())
        first = result["candidates"][0]["id"]
        err.print(f"pick one: newsgraph who '#{first}' (or --id {first})", markup=False, highlight=False)
    else:
        print_dossier(confirmed_only(result))
        print_unconfirmed(result, show_all)


@app.command()
def errors(
    db: DbOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON line per error on stdout.")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 100,
) -> None:
    """List pages that failed, with their reason."""
    try:
        kb = KnowledgeBase(db, create=False)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    with kb:
        failures = kb.errors(limit=limit)
    for failure in failures:
        if json_out:
            emit(failure)
        else:
            err.print(f"[red]{failure['reason']:<12}[/] {failure['source']}: {failure['message']}")


_COMMAND_MODULES = ["cli_corpus", "cli_corrections", "cli_serve", "cli_datasette"]


def _register_command_modules() -> None:
    """Import the other command modules; each adds its commands to ``app`` on import (a missing
    one is a packaging error and fails here, never a command that silently disappears)."""
    for name in _COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}")


_register_command_modules()


def main() -> None:
    """Entry point of the ``newsgraph`` script."""
    app()


if __name__ == "__main__":
    main()
