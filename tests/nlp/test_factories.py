"""newsgraph's components are spaCy factories any pipeline can add by name (the entry points)."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsgraph.nlp.pipeline import COMPONENTS, DEFAULT_MODEL

OURS = ["newsgraph_paragraphs", "newsgraph_ner_labels", *COMPONENTS]

TEXT = (
    'Mayor Lena Okafor of Brightwater said on Tuesday: "We will rebuild the Harlow bridge before winter."\n\n'
    "Police arrested two men in Brightwater yesterday after a fire at the Kessel Mill."
)


def test_every_component_is_a_named_entry_point() -> None:
    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert set(OURS) <= set(declared)
    for name in OURS:
        assert declared[name].startswith("newsgraph.nlp."), name


def test_every_entry_point_loads() -> None:
    """spaCy loads them all whenever any pipeline is made: a stale one would break every pipeline."""
    for ep in entry_points(group="spacy_factories"):
        if ep.name in OURS:
            assert callable(ep.load()), ep.name


@pytest.mark.parametrize("name", OURS)
def test_every_component_declares_what_it_reads_and_writes(name: str) -> None:
    spacy.blank("en")  # loads the entry points, as a user's own pipeline would
    meta = Language.get_factory_meta(name)
    assert meta.assigns, name
    if name != "newsgraph_paragraphs":
        assert meta.requires, name


def test_a_users_blank_pipeline_adds_the_paragraph_breaks_by_name() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_paragraphs")
    doc = nlp("The first paragraph ends here without a stop\n\nand a second one starts")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "and" in starts


@pytest.fixture(scope="module")
def users_pipeline() -> Language:
    """The pinned model, loaded with spaCy alone, our components added by name only."""
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("newsgraph_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.add_pipe("newsgraph_timex", name="timex_anchored", config={"anchor": "2024-03-05"})
    return nlp


def test_our_components_in_a_users_pipeline_produce_facts(users_pipeline: Language) -> None:
    doc = users_pipeline(TEXT)
    names = {c.name for c in doc._.ng_entities}
    assert {"Lena Okafor", "Brightwater"} <= names
    [quote] = doc._.ng_quotes
    assert quote.text == "We will rebuild the Harlow bridge before winter."
    assert quote.speaker_text == "Lena Okafor"
    assert any(e.trigger == "arrested" and e.actor_text == "Police" for e in doc._.ng_events)
    assert {t.text for t in doc._.ng_timexes} >= {"Tuesday", "yesterday"}
    assert doc._.ng_descriptions is not None and doc._.ng_relations is not None
    assert doc._.ng_coref is not None


def test_the_timex_anchor_is_a_config_value(users_pipeline: Language) -> None:
    config = users_pipeline.get_pipe_config("timex_anchored")
    assert config["anchor"] == "2024-03-05"
    doc = users_pipeline(TEXT)
    values = {t.text: t.value for t in doc._.ng_timexes}
    assert values["Tuesday"] == "2024-03-05"
    assert values["yesterday"] == "2024-03-04"


def test_without_an_anchor_relative_dates_stay_unresolved() -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("newsgraph_timex")
    assert nlp.get_pipe_config("newsgraph_timex")["anchor"] is None
    doc = nlp("The council met yesterday.")
    [timex] = doc._.ng_timexes
    assert timex.text == "yesterday" and timex.value is None


def test_a_bad_anchor_is_refused_when_the_component_is_made() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError):
        nlp.add_pipe("newsgraph_timex", config={"anchor": "5 March"})


def test_a_saved_pipeline_loads_back_with_our_components(users_pipeline: Language, tmp_path: Path) -> None:
    users_pipeline.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    assert [n for n in again.pipe_names if n.startswith(("newsgraph_", "timex_"))] == [
        "newsgraph_paragraphs",
        *COMPONENTS,
        "timex_anchored",
    ]
    assert again.get_pipe_config("timex_anchored")["anchor"] == "2024-03-05"
    [quote] = again(TEXT)._.ng_quotes
    assert quote.speaker_text == "Lena Okafor"


def test_every_entry_point_names_a_factory_of_nlp_and_name() -> None:
    """Each entry point is a ``(nlp, name)`` factory like spaCy's own, newsgraph_entities included."""
    import inspect

    nlp = spacy.blank("en")
    for ep in entry_points(group="spacy_factories"):
        if ep.name in OURS:
            made = ep.load()
            assert list(inspect.signature(made).parameters)[:2] == ["nlp", "name"], ep.name
    from newsgraph.nlp.entities import group_entities, make_entities

    assert make_entities(nlp, "newsgraph_entities") is group_entities


def test_the_context_component_reads_the_headline_a_user_gives_it(users_pipeline: Language) -> None:
    """newsgraph_context needs nothing computed outside the pipeline: given the headline and captions
    (``doc._.ng_context_texts``), it finds their names with the pipeline's own NER."""
    body = "Kestrel Lines, the terminal's operator, said on Tuesday that losses were mounting."
    doc = users_pipeline.make_doc(body)
    doc._.ng_context_texts = [
        ("title", 0, "Strike spreads"),
        ("caption", 0, "Pickets outside the Port of Brindle on Monday."),
    ]
    doc = users_pipeline(doc)
    port = next(c for c in doc._.ng_entities if c.name == "Port of Brindle")
    assert port.spans == [] and port.context  # named only in the caption: no body span
    plain = users_pipeline(body)  # without those texts the component leaves the body as it is
    assert "Port of Brindle" not in {c.name for c in plain._.ng_entities}
