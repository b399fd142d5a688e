"""Query latency at corpus scale: p50 / p99 of who, timeline, search (and friends) on SQLite and PostgreSQL.

    .venv/bin/python bench/query_latency.py                      # 20,000 articles, SQLite
    .venv/bin/python bench/query_latency.py --pg postgresql://... # and PostgreSQL (or $NEWSGRAPH_TEST_PG)
    .venv/bin/python bench/query_latency.py --articles 2000 --queries 50   # a quick look

The knowledge base is built without spaCy: generated ``Facts`` with realistic counts per article
(entities, mentions, timexes, quotes, events, relations), names drawn from a pool with a Zipf-like
distribution, written through ``write_facts`` (the real write path, triggers and all). It is cached
in ``bench/out/`` (PostgreSQL: a schema named after the size) until ``--rebuild``.

Every latency is quoted against an anchor measured in the same run: fetching one article by
primary key through the same engine.
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, create_engine, insert, select, text

from newsgraph.api import KnowledgeBase
from newsgraph.model import Article, Description, Entity, Event, Facts, Quote, Relation, Timex
from newsgraph.resolve.names import name_key
from newsgraph.store.schema import aliases as aliases_table
from newsgraph.store.schema import articles, entities, metadata
from newsgraph.writer import write_facts

OUT = Path(__file__).resolve().parent / "out"

FIRST = ("Ada Bo Cai Dara Emil Fen Gus Hana Ivo Jana Kofi Lena Milo Nia Omar Pia Rui Sana Teo Uma Vik Wen "
         "Yara Zeno Amir Beth Cole Dina Ezra Faye").split()  # fmt: skip
LAST = ("Quist Strand Moreau Okafor Lind Varga Reyes Holm Aalto Brandt Castillo Dube Eriksen Farouk Greco "
        "Haddad Ibsen Jovic Kowal Laine Mensah Novak Ortiz Petrov Rossi Sato Tanaka Umar Vance Weber").split()  # fmt: skip
ORG_A = "Harbour Baltic Northern Union United Federal Coastal Atlas Meridian Granite Pioneer Civic".split()
ORG_B = "Workers Freight Shipping Energy Mining Rail Farmers Nurses Teachers Steel Textile Water".split()
ORG_C = "Alliance Lines Group Council Union Guild Federation Company Authority Party Front League".split()
PLACES = ("Alder Norvik Varby Ostrava Kisumu Tamale Cusco Salta Oulu Bergen Split Tartu Gdansk Porto Lyon "
          "Graz Leeds Cork Mombasa Recife").split()  # fmt: skip
VOCAB = ("strike wages pensions cranes automation court ruling talks deal union port dockers contract protest "
         "minister budget inflation housing tariffs exports drought harvest flooding election ballot campaign "
         "reform hospital nurses schools teachers pipeline refinery mine safety inquiry audit fraud police "
         "arrest sanctions ceasefire border refugees aid convoy shelter grain fuel prices shortage blackout "
         "turbines solar grid railway bridge tunnel ferry airport runway factory layoffs overtime shifts "
         "training apprentices insurance claims compensation lawsuit appeal verdict judge jury hearing "
         "parliament council mayor governor senator ministry agency regulator license permit quota").split()  # fmt: skip
EVENT_TYPES = ["PROTEST", "AGREE", "CONSULT", "DEMAND", "DISAPPROVE", "REJECT", "SUPPORT", "COERCE", "AID",
               "INVESTIGATE", "THREATEN", "ASSAULT", "SANCTION", "COURT_HEARING"]  # fmt: skip
RELATIONS = ["affiliated_with", "member_of", "leader_of", "opposed_to", "in_dispute_with", "employed_by"]


def name_pool(rng: random.Random, size: int) -> list[tuple[str, str, list[str]]]:
    """Distinct (name, type, aliases): people, organisations (with acronyms) and places."""
    pool: dict[str, tuple[str, str, list[str]]] = {}
    while len(pool) < size:
        kind = rng.random()
        if kind < 0.55:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name = f"{first} {last} {rng.choice(LAST)}" if rng.random() < 0.5 else f"{first} {last}"
            pool.setdefault(name, (name, "PERSON", []))
        elif kind < 0.9:
            words = [rng.choice(ORG_A), rng.choice(ORG_B), rng.choice(ORG_C)]
            if rng.random() < 0.5:
                words.insert(1, rng.choice(PLACES))
            name = " ".join(words)
            pool.setdefault(name, (name, "ORG", ["".join(w[0] for w in words)]))
        else:
            name = f"{rng.choice(PLACES)} {rng.choice(['Province', 'District', 'County', 'Region'])}"
            pool.setdefault(name, (name, "GPE", []))
    return list(pool.values())


def zipf_weights(n: int, s: float = 1.1, q: float = 20.0) -> list[float]:
    """Zipf-Mandelbrot weights: a long tail, and a head where the most named entity is in ~5% of
    articles (as a head of state or a big company is in a general news feed), not in most of them."""
    return [1.0 / ((rank + q) ** s) for rank in range(1, n + 1)]


def make_facts(n: int, rng: random.Random, pool: list, weights: list[float]) -> Facts:
    """One generated article with realistic fact counts; offsets point at the words they name."""
    year, month, day = rng.choice([2024, 2025, 2026]), rng.randint(1, 12), rng.randint(1, 28)
    published = f"{year}-{month:02d}-{day:02d}"
    cast = []
    for entry in rng.choices(pool, weights=weights, k=rng.randint(4, 9)):
        if entry not in cast:
            cast.append(entry)
    parts: list[str] = []
    pos = 0
    sentences: list[tuple[int, int]] = []
    mentions: dict[int, list[tuple[int, int]]] = {i: [] for i in range(len(cast))}
    timexes, quotes_, events_, relations_, descriptions_ = [], [], [], [], []

    def add(sentence_bits: list[tuple[str, int | None]], starts: list[int] | None = None) -> tuple[int, int]:
        """Append a sentence made of (text, entity index or None) bits; record mentions and bit starts."""
        nonlocal pos
        start = pos
        for bit, who in sentence_bits:
            if starts is not None:
                starts.append(pos)
            if who is not None:
                mentions[who].append((pos, pos + len(bit)))
            parts.append(bit)
            pos += len(bit)
        parts.append(" ")
        pos += 1
        sentences.append((start, pos - 1))
        return start, pos - 1

    def filler(k: int) -> str:
        return " ".join(rng.choices(VOCAB, k=k))

    for _ in range(rng.randint(8, 14)):
        a, b = rng.randrange(len(cast)), rng.randrange(len(cast))
        roll = rng.random()
        if roll < 0.25:  # a quote
            words = filler(rng.randint(6, 14)).capitalize()
            start = pos + 1
            add([(f'"{words}," said ', None), (cast[a][0], a), (".", None)])
            if cast[a][1] == "PERSON":
                quotes_.append(Quote(words, start, start + len(words), "direct", speaker=f"e{a + 1}",
                                     speaker_text=cast[a][0], cue="said",
                                     date=published if rng.random() < 0.5 else None))  # fmt: skip
        elif roll < 0.5 and a != b:  # an event with a date
            etype = rng.choice(EVENT_TYPES)
            when = rng.choice(["on Monday", "last week", "in March", "on Tuesday", "yesterday"])
            starts: list[int] = []
            sent = add([(cast[a][0], a), (f" moved to {etype.lower()} over {filler(5)} ", None),
                        (cast[b][0], b), (" ", None), (when, None), (f" in {rng.choice(PLACES)}.", None)],
                       starts)  # fmt: skip
            value = published if "day" in when else f"{year}-W{rng.randint(1, 52):02d}"
            timexes.append(Timex(when, starts[4], starts[4] + len(when), "DATE", value))
            events_.append(Event(type=etype, start=sent[0], end=sent[1], actor=f"e{a + 1}", recipient=f"e{b + 1}",
                                 place={"name": rng.choice(PLACES), "country_code": "XX", "lat": 0.0, "lon": 0.0},
                                 date=value, date_source="text", trigger=etype.lower()))  # fmt: skip
        elif roll < 0.6 and a != b:  # a relation
            sent = add([(cast[a][0], a), (f" is {rng.choice(['part of', 'close to', 'against'])} ", None),
                        (cast[b][0], b), (f" on {filler(4)}.", None)])  # fmt: skip
            relations_.append(Relation(f"e{a + 1}", rng.choice(RELATIONS), f"e{b + 1}", *sent))
        elif roll < 0.7:  # a description
            desc = f"a {rng.choice(VOCAB)} {rng.choice(['official', 'spokesperson', 'group', 'expert'])}"
            start = pos + len(cast[a][0]) + 2
            add([(cast[a][0], a), (f", {desc}, spoke about {filler(6)}.", None)])
            descriptions_.append(Description(f"e{a + 1}", desc, start, start + len(desc)))
        else:
            add([(filler(rng.randint(8, 18)).capitalize() + " with ", None), (cast[a][0], a), (".", None)])
    body = "".join(parts).rstrip()
    ents = [
        Entity(f"e{i + 1}", name, etype, list(aliases), mentions[i])
        for i, (name, etype, aliases) in enumerate(cast)
        if mentions[i]
    ]
    kept = {e.id for e in ents}
    return Facts(
        article=Article(
            id=f"bench-{n:06d}",
            source=f"bench/{n}",
            text=body,
            title=filler(6).capitalize(),
            published=published,
            content_hash=f"bench-{n:06d}",
        ),  # fmt: skip
        entities=ents,
        sentences=sentences,
        timexes=[t for t in timexes if body[t.start : t.end] == t.text],
        quotes=[q for q in quotes_ if q.speaker in kept],
        events=[e for e in events_ if e.actor in kept and e.recipient in kept],
        relations=[r for r in relations_ if r.subject in kept and r.object in kept],
        descriptions=[d for d in descriptions_ if d.entity in kept],
    )


def _sentence_of(spans: list[tuple[int, int]], starts: list[int], offset: int) -> dict[str, int]:
    s, e = spans[max(bisect.bisect_right(starts, offset) - 1, 0)]
    return {"sent_start": s, "sent_end": e}


def bulk_write(conn: Connection, batch: list[Facts], ids: dict[str, int]) -> None:
    """Insert a batch of generated articles with executemany (entities are known: the pool's ids)."""
    rows: dict[str, list[dict]] = {t: [] for t in ("articles", "mentions", "timexes", "quotes", "descriptions",
                                                   "relations", "events", "article_sources")}  # fmt: skip
    for f in batch:
        a = f.article
        spans = f.sentences
        starts = [x for x, _ in spans]
        rows["articles"].append({"id": a.id, "content_hash": a.content_hash, "url": None, "source": a.source,
                                 "title": a.title, "published": a.published, "site": None, "language": "en",
                                 "text": a.text, "record": f.to_dict()})  # fmt: skip
        rows["article_sources"].append({"article_id": a.id, "source": a.source, "url": None})
        local = {e.id: ids[e.name] for e in f.entities}
        for e in f.entities:
            for m0, m1 in e.mentions:
                rows["mentions"].append({"article_id": a.id, "entity_id": local[e.id], "local_id": e.id,
                                         "text": a.text[m0:m1], "kind": "name", "start": m0, "end": m1,
                                         **_sentence_of(spans, starts, m0)})  # fmt: skip
        for t in f.timexes:
            rows["timexes"].append({"article_id": a.id, "text": t.text, "type": t.type, "value": t.value,
                                    "start": t.start, "end": t.end, **_sentence_of(spans, starts, t.start)})  # fmt: skip
        for q in f.quotes:
            rows["quotes"].append({"article_id": a.id, "speaker_id": local.get(q.speaker or ""),
                                   "speaker_local": q.speaker, "speaker_text": q.speaker_text, "text": q.text,
                                   "kind": q.kind, "cue": q.cue, "date": q.date, "confidence": q.confidence,
                                   "start": q.start, "end": q.end, **_sentence_of(spans, starts, q.start)})  # fmt: skip
        for d in f.descriptions:
            rows["descriptions"].append({"article_id": a.id, "entity_id": local[d.entity], "local_id": d.entity,
                                         "text": d.text, "kind": d.kind, "confidence": d.confidence,
                                         "start": d.start, "end": d.end, **_sentence_of(spans, starts, d.start)})  # fmt: skip
        for r in f.relations:
            rows["relations"].append({"article_id": a.id, "subject_id": local[r.subject], "object_id": local[r.object],
                                      "subject_local": r.subject, "object_local": r.object, "relation": r.relation,
                                      "confidence": r.confidence, "negated": r.negated, "date": r.date,
                                      "start": r.start, "end": r.end, **_sentence_of(spans, starts, r.start)})  # fmt: skip
        for e in f.events:
            place = e.place or {}
            rows["events"].append({"article_id": a.id, "type": e.type, "mode": e.mode,
                                   "actor_id": local.get(e.actor or ""), "recipient_id": local.get(e.recipient or ""),
                                   "actor_local": e.actor, "recipient_local": e.recipient, "actor_text": None,
                                   "recipient_text": None, "place": place.get("name"),
                                   "country_code": place.get("country_code"), "lat": place.get("lat"),
                                   "lon": place.get("lon"), "date": e.date, "date_source": e.date_source,
                                   "trigger": e.trigger, "confidence": e.confidence, "negated": e.negated,
                                   "hypothetical": e.hypothetical, "start": e.start, "end": e.end,
                                   **_sentence_of(spans, starts, e.start)})  # fmt: skip
    for name in ("articles", "article_sources", "mentions", "timexes", "quotes", "descriptions", "relations",
                 "events"):  # fmt: skip
        if rows[name]:
            conn.execute(insert(metadata.tables[name]), rows[name])


def build(kb: KnowledgeBase, count: int, seed: int, through_writer: bool = False) -> float:
    """Write ``count`` generated articles (bulk, or one by one through ``write_facts``); return seconds."""
    rng = random.Random(seed)
    pool = name_pool(rng, max(500, count // 2))
    weights = zipf_weights(len(pool))
    started = time.perf_counter()
    ids: dict[str, int] = {}
    if not through_writer:
        with kb.engine.begin() as conn:
            for name, etype, aliases in pool:
                eid = conn.execute(insert(entities).values(name=name, type=etype, mention_count=0,
                                                           article_count=0)).inserted_primary_key[0]  # fmt: skip
                ids[name] = eid
                forms = {name_key(f): f for f in [name, *aliases]}
                conn.execute(insert(aliases_table), [{"entity_id": eid, "alias": f, "norm": k, "origin": "auto"}
                                                     for k, f in forms.items()])  # fmt: skip
    batch: list[Facts] = []
    for n in range(count):
        facts = make_facts(n, rng, pool, weights)
        if through_writer:
            write_facts(kb.engine, facts)
        else:
            batch.append(facts)
            if len(batch) == 500 or n == count - 1:
                with kb.engine.begin() as conn:
                    bulk_write(conn, batch, ids)
                batch = []
        if n and n % 2000 == 0:
            rate = n / (time.perf_counter() - started)
            print(f"  {n}/{count} articles ({rate:.0f}/s)", file=sys.stderr, flush=True)
    with kb.engine.begin() as conn:
        if not through_writer:  # the counters the writer would have kept
            conn.execute(text(
                "UPDATE entities SET "
                "mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id), "
                "article_count = (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = entities.id)"
            ))  # fmt: skip
        conn.execute(text("DELETE FROM meta WHERE key = 'bench_articles'"))
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('bench_articles', :n)"), {"n": str(count)})
        conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


def built_count(kb: KnowledgeBase) -> int:
    with kb.engine.connect() as conn:
        row = conn.execute(text("SELECT value FROM meta WHERE key = 'bench_articles'")).first()
    return int(row[0]) if row else 0


def open_sqlite(count: int, rebuild: bool, seed: int, writer: bool) -> tuple[KnowledgeBase, float | None]:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"query_latency_{count}.db"
    if rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    kb = KnowledgeBase(path)
    if built_count(kb) == count:
        return kb, None
    return kb, build(kb, count, seed, writer)


def open_pg(
    url: str, count: int, rebuild: bool, seed: int, writer: bool
) -> tuple[KnowledgeBase, float | None]:
    schema = f"bench_query_{count}"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        if rebuild:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    admin.dispose()
    sep = "&" if "?" in url else "?"
    kb = KnowledgeBase(f"{url}{sep}options={quote(f'-csearch_path={schema}')}")
    if built_count(kb) == count:
        return kb, None
    return kb, build(kb, count, seed, writer)


def sample_names(kb: KnowledgeBase, k: int, rng: random.Random) -> list[str]:
    """Entity names to ask for, drawn as users would: popular names more often (by article count)."""
    with kb.engine.connect() as conn:
        rows = conn.execute(text("SELECT name, article_count FROM entities WHERE article_count > 0")).all()
    # only names that resolve to one entity, as a user would pick from the candidates
    counts: dict[str, int] = {}
    for name, _ in rows:
        counts[name] = counts.get(name, 0) + 1
    rows = [r for r in rows if counts[r[0]] == 1]
    return [r[0] for r in rng.choices(rows, weights=[r[1] for r in rows], k=k)]


def measure(fn: Callable[[str], object], args: list[str]) -> list[float]:
    fn(args[0])  # warm the cache and the connection pool
    out = []
    for a in args:
        t = time.perf_counter()
        fn(a)
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_backend(
    label: str, kb: KnowledgeBase, queries: int, seed: int
) -> list[tuple[str, str, int, float, float, float]]:
    rng = random.Random(seed + 1)
    names = sample_names(kb, queries, rng)
    with kb.engine.connect() as conn:
        ids = conn.execute(select(articles.c.id).limit(queries * 10)).scalars().all()
    article_ids = rng.choices(ids, k=queries)
    terms = [rng.choice([" ".join(rng.sample(VOCAB, 2)), f'"{rng.choice(VOCAB)} {rng.choice(VOCAB)}"',
                         rng.choice(VOCAB), f"{rng.choice(VOCAB)} -{rng.choice(VOCAB)}"])
             for _ in range(queries)]  # fmt: skip

    def anchor(aid: str) -> object:
        with kb.engine.connect() as conn:
            return conn.execute(select(articles).where(articles.c.id == aid)).first()

    timings = {
        "anchor: article by primary key": measure(anchor, article_ids),
        "who NAME (dossier)": measure(lambda n: kb.who(n), names),
        "timeline NAME": measure(lambda n: kb.timeline(n), names),
        "search TEXT": measure(lambda q: kb.search(q), terms),
        "quotes --speaker NAME": measure(lambda n: kb.quotes(speaker=n, limit=50), names),
        "events --actor NAME": measure(lambda n: kb.events(actor=n, limit=50), names),
        "graph NAME": measure(lambda n: kb.graph(n), names),
    }
    base = statistics.median(timings["anchor: article by primary key"])
    return [
        (label, op, len(ms), statistics.median(ms), pct(ms, 0.99), statistics.median(ms) / base)
        for op, ms in timings.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="knowledge base size (default 20000)")
    parser.add_argument("--queries", type=int, default=200, help="queries per operation (default 200)")
    parser.add_argument(
        "--pg", default=os.environ.get("NEWSGRAPH_TEST_PG"), help="PostgreSQL URL to measure too"
    )
    parser.add_argument(
        "--no-pg", action="store_true", help="SQLite only, even when NEWSGRAPH_TEST_PG is set"
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached knowledge bases")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--write-facts",
        action="store_true",
        help="build through write_facts (entity resolution and all; slow) instead of bulk inserts",
    )
    args = parser.parse_args()

    rows, builds = [], []
    backends = [("SQLite", lambda: open_sqlite(args.articles, args.rebuild, args.seed, args.write_facts))]
    if args.pg and not args.no_pg:
        backends.append(
            ("PostgreSQL", lambda: open_pg(args.pg, args.articles, args.rebuild, args.seed, args.write_facts))
        )
    for label, opener in backends:
        print(f"{label}: opening / building {args.articles} articles", file=sys.stderr, flush=True)
        kb, seconds = opener()
        builds.append((label, seconds))
        stats = kb.stats(top=1)
        print(f"{label}: {stats['articles']} articles, {stats['entities']['total']} entities, "
              f"{stats['quotes']} quotes, {stats['events']['total']} events", file=sys.stderr)  # fmt: skip
        rows += run_backend(label, kb, args.queries, args.seed)
        kb.close()

    print(f"\n## Query latency, {args.articles} articles, {args.queries} queries per operation\n")
    for label, seconds in builds:
        built = (
            f"built in {seconds:.0f} s ({args.articles / seconds:.0f} articles/s)" if seconds else "cached"
        )
        print(f"- {label}: {built}")
    print("\n| backend | operation | n | p50 ms | p99 ms | p50 / anchor p50 |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for label, op, n, p50, p99, ratio in rows:
        print(f"| {label} | {op} | {n} | {p50:.2f} | {p99:.2f} | {ratio:.1f}x |")


if __name__ == "__main__":
    main()
