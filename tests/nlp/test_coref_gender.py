"""Gender agreement in within-article coreference: "she" never goes to a man the article shows as one,
"he" never to a woman; a person whose gender the article does not show is linked as before."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from spacy.language import Language

from newsgraph.nlp import load_pipeline
from newsgraph.nlp.coref_gender import gender_words, person_genders
from newsgraph.nlp.coref_rules import EntityIndex
from newsgraph.nlp.quotes import find_quotes

from .test_coref import linked, seeded


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def genders(doc) -> dict[str, str]:  # noqa: ANN001
    index = EntityIndex.build(doc, include_coref=False)
    return {index.clusters[e].name: g for e, g in person_genders(doc, index).items()}


def test_honorific_keeps_she_off_a_man(nlp: Language) -> None:
    text = (
        "Mara Lind, an actress, left the film set early on Monday. Her publicist, Tomas Berg, told "
        "reporters that she was exhausted. Mr. Berg declined to say more."
    )
    doc = seeded(nlp, text, [("Mara Lind", "PERSON", []), ("Tomas Berg", "PERSON", ["Berg"])])
    assert genders(doc) == {"Mara Lind": "female", "Tomas Berg": "male"}
    assert linked(doc, "she") == {"Mara Lind"}


def test_without_gender_evidence_the_speaker_keeps_the_pronoun(nlp: Language) -> None:
    # the same story with nothing that shows either person's gender: linked as before the rule
    text = "Mara Lind left the film set early on Monday. Tomas Berg told reporters that she was exhausted."
    doc = seeded(nlp, text, [("Mara Lind", "PERSON", []), ("Tomas Berg", "PERSON", [])])
    assert genders(doc) == {}
    assert linked(doc, "she") == {"Tomas Berg"}


def test_gendered_title_before_the_name(nlp: Language) -> None:
    text = "Singer Ana Ortiz cancelled the concert. Spokesman Omar Haddad said she had a fever."
    doc = seeded(nlp, text, [("Ana Ortiz", "PERSON", []), ("Omar Haddad", "PERSON", [])])
    assert genders(doc) == {"Omar Haddad": "male", "Ana Ortiz": "female"}  # hers by elimination
    assert linked(doc, "she") == {"Ana Ortiz"}


def test_reflexive_and_elimination(nlp: Language) -> None:
    # "herself" in Ortiz's own clause makes her a woman; "He" then can only be Quint, so he is a man,
    # and the later "her" is no longer his
    text = (
        "Ana Ortiz checked herself into a clinic in Harlow on Friday. Dev Quint said on Saturday that "
        "the singer was resting. He did not say when her tour would resume."
    )
    doc = seeded(nlp, text, [("Ana Ortiz", "PERSON", []), ("Dev Quint", "PERSON", [])])
    assert genders(doc) == {"Ana Ortiz": "female", "Dev Quint": "male"}
    assert linked(doc, "He") == {"Dev Quint"}
    assert "Dev Quint" not in linked(doc, "her")


def test_he_never_goes_to_a_known_woman(nlp: Language) -> None:
    text = "Mrs. Ines Falk chairs the board. Falk met the mayor on Tuesday, and he praised the plan."
    doc = seeded(nlp, text, [("Ines Falk", "PERSON", ["Falk"])])
    assert genders(doc) == {"Ines Falk": "female"}
    assert linked(doc, "he") == set()


def test_evidence_both_ways_is_no_gender(nlp: Language) -> None:
    # "chairman" is said of women too: with "she" plainly hers, the article shows no one gender
    text = "Chairman Rosa Imre opened the meeting. Rosa Imre said she would stay on for a year."
    doc = seeded(nlp, text, [("Rosa Imre", "PERSON", [])])
    assert genders(doc) == {}
    assert linked(doc, "she") == {"Rosa Imre"}


def test_a_name_alone_shows_no_gender(nlp: Language) -> None:
    # given names of either sex, or not listed in data/gender.toml, say nothing
    text = "Robin Kovac and Tamsin Reed met on Monday. Later, Reed said she had left."
    doc = seeded(nlp, text, [("Robin Kovac", "PERSON", []), ("Tamsin Reed", "PERSON", ["Reed"])])
    assert genders(doc) == {}


def test_a_one_sex_given_name_keeps_the_other_pronoun_off(nlp: Language) -> None:
    # nothing in the article shows either gender; "Peter" is a man's name, so "she" is not his
    text = (
        "Nadia Orlov entered a clinic in Zurich on Monday. Her publicist Peter Hald confirmed the stay. "
        "A friend told reporters that she was resting."
    )
    doc = seeded(nlp, text, [("Nadia Orlov", "PERSON", []), ("Peter Hald", "PERSON", [])])
    assert genders(doc) == {"Nadia Orlov": "female", "Peter Hald": "male"}
    assert linked(doc, "she") == {"Nadia Orlov"}


def test_the_articles_evidence_outweighs_the_given_name(nlp: Language) -> None:
    text = (
        "Daniel Brandt opened the show on Friday. Ms. Brandt thanked the crowd. Sen. Mary Hollis spoke next."
    )
    doc = seeded(nlp, text, [("Daniel Brandt", "PERSON", ["Brandt"]), ("Mary Hollis", "PERSON", [])])
    assert genders(doc) == {"Daniel Brandt": "female", "Mary Hollis": "female"}  # a title is skipped


def test_a_she_said_quote_follows_coreference(nlp: Language) -> None:
    text = (
        "Actress Mara Lind has left the clinic. Mr. Tomas Berg, her publicist, confirmed the news on Monday. "
        '"I feel stronger every day," she said.'
    )
    doc = seeded(nlp, text, [("Mara Lind", "PERSON", []), ("Tomas Berg", "PERSON", [])])
    from newsgraph.nlp.coref import find_coref

    doc._.ng_coref = find_coref(doc)
    names = {c.id: c.name for c in doc._.ng_entities}
    speakers = [names.get(q.speaker) for q in find_quotes(doc) if q.text.startswith("I feel")]
    assert speakers and "Tomas Berg" not in speakers


def test_vocabulary_file() -> None:
    words = gender_words()
    titles = tomllib.loads(resources.files("newsgraph").joinpath("data/titles.toml").read_text("utf-8"))
    honorifics = set(titles["honorifics"].split())
    for gender in ("female", "male"):
        assert words[gender]["honorifics"] <= honorifics, gender
    female, male = words["female"], words["male"]
    for kind in ("honorifics", "roles", "pronouns"):
        assert not female[kind] & male[kind], kind


def test_a_pronoun_in_a_quotation_is_not_its_speaker(nlp: Language) -> None:
    # no gender evidence for Berg at all: "her" in his own quoted words is still not him
    text = (
        "Mara Lind has left the clinic in Harlow. "
        '"Please respect her privacy," Tomas Berg told Weekend on Monday.'
    )
    doc = seeded(nlp, text, [("Mara Lind", "PERSON", []), ("Tomas Berg", "PERSON", [])])
    assert "Tomas Berg" not in linked(doc, "her")
    # a reported clause is no quotation: "Berg said she ..." may still be Berg (unknown gender)
    text = "Mara Lind has left the clinic in Harlow. Tomas Berg told Weekend on Monday that she was resting."
    doc = seeded(nlp, text, [("Mara Lind", "PERSON", []), ("Tomas Berg", "PERSON", [])])
    assert linked(doc, "she") == {"Tomas Berg"}


def test_a_possessive_with_another_person_nearby_shows_nothing(nlp: Language) -> None:
    # "her" in Okafor's clause is Lind's, named just before: no gender for Okafor from it
    text = "Mara Lind won the award on Friday. Dele Okafor praised her courage."
    doc = seeded(nlp, text, [("Mara Lind", "PERSON", []), ("Dele Okafor", "PERSON", [])])
    assert "Dele Okafor" not in genders(doc)
    # with no one else near, a possessive in the subject's own clause is theirs
    text = "The vote was held on Friday. Dan Okafor lost his seat."
    doc = seeded(nlp, text, [("Dan Okafor", "PERSON", [])])
    assert genders(doc) == {"Dan Okafor": "male"}
