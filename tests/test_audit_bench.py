"""The audit bench's own parts: a labelled fact is found again across sheet versions, rows no view
can show do not place a threshold, and a labelled sheet is scored with its interval."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


audit = _load("audit")
calibrate = _load("calibrate")


def test_a_dated_line_is_the_same_fact_in_the_old_and_the_new_sheet_format() -> None:
    old = "DATE 2019-11-18: Ana Ruiz said \u201cWe walk\u201d"
    new = "DATE 2019-11-18 (18 November 2019): Ana Ruiz said \u201cWe walk\u201d"
    assert audit.core("dated", old) == audit.core("dated", new)
    other = "DATE 2019-11-19 (19 November 2019): Ana Ruiz said \u201cWe walk\u201d"
    assert audit.core("dated", other) != audit.core("dated", new)
    a = "DATE 2020 ('2020'): a line about Brisk"
    b = "DATE 2020 (2020; '2020'): a line about Brisk"
    assert (
        audit.core("dated", a) == audit.core("dated", b) != audit.core("dated", a.replace("Brisk", "Alder"))
    )


def test_an_event_with_other_roles_is_another_fact_but_a_marked_fallback_place_is_not() -> None:
    plain = "EVENT COERCE/arrest actor=Police recipient=Ana Ruiz place=Alder trigger='arrested'"
    marked = plain.replace("place=Alder", "place=Alder (dateline: the article's place, not the sentence's)")
    assert audit.core("event", plain) == audit.core("event", marked)
    assert audit.core("event", plain) != audit.core("event", plain.replace("Ana Ruiz", "Odile Marsh"))


def test_an_unnamed_speaker_with_other_words_is_another_quote_but_a_renamed_entity_is_not() -> None:
    unnamed = (
        "SPEAKER: A spokesperson [unnamed: the words the text gives] | direct quote: \u201cWe stay\u201d"
    )
    longer = unnamed.replace("A spokesperson", "A spokesperson for the Alder port")
    assert audit.core("quote", unnamed) != audit.core("quote", longer)
    named = "SPEAKER: Ana Ruiz | direct quote: \u201cWe stay\u201d"
    assert audit.core("quote", named) == audit.core("quote", named.replace("Ana Ruiz", "Ana M. Ruiz"))


@pytest.mark.parametrize(
    ("kind", "fact", "never"),
    [
        ("quote", "SPEAKER: (no speaker) | direct quote: \u201cx\u201d", True),
        ("quote", "SPEAKER: Ana Ruiz | direct quote: \u201cx\u201d", False),
        ("event", "EVENT PROTEST actor=Guild recipient=- place=- trigger='march' (hypothetical)", True),
        ("relation", "Ana Ruiz NOT leader_of Guild", True),
        ("dated", "DATE PRESENT_REF ('now'): a line about Ana Ruiz", True),
        ("dated", "DATE 2019-11-18 (18 November 2019): Ana Ruiz said \u201cx\u201d", False),
    ],
)
def test_rows_no_view_can_show_do_not_place_a_threshold(kind: str, fact: str, never: bool) -> None:
    assert calibrate.never_shown({"kind": kind, "fact": fact}) is never


def test_score_prints_precision_and_its_interval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=audit.FIELDS)
        writer.writeheader()
        for i in range(10):
            writer.writerow(
                {"round": "t", "kind": "quote", "fact_id": f"quote:{i}", "label": "correct" if i else "wrong"}
            )
    assert audit.main(["score", str(sheet)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("quote"))
    assert line.split()[1:4] == ["10", "9", "0.900"]
    assert "[0.60, 0.98]" in line


def test_words_given_to_another_entity_do_not_carry_a_label_over() -> None:
    then = "Charles is described as: \u201cthe younger brother of the heir\u201d"
    assert audit.core("description", then) == audit.core("description", then.replace("Charles", "Andrew"))
    # the same words now given to another entity are another fact (a "wrong entity" label stays behind)
    assert not audit.same_holder("description", then, then.replace("Charles", "Andrew"))
    assert audit.same_holder("description", then, then.replace("Charles", "Prince Charles"))
    named = "SPEAKER: Carlineo [as 'he'] | indirect quote: \u201che supported the plan\u201d"
    assert audit.same_holder("quote", named, named.replace("Carlineo [as 'he']", "Patrick Carlineo Jr."))
    assert not audit.same_holder("quote", named, named.replace("Carlineo", "Ilhan Omar"))
    assert audit.same_holder("relation", "A employed_by B", "A employed_by C")  # relations: the core decides


def test_the_context_after_a_sentence_runs_past_a_title_s_full_stop() -> None:
    """A quotation the splitter cut off before '" said U.S. Attorney Erin Nealy Cox.' shows the
    speaker's whole name in the sheet's context; the context before starts at a sentence."""
    text = '"Justice has been served." said U.S. Attorney Erin Nealy Cox. The jury agreed.'
    end = text.index(" said")
    assert audit._context_after(text, end) == "said U.S. Attorney Erin Nealy Cox."
    before = "The court rose in the U.S. capital. Marty Earley spoke first. "
    assert audit._context(before + "Then the judge spoke.", len(before)) == "Marty Earley spoke first."
