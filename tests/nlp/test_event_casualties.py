"""Fatalities and injured as an event's own sentence states them (data/casualties.toml), null when
it states no number, and never a change to the event itself. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp import events as events_module
from newsgraph.nlp import load_pipeline
from newsgraph.nlp.event_casualties import parse_count, sentence_casualties


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _run(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.ng_published = "2026-03-12"
    return nlp(doc)


@pytest.mark.parametrize(
    ("phrase", "count"),
    [
        ("12", 12), ("1,200", 1200), ("at least 12", 12), ("more than 2,500", 2500), ("about 30", 30),
        ("Twenty-five", 25), ("twenty five", 25), ("three hundred", 300), ("a dozen", 12),
        ("two dozen", 24), ("one", 1), ("2 million", 2_000_000),
        ("dozens", None), ("hundreds", None), ("several", None), ("nearly 40", None),
        ("up to 15", None), ("fewer than 10", None), ("a", None), ("", None), ("people", None),
    ],
)  # fmt: skip
def test_a_number_phrase_gives_the_count_it_states(phrase: str, count: int | None) -> None:
    assert parse_count(phrase) == count


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Gunmen killed at least 12 people at a market in Velmar on Monday.", 12, None),
        ("Two soldiers were wounded when rebels ambushed a convoy near Tarsk.", None, 2),
        ("The blast brought the death toll to 40, officials said.", 40, None),
        ("The death toll from the floods rose to 2,000 on Sunday.", 2000, None),
        ("The explosion left 30 dead and dozens injured.", 30, None),
        ("Police said three protesters died and 25 were hurt in clashes with troops.", 3, 25),
        ("Twenty-five people were killed, including six children.", 25, None),
        ("A man was killed and two others were injured in the shooting.", 1, 2),
        ("Troops shelled the town, killing 1,200 civilians, the ministry said.", 1200, None),
        ("Raiders burned the camp, killing three villagers and wounding 14.", 3, 14),
        ("Five police officers and a civilian were killed in the ambush.", 6, None),
        ("Three people were shot dead by gunmen on Friday.", 3, None),
        ("Mara Velsen was stabbed to death outside her home in Tarsk.", 1, None),
        ("No one was hurt in the attack.", None, 0),
        ("The son of the former mayor, Fritz Albrecht, was stabbed to death while another man was injured.", 1, 1),
        ("Police shot and killed two men on Monday.", 2, None),
        ("Two dozen people were wounded when police fired rubber bullets.", None, 24),
    ],
)  # fmt: skip
def test_the_sentence_states_the_count(
    nlp: Language, text: str, killed: int | None, injured: int | None
) -> None:
    doc = _run(nlp, text)
    assert sentence_casualties(next(iter(doc.sents))) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "About 12 people attended the protest in Velmar.",  # no killing word
        "Police arrested 12 people after the march.",
        "The 40-year-old was killed in an airstrike.",  # an age, no count
        "He was killed in 2014 at the age of 52.",
        "The rebels threatened to kill 12 hostages.",  # supposed, not done
        "He pleaded guilty to threatening to assault and murder a village official.",
        "Rebels were sent to kill 12 villagers.",
        "The strike could kill 300 jobs, the union warned.",
        "Police did not kill 12 people, the report said.",
        "Nearly 40 people were killed in the fighting.",  # the true number is below it
        "Dozens of people were killed in the fighting.",  # vague
        "The fire killed 12 people and the flood killed 5 people.",  # two counts that disagree
        "The plant will cut 300 jobs and hurt sales, analysts said.",  # no people hurt
    ],
)
def test_no_count_where_the_sentence_states_none(nlp: Language, text: str) -> None:
    doc = _run(nlp, text)
    assert sentence_casualties(next(iter(doc.sents)))[0] is None


def test_violent_events_take_the_counts_and_talk_about_them_does_not(nlp: Language) -> None:
    doc = _run(
        nlp,
        "Troops shelled the town of Tarsk, killing 14 civilians and wounding 30, and the UN condemned the attack.",
    )
    by_type = {e.type: e for e in doc._.ng_events}
    violent = [e for e in doc._.ng_events if e.type in ("ASSAULT", "FIGHT")]
    assert violent and all((e.fatalities, e.injured) == (14, 30) for e in violent)
    if "DISAPPROVE" in by_type:  # a condemnation has no casualties of its own
        assert (by_type["DISAPPROVE"].fatalities, by_type["DISAPPROVE"].injured) == (None, None)


def test_a_supposed_event_takes_no_count(nlp: Language) -> None:
    doc = _run(nlp, "The rebels threatened to kill 12 hostages in Tarsk.")
    assert doc._.ng_events and all(e.fatalities is None for e in doc._.ng_events)


def test_the_new_fields_change_no_event(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Troops shelled the town of Tarsk on Monday, killing 14 civilians and wounding 30. "
        "Riot police arrested hundreds of protesters in Velmar. "
        "The ministry's spokesman said government forces attacked rebel positions, and the UN condemned it."
    )

    def core(doc: Doc) -> list[tuple]:
        return [(e.type, e.mode, e.actor, e.recipient, e.actor_text, e.recipient_text, e.confidence,
                 e.negated, e.hypothetical, e.date, e.trigger) for e in doc._.ng_events]  # fmt: skip

    with_details = _run(nlp, text)
    monkeypatch.setattr(events_module, "add_details", lambda doc, events: None)
    without = _run(nlp, text)
    assert core(with_details) == core(without) and core(without)
    assert any(e.fatalities == 14 for e in with_details._.ng_events)
    assert all(e.fatalities is None and e.actor_sector is None for e in without._.ng_events)
