"""Quotations (``newsgraph_quotes``): the examples' gold quotes, fixtures, dates and tricky cases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsgraph.extract import extract
from newsgraph.model import Article, Page, Timex
from newsgraph.nlp import annotate, annotate_docs, load_pipeline
from newsgraph.nlp.quote_marks import find_quote_spans
from newsgraph.nlp.quotes import find_quotes

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
FIXTURES = REPO / "tests" / "data" / "quotes" / "fixtures.jsonl"
SINGLE_FIXTURES = REPO / "tests" / "data" / "quotes" / "single_quotes.jsonl"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _speaker_name(doc, quote) -> str | None:
    return next((c.name for c in doc._.ng_entities if c.id == quote.speaker), None)


@pytest.fixture(scope="module")
def example_docs(nlp) -> dict:
    docs = {}
    for name in ("alder-strike.txt", "alder-deal.html"):
        path = EXAMPLES / name
        page = Page(
            source=str(path), kind="html" if path.suffix == ".html" else "text", data=path.read_bytes()
        )
        for _, doc in annotate_docs([extract(page)], nlp):
            docs[name] = doc
    return docs


def _with_timexes(doc, values: dict[str, str]):
    """Set ``doc._.ng_timexes`` by hand (first occurrence of each phrase) and re-run the quote finder."""
    timexes = []
    for phrase, value in values.items():
        m = re.search(re.escape(phrase), doc.text)
        assert m, phrase
        timexes.append(Timex(phrase, m.start(), m.end(), "DATE", value))
    doc._.ng_timexes = timexes
    return find_quotes(doc)


def test_example_gold_quotes(example_docs):
    gold = json.loads((EXAMPLES / "gold.json").read_text())
    for g in gold["quotes"]:
        doc = example_docs[g["file"]]
        hits = [q for q in doc._.ng_quotes if q.text == g["text"]]
        assert len(hits) == 1, (g, [q.text for q in doc._.ng_quotes])
        q = hits[0]
        assert q.kind == g["kind"], g
        assert _speaker_name(doc, q) == g["speaker"], g
        assert doc.text[q.start : q.end] == q.text


def test_example_dates_from_timexes(example_docs, nlp):
    """Dates come from the time expression attached to the speech verb, not from the quoted words."""
    gold = json.loads((EXAMPLES / "gold.json").read_text())
    strike = nlp(example_docs["alder-strike.txt"].text)
    quotes = _with_timexes(
        strike, {"Wednesday": "2026-03-11", "Tuesday": "2026-03-10", "next week": "2026-W12"}
    )
    deal = nlp(example_docs["alder-deal.html"].text)
    quotes_deal = _with_timexes(deal, {"Wednesday": "2026-03-18", "Thursday morning": "2026-03-19TMO"})
    by_text = {q.text: q for q in quotes + quotes_deal}
    for g in gold["quotes"]:
        assert by_text[g["text"]].date == g.get("date"), g


def _fixture_items() -> list[dict]:
    return [
        json.loads(line)
        for path in (FIXTURES, SINGLE_FIXTURES)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.parametrize("item", _fixture_items(), ids=lambda item: item["id"])
def test_fixture(nlp, item):
    doc = nlp(item["text"])
    got = sorted(((q.kind, q.speaker_text, q.cue, q.text) for q in doc._.ng_quotes), key=str)
    want = sorted(((g["kind"], g["speaker"], g["cue"], g["content"]) for g in item["quotes"]), key=str)
    assert got == want


def test_fixture_offsets_point_at_their_text(nlp):
    for item in _fixture_items():
        doc = nlp(item["text"])
        for q in doc._.ng_quotes:
            assert doc.text[q.start : q.end] == q.text
            if q.cue is not None:
                assert doc.text[q.cue_start : q.cue_end] == q.cue
            if q.speaker_text is not None:
                assert doc.text[q.speaker_start : q.speaker_end] == q.speaker_text


def test_quote_marks_pairing():
    text = 'She said: “First part.\n\n“Second part.”\n\nA stray " mark and 5\'10" tall.'
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["First part.\n\n“Second part."]
    assert spans[0].paragraphs == 2
    assert find_quote_spans('"Unclosed at the end\n\nof a paragraph') == []


def test_date_ignores_time_inside_reported_clause_and_relative_clause(nlp):
    doc = nlp("John Ward, who was arrested on Monday, said on Friday that the vote would be held on Sunday.")
    quotes = _with_timexes(doc, {"Monday": "2026-03-09", "Friday": "2026-03-13", "Sunday": "2026-03-15"})
    assert [(q.kind, q.date) for q in quotes] == [("indirect", "2026-03-13")]
    assert quotes[0].text == "the vote would be held on Sunday"


def test_date_is_never_a_reference_or_a_duration(nlp):
    """ "now says" or "said for years" tell when only vaguely: the quote keeps no date."""
    doc = nlp("“We are ready,” Anna Berg now says.")
    assert [q.date for q in _with_timexes(doc, {"now": "PRESENT_REF"})] == [None]
    doc = nlp("“We are ready,” Anna Berg said on Friday.")
    assert [q.date for q in _with_timexes(doc, {"Friday": "2026-03-13"})] == ["2026-03-13"]


def test_no_speaker_found_gets_low_confidence(nlp):
    doc = nlp('"The water is rising," it was said by nobody in particular.')
    for q in doc._.ng_quotes:
        if q.speaker is None:
            assert q.confidence < 0.6


def test_pronoun_speaker_without_coref_is_the_last_person(nlp):
    doc = nlp('Anna Berg runs the shelter. "We have no more beds," she said.')
    doc._.ng_coref = None
    quotes = find_quotes(doc)
    assert len(quotes) == 1
    assert _speaker_name(doc, quotes[0]) == "Anna Berg"
    assert quotes[0].confidence < 0.9


def test_split_quote_around_cue(nlp):
    doc = nlp('"We tried," Omar Said Khan said, "but the river was too fast."')
    quotes = doc._.ng_quotes
    assert [q.text for q in quotes] == ["We tried,", "but the river was too fast."]
    assert len({q.speaker for q in quotes}) == 1 and quotes[0].speaker is not None


def test_title_in_subject_is_not_a_quote(nlp):
    doc = nlp('The report, titled "A Nation at Risk", said schools were failing.')
    assert [(q.kind, q.text) for q in doc._.ng_quotes] == [("indirect", "schools were failing")]


def test_quoted_as_saying_takes_the_passive_subject(nlp):
    doc = nlp('Lars Eng was quoted as saying: "We will return."')
    quotes = doc._.ng_quotes
    assert [(q.kind, q.text, q.speaker_text) for q in quotes] == [("direct", "We will return.", "Lars Eng")]


def test_example_dates_end_to_end(example_docs, nlp):
    """With the real timex component in the pipeline, the gold direct quotes get their dates."""
    if "newsgraph_timex" not in nlp.pipe_names:
        pytest.skip("the timex component is not in this pipeline")
    gold = json.loads((EXAMPLES / "gold.json").read_text())
    for g in gold["quotes"]:
        if "date" in g:
            q = next(q for q in example_docs[g["file"]]._.ng_quotes if q.text == g["text"])
            assert q.date == g["date"], g


@pytest.mark.parametrize(
    "text",
    [
        "The new models, which analysts say will boost sales, arrive in May.",
        "We confirmed that the office was closed on Friday.",
    ],
)
def test_not_indirect_quotes(nlp, text):
    assert nlp(text)._.ng_quotes == []


def _quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # British style: single curly marks as the primary quotation marks.
        ("‘The ferry will sail at noon,’ the captain said.", ["The ferry will sail at noon,"]),
        ("The captain said: ‘The ferry will sail at noon.’", ["The ferry will sail at noon."]),
        ("It was a ‘mistake’. She called it ‘a disaster’, then left.", ["mistake", "a disaster"]),
        ("She said ‘maybe’ and ‘never’ in one breath.", ["maybe", "never"]),
        # Words in "s" that own nothing end a quotation before a space.
        ("It is ‘us’ and ‘them’ now, he called it ‘dangerous’ and left.", ["us", "them", "dangerous"]),
        # Apostrophes inside a quotation: contractions, possessives, decades, elisions.
        ("‘It’s the union’s call, not ours,’ he said.", ["It’s the union’s call, not ours,"]),
        ("‘The dockers’ union will not budge,’ he said.", ["The dockers’ union will not budge,"]),
        ("‘It feels like the ’70s again,’ he said.", ["It feels like the ’70s again,"]),
        ("‘Rock ’n’ roll saved me,’ he said.", ["Rock ’n’ roll saved me,"]),
        # A plural possessive, or a plural, at the end of the quoted words.
        ("‘We owe it to the dockers’,’ he said.", ["We owe it to the dockers’,"]),
        ("He called the cuts ‘an attack on dockers’.", ["an attack on dockers"]),
        ("She called them ‘enemies of the dockers’ in a speech.", ["enemies of the dockers"]),
        # A split quotation whose first part ends in an "s".
        ("‘The dockers’, he said, ‘are angry.’", ["The dockers", "are angry."]),
        # Nesting: single inside double, double inside single.
        ("“He told me ‘never again’,” she said.", ["He told me ‘never again’,"]),
        ("‘He told me “never again”,’ she said.", ["He told me “never again”,"]),
        # Straight single quotes: closed only after or before punctuation.
        ("'The ferry will sail at noon,' the captain said.", ["The ferry will sail at noon,"]),
        ("The captain said: 'The ferry will sail at noon.'", ["The ferry will sail at noon."]),
        ("'Rock 'n' roll saved me,' he said.", ["Rock 'n' roll saved me,"]),
        ("He grew up in the '80s in Leeds, he said, 'no.'", ["no."]),
    ],
)
def test_single_quote_marks(text, want):
    assert _quoted(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "The dockers’ union said it wasn’t the ’90s any more.",
        "Rock ’n’ roll is the dockers’ music, the ’60s’ gift.",
        # An opening mark whose only candidate closing mark is a possessive: no quotation (missing, not wrong).
        "He said the ‘dockers’ union had folded.",
        "She said ‘we will go on until the dockers’ pay rises and then stop",
        # Mis-curled elisions are no opening marks.
        "He loved the ‘90s and ‘em all.",
        "He grew up in the ‘80s in Leeds, goin’ out every night.",
        # Straight apostrophes: possessives, elisions, a plural possessive before punctuation.
        "The dockers' union said it wasn't the '90s, and rock 'n' roll's fine.",
        "He said 'we owe it to the dockers'.",
        "He is 5'10\" tall and owns the Joneses' dog.",
    ],
)
def test_apostrophes_are_no_quotation_marks(text):
    assert _quoted(text) == []


def test_single_quote_across_paragraphs():
    text = "He said: ‘We will not sail today.\n\n‘Nor until the dockers’ strike is over.’\n\nThen he left."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "We will not sail today.\n\n‘Nor until the dockers’ strike is over."
    ]
    assert spans[0].paragraphs == 2
    # Not continued: the next paragraph does not open with a quotation mark.
    assert _quoted("‘We will not sail today.\n\nThen he left.") == []
    # Nor when the open quotation is a fragment (its closing mark taken for a possessive).
    text = "She called them ‘heroes’ and thanked them.\n\n‘They saved lives,’ she said."
    assert _quoted(text) == ["They saved lives,"]


def _kinds(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(q.kind, q.speaker_text, q.cue, q.text) for q in nlp(text)._.ng_quotes]


@pytest.mark.parametrize(
    ("double", "single"),
    [
        (
            "“The ferry will sail at noon,” said Captain Ines Duarte.",
            "‘The ferry will sail at noon,’ said Captain Ines Duarte.",
        ),
        (
            "Captain Ines Duarte said: “The ferry will sail at noon. Passengers should arrive early.”",
            "Captain Ines Duarte said: ‘The ferry will sail at noon. Passengers should arrive early.’",
        ),
        (
            "“The dockers’ strike is over,” Ines Duarte told reporters. “We sail tomorrow.”",
            "‘The dockers’ strike is over,’ Ines Duarte told reporters. ‘We sail tomorrow.’",
        ),
        (
            "Ines Duarte said the crossing was “perfectly safe” despite the storm.",
            "Ines Duarte said the crossing was ‘perfectly safe’ despite the storm.",
        ),
        (
            "Ines Duarte called the delay “regrettable but necessary”.",
            "Ines Duarte called the delay ‘regrettable but necessary’.",
        ),
    ],
)
def test_single_quotes_attributed_like_double_quotes(nlp, double, single):
    """Speaker, cue, kind and content are the same whichever marks the quotation uses."""
    want = [(k, s, c, t.replace("“", "‘").replace("”", "’")) for k, s, c, t in _kinds(nlp, double)]
    assert want and all(k in {"direct", "mixed"} for k, *_ in want)
    assert _kinds(nlp, single) == want


def test_double_quotes_unchanged_by_apostrophes(nlp):
    """Apostrophes around a double-quoted quotation change nothing."""
    text = "The dockers’ leader, Ines Duarte, said: “We won’t sail until the ’90s contracts are honoured.”"
    assert _kinds(nlp, text) == [
        ("direct", "Ines Duarte", "said", "We won’t sail until the ’90s contracts are honoured.")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ines Duarte said the crossing was “too rough”, adding that the ferry would wait until Friday.",
        "Ines Duarte said the crossing was too rough, adding that the ferry would wait until Friday.",
    ],
)
def test_adding_is_a_second_report_by_the_same_speaker(nlp, text):
    """', adding that...' after a quotation is not its cue: the speech verb before the quotation is."""
    quotes = nlp(text)._.ng_quotes
    assert [(q.speaker_text, q.cue) for q in quotes] == [("Ines Duarte", "said"), ("Ines Duarte", "adding")]
    assert quotes[0].text.startswith("the crossing was") and quotes[0].text.endswith(
        "rough”" if "“" in text else "rough"
    )
    assert quotes[1].text == "the ferry would wait until Friday"


@pytest.mark.parametrize("marks", ["“”", "‘’"])
def test_quoted_as_saying_after_the_quotation(nlp, marks):
    doc = nlp(f"{marks[0]}We will return,{marks[1]} Lars Eng was quoted as saying.")
    quotes = doc._.ng_quotes
    assert [(q.kind, q.text, q.speaker_text, q.cue) for q in quotes] == [
        ("direct", "We will return,", "Lars Eng", "saying")
    ]


@pytest.mark.parametrize("marks", ["“”", "‘’", '""'])
def test_speaker_is_never_a_name_inside_the_quotation(nlp, marks):
    """A pronoun speaker resolves to the person named before, outside the quotation marks, or
    stays unresolved; never to someone the quoted words talk about."""
    o, c = marks
    doc = nlp(f"{o}Heads should have rolled the day Anton Berg resigned,{c} he said.")
    (quote,) = doc._.ng_quotes
    assert quote.speaker is None
    assert quote.speaker_text == "he"
    doc = nlp(
        f"Senator Lena Ortiz spoke to reporters on Tuesday. {o}Heads should have rolled the day "
        f"Anton Berg resigned,{c} she said."
    )
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Lena Ortiz"
    doc = nlp(
        f"Anton Berg resigned in May. Lena Ortiz was furious. {o}Heads should have rolled the day "
        f"Anton Berg resigned,{c} she said."
    )
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Lena Ortiz"


def test_pronoun_speaker_without_coref_skips_names_in_quotes(nlp):
    doc = nlp('Anna Berg runs the shelter. "Tell Omar Said Khan we have no beds," she said.')
    doc._.ng_coref = None
    (quote,) = find_quotes(doc)
    assert _speaker_name(doc, quote) == "Anna Berg"


def test_a_named_speaker_outranks_a_pronoun_in_confidence(nlp):
    doc = nlp('Anna Berg runs the shelter. "We have no beds," she said. "We are full," Anna Berg said.')
    by_text = {q.text.strip(",. "): q for q in doc._.ng_quotes}
    assert by_text["We are full"].confidence > by_text["We have no beds"].confidence


def test_pronoun_speaker_is_the_subject_before_not_the_last_name(nlp):
    """Without a coreference link the speaker is the subject who spoke in the sentence before,
    not the last person named (here the one her client threatened)."""
    doc = nlp(
        "Mara Quill, his lawyer, told the court that her client meant no harm to Ilse Brandt. "
        "“We regret the words,” she said."
    )
    doc._.ng_coref = None
    (quote,) = [q for q in find_quotes(doc) if q.kind == "direct"]
    assert _speaker_name(doc, quote) == "Mara Quill"


def _shown(quote) -> bool:
    from newsgraph import trust

    return trust.shown("quote", quote.confidence)


def test_pronoun_after_a_reported_speaker_is_sure(nlp):
    """ "X told the Gazette that ... '...,' she said": the pronoun is the one just reported
    speaking, which is a sure attribution (shown by default), though another woman is named in
    the reported clause."""
    doc = nlp(
        "Tessa Marlow, the mayor's lawyer, told the Gazette that her client never met Dana Fisk. "
        "“The claims are baseless,” she said on Monday."
    )
    (quote,) = [q for q in doc._.ng_quotes if q.kind == "direct"]
    assert _speaker_name(doc, quote) == "Tessa Marlow"
    assert quote.confidence >= 0.85
    assert _shown(quote)


def test_pronoun_without_a_reported_speaker_stays_unconfirmed(nlp):
    """A pronoun whose antecedent is a person not reported speaking is not sure when another person
    it could stand for is named nearby: not shown by default (in unseen news such a he/she was
    another person about one time in five). With no such rival it scores its own tier (0.86),
    which the calibration measures apart (rounds r11-quote-band and later)."""
    doc = nlp(
        "Tessa Marlow walked into the hall late. Her sister Ina Marlow followed. The crowd cheered. "
        "“We won,” she shouted at once."
    )
    quotes = [q for q in doc._.ng_quotes if q.kind == "direct"]
    assert quotes and all(q.confidence < 0.85 and not _shown(q) for q in quotes)
    doc = nlp("Tessa Marlow walked into the hall late. The crowd cheered. “We won,” she shouted at once.")
    quotes = [q for q in doc._.ng_quotes if q.kind == "direct"]
    assert [q.confidence for q in quotes] == [0.86]


def test_continuation_in_the_same_paragraph_keeps_the_speaker_and_confidence(nlp):
    doc = nlp(
        "“The bridge will open in May,” Jonas Reyke said. “After that, the ferry will stop.”\n\n"
        "“Nobody asked us,” a resident complained."
    )
    by_text = {q.text.strip("“”,. "): q for q in doc._.ng_quotes}
    first, second = by_text["The bridge will open in May"], by_text["After that, the ferry will stop"]
    assert _speaker_name(doc, second) == "Jonas Reyke"
    assert second.confidence >= first.confidence - 0.05
    assert _shown(second)


def test_according_to_a_named_source_is_shown(nlp):
    doc = nlp("The plant will close by March, according to Halvard Steel.")
    (quote,) = doc._.ng_quotes
    assert quote.kind == "indirect"
    assert _speaker_name(doc, quote) == "Halvard Steel"
    assert _shown(quote)
    doc = nlp("The plant will close by March, according to people familiar with the plan.")
    assert not any(_shown(q) for q in doc._.ng_quotes)


def test_a_speaker_who_said_it_before_according_to_keeps_the_words(nlp):
    """ "..., the health commission said, according to Reuters": Reuters only relays what the
    commission said, whose words the parser hung on "said" as an adverbial clause."""
    doc = nlp(
        "As yet, there is no evidence linking the third case to the earlier two, the Inner Mongolia "
        "health commission said, according to Reuters."
    )
    quotes = [q for q in doc._.ng_quotes if q.text.startswith("As yet")]
    assert quotes and all(_speaker_name(doc, q) == "Inner Mongolia health commission" for q in quotes), [
        (_speaker_name(doc, q), q.text) for q in doc._.ng_quotes
    ]
    # with no speaker of its own, the sentence is the source's
    doc = nlp("As yet, there is no evidence linking the cases, according to Reuters.")
    assert [_speaker_name(doc, q) for q in doc._.ng_quotes] == ["Reuters"]


def test_the_statement_said_is_the_issuer_of_the_statement(nlp):
    """ "X said in a statement ... '...,' the statement said": X speaks; without an issuer the
    document is left as the words of no one."""
    doc = nlp(
        "Three miners were rescued on Friday, Norvik Mining said in a statement. "
        "“All crews are safe and the shaft is sealed,” the statement said."
    )
    quote = next(q for q in doc._.ng_quotes if "All crews" in q.text)
    assert _speaker_name(doc, quote) == "Norvik Mining"
    doc = nlp("The mine reopened. “All crews are safe and the shaft is sealed,” the statement said.")
    (quote,) = doc._.ng_quotes
    assert quote.speaker is None
    # an issuer the text gives only by its description speaks through its statement too
    doc = nlp(
        "Two soldiers were killed in a crash near the border, the Velish army said in a statement "
        "on Wednesday.\n\n“The cause of the crash is under investigation,” the statement said."
    )
    quote = next(q for q in doc._.ng_quotes if "The cause" in q.text)
    assert quote.speaker is None and quote.speaker_text == "the Velish army"
    assert _shown(quote)


def test_that_clause_parsed_as_a_relative_clause_is_still_reported(nlp):
    """ "told reporters at a briefing that ..." where the parser hangs the clause on "briefing"."""
    doc = nlp(
        "Harbour chief Ansel Moreau told reporters at a briefing that the port — the busiest on the "
        "coast — will reopen its northern quay in the spring, after a long closure."
    )
    quotes = [q for q in doc._.ng_quotes if q.kind == "indirect"]
    assert [_speaker_name(doc, q) for q in quotes] == ["Ansel Moreau"]
    assert "will reopen its northern quay" in quotes[0].text
    # A real relative clause ("the plan that the council approved") reports nothing.
    doc = nlp("Ansel Moreau told reporters about the plan that the council approved in May.")
    assert not doc._.ng_quotes


def test_subject_with_an_appositive_before_a_that_clause(nlp):
    doc = nlp(
        "Brindle Foods, the dairy group, announced on Monday that it would close two plants, "
        "weeks after its chief executive resigned."
    )
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Brindle Foods"
    assert quote.text.startswith("it would close two plants")
    doc = nlp("The plan, announced by the mayor on Friday, will cost more than expected.")
    assert not doc._.ng_quotes


def test_object_of_the_governing_verb_speaks(nlp):
    """ "the losses forced Kessler Motors to announce ...": the company announces, not the losses."""
    doc = nlp("The heavy losses forced Kessler Motors to announce that it would shut the Tarn plant.")
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Kessler Motors"
    doc = nlp("The report prompted several council members to argue that the budget was too small.")
    (quote,) = doc._.ng_quotes
    assert quote.speaker_text == "several council members"


def test_quotation_inside_an_earlier_reported_clause(nlp):
    """A quoted phrase in X's reported clause is X's, not that of a later "say" in the sentence."""
    doc = nlp(
        "Marisol Vey said she remains loyal to the “open door” policy for refugees, while her "
        "opponents in the council say the city has no room left."
    )
    quote = next(q for q in doc._.ng_quotes if "open door" in q.text)
    assert _speaker_name(doc, quote) == "Marisol Vey"


def test_that_clause_on_the_noun_of_in_a_statement(nlp):
    """ "told the Gazette in a statement that ..."; but "denied the report that ..." reports nothing."""
    doc = nlp(
        "Ivo Brandt, the club's lawyer, told the Gazette in a statement that his client did not sign "
        "the contract and did not meet the agent."
    )
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Ivo Brandt"
    assert quote.text.startswith("his client did not sign")
    doc = nlp("Ria Tamm denied the report that the plant would close in June.")
    assert not doc._.ng_quotes


def test_the_same_pronoun_keeps_its_speaker_across_quotations(nlp):
    """'She added, "..." "...?" she wrote': one speaker, unless someone else was named between."""
    doc = nlp(
        "Mira Holt asked the court for mercy in a letter on Friday, saying she did not want a long "
        'trial. She added, "We want this over." "But who gains from delay? " she wrote. "Nobody does."'
    )
    quotes = [q for q in doc._.ng_quotes if q.kind == "direct"]
    assert len(quotes) == 3
    assert all(_speaker_name(doc, q) == "Mira Holt" for q in quotes)
    doc = nlp(
        'Mira Holt spoke first. She added, "We want this over." Then Greta Lind took the stage. '
        '"But who gains from delay? " she wrote.'
    )
    quote = next(q for q in doc._.ng_quotes if "who gains" in q.text)
    assert _speaker_name(doc, quote) != "Mira Holt"


def test_unnamed_speaker_description_is_kept_as_words(nlp):
    """ "a company spokesperson said": no entity (a spokesperson for X is not X), the words kept,
    scored above a subject that names no speaker at all."""
    doc = nlp("“We will appeal the ruling,” a company spokesperson said on Monday.")
    (quote,) = doc._.ng_quotes
    assert quote.speaker is None
    assert quote.speaker_text == "a company spokesperson"
    doc2 = nlp("“We will appeal the ruling,” the banner said on Monday.")
    (other,) = doc2._.ng_quotes
    assert quote.confidence > other.confidence


def test_estimated_that_is_a_reported_claim_only_with_that(nlp):
    doc = nlp("The Varn Health Agency has estimated that 12,000 adults sought treatment in 2018.")
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Varn Health Agency"
    assert quote.text.startswith("12,000 adults sought treatment")
    doc = nlp("The Varn Health Agency estimated the cost at two million euros.")
    assert not doc._.ng_quotes


def test_embedded_post_is_its_signers_words(nlp):
    text = (
        "Critics mocked the new slogan online.\n"
        "What a slogan. Somebody in the tourism office should ask for a refund.\n"
        "— Jana Kovar (@janakovar) March 3, 2021\n"
        "The campaign ends in May."
    )
    doc = nlp(text)
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Jana Kovar"
    assert quote.text == "What a slogan. Somebody in the tourism office should ask for a refund."
    # A dash line without a handle and date signs nothing.
    doc = nlp("Critics mocked the new slogan online.\nWhat a slogan, truly.\n— Jana Kovar, reporting\n")
    assert not doc._.ng_quotes


def test_role_speaker_named_with_the_same_role_next(nlp):
    """ "Spain's envoy to Chile warned that ..." then "Spain's envoy to Chile Pilar Ortega said":
    the envoy is Ortega; a role followed by a verb and another name ("met Tomas Berg") is not."""
    doc = nlp(
        "Spain’s envoy to Chile warned that the talks “will not resume” if the strikes continue. "
        "Spain’s envoy to Chile Pilar Ortega said the embassy would stay open."
    )
    first = next(q for q in doc._.ng_quotes if "will not resume" in q.text)
    assert _speaker_name(doc, first) in {"Pilar Ortega", "Ortega"}
    # a role resolved to a name is a sure speaker, but a mixed quote scores 0.8: below the
    # calibrated quote threshold (audit r1: 0.76 of such quotes were right), so not asserted shown
    doc = nlp(
        "The mayor's spokesman said the bridge would reopen. Later the mayor's spokesman met Tomas Berg."
    )
    (quote,) = doc._.ng_quotes
    assert quote.speaker is None


def test_a_date_inside_the_quoted_words_is_not_when_they_were_said(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "\u201cSince 2008, there hasn\u2019t been a single good year for the mills,\u201d says veteran analyst Ivo Tamm.",
        "\u201cWe will win in 2027,\u201d Mira Holm said on Tuesday.",
    ]
    arts = [
        Article(id=str(i), source="t", text=t, content_hash=f"qd{i}", published="2019-11-20")
        for i, t in enumerate(texts)
    ]
    first, second = (f.quotes for f in annotate(arts, nlp))
    assert first and first[0].date is None
    assert second and second[0].date == "2019-11-19"


def test_a_reported_clause_with_a_named_speaker_ranks_above_a_pronoun_guess(nlp):
    """ "Lena Ortiz said the levy would fall": the text names who said it, which is surer than a
    he/she guessed from the last person named, and a step below a quotation cued by its speaker."""
    doc = nlp(
        "Lena Ortiz said the harbour levy would fall next year. Tomas Reyke walked in late. "
        "She said the vote was close."
    )
    by_text = {q.text.strip(",. "): q for q in doc._.ng_quotes}
    named, guessed = by_text["the harbour levy would fall next year"], by_text["the vote was close"]
    assert _speaker_name(doc, named) == "Lena Ortiz"
    assert named.kind == "indirect"
    assert named.confidence > guessed.confidence
    assert named.confidence < 0.95


def test_a_speaker_reported_by_someone_else_is_in_doubt(nlp):
    """ "X was told that Y had confirmed ...": the words are X's claim about Y, not Y's own."""
    doc = nlp(
        "The aide later claimed he was told by a staffer that Rolf Amsel had confirmed the payments "
        "were approved. Rolf Amsel said the accounts were closed."
    )
    by_text = {q.text.strip(",. "): q for q in doc._.ng_quotes}
    claimed = next(q for t, q in by_text.items() if t.startswith("the payments"))
    own = by_text["the accounts were closed"]
    assert claimed.confidence < own.confidence
    assert not _shown(claimed)


def test_a_name_cut_after_a_possessive_is_in_doubt(nlp):
    """ "the Harbour's Courier warned that ..." with the entity recogniser keeping only "Courier"
    is not a sure speaker; "Ohio's Department of Health said" is a whole name after a possessive."""
    from newsgraph.nlp.quotes import _doubt_cap

    doc = nlp("On Monday, the Velden's Courier warned that there was no room for compromise.")
    word = next(t for t in doc if t.text == "Courier")
    assert _doubt_cap(doc, None, (word.idx, word.idx + len(word))) < 0.85
    doc = nlp("Ohio's Department of Health said the water was safe.")
    start = doc.text.index("Department")
    assert _doubt_cap(doc, None, (start, start + len("Department of Health"))) == 1.0


def test_a_contrasting_while_clause_with_its_own_subject_is_not_reported(nlp):
    """ "X stressed ..., while the League condemned the move": the writer sets another party beside
    the report; a temporal "while" with no comma stays part of what was said."""
    doc = nlp(
        "The Velden Council stressed the fees were illegal, while the Tarsk League condemned the move. "
        "Mara Quill said the port would reopen while crews repaired the cranes."
    )
    texts = [q.text for q in doc._.ng_quotes]
    assert "the fees were illegal" in texts
    assert "the port would reopen while crews repaired the cranes" in texts


def test_an_unnamed_speaker_given_by_its_description_is_kept_as_written(nlp):
    """ "a company spokesperson said", "the city's police said": the text names no one and gives
    these words as the speaker; they are kept as written with their own score (measured apart:
    below the display band today), and the default view would confirm such a speaker at a score
    that reaches it. A bare "the company" points back at a name coreference missed: lower still."""
    from newsgraph.nlp.quotes import _DESCRIBED
    from newsgraph.query.confirmed import is_confirmed

    doc = nlp(
        "A Velden Shipping spokesperson said the night shift would end next month. "
        "The city's police said the harbour road was closed until Friday."
    )
    by_text = {q.text.strip(".,"): q for q in doc._.ng_quotes}
    for text, words in [
        ("the night shift would end next month", "A Velden Shipping spokesperson"),
        ("the harbour road was closed until Friday", "The city's police"),
    ]:
        q = by_text[text]
        assert q.speaker is None and q.speaker_text == words
        assert q.confidence == round(_DESCRIBED + 0.05, 2)
    # an aide, an adviser or a diplomat who speaks on condition of anonymity
    doc = nlp('"I think it is a mistake," said one senior Kovian aide, who was not authorized to speak.')
    (q,) = doc._.ng_quotes
    assert q.speaker is None and q.speaker_text == "one senior Kovian aide"
    assert q.confidence == round(_DESCRIBED + 0.05, 2)
    assert is_confirmed("quote", {"speaker": None, "speaker_text": "A spokesperson", "confidence": 0.95})
    assert not is_confirmed("quote", {"speaker": None, "speaker_text": None, "confidence": 0.95})
    (bare,) = nlp("The company said profits fell sharply last year.")._.ng_quotes
    assert bare.speaker is None and bare.speaker_text == "The company"
    assert bare.confidence < round(_DESCRIBED + 0.05, 2)


def _found(nlp, text: str) -> list[tuple[str, str | None, float]]:
    return [(q.text, q.speaker_text, q.confidence) for q in find_quotes(nlp(text))]


def test_a_clause_before_a_semicolon_is_not_what_the_speaker_said(nlp):
    found = _found(
        nlp,
        "There were early reports that the depot had burned down; the police spokesman said only that "
        "two trucks were damaged.",
    )
    assert [(t, s) for t, s, _ in found] == [("two trucks were damaged", "the police spokesman")]
    assert all(
        "depot" not in t
        for t, _, _ in _found(nlp, "Witnesses saw smoke over the depot; officials said the fire was out.")
    )


def test_a_speech_verb_inside_a_noun_phrase_reports_nothing(nlp):
    assert (
        _found(
            nlp,
            "The woman police say is behind a string of bank robberies in Dunmore now faces twelve charges.",
        )
        == []
    )


def test_an_unnamed_speaker_keeps_whose_spokesperson_it_is(nlp):
    found = _found(
        nlp, '"We will reopen the bridge in May," a spokeswoman for the Tarrow County council said.'
    )
    assert [s for _, s, _ in found] == ["a spokeswoman for the Tarrow County council"]
    assert [s for _, s, _ in _found(nlp, "A lawyer for Mr. Dale said the contract was void.")] == [
        "A lawyer for Mr. Dale"
    ]
    # no name in the phrase: the description stays as it was
    assert [s for _, s, _ in _found(nlp, "A spokesperson for the company said the plant would close.")] == [
        "A spokesperson"
    ]


def test_words_another_speaker_said_are_not_the_cue_speakers_for_sure(nlp):
    from newsgraph.nlp.quotes import _DOUBTED

    for text in (
        'A teenager has admitted setting the barn on fire, but insisted he "only wanted to scare the horses," '
        "sources told the Valley Herald.",
        'The farmer denied it and said he "only wanted to scare the horses," police said.',
    ):
        found = _found(nlp, text)
        assert found and all(c <= _DOUBTED for _, _, c in found), found
    # the cue's own subject adding to what it says stays sure
    sure = _found(nlp, '"We will not sell the farm," Maren Holt said, repeating her promise to the village.')
    assert sure and sure[0][2] > _DOUBTED


def test_sentence_final_attribution_the_parser_missed(nlp):
    # the parser hangs "announced" on "executives" as a clause of its own; the words still say who
    text = (
        "VELDEN, Norland — Orlen Shipping has finalized a deal to buy 30 ferries, executives of "
        "both companies announced Wednesday at the harbour show."
    )
    doc = nlp(text)
    said = [(q.kind, q.text, q.speaker_text) for q in doc._.ng_quotes]
    assert ("indirect", "Orlen Shipping has finalized a deal to buy 30 ferries", "executives") in said


def test_a_time_clause_after_a_comma_is_no_attribution(nlp):
    text = (
        "The harbour passages are essential for reading the novel, which I came to call Iceberg "
        "Passages, after the novelist Vera Lind explained them to me."
    )
    doc = nlp(text)
    assert not any(_speaker_name(doc, q) == "Vera Lind" for q in doc._.ng_quotes)
    doc = nlp(
        "After Anna Berg left the board, it was Tomas Reyes who took over, and Vera Lind reported to him."
    )
    assert doc._.ng_quotes == []


def _quote_with(doc, words: str):
    return next(q for q in doc._.ng_quotes if words in q.text)


def test_a_pronoun_speaker_who_is_the_only_person_it_can_be_scores_its_own_tier(nlp):
    text = (
        "Vera Lind has run the city ferry line for a decade. The line lost money last winter. "
        '"We will not cut the night crossing," she said.'
    )
    doc = nlp(text)
    q = _quote_with(doc, "night crossing")
    assert _speaker_name(doc, q) == "Vera Lind"
    assert q.confidence == 0.86
    # another woman named just before: the same pronoun could be either, so it stays lower
    text = (
        "Vera Lind has run the city ferry line for a decade. Anna Berg, her deputy, joined in May. "
        '"We will not cut the night crossing," she said.'
    )
    doc = nlp(text)
    q = _quote_with(doc, "night crossing")
    assert q.confidence < 0.84


def test_a_pronoun_speaker_named_inside_the_reported_words_is_doubted(nlp):
    text = (
        "Vera Lind runs the Orlen ferry line. While the new timetable did not appeal to Vera Lind, "
        "she said she would not judge it."
    )
    doc = nlp(text)
    for q in doc._.ng_quotes:
        if "Vera Lind" in q.text:
            assert q.confidence <= 0.7


def _pipeline_quotes(nlp, text: str) -> list[tuple[str | None, str | None, float, str]]:
    """(speaker entity name, speaker words, confidence, quote text) of the whole pipeline on our text."""
    facts = next(iter(annotate([Article(id="t", source="t", text=text, content_hash="t")], nlp)))
    names = {e.id: e.name for e in facts.entities}
    return [(names.get(q.speaker), q.speaker_text, q.confidence, q.text) for q in facts.quotes]


def _continued(nlp, text: str) -> str | None:
    """The speaker ``_continued_speakers`` gives the he of the last quotation, coreference left out:
    the quotations as the finder leaves them, the last one's "he" unresolved."""
    from newsgraph.nlp.quotes import _continued_speakers, _Tokens

    doc = nlp(text)
    quotes = sorted(find_quotes(doc), key=lambda q: q.start)
    last = quotes[-1]
    assert (last.speaker_text or "").lower() == "he", quotes
    last.speaker = None  # as when coreference finds no antecedent
    inside = [(m.open, m.close + 1) for m in find_quote_spans(doc.text)]
    _continued_speakers(doc, quotes, {id(last): 0.95}, inside, _Tokens(doc))
    names = {c.id: c.name for c in doc._.ng_entities}
    return names.get(last.speaker) if last.speaker else None


