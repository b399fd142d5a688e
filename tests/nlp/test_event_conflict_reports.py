"""Short conflict reports of the kind ACLED codes, and look-alikes, in sentences we wrote: the event
type, who did it, and what stays quiet (the error classes found with bench/acled_reports.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Article, Event
from newsgraph.nlp import load_pipeline
from newsgraph.nlp.event_certainty import load_certainty, material
from newsgraph.trust import shown

VIOLENT_OR_PROTEST = {"FIGHT", "ASSAULT", "PROTEST"}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _events(nlp: Language, text: str) -> list[Event]:
    article = Article(id="t", source="t", text=text, published="2025-04-02")
    doc = nlp.make_doc(article.text)
    doc._.ng_published = article.published
    return nlp(doc)._.ng_events


def _sure(event: Event) -> bool:
    """Shown, or for violence and protest (measured below 0.9 in conflict reports) in their own band."""
    c = load_certainty()
    if material(event.type, event.mode):
        return event.confidence == c.combat_band and not shown("event", event.confidence)
    return shown("event", event.confidence)


def test_violence_and_protest_stay_unconfirmed_even_in_their_surest_shapes(nlp: Language) -> None:
    """Conflict reports: events in the top band were right 37 of 46 (r37), 20 of 27 (r39) and 15 of 25
    (r40, reports nobody had read): violence, protest and property seized or destroyed are kept, in
    a band of their own, and not shown; a political act (an arrest by authorities) still is."""
    for text in (
        "Rebels seized the town of Menka on Saturday, residents said.",
        "Thousands of protesters marched through central Orla on Sunday.",
        "Gunmen killed 12 villagers in Lumo on Monday.",
        "Militants torched a school in Sadra on Friday.",
    ):
        events = _events(nlp, text)
        assert events and not any(shown("event", e.confidence) for e in events), [
            (e.type, e.confidence) for e in events
        ]
        assert any(e.confidence == load_certainty().combat_band for e in events), events
    events = _events(nlp, "Police arrested three opposition activists in Orla on Monday.")
    assert any(e.type == "COERCE" and shown("event", e.confidence) for e in events), events


def _coded(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.mode, e.trigger) for e in events]


@pytest.mark.parametrize(
    ("text", "etype", "mode", "word"),
    [
        # an armed party's attack on soldiers, police or a site they hold is combat (ACLED's Battles)
        ("Insurgents attacked an army checkpoint outside Dorva on Monday.", "FIGHT", None, "attacked"),
        ("Militants stormed a police station in Karo overnight.", "FIGHT", None, "stormed"),
        # ground taken: a town seized, control regained ("retook", whose lemma the tagger misses)
        ("Rebels seized the town of Menka on Saturday, residents said.", "FIGHT", None, "seized"),
        ("Army units retook the village of Sadra from the rebels on Friday.", "FIGHT", None, "retook"),
        ("Government troops regained control of the district of Ossa on Sunday.", "FIGHT", None, "regained"),
        # two sides firing at each other
        ("Soldiers exchanged fire with rebel fighters near Lumo on Tuesday.", "FIGHT", None, "exchanged"),
        ("Two militants died in an exchange of fire with troops near Varo.", "FIGHT", None, "exchange"),
        ("Troops engaged insurgent fighters in the hills above Tesso on Monday.", "FIGHT", None, "engaged"),
        # weapons fired or dropped from afar
        ("The air force carried out a drone strike on a market in Pela.", "FIGHT", "heavy-weapons", "drone"),
        ("Rebels fired mortars at an army base outside Kessa on Friday.", "FIGHT", "heavy-weapons", "fired"),
        ("Drones dropped explosives on houses in Vilo overnight.", "FIGHT", "aerial", "dropped"),
        (
            "A man lobbed a grenade into a crowded bar in Tarsa, wounding five.",
            "ASSAULT",
            "explosives",
            "grenade",
        ),
        # a crowd that gathered to protest
        (
            "Thousands gathered in the main square of Orla to protest against the new tax.",
            "PROTEST",
            "demonstrate",
            "gathered",
        ),
        # a hyphenated noun, which the tokenizer splits ("sit", "-", "in")
        (
            "Retired teachers held a sit-in outside the ministry in Orla on Monday.",
            "PROTEST",
            "demonstrate",
            "sit-in",
        ),
        # a mob's arson is a riot; plunder by armed men is a seizure, by rioters a riot
        ("A mob set fire to shops owned by migrants in Delsa on Sunday.", "PROTEST", "riot", "set"),
        ("Armed men looted a health centre in Barro on Monday.", "COERCE", "confiscate", "looted"),
        ("Rioters looted shops in the centre of Varo.", "PROTEST", "riot", "looted"),
        # a base set up by an armed group
        ("Militants set up a base in a forest near Kaldi, residents said.", "MOBILIZE", "troops", "set"),
    ],
)
def test_a_conflict_report_codes_its_kind_of_event(
    nlp: Language, text: str, etype: str, mode: str | None, word: str
) -> None:
    events = _events(nlp, text)
    assert any(e.type == etype and e.mode == mode and word in (e.trigger or "").lower() for e in events), (
        _coded(events)
    )


@pytest.mark.parametrize(
    "text",
    [
        # an attack on people who bear no arms stays one-sided violence
        "Militants attacked a school in Dorva on Monday.",
        "Rebels attacked a bus carrying traders near Menka.",
    ],
)
def test_an_attack_on_civilians_stays_an_assault(nlp: Language, text: str) -> None:
    events = _events(nlp, text)
    assert any(e.type == "ASSAULT" for e in events) and not any(e.type == "FIGHT" for e in events), _coded(
        events
    )


@pytest.mark.parametrize(
    "text",
    [
        # ordinary crime, with the police that arrested the doer in another clause
        "Police in Tarsa arrested a man who stabbed his cousin during a row over money.",
        # criminals carry arms, and still commit crime
        "Armed robbers shot a security guard during a raid on a jewellery shop in Kessa.",
        "Armed robbers attacked a cash van on the highway near Lumo, police said.",
        # sport
        "Tarsa and Kessa clashed in a bruising derby on Saturday, with the hosts snatching a late winner.",
        "Lumo United won the penalty shootout 4-3 after a goalless draw.",
        # other senses of the new words
        "The singer stormed off the stage after ten minutes.",
        "The firm engaged a consultant to review its accounts.",
    ],
)
def test_look_alikes_code_no_violent_or_protest_event(nlp: Language, text: str) -> None:
    events = _events(nlp, text)
    assert not [e for e in events if e.type in VIOLENT_OR_PROTEST], _coded(events)


def test_seizing_things_is_no_ground_taken(nlp: Language) -> None:
    events = _events(nlp, "Soldiers seized weapons and ammunition in a raid near Menka on Tuesday.")
    assert not any(e.type == "FIGHT" for e in events), _coded(events)


def test_a_dateline_with_a_date_is_no_actor(nlp: Language) -> None:
    text = (
        "DORVA, Kessia, 8 Oct (Reuters) - Kessian rebels seized the town of Menka on Sunday, residents said."
    )
    seized = next(e for e in _events(nlp, text) if e.trigger == "seized")
    assert seized.type == "FIGHT" and "rebels" in (seized.actor_text or ""), seized
    assert "Reuters" not in (seized.actor_text or "") and "DORVA" not in (seized.actor_text or ""), seized
    text = "TARSA, March 28 (Reuters) - Protesters torched a police post in the capital on Friday."
    torched = next(e for e in _events(nlp, text) if e.trigger == "torched")
    assert (torched.type, torched.mode) == ("PROTEST", "riot") and torched.actor_text == "Protesters", torched


def test_a_town_is_not_the_police_in_it(nlp: Language) -> None:
    doc = nlp("Police in Nakuru arrested three men on Tuesday.")
    arrest = next(e for e in doc._.ng_events if e.type == "COERCE")
    nakuru = next(c.id for c in doc._.ng_entities if c.name == "Nakuru")
    assert arrest.actor != nakuru and arrest.actor_text == "Police in Nakuru", arrest


def test_a_states_forces_named_by_the_state_are_shown(nlp: Language) -> None:
    """ "the Kessian military", "Malian authorities": the state's own forces or bodies act; a party
    named by its modifier is otherwise a guess ("the US lawyers")."""
    for text in (
        "The Malian military regained control of the village of Sadra on Sunday.",
        "Malian authorities arrested a former minister in Bamako on Tuesday.",
    ):
        events = _events(nlp, text)
        assert any(_sure(e) for e in events), [(e.type, e.confidence) for e in events]


def test_an_attack_in_words_is_disapproval(nlp: Language) -> None:
    events = _events(nlp, "The opposition leader attacked the government's budget plan as reckless.")
    assert any(e.type == "DISAPPROVE" and e.trigger == "attacked" for e in events), _coded(events)
    assert not any(e.type == "ASSAULT" for e in events), _coded(events)


def test_an_armed_group_named_by_its_short_name_is_shown(nlp: Language) -> None:
    """ "ISWAP militants": the tagger may call the group a nationality, but the short name in
    capitals is the group's own; a nationality before a lawyer is still only where he is from."""
    events = _events(nlp, "Suspected ISWAP militants killed nine farmers near Damboa on Sunday.")
    assert any(e.type == "ASSAULT" and _sure(e) for e in events), [(e.type, e.confidence) for e in events]
    events = _events(nlp, "M23 rebels fired mortar shells into the town of Kanyabayonga on Monday.")
    assert any(e.type == "FIGHT" and _sure(e) for e in events), [(e.type, e.confidence) for e in events]


