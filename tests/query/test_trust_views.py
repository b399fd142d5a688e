"""Every view shows by default only the facts newsgraph.trust accepts; --all / include_unconfirmed shows the rest, marked.

One hand-written article holds a sure and an unsure fact of each kind, a hypothetical and a
negated event, and a date the annotator doubted. The thresholds come from a tiny trust table
written here (0.5 for every kind), so each fact's fate is known. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import trust
from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.model import Article, Description, Entity, Event, Facts, Quote, Relation, Timex
from newsgraph.writer import write_facts

runner = CliRunner()

SENTENCES = [
    "The Lantern Guild led a march through Brisk on Friday.",  # 0: a sure PROTEST
    "Odile Marsh, the guild's treasurer, may call a boycott of Brisk Transit.",  # 1: hypothetical
    "The Lantern Guild did not block the ring road.",  # 2: negated
    "Some say Odile Marsh punched a reporter.",  # 3: an unsure ASSAULT
    '"We walk until the fares fall," said Odile Marsh.',  # 4: a sure quote
    '"Nobody listens," someone shouted near Brisk Transit.',  # 5: a quote with an unsure speaker
    "Odile Marsh spoke again in the spring of 1912.",  # 6: a doubted date
]
TEXT = " ".join(SENTENCES)
TABLE = "\n".join(
    f'[{kind}]\nstatus = "calibrated"\nthreshold = 0.5\ncuts = [0.0, 0.5]\nprecision = [0.3, 0.93]\nn = 60\n'
    for kind in trust.KINDS
)


def _sent(n: int) -> tuple[int, int]:
    start = sum(len(s) + 1 for s in SENTENCES[:n])
    return start, start + len(SENTENCES[n])


def _span(words: str) -> tuple[int, int]:
    i = TEXT.index(words)
    return i, i + len(words)


def _mentions(name: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    while (i := TEXT.find(name, pos)) >= 0:
        out.append((i, i + len(name)))
        pos = i + len(name)
    return out


def facts() -> Facts:
    sents = [_sent(n) for n in range(len(SENTENCES))]
    return Facts(
        article=Article(
            id="t1",
            source="t1.txt",
            text=TEXT,
            title="Fare march in Brisk",
            published="2026-05-08",
            content_hash="hash-t1",
        ),  # fmt: skip
        entities=[
            Entity("e1", "Lantern Guild", "ORG", [], _mentions("Lantern Guild")),
            Entity("e2", "Odile Marsh", "PERSON", [], _mentions("Odile Marsh")),
            Entity("e3", "Brisk Transit", "ORG", [], _mentions("Brisk Transit")),
        ],
        sentences=sents,
        timexes=[
            Timex("on Friday", *_span("on Friday"), "DATE", "2026-05-08", confidence=0.95),
            Timex("the spring of 1912", *_span("the spring of 1912"), "DATE", "1912-SP", confidence=0.2),
        ],
        quotes=[
            Quote(
                "We walk until the fares fall,",
                *_span("We walk until the fares fall,"),
                "direct",
                speaker="e2",
                speaker_text="Odile Marsh",
                cue="said",
                confidence=0.95,
            ),
            Quote(
                "Nobody listens,",
                *_span("Nobody listens,"),
                "direct",
                speaker="e2",
                speaker_text="someone",
                cue="shouted",
                confidence=0.3,
            ),
        ],  # fmt: skip
        descriptions=[
            Description("e2", "the guild's treasurer", *_span("the guild's treasurer"), confidence=0.9),
            Description("e2", "a reporter", *_span("a reporter"), confidence=0.2),
        ],
        relations=[
            Relation("e2", "member_of", "e1", *sents[1], confidence=0.9),
            Relation("e2", "opposed_to", "e3", *sents[1], confidence=0.3),
        ],
        events=[
            Event(
                "PROTEST",
                *sents[0],
                mode="demonstrate",
                actor="e1",
                date="2026-05-08",
                date_source="text",
                trigger="march",
                confidence=0.9,
            ),
            Event(
                "SANCTION",
                *sents[1],
                mode="boycott",
                actor="e2",
                recipient="e3",
                trigger="boycott",
                confidence=0.9,
                hypothetical=True,
            ),
            Event("PROTEST", *sents[2], actor="e1", trigger="block", confidence=0.9, negated=True),
            Event("ASSAULT", *sents[3], actor="e2", trigger="punched", confidence=0.2),
        ],  # fmt: skip
    )


@pytest.fixture(autouse=True)
def table(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    path = tmp_path_factory.mktemp("trust") / "trust.toml"
    path.write_text(TABLE)
    monkeypatch.setenv(trust.ENV_PATH, str(path))
    trust.reload()
    yield
    monkeypatch.delenv(trust.ENV_PATH)
    trust.reload()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    if request.param == "sqlite":
        db: Path | str = tmp_path_factory.mktemp("trustkb") / "kb.db"
    else:
        db = request.getfixturevalue("pg_module_url")
    base = KnowledgeBase(db)
    write_facts(base.engine, facts())
    yield base
    base.close()


def test_dossier_shows_confirmed_facts_and_counts_the_rest(kb: KnowledgeBase) -> None:
    d = kb.who("Odile Marsh")
    assert [x["text"] for x in d["descriptions"]] == ["the guild's treasurer"]
    assert list(d["relations"]) == ["member_of"]
    assert [q["text"] for q in d["quotes_by"]] == ["We walk until the fares fall,"]
    assert d["events"] == []  # the boycott is hypothetical, the punch unsure
    assert d["unconfirmed"] == {"descriptions": 1, "relations": 1, "quotes_by": 1, "quotes_about": 0,
                                "events": 2, "timeline": 1}  # fmt: skip
    everything = [*d["descriptions"], *d["quotes_by"], *d["relations"]["member_of"]]
    assert all(x["confirmed"] and x["calibrated"] == 0.93 for x in everything)


def test_dossier_with_all_marks_the_unconfirmed(kb: KnowledgeBase) -> None:
    d = kb.who("Odile Marsh", include_unconfirmed=True)
    reporter = next(x for x in d["descriptions"] if x["text"] == "a reporter")
    assert reporter["confirmed"] is False and reporter["calibrated"] == 0.3
    assert d["relations"]["opposed_to"][0]["confirmed"] is False
    events = {e["type"]: e for e in d["events"]}
    assert events["SANCTION"]["hypothetical"] and not events["SANCTION"]["confirmed"]
    assert events["ASSAULT"]["confirmed"] is False and events["ASSAULT"]["calibrated"] == 0.3
    shouted = next(q for q in d["quotes_by"] if q["text"] == "Nobody listens,")
    assert shouted["confirmed"] is False


def test_events_hide_hypothetical_negated_and_unsure_ones(kb: KnowledgeBase) -> None:
    shown = kb.events()
    assert [(e["type"], e["confirmed"]) for e in shown] == [("PROTEST", True)]
    assert kb.unconfirmed_events() == 3
    every = kb.events(include_unconfirmed=True)
    flags = {(e["type"], e["hypothetical"], e["negated"], e["confirmed"]) for e in every}
    assert flags == {("PROTEST", False, False, True), ("SANCTION", True, False, False),
                     ("PROTEST", False, True, False), ("ASSAULT", False, False, False)}  # fmt: skip
    assert kb.unconfirmed_events(type="ASSAULT") == 1 and kb.unconfirmed_events(date_from="2027") == 0
    events = kb.stats()["events"]  # stored (negated left out) beside what is shown
    assert events["total"] == 3 and events["confirmed"] == 1 and events["confirmed_by_type"] == {"PROTEST": 1}
    assert events["unconfirmed"] == 3 == kb.unconfirmed_events()  # the negated one counts here, as on /events


def test_quotes_hide_the_unsure_speaker(kb: KnowledgeBase) -> None:
    assert [q["text"] for q in kb.quotes()] == ["We walk until the fares fall,"]
    assert kb.unconfirmed_quotes() == 1 and kb.unconfirmed_quotes(search="fares") == 0
    assert len(kb.quotes(include_unconfirmed=True)) == 2


def test_timeline_holds_back_a_doubted_date(kb: KnowledgeBase) -> None:
    t = kb.timeline("Odile Marsh")
    assert "1912-SP" not in [line["date"] for line in t["timeline"]]
    assert t["unconfirmed"] == 1
    every = kb.timeline("Odile Marsh", include_unconfirmed=True)
    spring = next(line for line in every["timeline"] if line["date"] == "1912-SP")
    assert spring["confirmed"] is False and spring["date_confidence"] == pytest.approx(0.2)
    guild = kb.timeline("Lantern Guild")  # the sure march, dated by a sure timex
    assert [(line["kind"], line["date"], line["confirmed"]) for line in guild["timeline"]] == [
        ("event", "2026-05-08", True)
    ]


def test_graph_counts_only_confirmed_ties(kb: KnowledgeBase) -> None:
    def statements(g: dict) -> set[tuple[str, bool]]:  # type: ignore[type-arg]
        return {(s["relation"], s["confirmed"]) for e in g["edges"] for s in e["relations"]}

    assert statements(kb.graph("Odile Marsh")) == {("member_of", True)}
    assert statements(kb.graph("Odile Marsh", include_unconfirmed=True)) == {("member_of", True),
                                                                             ("opposed_to", False)}  # fmt: skip


def test_cli_counts_tell_the_truth_and_all_marks(kb: KnowledgeBase) -> None:
    if kb.engine.dialect.name != "sqlite":
        pytest.skip("the CLI is checked once, on SQLite")
    db = str(kb.engine.url.database)
    plain = runner.invoke(app, ["events", "--db", db])
    assert plain.exit_code == 0, plain.output
    assert "1 events shown; 3 more unconfirmed with --all" in plain.stderr
    assert "ASSAULT" not in plain.stdout
    every = runner.invoke(app, ["events", "--db", db, "--all"], env={"COLUMNS": "220"})
    assert "? SANCTION/boycott (hypothetical)" in every.stdout and "(negated)" in every.stdout
    assert "4 events shown, 3 of them unconfirmed" in every.stderr
    # a --limit lists fewer than match: the count is of the unconfirmed ones listed
    one = runner.invoke(app, ["events", "--db", db, "--all", "--limit", "1"], env={"COLUMNS": "220"})
    marked = one.stdout.count("? ")
    assert f"1 events shown, {marked} of them unconfirmed" in one.stderr or (
        marked == 0 and "1 events shown\n" in one.stderr
    )
    who = runner.invoke(app, ["who", "Odile Marsh", "--db", db])
    assert "a reporter" not in who.stdout and "held back" in who.stderr
    who_all = runner.invoke(app, ["who", "Odile Marsh", "--db", db, "--all"])
    assert "Unconfirmed" in who_all.stdout and "? described as a reporter" in who_all.stdout
    as_json = json.loads(runner.invoke(app, ["who", "Odile Marsh", "--db", db, "--json"]).stdout)
    assert as_json["unconfirmed"]["events"] == 2
