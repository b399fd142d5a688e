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


def _interfaces() -> list[str]:
    """Every interface module: the CLI's (cli*.py) and the web's (web/*.py)."""
    found = [p.name for p in SRC.glob("cli*.py")] + [f"web/{p.name}" for p in (SRC / "web").glob("*.py")]
    return sorted(found)


def test_the_interfaces_are_found() -> None:
    modules = _interfaces()
    assert {"cli.py", "cli_datasette.py", "cli_corpus.py", "web/routes_api.py", "web/routes_pages.py"} <= set(
        modules
    )


@pytest.mark.parametrize("module", _interfaces())
def test_no_interface_imports_the_store_resolve_or_sqlalchemy(module: str) -> None:
    for name in _imports(SRC / module):
        bare = name.lstrip(".")
        assert not bare.startswith(
            ("store", "resolve", "newsgraph.store", "newsgraph.resolve", "sqlalchemy")
        ), f"{module} imports {name}"


@pytest.mark.parametrize("module", _interfaces())
def test_no_interface_reaches_for_a_database_engine(module: str) -> None:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    reached = [
        node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "engine"
    ]
    assert reached == [], f"{module} touches .engine on lines {reached}"


def test_the_checks_catch_a_side_door(tmp_path: Path) -> None:
    side_door = tmp_path / "side.py"
    side_door.write_text("from ..store.schema import entities\nwith kb.engine.connect() as c:\n    pass\n")
    assert "..store.schema" in _imports(side_door)
    tree = ast.parse(side_door.read_text())
    assert any(isinstance(n, ast.Attribute) and n.attr == "engine" for n in ast.walk(tree))


def test_browsing_reads_are_library_methods_the_web_shows(fresh: KnowledgeBase) -> None:
    hits = fresh.autocomplete("harb")
    assert [(h["name"], h["alias"]) for h in hits] == [
        ("Harbour Workers Alliance", "Harbour Workers Alliance")
    ]
    assert fresh.autocomplete("   ") == [] and fresh.autocomplete("zzz") == []
    assert [h["name"] for h in fresh.autocomplete("reyes", limit=1)] == [
        fresh.autocomplete("reyes")[0]["name"]
    ]
    week = fresh.trending()
    assert (week["from"], week["to"]) == ("2026-03-13", "2026-03-19")
    counts = [e["mentions"] for e in week["entities"]]
    assert counts == sorted(counts, reverse=True) and "Harbour Workers Alliance" in {
        e["name"] for e in week["entities"]
    }
    assert fresh.trending(days=1)["from"] == "2026-03-19"
    places = fresh.places(include_unconfirmed=True)
    assert places and all(p["lat"] is not None and p["lon"] is not None for p in places)
    assert "Alder" in {p["place"] for p in places}
    client = TestClient(create_app(kb=fresh))
    assert client.get("/api/entities", params={"q": "harb"}).json() == hits
    assert client.get("/api/places", params={"all": "true"}).json() == {"places": places}
    assert client.get("/api/home").json()["trending"] == week


def test_datasette_goes_through_the_library(fresh: KnowledgeBase, tmp_path: Path) -> None:
    assert fresh.database_path() == tmp_path / "kb.db"
    meta = fresh.datasette_metadata(tmp_path / "meta.json")
    assert json.loads((tmp_path / "meta.json").read_text()) == meta and "kb" in meta["databases"]
    out = tmp_path / "cli-meta.json"
    cli = CliRunner().invoke(app, ["datasette", "--db", str(tmp_path / "kb.db"), "-m", str(out)])
    assert cli.exit_code == 0, cli.output
    assert json.loads(out.read_text())["databases"].keys() == meta["databases"].keys()
