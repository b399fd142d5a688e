"""The shared vocabularies (data/speech.toml, data/months.toml) are read once and used by every reader."""

from __future__ import annotations

import ast
import tomllib
from datetime import date
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


# --- every data file: what it holds, who opens it -------------------------------------------

DATA = SRC / "data"
_VOCABULARY_READERS = ("word_set", "word_list", "word_map", "shared_words", "data_file")


def _code_strings(tree: ast.AST) -> list[str]:
    """The string constants of a module that are no docstring."""
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docs.add(id(node.value))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def _modules() -> dict[str, ast.AST]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _vocabulary_reads(tree: ast.AST) -> list[tuple[str, str | None]]:
    """(file stem, table) of each ``word_set("file", "table")``-like call in a module (table None
    for a whole ``data_file``; a subscript right after it names the table read)."""
    found = []
    subscripted = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Call):
            if isinstance(node.slice, ast.Constant):
                subscripted[id(node.value)] = node.slice.value
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in _VOCABULARY_READERS:
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if args and len(args) == len(node.args):
                found.append((args[0], args[1] if len(args) > 1 else subscripted.get(id(node))))
    return found


def test_every_data_file_starts_by_saying_what_it_holds() -> None:
    files = sorted(DATA.glob("*.toml"))
    assert len(files) >= 30
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        head = []
        for line in lines:
            if not line.startswith("#"):
                break
            head.append(line.lstrip("# "))
        words = " ".join(head).split()
        assert len(head) >= 2 and len(words) >= 20, f"{path.name}: no comment block at its top"
        tomllib.loads(path.read_text(encoding="utf-8"))  # and it parses


def _parses_toml(tree: ast.AST) -> bool:
    """Whether a module parses TOML itself (rather than asking newsgraph.vocabulary)."""
    return any(
        isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "tomllib"
        for node in ast.walk(tree)
    )


def test_every_data_file_is_opened_by_its_documented_loader_only() -> None:
    shipped = {p.name for p in DATA.glob("*.toml")}
    assert set(vocabulary.LOADERS) == shipped, "a data file without a documented loader in vocabulary.LOADERS"
    assert all(isinstance(m, str) for m in vocabulary.LOADERS.values()), "one loader per file"
    opened: dict[str, set[str]] = {name: set() for name in shipped}
    for module, tree in _modules().items():
        if not _parses_toml(tree):
            continue  # names a file only to ask vocabulary for it (resolve.names: _words("titles.toml"))
        for text in _code_strings(tree):
            if module == "vocabulary" and text in vocabulary.LOADERS:
                continue  # the register itself
            for name in shipped:
                if text == name or text.endswith("/" + name):
                    opened[name].add(module)
    for name, modules in opened.items():
        # a file opened by two modules is parsed twice and can be read two ways: one of them
        # reads it through the other (or through vocabulary.data_file)
        assert len(modules) <= 1, f"{name} opened by {sorted(modules)}"
        assert modules <= {vocabulary.LOADERS[name]}, f"{name} opened by {sorted(modules)}"
    assert not (SRC / "extract" / "cues.toml").exists(), "the cue phrases live in data/ with the others"


_PARSE_COUNT = """
import collections, json, sys, tomllib
from pathlib import Path

texts = {p.read_text("utf-8"): p.name for p in Path(sys.argv[1]).glob("*.toml")}
parsed = collections.Counter()
loads = tomllib.loads


def counting(text, **kw):
    parsed[texts.get(text, "other")] += 1
    return loads(text, **kw)


tomllib.loads = counting
from newsgraph.nlp import coref_gender, entities, event_certainty, event_lexicon, quotes, relation_lexicon
from newsgraph.query import events
from newsgraph.resolve import kinds, names

coref_gender.gender_words()
event_lexicon.default_lexicon()
events.lexicon_types()
event_certainty.load_certainty()
names.vocabulary()
kinds.is_role_phrase("a dock worker")
kinds.splitting_kind("veteran")
print(json.dumps(parsed))
"""


def test_each_shared_file_is_parsed_once_for_all_its_readers() -> None:
    """titles.toml (resolve.names, resolve.kinds, nlp.entities), roles.toml (relations, kinds),
    gender.toml (coreference, kinds), event_lexicon.toml (events, the event query): every reader
    has read them, and each was parsed once."""
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", _PARSE_COUNT, str(DATA)], capture_output=True, text=True, check=True
    ).stdout
    parsed = json.loads(out.strip().splitlines()[-1])
    for name in ("titles.toml", "roles.toml", "gender.toml", "event_lexicon.toml", "person_kinds.toml",
                 "not_names.toml", "pronouns.toml", "event_certainty.toml"):  # fmt: skip
        assert parsed.get(name) == 1, f"{name} parsed {parsed.get(name, 0)} times"
    assert max(parsed.values()) == 1, parsed


