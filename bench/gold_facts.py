"""Precision and recall of newsgraph's facts against exhaustive gold facts written by reading real pages.

Gold: ``bench/gold/tune/*.json`` (pages we may tune on) and ``bench/gold/report/*.json`` (held out:
never read for tuning), one file per page of ``../shared/data/extraction-dev``, written by hand from
the page's body following ``../shared/gold-guide.md`` (entities with aliases, quotes, descriptions,
relations, PLOVER events). The bench ingests the gold pages' HTML into a fresh temporary knowledge
base with the library (``newsgraph.api.KnowledgeBase``) and reads the stored facts back.

Two views are scored, each in its own table:

- ``shown by default``: the facts a reader sees without ``--all`` (``newsgraph.trust.shown``: a quote
  with a speaker entity or a described unnamed speaker, any fact above its kind's threshold, no negated or hypothetical event)
  against the gold a default view should show (events with status ``happened``, relations not negated);
- ``all stored``: every stored fact against all gold facts.

Matching rules (names are compared after ``norm_name``: case folded, typographic quotes and dashes
made plain, possessive 's, punctuation and a leading article dropped):

- A gold name is an ENTITY when it is the name or an alias of an entry of the page's ``entities``;
  its name set is then the entry's name and all its aliases. A system entity's name set is its
  stored name plus the texts of its ``name`` mentions in this article. Two entities match when the
  sets share a member. A gold name that is not an entity (an unnamed speaker or actor such as
  "a company spokesperson" or "protesters") matches a system fact whose own speaker/actor words
  (``speaker_text``, ``actor_text``) have the same head noun (last word, plural s dropped), or whose
  entity matches a gold entity named inside the description ("a company spokesperson" names the
  entity whose alias is "the company"). A stored fact whose participant is not linked to an entity
  is compared by its own words (``speaker_text`` etc.) as if they were its name.
- quote: token Dice of the quote texts >= 0.5 and the speaker matches (a stored quote with neither
  a speaker entity nor speaker words is not a quote-with-speaker and is not counted as found).
- description: the entity matches and the description texts have token Dice >= 0.5, or the
  shorter has at least two words and all its words occur in the other ("Gov." does not match
  "Texas Gov. and former senator", "former CEO" matches "WeWork founder and former CEO").
- relation: same relation type, same ``negated``, subject and object match (either way round for
  the symmetric types ``ally_of``, ``enemy_of``, ``in_dispute_with``, ``affiliated_with``).
  Relations are facts about the article, no sentence is required.
- event: same PLOVER type; the stored event's sentence overlaps the gold ``evidence`` phrase
  (located in the stored article text); and when the gold names an actor the stored actor
  matches it (a gold actor of null accepts any actor; an empty stored actor does not match a
  gold one). A happening the body tells twice is gold once, at the sentence of its evidence: a
  stored event at its other mention counts as false (a known strictness; matching "the same type
  and actor anywhere" credited distinct happenings, e.g. a scheduled sentencing for a guilty plea).
  Mode, place, date and status are not part of the match (status decides which view a gold event
  belongs to).

Counts: ``found`` = stored facts of the view; ``correct`` = found facts that match some gold fact
(a repeated right fact stays right); ``matched`` = gold facts matched by at least one found fact.
precision = correct / found, recall = matched / gold.

Run: ``.venv/bin/python bench/gold_facts.py [--split tune|report|all] [--detail]``.
``--detail`` lists the right facts (with the gold fact each matched), the misses and the false
hits, for the tune split only (report pages stay unread).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "extraction-dev"
GOLD = REPO / "bench" / "gold"
sys.path.insert(0, str(REPO / "src"))

KINDS = ("quote", "description", "relation", "event")
SYMMETRIC = frozenset({"ally_of", "enemy_of", "in_dispute_with", "affiliated_with"})
DICE_MIN = 0.5

_PLAIN = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}
)
_TOKEN = re.compile(r"[\w$%]+(?:['.][\w]+)*")
_ARTICLES = ("the ", "a ", "an ")


# -- text --------------------------------------------------------------------------------------------
def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (typographic quotes made plain; punctuation dropped)."""
    return _TOKEN.findall(text.translate(_PLAIN).casefold())