def test_a_he_speaker_continues_the_one_who_spoke_before(nlp) -> None:
    text = (
        '"The talks were useful," Kurt Brenner said on Tuesday. Brenner said the proposals came '
        "from the ministry and from Tomas Hale.\n\n"
        '"My role was the official channel, nothing else," he told lawmakers.'
    )
    assert _continued(nlp, text) == "Kurt Brenner"


def test_a_he_speaker_is_left_alone_when_another_man_speaks_between(nlp) -> None:
    text = (
        '"The talks were useful," Kurt Brenner said on Tuesday. Then Paul Ward took the floor.\n\n'
        '"My role was the official channel, nothing else," he told lawmakers.'
    )
    assert _continued(nlp, text) is None


def test_a_group_of_unnamed_speakers_is_kept_as_their_words(nlp) -> None:
    text = "Most mainstream economists, however, argue that consumers are the primary victims of tariffs."
    quote = next(q for q in _pipeline_quotes(nlp, text) if "consumers" in q[3])
    assert quote[0] is None and quote[1] == "Most mainstream economists" and quote[2] >= 0.8


def test_a_negated_speech_verb_reports_no_quotation(nlp) -> None:
    text = (
        'Yet our experts cannot explain why they were silent when the "reset" proved to be a failure '
        "and the country was left alone."
    )
    assert not _pipeline_quotes(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Beijing has calculated since 1989 that bloody suppression should be avoided if possible.",
        'Sabatier shares the formula he used to calculate his "target number," which he then broke down.',
    ],
)
def test_a_calculation_is_no_statement(nlp, text: str) -> None:
    assert not _pipeline_quotes(nlp, text)