def test_the_new_vocabularies_are_read_through_vocabulary_and_every_table_is_used() -> None:
    through_vocabulary = {n.removesuffix(".toml") for n, m in vocabulary.LOADERS.items() if m == "vocabulary"}
    reads: set[tuple[str, str | None]] = set()
    for module, tree in _modules().items():
        for stem, table in _vocabulary_reads(tree):
            assert stem in through_vocabulary, f"{module} reads {stem}.toml, which vocabulary does not load"
            reads.add((stem, table))
    # the files written for the rule modules: no table sits there unread
    for stem in ("class_nouns", "event_verbs", "party_nouns", "pleonastic", "prepositions", "pronouns",
                 "role_words", "time_words", "title_case", "contrast", "determiners", "modals",
                 "name_heads", "relation_nouns", "time_cues", "subordinators", "referent_modifiers",
                 "possessive_marks", "relation_verbs", "url_segments", "stop_words"):  # fmt: skip
        tables = set(vocabulary.data_file(stem))
        assert tables == {t for s, t in reads if s == stem}, f"{stem}.toml: tables nobody reads"


def test_the_rule_modules_hold_the_shared_lists() -> None:
    from newsgraph.nlp import context, entities, event_senses
    from newsgraph.resolve import dedup, names

    assert event_roles.LIGHT_VERBS is vocabulary.word_set("event_verbs", "light")
    assert event_roles.RECIPIENT_PREPS is vocabulary.word_list("prepositions", "recipient")
    assert event_roles._THING_PRONOUNS is vocabulary.shared_words("pronouns", "thing", "events")
    assert event_senses._THING_PRONOUNS is vocabulary.shared_words("pronouns", "thing", "senses")
    assert coref_rules.LEADER_ROLES is vocabulary.word_set("role_words", "leader")
    assert coref_rules.PLEONASTIC_ADJ is vocabulary.word_set("pleonastic", "adjectives")
    assert timex_grammar.HOLIDAYS is vocabulary.word_map("time_words", "holidays")
    assert context._SMALL_WORDS is vocabulary.shared_words("title_case", "small_words", "context")
    assert names._TITLE_SMALL_WORDS is vocabulary.shared_words("title_case", "small_words", "entities")
    from newsgraph.nlp import event_certainty, relation_lexicon

    assert quotes._RELATIVE is vocabulary.word_set("pronouns", "relative_subject")
    assert quotes._PRONOUNS is vocabulary.word_set("pronouns", "personal")
    assert quotes._OWNER_PREPS is vocabulary.word_set("prepositions", "affiliation")
    assert quotes._CONDITIONAL is vocabulary.word_set("modals", "counterfactual")
    assert quotes._DETERMINERS is vocabulary.shared_words("determiners", "leading", "quotes")
    assert entities._DETERMINERS is vocabulary.shared_words("determiners", "leading", "entities")
    assert entities.ORG_HEADS is vocabulary.word_set("name_heads", "organisation")
    assert entities._CONTRAST is vocabulary.word_set("contrast", "between_names")
    assert timex._TEMPORAL_LEAD is vocabulary.word_set("time_cues", "temporal_lead")
    assert timex._FUTURE_AUX is vocabulary.word_set("time_cues", "future_aux")
    assert relation_lexicon.RELATIVE_PRONOUNS is event_roles.RELATIVE_PRONOUNS
    assert relation_lexicon.ENEMY_NOUNS is vocabulary.word_set("relation_nouns", "enemy")
    assert event_certainty.WH_WORDS == set(vocabulary.data_file("event_certainty")["wh_words"])
    from newsgraph.extract import meta
    from newsgraph.nlp import coref, descriptions, event_casualties, events, quote_marks, relations

    assert events.NEW_REFERENT is vocabulary.shared_words("referent_modifiers", "new_referent", "events")
    assert coref._CONTRASTIVE is vocabulary.shared_words("referent_modifiers", "new_referent", "coref")
    assert events.OBJECT_ONLY is vocabulary.word_set("event_verbs", "object_only")
    assert event_casualties._MODALS is vocabulary.word_set("modals", "modal")
    assert quote_marks._NOT_POSSESSORS is vocabulary.word_set("possessive_marks", "not_possessors")
    assert relations._APPOINT_VERBS is vocabulary.word_set("relation_verbs", "appointment")
    assert meta._NOT_SECTIONS is vocabulary.word_set("url_segments", "not_sections")
    # the description reader skips a part of the honorifics resolve.names strips
    from newsgraph.resolve.names import vocabulary as name_words

    assert descriptions.HONORIFICS < name_words()["honorifics"]
    from newsgraph.extract.cues import cues

    assert cues()["boilerplate"] == vocabulary.data_file("cues")["boilerplate"]["phrases"]
    assert dedup._cue().search("all rights reserved")


