"""DCG and NDCG against scikit-learn (with and without ties, every k); MRR and AP@k
against a direct per-query brute force.

Tolerance 1e-12 relative: the same sums in float64, in another order.
"""

import numpy as np
import pytest
from sklearn import metrics as skm

from mlinterview.ml import metrics


def _case(n_q, n_d, seed, ties):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, (n_q, n_d)).astype(float)
    s = rng.integers(0, 5, (n_q, n_d)).astype(float) if ties else rng.random((n_q, n_d))
    y[0] = 0  # a query without relevant documents
    return y, s


SHAPES = [(1, 2), (5, 7), (40, 25), (200, 3)]


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("k", [None, 1, 3, 10])
@pytest.mark.parametrize("shape", SHAPES)
def test_dcg_and_ndcg(shape, k, ties):
    y, s = _case(*shape, seed=sum(shape), ties=ties)
    w = np.linspace(0.1, 1, len(y))
    for ignore_ties in (False, True) if not ties else (False,):
        # With tied scores scikit-learn's ignore_ties order depends on its sort; we only
        # compare the tie-averaged version there.
        kw = {"k": k, "ignore_ties": ignore_ties}
        assert metrics.dcg_score(y, s, **kw) == pytest.approx(skm.dcg_score(y, s, **kw),
                                                              rel=1e-12)
        assert metrics.ndcg_score(y, s, **kw) == pytest.approx(skm.ndcg_score(y, s, **kw),
                                                               rel=1e-12)
        assert metrics.ndcg_score(y, s, sample_weight=w, **kw) == pytest.approx(
            skm.ndcg_score(y, s, sample_weight=w, **kw), rel=1e-12)
    assert metrics.dcg_score(y, s, k=k, log_base=10) == pytest.approx(
        skm.dcg_score(y, s, k=k, log_base=10), rel=1e-12)


def test_ndcg_float32_and_int_inputs():
    y, s = _case(30, 8, 1, ties=False)
    assert metrics.ndcg_score(y.astype(int), s.astype(np.float32), k=5) == pytest.approx(
        skm.ndcg_score(y.astype(int), s.astype(np.float32), k=5), rel=1e-6)


def _brute_force(y, s, k):
    rr, ap = [], []
    for rel, score in zip(y > 0, s, strict=True):
        order = sorted(range(len(score)), key=lambda i: -score[i])
        ranked = [bool(rel[i]) for i in order]
        rr.append(next((1 / (i + 1) for i, r in enumerate(ranked) if r), 0.0))
        hits, total = 0, 0.0
        for i, r in enumerate(ranked[:k]):
            if r:
                hits += 1
                total += hits / (i + 1)
        n_rel = int(rel.sum())
        ap.append(total / min(k, n_rel) if n_rel else 0.0)
    return np.mean(rr), np.mean(ap)


@pytest.mark.parametrize("k", [1, 3, 25])
@pytest.mark.parametrize("shape", SHAPES)
def test_mrr_and_map_at_k_brute_force(shape, k):
    y, s = _case(*shape, seed=7, ties=False)
    y = (y >= 2).astype(float)
    mrr, map_k = _brute_force(y, s, k)
    assert metrics.mean_reciprocal_rank(y, s) == pytest.approx(mrr, rel=1e-12)
    assert metrics.average_precision_at_k(y, s, k=k) == pytest.approx(map_k, rel=1e-12)


def test_map_at_full_depth_equals_label_ranking_average_precision_without_ties():
    # With every query having a relevant document and no ties, AP over the whole list
    # equals scikit-learn's label_ranking_average_precision_score.
    rng = np.random.default_rng(3)
    y = (rng.random((50, 9)) < 0.3).astype(int)
    y[:, 0] = 1
    s = rng.random((50, 9))
    assert metrics.average_precision_at_k(y, s) == pytest.approx(
        skm.label_ranking_average_precision_score(y, s), rel=1e-12)
