"""Cross-document entity coreference on MEANTIME (Wikinews; the airbus and apple sub-corpora).

Each article's text is rebuilt from its tokens (headline and date line as their own paragraphs),
run through the newsgraph pipeline, and written article by article (oldest first, as news
arrives) into a temporary knowledge base, where the resolver links each article's entities to
the entities already stored. Our mentions (names and coreference mentions) are mapped to gold
ENTITY_MENTIONs by token overlap (Dice >= 0.5, each gold mention used once). Gold chains group
mentions by ``instance_id`` of the ``intra_cross-doc_annotation`` (shared across articles).
MUC, B-cubed, CEAF-e and CoNLL F1 are computed over the corpus-wide chains, singletons removed,
plus precision / recall of the cross-document mention pairs alone.

Rows, all from the same pipeline output of the same run:
- ``no linking``: each article's entities stay apart (the floor: only within-document links);
- ``baseline: exact name``: article entities with the same normalised name are one entity;
- ``newsgraph resolver``: the knowledge base's entities;
- ``ceiling``: not a system but the most cross-article linking could reach with our article
  entities and mentions: each article entity joined to the gold instance most of its mentions have.

Run: ``.venv/bin/python bench/xdoc_coref.py [--limit N] [--corpus airbus]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "meantime"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from meantime_text import rebuild_text  # noqa: E402
from newsgraph.model import Article, Facts  # noqa: E402
from newsgraph.resolve.names import name_key  # noqa: E402
from support.coref_metrics import Scorer, oracle_links  # noqa: E402

Mention = tuple[str, int, int]  # (doc, start char, end char)


@dataclass
class GoldDoc:
    """One MEANTIME article: text, date, token spans, gold mentions (token index lists) and their instances."""

    name: str
    text: str
    published: str | None
    tokens: list[tuple[int, int]] = field(default_factory=list)
    mentions: dict[str, list[int]] = field(default_factory=dict)
    instance: dict[str, str] = field(default_factory=dict)


def load_doc(path: Path) -> GoldDoc:
    """Parse one MEANTIME XML file: text from tokens, entity mentions and their cross-document instances."""
    root = ET.parse(path).getroot()
    rebuilt = rebuild_text(root)
    index = {tid: i for i, tid in enumerate(rebuilt.offsets)}
    spans = list(rebuilt.offsets.values())
    doc = GoldDoc(path.stem, rebuilt.text, None, spans)
    markables = root.find("Markables")
    instances: dict[str, str] = {}
    for el in markables if markables is not None else []:
        if el.tag == "ENTITY_MENTION":
            toks = sorted(
                index[a.get("t_id", "")] for a in el.findall("token_anchor") if a.get("t_id") in index
            )
            if toks:
                doc.mentions[el.get("m_id", "")] = toks
        elif el.tag == "ENTITY" and el.get("instance_id"):
            instances[el.get("m_id", "")] = el.get("instance_id", "")
        elif el.tag == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            value = el.get("value") or ""
            doc.published = value[:10] if len(value) >= 10 else None
    relations = root.find("Relations")
    for rel in relations.findall("REFERS_TO") if relations is not None else []:
        target = rel.find("target")
        if target is None or target.get("m_id") not in instances:
            continue
        for src in rel.findall("source"):
            if src.get("m_id") in doc.mentions:
                doc.instance[src.get("m_id", "")] = instances[target.get("m_id", "")]
    return doc


def _token_set(doc: GoldDoc, start: int, end: int) -> set[int]:
    return {i for i, (s, e) in enumerate(doc.tokens) if s < end and start < e}


def map_mentions(doc: GoldDoc, spans: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """System char spans -> gold mention ids, by token Dice overlap >= 0.5, each gold mention at most once."""
    pairs = []
    for start, end in set(spans):
        mine = _token_set(doc, start, end)
        if not mine:
            continue
        for mid, toks in doc.mentions.items():
            common = len(mine & set(toks))
            if common:
                dice = 2 * common / (len(mine) + len(toks))
                if dice >= 0.5:
                    pairs.append((dice, (start, end), mid))
    out: dict[tuple[int, int], str] = {}
    used: set[str] = set()
    for _, span, mid in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if span not in out and mid not in used:
            out[span] = mid
            used.add(mid)
    return out


def gold_chains(docs: list[GoldDoc]) -> list[list[Hashable]]:
    """Corpus-wide gold chains: every mention of one instance, in any article."""
    chains: dict[str, list[Hashable]] = defaultdict(list)
    for d in docs:
        for mid, inst in d.instance.items():
            chains[inst].append((d.name, mid))
    return list(chains.values())


def to_gold_ids(
    docs: dict[str, GoldDoc],
    clusters: Iterable[Iterable[Mention]],
    maps: dict[str, dict[tuple[int, int], str]],
) -> list[list[Hashable]]:
    """System clusters of (doc, start, end) -> clusters of gold ids, twinless mentions kept as their own ids."""
    out = []
    for cluster in clusters:
        ids: list[Hashable] = []
        for doc, s, e in cluster:
            mid = maps[doc].get((s, e))
            ids.append((doc, mid) if mid else ("sys", doc, s, e))
        out.append(ids)
    return out


def drop_singletons(chains: list[list[Hashable]]) -> list[list[Hashable]]:
    """Chains of at least two distinct mentions."""
    return [list(dict.fromkeys(c)) for c in chains if len(set(c)) > 1]


def cross_doc_pairs(key: list[list[Hashable]], response: list[list[Hashable]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of mention pairs in different articles (the cross-document links alone)."""

    def doc_of(m: Hashable) -> str:
        return m[1] if m[0] == "sys" else m[0]  # type: ignore[index]

    def pairs_across(members: list[Hashable]) -> int:
        per_doc = Counter(doc_of(m) for m in members)
        n = len(members)
        return (n * (n - 1) - sum(k * (k - 1) for k in per_doc.values())) // 2

    gold_of = {m: i for i, chain in enumerate(key) for m in chain}
    predicted = sum(pairs_across(list(set(c))) for c in response)
    gold_total = sum(pairs_across(list(set(c))) for c in key)
    correct = 0
    for chain in response:
        by_gold: dict[int, list[Hashable]] = defaultdict(list)
        for m in set(chain):
            if m in gold_of:
                by_gold[gold_of[m]].append(m)
        correct += sum(pairs_across(ms) for ms in by_gold.values())
    p = correct / predicted if predicted else 0.0
    r = correct / gold_total if gold_total else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_resolver(facts: list[Facts]) -> tuple[dict[int, list[Mention]], float]:
    """Write the articles one by one into a temporary knowledge base; its entities' mentions, and seconds spent."""
    from sqlalchemy import select

    from newsgraph.store import connect
    from newsgraph.store.schema import mentions
    from newsgraph.writer import write_facts

    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(Path(tmp) / "kb.db")
        t0 = time.perf_counter()
        for f in facts:
            write_facts(engine, f)
        seconds = time.perf_counter() - t0
        clusters: dict[int, list[Mention]] = defaultdict(list)
        with engine.connect() as conn:
            for r in conn.execute(
                select(mentions.c.article_id, mentions.c.entity_id, mentions.c.start, mentions.c.end)
            ):
                clusters[r.entity_id].append((r.article_id, r.start, r.end))
        engine.dispose()
    return clusters, seconds


