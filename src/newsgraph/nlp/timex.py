"""The ``newsgraph_timex`` component: time expressions with TIMEX3 values.

Candidates come from our own grammar (``timex_grammar``: precompiled patterns over ``doc.text``,
one linear pass each); the parsed ``Doc`` then decides which are real and which way they point:

- **Licensing.** A bare month ("May", "March") counts only after a temporal word ("in May",
  "last March", "between March and May"), so the verbs "may"/"march" and the name "Theresa May"
  stay out. A bare four-digit number counts as a year only after such a word or when spaCy calls it
  a DATE, and never before a plural noun ("2000 jobs"). A weekday or season inside a spaCy name
  (ORG, WORK_OF_ART...) or after a capitalised word ("Good Friday", "Donna Summer") is dropped.
- **Anchoring.** Values resolve against ``doc._.ng_published``. Without it, relative expressions
  ("Monday", "last week", "March 12") get value None; absolute ones ("June 2019", "P5Y") resolve.
- **Direction.** A bare weekday, month or season points back (the most recent one before the
  publication date, the news default) unless the governing verb is future ("would be unloaded on
  Thursday" -> the coming Thursday, the publication day included). A day named with a simple
  present verb is scheduled, so ahead too ("the trial starts Monday"), except after reporting verbs
  ("says") and "as of"; a month with a present verb keeps the default ("as of February, it has").
  An infinitive takes the tense of the verb it hangs from ("was due to be freed in September" is the
  past September, "is due to be freed" the coming one); a participle without a tense of its own
  ("spent Monday trying to ...") looks further up.
- **Stories.** A bare month or day within three sentences after a date written with its year, more
  than half a year before publication, is the one nearest that date ("saw his doctor in November
  2016. ... But by December" -> 2016-12) when its verb is past (or a past narrative's "could"), not
  in a present clause ("remains a shareholder as of March 20") nor after "will".
- **Clocks.** "3:08" without a.m./p.m. or a zone is a time of day only after a word that introduces
  one ("at 14:30"), never as a game clock or a running time ("with 3:08 to play", "2:15 left in the
  third quarter", "a 2:05 marathon"); the words live in ``data/clocks.toml``. A time of day takes
  the day of a date written right after it, itself counted from the date before ("arrested on
  Tuesday night and released at 6:30 a.m. the following morning" -> Wednesday 06:30).
- **Confidence.** Each timex carries ``confidence`` (``timex_confidence``): high for a date written
  out, lower where a year, a direction or a day was guessed, low for a date inside a name or before
  a noun ("the September 11 memorial", "the 2020 election"), which names a thing rather than the
  time of what the sentence reports.
- **Counting from a mention.** "three days before a court hearing", "two days later", "the next
  day" count from the last day-precise date earlier in the same sentence ("began on Monday, three
  days before a court hearing" -> Monday + 3 days, the hearing's date); without one, value None.
  A count that opens a sentence ("Two days later, ...", "The next day, ...") counts from the last
  day-precise date of the sentence before. A time of day ("9:30 a.m.") takes the day of a date next
  to it in the sentence, else the anchor.
- **TimeML conventions.** "now"/"currently" are PRESENT_REF, "recently" PAST_REF, "in the future"
  FUTURE_REF (consumers that want a date skip ``*_REF``); fiscal years are ``FY2025``
  (``FY2025-Q2``); decades and centuries as durations count in years ("a decade" -> P10Y).

Spans. A span covers the expression itself plus the preposition when it changes the meaning:
"since", "until", "till", "before", "after" and "by" are included ("since last autumn",
"until 2028"); "on", "in", "at" and "during" are not ("Monday", "June 2019").

Ranges. "between April and June 2021" / "from 2009 to 2011" give, as in TimeML, one DATE per end
("April" -> 2021-04, the year borrowed from the other end; "June 2021" -> 2021-06) plus a DURATION
over the whole range whose value is its length as TimeML counts it (end minus start: "P2M", "P2Y").
The DURATION overlaps its two DATEs; a consumer that wants when something happened takes the DATEs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from datetime import date
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Timex
from ..vocabulary import month_names, speech_verbs, word_set
from .extensions import doc_text, register_extensions, token_at
from .timex_confidence import Evidence, confidence
from .timex_grammar import (
    WEEKDAYS,
    Candidate,
    complete_year,
    find_candidates,
    find_range,
    granularity,
    month_of,
    range_length,
    resolve,
    to_date,
    value_of,
)

__all__ = ["annotate_timexes", "find_timexes", "resolve"]

# The words around a time expression, data/time_cues.toml (each table says what it is for): after
# which a bare month or year is a date ("in May"), nouns that make a holiday a thing ("Christmas
# cards"), prepositions a span takes in ("since"), auxiliaries that point ahead ("will").
_TEMPORAL_LEAD = word_set("time_cues", "temporal_lead")
_HOLIDAY_THINGS = word_set("time_cues", "holiday_things")
_INCLUDED_PREPS = word_set("time_cues", "included_prepositions")
_NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT", "LAW", "NORP", "GPE", "LOC"}
# a holiday is often tagged EVENT; only a place or a name ("Christmas Island") drops it
_HOLIDAY_NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC"}
_TIME_UNITS = word_set("time_cues", "time_units")
_FUTURE_AUX = word_set("time_cues", "future_aux")
# present-tense reporting verbs tell of what has happened ("the company says it cut jobs on Monday");
# data/speech.toml, core + timex
_REPORTING = speech_verbs("timex")
_SENT_END = set(".!?\"'”’)…:;")
_SCHEDULED_KINDS = {"wd", "mdy", "dmy", "holiday"}
_SCHEDULED = word_set("time_cues", "scheduled")
_PREV_WORD = re.compile(r"([\w'’.-]+|[—(-])\s*$")
# kinds dropped inside a spaCy name: "Black Monday", "Christmas Island", "USA Today", "Tonight Show"
_CONTEXT_KINDS = {"mon", "wd", "season", "year", "decade", "holiday", "rel"}
_WORDS = tomllib.loads(resources.files("newsgraph").joinpath("data/clocks.toml").read_text("utf-8"))


def _alternation(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in words)


# what follows a game clock or a running time, not a time of day (data/clocks.toml)
_GAME_CLOCK = re.compile(
    rf"\s*(?:(?:{_alternation(_WORDS['game_clock_after'])})\b"
    rf"|(?:of|in)\s+(?:the\s+)?(?:{_alternation(_WORDS['game_part_ordinals'])})\s+"
    rf"(?:{_alternation(_WORDS['game_parts'])})|(?:{_alternation(_WORDS['running_time_nouns'])})\b)",
    re.I,
)
_CLOCK_BEFORE = re.compile(
    rf"\d:[0-5]\d\s+(?:(?:{_alternation(_WORDS['game_clock_after'])})\s+)?(?:in|of|into)\s+$", re.I
)
_MEASURE_DETS = set(_WORDS["measure_words"])
_CLOCK_LEAD = set(_WORDS["clock_lead"])
_ZONE_AFTER = re.compile(rf"\s*(?:{_alternation(_WORDS['clock_zones'])}|[A-Z]{{2,4}}T)\b")
_ALWAYS_EXPLICIT = {
    "iso", "year", "decadeword", "century", "ref", "pastfut", "durthe", "durvague", "durplural",
    "durlong", "set", "setfreq", "fy", "slash",
}  # fmt: skip
_STORY_KINDS = {"mdy", "dmy", "my"}
_STORY_SENTENCES = 3  # how far back a date written with its year sets the story's time
_NOUN_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "compound", "appos", "poss"}
_MODIFIER_DEPS = {"compound", "nmod", "nummod", "amod"}
# a date before one of these is the noun's own time ("the 2019 season", "the Monday morning")
_TIME_NOUNS = set(_WORDS["time_nouns"])
_ADJACENT = re.compile(r"\s*(?:,|the|at|on|of)?\s*$")


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return m.group(1).lower().rstrip(".") if m else ""


def _licensed(doc: Doc, text: str, cand: Candidate, tok: Token | None) -> bool:
    """Whether a grammar match is a time expression here (see the module docstring)."""
    g = cand.match.groupdict()
    kind = cand.kind
    prev = _prev_word(text, cand.start)
    if tok is not None and kind in _CONTEXT_KINDS and tok.ent_type_ in _NAME_LABELS:
        if kind != "holiday" or tok.ent_type_ in _HOLIDAY_NAME_LABELS:
            return False
    if kind == "mon":
        if g.get("mod"):
            return True
        if prev not in _TEMPORAL_LEAD:
            return False
        nxt = doc.char_span(cand.end, cand.end + 1, alignment_mode="expand") if cand.end < len(text) else None
        # "in August Strindberg's plays": a capitalised word after the month makes it a name
        return not (
            nxt is not None and len(nxt) and nxt[0].is_title and nxt[0].text.lower() not in _TEMPORAL_LEAD
        )
    if kind == "wd":
        if g.get("mod"):
            return True  # "the Senate last Thursday"
        if tok is not None and not tok.is_sent_start and prev and prev[0].isalpha():
            before = text[max(0, cand.start - 40) : cand.start].rstrip().split()
            word = before[-1] if before else ""
            if (
                word[:1].isupper()
                and word.lower().rstrip(".,") not in _TEMPORAL_LEAD | {"on"}
                and not _is_date_word(word)
            ):
                return False  # "Good Friday", "Black Monday"
        return True
    if kind == "season":
        season = g["season"].lower()
        mod = (g.get("mod") or "").lower().strip()
        if g.get("year"):
            return True
        if season == "fall":
            if mod == "the":  # "in the fall", not "the fall of the regime" or "after the fall in prices"
                after = text[cand.end : cand.end + 6].lower()
                named = re.match(r"\s+(of|in)\b", after)
                return prev in ("in", "during", "by", "until", "since") and not named
            return mod in ("last", "this", "next", "early", "late")
        if not mod:
            return prev in ("in", "since", "until", "during", "this", "by", "over", "through")
        if g["season"][0].isupper() and mod == "the":
            return False
        return True
    if kind == "year":
        if tok is not None:
            nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.tag_ == "NNS" and nxt.lemma_.lower() not in _TIME_UNITS:
                return False  # "2000 jobs"
            if tok.ent_type_ == "DATE":
                return True
        return bool(g.get("mod")) or prev in _TEMPORAL_LEAD or prev in ("the", "'s")
    if kind in ("quarter", "half") and _CLOCK_BEFORE.search(text, max(0, cand.start - 40), cand.start):
        return False  # "with 2:15 left in the third quarter": a game's quarter
    if kind in ("time24", "time"):
        return _time_of_day(text, cand, prev)
    if kind == "dur" and (g.get("num") or "").lower() in ("a", "an") and g["unit"].lower() == "second":
        return False
    if kind == "ref" and g.get("now"):
        if re.match(r"\s+that\b", text[cand.end : cand.end + 6]):
            return False  # "now that" is a conjunction
        # "Now" capitalised inside a sentence is a name or a shop banner ("Sony Now", "Now $549")
        return not (cand.text[0].isupper() and tok is not None and not tok.is_sent_start)
    if kind == "holiday" and tok is not None and g["h"].lower() == "christmas":
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        return nxt is None or nxt.lemma_.lower() not in _HOLIDAY_THINGS  # "Christmas cards"
    return True


def _time_of_day(text: str, cand: Candidate, prev: str) -> bool:
    """Whether "3:08" is a time of day, not a game clock ("with 3:08 to play", "2:15 left in the
    third quarter") or a duration ("a 2:05 marathon"): a clock without a.m./p.m. or a zone counts
    only after a word that introduces a time ("at 14:30", "until 18:00", "between 9:00 and")."""
    after = text[cand.end : cand.end + 40]
    if _GAME_CLOCK.match(after):
        return False
    if cand.kind == "time":
        return True  # "a 2 p.m. meeting" is still a time of day
    if prev in _MEASURE_DETS:
        return False
    if cand.match.group("tz"):
        return True
    return prev in _CLOCK_LEAD or bool(_ZONE_AFTER.match(after))


def _is_date_word(word: str) -> bool:
    w = word.lower().strip(".,")
    return w in WEEKDAYS or w in month_names()


def _tense(tok: Token | None) -> str | None:
    """``future`` or ``past`` from the verb governing ``tok``; None when there is no clear verb."""
    return _tense_info(tok)[0]


def _tense_info(tok: Token | None) -> tuple[str | None, bool]:
    """(tense, marked): the tense of the verb governing ``tok``, and whether an auxiliary or the
    verb's own form says it ("will meet", "met", "were hoping") rather than a present that only
    suggests a plan ("is meeting", "the hearing is on Friday", "starts"). A present read from a verb
    more than three words up the parse counts for nothing: it is that clause's, not the date's."""
    if tok is None or not tok.doc.has_annotation("DEP"):
        return None, False
    verb, hops = tok, 0
    # a "verb" in a noun's place is a mistagged noun ("outside the ferry sheds on Tuesday")
    while not (verb.pos_ in ("VERB", "AUX") and verb.dep_ not in _NOUN_DEPS):
        if verb.head is verb or hops == 8:
            return None, False
        verb, hops = verb.head, hops + 1
    near = hops <= 3
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "TO" for c in aux) and not any(c.lower_ in _FUTURE_AUX - {"to"} for c in aux):
        # an infinitive looks ahead from its clause's verb: "is due to be freed in September" is
        # the coming September, "was due to be freed in September" one already past
        matrix = _matrix_tense(verb)
        if matrix is not None:
            return matrix, matrix == "past"
    if any(c.lower_ in _FUTURE_AUX for c in aux):
        return "future", True
    if any(c.tag_ == "VBD" for c in aux):
        return "past", True  # "were hoping", "had planned", "was meeting"
    present_be = any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in aux)
    if verb.tag_ == "VBG" and present_be:
        return ("future" if near else None), False  # "the union is meeting on Monday"
    if verb.tag_ == "VBN" and present_be and verb.lemma_ in _SCHEDULED:
        return "future", True
    if verb.tag_ in ("VBD", "VBN"):
        return "past", True
    if verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP"):
        return ("future" if near else None), False  # "the hearing is on Friday"
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in _REPORTING and not aux:
        return ("present" if near else None), False
    return None, False


def _matrix_tense(verb: Token) -> str | None:
    """The tense of the verb an infinitive hangs from ("planned to", "was due to", "is set to"):
    ``past`` when that verb is past, else ``future``; None when there is no such verb."""
    head = verb.head
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "oprd"):
        head = head.head  # "was due to", "is likely to"
    if head is verb or head.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("xcomp", "ccomp", "advcl"):
        return None
    for _ in range(3):
        # "spent Monday trying to distance themselves": a participle without a tense of its own
        # takes the tense of the verb above it
        if (
            head.tag_ not in ("VBG", "VB")
            or head.dep_ not in ("xcomp", "advcl", "ccomp")
            or head.head is head
        ):
            break
        if any(c.dep_ in ("aux", "auxpass") for c in head.children):
            break
        head = head.head
    tense = _tense(head) if head.i != verb.i else None
    return "past" if tense == "past" else "future"


def _tense_of(cand: Candidate, tok: Token | None, text: str) -> str | None:
    """The tense that points ``cand``: a day named with a simple present verb is scheduled, so ahead
    ("the trial starts Monday", "the law takes effect on January 1"); a month is not ("as of
    February, the store accounts for 70%")."""
    tense, marked = _tense_info(tok)
    if re.match(r"['’]s\b", text[cand.end : cand.end + 3]) and not marked:
        return None  # "Monday's announcement comes as...": the day of a past event
    if tense != "present":
        return tense
    if tok is not None and tok.doc.has_annotation("SENT_START"):
        sent = tok.sent.text.rstrip()
        if not sent or sent[-1] not in _SENT_END:
            return None  # a headline's present tells of the past ("Apple unveils iPhone on Monday")
    if cand.kind in _SCHEDULED_KINDS and not re.search(
        r"\bas\s+of\s+$", text[max(0, cand.start - 8) : cand.start]
    ):
        return "future"
    return None


def find_timexes(doc: Doc, anchor: date | None) -> list[Timex]:
    """All time expressions in ``doc`` with values resolved against ``anchor``."""
    text = doc_text(doc)
    cands: list[tuple[Candidate, Token | None]] = []
    for cand in find_candidates(text):
        tok = token_at(doc, cand.start)
        if _licensed(doc, text, cand, tok):
            cands.append((cand, tok))
    has_sents = doc.has_annotation("SENT_START")
    sent_of = [tok.sent.start_char if has_sents and tok is not None else 0 for _, tok in cands]
    # the sentence before each candidate's, for "A week later, ..." opening a sentence
    prev_sent_of = [
        doc[tok.sent.start - 1].sent.start_char if has_sents and tok is not None and tok.sent.start else None
        for _, tok in cands
    ]

    out: list[Timex] = []
    skip: set[int] = set()
    resolved: dict[int, tuple[str, str | None]] = {}  # values already worked out with a neighbour
    last_day: dict[int, date] = {}  # sentence start -> latest day-precise date seen in it
    last_date: dict[int, str] = {}  # sentence start -> latest day, month or year value seen in it
    only = [c for c, _ in cands]
    sent_index = {sent.start_char: k for k, sent in enumerate(doc.sents)} if has_sents else {}
    story: tuple[int, date] | None = None  # (sentence, day) of the last date written with its year
    for i, (cand, tok) in enumerate(cands):
        if i in skip:
            continue
        sent = sent_of[i]
        tense = _tense_of(cand, tok, text)
        ref = last_day.get(sent)
        ref_src = "sentence" if ref is not None else None
        clock_date = False
        start, end = cand.start, cand.end
        g = cand.match.groupdict()
        if ref is None and prev_sent_of[i] is not None and _opens_sentence(text, sent, start, cand, g):
            ref = last_day.get(prev_sent_of[i])  # "It began on March 3. A week later, ..."
            ref_src = "before" if ref is not None else None
        if (
            cand.kind in ("time", "time24", "noon")
            and i + 1 < len(cands)
            and sent_of[i + 1] == sent
            and _ADJACENT.match(text[end : cands[i + 1][0].start])
        ):
            # "9:30 a.m. on Tuesday", "6:30 a.m. the following morning": the day written after the
            # time, itself counted from the date before ("arrested on Tuesday night")
            nxt = value_of(cands[i + 1][0], anchor, _tense_of(*cands[i + 1], text), ref)
            if (nxt_day := to_date(nxt[1])) is not None:
                ref, clock_date = nxt_day, True
                resolved[i + 1] = nxt
        if ref is None and (before := last_date.get(sent)) is not None:
            ref = _coarse_ref(cand, g, before)  # "$4bn in 2018, up from $3bn the previous year"
            ref_src = "sentence" if ref is not None else None
        typ, value = resolved[i] if i in resolved else value_of(cand, anchor, tense, ref)
        here, storied = sent_index.get(sent, 0), False
        if (
            story is not None
            and here - story[0] <= _STORY_SENTENCES
            and tense in ("past", "future")  # a present clause tells of now ("remains ... as of March 20")
            and not _says_will(tok, tense)
        ):
            told = _in_story(cand, g, anchor, story[1])
            if told is not None:
                value, storied = told, True  # "in November 2016 ... But by December" -> 2016-12
        if cand.kind == "sameday" and value is None:
            # "sold in 2019 and closed later that year": the year (or month) of the date before
            before, ref_src = last_date.get(sent), "sentence"
            if before is None and prev_sent_of[i] is not None and _opens_sentence(text, sent, start, cand, g):
                before, ref_src = last_date.get(prev_sent_of[i]), "before"
            size = {"year": 4, "month": 7}.get(g["unit"].lower())
            if before is not None and size is not None and len(before) >= size:
                value = before[:size]
        direction = (g.get("dir") or "").lower() if cand.kind == "dur" else ""
        if direction in ("before", "after") and i + 1 < len(cands):
            nxt = cands[i + 1][0]
            if re.fullmatch(r"\s*(?:the\s+)?", text[end : nxt.start]) and nxt.kind not in ("dur", "set"):
                # "two days before March 3": count back from the date that follows
                base = to_date(value_of(nxt, anchor, _tense_of(*cands[i + 1], text))[1])
                typ, value = "DATE", None
                if base is not None:
                    typ, value = _flip(cand, anchor, base)
                    ref_src = "sentence"
                end = nxt.end
                skip.add(i + 1)
        if direction and typ == "DURATION" and end == cand.end:
            end = cand.start + len(cand.text[: cand.match.start("dir") - cand.match.start()].rstrip())
        range_end = find_range(text, only, i) if i + 1 not in skip else None
        if range_end is not None:
            nxt, nxt_tok = cands[i + 1]
            vb = value_of(nxt, anchor, _tense_of(nxt, nxt_tok, text) or tense, ref)[1]
            typ, value = complete_year(cand, vb, anchor, tense)
            lead = re.search(r"(between|from)\s+$", text[max(0, start - 10) : start], re.I)
            rstart = start - (len(lead.group(0)) if lead else 0)
            length = range_length(value, vb)
            out.append(
                Timex(text[rstart:range_end], rstart, range_end, "DURATION", length, 0.8 if length else 0.0)
            )
        else:
            prev = _prev_word(text, start)
            if prev in _INCLUDED_PREPS:
                start = _find_word_start(text, start, prev)
        if (cand.kind in _STORY_KINDS and g.get("year")) or cand.kind in ("iso", "slash"):
            if (d := to_date(value) or _month_start(value)) is not None:
                story = (here, d)
        if granularity(value) == "day" and (d := to_date(value)) is not None:
            last_day[sent] = d
        if typ == "DATE" and value and granularity(value) in ("day", "month", "year"):
            last_date[sent] = value
        ev = _evidence(doc, cand, g, typ, value, tense, ref_src, clock_date or (ref is not None))
        if storied:
            ev.counted = "before"  # the year comes from a date a few sentences back
        out.append(Timex(text[start:end], start, end, typ, value, confidence(ev)))
    out.sort(key=lambda t: (t.start, -t.end))
    return out


def _evidence(
    doc: Doc,
    cand: Candidate,
    g: dict,
    typ: str,
    value: str | None,
    tense: str | None,
    ref_src: str | None,
    clock_date: bool,
) -> Evidence:
    """What ``cand``'s value rests on, for its confidence (see ``timex_confidence``)."""
    kind = cand.kind
    direction = (g.get("dir") or "").lower() if kind == "dur" else ""
    counted = None
    if kind in ("daybefore", "sameday") or (
        direction and direction not in ("ago", "from now") and typ == "DATE"
    ):
        counted = ref_src or "anchor"
    if kind in _ALWAYS_EXPLICIT:
        explicit = True
    elif kind == "decade":
        explicit = bool(g.get("dec"))
    elif kind == "dur":
        explicit = not direction
    else:
        explicit = bool(g.get("year"))
    mod = (g.get("mod") or "").strip().lower()
    modified = mod in ("last", "next", "this") or bool(g.get("rel"))
    modifier, name = _names_a_thing(doc, cand, explicit)
    verbless = False
    if doc.has_annotation("SENT_START") and (tok := token_at(doc, cand.start)) is not None:
        verbless = not any(t.pos_ in ("VERB", "AUX") for t in tok.sent)
    slash_order = False
    two_digit = False
    if kind == "slash":
        a, b = int(g["a"]), int(g["b"])
        slash_order = a != b and a <= 12 and b <= 12
        two_digit = len(g["y"]) == 2
    elif kind == "fy":
        two_digit = len(g["yy"]) == 2
    return Evidence(
        kind,
        value,
        explicit,
        modified=modified,
        tense=tense,
        counted=counted,
        clock_day="date" if clock_date else "anchor",
        modifier=modifier,
        name=name,
        two_digit_year=two_digit,
        ambiguous_order=slash_order,
        verbless=verbless,
    )


def _names_a_thing(doc: Doc, cand: Candidate, explicit: bool) -> tuple[bool, bool]:
    """(modifier, name): whether the expression modifies a noun after it ("the 2020 election", "a
    2 p.m. meeting"), and whether it is part of a name ("the September 11 memorial", "the July 4th
    parade", "the May Day rally": a day of the year with no year given, before a noun, or a span
    spaCy calls an EVENT)."""
    if not doc.has_annotation("DEP"):
        return False, False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return False, False
    modifier = any(
        t.dep_ in _MODIFIER_DEPS
        and t.head.i >= span.end
        and t.head.pos_ in ("NOUN", "PROPN")
        and t.head.lemma_.lower() not in _TIME_NOUNS
        and t.head.ent_type_ not in ("DATE", "TIME")
        for t in span
    )
    if not modifier:
        # "the Class of 2020", "the Act of 1998": a year closing a name
        root = span.root
        named = (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.pos_ == "PROPN"
            and root.head.head.ent_type_ not in ("DATE", "TIME")
        )
        return named, named
    day_of_year = cand.kind in ("mdy", "dmy", "holiday") and not explicit
    return True, day_of_year or any(t.ent_type_ == "EVENT" for t in span)


def _says_will(tok: Token | None, tense: str | None) -> bool:
    """Whether a future tense is a real one ("will", "shall"), not a past narrative's "could"."""
    if tense != "future":
        return False
    if tok is None or not tok.doc.has_annotation("SENT_START"):
        return True
    return any(t.lower_ in ("will", "'ll", "shall", "wo") for t in tok.sent)


def _month_start(value: str | None) -> date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}", value):
        return date(int(value[:4]), int(value[5:7]), 1)
    return None


def _in_story(cand: Candidate, g: dict, anchor: date | None, told: date) -> str | None:
    """A bare month or day in a story told of a past date ("visited his doctor in November 2016. ...
    But by December, they worsened"): the one nearest that date, when the story is more than half
    a year before the publication date (else the news default already agrees). None otherwise."""
    if anchor is None or (anchor - told).days <= 183 or g.get("year") or g.get("mod"):
        return None
    if cand.kind not in ("mon", "mdy", "dmy"):
        return None
    m = month_of(g["mon"])
    day = int(g["day"]) if cand.kind != "mon" else 15
    best: date | None = None
    for y in (told.year - 1, told.year, told.year + 1):
        try:
            d = date(y, m, day)
        except ValueError:
            return None
        if best is None or abs((d - told).days) < abs((best - told).days):
            best = d
    if best is None:
        return None
    return f"{best.year}-{m:02d}" if cand.kind == "mon" else best.isoformat()


def _opens_sentence(text: str, sent: int, start: int, cand: Candidate, g: dict) -> bool:
    """A count from another date ("Two days later", "The next day") as the first words of its sentence."""
    if text[sent:start].strip(" \t\n\"'“‘(") != "":
        return False
    if cand.kind == "dur":
        return (g.get("dir") or "").lower() in ("later", "earlier")
    return cand.kind in ("daybefore", "sameday")


def _coarse_ref(cand: Candidate, g: dict, before: str) -> date | None:
    """A month or year named earlier in the sentence as the base of "the previous year", "a year
    earlier": its first day, when the count's unit is no finer than what was named."""
    if cand.kind == "daybefore":
        unit = (g.get("a") or g.get("b") or g.get("c") or "").lower()
    elif cand.kind == "dur" and (g.get("dir") or "").lower() in ("earlier", "later"):
        unit = g["unit"].lower()
    else:
        return None
    size = {"year": 4, "month": 7}.get(unit)
    if size is None or len(before) < size:
        return None
    return date(int(before[:4]), int(before[5:7]) if size == 7 else 1, 1)


def _find_word_start(text: str, start: int, word: str) -> int:
    """Start offset of ``word`` right before ``start`` (case-insensitive), else ``start``."""
    m = re.search(rf"{re.escape(word)}\s*$", text[max(0, start - 40) : start], re.I)
    return start - len(m.group(0)) if m else start


def _flip(cand: Candidate, anchor: date | None, base: date) -> tuple[str, str | None]:
    """ "N units before D" is D - N; "N units after D" is D + N."""
    g = cand.match.groupdict()
    mirrored = {"before": "earlier", "after": "later"}[g["dir"].lower()]
    text = cand.text[: cand.match.start("dir") - cand.match.start()] + mirrored
    return resolve(text, anchor, ref=base)


def annotate_timexes(doc: Doc, default_anchor: date | None = None) -> Doc:
    """Set ``doc._.ng_timexes`` to the doc's time expressions, resolved against ``doc._.ng_published``.

    A doc without a (valid) ``ng_published`` date is read against ``default_anchor`` (None: relative
    expressions stay unresolved).
    """
    published = doc._.ng_published
    anchor: date | None = None
    if published:
        try:
            anchor = date.fromisoformat(str(published)[:10])
        except ValueError:
            anchor = None
    doc._.ng_timexes = find_timexes(doc, anchor or default_anchor)
    return doc


@Language.factory(
    "newsgraph_timex",
    assigns=["doc._.ng_timexes"],
    requires=["token.pos", "token.tag", "token.dep", "token.lemma"],
    default_config={"anchor": None},
)
def make_timex(nlp: Language, name: str, anchor: str | None) -> Callable[[Doc], Doc]:
    """The ``newsgraph_timex`` component for ``nlp.add_pipe("newsgraph_timex")``.

    ``anchor`` (config, ISO date, default none): the date a doc without ``doc._.ng_published`` is
    read against, so "yesterday" in a pipeline outside newsgraph can resolve. A bad date raises
    ``ValueError`` when the component is made.
    """
    register_extensions()
    fallback = date.fromisoformat(anchor) if anchor else None
    if fallback is None:
        return annotate_timexes

    def annotate(doc: Doc) -> Doc:
        return annotate_timexes(doc, fallback)

    return annotate
