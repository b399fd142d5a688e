"""Cross-document entity coreference on real same-event news: ECB+ topics 1-35 (``../shared/data/ecbplus-dev``).

ECB+ groups news articles by topic (two similar seminal events per topic, many outlets each) and
annotates, in the sentences it lists as annotated, every mention of a participant or place with
its cross-document instance. This bench writes the articles (oldest topic first, as news arrives)
into a temporary knowledge base through the newsgraph pipeline and resolver, then scores entity
coreference **on the gold mentions that newsgraph finds** (a gold mention is found when one of our
name or coreference mentions overlaps it: character Dice >= 0.5, each gold mention once), so that
every system below is scored on the same mentions:

- ``exact string``: found mentions with the same normalised surface text are one entity;
- ``exact entity name``: our within-article entities, linked across articles only when their
  names are identical (name keys equal): what cross-article resolution must beat;
- ``newsgraph``: the knowledge base's entities after resolution;
- ``ceiling``: not a system but the most cross-article resolution could reach on these mentions:
  each of our article entities joined to the gold instance most of its mentions belong to.

Scores: B-cubed (singletons kept: a mention alone in its chain counts) and pairwise F1 over all
mention pairs, plus the cross-document pairs alone. Also the recall of gold *name* mentions (a gold
entity mention whose text starts with a capital letter and is no pronoun; headlines included: a
name in a headline is a mention) by any of our mentions, which says how much of the gold the
comparison covers.

Split: ``--split tune`` (odd topics) is for tuning and may print errors; ``--split report`` (even
topics) is for the figure we quote and prints no per-mention detail. Only the annotated
sentences are scored, as the release asks.

Run: ``.venv/bin/python bench/xdoc_ecbplus.py [--split tune|report|all] [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ecbplus-dev"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from support.coref_metrics import Scorer, oracle_links  # noqa: E402

ENTITY_TYPES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC")
PRONOUNS = {
    "he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "we",
    "us", "our", "i", "me", "my", "you", "your", "who", "whom", "whose", "which", "that", "this",
    "these", "those", "himself", "herself", "itself", "themselves",
}  # fmt: skip
Mention = tuple[str, int, int]  # (doc, start, end)


@dataclass
class GoldDoc:
    """One ECB+ document: its text and the gold entity mentions of its annotated sentences."""

    name: str
    topic: int
    text: str
    url: str | None
    mentions: dict[str, tuple[int, int, str, str]] = field(default_factory=dict)
    """gold mention id -> (start, end, text, instance)."""


def is_name(text: str) -> bool:
    """A gold mention that is a name: starts with a capital and is not a pronoun or a bare determiner phrase."""
    words = text.split()
    if not words or not words[0][:1].isupper():
        return False
    return words[0].lower() not in PRONOUNS | {"the", "a", "an"} or any(w[:1].isupper() for w in words[1:])


def load(split: str, limit: int | None = None) -> list[GoldDoc]:
    """ECB+ documents of the split, in topic then document order."""
    docs: list[GoldDoc] = []
    with (DATA / "annotations.jsonl").open() as fh:
        for line in fh:
            rec = json.loads(line)
            topic = int(rec["topic"])
            if split == "tune" and topic % 2 == 0 or split == "report" and topic % 2 == 1:
                continue
            annotated = set(rec["annotated_sentences"])
            doc = GoldDoc(rec["doc"], topic, rec["text"], rec.get("url"))
            for m in rec["mentions"]:
                if m["type"].startswith(ENTITY_TYPES) and m["sentence"] in annotated:
                    doc.mentions[m["id"]] = (m["start"], m["end"], m["text"], m["instance"])
            docs.append(doc)

    def order(d: GoldDoc) -> tuple[int, str, int]:
        num = re.match(r"\d+_(\d+)", d.name)
        return d.topic, d.name.split("_", 1)[1].lstrip("0123456789"), int(num.group(1)) if num else 0

    return sorted(docs, key=order)[:limit]


def map_mentions(doc: GoldDoc, spans: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Our char spans -> gold mention ids by character Dice >= 0.5, best first, each gold mention once."""
    pairs = []
    for start, end in set(spans):
        for mid, (gs, ge, _, _) in doc.mentions.items():
            common = min(end, ge) - max(start, gs)
            if common > 0:
                dice = 2 * common / ((end - start) + (ge - gs))
                if dice >= 0.5:
                    pairs.append((dice, (start, end), mid))
    out: dict[tuple[int, int], str] = {}
    used: set[str] = set()
    for _, span, mid in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if span not in out and mid not in used:
            out[span] = mid
            used.add(mid)
    return out


def restrict(
    clusters: Iterable[Iterable[Mention]], maps: dict[str, dict[tuple[int, int], str]]
) -> list[list[Hashable]]:
    """System clusters as clusters of found gold mention ids (mentions that match no gold dropped)."""
    out: list[list[Hashable]] = []
    for cluster in clusters:
        ids = list(dict.fromkeys((d, maps[d][(s, e)]) for d, s, e in cluster if (s, e) in maps.get(d, {})))
        if ids:
            out.append(ids)
    return out


