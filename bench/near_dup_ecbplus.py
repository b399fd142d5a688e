"""Near-duplicates on real same-event news: ECB+ dev reports and reprints made from them.

ECB+ (``../shared/data/ecbplus-dev``, topics 1-35, 772 documents) holds many outlets' reports of
the same events; some outlets ran the same wire copy, most wrote their own report or reused a
few wire paragraphs. Every ECB+ document goes into a temporary SQLite knowledge base first, in a
seeded random order, each checked against everything stored before it (``find_duplicate``, as
``store.write_facts`` does). Then, for a seeded sample of documents of at least ``--min-words``
words, the bench makes reprints of the kinds an outlet makes and adds them in a seeded random
order:

- exact copy;
- wire copy with the outlet's own byline and footer;
- new headline and one sentence changed (a clause replaced);
- re-wrapped (paragraphs filled to another width) with the other quote style (curly <-> straight);
- boilerplate added (banners on top, an ad slot inside, footer lines);
- trimmed (the last 20-45% of the lines cut);
- all at once (byline, footer, new headline, one sentence changed, re-wrapped, quote style).

Scores: (a) recall of copies: a reprint folded into its own original (or into the report that
original was itself folded into); a reprint folded elsewhere is a wrong fold. (b) ECB+ reports
folded into another report: each is listed with the words of its own that the other lacks (by a
word diff, difflib, independent of the detector's shingles). A folded report is *distinct*
(a defect: its own sentences would vanish) when its own text holds a run of more than
``OWN_RUN`` words on one line (ECB+ has a sentence a line) or more than ``OWN_TOTAL`` words in all; otherwise it is a copy that ECB+
itself holds (the same wire story run by two outlets), and folding it loses nothing. The
exact-hash baseline runs on the same stream.

Run: ``.venv/bin/python bench/near_dup_ecbplus.py [--sample N] [--seed S] [--min-words W]``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import textwrap
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ECBPLUS = REPO.parent / "shared" / "data" / "ecbplus-dev" / "annotations.jsonl"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from near_dup import BOILERPLATE_END, BOILERPLATE_TOP, Doc, run_exact, run_minhash  # noqa: E402
from newsgraph.resolve.dedup import words  # noqa: E402

OWN_RUN = 15
"""A folded report whose own text (not in the report it is folded into) has a longer run is distinct."""
OWN_TOTAL = 40
"""So is one with more own words than this in all."""

BYLINES = ["Maria Lund", "Tomas Okafor", "Helen Park", "Ravi Menon", "Grace O'Neill", "Jonas Weber"]
OUTLETS = ["Harbour Daily", "The Valley Courier", "Northfield Gazette", "Riverside Post"]
FOOTERS = [
    "Copyright 2026 {outlet}. All rights reserved.",
    "Reporting by {name}; editing by the {outlet} news desk",
    "Have a news tip? Email the {outlet} newsroom.",
    "{name} can be reached at the newsroom.",
]
HEADLINES = [
    "What we know so far",
    "The latest: officials give an update on the day's events",
    "Here is what happened, and what comes next",
    "Day of drama as the story unfolds",
    "Everything you need to know this morning",
    "Questions remain after a long night",
]
CLAUSES = [
    "late on Monday",
    "according to officials",
    "the group",
    "on Tuesday night",
    "reportedly",
    "in the end",
]


def load() -> list[dict]:
    """Every ECB+ dev document (doc, topic, subtopic, text)."""
    with ECBPLUS.open() as f:
        return [json.loads(line) for line in f]


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def byline_footer(text: str, rng: random.Random) -> str:
    """The wire copy with the outlet's byline on top and its footer below."""
    name, outlet = rng.choice(BYLINES), rng.choice(OUTLETS)
    lines = _lines(text)
    foot = [f.format(outlet=outlet, name=name) for f in rng.sample(FOOTERS, 2)]
    return "\n".join([lines[0], f"By {name}, {outlet}", *lines[1:], *foot])


def sentence_changed(text: str, rng: random.Random) -> str:
    """One body sentence with a clause of one to three words replaced."""
    lines = _lines(text)
    body = [i for i, line in enumerate(lines) if i > 0 and len(line.split()) >= 8] or [len(lines) - 1]
    i = rng.choice(body)
    ws = lines[i].split()
    at = rng.randrange(1, max(2, len(ws) - 3))
    ws[at : at + rng.randint(1, 3)] = rng.choice(CLAUSES).split()
    lines[i] = " ".join(ws)
    return "\n".join(lines)


def new_headline(text: str, rng: random.Random) -> str:
    """Another headline in place of the first line (before it, where the first line is a sentence),
    and one sentence changed."""
    lines = _lines(sentence_changed(text, rng))
    keep = lines if len(lines) == 1 or re.search(r"[.!?][\"']*$", lines[0]) else lines[1:]
    return "\n".join([rng.choice(HEADLINES), *keep])


def requote(text: str) -> str:
    """Curly quotes made straight, or straight ones made curly (opening and closing in turn)."""
    if re.search("[\u2018\u2019\u201c\u201d]", text):
        return text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append("\u2019" if ch == "'" else ch)
    return "".join(out)


def rewrapped(text: str, rng: random.Random) -> str:
    """Sentences joined into paragraphs of two to four and filled to another width, quotes restyled."""
    lines, paras = _lines(text), []
    while lines:
        n = rng.randint(2, 4)
        paras.append(textwrap.fill(" ".join(lines[:n]), width=rng.randint(48, 78)))
        lines = lines[n:]
    return requote("\n\n".join(paras))


