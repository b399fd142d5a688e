"""Pages in other languages are stored and searchable with their language and no facts; stats counts them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app

PAGES = {
    "en": (
        "Mara Quill, the mayor of Dravia, said on Tuesday that the city would close its river port. "
        '"We have no choice," Quill told reporters at the town hall.'
    ),
    "pt": (
        "O presidente da câmara de Dravia, Mário Quintela, disse na terça-feira que a cidade vai fechar "
        "o porto fluvial. Os comerciantes protestaram em frente à câmara municipal."
    ),
    "ja": "ドラビア市のマラ・クイル市長は火曜日、市が河川港を閉鎖すると述べた。商店主らは市役所前で抗議した。",
}


def _feed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": lang, "url": f"https://news.example/{lang}/port", "text": text} for lang, text in PAGES.items()
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")


def test_other_languages_stored_without_facts_and_counted(tmp_path: Path, db: str) -> None:
    kb = KnowledgeBase(db)
    summary = kb.ingest([str(_feed(tmp_path))])
    assert summary.stored == 3 and not summary.error_count
    stats = kb.stats()
    assert stats["languages"] == {"en": 1, "ja": 1, "pt": 1}
    # only the English page gave entities; the others are searchable all the same
    assert "Mário Quintela" not in {e["name"] for e in stats["top_entities"]}
    assert "Mara Quill" in {e["name"] for e in stats["top_entities"]}
    assert kb.search("Quintela")["articles"]
    kb.close()
    out = CliRunner().invoke(app, ["stats", "--db", db])
    assert out.exit_code == 0 and "languages: en 1, ja 1, pt 1" in out.stdout
