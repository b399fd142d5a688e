"""Shapes of news met in the r43 tune round (news pages written for the audit, `bench/unseen_news`),
each in sentences of our own: names with a possessive inside, titles read as employers, questions
and hearsay read as quotes, the date of a quote taken from its words, a dateline place for an act
of the past."""

from __future__ import annotations

import pytest

from newsgraph.model import Article
from newsgraph.nlp import annotate, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _facts(nlp, text: str, published: str | None = "2026-05-14"):
    article = Article(
        id="t",
        source="t",
        text=text,
        url=None,
        content_hash="t",
        title=text.split("\n")[0],
        published=published,
    )
    return next(iter(annotate([article], nlp)))


def _names(facts) -> dict[str, str]:
    return {e.id: e.name for e in facts.entities}


def _quotes(facts) -> list[tuple[str | None, str]]:
    names = _names(facts)
    return [(names.get(q.speaker), q.text) for q in facts.quotes]


def _relations(facts) -> set[tuple[str, str, str]]:
    names = _names(facts)
    return {(names[r.subject], r.relation, names[r.object]) for r in facts.relations}


def test_possessive_inside_a_body_name_keeps_it_whole(nlp):
    facts = _facts(
        nlp,
        "The Data Protection Commissioner's Office said it had opened an inquiry. "
        "The Eastfield Farmers' Union, which represents growers, says the levy is unfair. "
        "Britain's Parliament voted on Tuesday.",
    )
    names = set(_names(facts).values())
    assert "Data Protection Commissioner's Office" in names
    assert "Eastfield Farmers' Union" in names
    assert not names & {"Office", "Union", "Data Protection Commissioner", "Eastfield Farmers"}
    assert {"Britain", "Parliament"} <= names  # an owner and its body, as before
    speakers = {s for s, _ in _quotes(facts)}
    assert "Data Protection Commissioner's Office" in speakers


def test_club_and_its_supporters_trust_are_two_bodies(nlp):
    facts = _facts(
        nlp,
        "Tarn United dismissed their head coach on Sunday.\n\n"
        'The Tarn United Supporters\' Trust said in a post on X that it "respected the decision".\n\n'
        "United said in a statement that the search for a successor had begun.",
    )
    names = _names(facts)
    assert {"Tarn United", "Tarn United Supporters' Trust"} <= set(names.values())
    speakers = {s for s, _ in _quotes(facts)}
    assert "Tarn United Supporters' Trust" in speakers
    said_search = [s for s, t in _quotes(facts) if "successor" in t]
    assert said_search and said_search[0] != "Tarn United Supporters' Trust"


def test_verb_before_a_title_is_no_part_of_it(nlp):
    facts = _facts(
        nlp, "Tarn City sacked manager Owen Pryce on Sunday, less than 24 hours after a 2-0 home defeat."
    )
    texts = [d.text for d in facts.descriptions]
    assert not any("sacked" in t for t in texts)


def test_county_executive_is_a_title_not_an_employer(nlp):
    facts = _facts(
        nlp,
        "The seat is open because County Executive Frank Hale, a Democrat, is retiring after three terms.",
    )
    assert "County Executive" not in set(_names(facts).values())
    assert not any(rel == "employed_by" for _, rel, _ in _relations(facts))
    assert "Frank Hale" in set(_names(facts).values())


def test_question_put_to_the_speaker_is_not_a_quote(nlp):
    facts = _facts(
        nlp,
        "Sam Pryce owns a bike shop in Stanbridge.\n\n"
        '"People were writing online that we were running a death trap," Pryce said. "I kept saying that '
        'and nobody wanted to hear it."\n\n'
        "Asked whether he knew of anyone who might have wanted to harm his business, Pryce said he had "
        "received threatening messages last year.",
    )
    quotes = _quotes(facts)
    assert not any("whether" in t for _, t in quotes)
    assert ("Sam Pryce", "he had received threatening messages last year") in quotes


def test_what_the_subject_was_told_is_not_said_by_the_subject(nlp):
    facts = _facts(
        nlp,
        "Gordon Pike runs a bakery in Elmstead. He said he had applied for a permit last spring and was "
        "told it was not needed.",
    )
    quotes = _quotes(facts)
    assert not any(t == "it was not needed" for _, t in quotes)


def test_spokesperson_named_after_the_body_is_the_speaker(nlp):
    facts = _facts(
        nlp,
        "A spokeswoman for Northgate Water, Ellen Marsh, said the outage had been caused by a burst main.",
    )
    assert ("Ellen Marsh", "the outage had been caused by a burst main") in _quotes(facts)


