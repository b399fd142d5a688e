"""From the example pages to a dossier, through the real CLI and a real SQLite knowledge base."""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

runner = CliRunner()


def norm(s: str | None) -> str:
    s = (s or "").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("kb") / "kb.db"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def who(db: Path, *args: str) -> dict:
    result = runner.invoke(app, ["who", *args, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def annotated() -> dict[str, dict]:
    cmd = [
        sys.executable,
        "-m",
        "newsgraph.cli",
        "annotate",
        str(EXAMPLES / "alder-strike.txt"),
        str(EXAMPLES / "alder-deal.html"),
        "--jsonl",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 2, "annotate --jsonl prints one JSON line per article on stdout, nothing else"
    return {Path(r["source"]).name: r for r in records}


CONTRACT = [
    "id",
    "url",
    "source",
    "title",
    "published",
    "authors",
    "site",
    "section",
    "text",
    "captions",
    "boilerplate",
    "entities",
    "timexes",
    "quotes",
    "descriptions",
    "relations",
    "events",
    "coref",
]


def test_annotate_records_follow_the_contract(annotated: dict[str, dict]) -> None:
    for record in annotated.values():
        assert [f for f in CONTRACT if f not in record] == []
        text = record["text"]
        for entity in record["entities"]:
            for start, end in entity["mentions"]:
                assert 0 <= start < end <= len(text)
        for fact in record["timexes"] + record["quotes"]:
            assert text[fact["start"] : fact["end"]] == fact["text"]


def test_examples_give_gold_title_body_and_captions(annotated: dict[str, dict], gold: dict) -> None:
    for doc in gold["documents"]:
        record = annotated[doc["file"]]
        assert norm(record["title"]) == norm(doc["title"])
        assert record["published"] == doc["published"]
        text = norm(record["text"])
        assert text.startswith(norm(doc["body_first_sentence"]))
        assert text.endswith(norm(doc["body_last_sentence"]))
        assert [b for b in doc["boilerplate"] if norm(b) in text] == []
        got = {(norm(c["text"]), norm(c["credit"])) for c in record["captions"]}
        assert got == {(norm(c["text"]), norm(c["credit"])) for c in doc["captions"]}


def test_every_gold_direct_quote_has_its_speaker(annotated: dict[str, dict], gold: dict) -> None:
    for q in (q for q in gold["quotes"] if q["kind"] == "direct"):
        record = annotated[q["file"]]
        names = {e["id"]: e["name"] for e in record["entities"]}
        found = [x for x in record["quotes"] if norm(q["text"])[:40] in norm(x["text"])]
        assert found, f"quote not found: {q['text']}"
        assert names.get(found[0]["speaker"]) == q["speaker"]
        assert found[0]["date"] == q.get("date")


def test_gold_time_expressions_mostly_right(annotated: dict[str, dict], gold: dict) -> None:
    right = 0
    for t in gold["timexes"]:
        got = {(norm(x["text"]), x["value"]) for x in annotated[t["file"]]["timexes"]}
        g = norm(t["text"])
        right += any((g in text or text in g) and value == t["value"] for text, value in got if text)
    assert right / len(gold["timexes"]) >= 0.9


def test_who_by_acronym_and_by_name_is_the_same_dossier(kb: Path) -> None:
    by_acronym, by_name = who(kb, "HWA"), who(kb, "harbour workers alliance")
    assert by_acronym["ambiguous"] is False
    assert by_acronym["name"] == "Harbour Workers Alliance" and by_acronym["type"] == "ORG"
    assert {k: v for k, v in by_acronym.items() if k != "query"} == {
        k: v for k, v in by_name.items() if k != "query"
    }
    assert "HWA" in by_acronym["aliases"]
    assert {s["source"].rsplit("/", 1)[-1] for s in by_acronym["sources"]} == {
        "alder-strike.txt",
        "alder-deal.html",
    }


def test_reyes_quotes_are_dated(kb: Path) -> None:
    dossier = who(kb, "Tomas Reyes")
    dates = sorted(q["date"] for q in dossier["quotes_by"] if q["kind"] == "direct")
    assert dates == ["2026-03-10", "2026-03-18"]
    for q in dossier["quotes_by"]:
        assert q["text"] in q["sentence"] and q["article"]["title"]
    assert "Harbour Workers Alliance" in {r["name"] for r in dossier["related"]}
    dated = [t["date"] for t in dossier["timeline"]]
    assert dated == sorted(dated) and "2026-03-10" in dated


def test_who_unknown_name_suggests(kb: Path) -> None:
    result = runner.invoke(app, ["who", "Tomas Reyse", "--db", str(kb), "--json"])
    assert result.exit_code == 1
    assert "Tomas Reyes" in json.loads(result.stdout)["suggestions"]


def test_reingest_changes_nothing(kb: Path) -> None:
    before = who(kb, "HWA")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(kb), "--json"])
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary["stored"] == 0 and summary["duplicates"] == 2
    assert who(kb, "HWA") == before


def _truncated_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    html = (EXAMPLES / "alder-deal.html").read_bytes()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://example.org/deal", "response", payload=io.BytesIO(html), http_headers=headers
    )
    writer.write_record(record)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) // 2])


def test_bad_pages_get_clear_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "empty.html").write_bytes(b"")
    (pages / "binary.html").write_bytes(bytes(range(256)) * 64)
    (pages / "latin.txt").write_bytes(b"\xff\xfe\x00\xd8 not utf-8 \xc3\x28 \xa0\xa1" * 40)
    with open(pages / "huge.html", "wb") as f:
        f.write(b"<html><body>" + b"<p>word </p>" * (50 * 1024 * 1024 // 12) + b"</body></html>")
    _truncated_warc(pages / "crawl.warc.gz")
    (pages / "good.txt").write_bytes((EXAMPLES / "alder-strike.txt").read_bytes())
    db = tmp_path / "kb.db"
    result = runner.invoke(app, ["ingest", str(pages), "--db", str(db), "--json"])
    assert result.exit_code == 1, "a run with failed pages says so in its exit code"
    summary = json.loads(result.stdout.splitlines()[0])
    assert summary["stored"] == 1
    reasons = {Path(f["source"].split("#")[0]).name: f["reason"] for f in summary["failures"]}
    assert reasons["empty.html"] == "empty"
    assert reasons["binary.html"] == "binary"
    assert reasons["latin.txt"] in {"encoding", "binary"}
    assert reasons["huge.html"] == "too_large"
    assert reasons["crawl.warc.gz"] == "truncated"
    listed = runner.invoke(app, ["errors", "--db", str(db), "--json"])
    assert {json.loads(line)["reason"] for line in listed.stdout.splitlines()} >= {
        "empty",
        "too_large",
        "truncated",
    }
    assert who(db, "HWA")["name"] == "Harbour Workers Alliance"


def test_gzipped_html_and_stdin(tmp_path: Path) -> None:
    gz = tmp_path / "deal.html.gz"
    gz.write_bytes(gzip.compress((EXAMPLES / "alder-deal.html").read_bytes()))
    result = runner.invoke(app, ["extract", str(gz), "--jsonl"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Alder dock strike ends after deal on automated cranes"
    result = runner.invoke(
        app,
        ["extract", "-", "--jsonl", "--published", "2026-03-12"],
        input=(EXAMPLES / "alder-strike.txt").read_text(),
    )
    assert json.loads(result.stdout)["published"] == "2026-03-12"
