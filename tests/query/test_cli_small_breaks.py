"""The CLI's small breaks, each fixed and held here: formats that do what they say, tables printed whole
when piped, errors for unknown values, counts that agree with what export writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rich.table import Table
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.cli_common import print_table

runner = CliRunner()


def _run(kb: KnowledgeBase, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--db", kb.engine.url.render_as_string(hide_password=False)], env=env)


def test_graph_format_json_prints_json_and_the_default_is_a_table(kb: KnowledgeBase) -> None:
    as_json = _run(kb, "graph", "HWA", "--format", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["center"]["name"] == "Harbour Workers Alliance"
    assert json.loads(_run(kb, "graph", "HWA", "--json").stdout) == json.loads(as_json.stdout)
    table = _run(kb, "graph", "HWA")
    assert table.exit_code == 0 and not table.stdout.lstrip().startswith("{")
    assert "Harbour Workers Alliance" in table.stdout and "Meridian Shipping" in table.stdout
    graphml = _run(kb, "graph", "HWA", "--format", "graphml")
    assert "Meridian Shipping" in {d["name"] for _, d in nx.parse_graphml(graphml.stdout).nodes(data=True)}
    both = _run(kb, "graph", "HWA", "--format", "graphml", "--json")
    assert both.exit_code == 2  # contradictory: refused, not one silently chosen


def test_events_take_one_output_format(kb: KnowledgeBase) -> None:
    both = _run(kb, "events", "--csv", "--json")
    assert both.exit_code == 2 and both.stdout == ""
    assert _run(kb, "events", "--csv").stdout.startswith("id,date,type,")


def test_graphml_export_refuses_a_table(kb: KnowledgeBase, tmp_path: Path) -> None:
    out = _run(kb, "export", "--format", "graphml", "--table", "events", "--out", str(tmp_path / "g.graphml"))
    assert out.exit_code == 2
    assert "GraphML writes the entity graph" in " ".join(out.stderr.split())
    assert not (tmp_path / "g.graphml").exists()
    whole = _run(kb, "export", "--format", "graphml", "--out", str(tmp_path / "g.graphml"))
    assert whole.exit_code == 0 and nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 1


def test_an_unknown_event_type_is_an_error_listing_the_valid_ones(kb: KnowledgeBase) -> None:
    out = _run(kb, "events", "--type", "PROTST")
    assert out.exit_code == 2 and out.stdout == ""
    message = " ".join(out.stderr.split())
    assert "unknown event type 'PROTST'" in message and "did you mean PROTEST?" in message
    assert "AGREE" in message and "CONSULT" in message
    with_case = _run(kb, "events", "--type", "protest", "--json")  # a known type in any case still works
    assert with_case.exit_code == 0
    assert [json.loads(line)["type"] for line in with_case.stdout.splitlines()] == ["PROTEST"]


def test_stats_says_0_errors_and_counts_events_as_export_writes_them(kb: KnowledgeBase) -> None:
    out = _run(kb, "stats")
    assert out.exit_code == 0
    lines = [line.strip() for line in out.stdout.splitlines()]
    assert "0 errors" in lines and not any(line.startswith("0 errors:") for line in lines)
    s = kb.stats()
    ev = s["events"]
    confirmed = _run(kb, "export", "--table", "events", "--out", "-").stdout.splitlines()
    every = _run(kb, "export", "--table", "events", "--all", "--out", "-").stdout.splitlines()
    # the corpus stores five events in live articles, one of them negated; the reprint's is not counted
    assert (ev["stored"], ev["negated"], ev["hypothetical"]) == (5, 1, 0)
    assert len(every) == ev["stored"] == ev["confirmed"] + ev["unconfirmed"]
    assert len(confirmed) == ev["confirmed"]
    text = " ".join(out.stdout.split())
    assert (
        f"{ev['stored']} events stored: {ev['confirmed']} confirmed, shown and exported by default; "
        f"{ev['unconfirmed']} unconfirmed (1 negated), shown and exported with --all"
    ) in text


def test_piped_tables_are_printed_whole(kb: KnowledgeBase) -> None:
    events = [json.loads(line) for line in _run(kb, "events", "--json").stdout.splitlines()]
    for env in (None, {"COLUMNS": "80"}):
        table = _run(kb, "events", env=env)
        assert table.exit_code == 0 and "…" not in table.stdout
        for e in events:  # each row on one line, every cell whole
            label = e["type"] + (f"/{e['mode']}" if e["mode"] else "")
            rows = [line for line in table.stdout.splitlines() if f" {label} " in line]
            assert len(rows) == 1, rows
            assert e["date"] in rows[0] and e["actor_name"] in rows[0] and e["recipient_name"] in rows[0]
            assert f"{e['article']['published']} {e['article']['title']}" in rows[0]
    lines = json.loads(_run(kb, "timeline", "Tomas Reyes", "--json").stdout)["timeline"]
    piped = _run(kb, "timeline", "Tomas Reyes", env={"COLUMNS": "40"}).stdout.splitlines()
    for line in lines:  # each sentence on one line, not wrapped at the console width
        assert any(line["sentence"] in row for row in piped), line["sentence"]
    stats = _run(kb, "stats", env={"COLUMNS": "80"}).stdout
    assert "…" not in stats and any("Harbour Workers Alliance" in line for line in stats.splitlines())


def test_the_table_rule_folds_cells_in_a_narrow_terminal() -> None:
    from rich.console import Console

    table = Table("date", "type")
    table.add_column("source", no_wrap=True, overflow="ellipsis", max_width=10)
    table.add_row("2016-03-05", "CONSULT/visit", "A headline of the day that runs long")
    narrow = Console(width=30, record=True, force_terminal=True)
    print_table(table, narrow)
    text = narrow.export_text()
    assert "…" not in text  # folded over lines, never cut
    assert "2016-03" in text and "-05" in text and "headlin" in text and "long" in text


def test_a_dossier_header_agrees_with_its_sources(kb: KnowledgeBase, entity_id: Callable[[str], int]) -> None:
    d = kb.who("Tomas Reyes")
    assert d["article_count"] == len(d["sources"]) == 3  # a1, a2, a3; the reprint is not a source
    cut = _run(kb, "who", "Tomas Reyes", "--limit", "1")
    text = " ".join(cut.stdout.split())
    assert "mentions in 3 articles" in text and "Sources (3 articles, 1 shown)" in text
    whole = " ".join(_run(kb, "who", "Tomas Reyes").stdout.split())
    assert "Sources (3 articles)" in whole