def boilerplate(text: str, rng: random.Random) -> str:
    """Banners on top, an ad slot between two body lines, footer lines below."""
    lines = _lines(text)
    at = rng.randrange(1, len(lines)) if len(lines) > 1 else 1
    lines.insert(at, "Advertisement")
    return "\n".join([*rng.sample(BOILERPLATE_TOP, 2), *lines, *rng.sample(BOILERPLATE_END, 2)])


def trimmed(text: str, rng: random.Random) -> str:
    """The first 55-80% of the lines."""
    lines = _lines(text)
    return "\n".join(lines[: max(3, round(len(lines) * rng.uniform(0.55, 0.8)))])


def all_at_once(text: str, rng: random.Random) -> str:
    """Byline and footer, a new headline, one sentence changed, re-wrapped, quote style changed."""
    return rewrapped(byline_footer(new_headline(text, rng), rng), rng)


KINDS = {
    "exact copy": lambda t, rng: t,
    "wire copy + byline and footer": byline_footer,
    "new headline + one sentence changed": new_headline,
    "re-wrapped + quote style changed": rewrapped,
    "boilerplate added": boilerplate,
    "trimmed": trimmed,
    "all at once": all_at_once,
}


def make_stream(docs: list[dict], sample: int, min_words: int, seed: int) -> tuple[list[Doc], list[Doc]]:
    """(ECB+ originals in a seeded order, reprints of a seeded sample in a seeded order)."""
    rng = random.Random(seed)
    originals = [Doc(d["doc"], d["text"], i, "ECB+ report") for i, d in enumerate(docs)]
    rng.shuffle(originals)
    long_enough = [o for o in originals if len(o.text.split()) >= min_words]
    picked = rng.sample(long_enough, min(sample, len(long_enough)))
    reprints = [
        Doc(f"{o.id}~{n}", make(o.text, rng), o.family, kind)
        for o in picked
        for n, (kind, make) in enumerate(KINDS.items())
    ]
    rng.shuffle(reprints)
    return originals, reprints


def own_words(text: str, other: str) -> tuple[int, int]:
    """(words of ``text`` the other lacks, longest run of them on one line), by a word diff of the
    normalised words (ECB+ has one sentence a line, so a run on one line is part of one sentence)."""
    (a, lines), b = words(text), words(other)[0]
    total = longest = 0
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            total += i2 - i1
            longest = max(longest, *Counter(lines[i1:i2]).values())
    return total, longest


def score(originals: list[Doc], reprints: list[Doc], found: dict[str, str | None]) -> dict:
    """Recall per reprint kind, wrong folds, and the ECB+ reports folded into another."""
    by_id = {d.id: d for d in originals}
    hits: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for d in reprints:
        orig = d.id.split("~")[0]
        pred = found[d.id]
        if pred is not None and pred in (orig, found.get(orig)):
            hits[d.kind] += 1
        elif pred is not None:
            wrong[d.kind] += 1
    folded = []
    for d in originals:
        into = found[d.id]
        if into is not None:
            total, longest = own_words(d.text, by_id[into].text if into in by_id else "")
            folded.append((d.id, into, total, longest, total > OWN_TOTAL or longest > OWN_RUN))
    return {"hits": hits, "wrong": wrong, "folded": folded}


def main() -> None:
    """Print the recall of copies and the ECB+ reports folded, newsgraph beside the exact hash."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=120, help="ECB+ documents to make reprints of")
    parser.add_argument("--min-words", type=int, default=50, help="sample only documents this long")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--list", action="store_true", help="list every folded ECB+ report")
    args = parser.parse_args()
    originals, reprints = make_stream(load(), args.sample, args.min_words, args.seed)
    stream = originals + reprints
    found, seconds = run_minhash(stream)
    results = {
        "exact hash (baseline)": score(originals, reprints, run_exact(stream)),
        "newsgraph": score(originals, reprints, found),
    }
    kinds = Counter(d.kind for d in reprints)
    n_picked = len(reprints) // len(KINDS)
    print(
        f"Near-duplicates on ECB+ dev: {len(originals)} reports (topics 1-35), then {len(reprints)} reprints "
        f"of {n_picked} of them (>= {args.min_words} words), seed {args.seed}\n"
    )
    print(
        "| detector | copies recognised | wrong folds of copies | ECB+ reports folded | distinct reports folded |"
    )
    print("| --- | --- | --- | --- | --- |")
    for label, r in results.items():
        n_hits = sum(r["hits"].values())
        distinct = sum(1 for f in r["folded"] if f[4])
        print(
            f"| {label} | {n_hits}/{len(reprints)} = {n_hits / len(reprints):.3f} | {sum(r['wrong'].values())} "
            f"| {len(r['folded'])} | {distinct} |"
        )
    print("\n| reprint kind | n | exact hash | newsgraph |")
    print("| --- | --- | --- | --- |")
    for kind in KINDS:
        cells = [
            f"{r['hits'][kind]}" + (f" (+{r['wrong'][kind]} wrong)" if r["wrong"][kind] else "")
            for r in results.values()
        ]
        print(f"| {kind} | {kinds[kind]} | {cells[0]} | {cells[1]} |")
    folded = results["newsgraph"]["folded"]
    if folded:
        print(
            f"\nECB+ reports folded by newsgraph (own words: the folded report's words the other lacks, "
            f"by word diff; distinct = a run over {OWN_RUN} on one line or over {OWN_TOTAL} in all):"
        )
        print("\n| report | folded into | own words | longest own run | distinct |")
        print("| --- | --- | --- | --- | --- |")
        for doc, into, total, longest, distinct in sorted(folded) if args.list or len(folded) <= 40 else []:
            print(f"| {doc} | {into} | {total} | {longest} | {'YES' if distinct else 'no (a copy)'} |")
    print(
        f"\nTime: signature + LSH lookup + word check + store {1000 * seconds / len(stream):.1f} ms per text"
    )


if __name__ == "__main__":
    main()
