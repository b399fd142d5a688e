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
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_VERBS = [
    "went on strike against",
    "signed an agreement with",
    "protested outside the offices of",
    "met officials from",
    "filed a complaint against",
    "demanded higher wages from",
]
_ADJ = [
    "local",
    "angry",
    "senior",
    "striking",
    "retired",
    "young",
    "regional",
    "national",
    "veteran",
    "new",
    "former",
    "visiting",
    "elected",
    "independent",
    "temporary",
    "seasonal",
]
_NOUN = [
    "workers",
    "farmers",
    "teachers",
    "drivers",
    "nurses",
    "miners",
    "dockers",
    "students",
    "engineers",
    "residents",
    "officials",
    "inspectors",
    "traders",
    "pilots",
    "cleaners",
    "guards",
]
_ACT = [
    "blocked",
    "marched along",
    "gathered near",
    "occupied",
    "picketed",
    "left",
    "surrounded",
    "closed",
    "toured",
    "cleaned",
    "inspected",
    "photographed",
    "visited",
    "avoided",
    "painted",
]
_THING = [
    "the main gate",
    "a warehouse",
    "the harbour road",
    "two bridges",
    "the old market",
    "a rail depot",
    "the town hall",
    "three schools",
    "the north pier",
    "a grain silo",
    "the bus station",
    "a fuel terminal",
    "the river bank",
    "the hospital wing",
    "a stadium",
]
_WHY = [
    "over unpaid overtime",
    "after a safety incident",
    "despite heavy rain",
    "before dawn",
    "during the night shift",
    "amid rising prices",
    "following a court ruling",
    "without notice",
    "as talks stalled",
    "after months of delays",
    "ahead of the budget vote",
    "for a second week",
]
_SAID = ["said", "told reporters", "added", "warned", "insisted", "explained"]


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.randint(3, 900)} {rng.choice(_ADJ)} {rng.choice(_NOUN)} {rng.choice(_ACT)} "
        f"{rng.choice(_THING)} in {rng.choice(_PLACES)} {rng.choice(_WHY)}."
    )


def synthetic_text(i: int, *, paragraphs: int = 3) -> str:
    """The text of generated article ``i`` (deterministic: the same ``i`` gives the same page).

    Sentences are drawn from many small vocabularies, so two articles share few runs of three
    words and the near-duplicate detector keeps them apart, as it would two real stories.
    """
    rng = random.Random(i)
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    org, other = rng.sample(_ORGS, 2)
    place = rng.choice(_PLACES)
    lines = [f"{org} {rng.choice(_VERBS)} {other} in {place} (report {i})", ""]
    for p in range(paragraphs):
        quote = " ".join(_sentence(rng) for _ in range(1))
        lines.append(
            f"On {rng.choice(_DAYS)}, {_sentence(rng)} {_sentence(rng)} "
            f"\u201c{quote[:-1]},\u201d {person} of {org} {rng.choice(_SAID)} in dispute {i}-{p}."
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
