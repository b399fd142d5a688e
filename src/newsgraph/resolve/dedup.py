"""Near-duplicate articles: a page is folded into a stored one only when it is a copy of it.

A *copy* is a page whose own text adds nothing worth a fact: a wire story run again with another
headline, byline, dateline or footer, re-wrapped, with other quote marks, trimmed, or with a few
words edited. A report that reuses wire paragraphs but adds sentences of its own is not a copy,
and neither is a longer page that contains a shorter one: both are stored as articles of their own.

Text is normalised before it is compared (``words``): Unicode NFKC, curly quotes and dashes made
plain, apostrophes inside words dropped ("Reid’s" = "Reid's" = "Reids"), case folded; words are
runs of letters and digits, so line breaks, re-wrapping and punctuation do not matter.

Finding candidates is MinHash and LSH: the normalised words become ``SHINGLE``-word shingles and a
MinHash signature of ``NUM_PERM`` values, cut into ``BANDS`` bands of ``ROWS`` values stored in
``minhash_bands`` and queried by hash, so detection is incremental and the same on SQLite and
PostgreSQL. The decision is exact, on the words of the new page and of each candidate's stored text
(``copy_check``): a word of the page is *covered* when a run of ``COVER`` words around it appears
in the candidate. The page is a copy when

- at least ``MIN_COVERED`` of its words are covered;
- what is not covered at its top and bottom, and whole lines with nothing covered (headline,
  byline, dateline, ad slot, footer), is at most ``EDGE_WORDS`` words, no line of it longer than
  ``EDGE_LINE_WORDS`` words (a sentence of its own);
- what is not covered inside the body is edits, not text of its own: no run longer than
  ``MIDDLE_RUN_WORDS`` words and at most ``MIDDLE_SLACK`` words plus ``MIDDLE_SHARE`` of its
  words in all.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from sqlalchemy import Connection, bindparam, insert, select

from ..store.schema import articles, minhash_bands, minhash_signatures
from ..vocabulary import data_file

__all__ = [
    "Signature",
    "CopyCheck",
    "signature",
    "Page",
    "page",
    "words",
    "copy_check",
    "is_copy",
    "is_duplicate",
    "find_duplicate",
    "store_signature",
    "similarity",
    "NUM_PERM",
    "SHINGLE",
    "BANDS",
    "ROWS",
]

NUM_PERM = 128
SHINGLE = 3
CANDIDATE_JACCARD = 0.25
"""LSH is tuned to bring up pairs from about this Jaccard similarity; ``copy_check`` decides."""
BANDS, ROWS = 42, 3
"""LSH bands of the signature and MinHash values per band: the split of ``NUM_PERM`` that datasketch's
``MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)`` picks (fewest false positives plus
false negatives around the threshold, weighted equally). Written here, not asked for, so the band
hashes kept in the store stay comparable across datasketch versions; a test checks the pick."""
MIN_CANDIDATE_CONTAINMENT = 0.4
"""Candidates whose estimated share of the page's shingles is below this are not read."""
MAX_CANDIDATES = 8
"""At most this many candidates (the most similar first) are checked word by word."""
MIN_WORDS = 10
"""Pages with fewer normalised words are too short to call copies by their wording."""
MIN_SHINGLES = MIN_WORDS - SHINGLE + 1
COVER = 5
"""A page's word is covered when some run of this many words holding it is in the other text."""
MIN_COVERED = 0.5
"""Share of the page's words that must be covered."""
EDGE_WORDS = 40
"""Uncovered words allowed before the first and after the last covered word, together."""
EDGE_LINE_WORDS = 20
"""No line of that edge text may hold more uncovered words than this (a sentence of its own)."""
MIDDLE_RUN_WORDS = 12
"""Longest run of uncovered words allowed inside the body (an edited clause, not a new sentence)."""
MIDDLE_SHARE = 0.06
MIDDLE_SLACK = 4
"""Uncovered words allowed inside the body in all (scattered word edits): ``MIDDLE_SLACK`` plus
``MIDDLE_SHARE`` of the page's words."""
_SEED = 7
_SCHEME = "affine32"  # named, so stored signatures stay comparable across datasketch versions
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"""[.!?…]["')\]]*$""")
_LETTER = re.compile(r"[^\W\d_]")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,
    }
)  # fmt: skip


