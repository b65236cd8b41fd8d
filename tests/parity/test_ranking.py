"""RankNet (``mlinterview.ml.ranking``) against PyTorch: the loss and its gradient with
respect to the scores equal ``-logsigmoid(sigma (s_hi - s_lo)).mean()`` computed by
torch.autograd on the same pairs (rtol 1e-12, float64); the pairs against a brute-force
enumeration; a hand-worked value; and the errors."""

import itertools
import math

import numpy as np
import pytest
import torch

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.ranking import fit_ranknet, pairwise_indices, ranknet_loss


def _brute_pairs(grades):
    n_docs = grades.shape[1]
    return {(q * n_docs + i, q * n_docs + j)
            for q, row in enumerate(grades)
            for i, j in itertools.permutations(range(n_docs), 2) if row[i] > row[j]}


@pytest.mark.parametrize("shape", [(1, 2), (3, 5), (20, 12), (50, 1)])
def test_pairs_match_brute_force(shape):
    grades = np.random.default_rng(sum(shape)).integers(0, 3, shape)
    hi, lo = pairwise_indices(grades)
    assert set(zip(hi.tolist(), lo.tolist(), strict=True)) == _brute_pairs(grades)
    assert len(hi) == len(_brute_pairs(grades))          # no duplicates


def test_pairs_hand_worked():
    # Query 0: doc 0 (grade 2) above docs 1 and 2, doc 2 above doc 1; query 1 (flat
    # indices 3-5): doc 5 above docs 3 and 4, and the tie 3 = 4 gives no pair.
    hi, lo = pairwise_indices([[2.0, 0.0, 1.0], [0.0, 0.0, 3.0]])
    pairs = set(zip(hi.tolist(), lo.tolist(), strict=True))
    assert pairs == {(0, 1), (0, 2), (2, 1), (5, 3), (5, 4)}


@pytest.mark.parametrize("shape", [(1, 3), (4, 6), (30, 20)])
@pytest.mark.parametrize("sigma", [1.0, 0.3, 5.0])
def test_loss_and_gradient_match_pytorch(shape, sigma):
    rng = np.random.default_rng(shape[0] * 7 + int(sigma * 10))
    grades = rng.integers(0, 4, shape).astype(float)
    grades[0, :2] = [3.0, 0.0]                             # at least one pair
    s = rng.normal(scale=3.0, size=shape)
    ours_s = Tensor(s.copy(), requires_grad=True)
    loss = ranknet_loss(ours_s, grades, sigma=sigma)
    loss.backward()
    ts = torch.tensor(s, requires_grad=True)
    pairs = sorted(_brute_pairs(grades))
    hi = torch.tensor([p[0] for p in pairs])
    lo = torch.tensor([p[1] for p in pairs])
    flat = ts.reshape(-1)
    ref = -torch.nn.functional.logsigmoid(sigma * (flat[hi] - flat[lo])).mean()
    ref.backward()
    assert float(loss.data) == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(ours_s.grad.data, ts.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_hand_worked_value_and_extreme_gaps():
    # Pairs (doc 0 > doc 1) and (doc 0 > doc 2) and (doc 2 > doc 1): differences 1, -1, 2.
    s = Tensor(np.array([[1.0, 0.0, 2.0]]))
    expected = (math.log1p(math.exp(-1)) + math.log1p(math.exp(1)) + math.log1p(math.exp(-2))) / 3
    assert float(ranknet_loss(s, [[2, 0, 1]]).data) == pytest.approx(expected, rel=1e-14)
    # A gap of 1000 in the wrong direction costs 1000, not inf.
    far = ranknet_loss(Tensor(np.array([[-500.0, 500.0]])), [[1, 0]])
    assert float(far.data) == pytest.approx(1000.0)


def test_fit_ranknet_orders_a_linear_utility():
    rng = np.random.default_rng(0)
    feats = rng.normal(size=(30, 8, 3))
    grades = (feats @ np.array([1.0, -2.0, 0.5])).argsort(axis=1).argsort(axis=1)
    w = fit_ranknet(feats, grades, epochs=150)
    scores = feats @ w
    hi, lo = pairwise_indices(grades)
    # Nearly every ordered pair ends up in the right order.
    assert np.mean(scores.ravel()[hi] > scores.ravel()[lo]) > 0.97


@pytest.mark.parametrize("call, exc, match", [
    (lambda: ranknet_loss(Tensor(np.zeros((2, 3))), np.ones((2, 3))), ValueError, "grades: no"),
    (lambda: ranknet_loss(Tensor(np.zeros(4)), np.eye(3)), ValueError, "scores: expected 9"),
    (lambda: ranknet_loss(np.zeros((1, 2)), [[1, 0]]), TypeError, "scores: expected a Tensor"),
    (lambda: ranknet_loss(Tensor(np.zeros((1, 2))), [[1, 0]], sigma=0.0), ValueError, "sigma"),
    (lambda: fit_ranknet(np.zeros((2, 3)), np.eye(2)), ValueError, "features: expected"),
])
def test_bad_input_names_the_argument(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
