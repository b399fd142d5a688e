"""Beside a person's name, a bare phrase (no determiner or possessive) is another mention of them
only when it is a role or kind of person: "Tomas Berg, Corvane communications lead," is; a misread
appositive such as a magazine's name or "Good luck" is not. Sentences
written for this test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import load_pipeline

from .test_coref import linked, seeded


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def test_a_role_beside_a_person_is_a_mention(nlp: Language) -> None:
    text = "Tomas Berg, the singer's publicist, spoke to reporters on Monday."
    doc = seeded(nlp, text, [("Tomas Berg", "PERSON", [])])
    assert linked(doc, "the singer's publicist") == {"Tomas Berg"}
    text = "Tomas Berg, Corvane communications lead, spoke to reporters on Monday."
    doc = seeded(nlp, text, [("Tomas Berg", "PERSON", [])])
    assert linked(doc, "Corvane communications lead") == {"Tomas Berg"}


def test_a_misread_appositive_beside_a_person_is_no_mention(nlp: Language) -> None:
    text = "Tomas Berg, Weekend magazine, reported that the singer was fine."
    doc = seeded(nlp, text, [("Tomas Berg", "PERSON", [])])
    assert "Weekend magazine" in {d.text for d in doc._.ng_descriptions}  # the misreading this guards
    assert linked(doc, "Weekend magazine") == set()
    text = "Tomas Berg, Good luck, left the set."
    doc = seeded(nlp, text, [("Tomas Berg", "PERSON", [])])
    assert linked(doc, "Good luck") == set()
