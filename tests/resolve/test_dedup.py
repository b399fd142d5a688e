"""Near-duplicates: a reprint is stored once as a copy of its original, a rewrite stands on its own."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from newsgraph.resolve.dedup import find_duplicate, is_duplicate, signature, store_signature
from newsgraph.store import write_facts
from newsgraph.store.schema import article_sources, articles, entities

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def body() -> str:
    """The body of the bundled scraped-text example, past its title lines."""
    text = (EXAMPLES / "alder-strike.txt").read_text()
    return "\n\n".join(p for p in text.split("\n\n") if len(p.split()) > 12)


def test_reprint_detected_rewrite_not() -> None:
    original = body()
    paras = original.split("\n\n")
    reprint = "Sponsored: subscribe today for unlimited access.\n\n" + "\n\n".join(
        paras[: max(3, len(paras) * 2 // 3)]
    )
    reprint = reprint.replace(" said ", " stated ", 2)
    shuffled = "\n\n".join(reversed(paras))
    rewrite = " ".join(
        f"According to reports, {w} featured." for w in {t for t in original.split() if t[:1].isupper()}
    )
    sig = signature(original)
    assert is_duplicate(sig, signature(reprint))
    assert is_duplicate(sig, signature(shuffled))
    assert not is_duplicate(sig, signature(rewrite))
    assert not is_duplicate(signature("Short note."), signature("Short note."))  # too short to call


def test_store_marks_copy_keeps_sources_and_counts_once(engine: Engine, make_facts) -> None:
    text = body()
    first = make_facts("orig", text, [("Alder", "GPE", [])], source="wire/orig.txt")
    copy_text = text.replace("\n\n", "\n\nAdvertisement\n\n", 1) + "\n\nCopyright 2026 Daily Reprint."
    copy = make_facts("copy", copy_text, [("Alder", "GPE", [])], source="reprint/copy.html")
    assert write_facts(engine, first).status == "stored"
    result = write_facts(engine, copy)
    assert (result.status, result.duplicate_of) == ("near_duplicate", "orig")
    other = make_facts(
        "other",
        "A different story about Alder and its harbour, with no shared wording at all "
        "beyond the town's name, told from the start again by another reporter.",
        [("Alder", "GPE", [])],
    )
    assert write_facts(engine, other).status == "stored"
    with engine.connect() as conn:
        assert conn.execute(select(articles.c.duplicate_of).where(articles.c.id == "copy")).scalar() == "orig"
        sources = set(
            conn.execute(
                select(article_sources.c.source).where(article_sources.c.article_id == "orig")
            ).scalars()
        )
        assert sources == {"wire/orig.txt", "reprint/copy.html"}
        alder = conn.execute(select(entities).where(entities.c.name == "Alder")).one()
        n_orig = len(first.entities[0].mentions)
        assert alder.article_count == 2  # orig and other; the copy is not counted
        assert alder.mention_count == n_orig + len(other.entities[0].mentions)


def test_copy_of_a_copy_points_to_the_original(engine: Engine) -> None:
    text = body()
    with engine.begin() as conn:
        conn.execute(articles.insert().values(id="o", content_hash="h1", source="o", text=text, record={}))
        store_signature(conn, "o", signature(text))
        conn.execute(
            articles.insert().values(
                id="c", content_hash="h2", source="c", text=text, record={}, duplicate_of="o"
            )
        )
        store_signature(conn, "c", signature(text))
        assert find_duplicate(conn, signature(text + " Updated.")) == "o"
