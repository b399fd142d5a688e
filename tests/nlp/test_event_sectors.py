"""Actor and recipient sectors where the participant's own words (or its entity's name) say them
(data/sectors.toml); null where they do not. Sentences written for these tests."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Event
from newsgraph.nlp import load_pipeline
from newsgraph.nlp.event_sectors import SECTORS, load_sectors


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _run(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.ng_published = "2026-03-12"
    return nlp(doc)


def _event(doc: Doc, trigger: str) -> Event:
    found = [e for e in doc._.ng_events if trigger in (e.trigger or "").lower()]
    assert found, [(e.type, e.trigger) for e in doc._.ng_events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "recipient"),
    [
        ("Troops shelled the town, killing 1,200 civilians, the ministry said.", "killing", "military", "civilians"),
        ("Israeli forces raided the camp on Tuesday.", "raided", "military", None),
        ("The ministry's spokesman said government forces attacked rebel positions.", "attacked", "military", None),
        ("Riot police arrested hundreds of protesters in Velmar on Monday.", "arrested", "police", "protesters"),
        ("Velmar police arrested three journalists outside the court.", "arrested", "police", "media"),
        ("Insurgents ambushed a convoy of soldiers near Tarsk.", "ambushed", "rebels", "military"),
        ("Acme Corp sued the Velmar Times over the report.", "sued", "business", "media"),
        ("The UN condemned the attack on the village.", "condemned", "international", None),
        ("President Anton Brel met Prime Minister Ilse Marr in Tarsk.", "met", "government", "government"),
    ],
)  # fmt: skip
def test_the_participants_words_say_the_sector(
    nlp: Language, text: str, trigger: str, actor: str | None, recipient: str | None
) -> None:
    event = _event(_run(nlp, text), trigger)
    assert (event.actor_sector, event.recipient_sector) == (actor, recipient)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Anton Brel criticised Ilse Marr over the budget.", "criticised"),  # names alone say nothing
        ("The former president criticised Ilse Marr over the budget.", "criticised"),  # a role that is over
        ("Officials criticised Ilse Marr over the budget.", "criticised"),  # officials of whom?
        # an armed group, not said to be rebels
        ("Gunmen attacked a police station near Tarsk on Monday.", "attacked"),
    ],
)
def test_no_sector_where_the_words_say_none(nlp: Language, text: str, trigger: str) -> None:
    assert _event(_run(nlp, text), trigger).actor_sector is None


def test_the_vocabulary_names_only_the_issues_sectors() -> None:
    vocab = load_sectors()
    named = set(vocab.words.values()) | set(vocab.names.values()) | set(vocab.name_cues.values())
    assert named <= set(SECTORS)
    data = tomllib.loads(resources.files("newsgraph").joinpath("data/sectors.toml").read_text("utf-8"))
    assert set(data["sectors"]) == set(SECTORS)
    # one word, one sector: a word listed twice would be read as the first sector only
    seen: dict[str, str] = {}
    for sector, table in data["sectors"].items():
        for word in table.get("words", []):
            assert seen.setdefault(word, sector) == sector, word
