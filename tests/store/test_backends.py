"""SQLite and PostgreSQL give the same answers; migrations; readers keep working while an ingest writes.

PostgreSQL tests run when ``NEWSGRAPH_TEST_PG`` names a server (``.ci/services.sh`` starts one in
CI); each test gets its own schema and drops it afterwards.
"""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from newsgraph.api import KnowledgeBase
from newsgraph.model import Article, Entity, Facts, Quote
from newsgraph.store import connect
from newsgraph.store.migrations import INDEX_VERSION
from newsgraph.store.schema import articles, mentions
from newsgraph.writer import write_facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PG = os.environ.get("NEWSGRAPH_TEST_PG")
BACKENDS = ["sqlite", "postgresql"]

GENERATED = [
    (
        "norvik-strike.txt",
        "Norvik dockers strike over pay\n\nDockers at the Port of Norvik walked out on Monday in a dispute with "
        'Baltic Freight Lines over pay. "We have waited three years for a fair offer," said Mara Lind, the '
        "leader of the Norvik Dockers Union. Baltic Freight Lines said the strike was illegal and asked a court "
        "to end it. The Norvik Dockers Union has about 900 members.\n",
    ),
    (
        "norvik-talks.txt",
        "Talks resume in Norvik port dispute\n\nMara Lind met managers of Baltic Freight Lines on Thursday for "
        'the first talks since the strike began. "We are ready to listen," said Peter Aalto, the chief '
        "executive of Baltic Freight Lines. The Harbour Workers Alliance sent a message of support to the "
        "Norvik Dockers Union.\n",
    ),
    (
        "alder-court.txt",
        "Court hears Alder automation case\n\nA court in Alder heard the case of Meridian Shipping against the "
        "Harbour Workers Alliance on Thursday. Tomas Reyes told reporters that the union would respect the "
        'ruling. "The law is on our side," said Elena Varga, a spokeswoman for Meridian Shipping.\n',
    ),
]


def _db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")


def _answers(kb: KnowledgeBase) -> dict:
    """Every corpus query, with the parts that legitimately differ by backend (search scores) set aside."""
    search = kb.search("strike")
    hits = {
        "articles": sorted(h["article"]["id"] for h in search["articles"]),
        "quotes": sorted((h["article"]["id"], h["start"]) for h in search["quotes"]),
        "snippets_marked": all("[" in h["snippet"] for h in search["articles"] + search["quotes"]),
    }
    phrase = sorted(h["article"]["id"] for h in kb.search('"Baltic Freight" -court')["articles"])
    return {
        "who": kb.who("Harbour Workers Alliance"),
        "timeline": kb.timeline("Harbour Workers Alliance"),
        "timeline_march": kb.timeline("Meridian Shipping", date_from="2026-03-10", date_to="2026-03"),
        "quotes": kb.quotes(),
        "quotes_by": kb.quotes(speaker="Mara Lind"),
        "events": kb.events(),
        "events_protest": kb.events(type="PROTEST"),
        "graph": kb.graph("Harbour Workers Alliance", depth=2),
        "search": hits,
        "phrase": phrase,
        "stats": kb.stats(),
    }


def _ingest(db: str, tmp_path: Path) -> KnowledgeBase:
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    for name, body in GENERATED:
        (folder / name).write_text(body, encoding="utf-8")
    kb = KnowledgeBase(db)
    # one call, in a fixed order, so both backends number entities alike
    kb.ingest([str(EXAMPLES / "alder-strike.txt"), str(EXAMPLES / "alder-deal.html"),
               *(str(folder / name) for name, _ in GENERATED)], published="2026-04-02")  # fmt: skip
    return kb


def test_sqlite_and_postgresql_give_identical_answers(tmp_path: Path, pg_url: str) -> None:
    lite = _ingest(str(tmp_path / "kb.db"), tmp_path)
    pg = _ingest(pg_url, tmp_path)
    try:
        a, b = _answers(lite), _answers(pg)
    finally:
        lite.close()
        pg.close()
    assert a["stats"]["articles"] == 5 and a["search"]["articles"], "the corpus was ingested"
    assert a["phrase"] and a["quotes_by"], "the generated pages gave facts to compare"
    for key in a:
        assert a[key] == b[key], f"{key} differs between SQLite and PostgreSQL"


