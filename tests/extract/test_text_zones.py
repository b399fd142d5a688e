"""The scraped-text classifier on page zones: widgets inside the story, where it ends, what is no prose.

Every page here is synthetic, written for these tests from generic page furniture.
"""

from __future__ import annotations

from newsgraph.extract import extract
from newsgraph.extract.text import classify_lines
from newsgraph.model import Page

P1 = (
    "The county council approved a new budget for the coastal railway on Tuesday, setting aside money "
    "for two extra trains an hour and a rebuilt platform at the harbour station."
)
P2 = (
    "Councillors said the plan had been delayed for three years by a dispute over who would pay for "
    "the signals, which the rail operator had argued were the county's responsibility."
)
P3 = (
    "Work on the platform is due to start in the spring, and the operator said it expected the first "
    "of the extra trains to run before the end of next summer if the signals are finished on time."
)
P4 = (
    "Residents of the villages along the line welcomed the decision but asked for the last train of "
    "the evening to run later, saying that shift workers at the port had no other way home."
)


def _body(page: str) -> str:
    return extract(Page(source="x", kind="text", data=page)).text


def _paragraphs(page: str) -> list[str]:
    article = extract(Page(source="x", kind="text", data=page))
    return [article.text[s:e] for s, e in article.paragraphs]


def test_ad_slots_and_an_inline_link_do_not_cut_the_story() -> None:
    page = f"""Railway budget approved - Coast Courier
Railway budget approved
{P1}
Advertisement
{P2}
An Older Story About the Harbour Station Roof
Read more
Advertisement
{P3}
Advertisement
{P4}
Share this article
Related stories
"""
    body = _body(page)
    for para in (P1, P2, P3, P4):
        assert para in body
    assert "Advertisement" not in body
    assert "Read more" not in body


def test_the_story_goes_on_past_a_sign_up_box() -> None:
    page = f"""Railway budget approved
{P1}
{P2}
Share this article
Newsletter
Get the Coast Courier in your inbox every morning
Subscribe now
{P3}
{P4}
Share this article
Most read
"""
    assert _paragraphs(page) == [P1, P2, P3, P4]


def test_a_comment_thread_is_not_the_story() -> None:
    reply = (
        "I have taken this train every day for twenty years and I will believe the extra services "
        "when I see them running, not before then."
    )
    page = f"""Railway budget approved
{P1}
{P2}
{P3}
12 Comments
harbourfan says:
March 3, 2025 at 9:14 am
{reply}
{reply.replace("twenty", "thirty")}
"""
    body = _body(page)
    assert P3 in body
    assert "twenty years" not in body and "thirty years" not in body


def test_dated_teaser_cards_after_the_story_are_left_out() -> None:
    summary = (
        "The harbour authority has published its plans for the old fish market, which it wants to turn "
        "into a covered hall for a weekend food fair and an artists' studio."
    )
    cards = "".join(
        f"A Headline About Another Story Number {n}\nJane Roe\nMarch {n}, 2025\n{summary}\n"
        for n in (4, 5, 6)
    )
    page = f"Railway budget approved\n{P1}\n{P2}\n{P3}\nOpinion\nTransport\n{cards}"
    body = _body(page)
    assert body.endswith(P3)
    assert "fish market" not in body


def test_captions_credits_and_links_stay_out_and_embedded_posts_stay_in() -> None:
    post = "The new timetable is a good start but we need later trains for the night shift at the port."
    page = f"""Railway budget approved
{P1}
Council leader Ann Marsh, left, and rail manager Tom Hale, right, at the harbour station on Tuesday.
Tom Hale | Getty Images
{P2}
https://www.example.com/news/railway-budget-approved-1234567
In this March 1, 2024, file photo, a train waits at the harbour station before the evening service.
{post}
— Harbour Workers (@harbourworkers) March 4, 2025
{P3}
Related: Harbour Station Roof Repairs Will Take Until The End Of The Year, Engineers Say
{P4}
"""
    body = _body(page)
    for para in (P1, P2, post, "— Harbour Workers (@harbourworkers) March 4, 2025", P3, P4):
        assert para in body
    for chrome in ("Ann Marsh, left", "Getty Images", "https://", "file photo", "Related:"):
        assert chrome not in body