def test_a_dateline_is_no_place_for_an_event_the_text_places_elsewhere(nlp: Language) -> None:
    text = "KABUL, Afghanistan (AP) — Soldiers clashed with insurgents in the Varnak valley on Tuesday."
    clash = next(e for e in _events(nlp, text) if e.type == "FIGHT")
    assert clash.place is None, clash.place  # the text says where; the gazetteer does not know it
    text = "KABUL, Afghanistan (AP) — Police arrested six men on Tuesday."
    arrest = next(e for e in _events(nlp, text) if e.type == "COERCE")
    assert arrest.place is not None and arrest.place["name"] == "Kabul", arrest.place


def test_a_death_in_a_fight_is_the_fight(nlp: Language) -> None:
    events = _events(
        nlp, "Two suspected raiders died in an exchange of fire with soldiers near Lumo on Sunday."
    )
    assert any(e.type == "FIGHT" for e in events) and not any(e.type == "DEATH" for e in events), _coded(
        events
    )


def test_a_raid_is_an_attack_by_armed_men_and_a_search_by_police(nlp: Language) -> None:
    events = _events(nlp, "Gunmen raided the village of Sadra overnight, burning huts, residents said.")
    assert any(e.type == "ASSAULT" and e.trigger == "raided" for e in events), _coded(events)
    events = _events(nlp, "Police raided a house in Kessa on Monday.")
    assert any(e.type == "COERCE" and e.trigger == "raided" for e in events), _coded(events)


