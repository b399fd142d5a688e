"""How many people an event's own sentence says were killed and injured (``data/casualties.toml``).

Precision first: a count is read only where the parse ties a number to a killing or injuring word
("killed at least 12 people", "two soldiers were wounded", "a death toll of 40"); a vague amount
("dozens"), a number below which the truth lies ("nearly 40"), an age ("the 40-year-old") or two
counts that disagree give None, never a guess.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from ..vocabulary import word_set

__all__ = ["Casualties", "load_casualties", "sentence_casualties"]

# A number's entity label that is no count of people ("the 40-year-old", "on 12 March", "$5 million").
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_MODALS = word_set("modals", "modal")  # data/modals.toml
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
_KILL, _INJURE = "killed", "injured"


@dataclass(frozen=True)
class Casualties:
    """The casualty vocabulary (``data/casualties.toml``)."""

    event_types: frozenset[str]
    kill_verbs: frozenset[str]
    kill_verb_pairs: dict[str, str]
    injure_verbs: frozenset[str]
    die_verbs: frozenset[str]
    dead_words: frozenset[str]
    injured_words: frozenset[str]
    death_nouns: frozenset[str]
    injury_nouns: frozenset[str]
    toll_nouns: frozenset[str]
    bound_words: tuple[str, ...]
    below_words: tuple[str, ...]
    vague: frozenset[str]
    nobody: frozenset[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    one_determiners: frozenset[str]
    to_death: frozenset[str]


@lru_cache(maxsize=1)
def load_casualties() -> Casualties:
    text = resources.files("newsgraph").joinpath("data/casualties.toml").read_text("utf-8")
    data = tomllib.loads(text)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    kill = [w.lower() for w in data["kill_verbs"]]
    longest_first = sorted(data["bound_words"], key=len, reverse=True)
    return Casualties(
        event_types=frozenset(data["event_types"]),
        kill_verbs=frozenset(w for w in kill if " " not in w),
        kill_verb_pairs=dict(w.split(" ", 1) for w in kill if " " in w),  # "shoot dead"
        injure_verbs=words("injure_verbs"),
        die_verbs=words("die_verbs"),
        dead_words=words("dead_words"),
        injured_words=words("injured_words"),
        death_nouns=words("death_nouns"),
        injury_nouns=words("injury_nouns"),
        toll_nouns=words("toll_nouns"),
        bound_words=tuple(w.lower() for w in longest_first),
        below_words=tuple(w.lower() for w in data["below_words"]),
        vague=words("vague"),
        nobody=words("nobody"),
        numbers={k.lower(): int(v) for k, v in data["numbers"].items()},
        multipliers={k.lower(): int(v) for k, v in data["multipliers"].items()},
        one_determiners=words("one_determiners"),
        to_death=words("to_death"),
    )


# A finding: a count, or None for a vague or unreadable amount (which makes its kind null).
Finding = tuple[str, int | None, bool]  # (kind, count, from a toll)


def parse_count(text: str) -> int | None:
    """The number a phrase states: "12", "1,200", "at least 12", "Twenty-five", "three hundred", "a
    dozen"; None for a vague amount ("dozens"), a bound below it ("nearly 40") or no number."""
    vocab = load_casualties()
    words = text.lower().replace("-", " ").split()
    phrase = " ".join(words)
    if any(phrase == b or phrase.startswith(b + " ") for b in vocab.below_words):
        return None
    for bound in vocab.bound_words:
        if phrase.startswith(bound + " "):
            words = phrase[len(bound) + 1 :].split()
            break
    if not words:
        return None
    total, current, seen = 0, 0, False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else None
        if _DIGITS.fullmatch(word):
            value = float(word.replace(",", ""))
            if value != int(value) and following not in vocab.multipliers:
                return None  # "2.5" people; "1.2 million" is a count
            current, seen = current + value, True
        elif word in ("a", "an") and not seen and following in vocab.multipliers:
            current, seen = 1, True  # "a dozen", "a hundred"
        elif word in vocab.numbers:
            current, seen = current + vocab.numbers[word], True
        elif word in vocab.multipliers and seen:
            current *= vocab.multipliers[word]
            if vocab.multipliers[word] >= 1000:
                total, current = total + current, 0
        elif word == "and" and seen:
            continue
        else:
            return None
    return int(total + current) if seen else None


