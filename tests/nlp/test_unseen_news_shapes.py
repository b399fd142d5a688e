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


_POSSESSIVE_BODIES = (
    "The Data Protection Commissioner's Office said it had opened an inquiry. "
    "The Eastfield Farmers' Union, which represents growers, says the levy is unfair. "
    "Britain's Parliament voted on Tuesday."
)
_REMIT_BODIES = (
    "\u201cEvery attack makes it harder,\u201d said Lena Varro, a spokesperson for the UN Office for "
    "the Coordination of Humanitarian Affairs. The delegation was led by Fiona Kerr, a senior official "
    "at the Department for Environment, Food and Rural Affairs. The Ministry of Defence and the Home "
    "Office said they had not been told."
)


@pytest.mark.parametrize(
    ("text", "whole", "fragments"),
    [
        (  # a possessive inside a body's name (r43); an owner and its body stay two, as before
            _POSSESSIVE_BODIES,
            {"Data Protection Commissioner's Office", "Eastfield Farmers' Union", "Britain", "Parliament"},
            {"Office", "Union", "Data Protection Commissioner", "Eastfield Farmers"},
        ),
        (  # a body named with its remit (r46); two bodies side by side stay two
            _REMIT_BODIES,
            {
                "UN Office for the Coordination of Humanitarian Affairs",
                "Department for Environment, Food and Rural Affairs",
                "Ministry of Defence",
                "Home Office",
            },
            {"UN Office", "Food", "Rural Affairs", "Coordination of Humanitarian Affairs"},
        ),
    ],
    ids=["possessive", "remit"],
)
def test_a_bodys_name_is_kept_whole(nlp, text, whole, fragments):
    names = set(_names(_facts(nlp, text)).values())
    assert whole <= names
    assert not names & fragments


def test_a_body_with_a_possessive_in_its_name_speaks(nlp):
    speakers = {s for s, _ in _quotes(_facts(nlp, _POSSESSIVE_BODIES))}
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


@pytest.mark.parametrize(
    ("text", "writers_word"),
    [
        (  # a comment set off by a dash
            "Harlow Town said in a statement that the manager had left \u201cby mutual consent\u201d \u2014 "
            "wording that was contradicted within hours by the club's owner.",
            "wording",
        ),
        (  # a concessive clause of the writer's
            "Officials said the parties had pencilled in a further round of talks in London in early "
            "December, though Solberg declined to say whether Norway would attend.",
            "declined",
        ),
    ],
)
def test_writers_comment_is_not_part_of_the_report(nlp, text, writers_word):
    texts = [t for _, t in _quotes(_facts(nlp, text))]
    assert texts and not any(writers_word in t for t in texts)


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
        "Thursday. Varenia's government has in the past signed agreements with the rebels. "
        "Varenia's foreign minister met rebel leaders on Thursday.",
    )
    past = [e for e in facts.events if "in the past" in facts.article.text[e.start : e.end]]
    now = [e for e in facts.events if e.type == "CONSULT" and "met" == e.trigger]
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


# Shapes of the r46 tune round (the second half of bench/unseen_news), in sentences of our own.


def test_lower_case_noun_ends_a_capitalised_name(nlp):
    facts = _facts(
        nlp,
        "The claim was made by rival candidate Doug Farrow, a former Port Aldous fire chief, during a debate.",
    )
    names = set(_names(facts).values())
    assert "Port Aldous fire" not in names


def test_fragments_and_moods_are_no_descriptions(nlp):
    facts = _facts(
        nlp,
        "Prentiss accused the mayor of steering the contract to Brightwater Systems, a Columbus firm whose "
        "regional director, Alan Okoro, is her cousin. Ashby manager Nicky Pell, in contrast, was all smiles.\n\n"
        "Britain sanctioned three commanders and a trader. The company, Sahil Gold Trading FZE, was accused "
        "of buying gold. El Obeid has been cut off from the capital, Khartoum, for months.",
    )
    names = _names(facts)
    by_entity = {(names[d.entity], d.text) for d in facts.descriptions}
    assert not any(t.startswith("whose") or t == "all smiles" for _, t in by_entity)
    assert ("Sahil Gold Trading FZE", "The company") not in by_entity
    assert ("Khartoum", "the capital") in by_entity


