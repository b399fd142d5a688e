"""Gold checks on the two bundled example pages (examples/gold.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.extract import extract
from newsgraph.model import Caption, Page

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLD = {d["file"]: d for d in json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["documents"]}


def _article(name: str):
    kind = "html" if name.endswith(".html") else "text"
    return extract(Page(source=name, kind=kind, data=(EXAMPLES / name).read_bytes()))


@pytest.mark.parametrize("name", sorted(GOLD))
def test_metadata_matches_gold(name: str) -> None:
    gold, article = GOLD[name], _article(name)
    assert article.title == gold["title"]
    assert article.site == gold["site"]
    assert article.section == gold["section"]
    assert article.published == gold["published"]
    assert article.published_source == "page"
    if "author" in gold:
        assert article.authors == [gold["author"]]
    assert article.language == "en"


@pytest.mark.parametrize("name", sorted(GOLD))
def test_body_first_and_last_sentence(name: str) -> None:
    gold, article = GOLD[name], _article(name)
    assert article.text.startswith(gold["body_first_sentence"])
    assert article.text.endswith(gold["body_last_sentence"])


@pytest.mark.parametrize("name", sorted(GOLD))
def test_captions_with_credits_kept_apart(name: str) -> None:
    gold, article = GOLD[name], _article(name)
    assert article.captions == [Caption(**c) for c in gold["captions"]]
    for caption in article.captions:
        assert caption.text not in article.text
        assert caption.credit not in article.text


@pytest.mark.parametrize("name", sorted(GOLD))
def test_no_gold_boilerplate_in_text(name: str) -> None:
    gold, article = GOLD[name], _article(name)
    for line in gold["boilerplate"]:
        assert line not in article.text
        assert any(line in dropped for dropped in article.boilerplate), line


@pytest.mark.parametrize("name", sorted(GOLD))
def test_paragraph_offsets_cover_text(name: str) -> None:
    article = _article(name)
    assert article.paragraphs, "no paragraphs"
    assert article.id == Page(source=name, kind="text", data=(EXAMPLES / name).read_bytes()).page_id
    pieces = [article.text[s:e] for s, e in article.paragraphs]
    assert "\n\n".join(pieces) == article.text
    for piece in pieces:
        assert piece and piece == piece.strip() and "\n" not in piece