def test_people_shot_are_the_victims_not_the_village(nlp: Language) -> None:
    text = "Rebels hacked and shot dead 14 villagers in a night raid on Sadra, a local official said."
    shot = next(e for e in _events(nlp, text) if e.trigger == "shot")
    assert shot.type == "ASSAULT" and "villagers" in (shot.recipient_text or ""), shot
    assert not any(e.type == "COERCE" and e.trigger == "hacked" for e in _events(nlp, text))


def test_supporters_of_a_person_act_themselves(nlp: Language) -> None:
    doc = nlp("Thousands of supporters of opposition leader Tomas Reyes marched through Orla on Sunday.")
    march = next(e for e in doc._.ng_events if e.type == "PROTEST")
    reyes = next(c.id for c in doc._.ng_entities if c.name == "Tomas Reyes")
    assert march.actor != reyes and "supporters" in (march.actor_text or ""), march


def test_violence_is_done_to_the_people_struck_not_to_what_they_belong_to(nlp: Language) -> None:
    doc = nlp("Gunmen killed a leader of the Kessian Farmers' Union at a camp near Orla on Sunday.")
    killed = next(e for e in doc._.ng_events if e.trigger == "killed")
    union = [c.id for c in doc._.ng_entities if "Union" in c.name]
    assert killed.recipient not in union and "leader" in (killed.recipient_text or ""), killed


def test_r39_shapes(nlp: Language) -> None:
    """The error classes of r39 (a report round that became a development round), in sentences we
    wrote: a storm is no speaker, youths shot while protesting are victims, a named side's patrol
    bears arms, a district in brackets is where a village is, a phrase the parser cut at "of" runs on."""
    events = _events(
        nlp, "Typhoon Kalmo slammed into the coast of Lumo late Sunday, killing at least 10 people."
    )
    assert not any(e.type == "DISAPPROVE" for e in events), _coded(events)
    events = _events(nlp, "Security forces opened fire on youths protesting along the main road in Orla.")
    assert any(e.type == "ASSAULT" and "opened fire" in (e.trigger or "") for e in events), _coded(events)
    events = _events(nlp, "Rebels said they ambushed a Kessian army patrol near Lumo overnight.")
    assert any(e.type == "FIGHT" and e.trigger == "ambushed" for e in events), _coded(events)
    doc = nlp("On 3 May 2024, soldiers raided Tal Gyi village (Varmu, Kessa) and detained several villagers.")
    raid = next(e for e in doc._.ng_events if e.trigger == "raided")
    varmu = [c.id for c in doc._.ng_entities if c.name == "Varmu"]
    assert raid.recipient not in varmu if varmu else True, raid
    assert "Varmu" not in (raid.recipient_text or ""), raid
    text = "DORVA, Kessia (AP) — Thousands of supporters of the opposition party KUP marched through the capital."
    march = next(e for e in _events(nlp, text) if e.type == "PROTEST")
    assert not (march.actor_text or "").endswith(" of"), march


def test_people_seized_by_an_armed_group_are_abducted_and_traders_protest(nlp: Language) -> None:
    events = _events(nlp, "Suspected rebels seized six fishermen from an island near Lumo on Tuesday.")
    assert any((e.type, e.mode) == ("ASSAULT", "abduct") for e in events), _coded(events)
    events = _events(nlp, "Police seized two suspects in Menka on Monday.")
    assert not any(e.type == "ASSAULT" for e in events), _coded(events)  # an arrest, not an abduction
    events = _events(nlp, "Dozens of informal traders staged a sit-in outside the town hall on Monday.")
    assert any(e.type == "PROTEST" for e in events), _coded(events)  # traders are people, no cause