def test_where_two_readers_differ_each_keeps_its_own_list() -> None:
    # the mention grouper's headings skip fewer small words than the headline check
    headline = vocabulary.shared_words("title_case", "small_words", "context")
    lines = vocabulary.shared_words("title_case", "small_words", "entities")
    assert lines < headline and {"is", "out", "about"} <= headline - lines
    # event roles also keep "it" out of the parties; the sense checks do not
    assert vocabulary.shared_words("pronouns", "thing", "events") - vocabulary.shared_words(
        "pronouns", "thing", "senses"
    ) == {"it"}
    with pytest.raises(ValueError, match="readers"):
        vocabulary.shared_words("title_case", "small_words", "quotes")
    # quotes also strip demonstratives before a role; the mention grouper only the articles
    assert vocabulary.shared_words("determiners", "leading", "quotes") - vocabulary.shared_words(
        "determiners", "leading", "entities"
    ) == {"this", "that"}
    # "past", "major", "general" make an event noun a new event; coreference does not read them
    events = vocabulary.shared_words("referent_modifiers", "new_referent", "events")
    coref = vocabulary.shared_words("referent_modifiers", "new_referent", "coref")
    assert {"past", "major", "general"} <= events - coref and {"other", "same"} <= coref - events


def test_title_case_readers_on_our_own_headlines() -> None:
    from newsgraph.nlp.context import is_title_case
    from newsgraph.nlp.headline_verbs import title_case_line

    assert is_title_case("Dock Workers Walk Out at the Harbour of Kestrel Bay")
    assert not is_title_case("Dock workers walk out at the harbour of Kestrel Bay")
    # "out" and "of" are small words to the headline check, "out" is not to the line check
    assert is_title_case("Ferry Crews Walk out of Talks over Pay")
    assert not title_case_line("Ferry Crews Walk out of Talks over Pay")


def test_gendered_pronouns_agree_with_the_gender_file() -> None:
    gender = tomllib.loads((DATA / "gender.toml").read_text(encoding="utf-8"))
    assert vocabulary.word_set("pronouns", "masculine") == set(gender["male"]["pronouns"].split())
    assert vocabulary.word_set("pronouns", "feminine") == set(gender["female"]["pronouns"].split())
    assert coref_rules.PRONOUN_CLASS["hers"] == (frozenset({"PERSON"}), False)
    assert coref_rules.PRONOUN_CLASS["themselves"] == (frozenset({"ORG"}), True)


def test_time_words_and_the_grammar_patterns_say_the_same() -> None:
    import re

    g = timex_grammar
    assert all(re.fullmatch(g._WD, w.capitalize()) for w in g.WEEKDAYS)
    assert re.findall(r"[A-Z][a-z]+day", g._WD) == [w.capitalize() for w in g.WEEKDAYS]
    assert set(re.findall(r"\w+", g._POD)) - {"P", "pod"} == set(g.PARTS_OF_DAY)
    assert all(re.fullmatch(g._QORD, w) for w in g._ORDINALS)
    assert all(re.fullmatch(g._NUM, w) for w in g._VAGUE)
    assert all(re.match(g._UNIT, w) for w in g._UNITS)
    spelled = set(re.findall(r"[a-z]+", g._NUMWORD))
    assert spelled <= set(g._NUMBERS)
    season = dict(g._PATTERNS)["season"]
    assert all(w in season for w in g.SEASONS)
    holiday = dict(g._PATTERNS)["holiday"]
    for name in g.HOLIDAYS:
        assert re.fullmatch(holiday + "$", name.title().replace("'S", "'s")), name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday evening", ("TIME", "2026-03-05TEV")),
        ("last winter", ("DATE", "2025-WI")),
        ("a dozen weeks", ("DURATION", "P12W")),
        ("half an hour", ("DURATION", "PT0.5H")),
        ("several years", ("DURATION", "PXY")),
        ("the third quarter of 2024", ("DATE", "2024-Q3")),
        ("Christmas Eve 2024", ("DATE", "2024-12-24")),
    ],
)
def test_the_grammar_reads_its_words_from_the_file(text: str, expected: tuple[str, str]) -> None:
    assert timex_grammar.resolve(text, date(2026, 3, 9), tense="past") == expected