def dice(a: str, b: str) -> float:
    """Token Dice coefficient of two texts (multisets)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    rest = list(tb)
    shared = 0
    for t in ta:
        if t in rest:
            rest.remove(t)
            shared += 1
    return 2 * shared / (len(ta) + len(tb))


def norm_name(name: str) -> str:
    """A name for comparison: case folded, plain quotes, no possessive, punctuation or leading article."""
    s = name.translate(_PLAIN).casefold().strip()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    for art in _ARTICLES:
        if s.startswith(art):
            s = s[len(art) :]
            break
    return s


_HEAD_ENDS = frozenset({"for", "of", "at", "from", "with", "in", "on"})


def head(text: str) -> str:
    """The head noun of a plain description: its last word before a preposition ("a spokesperson for
    the Foreign Office" -> spokesperson), a plural s dropped."""
    words = norm_name(text).split()
    cut = next((k for k, w in enumerate(words) if k and w in _HEAD_ENDS), len(words))
    words = words[:cut]
    if not words:
        return ""
    w = words[-1]
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """Character span of ``phrase`` in ``text``, ignoring quote style, dashes, case and whitespace runs."""
    if not phrase:
        return None
    chars: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text.translate(_PLAIN).casefold()):
        space = ch.isspace()
        if space and prev_space:
            continue
        chars.append(" " if space else ch)
        index.append(i)
        prev_space = space
    hay = "".join(chars)
    needle = re.sub(r"\s+", " ", phrase.translate(_PLAIN).casefold()).strip()
    at = hay.find(needle)
    if at < 0:
        return None
    return index[at], index[at + len(needle) - 1] + 1


# -- gold --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Who:
    """A gold participant: its name set, whether it is a listed entity, and entities its words name."""

    label: str
    names: frozenset[str]
    entity: bool
    named_inside: tuple[frozenset[str], ...] = ()


@dataclass
class GoldPage:
    """One gold page, its facts with participants resolved against its entity list."""

    page: str
    raw: dict[str, Any]
    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def who(self, name: str | None) -> Who | None:
        """Resolve a gold participant name against the page's entities."""
        if not name:
            return None
        key = norm_name(name)
        sets = []
        for ent in self.raw.get("entities", []):
            names = frozenset(n for n in (norm_name(x) for x in [ent["name"], *ent.get("aliases", [])]) if n)
            if key in names:
                return Who(name, names, True)
            sets.append(names)
        padded = f" {key} "
        inside = tuple(s for s in sets if any(f" {n} " in padded for n in s))
        return Who(name, frozenset({key}), False, inside)


def prepare_gold(raw: dict[str, Any]) -> GoldPage:
    """A gold page dict (the guide's structure) with its participants resolved."""
    g = GoldPage(page=raw["page"], raw=raw)
    g.facts["quote"] = [{**q, "who": g.who(q["speaker"])} for q in raw.get("quotes", [])]
    g.facts["description"] = [{**d, "who": g.who(d["entity"])} for d in raw.get("descriptions", [])]
    g.facts["relation"] = [
        {**r, "subj": g.who(r["subject"]), "obj": g.who(r["object"])} for r in raw.get("relations", [])
    ]
    g.facts["event"] = [
        {**e, "act": g.who(e.get("actor")), "rec": g.who(e.get("recipient"))} for e in raw.get("events", [])
    ]
    return g


def load_gold(split: str) -> list[GoldPage]:
    """The gold pages of a split (``tune``, ``report`` or ``all``)."""
    dirs = ["tune", "report"] if split == "all" else [split]
    pages = []
    for d in dirs:
        for path in sorted((GOLD / d).glob("*.json")):
            raw = json.loads(path.read_text(encoding="utf-8"))
            raw.setdefault("page", path.stem)
            raw["page"] = Path(raw["page"]).name.split(".")[0]
            pages.append(prepare_gold(raw))
    return pages


def in_default_view(kind: str, gold: dict[str, Any]) -> bool:
    """Whether a gold fact belongs to what a default view should show."""
    if kind == "event":
        return gold.get("status", "happened") == "happened"
    if kind == "relation":
        return not gold.get("negated", False)
    return True


