"""Scraped plain text: tell the article body from banners, menus, captions and footers, line by line.

A scraper that flattens a page puts every visible block on its own line. Each line gets
features (length, sentence punctuation, share of lowercase words, cue phrases, repetition,
what surrounds it) and a role; the body is the densest run of body-like lines, found as a
maximum-sum segment so that menus and link lists on either side cost more than they give.

Inside the story, ad slots cost nothing and a short widget (sign-up box, share bar) is stepped
over; the story ends at a comment thread's or a notes list's head, at dated teaser cards, or where
the page prints it a second time. Captions, credits and bare links stay out; embedded posts and
interview turns stay in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.extract.cues import SENTENCE_END as _SENTENCE_END
from newsgraph.extract.cues import cue_patterns as _cue_patterns
from newsgraph.extract.cues import cues as _cues
from newsgraph.extract.dates import find_date
from newsgraph.extract.html import split_credit
from newsgraph.extract.meta import normalise_space, split_site_suffix
from newsgraph.extract.result import PathResult
from newsgraph.model import Caption

__all__ = ["TextResult", "Line", "classify_lines", "extract_text"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.U)
# Scripts written without spaces between words: a run of them counts as one word per two characters.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# "34 Comments", "Comments (12)": a count glued to a whole-line label.
_COUNT = re.compile(r"^[\d,.]+[kKmM]?\s+|\s*[(\[]?[\d,.]+[kKmM]?[)\]]?$")
_COMMENT_HEAD = re.compile(r"^[\d,.]+\s+(?:comments?|responses?|replies)\b|^responses? to\b", re.I)
_CREDIT_ONLY = re.compile(
    r"^[(\[]?\s*(?:(?:photo(?:graph)?|image|picture|credit|illustration)s?(?:\s+credit)?\s*[:：]|©|courtesy\b)",
    re.I,
)
# A short line naming a picture agency ("Jane Doe | Getty Images") is a photo credit.
_AGENCY_CREDIT = re.compile(
    r"\b(?:getty images|getty|shutterstock|istock(?:photo)?|alamy|ap photo|afp|epa|reuters|bloomberg|nurphoto"
    r"|sipa|zuma)\b",
    re.I,
)
# Wording only a photo caption uses: who stands where (", left,"), "Pictured: ...", "In this ... photo",
# "Video: ...". ("(pictured)" and "(left)" stay prose: tabloid stories use them in their paragraphs.)
_CAPTION_CUE = re.compile(
    r",\s(?:left|right|center|centre|from left|from right),"
    r"|^pictured\b"
    r"|\((?:AP|AFP|Reuters|EPA|Getty Images|Getty|Bloomberg|Shutterstock|iStock)\)$"
    r"|^in this\b.{0,40}\b(?:photo|image|picture|handout)\b"
    r"|^(?:video|watch|gallery)\s*:",
    re.I,
)
# "— Name (@handle) November 18, 2019": the signature of an embedded post, part of the story.
_EMBED_SIGNATURE = re.compile(r"^[—–-]\s*.+\(@\w+\)\s+\w+\.?\s+\d{1,2},\s+\d{4}$")
# "About the author", "About Jane Doe": an author or company note after the story.
_ABOUT = re.compile(
    r"^(?i:about|über|à propos de|sobre|acerca de)\s+(?:(?i:the\s+(?:author|writer)s?)"
    r"|[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+){0,3})$"
)
# An interview's turns ("Q: ...", "A: ...") are prose however short.
_INTERVIEW = re.compile(r"^(?:Q|A|Question|Answer)\s*[:.]\s*\S")
# "13 hours ago": a teaser's or a comment's timestamp.
_RELATIVE_TIME = re.compile(
    r"^(?:\d+|an?|one)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago$",
    re.I,
)
_HANDLE = re.compile(r"@\w+$")
# A page-builder shortcode left in the text ("[button link=...]...[/button]").
_SHORTCODE = re.compile(r"\[/\w+\]|^\[\w+\s[^\]]*=")
# "Best gifts under $50 on A...": a teaser cut short, not a sentence.
_TRUNCATED = re.compile(r"\w(?:\.\.\.|…)$")
# "CoastalDaily.netBusinessLabour": a domain-like site name with CamelCase sections glued on.
_GLUED_CRUMB = re.compile(
    r"^(?P<site>[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6})(?P<rest>(?:[A-Z][a-z&]+)+)$"
)
_CRUMB_SEPARATORS = re.compile(r"\s*(?:›|»|>|/|\||·)\s*")
_BYLINE = re.compile(r"^(?:by|written by|words by)\s*[:\-]?\s*(?P<names>.*)$", re.I)
_NAME = re.compile(
    r"^(?:[A-Z][\w'’.-]*|de|da|van|von|der|la|le|bin|al)(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|la|le|bin|al)){1,4}$"
)

# Two chrome lines this close together (a share bar, "Related" + "Most read", a teaser list with
# "Read more" after every card) end a body run.
_WALL_GAP = 4
_WALL = -200.0
_FIRST_RUN_SHARE = 0.2
# A widget inside the story (sign-up box, share bar, inline links) is at most this many lines.
_WIDGET_GAP = 8
_WIDGET_SHARE = 0.5
_HEADING_WORDS = 25
# Paragraphs of story needed before dated cards can be a listing after it.
_STORY_BEFORE_CARDS = 3


def _line_key(text: str) -> str:
    """A short line reduced to its label: lowercase, no counts, no edge punctuation."""
    key = _COUNT.sub("", text.strip().lower())
    return key.strip(" \t:.!|•·-–—>»()[]")


@dataclass
class Line:
    """One non-blank line of the page with the features the classifier uses."""

    index: int
    text: str
    words: int
    sentence_end: bool
    lower_ratio: float
    cue: bool
    related: bool
    date: str | None
    ad: bool = False
    """A whole-line ad slot ("Advertisement"): never body, but no end of the article either."""
    comments: bool = False
    """The head of a comment thread or of a story's notes (sources): the article does not run on past it."""
    role: str = "other"
    """banner, breadcrumb, title, alt, caption, credit, dateline, byline, body, heading, related, footer,
    ad, embed, other."""

    @property
    def body_like(self) -> bool:
        """Reads like article prose: long enough, ends a sentence, mostly lowercase words."""
        # Scrapers often lose a paragraph's final full stop, so a long lowercase line counts too;
        # a long sentence dense with names (sports results, boardrooms) is prose all the same.
        return (
            self.words >= 8
            and (self.sentence_end or self.words >= 20 or self.text.endswith(":"))
            and (
                self.lower_ratio >= 0.45
                or (self.sentence_end and self.words >= 15 and self.lower_ratio >= 0.3)
            )
            and not self.cue
        )


