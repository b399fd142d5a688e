"""Every line one click from its sentence: fact links carry an anchor, the article page highlights that sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app
from newsgraph.web.highlight import Mark, Sentence, fact_anchor, fact_anchors, highlight, sentences

from .conftest import LiveServer, shot, watched_page

TARGETED = ".sent:target, .sent:has(> .fact-anchor:target)"

TEXT = "Ana Ruiz spoke first. She said the ferry was late. Nobody answered."
SPANS = [[0, 21], [22, 50], [51, 67]]


def test_sentences_group_segments_and_place_each_anchor_in_its_sentence() -> None:
    # a mark that runs over a sentence boundary is cut there, each half in its own sentence
    marks = [Mark("ent", "Ana Ruiz (PERSON)", "ent-e1", 0, 8), Mark("quote", "q", "quote-0", 15, 40)]
    cuts = [o for s in SPANS for o in s]
    paras = sentences(highlight(TEXT, [[0, 67]], marks, cuts), SPANS, {"q15": 15, "e22": 22, "d60": 60})
    [items] = paras
    groups = [i for i in items if isinstance(i, Sentence)]
    assert [g.id for g in groups] == ["s0", "s22", "s51"]
    assert ["".join(s.text for s in g.segments) for g in groups] == [
        "Ana Ruiz spoke first.", "She said the ferry was late.", "Nobody answered."
    ]  # fmt: skip
    assert [g.anchors for g in groups] == [["q15"], ["e22"], ["d60"]]
    # the quote's two halves each carry the quote mark
    quoted = [s for g in groups for s in g.segments if any(m.kind == "quote" for m in s.marks)]
    assert [s.text for s in quoted] == ["first.", "She said the ferry"]
    # the spaces between sentences stay outside them, so the page text reads the same
    assert (
        "".join(i.text if not isinstance(i, Sentence) else "".join(s.text for s in i.segments) for i in items)
        == TEXT
    )


def test_a_sentence_split_over_two_paragraphs_has_one_id() -> None:
    text = "One long sentence\n\nthat goes on. Next."
    paras = sentences(
        highlight(text, [[0, 17], [19, 38]], [], [0, 32, 33, 38]), [[0, 32], [33, 38]], {"q5": 5}
    )
    firsts = [i for p in paras for i in p if isinstance(i, Sentence) and i.first]
    assert [(s.id, s.anchors) for s in firsts] == [("s0", ["q5"]), ("s33", [])]
    assert sum(isinstance(i, Sentence) for p in paras for i in p) == 3


def test_anchors_are_made_from_fact_offsets() -> None:
    record = {
        "quotes": [{"start": 14}],
        "events": [{"start": 22}, {"start": 22}],
        "relations": [{"start": 0}],
    }
    assert fact_anchors(record) == {"q14": 14, "e22": 22, "r0": 0}
    assert fact_anchor({"start": 22}, "mention") == "s22"
    assert fact_anchor({"start": None}, "quote") is None
    assert fact_anchor({"start": 3}, "unknown") is None


@pytest.fixture(scope="module")
def app(examples_db: Path) -> Iterator[object]:
    app = create_app(examples_db)
    yield app
    app.state.kb.close()


def test_every_fact_link_names_an_anchor_the_article_page_has(app: object) -> None:
    with TestClient(app) as c:
        pages = ["/quotes", "/quotes?all=true", "/events?all=true"]
        hwa = c.get("/api/who", params={"name": "HWA"}).json()["id"]
        pages += [f"/entities/{hwa}", f"/entities/{hwa}?all=true"]
        checked = 0
        for url in pages:
            links = set(re.findall(r'href="(/articles/[^"#]+)#([a-z]\d+)"', c.get(url).text))
            assert links, url
            for article, anchor in links:
                body = c.get(article).text
                assert f'id="{anchor}"' in body, (url, article, anchor)
                checked += 1
        assert checked >= 10


@pytest.fixture(scope="module")
def server(app: object) -> Iterator[LiveServer]:
    with LiveServer(app) as live:
        yield live


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    with watched_page(browser, viewport={"width": 1280, "height": 700}) as page:
        yield page


def targeted(page: object) -> list[dict]:
    return page.evaluate(  # type: ignore[attr-defined]
        f"""[...document.querySelectorAll({TARGETED!r})].map(el => {{
            const box = el.getBoundingClientRect();
            return {{text: el.innerText, background: getComputedStyle(el).backgroundColor,
                     top: box.top, bottom: box.bottom}};
        }})"""
    )


def test_a_quote_link_opens_the_article_at_that_quote_highlighted(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/quotes?speaker=Tomas%20Reyes")
    item = page.locator("#quote-list li.quote", has_text="old rope").first
    words = item.locator("blockquote").inner_text().strip("“”")
    assert "thrown away like old rope" in words
    item.locator("a.src").click()
    page.wait_for_url(re.compile(r".*/articles/[^#]+#q\d+$"))
    [sentence] = targeted(page)  # exactly one sentence is marked: the one that holds the quote
    assert words in sentence["text"].replace("\n", " ")
    assert "Tomas Reyes" in sentence["text"]
    assert sentence["background"] == "rgb(255, 243, 176)"
    assert 0 <= sentence["top"] and sentence["bottom"] <= 700  # scrolled into view
    shot(page, "anchor-quote")


def test_an_event_line_of_the_dossier_lands_on_its_sentence(server: LiveServer, page: object) -> None:
    page.goto(server.url + "/who?name=HWA")
    page.wait_for_url("**/entities/*")
    page.goto(page.url + "?all=true")
    row = page.locator("#dossier-events tbody tr").first
    sentence = row.locator("q.sentence").inner_text()  # shown in the row, no hovering
    link = row.locator("a.src")
    assert re.search(r"#e\d+$", link.get_attribute("href"))
    link.click()
    page.wait_for_url(re.compile(r".*/articles/.*#e\d+$"))
    [marked] = targeted(page)
    assert " ".join(marked["text"].split()) == " ".join(sentence.split())