# -- matching ----------------------------------------------------------------------------------------
def who_matches(sys_names: Iterable[str], sys_words: str | None, gold: Who | None) -> bool:
    """Whether a stored participant (entity name set, own words) is the gold participant."""
    if gold is None:
        return False
    names = {norm_name(n) for n in sys_names if n}
    names.discard("")
    if names & gold.names:
        return True
    if gold.entity:
        return False
    if sys_words and head(sys_words) and head(sys_words) == head(gold.label):
        return True
    return any(names & s for s in gold.named_inside)


def quote_matches(sys: dict[str, Any], gold: dict[str, Any]) -> bool:
    """A stored quote is the gold quote: texts overlap (Dice >= 0.5) and the speaker matches."""
    if dice(sys["text"], gold["text"]) < DICE_MIN:
        return False
    return who_matches(sys["speaker_names"], sys.get("speaker_text"), gold["who"])


def description_matches(sys: dict[str, Any], gold: dict[str, Any]) -> bool:
    """A stored description is the gold one: same entity, texts overlap or one holds the other."""
    if not who_matches(sys["entity_names"], None, gold["who"]):
        return False
    a, b = set(tokens(sys["text"])), set(tokens(gold["description"]))
    if not a or not b:
        return False
    return (
        dice(sys["text"], gold["description"]) >= DICE_MIN or min(len(a), len(b)) >= 2 and (a <= b or b <= a)
    )


def relation_matches(sys: dict[str, Any], gold: dict[str, Any]) -> bool:
    """A stored relation is the gold tie: same type and polarity, same ends (either way if symmetric)."""
    if sys["relation"] != gold["relation"] or bool(sys.get("negated")) != bool(gold.get("negated")):
        return False
    fwd = who_matches(sys["subject_names"], None, gold["subj"]) and who_matches(
        sys["object_names"], None, gold["obj"]
    )
    if fwd or gold["relation"] not in SYMMETRIC:
        return fwd
    return who_matches(sys["object_names"], None, gold["subj"]) and who_matches(
        sys["subject_names"], None, gold["obj"]
    )


def event_matches(sys: dict[str, Any], gold: dict[str, Any]) -> bool:
    """A stored event is the gold happening: same type, sentence of the evidence, and actor."""
    if sys["type"] != gold["type"]:
        return False
    if gold["act"] is not None and not who_matches(sys["actor_names"], sys.get("actor_text"), gold["act"]):
        return False
    span, sent = gold.get("span"), sys.get("sent")
    return span is not None and sent is not None and span[0] < sent[1] and sent[0] < span[1]


MATCHERS = {
    "quote": quote_matches,
    "description": description_matches,
    "relation": relation_matches,
    "event": event_matches,
}


# -- stored facts ------------------------------------------------------------------------------------
def _shown_fn() -> Any:
    """``newsgraph.trust.shown``; before that module existed every non-negated fact was shown."""
    try:
        from newsgraph import trust
    except ImportError:  # HOOK: no trust module yet; the default view is every non-negated fact
        return lambda kind, conf, negated=False, hypothetical=False: not (negated or hypothetical)
    return trust.shown


