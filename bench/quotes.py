"""Quote attribution bench: Source / Cue / Content span precision and recall, against a naive baseline.

Data: the hand-written fixtures in ``tests/data/quotes/*.jsonl`` (speaker, cue and content spans;
``fixtures.jsonl`` in double quotes, ``single_quotes.jsonl`` in single quotes, British style, with
apostrophe traps), each file scored as its own set, and the example pages' gold quotes
(``examples/gold.json``: speaker entity and content).
Baseline, measured in the same run on the same docs: every pair of quotation marks is a quote,
its source is the nearest PERSON/ORG entity in the paragraph, its cue the nearest verb in the sentence.

Run: ``.venv/bin/python bench/quotes.py [--limit N]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DIR = REPO / "tests" / "data" / "quotes"
FIXTURES = FIXTURE_DIR / "fixtures.jsonl"
EXAMPLES = REPO / "examples"

Span3 = tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int]]  # source, cue, content


def _locate(text: str, needle: str | None, near: int | None = None) -> tuple[int, int] | None:
    """Offsets of ``needle`` in ``text``; the occurrence nearest ``near`` when it occurs more than once."""
    if not needle:
        return None
    hits = []
    i = text.find(needle)
    while i >= 0:
        hits.append(i)
        i = text.find(needle, i + 1)
    if not hits:
        raise ValueError(f"{needle!r} not in {text!r}")
    best = min(hits, key=lambda h: abs(h - near)) if near is not None else hits[0]
    return best, best + len(needle)


def load_fixtures(limit: int | None = None, path: Path = FIXTURES) -> list[dict]:
    """The hand-written fixture items of ``path`` with gold spans located in their text."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        gold = []
        for q in item["quotes"]:
            content = _locate(item["text"], q["content"])
            cue = _locate(item["text"], q.get("cue"), content[0])
            speaker = _locate(item["text"], q.get("speaker"), (cue or content)[0])
            gold.append((speaker, cue, content))
        item["gold"] = gold
        items.append(item)
    return items[:limit] if limit else items


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool) -> tuple[int, int]:
    """(true positives among predictions, gold spans found), one-to-one greedy matching."""
    used: set[int] = set()
    tp = 0
    for p in pred:
        for k, g in enumerate(gold):
            if k not in used and (p == g if exact else _overlap(p, g)):
                used.add(k)
                tp += 1
                break
    return tp, len(used)


def ours(doc: Doc) -> list[Span3]:
    """Our quotes as (source, cue, content) spans."""
    out = []
    for q in doc._.ng_quotes or []:
        src = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
        cue = (q.cue_start, q.cue_end) if q.cue_start is not None else None
        out.append((src, cue, (q.start, q.end)))
    return out


def baseline(doc: Doc) -> list[Span3]:
    """Naive: quoted text, nearest PERSON/ORG in the paragraph, nearest verb in the sentence."""
    from newsgraph.nlp.quote_marks import find_quote_spans

    out = []
    ents = [e for e in doc.ents if e.label_ in {"PERSON", "ORG"}]
    for q in find_quote_spans(doc.text):
        para_start = doc.text.rfind("\n", 0, q.open) + 1
        para_end = doc.text.find("\n", q.close)
        para_end = len(doc.text) if para_end < 0 else para_end
        outside = [
            e for e in ents if para_start <= e.start_char < para_end and not q.open <= e.start_char <= q.close
        ]
        src = None
        if outside:
            e = min(outside, key=lambda e: min(abs(e.start_char - q.close), abs(q.open - e.end_char)))
            src = (e.start_char, e.end_char)
        span = doc.char_span(q.open, q.open + 1, alignment_mode="expand")
        cue = None
        if span is not None:
            verbs = [t for t in span.sent if t.pos_ == "VERB" and not q.open <= t.idx <= q.close]
            if verbs:
                v = min(verbs, key=lambda t: min(abs(t.idx - q.close), abs(q.open - t.idx)))
                cue = (v.idx, v.idx + len(v))
        out.append((src, cue, (q.start, q.end)))
    return out


