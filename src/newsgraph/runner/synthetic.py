"""Generated news pages for tests and benchmarks: many distinct, realistic, short articles.

Each page is different (so none is a duplicate of another) and has a body long enough to be
kept by the extractor, with people, organisations, places, dates and a quote for the NLP stage.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

__all__ = ["synthetic_text", "synthetic_html", "write_corpus"]

_FIRST = ["Maria", "Tomas", "Aisha", "Kenji", "Olga", "Daniel", "Priya", "Samuel", "Lena", "Omar"]
_LAST = [
    "Reyes",
    "Okafor",
    "Lindqvist",
    "Tanaka",
    "Novak",
    "Haddad",
    "Moreau",
    "Kowalski",
    "Silva",
    "Brennan",
]
_ORGS = [
    "Harbour Workers Alliance",
    "Northern Rail Union",
    "Acme Shipping",
    "the Ministry of Labour",
    "Atlas Mining Group",
    "the City Council",
    "Green Valley Farmers Cooperative",
    "Delta Port Authority",
]
_PLACES = ["Lisbon", "Rotterdam", "Manila", "Lagos", "Valparaiso", "Gdansk", "Mombasa", "Chittagong"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_VERBS = [
    "went on strike against",
    "signed an agreement with",
    "protested outside the offices of",
    "met officials from",
    "filed a complaint against",
    "demanded higher wages from",
]


def synthetic_text(i: int, *, paragraphs: int = 3) -> str:
    """The text of generated article ``i`` (deterministic: the same ``i`` gives the same page)."""
    rng = random.Random(i)
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    org, other = rng.sample(_ORGS, 2)
    place = rng.choice(_PLACES)
    lines = [f"{org} {rng.choice(_VERBS)} {other} in {place} (report {i})", ""]
    for p in range(paragraphs):
        day = rng.choice(_DAYS)
        lines.append(
            f"Members of {org} {rng.choice(_VERBS)} {other} in {place} on {day}, "
            f"action number {p + 1} this year in dispute {i}-{p}. "
            f"\u201cWe will not back down until our demands are met,\u201d said {person}, "
            f"a spokesperson for the group, who has led {rng.randint(2, 90)} meetings since March."
        )
        lines.append("")
    return "\n".join(lines)


def synthetic_html(i: int, *, paragraphs: int = 3) -> str:
    """Generated article ``i`` as a small HTML page with a title and navigation boilerplate."""
    text = synthetic_text(i, paragraphs=paragraphs)
    title, _, body = text.partition("\n\n")
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>{paras}"
        f"</article><footer>Copyright the News</footer></body></html>"
    )


def iter_records(n: int, start: int = 0) -> Iterator[dict[str, str]]:
    """JSONL records ``{"id", "url", "html", "published"}`` for articles ``start`` .. ``start+n-1``."""
    for i in range(start, start + n):
        yield {
            "id": f"gen-{i}",
            "url": f"https://news.example/{i}",
            "html": synthetic_html(i),
            "published": f"2026-03-{1 + i % 28:02d}",
        }


def write_corpus(folder: Path, *, html_files: int = 0, jsonl_pages: int = 0, start: int = 0) -> list[Path]:
    """Write ``html_files`` single pages and one JSONL file of ``jsonl_pages``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(start, start + html_files):
        path = folder / f"page-{i:06d}.html"
        path.write_text(synthetic_html(i), encoding="utf-8")
        paths.append(path)
    if jsonl_pages:
        path = folder / "dump.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for record in iter_records(jsonl_pages, start + html_files):
                f.write(json.dumps(record) + "\n")
        paths.append(path)
    return paths
