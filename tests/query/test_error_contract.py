"""One error contract: every method that takes a name raises NameNotFound / AmbiguousName (``who``
too), with suggestions and candidates as attributes, and each interface maps them in one place
while printing and answering what it always did."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.errors import AmbiguousName, NameNotFound, NoSuchId
from newsgraph.web.app import create_app


def _db(kb: KnowledgeBase) -> str:
    return kb.engine.url.render_as_string(hide_password=False)


def test_who_raises_typed_errors_carrying_candidates_and_suggestions(kb: KnowledgeBase) -> None:
    with pytest.raises(AmbiguousName) as ambiguous:
        kb.who("Reyes")
    assert {c["name"] for c in ambiguous.value.candidates} == {"Tomas Reyes", "Ana Reyes"}
    record = ambiguous.value.to_dict()
    assert record["query"] == "Reyes" and record["ambiguous"] is True
    assert record["candidates"] == ambiguous.value.candidates
    with pytest.raises(NameNotFound) as missing:
        kb.who("Tomas Reye")
    assert missing.value.suggestions == ["Tomas Reyes", "Reyes"]
    assert missing.value.what == "no entity named 'Tomas Reye'"
    with pytest.raises(NoSuchId) as no_id:
        kb.who(entity_id=987654)
    assert no_id.value.name == "#987654" and no_id.value.suggestions == []
    # the same types as the corpus queries raise, and still LookupErrors for older callers
    with pytest.raises(AmbiguousName):
        kb.timeline("Reyes")
    assert issubclass(NameNotFound, LookupError) and issubclass(AmbiguousName, LookupError)


def test_the_cli_who_prints_what_it_always_printed(kb: KnowledgeBase) -> None:
    runner, db = CliRunner(), _db(kb)
    missing = runner.invoke(app, ["who", "Tomas Reye", "--db", db, "--json"])
    assert missing.exit_code == 1
    assert json.loads(missing.stdout) == {
        "query": "Tomas Reye", "error": "not_found", "suggestions": ["Tomas Reyes", "Reyes"],
    }  # fmt: skip
    assert missing.stderr.strip() == "no entity named 'Tomas Reye'; did you mean: Tomas Reyes, Reyes?"
    nothing = runner.invoke(app, ["who", "Quentin Nobody", "--db", db])
    assert (nothing.exit_code, nothing.stderr.strip()) == (1, "no entity named 'Quentin Nobody'")
    by_id = runner.invoke(app, ["who", "--id", "987654", "--db", db, "--json"])
    assert by_id.exit_code == 1
    assert json.loads(by_id.stdout) == {"query": "", "error": "not_found", "suggestions": []}
    assert "no entity with id #987654" in by_id.stderr
    several = runner.invoke(app, ["who", "Reyes", "--db", db, "--json"])
    assert several.exit_code == 0  # who answers an ambiguous name with the candidates
    record = json.loads(several.stdout)
    assert record["ambiguous"] is True and len(record["candidates"]) == 2
    table = runner.invoke(app, ["who", "Reyes", "--db", db])
    assert table.exit_code == 0 and "'Reyes' could mean 2 entities" in table.stdout
    assert "pick one: newsgraph who '#" in table.stderr
    # a corpus command keeps its own wording: the code and the hint
    corpus = runner.invoke(app, ["timeline", "Quentin Nobody", "--db", db, "--json"])
    assert corpus.exit_code == 1
    assert corpus.stderr.strip() == "E041: no entity named 'Quentin Nobody'; try `newsgraph search`"


def test_the_rest_api_answers_what_it_always_answered(kb: KnowledgeBase) -> None:
    client = TestClient(create_app(kb=kb))
    several = client.get("/api/who", params={"name": "Reyes"})
    assert several.status_code == 200 and several.json()["ambiguous"] is True
    assert (
        several.json()["candidates"]
        == client.get("/api/quotes", params={"speaker": "Reyes"}).json()["candidates"]
    )
    conflict = client.get("/api/quotes", params={"speaker": "Reyes"})
    assert conflict.status_code == 409 and set(conflict.json()) == {"query", "ambiguous", "candidates"}
    missing = client.get("/api/who", params={"name": "Tomas Reye"})
    assert missing.status_code == 404
    assert missing.json() == {
        "query": "Tomas Reye", "error": "not_found", "detail": "no entity named 'Tomas Reye'",
        "suggestions": ["Tomas Reyes", "Reyes"],
    }  # fmt: skip
    coded = client.get("/api/quotes", params={"about": "Quentin Nobody"})
    assert coded.status_code == 404
    assert coded.json()["detail"] == "E041: no entity named 'Quentin Nobody'; try `newsgraph search`"
    by_id = client.get("/api/who", params={"name": "#987654"})
    assert by_id.status_code == 404 and by_id.json()["detail"].startswith("no entity with id #987654")