def stored_facts(engine: Any, article_id: str) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """One article's text and its stored facts, with the name sets of their entities and ``shown``."""
    from sqlalchemy import text

    shown = _shown_fn()
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    with engine.connect() as conn:
        body = conn.execute(text("SELECT text FROM articles WHERE id = :a"), {"a": article_id}).scalar_one()
        names: dict[int, set[str]] = {}
        canon: dict[int, str] = {}
        for eid, name in conn.execute(text("SELECT id, name FROM entities")).all():
            names[eid] = {name}
            canon[eid] = name
        q = "SELECT entity_id, text FROM mentions WHERE article_id = :a AND kind = 'name'"
        for eid, mtext in conn.execute(text(q), {"a": article_id}).all():
            if eid is not None:
                names.setdefault(eid, set()).add(mtext)

        def ns(eid: int | None, words: str | None = None) -> set[str]:
            """An entity's name set; a participant without an entity goes by its own words."""
            if eid is not None:
                return names.get(eid, set())
            return {words} if words else set()

        def shown_as(eid: int | None, words: str | None = None) -> str:
            """How a reader sees a participant: the entity's name, else its own words."""
            return canon.get(eid, "?") if eid is not None else words or "-"

        def rows(table: str) -> Iterator[Any]:
            yield from conn.execute(text(f"SELECT * FROM {table} WHERE article_id = :a"), {"a": article_id})

        for r in rows("quotes"):
            if r.speaker_id is None and not r.speaker_text:
                continue  # a quote without a speaker is no quote-with-speaker
            out["quote"].append({
                "text": r.text, "speaker_names": ns(r.speaker_id, r.speaker_text), "speaker_text": r.speaker_text,
                "shown": (r.speaker_id is not None or bool(r.speaker_text)) and bool(shown("quote", r.confidence)),
                "show": f"{shown_as(r.speaker_id, r.speaker_text)}: {r.text[:90]!r}",
            })  # fmt: skip
        for r in rows("descriptions"):
            out["description"].append({
                "entity_names": ns(r.entity_id), "text": r.text,
                "shown": r.entity_id is not None and bool(shown("description", r.confidence)),
                "show": f"{shown_as(r.entity_id)} = {r.text!r}",
            })  # fmt: skip
        for r in rows("relations"):
            out["relation"].append({
                "subject_names": ns(r.subject_id), "relation": r.relation, "object_names": ns(r.object_id),
                "negated": bool(r.negated),
                "shown": bool(shown("relation", r.confidence, negated=bool(r.negated))),
                "show": f"{shown_as(r.subject_id)} {'NOT ' if r.negated else ''}{r.relation} "
                f"{shown_as(r.object_id)} | {body[r.sent_start : r.sent_end].strip()[:80]!r}",
            })  # fmt: skip
        for r in rows("events"):
            flags = {"negated": bool(r.negated), "hypothetical": bool(r.hypothetical)}
            out["event"].append({
                "type": r.type, "actor_names": ns(r.actor_id, r.actor_text), "actor_text": r.actor_text,
                "recipient_names": ns(r.recipient_id, r.recipient_text), "recipient_text": r.recipient_text,
                "sent": (r.sent_start, r.sent_end), **flags,
                "shown": bool(shown("event", r.confidence, **flags)),
                "show": f"{r.type} actor={shown_as(r.actor_id, r.actor_text)} "
                f"trigger={r.trigger!r} | {body[r.sent_start : r.sent_end].strip()[:80]!r}",
            })  # fmt: skip
    return body, out


def ingest(pages: list[GoldPage], db: Path) -> tuple[Any, dict[str, str]]:
    """Ingest the gold pages' HTML into a fresh KB; the KB and each page's stored article id."""
    from sqlalchemy import text

    from newsgraph.api import KnowledgeBase

    files = []
    for g in pages:
        hits = sorted((DATA / "html").glob(f"{g.page}*"))
        if not hits:
            raise SystemExit(f"no HTML for gold page {g.page} under {DATA / 'html'}")
        files.append(str(hits[0]))
    kb = KnowledgeBase(str(db))
    kb.ingest(files)
    ids: dict[str, str] = {}
    with kb.engine.connect() as conn:
        q = (
            "SELECT s.source, COALESCE(a.duplicate_of, a.id) FROM article_sources s "
            "JOIN articles a ON a.id = s.article_id"
        )
        for source, aid in conn.execute(text(q)).all():
            ids[Path(source).name.split(".")[0]] = aid
    return kb, ids


# -- scoring -----------------------------------------------------------------------------------------
@dataclass
class Tally:
    """Counts of one kind in one view, with what missed and what was false when asked for."""

    gold: int = 0
    found: int = 0
    correct: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    hits: list[str] = field(default_factory=list)

    def row(self, kind: str) -> str:
        p = f"{self.correct / self.found:.2f}" if self.found else "-"
        r = f"{self.matched / self.gold:.2f}" if self.gold else "-"
        return f"| {kind} | {self.gold} | {self.found} | {self.correct} | {self.matched} | {p} | {r} |"


