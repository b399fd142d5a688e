"""Human corrections to entity resolution: ``merge``, ``split`` and ``alias add|remove|list``.

Each command changes the knowledge base at once and is remembered, so pages ingested later (or
again) follow it. Entities are given by name or as ``#ID`` (ids are listed by ``who NAME``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from .api import KnowledgeBase
from .cli_common import DbOpt, app, emit, err, fail
from .errors import NewsgraphError

__all__ = ["alias_app"]

EntityArg = Annotated[str, typer.Argument(help="An entity: a name or alias, or #ID.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]

alias_app = typer.Typer(
    help="Add, remove or list an entity's aliases (remembered across ingests).", no_args_is_help=True
)
app.add_typer(alias_app, name="alias")


def _apply(
    db: str | None,
    action: Callable[[KnowledgeBase], dict[str, Any]],
    json_out: bool,
    say: Callable[[dict], str],
    listing: bool = False,
) -> None:
    try:
        with KnowledgeBase(db, create=False) as kb:
            result = action(kb)
    except NewsgraphError as exc:
        raise fail(exc) from exc
    if json_out:
        emit(result)
    elif listing:
        typer.echo(say(result))
    else:
        err.print(say(result))


@app.command()
def merge(into: EntityArg, other: EntityArg, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Fold entity OTHER into INTO: its mentions, facts and names move; later articles follow."""
    _apply(
        db,
        lambda kb: kb.merge(into, other),
        json_out,
        lambda r: f"merged #{r['merged']['id']} {r['merged']['name']} into #{r['id']} {r['name']}",
    )


@app.command()
def split(
    entity: EntityArg,
    article: Annotated[
        list[str] | None,
        typer.Option("--article", help="Move the mentions in this article (repeat for several)."),
    ] = None,
    alias: Annotated[str | None, typer.Option("--alias", help="Move the mentions named ALIAS.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Name of the new entity.")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Move some of an entity's mentions (by article or by alias) to a new entity; remembered."""
    if bool(article) == bool(alias):
        raise typer.BadParameter(
            "give --article ID (one or more) or --alias NAME, not both", param_hint="--article"
        )
    _apply(
        db,
        lambda kb: kb.split(entity, articles=article, alias=alias, name=name),
        json_out,
        lambda r: (
            f"split {r['articles']} article entities off #{r['from']['id']} {r['from']['name']} "
            f"into #{r['id']} {r['name']}"
        ),
    )


@alias_app.command("add")
def alias_add(
    entity: EntityArg,
    alias: Annotated[str, typer.Argument(help="The new name.")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Give ENTITY another name; articles using it link to ENTITY from now on."""
    _apply(
        db,
        lambda kb: kb.add_alias(entity, alias),
        json_out,
        lambda r: f"#{r['id']} {r['name']} is also {r['alias']!r}",
    )


@alias_app.command("remove")
def alias_remove(
    entity: EntityArg,
    alias: Annotated[str, typer.Argument(help="The name to take off.")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Take a name off ENTITY; it no longer links articles there (past mentions stay)."""
    _apply(
        db,
        lambda kb: kb.remove_alias(entity, alias),
        json_out,
        lambda r: f"#{r['id']} {r['name']} is no longer {r['removed']!r}",
    )


@alias_app.command("list")
def alias_list(entity: EntityArg, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """List ENTITY's aliases and where each came from (auto or user)."""

    def say(r: dict) -> str:
        lines = [f"#{r['id']} {r['name']} ({r['type']})"]
        lines += [f"  {a['alias']}" + ("  [user]" if a["origin"] == "user" else "") for a in r["aliases"]]
        return "\n".join(lines)

    _apply(db, lambda kb: kb.aliases(entity), json_out, say, listing=True)