@dataclass
class TextResult(PathResult):
    """What the text path found, with the classified lines it was read from."""

    lines: list[Line] = field(default_factory=list)


def _shouting(text: str) -> bool:
    """True for a page written all in capitals (a wire feed, a telex): case then tells nothing."""
    cased = [ch for ch in text[:20000] if ch.isalpha() and ch.lower() != ch.upper()]
    return len(cased) >= 40 and sum(ch.isupper() for ch in cased) >= 0.95 * len(cased)


def _features(index: int, text: str, shouting: bool = False) -> Line:
    """Measure one line (on a page all in capitals, every word reads as lowercase prose)."""
    boilerplate_cue, related_cue = _cue_patterns()
    cues = _cues()
    words = _WORD.findall(text)
    alpha = [w for w in words if w[0].isalpha()]
    # Letters without case (CJK, Arabic, Thai...) read like lowercase prose.
    lower = len(alpha) if shouting else sum(1 for w in alpha if not w[0].isupper())
    n = len(words)
    if _UNSPACED.search(text):
        n = sum(max(1, len(_UNSPACED.findall(w)) // 2) if _UNSPACED.search(w) else 1 for w in words)
    if _URL_ONLY.match(text):
        n = 1  # a bare link is one token, however many path segments it has
    key = _line_key(text) if n <= 6 else ""
    ad = key in cues["ads"]
    # A comment thread's head, or the head of the notes after a story (sources, references).
    comments = n <= 8 and (key in cues["comments"] or key in cues["notes"] or bool(_COMMENT_HEAD.match(text)))
    return Line(
        index=index,
        text=text,
        words=n,
        sentence_end=bool(_SENTENCE_END.search(text)) and not _TRUNCATED.search(text),
        lower_ratio=lower / len(alpha) if alpha else 0.0,
        # One cue in a long prose line is usually the story talking about cookies or subscribers;
        # several at once is a footer however long it runs.
        cue=not ad
        and (
            bool(_SHORTCODE.search(text))
            or _cue_hits(boilerplate_cue, text) >= (1 if n < 30 else 3)
            or key in cues["buttons"]
            or comments
        ),
        # "Related: Another Story's Headline" runs as long as the headline.
        related=((m := related_cue.match(text)) is not None and (n <= 8 or text[m.end() :].startswith(":")))
        or comments
        or (n <= 5 and bool(_ABOUT.match(text))),
        date=find_date(text) if n <= 14 else None,
        ad=ad,
        comments=comments,
    )


def _cue_hits(pattern: re.Pattern[str], text: str) -> int:
    """How many distinct cue phrases occur in ``text``."""
    return len({m.group().lower() for m in pattern.finditer(text)})


def _unwrap(raw_lines: list[str]) -> list[str]:
    """Join hard-wrapped prose (a long line without a sentence end, then a lowercase start)."""
    out: list[str] = []
    for raw in raw_lines:
        line = normalise_space(raw)
        if (
            out
            and line
            and out[-1]
            and len(out[-1]) >= 50
            and line[0].islower()
            and not _SENTENCE_END.search(out[-1])
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return [line for line in out if line]


def _score(line: Line) -> float:
    """How much a line adds to a body run: prose gains by its length, chrome costs."""
    if line.ad or line.role == "embed":
        return 0.0
    if line.cue or line.related:
        return -15.0
    if line.body_like:
        return float(min(line.words, 60))
    if (line.date and line.words <= 14) or _RELATIVE_TIME.match(line.text):
        # A date line inside a run is a comment's or a teaser's timestamp, not prose.
        return -3.0
    if line.words >= 8 and line.lower_ratio >= 0.5:
        # Prose-ish without a sentence end: a teaser, a list item or a cut-off caption.
        return 1.0
    return -4.0 if line.words < 8 else -2.0


def _scores(lines: list[Line]) -> list[float]:
    """Line scores, with clusters of chrome (share bars, comment headers, link lists) made walls."""
    scores = [_score(line) for line in lines]
    chrome = [i for i, line in enumerate(lines) if line.cue or line.related]
    for a, b in zip(chrome, chrome[1:], strict=False):
        if b - a <= _WALL_GAP:
            scores[a] = scores[b] = _WALL
    return scores


def _kadane(scores: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The maximum-sum contiguous run of ``scores[lo:hi]`` as (sum, start, end)."""
    best, best_span = 0.0, (lo, lo)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += scores[i]
        if total > best:
            best, best_span = total, (start, i + 1)
    return best, *best_span


def _best_run(lines: list[Line]) -> tuple[int, int]:
    """The body run as [start, end) line indices.

    Walls split the page into parts; each part's best run is a candidate. The article comes
    before comment threads and footers, so the earliest candidate with a fair share of the
    strongest one's weight wins rather than simply the heaviest (long comment threads).
    """
    scores = _scores(lines)
    candidates: list[tuple[float, int, int]] = []
    lo = 0
    for i, score in enumerate([*scores, _WALL]):
        if score <= _WALL:
            if i > lo:
                candidates.append(_kadane(scores, lo, i))
            lo = i + 1
    candidates = [c for c in candidates if c[0] > 0]
    if not candidates:
        return 0, 0
    strongest = max(c[0] for c in candidates)
    for k, (total, _, _) in enumerate(candidates):
        if total >= _FIRST_RUN_SHARE * strongest:
            return _merge_across_widgets(lines, candidates[k:])
    return 0, 0


def _merge_across_widgets(lines: list[Line], candidates: list[tuple[float, int, int]]) -> tuple[int, int]:
    """Extend the chosen run over a widget (share bar, sign-up box, inline links) inside the story.

    The next run joins when it starts a few lines on, weighs at least half as much as the run so
    far, and no comment thread begins in between; light runs inside the widget are passed over.
    After a links heading ("Related stories") it must also read like a story, two paragraphs in a
    row somewhere, and not like a teaser list (headline, summary, headline, summary).
    """
    total, start, end = candidates[0]
    for nxt_total, nxt_start, nxt_end in candidates[1:]:
        gap = lines[end:nxt_start]
        if nxt_start - end > _WIDGET_GAP or any(line.comments for line in gap):
            break
        if any(line.role == "related" for line in gap) and not any(
            a.body_like and b.body_like
            for a, b in zip(lines[nxt_start:nxt_end], lines[nxt_start + 1 : nxt_end], strict=False)
        ):
            break
        if nxt_total >= _WIDGET_SHARE * total:  # a stray short run inside the widget is skipped
            total, end = total + nxt_total, nxt_end
    return start, end


def _cut_listing(lines: list[Line], start: int, end: int) -> int:
    """Where the story ends inside a run that goes on into a listing: a comment thread's head, teaser
    cards or comments (each a headline or name, then a date, then a summary), or the story printed again.

    Two such dated cards in a row (at most two paragraphs apart), after the story's first three
    paragraphs, mark a listing; it starts at the first. (A live blog's dated entries right after a
    short intro are left alone.)
    """
    seen = 0  # body lines so far
    card, since = -1, 0  # the last card's date line, body lines since it
    body = [i for i in range(start, end) if lines[i].role == "body"]
    opening = [lines[i].text for i in body[:3]]
    for n, i in enumerate(body):
        if n >= 3 and [lines[k].text for k in body[n : n + 3]] == opening:
            end = i  # the story printed again from its first paragraphs (a second copy of the page)
            break
    for i in range(start, end):
        line = lines[i]
        if line.comments and seen:
            return i  # the comment thread's head: the story is over
        if line.role == "body":
            seen, since = seen + 1, since + 1
        elif (
            seen >= _STORY_BEFORE_CARDS
            and (line.role == "dateline" or _RELATIVE_TIME.match(line.text))
            and lines[i - 1].role not in {"body", "heading"}
        ):
            if card >= 0 and since <= 2:
                return _card_start(lines, start, card)
            card, since = i, 0
    return end


def _card_start(lines: list[Line], start: int, i: int) -> int:
    """Back from line ``i`` over the (at most three) short lines, headline and name, that open its card."""
    first = i
    while first - 1 > start and lines[first - 1].role != "body" and i - (first - 1) <= 3:
        first -= 1
    return first


def _trim(lines: list[Line], start: int, end: int) -> int:
    """The end of the best run inside ``[start, end)`` that starts at ``start`` (drops chrome at the tail)."""
    total, best, best_end = 0.0, 0.0, start
    for i in range(start, end):
        total += _score(lines[i])  # no walls: a merged run may hold a widget
        if total > best:
            best, best_end = total, i + 1
    return best_end if best_end > start else end


def _is_caption_line(line: Line) -> tuple[str, str] | None:
    """A caption with a trailing credit: returns (caption, credit)."""
    if line.words < 3 or line.words > 80:
        return None
    head, credit = split_credit(line.text)
    if credit and head and len(head.split()) >= 3:
        return head, credit
    return None


def _breadcrumb(line: Line) -> tuple[str | None, list[str]] | None:
    """A breadcrumb line: glued (``Site.netBusinessLabour``) or separated (``Home > World``)."""
    glued = _GLUED_CRUMB.match(line.text)
    if glued:
        parts = re.findall(r"[A-Z][a-z&]+", glued.group("rest"))
        return glued.group("site"), [p for p in parts if p.lower() != "home"]
    parts = [p for p in _CRUMB_SEPARATORS.split(line.text) if p]
    if (
        2 <= len(parts) <= 6
        and _CRUMB_SEPARATORS.search(line.text)
        and all(len(p.split()) <= 3 for p in parts)
    ):
        if parts[0].lower() in {"home", "homepage", "start"}:
            return None, parts[1:]
    return None


def _names(text: str) -> list[str]:
    """Split a byline's names ("A and B", "A, B") and keep only name-shaped ones."""
    text = re.split(r"\s+[-|–—]\s+|\s*\|\s*", text)[0]
    parts = [normalise_space(p) for p in re.split(r",|\band\b|&", text)]
    return [p for p in parts if p and _NAME.match(p)]


def classify_lines(text: str) -> list[Line]:
    """Give each non-blank line of a scraped page its features and a first-pass role."""
    shouting = _shouting(text)
    lines = [_features(i, t, shouting) for i, t in enumerate(_unwrap(text.splitlines()))]
    for line in lines:
        if line.ad:
            line.role = "ad"
        elif line.related:
            line.role = "related"
        elif line.cue:
            line.role = "footer"
        elif (_CREDIT_ONLY.match(line.text) and line.words <= 12) or (
            line.words <= 8 and not line.sentence_end and _AGENCY_CREDIT.search(line.text)
        ):
            line.role = "credit"
        elif _is_caption_line(line) or (line.words <= 80 and _CAPTION_CUE.search(line.text)):
            line.role = "caption"
        elif _EMBED_SIGNATURE.match(line.text):
            line.role = "embed"
        elif line.date and line.words <= 14:
            line.role = "dateline"
        elif line.body_like:
            line.role = "body"
    return lines


def extract_text(text: str, given_title: str | None = None) -> TextResult:
    """Extract body paragraphs, captions and metadata from a scraped plain-text page."""
    lines = classify_lines(text)
    if not lines:
        return TextResult(paragraphs=[])
    start, end = _best_run(lines)
    end = _trim(lines, start, _cut_listing(lines, start, end))
    while start < end < len(lines) and lines[end].role == "embed":
        end += 1  # an embedded post's signature closes the paragraph before it
    result = TextResult(paragraphs=[], lines=lines)
    if end <= start:
        return result
    # Credit-only lines ("(Image: © X)") label the line before them as the caption.
    for i, line in enumerate(lines):
        if (
            line.role == "credit"
            and i > 0
            and lines[i - 1].role in {"body", "other"}
            and _CREDIT_ONLY.match(line.text)  # an agency name alone may follow a paragraph
        ):
            prev = lines[i - 1]
            credit = re.sub(
                r"^[(\[]?\s*(?:(?:photo(?:graph)?|image|picture|credit|illustration)s?(?:\s+credit)?\s*[:：]"
                r"|courtesy(?:\s+of)?\b)?\s*©?\s*",
                "",
                line.text,
                flags=re.I,
            )
            credit = credit.rstrip(")] ").strip()
            prev.role = "caption"
            result.captions.append(Caption(text=prev.text, credit=credit or None))
        elif line.role == "caption":
            head, credit = _is_caption_line(line) or (line.text, None)
            result.captions.append(Caption(text=head, credit=credit))
            # A short line with no sentence end just before a caption is the image's alt text.
            if (
                i > 0
                and lines[i - 1].words <= 10
                and not lines[i - 1].sentence_end
                and lines[i - 1].role == "other"
            ):
                lines[i - 1].role = "alt"
    _metadata(lines, start, result, given_title)
    body_roles = {"body"}
    for line in lines[start:end]:
        # A line inside the story that ends a sentence is prose, however short or capitalised
        # ("Q: Favourite books?", a sentence full of names).
        prose = line.role == "other" and (
            (line.sentence_end and line.words >= 3) or bool(_INTERVIEW.match(line.text))
        )
        if line.role == "embed" or prose:
            line.role = "body"
        if line.role == "body" or (line.role == "other" and _is_heading(lines, line)):
            line.role = "body" if line.role == "body" else "heading"
            result.paragraphs.append(line.text)
    for line in lines:
        if line.role not in body_roles | {"heading", "caption", "title", "credit"} or not (
            start <= line.index < end
        ):
            if line.role not in {"title", "caption", "credit", "body", "heading"}:
                result.boilerplate.append(line.text)
    return result


def _is_heading(lines: list[Line], line: Line) -> bool:
    """A short subheading inside the body: body prose right after it, no cue words."""
    nxt = lines[line.index + 1] if line.index + 1 < len(lines) else None
    prev = lines[line.index - 1] if line.index > 0 else None
    return (
        1 <= line.words <= _HEADING_WORDS
        and any(c.isalpha() for c in line.text)
        and not _HANDLE.search(line.text)  # "Jane Doe @janedoe": an author's card
        # A long Title Case line between paragraphs is an inline link to another story.
        and (line.words <= 12 or line.lower_ratio >= 0.5)
        and not line.sentence_end
        and nxt is not None
        and nxt.role == "body"
        and prev is not None
        and prev.role in {"body", "heading"}
    )


def _metadata(lines: list[Line], body_start: int, result: TextResult, given_title: str | None) -> None:
    """Title, site, section, date and byline from the lines above the body (and the first line)."""
    header = lines[:body_start] + lines[body_start : body_start + 3]
    first = lines[0]
    # The page title often comes first as "Headline - Site" and again on its own line.
    head, suffix = split_site_suffix(first.text)
    title_line: Line | None = None
    for line in lines[1 : body_start + 3]:
        if suffix and line.text == head:
            title_line, result.site = line, suffix
            break
    if title_line is None:
        seen: dict[str, Line] = {}
        for line in header:
            if line.text in seen and 3 <= line.words <= 30 and line.role == "other":
                title_line = seen[line.text]
                break
            seen.setdefault(line.text, line)
    for line in header:
        crumb = _breadcrumb(line)
        if crumb and line.role == "other" and line.index < body_start:
            site, sections = crumb
            result.site = result.site or site
            result.section = sections[:4]
            line.role = "breadcrumb"
            break
    dates = [line for line in header if line.role == "dateline"]
    if dates:
        cues = _cues()
        published = [d for d in dates if d.text.lower().startswith(tuple(cues["published"]))]
        updated = [d for d in dates if d.text.lower().startswith(tuple(cues["updated"]))]
        chosen = (published or [d for d in dates if d not in updated] or dates)[0]
        result.published = chosen.date
    for i, line in enumerate(header):
        if line.index >= body_start:
            break
        match = _BYLINE.match(line.text)
        if match and line.words <= 12:
            names = _names(match.group("names"))
            if not names and not match.group("names") and i + 1 < len(header):
                names = _names(header[i + 1].text)
                if names:
                    header[i + 1].role = "byline"
            if names:
                result.authors = names
                line.role = "byline"
                break
    if title_line is None:
        # Walk back from the body over datelines, bylines, captions and alt text.
        for line in reversed(lines[:body_start]):
            if line.role in {"dateline", "byline", "caption", "credit", "alt"}:
                continue
            if line.role == "other" and 3 <= line.words <= 30 and not line.text.endswith("."):
                title_line = line
            break
    if title_line is not None:
        title_line.role = "title"
        for line in lines[:body_start]:
            if line.text == title_line.text and line.role == "other":
                line.role = "title"
    if given_title:
        result.title = normalise_space(given_title)
    elif title_line is not None:
        result.title = title_line.text
