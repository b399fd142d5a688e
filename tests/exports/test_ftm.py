"""`export --format ftm`: FollowTheMoney entities, validated against the FtM model and read by its tools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner as ClickRunner
from followthemoney import model  # the optional extra newsgraph[ftm]; the dev extra installs it
from typer.testing import CliRunner

from newsgraph.api import KnowledgeBase
from newsgraph.cli import app
from newsgraph.export_ftm import FtmMissing, entity_schema

runner = CliRunner()


def _export(kb: KnowledgeBase, path: Path, **options: object) -> list[dict]:
    counts: dict = {}
    n = kb.export(path, format="ftm", counts=counts, **options)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == sum(counts["written"].values())
    return records


def test_every_record_is_a_valid_ftm_entity_and_every_reference_resolves(
    research_kb: KnowledgeBase, tmp_path: Path
) -> None:
    records = _export(research_kb, tmp_path / "kb.ftm.json", include_unconfirmed=True)
    ids = {r["id"] for r in records}
    assert len(ids) == len(records)
    for r in records:
        schema = model.get(r["schema"])
        assert schema is not None and not schema.abstract, r
        assert set(r["properties"]) <= set(schema.properties), r
        assert schema.validate(r) is None  # raises InvalidData on a bad value or a missing required one
        proxy = model.get_proxy(r, cleaned=False)
        assert proxy.to_dict()["properties"] == r["properties"]  # cleaning changes nothing: already clean
        for prop, values in r["properties"].items():
            if schema.properties[prop].type.name == "entity":
                assert set(values) <= ids, (r["schema"], prop)


def test_articles_people_links_and_relations(research_kb: KnowledgeBase, tmp_path: Path) -> None:
    records = _export(research_kb, tmp_path / "kb.ftm.json", include_unconfirmed=True)
    by_schema: dict[str, list[dict]] = {}
    for r in records:
        by_schema.setdefault(r["schema"], []).append(r)
    names = {r["properties"]["name"][0]: r for r in records if r["schema"] in ("Person", "Organization",
             "PublicBody", "Company")}  # fmt: skip
    article = next(
        a
        for a in by_schema["Article"]
        if a["properties"]["title"] == ["Students march against fees in Nairobi"]
    )
    assert article["properties"]["bodyText"][0].startswith("Thousands of students demonstrated")
    assert names["Amina Odhiambo"]["schema"] == "Person"
    assert names["Ministry of Education"]["schema"] == "PublicBody"  # its name says so
    assert names["Kenya Students Union"]["schema"] == "Organization"  # nothing says more
    assert "HWA" in names["Harbour Workers Alliance"]["properties"]["alias"]
    # a Mention and a Documentation tie each named entity to each article that names it
    amina = names["Amina Odhiambo"]["id"]
    mention = next(m for m in by_schema["Mention"] if m["properties"]["resolved"] == [amina])
    assert mention["properties"]["document"] == [article["id"]] and mention["properties"]["name"] == [
        "Amina Odhiambo"
    ]
    assert any(d["properties"]["entity"] == [amina] for d in by_schema["Documentation"])
    # "a member of the Kenya Students Union": a Membership, its proof the article, its summary the sentence
    (member,) = [m for m in by_schema["Membership"] if m["properties"]["member"] == [amina]]
    assert member["properties"]["organization"] == [names["Kenya Students Union"]["id"]]
    assert member["properties"]["proof"] == [article["id"]]
    assert "a member of the Kenya Students Union" in member["properties"]["summary"][0]


def test_the_ftm_tools_read_the_export(research_kb: KnowledgeBase, tmp_path: Path) -> None:
    from followthemoney.cli.cli import cli

    path = tmp_path / "kb.ftm.json"
    records = _export(research_kb, path, include_unconfirmed=True)
    out = tmp_path / "validated.json"
    result = ClickRunner().invoke(cli, ["validate", "-i", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    again = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["schema"]) for r in again] == [(r["id"], r["schema"]) for r in records]


def test_default_leaves_unconfirmed_relations_out_and_cli_counts(
    research_kb: KnowledgeBase, tmp_path: Path
) -> None:
    from newsgraph import trust

    every = _export(research_kb, tmp_path / "all.json", include_unconfirmed=True)
    default = _export(research_kb, tmp_path / "default.json")
    links = ("Membership", "Employment", "Directorship", "Associate", "UnknownLink")
    all_links = [r for r in every if r["schema"] in links]
    kept = {r["id"] for r in default if r["schema"] in links}
    # the non-link records are the same; a link stays when trust confirms its statement
    assert [r for r in every if r["schema"] not in links] == [r for r in default if r["schema"] not in links]
    assert kept <= {r["id"] for r in all_links}
    assert all_links, "the examples and our page state relations"
    with research_kb.engine.connect() as conn:
        from sqlalchemy import select

        from newsgraph.store.schema import relations

        confidence = {
            r.id: r.confidence for r in conn.execute(select(relations.c.id, relations.c.confidence))
        }
    for r in all_links:
        rid = int(r["properties"]["recordId"][0])
        assert (r["id"] in kept) == trust.shown("relation", confidence[rid]), r
    db = str(research_kb.engine.url.database)
    result = runner.invoke(app, ["export", "--db", db, "--format", "ftm", "--out", str(tmp_path / "c.json")])
    assert result.exit_code == 0, result.output
    assert "FtM entities written" in result.stderr and "no FtM schema for their type" in result.stderr


def test_organisation_schemata_come_from_the_name_only() -> None:
    assert entity_schema("ORG", "Ministry of Finance") == "PublicBody"
    assert entity_schema("ORG", "Nairobi City Council") == "PublicBody"
    assert entity_schema("ORG", "Acme Holdings Ltd") == "Company"
    assert entity_schema("ORG", "Safari Freight") == "Organization"
    assert entity_schema("ORG", "Councilor Books") == "Organization"  # a whole word, not a prefix
    assert entity_schema("ORG", "Atlantic Council") == "Organization"  # a think tank
    assert entity_schema("ORG", "Orange County Register") == "Organization"  # a newspaper
    assert entity_schema("PERSON", "Grace Wanjiru") == "Person"
    assert entity_schema("GPE", "Nairobi") is None


def test_without_the_library_the_error_says_what_to_install(
    research_kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "followthemoney", None)  # as if not installed
    with pytest.raises(FtmMissing, match=r"pip install 'newsgraph\[ftm\]'"):
        research_kb.export(tmp_path / "x.json", format="ftm")