def test_a_projection_with_a_that_clause_is_reported(nlp) -> None:
    text = "The Tax Foundation projected in May that the tariffs would reduce GDP by 0.25 percent."
    quote = next(q for q in _pipeline_quotes(nlp, text))
    assert quote[0] == "Tax Foundation" and quote[3].startswith("the tariffs would reduce GDP")


def test_words_said_by_two_together_are_not_shown_as_the_first_ones(nlp) -> None:
    from newsgraph.trust import shown

    text = '"We handled the estate as well as we could," Dale Ford and Lena Fry replied in an email.'
    quote = next(q for q in _pipeline_quotes(nlp, text))
    assert not shown("quote", quote[2])


def test_two_reported_clauses_before_the_verb_are_one_report(nlp) -> None:
    text = "Selling a product is difficult, but altering behavior is much more difficult, Ana Hege said."
    quote = next(q for q in _pipeline_quotes(nlp, text))
    assert quote[3] == "Selling a product is difficult, but altering behavior is much more difficult"


def test_a_new_sentence_with_its_own_report_is_not_the_cue_of_the_quotation_before(nlp) -> None:
    text = (
        '"Space exploration needs many companies," Marek Sova said. "Small players add agility." '
        "He said his company's lander would be ready in 2023."
    )
    quotes = {q[3]: q for q in _pipeline_quotes(nlp, text)}
    assert quotes["Small players add agility."][0] == "Marek Sova"
    reported = next(q for t, q in quotes.items() if t.startswith("his company's lander"))
    assert reported[0] == "Marek Sova" and reported[2] >= 0.8


