"""Render query records for people in a terminal (rich). The records themselves stay plain."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["print_dossier", "print_candidates"]


def _src(article: dict[str, Any]) -> str:
    where = article.get("url") or article.get("source") or ""
    return f"{article.get('title') or where} ({article.get('published') or 'undated'}) {where}"


def print_candidates(result: dict[str, Any], console: Console | None = None) -> None:
    """List the entities an ambiguous name could mean, with ids to pick one."""
    console = console or Console()
    console.print(f"[bold]{result['query']!r}[/] could mean {len(result['candidates'])} entities; pick one with --id:")
    table = Table("id", "name", "type", "mentions", "articles", "described as")
    for c in result["candidates"]:
        table.add_row(str(c["id"]), c["name"], c["type"], str(c["mention_count"]), str(c["article_count"]),
                      c.get("description") or "")
    console.print(table)


def print_dossier(d: dict[str, Any], console: Console | None = None) -> None:
    """Print a dossier: each line with its source."""
    console = console or Console()
    console.rule(f"[bold]{d['name']}[/] · {d['type']} · {d['mention_count']} mentions in {d['article_count']} articles")
    if d["aliases"]:
        console.print(f"[bold]Also known as[/]: {', '.join(d['aliases'])}")
    if d["descriptions"]:
        console.print("[bold]Described as[/]")
        for x in d["descriptions"]:
            console.print(f"  • {x['text']}  [dim]— {_src(x['article'])}[/]")
    if d["relations"]:
        console.print("[bold]Ties[/]")
        for rel, items in d["relations"].items():
            for r in items:
                console.print(f"  • {r['subject']['name']} [cyan]{rel}[/] {r['object']['name']}"
                              f"  [dim]“{r['sentence'].strip()}” — {_src(r['article'])}[/]")
    if d["timeline"]:
        console.print("[bold]Timeline[/]")
        for t in d["timeline"]:
            label = t["what"] if t["kind"] == "event" else t["kind"]
            console.print(f"  [magenta]{t['date']:<14}[/] [cyan]{label:<16}[/] {t['sentence'].strip()}  "
                          f"[dim]— {_src(t['article'])}[/]")
    if d["quotes_by"]:
        console.print(f"[bold]Quotes by {d['name']}[/]")
        for q in d["quotes_by"]:
            console.print(f"  [green]{q['date'] or 'undated':<12}[/] “{q['text']}” [dim]({q['kind']}) — {_src(q['article'])}[/]")
    if d["quotes_about"]:
        console.print(f"[bold]Quotes about {d['name']}[/]")
        for q in d["quotes_about"]:
            who = q["speaker_name"] or q["speaker_text"] or "unattributed"
            console.print(f"  {who}: “{q['text']}” [dim]— {_src(q['article'])}[/]")
    if d["related"]:
        console.print("[bold]Most often beside[/]: " + ", ".join(f"{r['name']} ({r['count']})" for r in d["related"]))
    console.print("[bold]Sources[/]")
    for s in d["sources"]:
        console.print(f"  • {_src(s)}")
