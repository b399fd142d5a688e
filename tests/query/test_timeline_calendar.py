"""A timeline line needs a stretch of the calendar: "now", "recently" or a fiscal year dates nothing."""

from __future__ import annotations

from pathlib import Path

from newsgraph.api import KnowledgeBase
from newsgraph.store import write_facts

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
