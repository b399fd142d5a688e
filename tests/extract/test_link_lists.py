"""Link lists left in an HTML body (issue 12 part 6) are dropped before annotation."""

from __future__ import annotations

from newsgraph.extract import extract
from newsgraph.extract.link_lists import drop_link_lists
from newsgraph.model import Page

STORY = [
    "The council met on Tuesday to discuss the budget, which had been cut by a third since the spring election.",
    'Members voted by nine to four to keep the <a href="/library">central library</a> open on Sundays, the clerk said.',
    "The library will also extend its weekday hours from March, the council said in a statement.",
]
PLAIN = [p.replace('<a href="/library">', "").replace("</a>", "") for p in STORY]


def _page(middle: str, end: str = "") -> str:
    return (
        "<html><head><title>Council keeps library open</title></head><body><article>"
        "<h1>Council keeps library open</h1>"
        f"<p>{STORY[0]}</p><p>{STORY[1]}</p>{middle}<p>{STORY[2]}</p>{end}"
        "</article></body></html>"
    )


def _extract(html: str):  # noqa: ANN202
    return extract(Page(source="x.html", kind="html", data=html.encode()))


def test_related_list_of_linked_headlines_is_dropped() -> None:
    related = (
        "<div><p><a href='/a'>Okoro, Lind lead Canada past Chile</a></p>"
        "<p><a href='/b'>Storm closes ferry to Orlen Island</a></p>"
        "<p><a href='/c'>Harbour fees to rise next year</a></p></div>"
    )
    article = _extract(_page(related))
    assert article.text.split("\n\n") == PLAIN
    assert "Okoro, Lind lead Canada past Chile" in article.boilerplate


def test_read_more_and_related_lead_ins_are_dropped() -> None:
    middle = (
        "<p>Read more: <a href='/c'>Mayor Quill quits after budget row</a></p>"
        "<p>Related: <a href='/d'>Why the library matters to Dravia</a></p>"
    )
    assert _extract(_page(middle)).text.split("\n\n") == PLAIN


def test_links_heading_goes_with_its_links() -> None:
    end = "<h3>More stories</h3><p><a href='/e'>Dockers return to work in Valmora</a></p>"
    assert _extract(_page("", end)).text.split("\n\n") == PLAIN


def test_teaser_card_headline_is_dropped() -> None:
    card = "<div class='card'><a href='/f'>Harbour fees to rise next year</a><p>Port users will pay more.</p></div>"
    assert "Harbour fees to rise next year" not in _extract(_page(card)).text


def test_story_sentences_with_links_stay() -> None:
    # a whole sentence of the story that is one link (a source cited) is no teaser
    sentence = (
        "The mayor said the library had 40,000 visitors last year and would hire two more librarians, "
        "a figure the opposition disputed."
    )
    assert drop_link_lists(["Story sentence one is here.", sentence], {sentence}) == (
        ["Story sentence one is here.", sentence],
        [],
    )
    # a word that starts a links heading starts a sentence of the story too
    story = _extract(_page("<p>Popular support for the plan has grown since the spring.</p>"))
    assert "Popular support for the plan has grown since the spring." in story.text


def test_drop_link_lists_on_lines() -> None:
    lines = [
        "Story sentence one is here.",
        "Related stories",
        "Okoro wins",
        "Berg quits",
        "Last line of story.",
    ]
    kept, dropped = drop_link_lists(lines, {"Okoro wins", "Berg quits"})
    assert kept == ["Story sentence one is here.", "Last line of story."]
    assert dropped == ["Related stories", "Okoro wins", "Berg quits"]
    # a heading-like cue with no links after it is left alone
    assert drop_link_lists(["Related stories", "Story sentence one is here."], set())[1] == []


def test_hover_card_inside_a_sentence_is_dropped_and_the_name_stays() -> None:
    card = (
        '<p>Harbour Minister <span class="person"><a href="/people/vera-lind">Vera Lind</a>'
        '<span class="card"><img src="/lind.jpg"><a href="/people/vera-lind">Vera Anna Lind</a>'
        '<a href="/a">Lind backs ferry subsidy after storm</a> <a href="/b">Port strike ends in Orlen</a>'
        '<a class="more" href="/people/vera-lind">MORE</a></span></span> (Labour) said the fees '
        "would rise by a fifth next year.</p>"
    )
    article = _extract(_page(card))
    assert (
        "Harbour Minister Vera Lind (Labour) said the fees would rise by a fifth next year." in article.text
    )
    assert "Vera Anna Lind" not in article.text
    assert "Port strike ends in Orlen" not in article.text
    assert any("Lind backs ferry subsidy" in b for b in article.boilerplate)


def test_links_in_running_prose_stay() -> None:
    prose = (
        '<p>The <a href="/c">council</a>, the <a href="/u">union</a> and the '
        '<a href="/p">port authority</a> signed the deal on Friday.</p>'
    )
    article = _extract(_page(prose))
    assert "The council, the union and the port authority signed the deal on Friday." in article.text
