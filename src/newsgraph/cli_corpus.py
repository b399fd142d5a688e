"""Corpus commands: timeline, quotes, events, graph, search, stats and export (thin wrappers over the API).

``--json`` prints one JSON object (timeline, graph, search, stats) or one JSON line per record
(quotes, events) on stdout; people get tables on stdout, messages on stderr.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .cli_common import DbOpt, app, emit, err, open_kb, print_table, wide_console
from .export import csv_text
from .query import to_graphml
from .query.events import EVENT_COLUMNS, flat_event
from .render import event_date_text, event_place_text

__all__ = ["timeline", "quotes", "events", "graph", "search", "stats", "export"]

JsonOpt = Annotated[bool, typer.Option("--json", help="JSON on stdout.")]
FromOpt = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE", help="From this date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive."),
]
ToOpt = Annotated[str | None, typer.Option("--to", metavar="DATE", help="Up to this date, inclusive.")]
IdOpt = Annotated[
    int | None, typer.Option("--id", help="Pick an entity by id (the same as giving '#ID' as the name).")
]
LimitOpt = Annotated[int, typer.Option("--limit", help="At most this many records.")]
AllOpt = Annotated[
    bool,
    typer.Option(
        "--all", help="Also the unconfirmed facts (below the 0.9 precision threshold), marked as such."
    ),
]


def _mark(item: dict[str, Any]) -> str:
    """'? ' before an unconfirmed fact, nothing before a confirmed one."""
    return "" if item.get("confirmed", True) else "? "


def _more(shown: int, hidden: int, what: str, shown_all: bool) -> str:
    """A count that tells the truth: '12 events shown; 30 more unconfirmed with --all'.

    With --all, ``hidden`` is how many of the ``shown`` are unconfirmed (see ``_marked``)."""
    if shown_all:
        return f"{shown} {what} shown" + (f", {hidden} of them unconfirmed (marked ?)" if hidden else "")
    return f"{shown} {what} shown" + (f"; {hidden} more unconfirmed with --all" if hidden else "")


def _marked(found: list[dict[str, Any]]) -> int:
    """How many of the listed facts are unconfirmed (a --limit may list fewer than match)."""
    return sum(not item.get("confirmed", True) for item in found)


def _heading(out: Console, text: str) -> None:
    """A rule across the terminal; piped, the heading on its own line."""
    if out.is_terminal:
        out.rule(text)
    else:
        out.print(text, highlight=False)


def _src(article: dict[str, Any]) -> str:
    return escape(
        f"{article.get('published') or 'undated'} {article.get('title') or article.get('url') or article.get('source')}"
    )


def _who(name: str, entity_id: int | None) -> str | int:
    if entity_id is not None:
        return entity_id
    if not name:
        raise typer.BadParameter("give a NAME or --id", param_hint="NAME")
    return name


@app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="A name or any alias, or '#ID'.")] = "",
    db: DbOpt = None,
    entity_id: IdOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    limit: LimitOpt = 200,
    show_all: AllOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Dated lines about an entity (events, dated quotes, dated mentions), in time order.

    Only confirmed lines unless --all (unconfirmed ones are then marked ?).
    """
    with open_kb(db, json_out, {"NAME": name}) as kb:
        result = kb.timeline(
            _who(name, entity_id),
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            include_unconfirmed=show_all,
        )
    if json_out:
        emit(result)
        return
    out = wide_console()
    _heading(out, f"[bold]{escape(result['name'])}[/] ({result['type']}): {result['total']} dated lines")
    for line in result["timeline"]:
        out.print(
            f"{_mark(line)}[cyan]{line['date']:<12}[/] [magenta]{line['kind']:<7}[/] {escape(line['what'])}",
            highlight=False,
        )
        out.print(f"             {line['sentence']}", style="dim", highlight=False, markup=False)
        out.print(f"             {_src(line['article'])}", style="dim", highlight=False)
    err.print(_more(result["total"], result.get("unconfirmed", 0), "dated lines", show_all))


@app.command()
def quotes(
    db: DbOpt = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Said by this entity (any alias, or '#ID').")
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", help="Naming this entity in the quoted words (a name or '#ID').")
    ] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    search: Annotated[str | None, typer.Option("--search", help="Quoted words matching this search.")] = None,
    limit: LimitOpt = 100,
    show_all: AllOpt = False,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON line per quote on stdout.")] = False,
) -> None:
    """Who said what: quotes by a speaker, about an entity, between dates, matching words.

    Only confirmed quotes (a named speaker, confident enough) unless --all (then marked ?).
    """
    filters = {
        "speaker": speaker,
        "about": about,
        "date_from": date_from,
        "date_to": date_to,
        "search": search,
    }
    with open_kb(db, json_out, {"--speaker": speaker, "--about": about}) as kb:
        found = kb.quotes(**filters, limit=limit, include_unconfirmed=show_all)
        hidden = _marked(found) if show_all else kb.unconfirmed_quotes(**filters)
    for q in found:
        if json_out:
            emit(q)
            continue
        who = q["speaker_name"] or q["speaker_text"] or "?"
        print(f"{_mark(q)}{who}: “{q['text']}” ({q['date'] or q['article']['published'] or 'undated'})")
        print(f"    {_src(q['article'])}")
    err.print(_more(len(found), hidden, "quotes", show_all))


