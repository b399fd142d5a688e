"""Near-duplicate article detection: MinHash/LSH in the store against an exact-hash baseline.

Originals are real article bodies: the two bundled examples (extracted) and, when present, the
``articleBody`` texts of ``../shared/data/extraction-dev``. From each original the bench makes
reprints (an exact copy; boilerplate added; paragraphs trimmed; light word edits; paragraphs
re-ordered; all three edits at once) and one *rewrite*: the sentences of another article with
this story's names and numbers put in place of that article's, so it shares names and facts but
not wording. Originals go in first, then every reprint and rewrite in a seeded random order, each
checked against everything stored before it (incrementally, through ``minhash_bands`` in a
temporary SQLite knowledge base) and then stored.

A reprint found as a copy of its own original is a true positive; a rewrite or original called a
copy, or a reprint pointed at another story, a false positive; a reprint not found, a miss.

Run: ``.venv/bin/python bench/near_dup.py [--limit N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXTRACTION_DEV = REPO.parent / "shared" / "data" / "extraction-dev" / "ground-truth.json"
sys.path.insert(0, str(REPO / "src"))

from newsgraph.resolve.dedup import find_duplicate, signature, store_signature  # noqa: E402

BOILERPLATE_TOP = [
    "Advertisement",
    "Subscribe now for unlimited access to all our journalism.",
    "Home > News > World",
    "Share this article: Facebook Twitter Email",
]
BOILERPLATE_END = [
    "Copyright 2026 The Daily Reprint. All rights reserved.",
    "Related: More stories from our wire partners",
    "Sign up for our morning newsletter.",
    "This story was reprinted with permission.",
]
SWAPS = {
    "said": "stated",
    "says": "states",
    "also": "additionally",
    "but": "however",
    "big": "large",
    "many": "numerous",
    "about": "around",
    "after": "following",
    "before": "prior to",
    "show": "indicate",
    "help": "assist",
    "start": "begin",
    "get": "obtain",
    "buy": "purchase",
    "people": "individuals",
}
_NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z][\w'’-]+|\d[\d,.]*)\b")


@dataclass
class Doc:
    """One text in the stream: its family (the original it comes from) and how it was made."""

    id: str
    text: str
    family: int
    kind: str


def originals(limit: int) -> list[str]:
    """Real article bodies: the bundled examples, then extraction-dev bodies, long enough to copy."""
    from newsgraph.extract import extract
    from newsgraph.ingest import iter_pages

    texts = [extract(p).text for p in iter_pages([str(REPO / "examples")])]
    if EXTRACTION_DEV.is_file():
        truth = json.loads(EXTRACTION_DEV.read_text())
        texts += [v["articleBody"] for _, v in sorted(truth.items())]
    return [t for t in texts if len(t.split()) >= 80][:limit]


def _paras(text: str) -> list[str]:
    paras = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    if len(paras) >= 3:
        return paras
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]  # one-block bodies: by sentence


def boilerplate(text: str, rng: random.Random) -> str:
    """Banners before and footers after the body."""
    return "\n\n".join([*rng.sample(BOILERPLATE_TOP, 2), text, *rng.sample(BOILERPLATE_END, 2)])


def trimmed(text: str, rng: random.Random) -> str:
    """The first 55-80% of the paragraphs (a reprint cut to fit)."""
    paras = _paras(text)
    keep = max(1, round(len(paras) * rng.uniform(0.55, 0.8)))
    return "\n\n".join(paras[:keep])


def edited(text: str, rng: random.Random) -> str:
    """Light copy-editing: about one word in twenty swapped for a synonym or dropped."""
    words = text.split(" ")
    for i, w in enumerate(words):
        if rng.random() < 0.05:
            low = w.lower()
            words[i] = SWAPS.get(low, "" if len(w) < 4 else w)
        elif w.lower() in SWAPS and rng.random() < 0.5:
            words[i] = SWAPS[w.lower()]
    return re.sub(r" {2,}", " ", " ".join(words))


def reordered(text: str, rng: random.Random) -> str:
    """The same paragraphs in another order."""
    paras = _paras(text)
    rng.shuffle(paras)
    return "\n\n".join(paras)


def rewrite(text: str, donor: str | None) -> str:
    """The donor's sentences (an article not in the stream) with this text's names and numbers in
    place of the donor's; without a donor, the names and numbers in plain sentences of our own."""
    names = _NAME_OR_NUMBER.findall(text)
    if donor is None:
        chunks = [names[i : i + 3] for i in range(0, len(names), 3)]
        return " ".join(f"Reports on {', '.join(c)} were confirmed by officials later." for c in chunks)
    it = iter(names * 3)
    return _NAME_OR_NUMBER.sub(lambda m: next(it, m.group(0)), donor)