def pairwise(
    key: list[list[Hashable]], response: list[list[Hashable]], across_only: bool = False
) -> tuple[float, float, float]:
    """Precision, recall, F1 of coreferent mention pairs (``across_only``: pairs in different documents)."""

    def pairs(chains: list[list[Hashable]]) -> set[frozenset[Hashable]]:
        out: set[frozenset[Hashable]] = set()
        for chain in chains:
            members = sorted(set(chain), key=str)
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if not across_only or a[0] != b[0]:  # type: ignore[index]
                        out.add(frozenset((a, b)))
        return out

    gold, mine = pairs(key), pairs(response)
    hit = len(gold & mine)
    p = hit / len(mine) if mine else 0.0
    r = hit / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def annotate_docs(docs: list[GoldDoc]) -> list:  # type: ignore[type-arg]
    from newsgraph.model import Article
    from newsgraph.nlp import annotate, load_pipeline

    nlp = load_pipeline()
    articles = [
        Article(
            id=d.name,
            source=d.name,
            text=d.text,
            url=d.url,
            content_hash=d.name,
            title=d.text.split("\n", 1)[0],
        )
        for d in docs
    ]
    return list(annotate(articles, nlp))


def resolved_clusters(facts: list) -> dict[int, list[Mention]]:  # type: ignore[type-arg]
    """Write the articles one by one into a temporary knowledge base; its entities' mentions."""
    from sqlalchemy import select

    from newsgraph.store import connect
    from newsgraph.store.schema import mentions
    from newsgraph.writer import write_facts

    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(Path(tmp) / "kb.db")
        for f in facts:
            write_facts(engine, f)
        clusters: dict[int, list[Mention]] = defaultdict(list)
        with engine.connect() as conn:
            for r in conn.execute(
                select(mentions.c.article_id, mentions.c.entity_id, mentions.c.start, mentions.c.end)
            ):
                if r.entity_id is not None:
                    clusters[r.entity_id].append((r.article_id, r.start, r.end))
        engine.dispose()
    return clusters


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "report", "all"], default="report")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of the split")
    args = parser.parse_args()
    if not (DATA / "annotations.jsonl").exists():
        print(f"skipped: ECB+ not found at {DATA}", file=sys.stderr)
        return 0
    from newsgraph.resolve.names import name_key

    docs = load(args.split, args.limit)
    by_name = {d.name: d for d in docs}
    t0 = time.perf_counter()
    facts = annotate_docs(docs)
    nlp_seconds = time.perf_counter() - t0
    local: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for f in facts:
        aid = f.article.id
        for e in f.entities:
            names[(aid, e.id)] = name_key(e.name)
            local[(aid, e.id)] += [(aid, s, t) for s, t in e.mentions]
        for c in f.coref:
            local[(aid, c.entity)].append((aid, c.start, c.end))
    t1 = time.perf_counter()
    resolved = resolved_clusters(facts)
    resolve_seconds = time.perf_counter() - t1

    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for cluster in [*local.values(), *resolved.values()]:
        for doc, s, e in cluster:
            spans[doc].append((s, e))
    maps = {d.name: map_mentions(d, spans[d.name]) for d in docs}
    found = {(doc, mid) for doc, m in maps.items() for mid in m.values()}

    # systems, over the found gold mentions only
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for (aid, lid), ms in local.items():
        by_key[names.get((aid, lid)) or f"{aid}#{lid}"] += ms
    by_string: dict[str, list[Hashable]] = defaultdict(list)
    for doc, mid in found:
        by_string[name_key(by_name[doc].mentions[mid][2]) or f"{doc}#{mid}"].append((doc, mid))
    systems = {
        "exact string": list(by_string.values()),
        "exact entity name": restrict(by_key.values(), maps),
        "newsgraph": restrict(resolved.values(), maps),
        "ceiling: our article entities, linked by the gold": restrict(
            oracle_links(
                local, lambda d, s, e: by_name[d].mentions[maps[d][(s, e)]][3] if (s, e) in maps[d] else None
            ),
            maps,
        ),
    }
    gold: dict[str, list[Hashable]] = defaultdict(list)
    for doc, mid in found:
        gold[by_name[doc].mentions[mid][3]].append((doc, mid))
    key = list(gold.values())

    gold_names = [(d.name, mid) for d in docs for mid, m in d.mentions.items() if is_name(m[2])]
    name_recall = sum((d, m) in found for d, m in gold_names) / max(len(gold_names), 1)
    n_gold = sum(len(d.mentions) for d in docs)
    topics = sorted({d.topic for d in docs})
    print(
        f"ECB+ dev, split {args.split} (topics {topics[0]}-{topics[-1]}, {'odd' if args.split == 'tune' else 'even' if args.split == 'report' else 'all'}): "
        f"{len(docs)} articles, {n_gold} gold entity mentions in annotated sentences, "
        f"{len(found)} found by newsgraph ({len(found) / max(n_gold, 1):.1%}); "
        f"gold name mentions found: {name_recall:.3f} of {len(gold_names)}\n"
    )
    print("| system | B3 R/P/F1 | pairwise R/P/F1 | cross-doc pairs R/P/F1 | B3 F1 vs exact entity name |")
    print("| --- | --- | --- | --- | --- |")
    results = {}
    for label, response in systems.items():
        # every found mention is in exactly one response cluster: add the ones a system left alone
        placed = {m for c in response for m in c}
        response = response + [[m] for m in sorted(found - placed, key=str)]
        sc = Scorer()
        sc.add(key, response)
        results[label] = (sc.b3, pairwise(key, response), pairwise(key, response, across_only=True))
    base = results["exact entity name"][0].f1
    for label, (b3, pw, cross) in results.items():
        print(
            f"| {label} | {b3.recall:.3f}/{b3.precision:.3f}/{b3.f1:.3f} | {pw[1]:.3f}/{pw[0]:.3f}/{pw[2]:.3f} "
            f"| {cross[1]:.3f}/{cross[0]:.3f}/{cross[2]:.3f} | {b3.f1 - base:+.3f} |"
        )
    print(f"\nTime: pipeline {nlp_seconds:.0f}s; resolver + store {resolve_seconds:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
