"""A timeline line needs a stretch of the calendar: "now", "recently" or a fiscal year dates nothing."""

from __future__ import annotations

from pathlib import Path

from newsgraph.api import KnowledgeBase
from newsgraph.model import Article, CorefMention, Entity, Facts, Timex
from newsgraph.writer import write_facts

from .conftest import build


def test_reference_and_fiscal_values_make_no_timeline_line(tmp_path: Path) -> None:
    facts = build(
        "t1",
        "2026-03-12",
        [
            "Ingrid Holm is now the mediator of the Alliance.",
            "Ingrid Holm recently met the Alliance.",
            "Ingrid Holm cut the budget for fiscal 2024.",
            "Ingrid Holm met the Alliance in 2025.",
        ],
        ["holm", "hwa"],
        timexes=[
            ("now", "PRESENT_REF"),
            ("recently", "PAST_REF"),
            ("fiscal 2024", "FY2024"),
            ("in 2025", "2025"),
        ],
    )
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        write_facts(kb.engine, facts)
        lines = kb.timeline("Ingrid Holm", include_unconfirmed=True)["timeline"]
    dates = [line["date"] for line in lines]
    assert "2025" in dates
    assert not {"PRESENT_REF", "PAST_REF", "FY2024"} & set(dates)


def _facts_by_hand() -> Facts:
    sentences = [
        "CLEVELAND, Ohio - The Lantern Band will tour in 2027.",
        "Ingrid Holm joined the British band in 2019.",
        "She left it in 2024.",
    ]
    text = " ".join(sentences)
    sents, pos = [], 0
    for s in sentences:
        sents.append((pos, pos + len(s)))
        pos += len(s) + 1

    def at(words: str) -> tuple[int, int]:
        i = text.index(words)
        return i, i + len(words)

    return Facts(
        article=Article(id="d1", source="d1.txt", text=text, published="2026-03-12", content_hash="hash-d1"),
        entities=[
            Entity("e1", "Cleveland", "GPE", ["CLEVELAND"], [at("CLEVELAND")]),
            Entity("e2", "Ingrid Holm", "PERSON", [], [at("Ingrid Holm")]),
            Entity("e3", "British", "NORP", [], [at("British")]),
        ],
        sentences=sents,
        timexes=[
            Timex(w, *at(w), "DATE", v)
            for w, v in [("in 2027", "2027"), ("in 2019", "2019"), ("in 2024", "2024")]
        ],
        coref=[CorefMention("e2", *at("She"), "She")],
    )


def test_mention_lines_need_the_name_itself_and_no_dateline_or_nationality(tmp_path: Path) -> None:
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        write_facts(kb.engine, _facts_by_hand())
        holm = [line["date"] for line in kb.timeline("Ingrid Holm")["timeline"]]
        holm_all = {
            line["date"]: line["confirmed"]
            for line in kb.timeline("Ingrid Holm", include_unconfirmed=True)["timeline"]
        }
        cleveland = kb.timeline("Cleveland", include_unconfirmed=True)["timeline"]
        british = kb.timeline("British", include_unconfirmed=True)["timeline"]
    assert holm == []  # a name beside a date is a line shown with --all, never a confirmed fact
    assert holm_all == {"2019": False, "2024": False}
    assert cleveland == []  # the dateline dates the tour, not the city
    assert british == []
