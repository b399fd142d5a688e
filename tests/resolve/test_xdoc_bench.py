"""The cross-document bench's own parts: the textbook scores, pair counting and mention mapping."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from support.coref_metrics import Scorer

BENCH = Path(__file__).resolve().parents[2] / "bench" / "xdoc_coref.py"
spec = importlib.util.spec_from_file_location("xdoc_coref", BENCH)
xdoc = importlib.util.module_from_spec(spec)
sys.modules["xdoc_coref"] = xdoc  # dataclasses look their module up while the file runs
spec.loader.exec_module(xdoc)


def test_textbook_scores_over_mentions_from_two_documents() -> None:
    # Pradhan et al. (2014) example: key {a b c} {d e f g}, response {a b} {c d} {f g h i}
    key = [[("d1", "a"), ("d1", "b"), ("d2", "c")], [("d1", "d"), ("d2", "e"), ("d2", "f"), ("d2", "g")]]
    response = [
        [("d1", "a"), ("d1", "b")],
        [("d2", "c"), ("d1", "d")],
        [("d2", "f"), ("d2", "g"), ("sys", "d2", 1, 2), ("sys", "d2", 3, 4)],
    ]
    sc = Scorer()
    sc.add(key, response)
    assert (sc.muc.recall, sc.muc.precision) == pytest.approx((0.4, 0.4))
    assert (sc.b3.recall, sc.b3.precision) == pytest.approx((5 / 12, 0.5))  # (2/3+2/3+1/3+1/4+0+1/2+1/2)/7
    # cross-document pairs: gold has a-c, b-c, d-e, d-f, d-g = 5; response has c-d (wrong) only
    p, r, f = xdoc.cross_doc_pairs(key, response)
    assert (p, r, f) == (0.0, 0.0, 0.0)
    p, r, _ = xdoc.cross_doc_pairs(key, [[("d1", "a"), ("d2", "c"), ("d2", "e")]])
    assert (p, r) == pytest.approx((1 / 2, 1 / 5))


def test_mentions_map_by_token_overlap_once() -> None:
    doc = xdoc.GoldDoc(
        "d",
        "Apple Inc. chief Steve Jobs spoke",
        None,
        tokens=[(0, 5), (6, 10), (11, 16), (17, 22), (23, 27), (28, 33)],
        mentions={"m1": [0, 1], "m2": [3, 4], "m3": [2, 3, 4]},
    )
    mapped = xdoc.map_mentions(doc, [(0, 5), (17, 27), (23, 27), (28, 33)])
    assert mapped[(0, 5)] == "m1"  # 1 of 2 tokens: Dice 2/3
    assert mapped[(17, 27)] == "m2"  # the exact match wins over the longer m3
    assert mapped.get((23, 27)) == "m3"  # m2 is taken; Dice with m3 is 2/4
    assert (28, 33) not in mapped
