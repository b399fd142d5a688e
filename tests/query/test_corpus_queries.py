"""Corpus queries over a hand-made knowledge base: timeline, quotes, events, graph, search, stats."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.query import AmbiguousName, DateRange, NameNotFound, time_sort_key
from newsgraph.query.filters import period
from newsgraph.store.fts import fts5_query

runner = CliRunner()


# -- dates ---------------------------------------------------------------------------------------
def test_periods_cover_the_days_a_timex_value_means() -> None:
    assert period("2026-03-09") == ((2026, 3, 9), (2026, 3, 9))
    assert period("2026-03") == ((2026, 3, 1), (2026, 3, 31))
    assert period("2026-W12") == ((2026, 3, 16), (2026, 3, 22))
    assert period("2025-WI") == ((2025, 12, 1), (2026, 2, 31))
    assert period("2026-Q2") == ((2026, 4, 1), (2026, 6, 31))
    assert period("PRESENT_REF") is None and period(None) is None and period("P10D") is None


def test_date_range_compares_by_time_not_by_string() -> None:
    march = DateRange("2026-03", "2026-03")
    # as strings "2026-W12" > "2026-04-01"; in time it is in March
    assert march.contains("2026-W12") and not march.contains("2026-04-01")
    assert march.contains("2026") and march.contains("2026-Q1")  # coarser values overlap
    assert not march.contains(None) and not march.contains("PRESENT_REF")
    assert DateRange().contains(None)
    with pytest.raises(ValueError, match="not a date"):
        DateRange("last week")


# -- names ---------------------------------------------------------------------------------------
def test_ambiguous_name_lists_the_candidates(kb: KnowledgeBase) -> None:
    with pytest.raises(AmbiguousName) as info:
        kb.timeline("Reyes")
    assert {c["name"] for c in info.value.candidates} == {"Tomas Reyes", "Ana Reyes"}
    # the library names no CLI option: it says to give an id in place of the name, which works everywhere
    assert f"'#{info.value.candidates[0]['id']}'" in str(info.value) and info.value.code == "E042"


def test_unknown_name_suggests_close_names(kb: KnowledgeBase) -> None:
    with pytest.raises(NameNotFound) as info:
        kb.quotes(speaker="Tomas Reyez")
    assert "Tomas Reyes" in info.value.suggestions


# -- timeline ------------------------------------------------------------------------------------
def test_timeline_in_time_order_with_every_kind_of_line(kb: KnowledgeBase) -> None:
    result = kb.timeline("Tomas Reyes", include_unconfirmed=True)
    lines = result["timeline"]
    assert [line["date"] for line in lines] == ["2025", "2026-03-09", "2026-03-18"]
    assert [line["kind"] for line in lines] == ["mention", "quote", "quote"]
    assert lines[0]["sentence"] == "Tomas Reyes said talks had stalled in 2025."
    # a name beside a date is shown with --all only: the date may be of anything the sentence says;
    # both quotes take their dates from the sentence before them ("on Monday", "on Wednesday"):
    # carried-over dates, shown with --all too
    assert [line["confirmed"] for line in lines] == [False, False, False]
    assert kb.timeline("Tomas Reyes")["timeline"] == []
    # the reprint's copy of the 2026-03-18 quote is not a second line
    assert [line["article"]["id"] for line in lines].count("a3-copy") == 0


def test_timeline_date_filter_keeps_overlapping_periods(kb: KnowledgeBase) -> None:
    lines = kb.timeline("HWA", date_from="2026-03-10", date_to="2026-03")["timeline"]
    assert [(line["date"], line["what"]) for line in lines] == [
        ("2026-W12", "CONSULT"),
        ("2026-03-18", "AGREE"),
    ]
    keys = [time_sort_key(line["date"]) for line in lines]
    assert keys == sorted(keys)


def test_timeline_picks_an_entity_by_id(kb: KnowledgeBase, entity_id) -> None:  # type: ignore[no-untyped-def]
    ana = entity_id("Ana Reyes")
    assert kb.timeline(ana)["name"] == "Ana Reyes"


# -- quotes --------------------------------------------------------------------------------------
def test_quotes_by_speaker_about_and_search(kb: KnowledgeBase) -> None:
    by = kb.quotes(speaker="Tomas Reyes")
    assert [q["text"] for q in by] == [
        "We will not back down,",
        "This deal protects every docker, and Meridian Shipping knows it,",
    ]
    about = kb.quotes(about="Meridian")
    assert [(q["speaker_name"], q["article"]["id"]) for q in about] == [("Tomas Reyes", "a3")]
    found = kb.quotes(search="dockers")  # stemmed
    assert [q["article"]["id"] for q in found] == ["a3"]
    assert kb.quotes(search="the of and") == []  # stop words alone match nothing


def test_quotes_date_filter_falls_back_to_publication_date(kb: KnowledgeBase) -> None:
    # Varga's quote has no date of its own; its article is from 2026-03-12
    texts = [q["text"] for q in kb.quotes(date_from="2026-03-10", date_to="2026-03-12")]
    assert texts == ["Automation is coming to Alder,"]
    assert kb.quotes(date_from="2027") == []


# -- events --------------------------------------------------------------------------------------
def test_events_filters(kb: KnowledgeBase) -> None:
    assert [e["type"] for e in kb.events(actor="HWA")] == ["PROTEST", "AGREE"]  # negated FIGHT left out
    assert [e["type"] for e in kb.events(recipient="General Federation of Labour")] == ["SUPPORT"]
    assert [e["type"] for e in kb.events(type="protest")] == ["PROTEST"]
    assert [e["article"]["id"] for e in kb.events(place="alder")] == ["a1", "a3"]
    assert [e["article"]["id"] for e in kb.events(place="NL")] == ["a1", "a3"]
    assert [e["date"] for e in kb.events(date_from="2026-03-16", date_to="2026-03-16")] == ["2026-W12"]
    event = kb.events(type="PROTEST")[0]
    assert (event["actor_name"], event["recipient_name"], event["mode"]) == (
        "Harbour Workers Alliance",
        "Meridian Shipping",
        "strike",
    )
    assert event["sentence"].startswith("Workers of the Harbour Workers Alliance began a strike")


def test_events_csv_from_the_cli(kb: KnowledgeBase) -> None:
    db = kb.engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["events", "--db", db, "--actor", "HWA", "--csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("id,date,type,mode,actor,actor_name")
    assert len(lines) == 3 and ",PROTEST,strike," in lines[1]


# -- graph ---------------------------------------------------------------------------------------
def test_graph_edges_carry_weights_and_types(kb: KnowledgeBase, entity_id) -> None:  # type: ignore[no-untyped-def]
    g = kb.graph("HWA")
    hwa, meridian, reyes = (
        entity_id("Harbour Workers Alliance"),
        entity_id("Meridian Shipping"),
        entity_id("Tomas Reyes"),
    )
    edges = {frozenset((e["source"], e["target"])): e for e in g["edges"]}
    tie = edges[frozenset((hwa, meridian))]
    # sentences naming both: a1 s0, a1 s2, a2 s0, a3 s0 (the reprint adds nothing) + one dispute statement
    assert tie["cooccurrence"] == 4 and tie["weight"] == 5
    assert tie["types"] == ["cooccurrence", "in_dispute_with"]
    lead = edges[frozenset((hwa, reyes))]
    assert lead["relations"] == [
        {
            "relation": "leader_of",
            "subject": reyes,
            "object": hwa,
            "count": 1,
            "confirmed": True,
            "former": False,
        }
    ]
    assert {n["name"] for n in g["nodes"] if n["depth"] == 1} >= {"Meridian Shipping", "Tomas Reyes"}
    assert "Ingrid Holm" not in {n["name"] for n in g["nodes"]}  # two hops away
    deeper = kb.graph("HWA", depth=2)
    assert {n["name"]: n["depth"] for n in deeper["nodes"]}["Ingrid Holm"] == 2
    assert len(kb.graph("HWA", depth=2, max_nodes=3)["nodes"]) == 3


def test_graph_graphml_from_the_cli(kb: KnowledgeBase) -> None:
    import networkx as nx

    result = runner.invoke(
        app,
        ["graph", "HWA", "--db", kb.engine.url.render_as_string(hide_password=False), "--format", "graphml"],
    )
    assert result.exit_code == 0, result.output
    g = nx.parse_graphml(result.stdout)
    names = {d["name"] for _, d in g.nodes(data=True)}
    assert {"Harbour Workers Alliance", "Meridian Shipping"} <= names
    assert all(d["weight"] >= 1 for *_, d in g.edges(data=True))


# -- search --------------------------------------------------------------------------------------
def test_search_ranks_articles_and_quotes_with_snippets(kb: KnowledgeBase) -> None:
    result = kb.search("deal docker")
    assert [h["article"]["id"] for h in result["articles"]] == ["a3"]  # not the reprint
    assert "[deal]" in result["articles"][0]["snippet"] and "[docker]" in result["articles"][0]["snippet"]
    assert [q["speaker_name"] for q in result["quotes"]] == ["Tomas Reyes"]
    strikes = kb.search("strike")["articles"]
    assert [h["article"]["id"] for h in strikes] == ["a1"]


def test_search_web_syntax_phrases_or_and_not(kb: KnowledgeBase) -> None:
    def ids(q: str) -> list[str]:
        return sorted(h["article"]["id"] for h in kb.search(q, kind="articles")["articles"])

    assert ids('"signed a deal"') == ["a3"]
    assert ids("strike or bakery") == ["a1", "a4"]
    assert ids("Meridian -strike") == ["a2", "a3"]
    assert ids('AND OR NOT "') == []  # FTS5 keywords and stray quotes are only words
    assert kb.search("strike", kind="quotes")["articles"] == []


def test_fts5_query_translation() -> None:
    assert fts5_query("the strike") == '"strike"'
    assert fts5_query('"signed a deal" -crane') == '("signed a deal") NOT "crane"'
    assert fts5_query("a or the") is None  # only stop words
    assert fts5_query("strike OR deal") == '("strike") OR ("deal")'


# -- stats ---------------------------------------------------------------------------------------
def test_stats_count_each_story_once(kb: KnowledgeBase) -> None:
    s = kb.stats()
    assert (s["articles"], s["duplicates"]) == (4, 1)
    assert s["quotes"] == 4
    assert s["events"]["by_type"] == {"AGREE": 1, "CONSULT": 1, "PROTEST": 1, "SUPPORT": 1}
    assert s["events"]["confirmed_by_type"] == s["events"]["by_type"]  # every fact here has confidence 1.0
    assert s["entities"]["by_type"] == {"PERSON": 4, "ORG": 3}
    assert s["date_range"] == {"first": "2026-03-09", "last": "2026-03-19"}
    top = {e["name"]: e["articles"] for e in s["top_entities"]}
    assert top["Tomas Reyes"] == 3 and top["Ingrid Holm"] == 1


# -- CLI -----------------------------------------------------------------------------------------
def test_cli_json_and_clear_errors(kb: KnowledgeBase) -> None:
    db = kb.engine.url.render_as_string(hide_password=False)
    out = runner.invoke(app, ["timeline", "Tomas Reyes", "--db", db, "--json"])
    assert out.exit_code == 0 and json.loads(out.stdout)["total"] == 0  # every line's date is unconfirmed
    out = runner.invoke(app, ["timeline", "Tomas Reyes", "--db", db, "--json", "--all"])
    assert out.exit_code == 0 and json.loads(out.stdout)["total"] == 3
    lines = runner.invoke(
        app, ["quotes", "--db", db, "--speaker", "Tomas Reyes", "--json"]
    ).stdout.splitlines()
    assert [json.loads(line)["speaker_name"] for line in lines] == ["Tomas Reyes", "Tomas Reyes"]
    ambiguous = runner.invoke(app, ["timeline", "Reyes", "--db", db, "--json"])
    assert ambiguous.exit_code == 1
    assert json.loads(ambiguous.stdout)["error"] == "ambiguous"
    assert "--id" in ambiguous.stderr
    bad_date = runner.invoke(app, ["events", "--db", db, "--from", "soon"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).stdout)
    assert stats["articles"] == 4
    search = json.loads(runner.invoke(app, ["search", "strike", "--db", db, "--json"]).stdout)
    assert search["articles"][0]["article"]["id"] == "a1"
