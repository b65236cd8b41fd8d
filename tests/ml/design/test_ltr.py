"""LambdaRank, ListNet and the IPS click losses (``mlinterview.ml.design.ltr``):
hand-worked values, finite-difference gradients, the unbiasedness of the IPS losses by
enumerating every click outcome, and a short fit that learns the true weights."""

import itertools
import math

import numpy as np
import pytest

from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.design.ltr import (
    fit_linear_scorer,
    ips_listwise_loss,
    ips_pairwise_loss,
    ips_pointwise_loss,
    lambdarank_lambdas,
    lambdarank_loss,
    listnet_loss,
    swap_delta_ndcg,
)
from mlinterview.ml.metrics import ndcg_score

S = np.array([[0.5, 2.0, 1.0]])
G = np.array([[2.0, 0.0, 1.0]])


def _sig(x):
    return 1 / (1 + math.exp(-x))


def test_delta_ndcg_and_lambdas_hand_worked():
    # Ranking by score: doc 1, doc 2, doc 0; discounts 1, 1/log2(3), 1/2. Gains 2^g - 1 =
    # 3, 0, 1; IDCG = 3 + 1/log2(3). Swapping doc 0 (rank 3) with doc 1 (rank 1) changes
    # DCG by 3 * (1 - 1/2).
    d2 = 1 / math.log2(3)
    idcg = 3 + d2
    hi, lo, delta = swap_delta_ndcg(S, G)
    got = dict(zip(zip(hi.tolist(), lo.tolist(), strict=True), delta.tolist(), strict=True))
    want = {(0, 1): 3 * 0.5 / idcg, (0, 2): 2 * (d2 - 0.5) / idcg, (2, 1): (1 - d2) / idcg}
    assert got == pytest.approx(want, rel=1e-12)
    lam01 = -_sig(-(0.5 - 2.0)) * want[(0, 1)]
    lam02 = -_sig(-(0.5 - 1.0)) * want[(0, 2)]
    lam21 = -_sig(-(1.0 - 2.0)) * want[(2, 1)]
    np.testing.assert_allclose(lambdarank_lambdas(S, G),
                               [[lam01 + lam02, -lam01 - lam21, lam21 - lam02]], rtol=1e-12)


def test_delta_ndcg_is_the_metric_change_of_the_swap():
    rng = np.random.default_rng(0)
    s, g = rng.normal(size=(1, 7)), rng.integers(0, 4, (1, 7)).astype(float)
    for k in (None, 3):
        hi, lo, delta = swap_delta_ndcg(s, g, k=k, gain="linear")
        for a, b, d in zip(hi, lo, delta, strict=True):
            t = s.copy()
            t[0, [a, b]] = t[0, [b, a]]
            assert d == pytest.approx(abs(ndcg_score(g, t, k=k) - ndcg_score(g, s, k=k)),
                                      abs=1e-12)


