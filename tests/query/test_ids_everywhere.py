"""An id everywhere a name goes: '#ID' in who, timeline, quotes, events and graph; ambiguity messages
suggest only what works (each suggestion is run here)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.query import AmbiguousName, NameNotFound

runner = CliRunner()


def _db(kb: KnowledgeBase) -> str:
    return kb.engine.url.render_as_string(hide_password=False)


def test_the_library_takes_hash_ids_wherever_it_takes_a_name(
    kb: KnowledgeBase, entity_id: Callable[[str], int]
) -> None:
    tomas, hwa = entity_id("Tomas Reyes"), entity_id("Harbour Workers Alliance")
    assert kb.who(f"#{tomas}")["name"] == "Tomas Reyes"
    assert kb.timeline(f"#{tomas}")["name"] == "Tomas Reyes"
    assert {q["speaker_name"] for q in kb.quotes(speaker=f"#{tomas}")} == {"Tomas Reyes"}
    assert kb.quotes(speaker=f"#{tomas}") == kb.quotes(speaker="Tomas Reyes")
    assert kb.events(actor=f"#{hwa}") == kb.events(actor="HWA")
    assert kb.graph(f"#{hwa}")["center"]["name"] == "Harbour Workers Alliance"
    with pytest.raises(NameNotFound, match="no entity with id #987654"):
        kb.events(recipient="#987654")
    with pytest.raises(LookupError, match="no entity with id #987654"):
        kb.who("#987654")


def test_the_ambiguity_message_names_ids_the_library_takes(kb: KnowledgeBase) -> None:
    with pytest.raises(AmbiguousName) as info:
        kb.quotes(speaker="Reyes")
    message = str(info.value)
    assert "several entities are named 'Reyes'" in message
    for c in info.value.candidates:
        assert f"#{c['id']} {c['name']} ({c['type']})" in message
    suggested = re.search(r"e\.g\. '(#\d+)'", message)
    assert suggested is not None
    assert kb.quotes(speaker=suggested.group(1))  # what it suggests works


@pytest.mark.parametrize(
    ("command", "speaker"),
    [
        (["timeline", "{ref}"], "Tomas Reyes"),
        (["graph", "{ref}", "--json"], "Tomas Reyes"),
        (["quotes", "--speaker", "{ref}", "--json"], "Tomas Reyes"),
        (["quotes", "--about", "{ref}", "--json"], "Meridian Shipping"),
        (["events", "--actor", "{ref}", "--json"], "Harbour Workers Alliance"),
        (["events", "--recipient", "{ref}", "--json"], "Meridian Shipping"),
        (["who", "{ref}", "--json"], "Tomas Reyes"),
    ],
)
def test_every_cli_command_takes_a_hash_id(
    kb: KnowledgeBase, entity_id: Callable[[str], int], command: list[str], speaker: str
) -> None:
    ref = f"#{entity_id(speaker)}"
    by_id = runner.invoke(app, [a.replace("{ref}", ref) for a in command] + ["--db", _db(kb)])
    by_name = runner.invoke(app, [a.replace("{ref}", speaker) for a in command] + ["--db", _db(kb)])
    assert by_id.exit_code == 0, by_id.stderr
    assert by_id.stdout.strip()  # it found something
    if "--json" in command and command[0] in ("quotes", "events"):
        assert by_id.stdout == by_name.stdout  # the same records as by the (unambiguous) name
    else:
        assert speaker in by_id.stdout


def _suggestion(stderr: str) -> list[str]:
    """The arguments an ambiguity message tells the user to give."""
    flat = " ".join(stderr.split())
    m = re.search(r"e\.g\. (--[a-z]+) '(#\d+)'", flat)
    if m:
        return [m.group(1), m.group(2)]
    m = re.search(r"e\.g\. '(#\d+)' in place of the name, or --id (\d+)", flat)
    assert m, stderr
    return [m.group(1), "--id", m.group(2)]


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["timeline", "Reyes"], None),
        (["graph", "Reyes"], None),
        (["quotes", "--speaker", "Reyes"], "--speaker"),
        (["quotes", "--about", "Reyes"], "--about"),
        (["events", "--actor", "Reyes"], "--actor"),
        (["events", "--recipient", "Reyes"], "--recipient"),
    ],
)
def test_an_ambiguous_name_suggests_what_works_on_that_command(
    kb: KnowledgeBase, command: list[str], option: str | None
) -> None:
    out = runner.invoke(app, [*command, "--db", _db(kb)])
    assert out.exit_code == 1
    assert "several entities are named 'Reyes'" in out.stderr
    assert "--id" not in out.stderr if option else "--id" in out.stderr  # quotes/events have no --id
    hint = _suggestion(out.stderr)
    if option is None:  # the name's place takes '#ID', and --id takes the bare number
        ref, _, number = hint
        by_ref = runner.invoke(app, [command[0], ref, "--db", _db(kb)])
        by_number = runner.invoke(app, [command[0], "--id", number, "--db", _db(kb)])
        assert by_ref.exit_code == by_number.exit_code == 0, by_ref.stderr + by_number.stderr
        assert by_ref.stdout == by_number.stdout
    else:
        assert hint[0] == option
        picked = command[:-1] + [hint[1]]
        again = runner.invoke(app, [*picked, "--db", _db(kb)])
        assert again.exit_code == 0, again.stderr


def test_who_suggests_what_works(kb: KnowledgeBase) -> None:
    out = runner.invoke(app, ["who", "Reyes", "--db", _db(kb)])
    assert out.exit_code == 0 and "Tomas Reyes" in out.stdout and "Ana Reyes" in out.stdout
    m = re.search(r"newsgraph who '(#\d+)' \(or --id (\d+)\)", " ".join(out.stderr.split()))
    assert m, out.stderr
    by_ref = runner.invoke(app, ["who", m.group(1), "--db", _db(kb), "--json"])
    by_id = runner.invoke(app, ["who", "--id", m.group(2), "--db", _db(kb), "--json"])
    assert by_ref.exit_code == by_id.exit_code == 0
    assert json.loads(by_ref.stdout)["id"] == json.loads(by_id.stdout)["id"] == int(m.group(2))


def test_an_unknown_id_is_a_clear_error(kb: KnowledgeBase) -> None:
    for command in (["who", "#987654"], ["timeline", "#987654"], ["quotes", "--speaker", "#987654"]):
        out = runner.invoke(app, [*command, "--db", _db(kb)])
        assert out.exit_code == 1
        assert "no entity with id #987654" in " ".join(out.stderr.split())


def test_corrections_suggest_a_quoted_id_that_works(kb: KnowledgeBase) -> None:
    out = runner.invoke(app, ["alias", "list", "Reyes", "--db", _db(kb)])
    assert out.exit_code == 2
    m = re.search(r"e\.g\. '(#\d+)'", " ".join(out.stderr.split()))  # quoted: a bare #12 is a shell comment
    assert m, out.stderr
    again = runner.invoke(app, ["alias", "list", m.group(1), "--db", _db(kb)])
    assert again.exit_code == 0 and "Reyes" in again.stdout
