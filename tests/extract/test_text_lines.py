"""The scraped-text classifier on a synthetic page built from generic page furniture."""

from __future__ import annotations

import pytest

from newsgraph.extract import extract
from newsgraph.extract.html import split_credit
from newsgraph.extract.text import classify_lines
from newsgraph.model import Caption, Page

PROSE = (
    "The council voted on Tuesday to close the old bridge to lorries after engineers found cracks "
    "in two of its supports, the mayor said in a statement."
)
PAGE = f"""Bridge closed to lorries after cracks found - Riverside Post
Home > News > Local
Bridge closed to lorries after cracks found
Bridge closed to lorries after cracks found
By Jane Doe and Sam Lee
Updated 3 April 2025
Posted 2 April 2025
The old bridge at dusk
The old bridge over the river, seen from the east bank. Photo: Jane Doe/Riverside Post
{PROSE}
{PROSE.replace("council", "committee")}
The crossing carried twelve thousand vehicles a day
and will reopen to cars once temporary props are in place next month.
Share this:
Click to share on Facebook
Related Posts
Another story here
"""


def test_synthetic_page_roles_and_metadata() -> None:
    article = extract(Page(source="x", kind="text", data=PAGE))
    assert article.title == "Bridge closed to lorries after cracks found"
    assert article.site == "Riverside Post"
    assert article.section == ["News", "Local"]
    assert article.authors == ["Jane Doe", "Sam Lee"]
    assert article.published == "2025-04-02"  # "Posted" outranks "Updated"
    assert article.captions == [
        Caption("The old bridge over the river, seen from the east bank.", "Jane Doe/Riverside Post")
    ]
    paragraphs = [article.text[s:e] for s, e in article.paragraphs]
    assert paragraphs[0] == PROSE
    # A hard-wrapped paragraph is joined back into one.
    assert paragraphs[-1].startswith("The crossing carried") and paragraphs[-1].endswith("next month.")
    assert len(paragraphs) == 3
    for chrome in ("Share this:", "Related Posts", "Another story here", "The old bridge at dusk"):
        assert chrome not in article.text
        assert chrome in article.boilerplate


def test_glued_breadcrumb_gives_site_and_sections() -> None:
    page = f"Sponsor line here\nDailyRiver.co.ukWorldEurope\nA headline about the bridge\n{PROSE}\n{PROSE}\n"
    article = extract(Page(source="x", kind="text", data=page))
    assert (article.site, article.section) == ("DailyRiver.co.uk", ["World", "Europe"])
    assert article.title == "A headline about the bridge"


def test_cue_words_in_long_prose_do_not_make_it_boilerplate() -> None:
    line = (
        "The regulator said the company had used cookies to track readers who tried to subscribe, "
        "and that it would publish its findings on the loyalty scheme next month after hearing "
        "from the firm and from consumer groups."
    )
    (features,) = classify_lines(line)
    assert features.role == "body"
    (short,) = classify_lines("Subscribe to our newsletter")
    assert short.role == "footer"


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Cranes at the port. Credit: Jo Bloggs, CC BY 4.0", "Cranes at the port.", "Jo Bloggs, CC BY 4.0"),
        (
            "Galaxies merging in the model (Image: © TNG Collaboration)",
            "Galaxies merging in the model",
            "TNG Collaboration",
        ),
        (
            "Fans outside the stadium. Photograph: Ann Lee/Agency",
            "Fans outside the stadium.",
            "Ann Lee/Agency",
        ),
        ("A caption with no credit at all.", "A caption with no credit at all.", None),
    ],
)
def test_split_credit(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)