@app.command()
def events(
    db: DbOpt = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. PROTEST.")] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Done by this entity (a name or '#ID').")
    ] = None,
    recipient: Annotated[
        str | None, typer.Option("--recipient", help="Done to this entity (a name or '#ID').")
    ] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place name or 2-letter country code.")] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    limit: LimitOpt = 100,
    show_all: AllOpt = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="CSV with a header on stdout.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON line per event on stdout.")] = False,
) -> None:
    """Who did what to whom, where and when: the events table, filtered.

    Only confirmed events unless --all: then low-confidence, hypothetical and negated events
    are listed too, marked ? (and labelled hypothetical / negated).
    """
    if csv_out and json_out:
        raise typer.BadParameter("give --csv or --json, not both", param_hint="--csv")
    filters = {"type": type, "actor": actor, "recipient": recipient, "place": place,
               "date_from": date_from, "date_to": date_to}  # fmt: skip
    with open_kb(db, json_out, {"--actor": actor, "--recipient": recipient}) as kb:
        found = kb.events(**filters, limit=limit, include_unconfirmed=show_all)
        hidden = _marked(found) if show_all else kb.unconfirmed_events(**filters)
    if csv_out:
        sys.stdout.write(csv_text([flat_event(e) for e in found], EVENT_COLUMNS))
    elif json_out:
        for e in found:
            emit(e)
    else:
        table = Table("date", "type", "actor", "recipient", "place", "source")
        for e in found:
            label = _mark(e) + e["type"] + (f"/{e['mode']}" if e["mode"] else "")
            label += "".join(f" ({flag})" for flag in ("hypothetical", "negated") if e.get(flag))
            when = event_date_text(e) + (
                f" [{e['date']}]" if e["date"] and e["date_source"] == "text" else ""
            )
            table.add_row(escape(when), escape(label), escape(e["actor_name"] or ""), escape(e["recipient_name"] or ""),
                          escape(event_place_text(e)), _src(e["article"]))  # fmt: skip
        print_table(table)
    err.print(_more(len(found), hidden, "events", show_all))


class GraphFormat(StrEnum):
    table = "table"
    json = "json"
    graphml = "graphml"