class Tally:
    """Counts for one system: per span kind and match mode, predictions, gold and hits."""

    def __init__(self) -> None:
        self.c: dict[tuple[str, str], list[int]] = {}

    def add(self, pred: list[Span3], gold: list[Span3]) -> None:
        for k, kind in enumerate(["Source", "Cue", "Content"]):
            p = [x[k] for x in pred if x[k] is not None]
            g = [x[k] for x in gold if x[k] is not None]
            for mode in ("exact", "overlap"):
                tp, found = score(p, g, exact=mode == "exact")
                row = self.c.setdefault((kind, mode), [0, 0, 0, 0])
                row[0] += tp
                row[1] += len(p)
                row[2] += found
                row[3] += len(g)

    def prf(self, key: tuple[str, str]) -> tuple[float, float, float]:
        tp, np_, found, ng = self.c.get(key, [0, 0, 0, 0])
        p = tp / np_ if np_ else 0.0
        r = found / ng if ng else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def example_docs(nlp) -> Iterable[tuple[Doc, list[dict]]]:
    """The example pages, extracted and annotated, with their gold quotes."""
    from newsgraph.extract import extract
    from newsgraph.model import Page
    from newsgraph.nlp import annotate_docs

    gold = json.loads((EXAMPLES / "gold.json").read_text())
    for doc_gold in gold["documents"]:
        f = EXAMPLES / doc_gold["file"]
        page = Page(source=str(f), kind="html" if f.suffix == ".html" else "text", data=f.read_bytes())
        article = extract(page)
        for _, doc in annotate_docs([article], nlp):
            yield doc, [q for q in gold["quotes"] if q["file"] == doc_gold["file"]]


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print a markdown table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N fixtures")
    args = ap.parse_args(argv)

    from newsgraph.nlp import load_pipeline
    from newsgraph.nlp.quotes import find_quotes

    nlp = load_pipeline()
    fixture_sets = []  # (set name, items, our tally, baseline tally)
    quote_seconds = 0.0
    for path in sorted(FIXTURE_DIR.glob("*.jsonl"), key=lambda p: (p != FIXTURES, p.name)):
        items = load_fixtures(args.limit, path)
        sys_t, base_t = Tally(), Tally()
        docs = list(nlp.pipe(item["text"] for item in items))
        for item, doc in zip(items, docs, strict=True):
            t0 = time.perf_counter()
            find_quotes(doc)
            quote_seconds += time.perf_counter() - t0
            sys_t.add(ours(doc), item["gold"])
            base_t.add(baseline(doc), item["gold"])
        fixture_sets.append((path.stem, items, sys_t, base_t))
    n_items = sum(len(items) for _, items, _, _ in fixture_sets)

    # Examples: content spans, and the speaker as an entity (gold names the entity, not a span).
    ex_sys, ex_base = Tally(), Tally()
    spk = {"ours": [0, 0, 0], "baseline": [0, 0, 0]}  # right speaker, predictions, gold
    for doc, gq in example_docs(nlp):
        gold = [(None, None, _locate(doc.text, q["text"])) for q in gq]
        names = {c.id: c.name for c in doc._.ng_entities or []}
        for label, pred, tally in (("ours", ours(doc), ex_sys), ("baseline", baseline(doc), ex_base)):
            tally.add(pred, gold)
            if label == "ours":
                speakers = [names.get(q.speaker) for q in doc._.ng_quotes or []]
            else:
                speakers = [doc.text[s[0] : s[1]] if s else None for s, _, _ in pred]
            spk[label][1] += len(pred)
            spk[label][2] += len(gq)
            for (_, _, content), who in zip(pred, speakers, strict=True):
                if any(
                    _overlap(content, g[2]) and who == q["speaker"] for g, q in zip(gold, gq, strict=True)
                ):
                    spk[label][0] += 1

    sets = ", ".join(
        f"{name}: {len(items)} fixtures ({sum(len(i['gold']) for i in items)} gold quotes)"
        for name, items, _, _ in fixture_sets
    )
    print(f"Quote attribution: {sets}; examples ({sum(ex_sys.c[('Content', 'exact')][3:4])} gold quotes)\n")
    print("| set | span | match | P | R | F1 | baseline P | baseline R | baseline F1 | F1 ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    rows = [
        *((name, s, b, ["Source", "Cue", "Content"]) for name, _, s, b in fixture_sets),
        ("examples", ex_sys, ex_base, ["Content"]),
    ]
    for name, s, b, kinds in rows:
        for kind in kinds:
            for mode in ("exact", "overlap"):
                p, r, f = s.prf((kind, mode))
                bp, br, bf = b.prf((kind, mode))
                ratio = f"{f / bf:.2f}x" if bf else "n/a"
                print(
                    f"| {name} | {kind} | {mode} | {p:.2f} | {r:.2f} | {f:.2f} | {bp:.2f} | {br:.2f} | {bf:.2f} | {ratio} |"
                )
    for label in ("ours", "baseline"):
        ok, n_pred, n_gold = spk[label]
        print(
            f"\nexamples speaker entity ({label}): {ok}/{n_pred} predictions right, {ok}/{n_gold} gold found"
        )
    print(f"\nquote finder: {1000 * quote_seconds / max(1, n_items):.2f} ms per fixture doc (after parsing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
