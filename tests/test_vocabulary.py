"""The shared vocabularies (data/speech.toml, data/months.toml) are read once and used by every reader."""

from __future__ import annotations

import ast
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import newsgraph
from newsgraph import vocabulary
from newsgraph.extract.dates import find_date
from newsgraph.nlp import coref_rules, event_roles, quotes, timex, timex_grammar

SRC = Path(newsgraph.__file__).resolve().parent


def _speech() -> dict:
    return tomllib.loads(resources.files("newsgraph").joinpath("data/speech.toml").read_text("utf-8"))


@pytest.mark.parametrize("reader", vocabulary.SPEECH_READERS)
def test_each_reader_takes_the_core_and_its_own_additions(reader: str) -> None:
    table = _speech()["speech_verbs"]
    verbs = vocabulary.speech_verbs(reader)
    assert set(table["core"]) <= verbs
    assert verbs == set(table["core"]) | set(table[reader])
    assert not set(table["core"]) & set(table[reader]), "an addition repeats a core verb"


def test_the_components_use_the_shared_lists() -> None:
    assert quotes.SPEECH_VERBS is vocabulary.speech_verbs("quotes")
    assert event_roles.SPEECH_VERBS is vocabulary.speech_verbs("events")
    assert coref_rules.SPEECH_VERBS is vocabulary.speech_verbs("coref")
    assert timex._REPORTING is vocabulary.speech_verbs("timex")
    assert timex_grammar.MONTHS is vocabulary.month_numbers()


def test_where_the_readers_differ_is_written_down() -> None:
    # coreference also follows verbs of belief; only quotes read "tweet"; timex reads "reveal"
    assert {"believe", "expect"} <= vocabulary.speech_verbs("coref") - vocabulary.speech_verbs("quotes")
    assert "tweet" in vocabulary.speech_verbs("quotes") - vocabulary.speech_verbs("events")
    assert "reveal" in vocabulary.speech_verbs("timex") - vocabulary.speech_verbs("quotes")


def test_an_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="readers"):
        vocabulary.speech_verbs("relations")  # type: ignore[arg-type]


def test_months_and_their_abbreviations() -> None:
    numbers = vocabulary.month_numbers()
    assert numbers["sept"] == numbers["sep"] == numbers["september"] == 9
    assert numbers["may"] == 5 and len(set(numbers.values())) == 12
    assert vocabulary.month_names()[0] == "january" and len(vocabulary.month_names()) == 12


def test_the_page_date_finder_reads_the_shared_months() -> None:
    assert find_date("Posted Sept. 4, 2025 at 9:10") == "2025-09-04"
    assert find_date("Updated 17 of February 2024") == "2024-02-17"
    assert find_date("Nothing dated here") is None


def test_no_module_writes_a_month_table_again() -> None:
    """A string 'january' or 'september' in code is a second month table."""
    copies = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.lower() in ("january", "september"):
                    copies.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert copies == []


def test_acronym_stop_words_are_one_table_with_each_readers_additions() -> None:
    from newsgraph.nlp import entities
    from newsgraph.resolve import names

    table = tomllib.loads(resources.files("newsgraph").joinpath("data/acronym_stop.toml").read_text("utf-8"))
    core = set(table["acronym_stop"]["core"])
    assert vocabulary.acronym_stop("entities") == core | {"&"}
    assert vocabulary.acronym_stop("names") == core | {"at", "a"}
    assert not core & (set(table["acronym_stop"]["entities"]) | set(table["acronym_stop"]["names"]))
    assert entities._ACRONYM_STOP is vocabulary.acronym_stop("entities")
    assert names._ACRONYM_STOP is vocabulary.acronym_stop("names")
    with pytest.raises(ValueError):
        vocabulary.acronym_stop("quotes")  # type: ignore[arg-type]


def test_each_reader_takes_initials_as_before() -> None:
    from newsgraph.nlp.entities import acronym_of
    from newsgraph.resolve.names import initials

    # the mention grouper skips '&' and keeps 'at'; the stored entity's keys skip 'at' and 'a'
    assert acronym_of("Kestrel & Dunmore Freight") == "KDF"
    assert acronym_of("Office at the Lower Weir") == "OALW"
    assert acronym_of("Guild of Lantern Makers") == "GLM"
    assert initials("Office at the Lower Weir") == "olw"
    assert initials("Kestrel & Dunmore Freight") == "kdf"
    assert initials("Brenwick") == ""


def test_no_module_writes_an_acronym_stop_set_again() -> None:
    for path in Path(newsgraph.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and "ACRONYM_STOP" in t.id for t in node.targets
            ):
                assert (
                    isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "acronym_stop"
                ), f"{path.name} writes its own acronym stop words"
