"""Ranking metrics: hand-worked values, conventions and bad input."""

import math

import pytest

from mlinterview.ml import metrics


def test_hand_worked_ndcg_and_dcg():
    y, s = [[3, 2, 0]], [[0.1, 0.9, 0.5]]
    assert metrics.dcg_score(y, s, k=2) == pytest.approx(2.0)
    assert metrics.ndcg_score(y, s, k=2) == pytest.approx(2 / (3 + 2 / math.log2(3)))


def test_ties_share_the_average_gain():
    # Both documents tied: expected DCG over both orders = (1 + 0.5 * ... ) averaged.
    y, s = [[1, 0]], [[0.5, 0.5]]
    expected = 0.5 * (1 + 1 / math.log2(3))
    assert metrics.dcg_score(y, s) == pytest.approx(expected)
    assert metrics.dcg_score(y, s, ignore_ties=True) == pytest.approx(1.0)


def test_mrr_and_ap_by_hand():
    y = [[0, 1, 0, 1], [0, 0, 0, 0]]
    s = [[0.9, 0.8, 0.7, 0.6], [0.4, 0.3, 0.2, 0.1]]
    # Query 1: first relevant at rank 2 -> 1/2; query 2 has none -> 0.
    assert metrics.mean_reciprocal_rank(y, s) == pytest.approx(0.25)
    # Query 1 AP@4 = (1/2 + 2/4) / 2 = 0.5; query 2: 0.
    assert metrics.average_precision_at_k(y, s, k=4) == pytest.approx(0.25)


@pytest.mark.parametrize("call, match", [
    (lambda: metrics.ndcg_score([[1, 0]], [[1, 0, 0]]), "same shape"),
    (lambda: metrics.ndcg_score([[-1, 0]], [[1, 0]]), "non-negative"),
    (lambda: metrics.ndcg_score([[1, 0]], [[1, 0]], k=0), "k"),
    (lambda: metrics.dcg_score([[1]], [[1]]), "at least 2"),
    (lambda: metrics.mean_reciprocal_rank([1, 0], [1, 0]), "2-D"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