def test_according_to_covers_the_clause_it_is_set_in(nlp):
    facts = _facts(
        nlp,
        "Roughly one in four adults over 60 has high blood pressure, according to the Heart Foundation, "
        "and heart disease is the leading cause of death in many rich countries.",
    )
    quotes = [(s, t) for s, t in _quotes(facts) if s == "Heart Foundation"]
    assert quotes and all("leading cause" not in t and "one in four adults" in t for _, t in quotes)


def test_results_from_an_office_are_nobodys_words(nlp):
    facts = _facts(
        nlp,
        "Councillor Jo Brand won the race for mayor on Tuesday, according to preliminary results from the "
        "Marlow County Clerk's Office.",
    )
    assert not any("won the race" in t for _, t in _quotes(facts))


def test_reported_clause_subject_read_as_object_stays_in_the_quote(nlp):
    facts = _facts(
        nlp,
        "Mara Holt, a geologist at Pell University in Carrow, said deforestation and the conversion of "
        "hillsides to vegetable farming had made slopes across the region less stable.",
    )
    texts = [t for s, t in _quotes(facts) if s == "Mara Holt"]
    assert texts and texts[0].startswith("deforestation and the conversion of hillsides")


def test_writers_comment_after_a_dash_is_not_part_of_the_report(nlp):
    facts = _facts(
        nlp,
        "Harlow Town said in a statement that the manager had left \u201cby mutual consent\u201d \u2014 "
        "wording that was contradicted within hours by the club's owner.",
    )
    texts = [t for _, t in _quotes(facts)]
    assert texts and not any("wording" in t for t in texts)


def _quote_date(facts, words: str) -> str | None:
    return next(q.date for q in facts.quotes if words in q.text)


def test_a_quote_is_dated_by_its_own_verb_not_a_date_in_a_clause_beside_it(nlp):
    facts = _facts(
        nlp,
        "She has worked at the clinic since 2009 and said she had never seen it so busy. "
        "The firm said it could not comment on single accounts, but that errors in May 2024 had been "
        "fixed.",
    )
    assert _quote_date(facts, "never seen it so busy") is None
    assert _quote_date(facts, "could not comment") is None
    # a date set before the first of two joined verbs holds for the second, the speech verb
    facts = _facts(
        nlp, "In March, Senator Ruth Ambler toured the plant and argued that the jobs should stay."
    )
    assert _quote_date(facts, "jobs should stay") == "2026-03"


def test_a_countrys_attorney_is_not_located_in_the_country(nlp):
    facts = _facts(
        nlp,
        "\u201cThe licences were never for sale,\u201d said Tom Abell, the U.S. attorney for the Northern "
        "District of Ohio.",
    )
    assert not any(rel == "located_in" and subj == "Tom Abell" for subj, rel, _ in _relations(facts))


def test_leading_a_team_to_promotion_is_no_leadership_tie(nlp):
    facts = _facts(
        nlp, "Harlan, 52, was hired in 2023 and led Millbrook Athletic to promotion in his first season."
    )
    assert not any(rel == "leader_of" for _, rel, _ in _relations(facts))


def test_act_of_the_past_gets_no_dateline_place(nlp):
    facts = _facts(
        nlp,
        "DOHA, Qatar (AP) \u2014 Talks between the Varenian government and the rebels broke down on "
        "Thursday. Varenia's government has in the past rejected the threat of sanctions as interference. "
        "The government of Varenia rejected the new offer on Thursday.",
    )
    rejections = [e for e in facts.events if e.type == "REJECT"]
    past = [e for e in rejections if "in the past" in facts.article.text[e.start : e.end]]
    now = [e for e in rejections if "new offer" in facts.article.text[e.start : e.end]]
    assert past and all(e.place is None for e in past)
    assert now and now[0].place and now[0].place["name"] == "Doha"


def test_split_trigger_with_a_dateline_is_annotated(nlp):
    # A trigger of two words with text between them ("said ... must") ends before it starts as one
    # span: the dateline-place check must read it all the same (it once failed the whole page).
    facts = _facts(
        nlp,
        "THUNDER BAY, Ont. \u2014 Nurses walked off the job on Wednesday at three hospitals, the network's "
        "chief executive, Alan Fenwick, told reporters.\n\n"
        "Under an agreement reached with the union in March, a minimum number of nurses must remain on "
        "duty in emergency departments and intensive care, and those units were operating normally, he said.",
    )
    split = [e for e in facts.events if e.trigger_end is not None and e.trigger_end < e.trigger_start]
    assert split, "the shape this test is about: a trigger whose words are set apart"
    assert any("minimum number of nurses" in q.text for q in facts.quotes)
