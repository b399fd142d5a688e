"""What the writer stores for a few hundred generated articles, pinned row for row.

The articles are built by hand (no NLP) from a pool of names that exercises every linking path:
namesakes told apart by their neighbours and descriptions, bare surnames, acronyms, spelling
variants, a legal-form suffix, a few entities in most articles (past the 200 recent articles a
context is read from), near-duplicates and exact duplicates. Every table's rows are hashed; the
expected digests were taken from the writer as it was before its caches changed, so any change in
what is stored (a link, an alias, a key, a count, a dedup decision) shows here.

``NEWSGRAPH_UPDATE_STABLE=1`` rewrites the fixture (only when a change of outcome is intended).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from newsgraph.model import Facts
from newsgraph.resolve import candidate_contexts as context
from newsgraph.resolve.candidate_contexts import store_cache
from newsgraph.store.schema import metadata
from newsgraph.writer import write_facts

from .conftest import build_facts

FIXTURE = Path(__file__).with_name("write_stable.json")

# (name, type, aliases, group): entities of a group tend to appear together
_POOL: list[tuple[str, str, list[str], str]] = [
    ("United States", "GPE", ["U.S."], "all"),
    ("Reuters", "ORG", [], "all"),
    ("Washington", "GPE", [], "all"),
    ("John Smith", "PERSON", [], "senate"),
    ("Senate", "ORG", [], "senate"),
    ("Capitol Hill", "LOC", [], "senate"),
    ("Maria Reyes", "PERSON", [], "senate"),
    ("John Smith", "PERSON", [], "football"),
    ("Arsenal", "ORG", [], "football"),
    ("London", "GPE", [], "football"),
    ("Carlos Reyes", "PERSON", [], "football"),
    ("European Aeronautic Defence and Space", "ORG", ["EADS"], "air"),
    ("EADS", "ORG", [], "air"),
    ("Airbus", "ORG", [], "air"),
    ("Toulouse", "GPE", [], "air"),
    ("Apple Inc.", "ORG", [], "tech"),
    ("Apple", "ORG", [], "tech"),
    ("Tim Cook", "PERSON", [], "tech"),
    ("Cook", "PERSON", [], "tech"),
    ("al-Qaeda", "ORG", [], "war"),
    ("al-Qaida", "ORG", [], "war"),
    ("ISIS-K", "ORG", [], "war"),
    ("ISIS-Khorasan", "ORG", [], "war"),
    ("Kabul", "GPE", [], "war"),
    ("Afghanistan", "GPE", [], "war"),
    ("United Nations", "ORG", ["UN"], "war"),
]
_BARE = {"senate": ["Smith", "Reyes"], "football": ["Smith", "Reyes"], "tech": ["Cook"]}
_DESCRIPTIONS = {
    ("John Smith", "senate"): ["the senator from Ohio", "a veteran lawmaker"],
    ("John Smith", "football"): ["the Arsenal striker", "a former winger"],
    ("Maria Reyes", "senate"): ["the committee chair"],
    ("Carlos Reyes", "football"): ["the goalkeeper"],
    ("Tim Cook", "tech"): ["the chief executive"],
}
_WORDS = (
    "talks market vote budget match season deal strike aircraft engine troops border council report "
    "minister rally court ruling goal coach fans shares profit launch phone drone envoy ceasefire"
).split()


def _article(rng: random.Random, n: int) -> tuple[str, str, list[tuple[str, str, list[str]]], dict[str, str]]:
    groups = ["senate", "football", "air", "tech", "war"]
    group = rng.choice(groups)
    chosen: list[tuple[str, str, list[str], str]] = []
    for e in _POOL:
        if e[3] == "all" and rng.random() < 0.8:
            chosen.append(e)
        elif e[3] == group and rng.random() < 0.55:
            chosen.append(e)
        elif e[3] not in ("all", group) and rng.random() < 0.04:
            chosen.append(e)
    filler = [f"{rng.choice(['Anna', 'Omar', 'Lena', 'Ravi'])} {rng.choice(['Kowalski', 'Haddad', 'Berg'])}"]
    sentences, entities, descs = [], [], {}
    seen: set[str] = set()
    for name, etype, aliases, g in chosen:
        if name in seen:
            continue
        seen.add(name)
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 9)))
        desc = rng.choice(_DESCRIPTIONS.get((name, g), [""]))
        if desc and rng.random() < 0.6:
            sentences.append(f"{name}, {desc}, spoke about the {words}.")
            descs[name] = desc
        else:
            sentences.append(f"{name} spoke about the {words}.")
        form = aliases[0] if aliases and rng.random() < 0.5 else None
        if form:
            sentences.append(f"Later {form} added more on the {rng.choice(_WORDS)}.")
        entities.append((name, etype, [form] if form else []))
    for bare in _BARE.get(group, []):
        if rng.random() < 0.5 and bare not in seen:
            seen.add(bare)
            sentences.append(f"{bare} declined to comment on the {rng.choice(_WORDS)}.")
            entities.append((bare, "PERSON", []))
    for name in filler:
        if name not in seen:
            seen.add(name)
            sentences.append(f"{name} wrote about the {rng.choice(_WORDS)} {rng.choice(_WORDS)}.")
            entities.append((name, "PERSON", []))
    rng.shuffle(sentences)
    text = " ".join(sentences) + f" Story {n}."
    return hashlib.sha256(f"a{n}".encode()).hexdigest()[:16], text, entities, descs


def generated_facts(count: int = 330, seed: int = 11) -> list[Facts]:
    """``count`` articles; every 23rd is a lightly edited copy of an earlier one, every 37th a page seen before."""
    rng = random.Random(seed)
    out: list[Facts] = []
    made: list[tuple[str, str, list[tuple[str, str, list[str]]], dict[str, str]]] = []
    for n in range(count):
        if n and n % 37 == 0:  # the same page again, under another id
            aid, text, ents, descs = made[rng.randrange(len(made))]
            f = build_facts(f"dup{n:04d}", text, ents, descs, source=f"{aid}.txt")
        elif n and n % 23 == 0:  # a reprint with one word changed
            _, text, ents, descs = made[rng.randrange(len(made))]
            aid = hashlib.sha256(f"near{n}".encode()).hexdigest()[:16]
            f = build_facts(aid, text.replace(" the ", " a ", 1) + " Reprinted.", ents, descs)
        else:
            aid, text, ents, descs = _article(rng, n)
            made.append((aid, text, ents, descs))
            f = build_facts(aid, text, ents, descs, source=f"{aid}.txt")
        out.append(f)
    return out


def _plain(value: object) -> object:
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, float):
        return round(value, 9)
    return value


def table_digests(engine: Engine) -> dict[str, list[object]]:
    """Each table's row count and a hash of its rows in key order (timestamps left out)."""
    out: dict[str, list[object]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.c if c.name != "ingested_at"]
            order = list(table.primary_key.columns) or cols
            rows = conn.execute(select(*cols).order_by(*order)).all()
            h = hashlib.sha256()
            for row in rows:
                h.update(repr(tuple(_plain(v) for v in row)).encode())
            out[table.name] = [len(rows), h.hexdigest()[:16]]
    return out