@app.command()
def graph(
    name: Annotated[str, typer.Argument(help="A name or any alias, or '#ID'.")] = "",
    db: DbOpt = None,
    entity_id: IdOpt = None,
    depth: Annotated[int, typer.Option("--depth", min=0, max=4, help="Hops from the entity.")] = 1,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, help="Keep the most tied entities.")] = 50,
    format: Annotated[
        GraphFormat | None,
        typer.Option("--format", help="table (the default), json (the same as --json) or graphml (Gephi)."),
    ] = None,
    show_all: AllOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Entities tied to X by relations and shared sentences, with edge weights and types.

    Relation statements count only when confirmed unless --all (then marked ?).
    """
    if json_out and format not in (None, GraphFormat.json):
        raise typer.BadParameter(
            f"--json prints JSON; drop it or --format {format.value}", param_hint="--json"
        )
    json_out = json_out or format is GraphFormat.json
    with open_kb(db, json_out, {"NAME": name}) as kb:
        result = kb.graph(
            _who(name, entity_id), depth=depth, max_nodes=max_nodes, include_unconfirmed=show_all
        )
    if format is GraphFormat.graphml:
        sys.stdout.write(to_graphml(result))
        return
    if json_out:
        emit(result)
        return
    names = {n["id"]: n["name"] for n in result["nodes"]}
    out = wide_console()
    _heading(
        out,
        f"[bold]{escape(result['center']['name'])}[/]: {len(result['nodes'])} entities, {len(result['edges'])} ties",
    )
    for e in sorted(result["edges"], key=lambda e: -e["weight"]):
        unsure = sorted({s["relation"] for s in e["relations"] if not s.get("confirmed", True)})
        over = sorted({s["relation"] for s in e["relations"] if s.get("former")})
        note = f" [dim]former: {', '.join(over)}[/]" if over else ""
        note += f" [yellow]? unconfirmed: {', '.join(unsure)}[/]" if unsure else ""
        out.print(
            f"{e['weight']:>4}  {escape(names[e['source']])} — {escape(names[e['target']])}  [dim]{', '.join(e['types'])}[/]{note}",
            highlight=False,
        )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", -excluded, a or b.')],
    db: DbOpt = None,
    kind: Annotated[str, typer.Option("--kind", help="all, articles or quotes.")] = "all",
    limit: LimitOpt = 20,
    json_out: JsonOpt = False,
) -> None:
    """Full-text search over articles and quotes, best first, with snippets."""
    with open_kb(db, json_out) as kb:
        result = kb.search(query, kind=kind, limit=limit)
    if json_out:
        emit(result)
        return
    out = wide_console()
    for hit in result["articles"]:
        out.print(f"[bold]{_src(hit['article'])}[/]", highlight=False)
        out.print(f"    {hit['snippet']}", highlight=False, markup=False)
    for hit in result["quotes"]:
        who = hit["speaker_name"] or hit["speaker_text"] or "?"
        out.print(Text.assemble((who, "green"), ": ", hit["snippet"]), highlight=False)
        out.print(f"    {_src(hit['article'])}", style="dim", highlight=False)
    err.print(f"{len(result['articles'])} articles, {len(result['quotes'])} quotes")


@app.command()
def stats(
    db: DbOpt = None,
    top: Annotated[int, typer.Option("--top", help="How many top entities.")] = 10,
    json_out: JsonOpt = False,
) -> None:
    """What the knowledge base holds: articles, entities, quotes, events, errors, dates."""
    with open_kb(db, json_out) as kb:
        result = kb.stats(top=top)
    if json_out:
        emit(result)
        return
    out = wide_console()  # piped: each count on one line, the table whole
    dr = result["date_range"]
    out.print(f"[bold]{result['articles']}[/] articles ({result['duplicates']} near-duplicates not counted), "
              f"{dr['first'] or '?'} to {dr['last'] or '?'}")  # fmt: skip
    if result.get("languages"):
        out.print("  languages: " + ", ".join(f"{k} {v}" for k, v in result["languages"].items()))
    out.print(_counted(result["entities"]["total"], "entities", result["entities"]["by_type"]))
    ev = result["events"]
    held = ", ".join(f"{ev[k]} {k}" for k in ("negated", "hypothetical") if ev.get(k))
    out.print(
        f"[bold]{ev['stored']}[/] events stored: [bold]{ev['confirmed']}[/] confirmed, shown and exported "
        f"by default; {ev['unconfirmed']} unconfirmed{f' ({held})' if held else ''}, shown and exported with --all"
    )
    if ev["confirmed_by_type"]:
        out.print("  confirmed by type: " + ", ".join(f"{k} {v}" for k, v in ev["confirmed_by_type"].items()))
    out.print(_counted(result["errors"]["total"], "errors", result["errors"]["by_reason"]))
    out.print(f"[bold]{result['quotes']}[/] quotes")
    table = Table("id", "name", "type", "articles", "mentions", title="most named")
    for e in result["top_entities"]:
        table.add_row(f"#{e['id']}", escape(e["name"]), e["type"], str(e["articles"]), str(e["mentions"]))
    print_table(table)


def _counted(total: int, what: str, parts: dict[str, int]) -> str:
    """'12 entities: PERSON 7, ORG 5', or '0 errors' with nothing after it."""
    return f"[bold]{total}[/] {what}" + (
        ": " + ", ".join(f"{k} {v}" for k, v in parts.items()) if parts else ""
    )


@app.command()
def export(
    out: Annotated[str, typer.Option("--out", help="Output file, or - for stdout (not Parquet).")],
    db: DbOpt = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="jsonl, csv, parquet; graphml or gexf (the entity graph, for Gephi); acled (events as an "
            "ACLED-shaped CSV) or plover (PLOVER/POLECAT-style event records); ftm (FollowTheMoney entities "
            "for Aleph, needs newsgraph\\[ftm]); see docs/exports.md.",
        ),
    ] = "jsonl",
    table: Annotated[
        str | None,
        typer.Option(
            "--table",
            help="articles (the default), entities, quotes, events or relations; graphml and gexf write the "
            "entity graph, acled and plover the events, ftm everything: they refuse --table.",
        ),
    ] = None,
    include_duplicates: Annotated[
        bool,
        typer.Option(
            "--include-duplicates", help="Keep near-duplicate reprints (articles, quotes, relations)."
        ),
    ] = False,
    min_weight: Annotated[
        int, typer.Option("--min-weight", help="GraphML and GEXF: ties with at least this weight.")
    ] = 1,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help="Every stored fact, unconfirmed ones too (the confirmed column tells them apart)."
        ),
    ] = False,
) -> None:
    """Export article records (JSONL), a table (CSV, Parquet, JSONL), the entity graph (GraphML, GEXF) or events.

    Only confirmed facts unless --all; quote, event and relation rows carry confirmed and calibrated.
    """
    counts: dict[str, Any] = {}
    with open_kb(db) as kb:
        n = kb.export(
            out, format=format, table=table, include_duplicates=include_duplicates, min_weight=min_weight,
            include_unconfirmed=show_all, counts=counts,
        )  # fmt: skip
    whole = {"graphml": "ties", "gexf": "ties", "acled": "events", "plover": "events", "ftm": "FtM entities"}
    what = whole.get(format, f"{table or 'articles'} rows")
    err.print(f"{n} {what} written to {out}")
    if counts.get("left_out"):
        left = counts["left_out"]
        parts = ", ".join(f"{k} {v}" for k, v in left.items())
        what_left = counts.get("left_out_what", f"events left out (no fitting {format.upper()} type)")
        err.print(f"{sum(left.values())} {what_left}: {parts}", soft_wrap=True)
