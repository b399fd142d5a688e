"""Entity grouping (``newsgraph_entities``) on the example pages and on hand-written cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.extract import extract
from newsgraph.model import Page
from newsgraph.nlp import load_pipeline
from newsgraph.nlp.entities import acronym_of, normalise_name

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _doc(nlp, name: str):
    path = EXAMPLES / name
    page = Page(source=str(path), kind="html" if path.suffix == ".html" else "text", data=path.read_bytes())
    return nlp(extract(page).text)


def _by_name(doc) -> dict:
    return {c.name: c for c in doc._.ng_entities}


@pytest.fixture(scope="module")
def strike(nlp):
    return _doc(nlp, "alder-strike.txt")


@pytest.fixture(scope="module")
def deal(nlp):
    return _doc(nlp, "alder-deal.html")


def test_normalise_name_and_acronym():
    assert normalise_name("ISIS - K") == normalise_name("ISIS-K") == normalise_name("ISIS K")
    assert normalise_name("The Harbour Workers Alliance") == normalise_name("Harbour Workers Alliance's")
    assert acronym_of("General Federation of Labour") == "GFL"
    assert acronym_of("Harbour Workers Alliance") == "HWA"


def test_strike_groups_acronym_and_short_forms(strike):
    ents = _by_name(strike)
    hwa = ents["Harbour Workers Alliance"]
    assert hwa.label == "ORG"
    assert "HWA" in hwa.aliases and "Alliance" in hwa.aliases
    # every mention is a real span of the doc, with "the" trimmed off
    assert all(strike.text[s.start_char : s.end_char] == s.text for s in hwa.spans)
    assert not any(s.text.lower().startswith("the ") for s in hwa.spans)
    assert ents["Seafarers Guild"].label == "ORG"  # "Guild" was a PERSON slip
    assert "Guild" in ents["Seafarers Guild"].aliases
    assert "Guild" not in ents


def test_strike_title_and_police_department(strike):
    ents = _by_name(strike)
    varga = ents["Elena Varga"]
    assert varga.label == "PERSON"
    assert "Transport Minister Elena Varga" in varga.aliases
    assert "Transport" not in ents  # the title's first word is not an organisation
    assert ents["Alder police department"].label == "ORG"
    assert "Meridian Shipping" in ents  # untagged by the model, named by its organisation head


def test_deal_possessive_and_place_label(deal):
    ents = _by_name(deal)
    meridian = ents["Meridian Shipping"]
    assert meridian.label == "ORG"
    texts = [s.text for s in meridian.spans]
    assert texts.count("Meridian") == 2  # "Meridian will retrain" and "Meridian's chief executive"
    assert ents["Port of Alder"].label == "FAC"


def test_ids_in_order_of_first_mention(deal):
    clusters = deal._.ng_entities
    assert [c.id for c in clusters] == [f"e{k}" for k in range(1, len(clusters) + 1)]
    firsts = [min(s.start_char for s in c.spans) for c in clusters]
    assert firsts == sorted(firsts)
    # the corrected spans are written back to doc.ents for later components
    ent_ranges = {(e.start_char, e.end_char) for e in deal.ents}
    assert all((s.start_char, s.end_char) in ent_ranges for c in clusters for s in c.spans)


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        ("ISIS - K claimed the attack. Officials blamed ISIS-K for it.", "ISIS-K", "ISIS - K"),
        (
            "The National Health Service (NHS) is under strain. The NHS said waiting lists grew.",
            "National Health Service",
            "NHS",
        ),
        (
            "Prime Minister Keir Starmer met reporters in London. Starmer said the talks went well.",
            "Keir Starmer",
            "Starmer",
        ),
        (
            "Acme Logistics cut 300 jobs on Monday. Acme's shares fell 4 percent after the news.",
            "Acme Logistics",
            "Acme",
        ),
    ],
)
def test_grouping_cases(nlp, text, name, alias):
    doc = nlp(text)
    ents = _by_name(doc)
    assert name in ents, [(c.name, c.aliases) for c in doc._.ng_entities]
    assert alias in ents[name].aliases
    assert alias not in ents


def test_ambiguous_surname_is_not_merged(nlp):
    doc = nlp("John Smith met Mary Smith in Boston on Friday. Smith later resigned.")
    ents = _by_name(doc)
    assert "John Smith" in ents and "Mary Smith" in ents
    assert "Smith" not in ents["John Smith"].aliases
    assert "Smith" not in ents["Mary Smith"].aliases


def test_no_invented_entities(nlp):
    doc = nlp("the weather was mild and nobody came to the meeting.")
    assert doc._.ng_entities == []


def test_a_persons_role_as_appositive_types_the_name_a_person(nlp) -> None:
    """The model types the bare surname an organisation throughout; "the former special envoy"
    says who he is, however often the name recurs."""
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    text = "Kurt Volker, the former special envoy to Ukraine, testified on Tuesday. " + " ".join(
        f"Volker said point {i} mattered." for i in range(1, 9)
    )
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    volker = next(e for e in facts.entities if e.name == "Kurt Volker")
    assert volker.type == "PERSON"


def test_what_the_name_is_said_to_be_types_it_a_person(nlp) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    text = (
        "Tomas Reyes is a former police officer.\n\nAnna Berg, a former police officer who now runs "
        "a bakery, spoke first.\n\nThe 54-year-old Reyes declined to comment.\n\nReyes, who is "
        "also the party's treasurer, signed the letter."
    )
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    assert next(e for e in facts.entities if e.name == "Tomas Reyes").type == "PERSON"
    text = "Goldman Sachs is not a lawyer. Goldman Sachs is the market leader."
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    assert next(e for e in facts.entities if e.name == "Goldman Sachs").type == "ORG"


def test_an_organisation_as_adviser_stays_an_organisation(nlp) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    text = (
        "Goldman Sachs, the adviser on the deal, said the offer was fair. Goldman Sachs declined to comment."
    )
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    assert next(e for e in facts.entities if e.name == "Goldman Sachs").type == "ORG"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Shanghai Composite (SHCOMP rose 0.5% on Tuesday.", "Shanghai Composite"),
        ("Hong Kong (CNN Business)A muddled view of trade talks weighs on investors.", "CNN"),
    ],
)
def test_a_bracket_the_name_does_not_close_ends_it(nlp, text: str, name: str) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    names = {e.name for e in facts.entities}
    assert name in names and not any("(" in n or ")" in n for n in names), names


def test_a_preposition_or_a_conjunction_ends_no_name(nlp) -> None:
    """ "overcoming 40-year-old Thompson in Berne": the model's span "Thompson in" is Thompson."""
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    text = (
        "The Ukrainian world champion extended his unbeaten run to eight years by overcoming "
        "40-year-old Thompson in Berne, Switzerland on Saturday."
    )
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    names = {e.name for e in facts.entities}
    assert "Thompson" in names and not any(n.split()[-1].islower() for n in names), names