def gold_label(kind: str, g: dict[str, Any]) -> str:
    """One line that names a gold fact."""
    if kind == "quote":
        return f"{g['speaker']}: {g['text'][:90]!r}"
    if kind == "description":
        return f"{g['entity']} = {g['description']!r}"
    if kind == "relation":
        return f"{g['subject']} {g['relation']} {g['object']}"
    return f"{g['type']} actor={g.get('actor')} [{g.get('status')}] {g['evidence'][:80]!r}"


def score_page(
    gold: GoldPage, body: str, facts: dict[str, list[dict[str, Any]]], view: str, tallies: dict[str, Tally]
) -> None:
    """Add one page's counts for ``view`` (``default`` or ``all``) to ``tallies``."""
    for ev in gold.facts["event"]:
        ev["span"] = locate(body, ev["evidence"])
    for kind in KINDS:
        t = tallies[kind]
        golds = [g for g in gold.facts[kind] if view == "all" or in_default_view(kind, g)]
        found = [f for f in facts[kind] if view == "all" or f["shown"]]
        match = MATCHERS[kind]
        hit = [False] * len(golds)
        t.gold += len(golds)
        t.found += len(found)
        for f in found:
            ok = False
            for k, g in enumerate(golds):
                if match(f, g):
                    if not ok:
                        t.hits.append(f"{gold.page[:12]} {f['show']}  ~  {gold_label(kind, g)}")
                    hit[k] = ok = True
            if ok:
                t.correct += 1
            else:
                t.false_hits.append(f"{gold.page[:12]} {f['show']}")
        t.matched += sum(hit)
        t.misses.extend(
            f"{gold.page[:12]} {gold_label(kind, g)}" for g, h in zip(golds, hit, strict=True) if not h
        )


def _code_version() -> str:
    """The commit the facts came from, ``+dirty`` when ``src`` has uncommitted changes."""
    import subprocess

    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"], cwd=REPO, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return (head.stdout.strip() or "unknown") + ("+dirty" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["tune", "report", "all"], default="tune")
    ap.add_argument("--detail", action="store_true", help="list misses and false hits (tune split only)")
    args = ap.parse_args(argv)
    if args.detail and args.split != "tune":
        print("--detail is for the tune split only: report pages stay unread", file=sys.stderr)
        return 2
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (the gold pages' HTML lives there)")
        return 0
    pages = load_gold(args.split)
    if not pages:
        print(f"skipped: no gold pages under {GOLD / args.split if args.split != 'all' else GOLD}")
        return 0
    import logging

    logging.disable(logging.WARNING)  # page-level warnings of the ingest are not this bench's output
    with tempfile.TemporaryDirectory() as tmp:
        kb, ids = ingest(pages, Path(tmp) / "gold.db")
        views = {"default": {k: Tally() for k in KINDS}, "all": {k: Tally() for k in KINDS}}
        missing = []
        for g in pages:
            aid = ids.get(g.page)
            if aid is None:
                missing.append(g.page[:12])
                body, facts = "", {k: [] for k in KINDS}
            else:
                body, facts = stored_facts(kb.engine, aid)
            for view, tallies in views.items():
                score_page(g, body, facts, view, tallies)
        kb.close()
    print(
        f"gold facts bench: split {args.split!r}, {len(pages)} pages of {DATA.name}, code {_code_version()}"
    )
    if missing:
        print(f"not stored (all their gold counts as missed): {', '.join(missing)}")
    titles = {
        "default": "shown by default (newsgraph.trust.shown; gold: happened events, non-negated ties)",
        "all": "all stored facts (as with --all; gold: every fact)",
    }
    for view, tallies in views.items():
        print(f"\n{titles[view]}\n")
        print("| kind | gold | found | correct | matched | precision | recall |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for kind in KINDS:
            print(tallies[kind].row(kind))
    if args.detail:
        for view, tallies in views.items():
            for kind in KINDS:
                t = tallies[kind]
                print(f"\n## {view} / {kind}: {len(t.misses)} missed, {len(t.false_hits)} false")
                for line in t.hits:
                    print(f"  RIGHT {line}")
                for line in t.misses:
                    print(f"  MISS  {line}")
                for line in t.false_hits:
                    print(f"  FALSE {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