def local_clusters(facts: list[Facts]) -> dict[tuple[str, str], list[Mention]]:
    """Each article entity's mentions (names and coreference), keyed by (article, local id)."""
    out: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for f in facts:
        aid = f.article.id
        for e in f.entities:
            out[(aid, e.id)] += [(aid, s, t) for s, t in e.mentions]
        for c in f.coref:
            out[(aid, c.entity)].append((aid, c.start, c.end))
    return out


def main() -> None:
    """Score no linking, the exact-name baseline and the resolver; print markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles (by date)")
    parser.add_argument("--corpus", action="append", help="sub-corpus name (airbus, apple); repeatable")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"MEANTIME not found at {DATA}")
    folders = [DATA / f"corpus_{c}" for c in args.corpus] if args.corpus else sorted(DATA.glob("corpus_*"))
    docs = sorted(
        (load_doc(p) for folder in folders for p in sorted(folder.glob("*.xml"))),
        key=lambda d: (d.published or "", d.name),
    )[: args.limit]
    by_name = {d.name: d for d in docs}

    from newsgraph.nlp import annotate, load_pipeline

    nlp = load_pipeline()
    articles = [
        Article(id=d.name, source=d.name, text=d.text, published=d.published, content_hash=d.name)
        for d in docs
    ]
    t0 = time.perf_counter()
    facts = list(annotate(articles, nlp))
    nlp_seconds = time.perf_counter() - t0

    local = local_clusters(facts)
    names = {(f.article.id, e.id): name_key(e.name) for f in facts for e in f.entities}
    by_name_key: dict[str, list[Mention]] = defaultdict(list)
    for (aid, lid), ms in local.items():
        by_name_key[names.get((aid, lid)) or f"{aid}#{lid}"] += ms
    resolved, resolve_seconds = run_resolver(facts)

    systems = {
        "no linking (within-document only)": list(local.values()),
        "baseline: exact name": list(by_name_key.values()),
        "newsgraph resolver": list(resolved.values()),
    }
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for clusters in systems.values():
        for cluster in clusters:
            for doc, s, e in cluster:
                spans[doc].append((s, e))
    maps = {d.name: map_mentions(d, spans[d.name]) for d in docs}

    def instance_of(doc: str, start: int, end: int) -> str | None:
        mid = maps[doc].get((start, end))
        return by_name[doc].instance.get(mid) if mid else None

    # not a system: the most cross-article linking could make of our article entities (reads the gold)
    systems["ceiling: article entities linked by the gold"] = oracle_links(local, instance_of)
    key = drop_singletons(gold_chains(docs))
    n_cross = sum(1 for c in key if len({m[0] for m in c}) > 1)
    print(
        f"MEANTIME cross-document entity coreference: {len(docs)} articles, {len(key)} gold chains "
        f"({n_cross} across articles), {sum(len(c) for c in key)} gold mentions in chains\n"
    )
    print(
        "| system | MUC R/P/F1 | B3 R/P/F1 | CEAFe R/P/F1 | CoNLL F1 | cross-doc pairs P/R/F1 | vs baseline |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    results = {}
    for label, clusters in systems.items():
        response = drop_singletons(to_gold_ids(by_name, clusters, maps))
        sc = Scorer()
        sc.add(key, response)
        results[label] = (sc, cross_doc_pairs(key, response))
    base = results["baseline: exact name"][0].conll
    for label, (sc, pairs) in results.items():
        cells = [f"{m.recall:.3f}/{m.precision:.3f}/{m.f1:.3f}" for m in (sc.muc, sc.b3, sc.ceafe)]
        ratio = sc.conll / base if base else float("nan")
        print(
            f"| {label} | {' | '.join(cells)} | {sc.conll:.3f} | {pairs[0]:.3f}/{pairs[1]:.3f}/{pairs[2]:.3f} "
            f"| {ratio:.2f}x |"
        )
    print(
        f"\nTime: pipeline {nlp_seconds:.1f}s; resolver + store {resolve_seconds:.1f}s "
        f"({1000 * resolve_seconds / max(len(docs), 1):.0f} ms per article)"
    )


if __name__ == "__main__":
    main()