def test_a_name_ending_in_s_is_no_possessive_when_nothing_is_possessed(nlp) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    text = "Instead, Tor, which had been recently acquired by St. Martin’s, published the book in May."
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    assert "St. Martin’s" in {e.name for e in facts.entities}


def test_a_name_the_model_cut_in_two_is_one_person(nlp) -> None:
    ents = _by_name(nlp("District Judge Amy Berman Jackson sentenced Tomas Reyes on Thursday."))
    assert "Amy Berman Jackson" in ents and "Jackson" not in ents, list(ents)


def test_an_adviser_to_a_person_is_a_person(nlp) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    text = (
        "Judge Amy Berman Jackson sentenced Roger Stone to 40 months in prison on Thursday.\n\n"
        "Stone's lawyer, Bruce Rogow, said he would appeal.\n\n"
        "Stone, a longtime adviser to President Donald Trump, was convicted in November."
    )
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    assert next(e for e in facts.entities if e.name == "Roger Stone").type == "PERSON"


def test_a_one_word_name_a_person_owns_is_no_person(nlp) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    text = "Elon Musk's SpaceX launched 60 satellites on Monday."
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    types = {e.name: e.type for e in facts.entities}
    assert types.get("SpaceX") == "ORG" and types.get("Elon Musk") == "PERSON", types


def test_a_town_the_model_calls_a_person_after_in_is_a_place(nlp) -> None:
    from newsgraph.nlp.entities import _cue

    doc = nlp("Airbus is headquartered in Toulouse.")
    assert _cue(doc, doc[4:5], "PERSON") == "GPE"  # the model's label, whatever it says today
    doc = nlp("The talks were held in Toulouse's town hall.")
    assert _cue(doc, doc[5:6], "PERSON") != "GPE"  # a possessor, not the place said


def test_a_regional_arm_is_not_its_parent(nlp) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp import annotate

    text = (
        "Orvan and Kessel Medical signed a partnership on Monday.\n\n"
        "Rob Goldman, President Orvan North America, says the deal helps hospitals.\n\n"
        "Orvan, headquartered in Baar, Switzerland, is a global solutions provider."
    )
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    by_name = {e.name: e for e in facts.entities}
    arm = by_name.get("Orvan North America")
    assert arm is not None and arm.type == "ORG" and "Orvan" not in arm.aliases, by_name
    names = {e.id: e.name for e in facts.entities}
    described = {(names[d.entity], d.text) for d in facts.descriptions}
    assert ("Orvan North America", "President") not in described


