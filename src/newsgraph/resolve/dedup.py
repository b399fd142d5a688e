"""Near-duplicate articles: wire copies and lightly edited reprints, found with MinHash and LSH.

Each article's clean text becomes a set of word shingles (``SHINGLE`` words in a row, lowercased)
and a MinHash signature of ``NUM_PERM`` values. The signature is cut into bands; an article whose
band hashes meet a stored article's in any band is a candidate, checked against the stored
signature. The bands live in the ``minhash_bands`` table, queried by hash, so detection is
incremental and works the same on SQLite and PostgreSQL.

A candidate is a duplicate when the estimated share of common shingles is high, measured
against the smaller article (containment): a reprint trimmed to its first paragraphs is all
inside the original. Rewrites of the same story share names and facts but few runs of three
words, so they stay apart.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from sqlalchemy import Connection, bindparam, insert, select

from ..store.schema import articles, minhash_bands, minhash_signatures

__all__ = ["Signature", "signature", "find_duplicate", "store_signature", "similarity", "NUM_PERM", "SHINGLE"]

NUM_PERM = 128
SHINGLE = 3
CANDIDATE_JACCARD = 0.25
"""LSH is tuned to bring up pairs from about this Jaccard similarity; the check below decides."""
MIN_CONTAINMENT = 0.6
"""Share of the smaller article's shingles found in the other, above which it is a duplicate."""
MIN_JACCARD = 0.2
"""Floor on plain Jaccard, so a short brief is not a copy of any long story that quotes it."""
MIN_SHINGLES = 8
"""Texts with fewer shingles are too short to call copies by their wording."""
_SEED = 7
_SCHEME = "affine32"  # named, so stored signatures stay comparable across datasketch versions
_WORD = re.compile(r"\w+")


@dataclass
class Signature:
    """One text's MinHash values and its number of distinct shingles."""

    values: np.ndarray
    shingles: int

    def to_bytes(self) -> bytes:
        """The values as little-endian uint64 bytes (the stored form)."""
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> Signature:
        """Rebuild a stored signature."""
        return cls(np.frombuffer(data, dtype="<u8").astype(np.uint64), shingles)


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    """(number of bands, rows per band) that best separate pairs around ``CANDIDATE_JACCARD``."""
    return _optimal_param(CANDIDATE_JACCARD, NUM_PERM, 0.5, 0.5)


@lru_cache(maxsize=1)
def _permutations() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)


def shingles(text: str) -> set[bytes]:
    """The word shingles of a text (lowercased words, ``SHINGLE`` in a row)."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of a text's word shingles."""
    grams = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations().permutations, scheme=_SCHEME)
    mh.update_batch(list(grams))
    return Signature(mh.hashvalues.copy(), len(grams))


def band_hashes(sig: Signature) -> list[tuple[int, int]]:
    """(band, hash) pairs of a signature: each band's values hashed to a signed 64-bit integer."""
    b, r = _bands()
    raw = sig.values.astype("<u8")
    out = []
    for band in range(b):
        digest = hashlib.blake2b(raw[band * r : (band + 1) * r].tobytes(), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller in the larger) of two signatures."""
    jaccard = float(np.mean(a.values == b.values))
    # |A and B| = J (|A| + |B|) / (1 + J)
    common = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    smaller = min(a.shingles, b.shingles) or 1
    return jaccard, min(common / smaller, 1.0)


def is_duplicate(a: Signature, b: Signature) -> bool:
    """True when two signatures say the texts are copies (one perhaps trimmed or lightly edited)."""
    if min(a.shingles, b.shingles) < MIN_SHINGLES:
        return False
    jaccard, containment = similarity(a, b)
    return jaccard >= MIN_JACCARD and containment >= MIN_CONTAINMENT


# both columns constrained, so the (band, hash) index serves the lookup (hash alone scans the table)
_BANDS = select(minhash_bands.c.article_id, minhash_bands.c.band, minhash_bands.c.hash).where(
    minhash_bands.c.band.in_(bindparam("bands", expanding=True)),
    minhash_bands.c.hash.in_(bindparam("hashes", expanding=True)),
)
_SIGNATURES = select(minhash_signatures).where(
    minhash_signatures.c.article_id.in_(bindparam("ids", expanding=True))
)
# read apart, for the few that match: reaching ``duplicate_of`` reads past the article's text
_ORIGINALS = select(articles.c.id, articles.c.duplicate_of).where(
    articles.c.id.in_(bindparam("ids", expanding=True))
)


def find_duplicate(conn: Connection, sig: Signature, *, exclude: str | None = None) -> str | None:
    """The id of the stored original this text copies, or None; a copy of a copy points to the original."""
    if sig.shingles < MIN_SHINGLES:
        return None
    pairs = band_hashes(sig)
    wanted = set(pairs)
    rows = conn.execute(
        _BANDS, {"bands": sorted({b for b, _ in pairs}), "hashes": [h for _, h in pairs]}
    ).all()
    candidates = {r.article_id for r in rows if (r.band, r.hash) in wanted and r.article_id != exclude}
    best: tuple[float, str] | None = None
    if candidates:
        stored = conn.execute(_SIGNATURES, {"ids": sorted(candidates)}).all()
        if not stored:
            return None
        # every candidate's share of equal values at once; the checks below are is_duplicate's
        values = np.frombuffer(b"".join(row.signature for row in stored), dtype="<u8").reshape(
            len(stored), -1
        )
        equal = (values == sig.values.astype("<u8")).mean(axis=1)
        matches = []
        for row, jaccard in zip(stored, equal.tolist(), strict=True):
            if min(sig.shingles, row.shingles) < MIN_SHINGLES:
                continue
            common = jaccard * (sig.shingles + row.shingles) / (1 + jaccard)
            score = min(common / (min(sig.shingles, row.shingles) or 1), 1.0)
            if jaccard >= MIN_JACCARD and score >= MIN_CONTAINMENT:
                matches.append((row.article_id, score))
        if matches:
            originals = dict(conn.execute(_ORIGINALS, {"ids": [a for a, _ in matches]}).all())
            for article_id, score in matches:
                if article_id in originals and (best is None or score > best[0]):
                    best = (score, originals[article_id] or article_id)
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