def make_stream(texts: list[str], seed: int, donors: list[str] | None = None) -> list[Doc]:
    """Originals first, then reprints and rewrites in a seeded random order."""
    rng = random.Random(seed)
    donors = donors or []
    docs = [Doc(f"o{i}", t, i, "original") for i, t in enumerate(texts)]
    later: list[Doc] = []
    for i, t in enumerate(texts):
        later += [
            Doc(f"c{i}", t, i, "exact copy"),
            Doc(f"b{i}", boilerplate(t, rng), i, "boilerplate added"),
            Doc(f"t{i}", trimmed(t, rng), i, "trimmed"),
            Doc(f"e{i}", edited(t, rng), i, "word edits"),
            Doc(f"r{i}", reordered(t, rng), i, "paragraphs re-ordered"),
            Doc(f"m{i}", edited(trimmed(boilerplate(t, rng), rng), rng), i, "all three edits"),
            Doc(f"w{i}", rewrite(t, donors[i] if i < len(donors) else None), -1 - i, "rewrite (not a copy)"),
        ]
    rng.shuffle(later)
    return docs + later


def run_minhash(stream: list[Doc]) -> tuple[dict[str, str | None], float]:
    """Each doc's detected original (or None), checking against the store before storing it."""
    from sqlalchemy import insert

    from newsgraph.store import connect
    from newsgraph.store.schema import articles

    found: dict[str, str | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(Path(tmp) / "kb.db")
        t0 = time.perf_counter()
        with engine.begin() as conn:
            for doc in stream:
                sig = signature(doc.text)
                original = find_duplicate(conn, sig)
                found[doc.id] = original
                conn.execute(
                    insert(articles).values(
                        id=doc.id,
                        content_hash=doc.id,
                        source=doc.id,
                        text=doc.text,
                        record={},
                        duplicate_of=original,
                    )
                )
                store_signature(conn, doc.id, sig)
        seconds = time.perf_counter() - t0
        engine.dispose()
    return found, seconds


def run_exact(stream: list[Doc]) -> dict[str, str | None]:
    """The baseline: a doc is a copy when its text's hash was seen before."""
    seen: dict[str, str] = {}
    found: dict[str, str | None] = {}
    for doc in stream:
        h = hashlib.sha256(doc.text.encode()).hexdigest()
        found[doc.id] = seen.get(h)
        seen.setdefault(h, doc.id)
    return found


def score(stream: list[Doc], found: dict[str, str | None]) -> tuple[Counter[str], Counter[str]]:
    """(tp, fp, fn counts; recall hits per reprint kind)."""
    family = {d.id: d.family for d in stream}
    counts: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for d in stream:
        is_copy = d.kind not in ("original", "rewrite (not a copy)")
        pred = found[d.id]
        if pred is not None and is_copy and family[pred] == d.family:
            counts["tp"] += 1
            hits[d.kind] += 1
        elif pred is not None:
            counts["fp"] += 1
            hits[d.kind + " (false)"] += 1
        elif is_copy:
            counts["fn"] += 1
    return counts, hits


def _prf(c: Counter[str]) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    """Print precision / recall / F1 of both detectors and recall per reprint kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60, help="at most N original articles")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    pool = originals(2 * args.limit)
    # the second half lends its wording to the rewrites and is never in the stream itself
    texts, donors = (
        pool[: max(len(pool) // 2, min(len(pool), args.limit))],
        pool[max(len(pool) // 2, args.limit) :],
    )
    stream = make_stream(texts, args.seed, donors)
    found, seconds = run_minhash(stream)
    exact = run_exact(stream)
    kinds = Counter(d.kind for d in stream)
    print(
        f"Near-duplicate detection: {len(texts)} originals, {len(stream)} texts in the stream "
        f"({sum(v for k, v in kinds.items() if k not in ('original', 'rewrite (not a copy)'))} reprints, "
        f"{kinds['rewrite (not a copy)']} rewrites)\n"
    )
    print("| detector | precision | recall | F1 | vs baseline F1 |")
    print("| --- | --- | --- | --- | --- |")
    rows = {"baseline: exact hash": score(stream, exact), "newsgraph MinHash/LSH": score(stream, found)}
    base_f1 = _prf(rows["baseline: exact hash"][0])[2]
    for label, (counts, _) in rows.items():
        p, r, f = _prf(counts)
        print(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {f / base_f1 if base_f1 else float('nan'):.2f}x |")
    print("\n| kind | n | exact hash flagged | MinHash flagged |")
    print("| --- | --- | --- | --- |")
    for kind, n in kinds.items():
        if kind == "original":
            kind_rows = [sum(1 for d in stream if d.kind == kind and f[d.id]) for f in (exact, found)]
        else:
            kind_rows = [rows[k][1][kind] + rows[k][1][kind + " (false)"] for k in rows]
        print(f"| {kind} | {n} | {kind_rows[0]} | {kind_rows[1]} |")
    print(f"\nTime: MinHash signature + LSH lookup + store {1000 * seconds / len(stream):.1f} ms per article")


if __name__ == "__main__":
    main()