def test_a_city_that_acts_in_a_sport_report_is_its_team(nlp):
    import re

    from newsgraph.nlp.entities import group_entities

    text = (
        "The Alderton Hawks beat the Kessel Foxes 27-13 on Sunday in Alderton. Alderton scored two "
        "touchdowns in the fourth quarter, and the win gave Alderton its sixth straight division title. "
        "The Hawks play the next game in Alderton."
    )
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name.startswith("newsgraph_") and name not in ("newsgraph_ner_labels", "newsgraph_paragraphs"):
            break
        doc = proc(doc)
    spans = []
    for name, label in (
        ("Alderton Hawks", "ORG"),
        ("Kessel Foxes", "ORG"),
        ("Hawks", "ORG"),
        ("Alderton", "GPE"),
    ):
        for m in re.finditer(r"\b" + name + r"\b", text):
            span = doc.char_span(m.start(), m.end(), label=label)
            if span is not None and not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)
    group_entities(doc)
    names = {c.name: c for c in doc._.ng_entities}
    team = [s.text for s in names["Alderton Hawks"].spans]
    city = [doc[s.start - 1].text + " " + s.text for s in names["Alderton"].spans]
    # the city that scored and won is the team; "in Alderton" stays the city
    assert team.count("Alderton") == 2 and city == ["in Alderton", "in Alderton"], (team, city)


def test_a_speech_verb_the_model_ran_into_a_name_is_cut_off(nlp):
    doc = nlp(
        '"This seems to be perfectly positioned for drive-by malware using compromised websites," '
        "Henry told CRN.\n"
    )
    names = [c.name for c in doc._.ng_entities]
    assert "Henry" in names and not any("told" in n for n in names), names
    (quote,) = [q for q in doc._.ng_quotes if q.kind == "direct"]
    assert quote.speaker_text == "Henry"


def test_a_verb_before_a_name_and_a_possessive_do_not_split_a_person(nlp):
    text = (
        '"I was unable to stand," wrote 43-year-old Martin Harlow of Aberdeenshire, Scotland.\n'
        "Dempsey picked up the phone and rang Harlow.\n"
        "Harlow had never smoked. Symptoms can range to serious complications such as Harlow's.\n"
    )
    doc = nlp(text)
    people = {c.name: c for c in doc._.ng_entities if "Harlow" in c.name}
    assert list(people) == ["Martin Harlow"], {n: [s.text for s in c.spans] for n, c in people.items()}


def test_a_hyphenated_company_before_a_title_stays_a_name(nlp):
    doc = nlp("T-Mobile CEO John Legere said the merger would close. Transport Minister Elena Varga agreed.")
    got = {c.name: c.label for c in doc._.ng_entities}
    assert got.get("T-Mobile") == "ORG" and got.get("John Legere") == "PERSON", got
    # a capitalised word of the title itself is still no organisation
    assert "Transport" not in got, got


@pytest.mark.parametrize(
    ("text", "company", "person"),
    [
        ("Apple CEO Tim Cook met the trade minister on Tuesday.", "Apple", "Tim Cook"),
        (
            "SoftBank CEO Masayoshi Son has told the board he wants a profit by 2021.",
            "SoftBank",
            "Masayoshi Son",
        ),
        ("The plan was drawn up by Google CEO Sundar Pichai last year.", "Google", "Sundar Pichai"),
    ],
)
def test_a_company_before_a_company_title_stays_a_name(nlp, text: str, company: str, person: str):
    doc = nlp(text + " Transport Minister Elena Varga agreed.")
    got = {c.name: c.label for c in doc._.ng_entities}
    assert got.get(company) == "ORG" and got.get(person) == "PERSON", got
    # a government title's capitalised portfolio word is still no organisation
    assert "Transport" not in got, got


def test_a_nationality_word_before_a_persons_name_is_no_part_of_it(nlp):
    doc = nlp(
        "Briton Robert Buckley, 31, was found near the hut. "
        "The American Civil Liberties Union and British Airways said nothing."
    )
    got = {c.name: c.label for c in doc._.ng_entities}
    assert got.get("Robert Buckley") == "PERSON", got
    assert "Briton Robert Buckley" not in got, got
    # an organisation whose name begins with a nationality word keeps it
    assert got.get("American Civil Liberties Union") == "ORG" and got.get("British Airways") == "ORG", got


def test_a_name_after_an_organisation_class_noun_is_an_organisation(nlp):
    doc = nlp("Jamie Clark, executive vice president of the advocacy group Defenders of Wildlife, agreed.")
    got = {c.name: c.label for c in doc._.ng_entities}
    assert got.get("Defenders of Wildlife") == "ORG", got
    # a lone common word after the class noun names nothing
    doc = nlp("The group Monday said it would appeal. A group of protesters gathered outside.")
    assert not any(c.label == "ORG" for c in doc._.ng_entities), [
        (c.name, c.label) for c in doc._.ng_entities
    ]


def test_a_surname_typed_a_town_that_speaks_is_the_person(nlp):
    text = (
        "Senator Maria Delgado tweeted that the bill was dead.\n\n"
        '"This is a disgrace," Delgado wrote on Twitter.\n\nDelgado argued that the tariffs amounted to a tax.'
    )
    doc = nlp(text)
    people = [c for c in doc._.ng_entities if c.label == "PERSON" and "Delgado" in c.name]
    assert len(people) == 1 and not any(c.name == "Delgado" for c in doc._.ng_entities), [
        (c.name, c.label) for c in doc._.ng_entities
    ]
