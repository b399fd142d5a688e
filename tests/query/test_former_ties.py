"""A tie the text says is over ("the former chairman of Orbis Bank") is stored with ``former`` and
shown as such in every view: the dossier (JSON, CLI, web), the graph, the relations export and
FtM. A page we wrote, ingested through the pipeline, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.web import create_app

runner = CliRunner()

PAGE = """Orbis Bank names a new chairman

Ravi Menon, the former chairman of Orbis Bank, said on Monday that the loan to the port was sound.

Menon left the bank in March. Orbis Bank chairman Ilse Varga said the board would review the loan.
"""


def _ingested(folder: Path, db: str) -> KnowledgeBase:
    page = folder / "menon.txt"
    page.write_text(PAGE)
    base = KnowledgeBase(db)
    assert base.ingest([str(page)]).stored == 1
    return base


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    folder = tmp_path_factory.mktemp("ties")
    db = str(folder / "kb.db") if request.param == "sqlite" else request.getfixturevalue("pg_module_url")
    base = _ingested(folder, db)
    yield base
    base.close()


def _ties(d: dict) -> set[tuple[str, str, str, bool]]:  # type: ignore[type-arg]
    return {
        (r["subject"]["name"], rel, r["object"]["name"], r["former"])
        for rel, items in d["relations"].items()
        for r in items
    }


def test_the_dossier_shows_a_former_tie_as_former(kb: KnowledgeBase) -> None:
    menon = kb.who("Ravi Menon")
    assert _ties(menon) == {("Ravi Menon", "leader_of", "Orbis Bank", True)}
    (line,) = menon["relations"]["leader_of"]
    assert line["confirmed"] and "former chairman" in line["sentence"]
    bank = kb.who("Orbis Bank")  # the same tie seen from the bank, beside its current chairman
    assert _ties(bank) == {
        ("Ravi Menon", "leader_of", "Orbis Bank", True),
        ("Ilse Varga", "leader_of", "Orbis Bank", False),
    }


def test_graph_and_exports_carry_the_marker(kb: KnowledgeBase, tmp_path: Path) -> None:
    statements = {
        (s["relation"], s["former"]) for e in kb.graph("Ravi Menon")["edges"] for s in e["relations"]
    }
    assert statements == {("leader_of", True)}
    out = tmp_path / "relations.csv"
    kb.export(str(out), format="csv", table="relations")
    rows = list(csv.DictReader(out.open()))
    assert {(r["subject_name"], r["former"]) for r in rows} == {
        ("Ravi Menon", "True"),
        ("Ilse Varga", "False"),
    }
    pytest.importorskip("followthemoney")
    ftm = tmp_path / "kb.ftm.json"
    kb.export(str(ftm), format="ftm")
    links = [json.loads(line) for line in ftm.read_text().splitlines()]
    status = [r["properties"].get("status") for r in links if r["schema"] == "Directorship"]
    assert len(status) == 2 and status.count(["former"]) == 1 and status.count(None) == 1


def test_cli_and_web_say_former(tmp_path: Path) -> None:
    """The CLI and the web page, on a SQLite knowledge base of their own."""
    db = str(tmp_path / "kb.db")
    kb = _ingested(tmp_path, db)
    who = runner.invoke(app, ["who", "Ravi Menon", "--db", db], env={"COLUMNS": "200"})
    assert who.exit_code == 0, who.output
    assert "Ravi Menon former leader_of Orbis Bank" in who.stdout
    graph = runner.invoke(app, ["graph", "Ravi Menon", "--db", db], env={"COLUMNS": "200"})
    assert "Ravi Menon — Orbis Bank" in graph.stdout and "former: leader_of" in graph.stdout
    varga = runner.invoke(app, ["who", "Ilse Varga", "--db", db], env={"COLUMNS": "200"})
    assert "Ilse Varga leader_of Orbis Bank" in varga.stdout and "former leader_of" not in varga.stdout
    web = create_app(db)
    with TestClient(web, base_url="http://127.0.0.1:8000") as client:
        menon = kb.who("Ravi Menon")
        page = client.get(f"/entities/{menon['id']}")
        assert page.status_code == 200
        ties = page.text.split("<h2>Ties</h2>", 1)[1].split("</section>", 1)[0]
        assert '<span class="tag">former</span>' in ties
    web.state.kb.close()
    kb.close()
