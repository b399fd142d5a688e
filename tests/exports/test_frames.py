"""pandas DataFrames from the Python API (`as_frame=True`), and docs/notebook.md's first example run as written."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.frames import PandasMissing

REPO = Path(__file__).resolve().parents[2]


def test_events_quotes_entities_relations_as_frames(research_kb: KnowledgeBase) -> None:
    events = research_kb.events(include_unconfirmed=True, limit=10_000, as_frame=True)
    records = research_kb.events(include_unconfirmed=True, limit=10_000)
    assert isinstance(events, pd.DataFrame) and len(events) == len(records) > 0
    assert events["id"].tolist() == [r["id"] for r in records]
    assert {"type", "mode", "actor_name", "date", "date_precision", "sentence", "article_title"} <= set(
        events
    )
    assert str(events["article_published"].dtype).startswith("datetime64")
    protest = events[events["sentence"].str.startswith("Thousands of students")].iloc[0]
    assert protest["type"] == "PROTEST" and protest["date"] == "2026-05-02"
    quotes = research_kb.quotes(include_unconfirmed=True, limit=10_000, as_frame=True)
    assert (
        "We will not pay these fees,"
        in quotes.loc[quotes["speaker_name"] == "Amina Odhiambo", "text"].tolist()
    )
    entities = research_kb.entities(as_frame=True)
    assert entities.set_index("name").loc["Harbour Workers Alliance", "type"] == "ORG"
    assert len(entities) == len(research_kb.entities())
    relations = research_kb.relations(include_unconfirmed=True, as_frame=True)
    member = relations[
        (relations["subject_name"] == "Amina Odhiambo") & (relations["relation"] == "member_of")
    ]
    assert member["object_name"].tolist() == ["Kenya Students Union"]
    # the default holds confirmed facts only, as every view
    default = research_kb.relations(as_frame=True)
    assert len(default) == int(relations["confirmed"].sum()) and default["confirmed"].all()


def test_without_pandas_the_error_says_what_to_install(
    research_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with pytest.raises(PandasMissing, match=r"pip install 'newsgraph\[frames\]'"):
        research_kb.events(as_frame=True)
    assert isinstance(research_kb.events(), list)  # without as_frame nothing needs pandas


def test_notebook_doc_counts_events_per_week_by_type(
    research_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "docs" / "notebook.md").read_text("utf-8"), re.S)
    assert len(blocks) == 3 and "weekly.plot.bar" in blocks[1]
    code = (
        blocks[0]
        .replace('newsgraph.open("newsgraph.db")', "KB")
        .replace("limit=100_000, as_frame=True", "limit=100_000, include_unconfirmed=True, as_frame=True")
    )
    scope: dict = {"KB": research_kb}
    exec(compile(code, "docs/notebook.md", "exec"), scope)
    weekly = scope["weekly"]
    # our page's protest and arrests (2 May 2026, a Saturday) fall in the week starting Monday 27 April
    week = pd.Timestamp("2026-04-27")
    assert weekly.loc[week, "PROTEST"] >= 1 and weekly.loc[week, "COERCE"] >= 1
    assert int(weekly.to_numpy().sum()) == int(scope["events"]["week"].notna().sum())
    assert "events placed by their article's date" in capsys.readouterr().out
    exec(compile(blocks[2], "docs/notebook.md", "exec"), {"kb": research_kb})