@pytest.mark.parametrize("backend", BACKENDS)
def test_commands_work_on_each_backend(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    db = _db(backend, tmp_path, request)
    _ingest(db, tmp_path).close()
    runner = CliRunner()
    for args in (["stats"], ["timeline", "HWA"], ["quotes", "--speaker", "Mara Lind"], ["events", "--csv"],
                 ["graph", "HWA", "--format", "graphml"], ["search", "strike"], ["who", "HWA"]):  # fmt: skip
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, (args, result.output)
    out = tmp_path / "articles.jsonl"
    result = runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 5


@pytest.mark.parametrize("backend", BACKENDS)
def test_fresh_schema_is_versioned_and_reopening_changes_nothing(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = _db(backend, tmp_path, request)
    engine = connect(db)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT key, value FROM meta")).all())
    assert int(rows["index_version"]) == INDEX_VERSION
    engine.dispose()
    again = connect(db, create=False)  # no error, no second migration
    with again.connect() as conn:
        assert dict(conn.execute(text("SELECT key, value FROM meta")).all()) == rows
    again.dispose()


def test_old_sqlite_knowledge_base_gets_its_search_index_on_open(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = connect(db)
    write_facts(engine, _facts(1, "The dockers went on strike at dawn."))
    # take the knowledge base back to before the full-text index existed
    with engine.begin() as conn:
        for name in ["articles_fts", "quotes_fts"]:
            conn.execute(text(f"DROP TABLE {name}"))
        conn.execute(text("DROP VIEW fts_article_docs"))
        conn.execute(text("DROP TABLE fts_article_keys"))
        for trig in ["articles_fts_ai", "articles_fts_bd", "articles_fts_bu", "articles_fts_au", "quotes_fts_ai",
                     "quotes_fts_ad", "quotes_fts_au"]:  # fmt: skip
            conn.execute(text(f"DROP TRIGGER IF EXISTS {trig}"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'index_version'"))
    engine.dispose()
    with KnowledgeBase(db, create=False) as kb:
        assert [h["article"]["id"] for h in kb.search("strike")["articles"]] == ["g1"]
        assert [q["article"]["id"] for q in kb.search("dawn")["quotes"]] == ["g1"]


def test_unknown_postgresql_database_is_a_clear_error() -> None:
    from newsgraph.errors import StoreError

    with pytest.raises(StoreError) as info:
        connect("postgresql://nobody:secret@127.0.0.1:1/none", create=False)
    assert info.value.code == "E032" and "secret" not in str(info.value)


# -- concurrency ---------------------------------------------------------------------------------
def _facts(n: int, sentence: str = "") -> Facts:
    """A small article with two named people and a quote."""
    # distinct wording per article, so near-duplicate detection keeps every one
    rng = random.Random(n)
    words = " ".join(rng.sample(_WORDS, 12))
    text_ = sentence or f"Report {n}: Ada Quist met Bo Strand in Varby about {words}."
    quote_words = "went on strike at dawn" if sentence else f"Report {n}"
    text_ = text_ + f' "{quote_words}," said Ada Quist.'
    q_start = text_.index(quote_words)
    names = [(m, m + len("Ada Quist")) for m in _all(text_, "Ada Quist")]
    bo = [(m, m + len("Bo Strand")) for m in _all(text_, "Bo Strand")]
    ents = [Entity("e1", "Ada Quist", "PERSON", [], names)]
    if bo:
        ents.append(Entity("e2", "Bo Strand", "PERSON", [], bo))
    return Facts(
        article=Article(
            id=f"g{n}",
            source=f"gen-{n}",
            text=text_,
            title=f"Report {n}",
            published="2026-05-01",
            content_hash=f"gen-{n}",
        ),  # fmt: skip
        entities=ents,
        quotes=[Quote(quote_words, q_start, q_start + len(quote_words), "direct", speaker="e1")],
        sentences=[(0, len(text_))],
    )


_WORDS = (
    "harbour cranes wages pensions shifts contracts safety tariffs cargo ferries tugboats pilots "
    "warehouses rail trucks customs quotas fuel storms insurance training apprentices overtime holidays "
    "automation robots sensors software audits courts lawyers mediators ministers councils budgets"
).split()


def _all(haystack: str, needle: str) -> list[int]:
    out, i = [], haystack.find(needle)
    while i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_readers_never_see_half_an_article_while_an_ingest_writes(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = _db(backend, tmp_path, request)
    writer_kb, reader_kb = KnowledgeBase(db), KnowledgeBase(db)
    total = 120
    done = threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        try:
            for n in range(total):
                write_facts(writer_kb.engine, _facts(n))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)
        finally:
            done.set()

    reads, seen = 0, []
    thread = threading.Thread(target=write)
    thread.start()
    try:
        while not done.is_set() or reads < 5:
            with reader_kb.engine.connect() as conn:
                stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
                bare = conn.execute(
                    select(func.count())
                    .select_from(articles)
                    .where(~select(mentions.c.id).where(mentions.c.article_id == articles.c.id).exists())
                ).scalar_one()
            assert bare == 0, "an article was visible without its mentions"
            stats = reader_kb.stats()  # a later read: it may see more, never less
            assert stats["articles"] >= stored
            if stored:
                assert len(reader_kb.quotes(speaker="Ada Quist", limit=1000)) >= stats["quotes"] >= stored
                assert reader_kb.search("Report")["articles"]
            seen.append(stored)
            reads += 1
            time.sleep(0.005)
    finally:
        thread.join(timeout=120)
    final = reader_kb.stats()["articles"]
    writer_kb.close()
    reader_kb.close()
    assert not failures, failures
    assert seen == sorted(seen) and final == total
    assert any(0 < s < total for s in seen), "the reader ran while the writer was still writing"