def test_lambdas_sum_to_zero_and_vanish_below_k():
    rng = np.random.default_rng(1)
    s, g = rng.normal(size=(5, 8)), rng.integers(0, 3, (5, 8))
    lam = lambdarank_lambdas(s, g, sigma=2.0)
    np.testing.assert_allclose(lam.sum(axis=1), 0, atol=1e-12)
    # k = 1: only pairs involving the top-ranked document change NDCG@1.
    order = np.argsort(-s, axis=1)
    hi, lo, delta = swap_delta_ndcg(s, g, k=1)
    top_hi, top_lo = hi % 8 == order[hi // 8, 0], lo % 8 == order[lo // 8, 0]
    assert np.all(delta[~top_hi & ~top_lo] == 0) and np.all(delta[top_hi | top_lo] > 0)
    # Equal grades: no pair, no lambda. A huge gap: finite.
    np.testing.assert_array_equal(lambdarank_lambdas(s, np.ones_like(s)), 0)
    assert np.isfinite(lambdarank_lambdas(np.array([[1e4, -1e4]]), [[0, 1]])).all()


def test_lambdarank_loss_gradient_is_the_lambdas():
    rng = np.random.default_rng(2)
    s, g = rng.normal(size=(4, 6)), rng.integers(0, 4, (4, 6))
    t = Tensor(s.copy(), requires_grad=True)
    lambdarank_loss(t, g, sigma=1.5, k=4).backward()
    np.testing.assert_allclose(t.grad.data, lambdarank_lambdas(s, g, sigma=1.5, k=4) / 4,
                               rtol=1e-12, atol=1e-15)


def test_listnet_hand_worked_and_minimum():
    # Two documents, grades (1, 0), equal scores: target (e/(1+e), 1/(1+e)), prediction
    # (1/2, 1/2): cross-entropy log 2.
    assert float(listnet_loss(Tensor(np.zeros((1, 2))), [[1.0, 0.0]]).data) == pytest.approx(
        math.log(2), rel=1e-12)
    # Scores equal to the grades (up to a shift) reach the target's entropy.
    p = np.array([math.e, 1.0]) / (1 + math.e)
    assert float(listnet_loss(Tensor(np.array([[4.0, 3.0]])), [[1.0, 0.0]]).data) == \
        pytest.approx(-(p * np.log(p)).sum(), rel=1e-12)


@pytest.mark.parametrize("loss", ["lambdarank", "listnet", "point", "pair", "list"])
def test_gradients_match_finite_differences(loss):
    rng = np.random.default_rng(3)
    g = rng.integers(0, 3, (3, 5)).astype(float)
    clicks = (rng.random((3, 5)) < 0.5).astype(float)
    clicks[0, 0] = 1
    theta = np.array([1.0, 0.5, 0.33, 0.25, 0.2])
    fns = {"lambdarank": lambda t: lambdarank_loss(t, g, k=3),
           "listnet": lambda t: listnet_loss(t, g),
           "point": lambda t: ips_pointwise_loss(t, clicks, theta),
           "pair": lambda t: ips_pairwise_loss(t, clicks, theta, sigma=0.7),
           "list": lambda t: ips_listwise_loss(t, clicks, theta)}
    # Distinct scores far from ties, so the LambdaRank ranking is fixed under the steps.
    t = Tensor(rng.permutation(15).reshape(3, 5) * 0.3, requires_grad=True)
    assert gradcheck(fns[loss], [t])


def test_ips_losses_are_unbiased_by_enumeration():
    # One query of 3 documents at positions with θ = (1, 0.5, 0.25); relevance γ. Summing
    # each IPS loss over all 8 click outcomes, weighted by their PBM probabilities, gives
    # the same loss with the labels replaced by γ (every loss is linear in c/θ).
    theta = np.array([1.0, 0.5, 0.25])
    gamma = np.array([0.3, 0.9, 0.6])
    s = np.array([[0.2, -0.4, 1.1]])
    p = theta * gamma
    for fn in (ips_pointwise_loss, ips_pairwise_loss, ips_listwise_loss):
        expected = 0.0
        for outcome in itertools.product([0.0, 1.0], repeat=3):
            c = np.array([outcome])
            prob = np.prod(np.where(c == 1, p, 1 - p))
            if c.sum() == 0 and fn is ips_pairwise_loss:
                continue                        # no click, no pair: contributes 0
            expected += prob * float(fn(Tensor(s), c, theta).data)
        # The full-information loss: the weights c / θ replaced by γ.
        w = gamma[None, :]
        if fn is ips_pointwise_loss:
            ls = -np.log(1 / (1 + np.exp(-s)))
            ln = -np.log(1 / (1 + np.exp(s)))
            ref = float(np.mean(w * ls + (1 - w) * ln))
        elif fn is ips_pairwise_loss:
            ref = sum(w[0, i] * np.log1p(np.exp(-(s[0, i] - s[0, j])))
                      for i in range(3) for j in range(3) if i != j)
        else:
            ref = float(-(w * (s - np.log(np.exp(s).sum()))).sum())
        assert expected == pytest.approx(ref, rel=1e-12)


def test_naive_losses_are_the_ips_losses_with_unit_propensity():
    s = Tensor(np.array([[0.1, 0.5, -0.3]]))
    c = np.array([[0.0, 1.0, 1.0]])
    for fn in (ips_pointwise_loss, ips_pairwise_loss, ips_listwise_loss):
        assert float(fn(s, c).data) == float(fn(s, c, np.ones(3)).data)


def test_fit_linear_scorer_learns_the_true_direction():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(100, 10, 3))
    w_true = np.array([1.0, -2.0, 0.0])
    grades = np.digitize(X @ w_true, [-1.0, 0.0, 1.0]).astype(float)
    for loss in (lambda s: listnet_loss(s, grades), lambda s: lambdarank_loss(s, grades)):
        coef, intercept = fit_linear_scorer(X, loss, epochs=150, lr=0.1)
        assert intercept == 0.0
        cos = coef @ w_true / np.linalg.norm(coef) / np.linalg.norm(w_true)
        assert cos > 0.97
    clicks = (rng.random((100, 10)) < 1 / (1 + np.exp(-(X @ w_true)))).astype(float)
    coef, intercept = fit_linear_scorer(X, lambda s: ips_pointwise_loss(s, clicks),
                                        epochs=200, lr=0.1, fit_intercept=True)
    np.testing.assert_allclose(coef, w_true, atol=0.25)
    assert abs(intercept) < 0.25


def test_errors_name_the_argument():
    t = Tensor(np.zeros((1, 3)))
    with pytest.raises(TypeError, match="scores"):
        listnet_loss(np.zeros((1, 3)), [[1, 0, 0]])
    with pytest.raises(ValueError, match="scores"):
        listnet_loss(t, [[1, 0]])
    with pytest.raises(ValueError, match="grades"):
        lambdarank_lambdas([[0.0, 1.0]], [[-1, 0]])
    with pytest.raises(ValueError, match="grades"):
        lambdarank_loss(t, [[1, 1, 1]])
    with pytest.raises(ValueError, match="gain"):
        lambdarank_lambdas([[0.0, 1.0]], [[1, 0]], gain="log")
    with pytest.raises(ValueError, match="clicks"):
        ips_pairwise_loss(t, [[0, 0, 0]])
    with pytest.raises(ValueError, match="clicks"):
        ips_pointwise_loss(t, [[0, 2, 0]])
    with pytest.raises(ValueError, match="features"):
        fit_linear_scorer(np.zeros((3, 2)), lambda s: s.sum())