def words(text: str) -> tuple[list[str], list[int]]:
    """The normalised words of a text and, for each, the number of the line it stands on."""
    p = page(text)
    return p.words, p.lines


@dataclass(frozen=True)
class Page:
    """A text as ``copy_check`` reads it: normalised words, the line of each, and which lines read
    as notices rather than sentences."""

    words: list[str]
    lines: list[int]
    unended: frozenset[int]
    """Lines that do not end a sentence (a headline, byline, dateline, label, or a wrapped line)."""
    lower: frozenset[int]
    """Lines that start in lowercase (the rest of a sentence wrapped from the line before)."""


@lru_cache(maxsize=1)
def _cue() -> re.Pattern[str]:
    """Boilerplate phrases ("all rights reserved", "newsletter": the extractor's cues), matched on
    normalised words joined by spaces."""
    phrases = data_file("cues")["boilerplate"]["phrases"]  # data/cues.toml
    normalised = {" ".join(page(p).words) for p in phrases} - {""}
    alternatives = "|".join(re.escape(p) for p in sorted(normalised, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def page(text: str) -> Page:
    """Read a text for ``copy_check``."""
    out: list[str] = []
    lines: list[int] = []
    unended: set[int] = set()
    lower: set[int] = set()
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    for n, line in enumerate(text.splitlines()):
        found = _WORD.findall(_INNER_APOSTROPHE.sub("", line.casefold()))
        if not found:
            continue
        out += found
        lines += [n] * len(found)
        if not _SENTENCE_END.search(line.rstrip()):
            unended.add(n)
        if (first := _LETTER.search(line)) and first.group().islower():
            lower.add(n)
    return Page(out, lines, frozenset(unended), frozenset(lower))


@dataclass
class Signature:
    """One text's MinHash values and its number of distinct shingles; made from a text (not read
    back from the store), also the text as ``copy_check`` reads it."""

    values: np.ndarray
    shingles: int
    page: Page | None = field(default=None, repr=False)

    def to_bytes(self) -> bytes:
        """The values as little-endian uint64 bytes (the stored form)."""
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> Signature:
        """Rebuild a stored signature (without words)."""
        return cls(np.frombuffer(data, dtype="<u8").astype(np.uint64), shingles)


@lru_cache(maxsize=1)
def _permutations() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)


def _shingles(seq: list[str]) -> set[bytes]:
    if len(seq) < SHINGLE:
        return {" ".join(seq).encode()} if seq else set()
    return {" ".join(seq[i : i + SHINGLE]).encode() for i in range(len(seq) - SHINGLE + 1)}


def shingles(text: str) -> set[bytes]:
    """The word shingles of a text (normalised words, ``SHINGLE`` in a row)."""
    return _shingles(words(text)[0])


def signature(text: str) -> Signature:
    """The MinHash signature of a text's word shingles, with the text read for ``copy_check``."""
    p = page(text)
    grams = _shingles(p.words)
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations().permutations, scheme=_SCHEME)
    mh.update_batch(list(grams))
    return Signature(mh.hashvalues.copy(), len(grams), p)


