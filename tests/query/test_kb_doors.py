"""The library is the door: failures, corrections, articles and health are KnowledgeBase methods,
and the CLI commands and REST routes that used to open engines or run SQL go through them."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsgraph
from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.errors import NewsgraphError
from newsgraph.web.app import create_app

from .conftest import write_corpus

SRC = Path(newsgraph.__file__).resolve().parent


@pytest.fixture
def fresh(tmp_path: Path) -> KnowledgeBase:
    """The query corpus in a knowledge base of its own (corrections change it)."""
    kb = KnowledgeBase(tmp_path / "kb.db")
    write_corpus(kb)
    yield kb
    kb.close()


def _db(kb: KnowledgeBase) -> str:
    return kb.engine.url.render_as_string(hide_password=False)


def test_failed_pages_come_from_the_library_and_the_cli_prints_them(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("   \n")
    db = tmp_path / "kb.db"
    with KnowledgeBase(db) as kb:
        summary = kb.ingest([str(tmp_path / "blank.txt")])
        assert summary.errors == {"empty": 1}
        failures = kb.errors()
        assert [(f["source"], f["reason"], f["code"]) for f in failures] == [
            (str(tmp_path / "blank.txt"), "empty", "E010")
        ]
        assert set(failures[0]) == {"source", "reason", "code", "message", "at"}
        assert kb.errors(limit=0) == []
    runner = CliRunner()
    as_json = runner.invoke(app, ["errors", "--db", str(db), "--json"])
    assert as_json.exit_code == 0
    assert [json.loads(line) for line in as_json.stdout.splitlines()] == failures
    as_text = runner.invoke(app, ["errors", "--db", str(db)])
    assert "empty" in as_text.stderr and "blank.txt" in as_text.stderr


def test_corrections_are_library_methods_the_cli_calls(fresh: KnowledgeBase) -> None:
    added = fresh.add_alias("HWA", "the dockers' union")
    assert added["alias"] == "the dockers' union" and added["name"] == "Harbour Workers Alliance"
    names = {a["alias"]: a["origin"] for a in fresh.aliases("the dockers' union")["aliases"]}
    assert names["the dockers' union"] == "user"
    assert fresh.remove_alias("HWA", "the dockers' union")["removed"] == "the dockers' union"
    with pytest.raises(NewsgraphError):
        fresh.merge("HWA", "Harbour Workers Alliance")  # one entity already
    merged = fresh.merge("Elena Varga", "Ingrid Holm")
    assert merged["merged"]["name"] == "Ingrid Holm"
    assert "Ingrid Holm" not in {c["name"] for c in fresh.find("Holm")}
    with pytest.raises(ValueError):
        fresh.split("Elena Varga", articles=["a1"], alias="Holm")
    split = fresh.split("Elena Varga", alias="Ingrid Holm", name="Ingrid Holm")
    assert split["name"] == "Ingrid Holm"
    cli = CliRunner().invoke(app, ["alias", "list", "Ingrid Holm", "--db", _db(fresh), "--json"])
    assert cli.exit_code == 0 and json.loads(cli.stdout)["name"] == "Ingrid Holm"


def test_article_and_health_are_library_methods_the_api_answers_with(fresh: KnowledgeBase) -> None:
    record = fresh.article("a1")
    assert record is not None and record["id"] == "a1"
    linked = {e["name"]: e["kb"]["name"] for e in record["entities"] if e.get("kb")}
    assert linked["Tomas Reyes"] == "Tomas Reyes"
    assert fresh.article("no-such-article") is None
    assert fresh.health() == {"status": "ok", "articles": 5}  # four articles and a reprint
    assert fresh.has_entity(fresh.find("Tomas Reyes")[0]["id"]) and not fresh.has_entity(987654)
    client = TestClient(create_app(kb=fresh))
    assert client.get("/api/health").json() == fresh.health()
    assert client.get("/api/articles/a1").json()["id"] == "a1"
    assert client.get("/api/articles/nope").status_code == 404


def _imports(path: Path) -> set[str]:
    """Every module a file imports (relative imports as written, dots and all)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


@pytest.mark.parametrize(
    "module", ["cli.py", "cli_corrections.py", "cli_corpus.py", "cli_common.py", "web/routes_api.py"]
)
def test_these_interfaces_import_neither_the_store_nor_resolve_nor_sqlalchemy(module: str) -> None:
    for name in _imports(SRC / module):
        bare = name.lstrip(".")
        assert not bare.startswith(
            ("store", "resolve", "newsgraph.store", "newsgraph.resolve", "sqlalchemy")
        ), f"{module} imports {name}"