def test_surname_shared_with_a_name_the_tagger_typed_otherwise_stays_alone(nlp):
    facts = _facts(
        nlp,
        "Aoife Dunleavy has been appointed director of the festival. Dunleavy, 38, is the daughter of "
        "Brendan Dunleavy, a former Minister of State.",
    )
    names = _names(facts)
    assert not any(names[d.entity] == "Brendan Dunleavy" and d.text == "38" for d in facts.descriptions)


def test_what_rumours_suggest_is_nobodys_quote(nlp):
    facts = _facts(
        nlp,
        "The bakery burned down on Sunday. Its owner, Owen Hartley, said he was devastated.\n\n"
        'Hartley rejected what he called "ugly rumours" on social media suggesting the fire had been lit '
        "for insurance money.",
    )
    assert not any(s == "Owen Hartley" for s, t in _quotes(facts) if "insurance" in t)
    assert ("Owen Hartley", "he was devastated") in _quotes(facts)


def test_set_in_attribution_speaks_for_the_added_clause(nlp):
    facts = _facts(
        nlp,
        "The Faroese minister, Jogvan Dalby, said the talks had failed. Norway, he said, had tried to lock "
        "in a share for itself that bore no relation to where the fish are found today, noting that "
        "mackerel have moved north and west as the ocean has warmed.",
    )
    assert "Jogvan Dalby" in {s for s, t in _quotes(facts) if t.startswith("mackerel")}
    assert "Norway" not in {s for s, t in _quotes(facts)}


def _events(facts):
    names = _names(facts)
    return [(e.type, names.get(e.actor), names.get(e.recipient), e.recipient_text, e) for e in facts.events]


def test_what_is_rejected_is_no_recipient_and_a_nationality_is_not_the_firm(nlp):
    facts = _facts(
        nlp,
        "Tan rejected suggestions on social media that the business had been in trouble. Cosgrove opposed "
        "the plan, those people said. Two years ago Castell rejected an approach from the German private "
        "equity firm Weiss Kapital.",
    )
    rejects = [(a, r, rt) for t, a, r, rt, _ in _events(facts) if t == "REJECT"]
    assert rejects and all(rt is None or "suggestions" not in rt and rt != "plan" for _, _, rt in rejects)
    assert all(r != "German" for _, r, _ in rejects)


def test_the_one_who_resigns_is_the_actor(nlp):
    facts = _facts(
        nlp,
        "The artistic director of Galway's Quayside Theatre, Ruairi Costello, has resigned with immediate "
        "effect. In a statement on Friday, the board of Quayside Theatre Company thanked Costello for "
        "\u201cnine remarkable years\u201d and said it had accepted his resignation \u201cwith regret.\u201d",
    )
    retreats = [a for t, a, _, _, _ in _events(facts) if t == "RETREAT"]
    assert retreats and all(a in (None, "Ruairi Costello") for a in retreats)
    assert "Ruairi Costello" in retreats


def test_words_put_in_a_post_get_no_dateline_place(nlp):
    facts = _facts(
        nlp,
        "SAN FRANCISCO \u2014 Voltaro is recalling 120,000 scooters. The company's chief executive, Mark "
        "Fell, apologised to customers in a post on X on Thursday morning. Police arrested two men on Thursday.",
        published="2026-10-16",
    )
    events = _events(facts)
    apologies = [e for t, _, _, _, e in events if t == "SUPPORT"]
    arrests = [e for t, _, _, _, e in events if t == "COERCE"]
    assert apologies and all(e.place is None for e in apologies)
    assert arrests and arrests[0].place and arrests[0].place["name"].lower() == "san francisco"