def band_hashes(sig: Signature) -> list[tuple[int, int]]:
    """(band, hash) pairs of a signature: each band's values hashed to a signed 64-bit integer."""
    raw = sig.values.astype("<u8")
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(raw[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller in the larger) of two signatures."""
    jaccard = float(np.mean(a.values == b.values))
    # |A and B| = J (|A| + |B|) / (1 + J)
    common = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    smaller = min(a.shingles, b.shingles) or 1
    return jaccard, min(common / smaller, 1.0)


@dataclass(frozen=True)
class CopyCheck:
    """How much of a page another text holds, and whether the page is a copy of it."""

    words: int
    covered: int
    edge_words: int
    """Uncovered words before the first or after the last covered word, or on a line with none."""
    edge_line_max: int
    middle_words: int
    """The other uncovered words (inside the body: edits or text of the page's own)."""
    middle_run_max: int

    @property
    def share(self) -> float:
        return self.covered / self.words if self.words else 0.0

    @property
    def own_words(self) -> int:
        """The page's words that the other text does not hold."""
        return self.words - self.covered

    @property
    def is_copy(self) -> bool:
        return (
            self.words >= MIN_WORDS
            and self.share >= MIN_COVERED
            and self.edge_words <= EDGE_WORDS
            and self.edge_line_max <= EDGE_LINE_WORDS
            and self.middle_run_max <= MIDDLE_RUN_WORDS
            and self.middle_words <= MIDDLE_SLACK + MIDDLE_SHARE * self.words
        )


def _grams(seq: list[str], k: int) -> set[tuple[str, ...]]:
    return {tuple(seq[i : i + k]) for i in range(len(seq) - k + 1)}


def copy_check(page: Page, other: list[str], other_grams: set[tuple[str, ...]] | None = None) -> CopyCheck:
    """Check a page against another text's normalised words: how much of it the other holds."""
    seq, lines = page.words, page.lines
    n = len(seq)
    k = min(COVER, n, len(other)) or 1
    grams = other_grams if other_grams is not None and k == COVER else _grams(other, k)
    covered = bytearray(n)
    for i in range(n - k + 1):
        if tuple(seq[i : i + k]) in grams:
            covered[i : i + k] = b"\x01" * k
    _cover_short_lines(seq, lines, other, covered)
    hits = [i for i in range(n) if covered[i]]
    if not hits:
        return CopyCheck(n, 0, n, n, 0, 0)
    first, last = hits[0], hits[-1]
    held = {lines[i] for i in hits}
    own = _own_lines(page, held)
    # edge text: before the first and after the last covered word, and lines with nothing covered
    # that read as notices (a headline, byline, dateline, ad slot or footer)
    edge = [
        i
        for i in range(n)
        if not covered[i] and lines[i] not in own and (i < first or i > last or lines[i] not in held)
    ]
    per_line: dict[int, int] = {}
    for i in edge:
        per_line[lines[i]] = per_line.get(lines[i], 0) + 1
    is_edge = set(edge)
    middle = run = longest = 0
    for i in range(n):
        if covered[i] or i in is_edge:
            run = 0
        else:
            middle += 1
            run += 1
            longest = max(longest, run)
    return CopyCheck(n, len(hits), len(edge), max(per_line.values(), default=0), middle, longest)


def _own_lines(page: Page, held: set[int]) -> set[int]:
    """Lines with nothing covered that are sentences of the page's own: a line that ends a sentence,
    with the lines before it that it continues (a sentence wrapped over several), unless one of
    them holds a boilerplate phrase. Lines that end no sentence are notices (headline, byline)."""
    own: set[int] = set()
    group: list[int] = []
    for line in sorted(set(page.lines)):
        if group and line not in page.lower:
            group = []  # the line before ended no sentence and this one does not continue it
        if line in held:
            group = []
            continue
        group.append(line)
        if line not in page.unended:
            text = " ".join(w for w, n in zip(page.words, page.lines, strict=True) if n in group)
            if not _cue().search(text):  # a footer's phrase may be wrapped over two lines
                own.update(group)
            group = []
    return own


def _cover_short_lines(page: list[str], lines: list[int], other: list[str], covered: bytearray) -> None:
    """Cover a whole line too short to hold ``COVER`` words when the other text has its words in a
    row (a short paragraph moved elsewhere)."""
    spans: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        spans.setdefault(line, []).append(i)
    short = [ix for ix in spans.values() if len(ix) < COVER and not all(covered[i] for i in ix)]
    if not short:
        return
    runs = {m: _grams(other, m) for m in {len(ix) for ix in short}}
    for ix in short:
        if tuple(page[i] for i in ix) in runs[len(ix)]:
            for i in ix:
                covered[i] = 1


def _page_of(sig_or_text: Signature | str) -> Page:
    if isinstance(sig_or_text, str):
        return page(sig_or_text)
    if sig_or_text.page is None:
        raise ValueError("a signature read back from the store holds no words: pass the text")
    return sig_or_text.page


def is_copy(copy: Signature | str, original: Signature | str) -> bool:
    """True when the page is a copy of the original (its own text adds only boilerplate or edits)."""
    return copy_check(_page_of(copy), _page_of(original).words).is_copy


def is_duplicate(a: Signature | str, b: Signature | str) -> bool:
    """True when either text is a copy of the other."""
    return is_copy(b, a) or is_copy(a, b)


# both columns constrained, so the (band, hash) index serves the lookup (hash alone scans the table)
_BANDS = select(minhash_bands.c.article_id, minhash_bands.c.band, minhash_bands.c.hash).where(
    minhash_bands.c.band.in_(bindparam("bands", expanding=True)),
    minhash_bands.c.hash.in_(bindparam("hashes", expanding=True)),
)
_SIGNATURES = select(minhash_signatures).where(
    minhash_signatures.c.article_id.in_(bindparam("ids", expanding=True))
)
# read apart, for the few worth a look: the stored text (to check word by word) and ``duplicate_of``
_ORIGINALS = select(articles.c.id, articles.c.duplicate_of, articles.c.text).where(
    articles.c.id.in_(bindparam("ids", expanding=True))
)


def find_duplicate(conn: Connection, sig: Signature, *, exclude: str | None = None) -> str | None:
    """The id of the stored original this page copies, or None; a copy of a copy points to the original.

    ``sig`` must be made from the page's text (``signature``), so that it holds the page's words.
    """
    this = _page_of(sig)
    if len(this.words) < MIN_WORDS or sig.shingles < MIN_SHINGLES:
        return None
    pairs = band_hashes(sig)
    wanted = set(pairs)
    rows = conn.execute(
        _BANDS, {"bands": sorted({b for b, _ in pairs}), "hashes": [h for _, h in pairs]}
    ).all()
    candidates = {r.article_id for r in rows if (r.band, r.hash) in wanted and r.article_id != exclude}
    if not candidates:
        return None
    stored = conn.execute(_SIGNATURES, {"ids": sorted(candidates)}).all()
    if not stored:
        return None
    # every candidate's share of equal values at once: the estimated share of the page it holds
    values = np.frombuffer(b"".join(row.signature for row in stored), dtype="<u8").reshape(len(stored), -1)
    equal = (values == sig.values.astype("<u8")).mean(axis=1)
    ranked = []
    for row, jaccard in zip(stored, equal.tolist(), strict=True):
        common = jaccard * (sig.shingles + row.shingles) / (1 + jaccard)
        held = min(common / sig.shingles, 1.0)
        if held >= MIN_CANDIDATE_CONTAINMENT and row.shingles >= MIN_SHINGLES:
            ranked.append((held, row.article_id))
    ranked = sorted(ranked, reverse=True)[:MAX_CANDIDATES]
    if not ranked:
        return None
    texts = {r.id: r for r in conn.execute(_ORIGINALS, {"ids": [a for _, a in ranked]}).all()}
    best: tuple[float, str] | None = None
    for _, article_id in ranked:
        row = texts.get(article_id)
        if row is None:
            continue
        check = copy_check(this, page(row.text or "").words)
        if check.is_copy and (best is None or check.share > best[0]):
            best = (check.share, row.duplicate_of or article_id)
    return best[1] if best else None


def store_signature(conn: Connection, article_id: str, sig: Signature) -> None:
    """Persist an article's signature and LSH bands (so later articles can be matched against it)."""
    conn.execute(
        insert(minhash_signatures).values(
            article_id=article_id, shingles=sig.shingles, signature=sig.to_bytes()
        )
    )
    if sig.shingles >= MIN_SHINGLES:
        conn.execute(
            insert(minhash_bands),
            [{"article_id": article_id, "band": b, "hash": h} for b, h in band_hashes(sig)],
        )