def test_a_question_put_to_the_speaker_is_not_his_words(nlp) -> None:
    text = 'Asked whether he would resign, Tomas Reyes said: "No."'
    quotes = _pipeline_quotes(nlp, text)
    assert not any("whether" in q[3] for q in quotes), quotes
    assert ("Tomas Reyes", "No.") in {(q[0], q[3]) for q in quotes}


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Reyes, asked about the report, said it was false.",
        "Tomas Reyes, asked about the report, said the claim was false.",
    ],
)
def test_an_aside_between_the_speaker_and_the_verb(nlp, text: str) -> None:
    quote = next(q for q in _pipeline_quotes(nlp, text))
    assert quote[0] == "Tomas Reyes" and quote[3].endswith("was false") and quote[2] >= 0.85


def test_a_wire_service_in_the_dateline_is_not_the_company_that_speaks(nlp) -> None:
    text = 'LONDON (Reuters) - Sales fell in May.\n\n"We are disappointed," the company said in a statement.'
    quote = next(q for q in _pipeline_quotes(nlp, text))
    assert quote[0] != "Reuters", quote


def test_when_it_was_said_is_not_part_of_the_reported_clause(nlp) -> None:
    text = "Kovian Prime Minister Ana Lind said on Monday the election would go ahead."
    quote = next(q for q in _pipeline_quotes(nlp, text))
    assert quote[3] == "the election would go ahead", quote