def test_chief_of_a_body_with_a_possessive_in_its_name_leads_it_and_a_rank_does_not(nlp):
    facts = _facts(
        nlp,
        "\u201cWe are told the same thing every year,\u201d said Alasdair Munro, chief executive of the North "
        "Atlantic Pelagic Producers\u2019 Group. Hamas commander Yahya Sinwar was killed in October.",
    )
    rels = _relations(facts)
    assert ("Alasdair Munro", "leader_of", "North Atlantic Pelagic Producers\u2019 Group") in rels
    assert not any(rel == "leader_of" and obj == "Hamas" for _, rel, obj in rels)


def test_date_in_a_clause_beside_the_speech_verb_is_not_when_it_was_said(nlp):
    facts = _facts(
        nlp,
        "At least 27 people were killed when drones struck a market in El Obeid on Tuesday, local health "
        "officials said, in one of the deadliest attacks on the city since it came under siege last year.",
        published="2026-07-09",
    )
    assert facts.quotes and all(q.date != "2025" for q in facts.quotes)


def test_a_remit_stops_at_a_post_and_a_person(nlp):
    # the remit runs on over Title Case words, never into a title or the person after it
    facts = _facts(
        nlp,
        "Department of Health and Human Services Secretary Alex Azar said the rule would stand. "
        "The Ministry of Foreign Affairs Spokesperson Hua Chunying said so.",
    )
    names = set(_names(facts).values())
    assert {"Alex Azar", "Hua Chunying", "Ministry of Foreign Affairs"} <= names
    assert not any("Azar" in n and n != "Alex Azar" or "Spokesperson" in n for n in names)


# Shapes of the r51 tune round (pages dense in political and legal acts), in sentences of our own.


def test_an_embassy_in_a_town_is_its_countrys(nlp):
    facts = _facts(
        nlp,
        "MANILA - Japan signed a deal with the Philippines. China's embassy in Manila criticised the visit.",
    )
    critics = [a for t, a, _, _, _ in _events(facts) if t == "DISAPPROVE"]
    assert critics == ["China"]


def test_a_dated_dateline_is_no_actor(nlp):
    facts = _facts(
        nlp,
        "REGION\n\nTwo navies sign patrol pact as fisheries deal stalls\n\nJAKARTA, June 3 (APD) \u2014 "
        "Indonesia and Malaysia signed an agreement on Wednesday to run joint patrols in the Sulawesi Sea, "
        "but failed to close a fisheries deal during a two-day visit to Jakarta by the Malaysian foreign "
        "minister.",
    )
    actors = [a for t, a, _, _, _ in _events(facts) if t == "AGREE"]
    assert actors and "Jakarta" not in actors


def test_things_said_take_no_dateline_place_and_a_visited_town_hosts_nothing(nlp):
    facts = _facts(
        nlp,
        "MADRID \u2014 Dock workers walked out on Monday. Police detained two pickets. Ruben Montero, the "
        "union's leader, rejected that account.\n\nJapanese Foreign Minister Kenji Arai made his first visit "
        "to Marseille on Tuesday.",
    )
    events = _events(facts)
    rejections = [e for t, _, _, _, e in events if t == "REJECT"]
    detentions = [e for t, _, _, _, e in events if t == "COERCE"]
    visits = [(r, e) for t, _, r, _, e in events if t == "CONSULT" and e.mode == "visit"]
    assert rejections and all(e.place is None for e in rejections)
    assert detentions and detentions[0].place and detentions[0].place["name"].lower() == "madrid"
    assert visits and all(r is None and e.place and e.place["name"] == "Marseille" for r, e in visits)


def test_where_a_deal_is_signed_is_not_the_other_party_and_a_minister_resigns_not_the_province(nlp):
    facts = _facts(
        nlp,
        "Ghana and Togo signed a security cooperation agreement in Accra on Wednesday that will allow "
        "joint patrols. Nova Scotia's public works minister has resigned from cabinet after the RCMP "
        "confirmed it is investigating.",
    )
    events = _events(facts)
    deals = [(a, r) for t, a, r, _, _ in events if t == "AGREE" and a == "Ghana"]
    assert deals and all(r != "Accra" for _, r in deals)
    resignations = [a for t, a, _, _, _ in events if t == "RETREAT"]
    assert resignations and all(a != "Nova Scotia" for a in resignations)
