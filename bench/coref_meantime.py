"""Within-document entity coreference on MEANTIME (Wikinews, airbus + apple sub-corpora).

Each article's text is rebuilt from its tokens (headline and date line as their own paragraphs,
body tokens joined by spaces), run through the newsgraph pipeline, and our entity mentions plus
coreference mentions are mapped to gold ENTITY_MENTIONs by syntactic head (the spaCy root of each
span). Gold chains are the REFERS_TO groups. Scores are MUC, B-cubed, CEAF-e and CoNLL F1 with
singletons removed from key and response (chains of one mention carry no coreference link).

Rows: the baseline (bare spaCy NER mentions clustered by exact text, the same run), newsgraph's
entity grouping alone, and newsgraph with coreference. An extra context row clusters the GOLD
mentions by exact text (an oracle-mention reference, not comparable to the system rows).

Scores are printed per sub-corpus (airbus, apple) and over all; ``--corpus airbus`` scores one.
``--errors`` lists every coreference link judged against the gold chains (ok / WRONG: its gold
chain holds none of the entity's other mentions / SINGLETON: a gold mention with no chain /
NO-GOLD: no gold mention has its head) and the gold pronouns and nominals left unlinked.

Run: ``.venv/bin/python bench/coref_meantime.py [--limit N] [--corpus airbus] [--errors]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "meantime"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from meantime_text import rebuild_text  # noqa: E402
from newsgraph.model import Article  # noqa: E402
from newsgraph.nlp import annotate_docs, load_pipeline  # noqa: E402
from support.coref_metrics import Scorer  # noqa: E402


@dataclass
class GoldDoc:
    """One MEANTIME article: text, published date, gold mention char spans and chains."""

    name: str
    text: str
    published: str | None
    mentions: dict[str, tuple[int, int]] = field(default_factory=dict)
    chains: list[list[str]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    """Mention id -> syntactic_type (NAM, NOM, PRO...)."""


def load_doc(path: Path) -> GoldDoc:
    """Parse one MEANTIME XML file into text, mentions (char spans) and chains."""
    root = ET.parse(path).getroot()
    rebuilt = rebuild_text(root)
    offsets = rebuilt.offsets
    markables = root.find("Markables")
    mentions: dict[str, tuple[int, int]] = {}
    kinds: dict[str, str] = {}
    entity_ids: set[str] = set()
    published = None
    for el in markables if markables is not None else []:
        if el.tag == "ENTITY_MENTION":
            tids = [a.get("t_id") for a in el.findall("token_anchor")]
            spans = [offsets[t] for t in tids if t in offsets]
            if spans:
                mentions[el.get("m_id", "")] = (min(s[0] for s in spans), max(s[1] for s in spans))
                kinds[el.get("m_id", "")] = el.get("syntactic_type", "")
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
    return GoldDoc(path.stem, rebuilt.text, published, mentions, list(chains.values()), kinds)


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


def _print_table(title: str, scorers: dict[str, Scorer]) -> None:
    base_conll = scorers["baseline"].conll
    print(f"{title}\n")
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
    print()


def _print_errors(doc, gold: GoldDoc, with_coref: dict[str, list[tuple[int, int]]], coref) -> None:  # noqa: ANN001
    """Each coref link judged against the gold chains, then the gold pronouns/nominals we left alone."""
    chain_of = {m: n for n, c in enumerate(gold.chains) for m in c}
    ids = map_chains(doc, gold, list(with_coref.values()))
    span_id = {
        span: mid
        for chain, mids in zip(with_coref.values(), ids, strict=True)
        for span, mid in zip(chain, mids, strict=True)
    }
    names = {c.id: c.name for c in doc._.ng_entities or []}
    print(f"## {gold.name}")
    linked = set()
    for m in coref:
        mid = span_id.get((m.start, m.end), "")
        linked.add(mid)
        others = [span_id.get(sp) for sp in with_coref[m.entity] if sp != (m.start, m.end)]
        own = chain_of.get(mid)
        if own is None:
            verdict = "NO-GOLD" if mid.startswith("sys") else "SINGLETON"
        elif any(chain_of.get(o) == own for o in others):
            verdict = "ok"
        else:
            verdict = "WRONG"
        ctx = gold.text[max(0, m.start - 50) : m.end + 30].replace("\n", " ")
        print(f"  {verdict:9} {m.text!r} -> {names.get(m.entity)} ({m.confidence})  ...{ctx}...")
    for mid, (s, e) in sorted(gold.mentions.items(), key=lambda kv: kv[1]):
        kind = gold.kinds.get(mid, "")
        if (
            kind in {"PRO", "NOM"}
            and mid not in linked
            and mid in chain_of
            and len(gold.chains[chain_of[mid]]) > 1
        ):
            mates = [gold.text[slice(*gold.mentions[o])] for o in gold.chains[chain_of[mid]] if o != mid]
            print(f"  missed {kind} {gold.text[s:e]!r} (chain: {', '.join(mates[:4])})")


def main() -> None:
    """Score baseline and newsgraph coreference on MEANTIME; print a markdown table per sub-corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument(
        "--corpus",
        default="*",
        help="sub-corpus to score (airbus, apple); default all, with a table per sub-corpus",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list each coref link as ok/WRONG/SINGLETON/NO-GOLD and the gold pronouns/nominals missed",
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"MEANTIME not found at {DATA}")
    files = sorted(DATA.glob(f"corpus_{args.corpus}/*.xml"))[: args.limit]
    if not files:
        sys.exit(f"no MEANTIME articles for corpus {args.corpus!r}")
    golds = [load_doc(f) for f in files]
    corpora = [f.parent.name.removeprefix("corpus_") for f in files]
    nlp = load_pipeline()
    systems = ("baseline", "entities", "coref", "oracle")
    scorers: dict[str, dict[str, Scorer]] = defaultdict(lambda: {name: Scorer() for name in systems})
    seconds = {"baseline": 0.0, "newsgraph": 0.0}
    n_coref: Counter[str] = Counter()
    articles = [Article(id=g.name, source=g.name, text=g.text, published=g.published) for g in golds]

    t0 = time.perf_counter()
    bare = list(
        nlp.pipe((g.text for g in golds), disable=[p for p in nlp.pipe_names if p.startswith("newsgraph_")])
    )
    seconds["baseline"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    annotated = [doc for _, doc in annotate_docs(articles, nlp)]
    seconds["newsgraph"] = time.perf_counter() - t0

    for corpus, gold, bdoc, doc in zip(corpora, golds, bare, annotated, strict=True):
        key = drop_singletons(gold.chains)
        base = exact_string_chains([(e.text, (e.start_char, e.end_char)) for e in bdoc.ents])
        ents = [[(s.start_char, s.end_char) for s in c.spans] for c in doc._.ng_entities or []]
        with_coref = {c.id: list(chain) for c, chain in zip(doc._.ng_entities or [], ents, strict=True)}
        for m in doc._.ng_coref or []:
            with_coref.setdefault(m.entity, []).append((m.start, m.end))
            n_coref[corpus] += 1
        oracle = exact_string_chains([(gold.text[s:e], (s, e)) for s, e in gold.mentions.values()])
        responses = {
            "baseline": map_chains(bdoc, gold, base),
            "entities": map_chains(doc, gold, ents),
            "coref": map_chains(doc, gold, list(with_coref.values())),
            "oracle": map_chains(doc, gold, oracle),
        }
        for group in {corpus, "all"}:
            for name, response in responses.items():
                scorers[group][name].add(key, drop_singletons(response))
        if args.errors:
            _print_errors(doc, gold, with_coref, doc._.ng_coref or [])

    groups = sorted(set(corpora))
    for group in groups + (["all"] if len(groups) > 1 else []):
        n = len(golds) if group == "all" else corpora.count(group)
        links = sum(n_coref.values()) if group == "all" else n_coref[group]
        _print_table(
            f"MEANTIME {group}: within-document entity coreference, {n} articles, {links} coref links",
            scorers[group],
        )
    print(
        f"Time: bare spaCy {seconds['baseline']:.1f}s, newsgraph pipeline {seconds['newsgraph']:.1f}s "
        f"({seconds['newsgraph'] / max(seconds['baseline'], 1e-9):.2f}x)"
    )


if __name__ == "__main__":
    main()