def test_a_reported_clause_with_a_quotation_cued_after_it_is_shown(nlp) -> None:
    from newsgraph.trust import shown

    text = 'Making the diagnosis was "a bit like a jigsaw," Owen Varga said.'
    quote = next(q for q in _pipeline_quotes(nlp, text))
    assert quote[0] == "Owen Varga" and quote[3].startswith("Making the diagnosis")
    assert shown("quote", quote[2])


def test_a_name_in_a_relative_clause_after_a_noun_did_not_say_the_sentence(nlp) -> None:
    # "a charge Brandt denied": Brandt denied the charge; the sentence before it is Adler's
    text = (
        "Ruth Adler testified on Tuesday. Adler did mention her earlier statement, in which she said "
        "others had raised doubts about Brandt possibly hiding money, a charge Brandt denied later in the day."
    )
    quotes = _pipeline_quotes(nlp, text)
    assert not any(q[0] == "Brandt" for q in quotes), quotes
    assert any(q[0] == "Ruth Adler" and q[3].startswith("others had raised doubts") for q in quotes)


def test_a_party_and_state_tag_is_no_second_speaker(nlp) -> None:
    from newsgraph.trust import shown

    # in this text the parser reads "R-Ky." as a conjunct of the name, as if two people spoke
    text = (
        'Senator Maria Delgado criticised the budget on Monday. "We will not back down," the senator '
        "said in a statement.\n\n"
        'Speaking to reporters at the White House, President Tom Hale said the deal was "very close."\n\n'
        '"It\'s a disgrace," said Senate Majority Leader Mitch Calloway, R-Ky.\n\n'
        'The prime minister\'s spokesman told reporters: "There is no change in policy."\n'
    )
    quote = next(q for q in _pipeline_quotes(nlp, text) if q[3].startswith("It's a disgrace"))
    assert quote[0] == "Mitch Calloway" and shown("quote", quote[2]), quote
    # two speakers joined by "and" still share the words, never shown as the first one's
    quote = next(q for q in _pipeline_quotes(nlp, '"We disagree," Ford and Fry replied.'))
    assert not shown("quote", quote[2]), quote