def _word_lists(source: str) -> list[int]:
    """The lines of a module's top-level assignments that write a word list: a ``"...".split()``,
    or a set of five lower-case words that are no spaCy dependency label ("nsubj", "relcl") nor a
    kind of the time grammar ("mdy", "decadeword") - those are the code's own constants."""
    from spacy.glossary import GLOSSARY

    codes = {k for k in GLOSSARY if k.islower()} | {kind for kind, _ in timex_grammar._PATTERNS}
    found = []
    for stmt in ast.parse(source).body:
        if not isinstance(stmt, ast.Assign | ast.AnnAssign):
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "split":
                if isinstance(node.func.value, ast.Constant):
                    found.append(stmt.lineno)
            if isinstance(node, ast.Set):
                words = [
                    e.value
                    for e in node.elts
                    if isinstance(e, ast.Constant) and str(e.value).islower() and e.value not in codes
                ]
                if len(words) >= 5:
                    found.append(stmt.lineno)
    return found


# extract/ modules whose top-level sets are HTML tag names, block kinds and schema.org types: code
_MARKUP_MODULES = {"extract/__init__.py", "extract/html.py", "extract/link_lists.py", "extract/page_url.py"}


def test_no_rule_module_writes_a_word_list_again() -> None:
    """A word list at the top of a module of nlp/, query/, extract/, resolve/ or store/ belongs in data/."""
    checked = 0
    for folder in ("nlp", "query", "extract", "resolve", "store"):
        for path in sorted((SRC / folder).rglob("*.py")):
            if str(path.relative_to(SRC)) in _MARKUP_MODULES:
                continue
            lines = _word_lists(path.read_text(encoding="utf-8"))
            assert lines == [], f"{path.relative_to(SRC)}: word lists at lines {lines}"
            checked += 1
    assert checked >= 70


def test_the_word_list_check_finds_one() -> None:
    assert _word_lists('HEADS = frozenset("port airport bridge".split())\n') == [1]
    assert _word_lists('WH = frozenset({"how", "what", "why", "whether", "if"})\n') == [1]
    # dependency labels and the time grammar's kinds are code, not words
    assert _word_lists('DEPS = {"relcl", "acl", "ccomp", "csubj", "parataxis", "xcomp"}\n') == []
    assert _word_lists('KINDS = {"iso", "year", "decadeword", "century", "ref", "pastfut"}\n') == []


def test_the_resolver_and_the_search_read_the_shared_lists() -> None:
    from newsgraph.resolve import candidate_contexts, entities, partial
    from newsgraph.store import fts

    assert candidate_contexts._STOP is vocabulary.shared_words("stop_words", "stop", "descriptions")
    assert fts._STOP is vocabulary.shared_words("stop_words", "stop", "search")
    assert entities._SUFFIXES is partial._SUFFIXES is vocabulary.word_set("name_heads", "generational")
    assert entities._CORPORATE is vocabulary.word_set("name_heads", "legal_forms")
    # the name-key suffixes are the tokeniser's [suffixes] without full stops, plus spelled-out forms
    suffixes = {w.rstrip(".") for w in vocabulary.word_set("name_heads", "suffixes")}
    assert vocabulary.word_set("name_heads", "generational") < suffixes
    assert vocabulary.word_set("name_heads", "legal_forms") - suffixes == {
        "incorporated", "corporation", "company", "limited", "nv"
    }  # fmt: skip


def test_the_stop_word_readers_differ_where_the_file_says() -> None:
    from newsgraph.resolve.candidate_contexts import words_of
    from newsgraph.store.fts import fts5_query

    descriptions = vocabulary.shared_words("stop_words", "stop", "descriptions")
    search = vocabulary.shared_words("stop_words", "stop", "search")
    assert descriptions - search == {"former", "new", "said", "says", "also"}
    assert {"what", "they", "about"} <= search - descriptions
    # a namesake's description keeps what tells people apart, not "former" or "said"
    assert words_of(["the former lock keeper who also said", "a new tug skipper"]) == {
        "lock", "keeper", "tug", "skipper"
    }  # fmt: skip
    # a search drops "what", "they", "about" and "the", and keeps "said"
    assert fts5_query("what they said about the tug skipper") == '"said" AND "tug" AND "skipper"'


def test_a_legal_form_and_a_generational_suffix_are_left_out_of_the_keys() -> None:
    from newsgraph.model import Entity
    from newsgraph.resolve.entities import _without_designator, matching_keys
    from newsgraph.resolve.partial import _name_words

    assert _without_designator("alder tug works incorporated") == "alder tug works"
    assert _without_designator("gmbh") == "gmbh"  # a name is never emptied
    assert "alder tug works" in matching_keys(Entity(id="e1", name="Alder Tug Works Ltd.", type="ORG"))
    assert _name_words(Entity(id="e2", name="Corwin Ashby Jr.", type="PERSON")) == ["corwin", "ashby"]