def _number_phrase(token: Token) -> str | None:
    """The number phrase of a number token: its CARDINAL entity ("at least 12", "Twenty-five") or the
    token itself; None for a date, an age, money or a share."""
    if token.ent_type_ in _NOT_COUNTS:
        return None
    if any(t.lower_ in ("year", "years") and t.i > token.i for t in token.head.subtree) and any(
        t.lower_ == "old" for t in token.head.subtree
    ):
        return None  # "a 40-year-old man"
    if token.ent_type_ == "CARDINAL":
        ent = next((e for e in token.sent.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return ent.text
    # the bound words before a number the tagger left out of its entity ("at least 12")
    left = [t.text for t in token.children if t.dep_ in ("quantmod", "advmod") and t.i < token.i]
    return " ".join([*left, token.text])


def _victim_count(victim: Token) -> tuple[bool, int | None]:
    """(whether the phrase states an amount, the count) of a victim phrase: "12 people", "Two soldiers",
    "three soldiers and two civilians", "a man", "no one", "dozens of people"."""
    vocab = load_casualties()
    total, stated = 0, False
    for head in [victim, *(c for c in victim.conjuncts if c.i > victim.i)]:
        found, count = _one_count(head, vocab)
        if not found:
            return (stated, None) if stated else (False, None)
        stated = True
        if count is None:
            return True, None
        total += count
    return stated, total if stated else None


def _one_count(head: Token, vocab: Casualties) -> tuple[bool, int | None]:
    lower = head.lower_
    det = next((c for c in head.children if c.dep_ == "det"), None)
    if (det is not None and det.lower_ == "no" and lower in ("one",)) or lower in vocab.nobody:
        return True, 0
    if det is not None and det.lower_ == "no":
        return True, 0  # "no civilians were killed"
    if head.pos_ == "NUM" or head.like_num:
        phrase = _number_phrase(head)
        return (True, parse_count(phrase)) if phrase is not None else (False, None)
    nums = [c for c in head.children if c.dep_ == "nummod" and c.i < head.i]
    if nums:
        phrase = _number_phrase(nums[-1])
        if phrase is None:
            return False, None
        return True, parse_count(phrase)
    if head.lemma_.lower() in vocab.vague or lower in vocab.vague:
        return True, None  # "dozens of people", "several were killed"
    quant = [c for c in head.children if c.dep_ == "amod" and c.lower_ in vocab.vague]
    if quant:
        return True, None  # "many people"
    if det is not None and det.lower_ in vocab.one_determiners and head.tag_ in ("NN", "NNP"):
        return True, 1  # "a man was killed", "another man died"
    if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
        return True, 1  # a person named: one
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON" for c in head.children):
        return True, 1  # "the son of X, Fritz Weizsäcker, was stabbed to death"
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if head.lower_ in ("one",) and of is not None:
        return True, 1
    return False, None


def _supposed(verb: Token) -> bool:
    """A killing word that is negated, modal, an infinitive (a purpose or a threat: "could kill",
    "threatened to kill", "sent to kill"), or the second verb of one ("threatening to assault and
    murder")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.dep_ == "aux" and (c.lower_ in _MODALS or c.lower_ == "to") for c in verb.children):
        return True
    if verb.dep_ == "xcomp" or verb.tag_ == "VB":
        return True  # a base form: "to kill", "threatening to assault and murder", "will kill"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and _supposed(verb.head)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod", "relcl")
        and verb.head.pos_ in ("NOUN", "PROPN", "NUM")
    )


def _verb_findings(verb: Token, kind: str, vocab: Casualties) -> list[Finding]:
    """Counts of the victims of a killing or injuring verb, or of who died."""
    if _supposed(verb):
        return []
    lemma = verb.lemma_.lower()
    if lemma in vocab.die_verbs:
        victims = [c for c in verb.children if c.dep_ == "nsubj"]
    elif _passive(verb):
        victims = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not victims and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):
            victims = [verb.head]  # "12 people killed in the blast"
    else:
        victims = [c for c in verb.children if c.dep_ == "dobj"]
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        if not victims and subjects and (verb.tag_ == "VBN" and not perfect or subjects[0].pos_ == "NUM"):
            victims = subjects  # "30 dead and 50 injured", "12 killed in blast": a reduced passive
    out: list[Finding] = []
    for victim in victims:
        stated, count = _victim_count(victim)
        if stated:
            out.append((kind, count, False))
    return out


def _word_findings(word: Token, kind: str) -> list[Finding]:
    """ "30 dead", "left 12 injured", "40 deaths", "two injuries": the number that counts the word."""
    nums = [c for c in word.children if c.dep_ in ("nummod", "npadvmod", "nsubj") and c.i < word.i]
    if not nums and word.dep_ in ("amod", "acomp") and word.head.i < word.i:
        return []
    out: list[Finding] = []
    for num in nums[-1:]:
        stated, count = _victim_count(num) if num.pos_ != "NUM" else (True, None)
        if num.pos_ == "NUM" or num.like_num:
            phrase = _number_phrase(num)
            if phrase is None:
                continue
            stated, count = True, parse_count(phrase)
        if stated:
            out.append((kind, count, False))
    return out


def _toll_findings(toll: Token, vocab: Casualties) -> list[Finding]:
    """ "a death toll of 40", "the toll rose to 40", "brought the death toll to 40", "the toll stands at 40"."""
    kind = (
        _INJURE
        if any(c.dep_ == "compound" and c.lemma_.lower() in vocab.injury_nouns for c in toll.children)
        else _KILL
    )
    numbers: list[Token] = []
    for prep in (c for c in toll.children if c.dep_ == "prep" and c.lower_ == "of"):
        numbers.extend(c for c in prep.children if c.dep_ == "pobj")
    if not numbers and toll.dep_ in ("nsubj", "dobj", "nsubjpass"):
        verb = toll.head
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at")]
        numbers.extend(p for prep in preps for p in prep.children if p.dep_ == "pobj")
        numbers.extend(c for c in verb.children if c.dep_ == "attr")  # "the toll was 40"
    out: list[Finding] = []
    for num in numbers[-1:]:
        if not (num.pos_ == "NUM" or num.like_num):
            continue
        phrase = _number_phrase(num)
        if phrase is not None:
            out.append((kind, parse_count(phrase), True))
    return out


def _to_death(verb: Token, vocab: Casualties) -> bool:
    """ "stabbed to death", "beaten to death": any verb with "to death" kills."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            if any(c.dep_ == "pobj" and c.lemma_.lower() in vocab.to_death for c in prep.children):
                return True
    return False


def _pick(findings: list[Finding], kind: str) -> int | None:
    mine = [(count, toll) for k, count, toll in findings if k == kind]
    tolls = [count for count, toll in mine if toll]
    if tolls:
        mine = [(count, True) for count in tolls]
    values = {count for count, _ in mine}
    if len(values) != 1:
        return None  # none, or two counts that disagree
    return values.pop()


def sentence_casualties(sent: Span) -> tuple[int | None, int | None]:
    """(killed, injured) as the sentence states them; None for a kind it does not state."""
    vocab = load_casualties()
    findings: list[Finding] = []
    for token in sent:
        lemma = token.lemma_.lower()
        lower = token.lower_
        if token.pos_ in ("VERB", "AUX") or (token.tag_ == "VBN" and token.pos_ != "ADJ"):
            if lemma in vocab.kill_verbs or lemma in vocab.die_verbs:
                findings.extend(_verb_findings(token, _KILL, vocab))
                continue
            if (
                lemma in vocab.kill_verb_pairs
                and any(c.lower_ == vocab.kill_verb_pairs[lemma] for c in token.children)
            ) or _to_death(token, vocab):
                findings.extend(_verb_findings(token, _KILL, vocab))
                continue
            if lemma in vocab.injure_verbs:
                findings.extend(_verb_findings(token, _INJURE, vocab))
                continue
        if token.pos_ == "ADJ" or token.tag_ == "VBN":
            if lower in vocab.dead_words:
                findings.extend(_word_findings(token, _KILL))
            elif lower in vocab.injured_words:
                findings.extend(_word_findings(token, _INJURE))
        if token.pos_ == "NOUN":
            if lemma in vocab.toll_nouns:
                findings.extend(_toll_findings(token, vocab))
            elif lemma in vocab.death_nouns:
                findings.extend(_word_findings(token, _KILL))
            elif lemma in vocab.injury_nouns:
                findings.extend(_word_findings(token, _INJURE))
    return _pick(findings, _KILL), _pick(findings, _INJURE)