def test_a_page_that_prints_the_story_twice_gives_it_once() -> None:
    page = (
        f"Railway budget approved\n{P1}\n{P2}\n{P3}\n{P4}\nRailway budget approved\n{P1}\n{P2}\n{P3}\n{P4}\n"
    )
    assert _paragraphs(page) == [P1, P2, P3, P4]


def test_an_author_note_after_the_story_is_left_out() -> None:
    bio = (
        "Jane Roe has covered transport for the Coast Courier since 2015 and has a weekly column on the "
        "region's buses and trains, which she writes from her home by the harbour."
    )
    page = f"Railway budget approved\n{P1}\n{P2}\n{P3}\nAbout the author\n{bio}\nShare\nTweet\n"
    body = _body(page)
    assert body.endswith(P3)
    assert "Jane Roe" not in body


def test_interview_turns_and_short_sentences_inside_the_story_are_kept() -> None:
    page = f"""Railway budget approved
{P1}
Q: When will the trains run?
A: Next summer
It is late.
{P2}
{P3}
"""
    paragraphs = _paragraphs(page)
    assert paragraphs == [P1, "Q: When will the trains run?", "A: Next summer", "It is late.", P2, P3]


def test_unspaced_script_prose_is_body() -> None:
    (line,) = classify_lines(
        "港湾鉄道の予算が火曜日に承認され、一時間あたり二本の列車が増発されることになった。"
    )
    assert line.role == "body"


def test_prices_truncated_teasers_and_bare_links_are_no_sentences() -> None:
    price, teaser, link = classify_lines(
        "Wireless headphones with a travel case, now down from $59.99 to $39.99\n"
        "Ten things to know about the new railway timetable before you travel this...\n"
        "https://www.example.com/a/very/long/path/with/many/segments/in/it/for/the/story\n"
    )
    assert not price.sentence_end
    assert not teaser.sentence_end and teaser.role != "body"
    assert link.words == 1 and link.role != "body"


def test_buttons_ads_and_comment_heads_are_flagged() -> None:
    ad, share, comments = classify_lines("Advertisement\nShare\n34 Comments\n")
    assert ad.role == "ad" and not ad.cue
    assert share.cue
    assert comments.comments and comments.related


def test_the_sources_list_after_the_story_is_left_out() -> None:
    ref = (
        "Coast County Council, minutes of the transport committee meeting on the harbour railway "
        "budget and the signalling contract, March 4, 2025"
    )
    page = (
        f"Railway budget approved\n{P1}\n{P2}\n{P3}\nSources:\n{ref}\n{ref.replace('March 4', 'April 9')}\n"
    )
    body = _body(page)
    assert body.endswith(P3)
    assert "minutes of the transport committee" not in body


def test_a_live_blog_with_dated_entries_after_a_short_intro_is_kept_whole() -> None:
    entries = "".join(f"Update\nMarch {d}, 2025\n{para}\n" for d, para in ((3, P2), (5, P3), (9, P4)))
    page = f"Railway budget: live updates\n{P1}\n{entries}"
    assert _paragraphs(page) == [P1, P2, P3, P4]


def test_a_teaser_list_after_a_links_heading_does_not_join_the_story() -> None:
    summary = (
        "The harbour authority has published its plans for the old fish market, which it wants to turn "
        "into a covered hall for a weekend food fair."
    )
    teasers = "".join(f"Another Headline Number {n}\n{summary}\n" for n in range(3))
    page = f"Railway budget approved\n{P1}\n{P2}\n{P3}\n{P4}\nShare this article\nRelated stories\n{teasers}"
    assert _paragraphs(page) == [P1, P2, P3, P4]
