"""Within-document entity coreference on MEANTIME (Wikinews, airbus + apple sub-corpora).

Each article's text is rebuilt from its tokens (headline and date line as their own paragraphs,
body tokens joined by spaces), run through the newsgraph pipeline, and our entity mentions plus
coreference mentions are mapped to gold ENTITY_MENTIONs by syntactic head (the spaCy root of each
span). Gold chains are the REFERS_TO groups. Scores are MUC, B-cubed, CEAF-e and CoNLL F1 with
singletons removed from key and response (chains of one mention carry no coreference link).

Rows: the baseline (bare spaCy NER mentions clustered by exact text, the same run), newsgraph's
entity grouping alone, and newsgraph with coreference. An extra context row clusters the GOLD
mentions by exact text (an oracle-mention reference, not comparable to the system rows).

Run: ``.venv/bin/python bench/coref_meantime.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "meantime"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from meantime_text import rebuild_text  # noqa: E402
from newsgraph.model import Article  # noqa: E402
from newsgraph.nlp import annotate_docs, load_pipeline  # noqa: E402
from newsgraph.nlp.coref_metrics import Scorer  # noqa: E402


@dataclass
class GoldDoc:
    """One MEANTIME article: text, published date, gold mention char spans and chains."""

    name: str
    text: str
    published: str | None
    mentions: dict[str, tuple[int, int]] = field(default_factory=dict)
    chains: list[list[str]] = field(default_factory=list)


def load_doc(path: Path) -> GoldDoc:
    """Parse one MEANTIME XML file into text, mentions (char spans) and chains."""
    root = ET.parse(path).getroot()
    rebuilt = rebuild_text(root)
    offsets = rebuilt.offsets
    markables = root.find("Markables")
    mentions: dict[str, tuple[int, int]] = {}
    entity_ids: set[str] = set()
    published = None
    for el in markables if markables is not None else []:
        if el.tag == "ENTITY_MENTION":
            tids = [a.get("t_id") for a in el.findall("token_anchor")]
            spans = [offsets[t] for t in tids if t in offsets]
            if spans:
                mentions[el.get("m_id", "")] = (min(s[0] for s in spans), max(s[1] for s in spans))
        elif el.tag == "ENTITY":
            entity_ids.add(el.get("m_id", ""))
        elif el.tag == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            value = el.get("value") or ""
            published = value[:10] if len(value) >= 10 else None
    chains: dict[str, list[str]] = defaultdict(list)
    relations = root.find("Relations")
    for rel in relations.findall("REFERS_TO") if relations is not None else []:
        target = rel.find("target")
        if target is None or target.get("m_id") not in entity_ids:
            continue
        for src in rel.findall("source"):
            if src.get("m_id") in mentions:
                chains[target.get("m_id", "")].append(src.get("m_id", ""))
    return GoldDoc(path.stem, rebuilt.text, published, mentions, list(chains.values()))


def _head(doc, start: int, end: int) -> int | None:  # noqa: ANN001
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def map_chains(doc, gold: GoldDoc, system: list[list[tuple[int, int]]]) -> list[list[str]]:  # noqa: ANN001
    """Turn system chains of char spans into chains of gold mention ids (or twinless ids)."""
    by_head: dict[int, list[str]] = defaultdict(list)
    for mid, (s, e) in gold.mentions.items():
        h = _head(doc, s, e)
        if h is not None:
            by_head[h].append(mid)
    out: list[list[str]] = []
    used: set[str] = set()
    for n, chain in enumerate(system):
        ids = []
        for k, (s, e) in enumerate(chain):
            h = _head(doc, s, e)
            cands = [m for m in by_head.get(h, []) if m not in used] if h is not None else []
            if cands:
                # of gold mentions sharing the head, the one overlapping the system span most
                best = max(cands, key=lambda m: min(e, gold.mentions[m][1]) - max(s, gold.mentions[m][0]))
                used.add(best)
                ids.append(best)
            else:
                ids.append(f"sys{n}.{k}")
        out.append(ids)
    return out


def drop_singletons(chains: list[list[str]]) -> list[list[str]]:
    """Chains with at least two mentions."""
    return [c for c in chains if len(set(c)) > 1]


def exact_string_chains(items: list[tuple[str, tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """Cluster mentions whose lowercased texts are identical."""
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for text, span in items:
        groups[text.lower()].append(span)
    return list(groups.values())


def main() -> None:
    """Score baseline and newsgraph coreference on MEANTIME; print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"MEANTIME not found at {DATA}")
    files = sorted(DATA.glob("corpus_*/*.xml"))[: args.limit]
    golds = [load_doc(f) for f in files]
    nlp = load_pipeline()
    scorers = {name: Scorer() for name in ("baseline", "entities", "coref", "oracle")}
    seconds = {"baseline": 0.0, "newsgraph": 0.0}
    n_coref = 0
    articles = [Article(id=g.name, source=g.name, text=g.text, published=g.published) for g in golds]

    t0 = time.perf_counter()
    bare = list(
        nlp.pipe((g.text for g in golds), disable=[p for p in nlp.pipe_names if p.startswith("newsgraph_")])
    )
    seconds["baseline"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    annotated = [doc for _, doc in annotate_docs(articles, nlp)]
    seconds["newsgraph"] = time.perf_counter() - t0

    for gold, bdoc, doc in zip(golds, bare, annotated, strict=True):
        key = drop_singletons(gold.chains)
        base = exact_string_chains([(e.text, (e.start_char, e.end_char)) for e in bdoc.ents])
        scorers["baseline"].add(key, drop_singletons(map_chains(bdoc, gold, base)))
        ents = [[(s.start_char, s.end_char) for s in c.spans] for c in doc._.ng_entities or []]
        scorers["entities"].add(key, drop_singletons(map_chains(doc, gold, ents)))
        with_coref = {c.id: list(chain) for c, chain in zip(doc._.ng_entities or [], ents, strict=True)}
        for m in doc._.ng_coref or []:
            with_coref.setdefault(m.entity, []).append((m.start, m.end))
            n_coref += 1
        scorers["coref"].add(key, drop_singletons(map_chains(doc, gold, list(with_coref.values()))))
        oracle = exact_string_chains([(gold.text[s:e], (s, e)) for s, e in gold.mentions.values()])
        scorers["oracle"].add(key, drop_singletons(map_chains(doc, gold, oracle)))

    base_conll = scorers["baseline"].conll
    print(f"MEANTIME within-document entity coreference, {len(golds)} articles, {n_coref} coref links\n")
    print("| system | MUC R/P/F1 | B3 R/P/F1 | CEAFe R/P/F1 | CoNLL F1 | vs baseline |")
    print("| --- | --- | --- | --- | --- | --- |")
    labels = {
        "baseline": "baseline: spaCy NER, exact string",
        "entities": "newsgraph entities only",
        "coref": "newsgraph entities + coref",
        "oracle": "(context) gold mentions, exact string",
    }
    for name, sc in scorers.items():
        cells = [f"{m.recall:.3f}/{m.precision:.3f}/{m.f1:.3f}" for m in (sc.muc, sc.b3, sc.ceafe)]
        ratio = sc.conll / base_conll if base_conll else float("nan")
        print(f"| {labels[name]} | {' | '.join(cells)} | {sc.conll:.3f} | {ratio:.2f}x |")
    print(
        f"\nTime: bare spaCy {seconds['baseline']:.1f}s, newsgraph pipeline {seconds['newsgraph']:.1f}s "
        f"({seconds['newsgraph'] / max(seconds['baseline'], 1e-9):.2f}x)"
    )


if __name__ == "__main__":
    main()
