"""Coreference scores: MUC, B-cubed, CEAF-e and their CoNLL average, for one or many documents.

Chains are sets of hashable mention ids. Mentions present on one side only ("twinless") count
as the metrics define: MUC and B-cubed score them against nothing, CEAF-e aligns whole chains.
Scores are summed over documents as the reference scorer does (numerators and denominators
accumulated, then divided), so long documents weigh more.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Score", "muc", "b_cubed", "ceaf_e", "conll", "Scorer", "oracle_links"]

Chain = frozenset[Hashable]


@dataclass
class Score:
    """Accumulated recall and precision numerators/denominators of one metric."""

    r_num: float = 0.0
    r_den: float = 0.0
    p_num: float = 0.0
    p_den: float = 0.0

    @property
    def recall(self) -> float:
        """Recall (0 when nothing to recall)."""
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def precision(self) -> float:
        """Precision (0 when nothing was predicted)."""
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of recall and precision."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.r_num += other.r_num
        self.r_den += other.r_den
        self.p_num += other.p_num
        self.p_den += other.p_den
        return self


def _chains(chains: Iterable[Iterable[Hashable]]) -> list[Chain]:
    return [frozenset(c) for c in chains if c]


def _muc_side(key: list[Chain], response: list[Chain]) -> tuple[float, float]:
    """MUC recall terms of ``key`` against ``response`` (swap the arguments for precision)."""
    where = {m: i for i, chain in enumerate(response) for m in chain}
    num = den = 0.0
    for chain in key:
        # partitions of the chain by the response; a mention not in the response is its own part
        parts = {where.get(m, ("alone", m)) for m in chain}
        num += len(chain) - len(parts)
        den += len(chain) - 1
    return num, den


def muc(key: Sequence[Iterable[Hashable]], response: Sequence[Iterable[Hashable]]) -> Score:
    """MUC (Vilain et al. 1995): links recovered, counted by chain partitions."""
    k, r = _chains(key), _chains(response)
    r_num, r_den = _muc_side(k, r)
    p_num, p_den = _muc_side(r, k)
    return Score(r_num, r_den, p_num, p_den)


def _b3_side(key: list[Chain], response: list[Chain]) -> tuple[float, float]:
    where = {m: chain for chain in response for m in chain}
    num = 0.0
    den = 0.0
    for chain in key:
        for m in chain:
            other = where.get(m)
            if other is not None:
                num += len(chain & other) / len(chain)
            den += 1
    return num, den


def b_cubed(key: Sequence[Iterable[Hashable]], response: Sequence[Iterable[Hashable]]) -> Score:
    """B-cubed (Bagga and Baldwin 1998): per-mention overlap of its key and response chains."""
    k, r = _chains(key), _chains(response)
    r_num, r_den = _b3_side(k, r)
    p_num, p_den = _b3_side(r, k)
    return Score(r_num, r_den, p_num, p_den)


def _max_assignment(weights: list[list[float]]) -> float:
    """Best total weight of a one-to-one assignment of rows to columns (Hungarian, O(n^3))."""
    n_rows = len(weights)
    n_cols = len(weights[0]) if weights else 0
    if not n_rows or not n_cols:
        return 0.0
    n = max(n_rows, n_cols)
    top = max(max(row) for row in weights)
    # Minimise cost = top - weight on a square matrix padded with cost `top` (weight 0).
    cost = [[top - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match = [0] * (n + 1)  # match[col] = row (1-based)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        min_v = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < min_v[j]:
                        min_v[j], way[j] = cur, j0
                    if min_v[j] < delta:
                        delta, j1 = min_v[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    min_v[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    total = 0.0
    for j in range(1, n + 1):
        i = match[j]
        if i and i - 1 < n_rows and j - 1 < n_cols:
            total += weights[i - 1][j - 1]
    return total


def ceaf_e(key: Sequence[Iterable[Hashable]], response: Sequence[Iterable[Hashable]]) -> Score:
    """Entity-based CEAF (Luo 2005) with phi4 similarity 2|K∩R|/(|K|+|R|)."""
    k, r = _chains(key), _chains(response)
    weights = [[2 * len(a & b) / (len(a) + len(b)) for b in r] for a in k]
    best = _max_assignment(weights) if k and r else 0.0
    return Score(best, len(k), best, len(r))


def conll(muc_s: Score, b3_s: Score, ceafe_s: Score) -> float:
    """The CoNLL-2012 score: the mean F1 of MUC, B-cubed and CEAF-e."""
    return (muc_s.f1 + b3_s.f1 + ceafe_s.f1) / 3


class Scorer:
    """Accumulates the three metrics over documents."""

    def __init__(self) -> None:
        self.muc = Score()
        self.b3 = Score()
        self.ceafe = Score()

    def add(self, key: Sequence[Iterable[Hashable]], response: Sequence[Iterable[Hashable]]) -> None:
        """Score one document's response chains against its key chains."""
        self.muc += muc(key, response)
        self.b3 += b_cubed(key, response)
        self.ceafe += ceaf_e(key, response)

    @property
    def conll(self) -> float:
        """CoNLL F1 over everything added so far."""
        return conll(self.muc, self.b3, self.ceafe)


def oracle_links(
    local: dict[Hashable, list[tuple[str, int, int]]],
    instance_of: Callable[[str, int, int], Hashable | None],
) -> list[list[tuple[str, int, int]]]:
    """The most any cross-document resolver could make of the article entities ``local`` (key ->
    their (doc, start, end) mentions): each one joined to the gold instance most of its mentions
    belong to (an upper bound, not a system: it reads the gold)."""
    linked: dict[Hashable, list[tuple[str, int, int]]] = defaultdict(list)
    for key, cluster in local.items():
        votes = Counter(i for i in (instance_of(*m) for m in cluster) if i is not None)
        linked[votes.most_common(1)[0][0] if votes else key] += cluster
    return list(linked.values())