def test_generated_corpus_is_stored_as_pinned(engine: Engine) -> None:
    statuses = [write_facts(engine, f).status for f in generated_facts()]
    assert statuses.count("duplicate") == 8 and statuses.count("near_duplicate") >= 10
    got = table_digests(engine)
    backend = engine.dialect.name
    expected = json.loads(FIXTURE.read_text()) if FIXTURE.exists() else {}
    if os.environ.get("NEWSGRAPH_UPDATE_STABLE"):
        expected[backend] = got
        FIXTURE.write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    if backend not in expected:
        pytest.skip(f"no pinned digest for {backend}")
    assert got == expected[backend]


@pytest.mark.parametrize("window", [200, 4])
def test_cached_contexts_match_the_store(
    engine: Engine, window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer's cached contexts are what a fresh read of the store gives, article after article
    (with a window of 4 articles and descriptions, the paths where one is pushed out are taken often)."""
    if window != context.RECENT_ARTICLES:
        monkeypatch.setattr(context, "RECENT_ARTICLES", window)
        for name, statement in zip(
            ["_RECENT", "_NEIGHBOURS", "_TEXTS"], context._context_statements(), strict=True
        ):
            monkeypatch.setattr(context, name, statement)
    facts = generated_facts(260, seed=5)
    with engine.connect() as conn:
        store_cache(conn).clear()
    checked = 0
    for i, f in enumerate(facts):
        write_facts(engine, f)
        if i % 7 == 0 or i == len(facts) - 1:
            with engine.connect() as conn:
                cache = store_cache(conn)
                ids = sorted(cache.contexts)
                fresh = context._read_contexts(conn, ids) if ids else {}
                assert (cache.context(conn, ids) if ids else {}) == fresh
                checked += len(ids)
    assert checked > 100