def test_a_dateline_is_no_subject_and_a_participle_verdict_is_in_the_report(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "LONDON (Reuters) - Britain's foreign minister Helen Carver said on Wednesday the government "
        'would not recognise the vote, calling it "a sham".'
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Helen Carver" and shown("quote", quote[2]), quote
    assert quote[3].startswith("the government would not recognise the vote")


def test_a_speaker_the_parser_hung_on_the_dateline_city(nlp) -> None:
    text = (
        "KYIV, Ukraine (AP) — Ukraine's President Olena Varta warned on Friday that the ceasefire "
        "could collapse within days."
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Olena Varta" and quote[3] == "the ceasefire could collapse within days", quote


def test_declining_to_say_reports_nothing(nlp) -> None:
    for text in (
        "A Brindle Motors spokeswoman declined to say which plants would be affected.",
        "The minister refused to say whether the plan would go ahead.",
    ):
        assert _pipeline_quotes(nlp, text) == [], text


def test_a_denied_clause_is_not_shown_as_the_speakers_claim(nlp) -> None:
    from newsgraph.trust import shown

    text = "Ruth Adler testified on Tuesday. She denied that she and Tom Reed had formed a secret channel."
    quote = next(q for q in _pipeline_quotes(nlp, text) if "secret channel" in q[3])
    assert quote[0] == "Ruth Adler" and not shown("quote", quote[2]), quote


def test_a_relative_clause_after_a_noun_does_not_doubt_the_speaker_before_it(nlp) -> None:
    from newsgraph.trust import shown

    # "a charge Brandt denied" takes the sentence as what Brandt denied; "she" is Adler, named
    # in the same sentence, and the report is hers
    text = (
        "Ruth Adler testified on Tuesday. Adler did mention her earlier statement, in which she said "
        "others had raised doubts about Brandt possibly hiding money, a charge Brandt denied later in the day."
    )
    quote = next(q for q in _pipeline_quotes(nlp, text) if q[3].startswith("others had raised doubts"))
    assert quote[0] == "Ruth Adler" and shown("quote", quote[2]), quote


def test_a_pronoun_bound_in_its_own_sentence_is_shown(nlp) -> None:
    from newsgraph.trust import shown

    for text in (
        "Dara Quinn was arrested in May over a phone call he made to the council, in which he said "
        "he would burn the building down.",
        "When Dara Quinn was approached by officers, he told them he had done nothing wrong.",
    ):
        quote = next(q for q in _pipeline_quotes(nlp, text) if q[1] == "he")
        assert quote[0] == "Dara Quinn" and shown("quote", quote[2]), (text, quote)
    # a person noun between the name and the pronoun: "he" may be the prosecutor
    text = "Dara Quinn met the prosecutor on Monday, and he said the case was weak."
    assert not any(shown("quote", q[2]) for q in _pipeline_quotes(nlp, text))


def test_a_pronoun_that_carries_on_the_last_subject_is_shown(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "Omar Brandt was the third witness who listened in on the call between President Leon Marsh "
        "and Prime Minister Tom Reyes. He said he had not been worried about the content of the call."
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Omar Brandt" and shown("quote", quote[2]), quote
    # another person as a subject in that sentence: the pronoun may be theirs
    text = (
        "Omar Brandt was the second witness to testify after Leon Marsh spoke on Tuesday. "
        "He said he had not been worried about the price."
    )
    assert not any(shown("quote", q[2]) for q in _pipeline_quotes(nlp, text))


def test_a_pronoun_after_a_quotation_of_the_same_person_is_shown(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "Leon Marsh, chief executive of Tern Robotics, said his company's award was a sign that small "
        "firms had a role. “Space needs an entire ecosystem of companies,” he said. “Small players "
        "bring agility.” He said the first lander could fly in 2023."
    )
    quote = next(q for q in _pipeline_quotes(nlp, text) if q[3].startswith("the first lander"))
    assert quote[0] == "Leon Marsh" and shown("quote", quote[2]), quote


def test_a_speaker_who_reports_his_own_words_is_not_doubted(nlp) -> None:
    from newsgraph.trust import shown

    text = 'Kurt Lenz said he never used the term "three friends" and added, "I cringe when I hear it."'
    quote = next(q for q in _pipeline_quotes(nlp, text) if q[3].startswith("I cringe"))
    assert quote[0] == "Kurt Lenz" and shown("quote", quote[2]), quote
    # words someone else reports are still that person's claim
    text = 'Anna Berg told the court that Kurt Lenz had said, "I will pay."'
    quote = next(q for q in _pipeline_quotes(nlp, text) if q[3].startswith("I will pay"))
    assert not shown("quote", quote[2]), quote


def test_an_appositive_with_and_is_not_a_second_speaker(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        '"Google offers an extension of the market of people who can play our games," says Chris Early, '
        "senior vp partnerships and revenue at Ubisoft."
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Chris Early" and shown("quote", quote[2]), quote
    quote = next(q for q in _pipeline_quotes(nlp, '"We disagree," Ford, Fry and Lee said.'))
    assert not shown("quote", quote[2]), quote


def test_an_attribution_set_off_inside_the_sentence_reports_it(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "Dana Whitlock is the chief executive of Tern Robotics. The larger landers, she said, could "
        "deliver tools needed by astronauts ahead of their missions. The plan, Whitlock said, was never "
        "approved by the board."
    )
    quotes = _pipeline_quotes(nlp, text)
    for words in ("The larger landers, she said, could deliver tools", "The plan, Whitlock said, was never"):
        quote = next(q for q in quotes if q[3].startswith(words))
        assert quote[0] == "Dana Whitlock" and shown("quote", quote[2]), quote
    # a set-off aside with no one speaking is no attribution
    assert _pipeline_quotes(nlp, "In 2019, as expected, the company cut prices.") == []


def test_the_named_author_of_a_work_speaks_through_it(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "A March 2019 study by the Centre for Trade Research concluded that the full cost of the tariff "
        "falls on domestic consumers."
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Centre for Trade Research" and shown("quote", quote[2]), quote
    # a work with no author named speaks for no one
    (quote,) = _pipeline_quotes(nlp, "The report concluded that the agency had failed its staff.")
    assert quote[0] is None and not shown("quote", quote[2]), quote


def test_a_campaign_a_group_or_a_family_speaks_as_the_text_gives_it(nlp) -> None:
    from newsgraph.trust import shown

    for text, who in (
        ("Ruiz's campaign said the attacks were false.", "Ruiz's campaign"),
        ("A rights group said the arrests were unlawful.", "A rights group"),
        ("His family said in a statement that he was innocent.", "His family"),
    ):
        (quote,) = _pipeline_quotes(nlp, text)
        assert quote[1] == who and shown("quote", quote[2]), (text, quote)
    # a bare "the group" points back at a named one, which its words do not tell a reader
    (quote,) = _pipeline_quotes(nlp, "The group said it would appeal the ruling.")
    assert not shown("quote", quote[2]), quote


def test_a_quoted_paragraph_after_the_same_speakers_quote_is_theirs(nlp) -> None:
    text = (
        "Senator Maria Delgado criticised the budget on Monday.\n\n"
        '"We will not back down," Delgado said in a statement.\n\n'
        '"We will fight this in committee and on the floor."\n\n'
        '"The Gordon problem"\n\nThe governor did not respond.'
    )
    quotes = _pipeline_quotes(nlp, text)
    fight = next(q for q in quotes if q[3].startswith("We will fight"))
    from newsgraph.trust import shown

    assert fight[0] == "Maria Delgado" and fight[2] == 0.91 and shown("quote", fight[2]), fight
    # a heading set in quotation marks is no sentence of speech
    assert all(not shown("quote", q[2]) for q in quotes if q[3].startswith("The Gordon"))


def test_a_reported_clause_with_a_quoted_word_is_the_reporters(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "Tomas Brandt testified on Tuesday. Brandt said his deputy, Lena Hale, had dubbed the envoy's "
        'role as "the Velden problem."'
    )
    quotes = _pipeline_quotes(nlp, text)
    said = next(q for q in quotes if q[3].startswith("his deputy"))
    assert said[0] == "Tomas Brandt" and shown("quote", said[2]) and said[3].endswith('problem."'), quotes
    # the word she chose stays hers, below the display band: the reporter passes it on
    assert all(not shown("quote", q[2]) for q in quotes if q[0] == "Lena Hale"), quotes


def test_a_quoted_word_in_the_speakers_second_clause_is_one_report(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "Tomas Brandt testified on Tuesday. Brandt said he was not concerned about the call, but he did "
        'worry there would be "political consequences" if it leaked.'
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Tomas Brandt" and shown("quote", quote[2]), quote
    assert quote[3].startswith("he was not concerned") and quote[3].endswith("if it leaked"), quote
    # another subject in the second clause: not his report, the quoted words stay doubtful
    text = (
        "Tomas Brandt testified on Tuesday. Brandt said he was fine with the call, but Hale did worry "
        'there would be "political consequences" if it leaked.'
    )
    assert all(not shown("quote", q[2]) for q in _pipeline_quotes(nlp, text) if "political" in q[3])


def test_a_speakers_long_appositive_does_not_hide_the_verb_after_the_quote(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        '"If Orvia imposes a levy on imported bicycles, the duty is paid at the border by a broker '
        'representing an importer — say, Velo Mart," Hanna Ostrova, a senior fellow at the Corvin '
        "Institute for Trade and Tax Policy in Velden, has written."
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Hanna Ostrova" and quote[3].startswith("If Orvia") and shown("quote", quote[2]), quote


def test_a_demonstrative_that_opens_a_report_a_relative_that_does_not(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "If the levy holds, that would cost the region $75 billion in growth, said Ross Tamsin, a "
        "Velden University economist who studies trade."
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Ross Tamsin" and quote[3].startswith("If the levy") and shown("quote", quote[2]), (
        quote
    )
    for text in (
        "The company expects sales that analysts say will rise by 10 percent.",
        "Officials are looking at a plan that experts say would cut costs.",
    ):
        assert not _pipeline_quotes(nlp, text), text


def test_an_attribution_set_off_with_the_speaker_after_the_verb_reports_the_sentence(nlp) -> None:
    from newsgraph.trust import shown

    text = "Orvia hired Jack Tamsin to lead its games unit. The key to the service's success, says Tamsin, is its network."
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Jack Tamsin" and quote[3].startswith("The key") and shown("quote", quote[2]), quote
    # no one says what is "as expected"
    assert not _pipeline_quotes(nlp, "The plan, as expected, failed within a year.")
    # the name with its appositive, which the parser hangs on the main verb as a second subject
    text = "The plan, says Tomas Reyes, a planner at the port, will cut costs for every shipper."
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Tomas Reyes" and quote[3].startswith("The plan") and shown("quote", quote[2]), quote


def test_a_clause_before_a_writers_verb_is_reported(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "Grant Velasco retired at 30. The best side hustles are those that earn passive income, such as "
        "rent, Velasco wrote in his book."
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[0] == "Grant Velasco" and quote[3].startswith("The best") and shown("quote", quote[2]), quote
    # "wrote" with a thing written is no report
    assert not _pipeline_quotes(nlp, "Grant Velasco wrote his first novel, a book about money, in 2009.")


def test_a_surname_that_is_also_an_adverb_speaks(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        '"Orvia offers a wider market for our games," says Chris Early, a vice president at Helix Games. '
        '"Streaming is somewhat binary," says Early. Early says there is a chance that future games '
        "could be built for the platform."
    )
    quotes = _pipeline_quotes(nlp, text)
    for start in ("Streaming is", "there is a chance"):
        q = next(q for q in quotes if q[3].startswith(start))
        assert q[0] == "Chris Early" and shown("quote", q[2]), quotes
    # an adverb that names no one in the article is no speaker
    (quote,) = _pipeline_quotes(nlp, '"Streaming is somewhat binary," says Early.')
    assert quote[0] is None and not shown("quote", quote[2]), quote


@pytest.mark.parametrize(
    ("text", "who", "start"),
    [
        # a "not" in the quoted words is what was said, not a negated verb
        (
            'Lena Hale produced the film. "Absolutely not," Hale said when asked whether she had seen any warning signs.',
            "Lena Hale",
            "Absolutely not",
        ),
        # the one told is the object; the "that"-clause the parser hung on it is the report
        (
            "Tomas Brandt told a judge that his client was settling in at Velden Recovery, a clinic in Orvik.",
            "Tomas Brandt",
            "his client was settling",
        ),
        # a clause, a comma, then the speech verb and its named subject
        (
            "In Velden, the duty to consult biologists before building projects is particularly crucial, said "
            "Marta Quill, state representative of the Orvik Species Coalition.",
            "Marta Quill",
            "In Velden",
        ),
        # a "that" the parser reads as an adverb opens the report, and is left out of it
        (
            "Michael Jackson said in a statement at the time that he looked forward to proving his innocence.",
            "Michael Jackson",
            "he looked forward",
        ),
        # the speaker's aside between commas before the verb
        (
            "Linebacker Tomas Brandt, probably playing his final game at Velden Stadium, said he had to fight "
            "back the tears.",
            "Tomas Brandt",
            "he had to fight",
        ),
    ],
)
def test_reports_the_parser_hides(nlp, text: str, who: str, start: str) -> None:
    from newsgraph.trust import shown

    quotes = _pipeline_quotes(nlp, text)
    assert any(q[0] == who and q[3].startswith(start) and shown("quote", q[2]) for q in quotes), quotes


def test_a_sentence_cut_short_before_an_inverted_attribution_is_no_report(nlp) -> None:
    text = "with her husband when she was struck just after 7 p.m. on the road, said Sgt. Ana Ruiz."
    assert not any(q[3].startswith("with her") for q in _pipeline_quotes(nlp, text))


def test_a_reported_verb_the_parser_reads_as_a_plural_noun_still_reports(nlp) -> None:
    # the parser takes "impacts" for the object of "said"; a noun has no object of its own
    text = (
        "Helix released a patch. The company said the vulnerability impacts all currently supported "
        "versions of the browser, but attacks have been limited to users of version 8."
    )
    (quote,) = _pipeline_quotes(nlp, text)
    assert quote[3].startswith("the vulnerability impacts") and quote[1] == "The company", quote


def test_a_word_or_two_in_marks_leaves_a_reported_clause_a_report(nlp) -> None:
    from newsgraph.trust import shown

    text = 'Ana Ruiz leads the parish. A "suspicious" fire devastated the church on Friday night, Ruiz said.'
    quotes = _pipeline_quotes(nlp, text)
    assert any(
        q[0] in {"Ana Ruiz", "Ruiz"} and q[3].startswith('A "suspicious" fire') and shown("quote", q[2])
        for q in quotes
    ), quotes
    # a whole sentence in marks inside the clause is a quotation of its own, not a scare quote
    text = 'Ana Ruiz leads the parish. The letter "We will rebuild the church this year." was read out, Ruiz said.'
    assert not any(q[3].startswith("The letter") for q in _pipeline_quotes(nlp, text))


def test_with_a_clause_on_each_side_of_the_verb_the_one_after_is_reported(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "Chris Early, a vice president at Helix Games, spoke in Paris.\n\nWhile the service's current lineup "
        "is light on exclusive titles (only three games available exclusively on the service have been "
        "announced), Early says there is a possibility that future games could be built for the platform."
    )
    quotes = _pipeline_quotes(nlp, text)
    assert any(
        q[0] == "Chris Early" and q[3].startswith("there is a possibility") and shown("quote", q[2])
        for q in quotes
    ), quotes
    assert not any(q[3].startswith("While") for q in quotes), quotes


def test_a_class_the_speakers_are_among_does_not_speak_for_them(nlp) -> None:
    from newsgraph.trust import shown

    text = (
        "In the meantime, Orvia Foods, Velo Mart and the recreational vehicle-maker Tamsin Motors are among "
        "retailers that said they raised prices as a result of the tariffs."
    )
    assert not any(shown("quote", q[2]) for q in _pipeline_quotes(nlp, text))


def test_reported_clauses_the_parser_misreads_are_still_reports(nlp) -> None:
    """Three misparses of "X said <clause>": the clause's first noun read as its verb ("said
    receivers Lund and Berg are ..."), its subject read as the object of "said" with its past-tense
    verb as a participle ("said the new rule excluded from the process ..."), and a postposed
    attribution whose name carries an appositive ("..., Vera Lind, a spokeswoman at Orvik, said in a
    statement.")."""
    from newsgraph.trust import shown

    cases = {
        "Coach Tom Reyes said receivers Anders Lund and Piet Berg are getting most of the practice time this week.": (
            "Tom Reyes",
            "receivers Anders Lund",
        ),
        "Ecologist Stuart Varga said the new rule excluded from the process expert scientists who had reviewed projects.": (
            "Stuart Varga",
            "the new rule excluded",
        ),
        "So far the attacks have only targeted older browsers, Vera Lind, a spokeswoman at Orvik Software, said in a statement.": (
            "Vera Lind",
            "So far the attacks",
        ),
    }
    for text, (speaker, words) in cases.items():
        (quote,) = _pipeline_quotes(nlp, text)
        assert quote[0] == speaker and quote[3].startswith(words) and shown("quote", quote[2]), (text, quote)
    # "say" with an object of its own is no such report
    assert not any(
        shown("quote", q[2]) for q in _pipeline_quotes(nlp, "Tom Reyes said a few words at the funeral.")
    )


def test_a_speech_verb_the_tagger_read_as_a_plural_noun(nlp):
    """ "the Congressional Budget Office projects that ...": the tagger's plural noun has a subject and a
    "that"-clause of its own, so it is the verb; a plain noun "projects" reports nothing."""
    doc = nlp(
        "Separately, the Congressional Budget Office projects that the new tariffs will reduce "
        "the national gross domestic product by 0.3 percent by 2020."
    )
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Congressional Budget Office"
    assert quote.text.startswith("the new tariffs will reduce")
    doc = nlp("The agency's projects that failed last year cost the state $40 million.")
    assert not doc._.ng_quotes


def test_the_subject_after_an_opening_as_clause_speaks(nlp):
    """ "As we have noted, a study by X concluded that ...": the parser hung the study on "noted" as
    its object; it is the subject of "concluded", and its author speaks."""
    doc = nlp(
        "As we have noted, a March 2019 study by the Centre for Economic Policy Research, a "
        "London-based think tank, concluded that the full incidence of the tariff falls on domestic consumers."
    )
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Centre for Economic Policy Research"
    assert quote.text.startswith("the full incidence")


def test_a_relative_clause_or_a_country_after_of_is_no_report_or_speaker(nlp):
    """ "Reyes added 12 points for the Harriers, who have won two in a row": the relative clause the
    parser hangs on "added" reports nothing; "according to the Central Elections Commission of
    Velden" is the commission's word, not Velden's."""
    doc = nlp(
        "Tomas Reyes added 12 points for the Harriers (10-3, 1-0 Big East), who have won two in a row "
        "since a loss to Alder on New Year's Eve."
    )
    assert not doc._.ng_quotes
    doc = nlp(
        "Parliamentary elections in Turkmenistan will be held on a two-party basis for the first time, "
        "according to the Central Elections Commission of Turkmenistan."
    )
    (quote,) = doc._.ng_quotes
    assert quote.speaker_text.startswith("Central Elections Commission"), quote
    assert _speaker_name(doc, quote) != "Turkmenistan", quote


def test_a_title_cut_off_by_its_full_stop_gives_the_name_after_it(nlp):
    """ "said Sgt. Marty Earley": the parser splits the sentence at "Sgt." and takes the title for
    the subject; the person named after it speaks, and "Sgt" is no entity of its own."""
    doc = nlp(
        '"He tried to provide first aid and comfort for her," said Sgt. Marty Earley with the '
        "Bloomington Police Department."
    )
    (quote,) = doc._.ng_quotes
    assert _speaker_name(doc, quote) == "Marty Earley"
    assert "Sgt" not in {c.name for c in doc._.ng_entities}
