"""Near-duplicates: a copy is stored as a copy of its original; a rewrite, or a report that adds
sentences of its own to wire paragraphs, stands on its own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from newsgraph.resolve.dedup import (
    copy_check,
    find_duplicate,
    is_copy,
    is_duplicate,
    page,
    signature,
    store_signature,
    words,
)
from newsgraph.store.schema import article_sources, articles, entities
from newsgraph.writer import write_facts

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


# A wire story of our own, one sentence a line (curly quotes, as a wire service sends them).
WIRE = """Flood barrier holds as river Esk reaches record height
The river Esk rose to 6.4 metres at Corran Bridge on Sunday night, the highest level since records began in 1881.
The new flood barrier, finished in March at a cost of 48 million euros, kept the water out of the old town.
“The barrier did exactly what it was built to do,” said Ines Calder, who chairs the regional water board.
About 300 residents of the low-lying Millrace district spent the night in a school gym as a precaution.
Firefighters pumped water out of eleven basements on Quay Street, where the old wall meets the new barrier.
The water board said the river would stay above flood level until Tuesday afternoon.
Train services between Corran and Halby were suspended after a landslip near the tunnel at Brackwood.
The regional government will meet on Wednesday to decide whether to extend the barrier to the north bank."""

OWN_REPORT_SENTENCES = [
    "Our reporter spent Monday morning with shop owners on Quay Street who are counting the cost of the water.",
    "Baker Tomas Hollin said he lost two freezers and a week of stock, and that his insurer has not called back.",
    "The town council has opened a hardship fund, and the first payments are promised within ten days.",
]


def _lines() -> list[str]:
    return WIRE.splitlines()


def wire_copy_with_byline_and_footer() -> str:
    lines = _lines()
    return "\n".join(
        [
            lines[0],
            "By Petra Joss, Halby Evening Post",
            *lines[1:],
            "Copyright 2026 Halby Evening Post. All rights reserved.",
        ]
    )


def new_headline_one_sentence_changed() -> str:
    lines = _lines()
    lines[0] = "Old town stays dry on a night of record water"
    lines[4] = lines[4].replace("spent the night in a school gym", "slept in a sports hall")
    return "\n".join(lines)


def rewrapped_straight_quotes() -> str:
    body = " ".join(_lines()[1:]).replace("“", '"').replace("”", '"')
    return _lines()[0] + "\n\n" + textwrap.fill(body, width=58)


def boilerplate_added() -> str:
    lines = _lines()
    return "\n".join(
        ["Advertisement", *lines[:4], "Share this article", *lines[4:], "Sign up for our morning newsletter."]
    )


def trimmed() -> str:
    return "\n".join(_lines()[:6])


COPIES = {
    "exact copy": lambda: WIRE,
    "wire copy with its own byline and footer": wire_copy_with_byline_and_footer,
    "new headline and one sentence changed": new_headline_one_sentence_changed,
    "re-wrapped with straight quotes": rewrapped_straight_quotes,
    "boilerplate added": boilerplate_added,
    "trimmed to its first paragraphs": trimmed,
}


def test_normalised_words_ignore_wrapping_quote_style_and_dashes() -> None:
    curly = "“We’re ready,” she said — and the Board’s\nplan\u00adned barrier held."
    straight = "\"We're ready,\" she said - and the board's plan-\nned barrier held."
    assert words(curly)[0] == [
        "were",
        "ready",
        "she",
        "said",
        "and",
        "the",
        "boards",
        "planned",
        "barrier",
        "held",
    ]
    assert words(straight)[0] == [
        "were",
        "ready",
        "she",
        "said",
        "and",
        "the",
        "boards",
        "plan",
        "ned",
        "barrier",
        "held",
    ]
    assert words("one\ntwo three")[1] == [0, 1, 1]


@pytest.mark.parametrize("form", list(COPIES))
def test_each_copy_form_is_a_copy(form: str) -> None:
    copy = COPIES[form]()
    assert copy != WIRE or form == "exact copy"
    assert is_copy(copy, WIRE), copy_check(page(copy), page(WIRE).words)
    assert is_duplicate(WIRE, copy)


def test_a_longer_page_is_not_a_copy_of_the_shorter_it_contains() -> None:
    short = trimmed()
    assert is_copy(short, WIRE)  # the trimmed reprint adds nothing to the full story
    assert not is_copy(WIRE, short)  # the full story adds its last three sentences


def test_report_reusing_wire_paragraphs_with_its_own_sentences_is_not_a_copy() -> None:
    lines = _lines()
    report = "\n".join(["Shop owners count the cost on Quay Street", *lines[1:6], *OWN_REPORT_SENTENCES])
    check = copy_check(page(report), page(WIRE).words)
    assert check.share > 0.6  # most of it is the wire's wording
    assert not check.is_copy
    assert not is_duplicate(WIRE, report)


def test_one_own_sentence_inside_the_body_or_at_the_end_is_not_a_copy() -> None:
    lines = _lines()
    inside = "\n".join([*lines[:3], OWN_REPORT_SENTENCES[1], *lines[3:]])
    at_end = "\n".join([*lines, OWN_REPORT_SENTENCES[2]])
    assert not is_copy(inside, WIRE)
    assert not is_copy(at_end, WIRE)
    # the same sentence wrapped over three lines is still a sentence of its own
    wrapped = "\n".join([*lines, textwrap.fill(OWN_REPORT_SENTENCES[0], width=40)])
    assert not is_copy(wrapped, WIRE)


@pytest.mark.parametrize(
    "form",
    [
        "wire copy with its own byline and footer",
        "re-wrapped with straight quotes",
        "trimmed to its first paragraphs",
    ],
)
def test_store_folds_a_copy_and_keeps_a_report_with_its_own_sentences(
    engine: Engine, make_facts, form: str
) -> None:
    esk = ("Esk", "LOC", [])
    calder = ("Ines Calder", "PERSON", [])
    assert (
        write_facts(engine, make_facts("wire", WIRE, [esk, calder], source="wire/esk.txt")).status == "stored"
    )
    copy = make_facts("copy", COPIES[form](), [esk, calder], source="post/esk.html")
    result = write_facts(engine, copy)
    assert (result.status, result.duplicate_of) == ("near_duplicate", "wire")
    lines = _lines()
    report_text = "\n".join(["Shop owners count the cost on Quay Street", *lines[1:6], *OWN_REPORT_SENTENCES])
    hollin = ("Tomas Hollin", "PERSON", [])
    report = make_facts("report", report_text, [esk, calder, hollin], source="gazette/esk.html")
    assert write_facts(engine, report).status == "stored"
    # the full story after its own trimmed reprint: stored too, it adds sentences the reprint lacks
    with engine.connect() as conn:
        rows = dict(conn.execute(select(articles.c.id, articles.c.duplicate_of)).all())
        assert rows == {"wire": None, "copy": "wire", "report": None}
        counts = dict(conn.execute(select(entities.c.name, entities.c.article_count)).all())
    assert counts["Tomas Hollin"] == 1  # the report's own sentences are in the knowledge base
    assert counts["Ines Calder"] == 2  # the wire story and the report; the copy is not counted


def test_store_keeps_the_full_story_that_arrives_after_its_trimmed_reprint(
    engine: Engine, make_facts
) -> None:
    esk = ("Esk", "LOC", [])
    assert write_facts(engine, make_facts("short", trimmed(), [esk], source="a.txt")).status == "stored"
    assert write_facts(engine, make_facts("full", WIRE, [esk], source="b.txt")).status == "stored"
    assert (
        write_facts(engine, make_facts("again", boilerplate_added(), [esk], source="c.txt")).duplicate_of
        == "full"
    )
