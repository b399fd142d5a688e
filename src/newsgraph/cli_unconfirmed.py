"""The dossier's unconfirmed facts in the terminal: held back by default, a marked section with --all."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from .cli_common import err

__all__ = ["confirmed_only", "print_unconfirmed"]

_SECTIONS = ("descriptions", "quotes_by", "quotes_about", "events", "timeline")
_LABELS = {
    "descriptions": "descriptions",
    "relations": "ties",
    "quotes_by": "quotes by",
    "quotes_about": "quotes about",
    "events": "events",
    "timeline": "dated lines",
}


def confirmed_only(d: dict[str, Any]) -> dict[str, Any]:
    """A dossier with its confirmed facts alone (what the default view prints)."""
    out = {**d}
    for key in _SECTIONS:
        out[key] = [x for x in d.get(key, []) if x.get("confirmed", True)]
    out["relations"] = {
        rel: kept
        for rel, items in d.get("relations", {}).items()
        if (kept := [r for r in items if r.get("confirmed", True)])
    }
    return out


def _src(article: dict[str, Any]) -> str:
    return escape(
        f"{article.get('title') or article.get('url') or article.get('source')} ({article.get('published') or 'undated'})"
    )


def print_unconfirmed(d: dict[str, Any], shown_all: bool, console: Console | None = None) -> None:
    """After the dossier: the unconfirmed facts (with --all) or how many were held back."""
    hidden = d.get("unconfirmed") or {}
    total = sum(hidden.values())
    if not total:
        return
    counts = ", ".join(f"{_LABELS[k]} {n}" for k, n in hidden.items() if n)
    if not shown_all:
        err.print(f"{total} unconfirmed facts held back ({counts}); show them with --all")
        return
    console = console or Console()
    console.rule("[yellow]? Unconfirmed[/]: below the 0.9 precision threshold, or hypothetical / negated")
    for x in d.get("descriptions", []):
        if not x.get("confirmed", True):
            console.print(
                f"  ? described as {escape(x['text'])}  [dim]— {_src(x['article'])}[/]", highlight=False
            )
    for rel, items in d.get("relations", {}).items():
        for r in items:
            if not r.get("confirmed", True):
                former = "former " if r.get("former") else ""
                console.print(
                    f"  ? {escape(r['subject']['name'])} {former}{rel} {escape(r['object']['name'])}"
                    f"  [dim]— {_src(r['article'])}[/]",
                    highlight=False,
                )
    for e in d.get("events", []):
        if not e.get("confirmed", True):
            flags = [f for f in ("negated", "hypothetical") if e.get(f)]
            label = (
                e["type"]
                + (f"/{e['mode']}" if e["mode"] else "")
                + (f" ({', '.join(flags)})" if flags else "")
            )
            console.print(
                f"  ? {e['date'] or 'undated':<12} {label}: {escape(e['actor_name'] or '–')} → {escape(e['recipient_name'] or '–')}"
                f"  [dim]“{escape((e['sentence'] or '').strip())}” — {_src(e['article'])}[/]",
                highlight=False,
            )
    for key in ("quotes_by", "quotes_about"):
        for q in d.get(key, []):
            if not q.get("confirmed", True):
                who = q["speaker_name"] or q["speaker_text"] or "unattributed"
                console.print(
                    f"  ? {escape(who)}: “{escape(q['text'])}”  [dim]— {_src(q['article'])}[/]",
                    highlight=False,
                )
    for t in d.get("timeline", []):
        if not t.get("confirmed", True):
            console.print(
                f"  ? {t['date']:<12} {t['kind']:<7} {escape(t['what'])}  [dim]— {_src(t['article'])}[/]",
                highlight=False,
            )
    err.print(f"{total} unconfirmed facts shown, marked ? ({counts})")
