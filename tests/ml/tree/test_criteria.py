"""criteria: closed forms, hand-worked cases, brute force over thresholds, SciPy's chi2."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from mlinterview.ml.tree.criteria import (
    best_split,
    chi_square,
    entropy,
    gini,
    information_gain,
    split_scores,
    variance_reduction,
)


def test_closed_forms():
    assert gini([0, 0, 0]) == 0.0 and entropy([1, 1]) == 0.0
    assert gini([0, 1]) == pytest.approx(0.5) and entropy([0, 1]) == pytest.approx(1.0)
    # K equally frequent classes: Gini 1 - 1/K, entropy log2 K.
    y = np.repeat(np.arange(5), 3)
    assert gini(y) == pytest.approx(0.8) and entropy(y) == pytest.approx(np.log2(5))
    # Weights act as repeated samples.
    assert gini([0, 1], sample_weight=[3, 1]) == pytest.approx(gini([0, 0, 0, 1]))


def test_information_gain_hand_worked():
    # Parent 4 x A, 4 x B (1 bit). Left = 3 A + 1 B, right = 1 A + 3 B.
    # H(child) = -(3/4 log2 3/4 + 1/4 log2 1/4) = 0.811278..., gain = 1 - 0.811278.
    parent = list("AAAABBBB")
    left, right = list("AAAB"), list("ABBB")
    assert information_gain(parent, left, right) == pytest.approx(1 - 0.8112781244591328)
    # Gini: parent 0.5, each child 1 - (9 + 1)/16 = 0.375, gain 0.125.
    assert information_gain(parent, left, right, criterion="gini") == pytest.approx(0.125)
    with pytest.raises(ValueError, match="y_left and y_right"):
        information_gain(parent, left, list("AAAA"))


def test_chi_square_matches_scipy():
    rng = np.random.default_rng(0)
    for _ in range(5):
        yl, yr = rng.integers(0, 3, 40), rng.integers(0, 3, 25)
        table = np.array([np.bincount(yl, minlength=3), np.bincount(yr, minlength=3)])
        ref = chi2_contingency(table, correction=False).statistic
        assert chi_square(yl, yr) == pytest.approx(ref, rel=1e-12)
    assert chi_square([0, 1], [0, 1]) == pytest.approx(0.0)


def test_variance_reduction_hand_worked():
    # Parent [1, 2, 10, 11]: mean 6, variance 20.5; children variances 0.25 each.
    assert variance_reduction([1, 2, 10, 11], [1, 2], [10, 11]) == pytest.approx(20.25)


@pytest.mark.parametrize("criterion", ["gini", "entropy", "chi_square", "variance"])
@pytest.mark.parametrize("seed", range(4))
def test_best_split_against_brute_force(criterion, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 40))
    x = rng.integers(0, 12, n).astype(float)          # ties in x on purpose
    y = rng.normal(size=n) if criterion == "variance" else rng.integers(0, 3, n)
    values = np.unique(x)
    best = (-np.inf, None)
    all_scores = []
    for a, b in itertools.pairwise(values):
        t = (a + b) / 2
        left, right = y[x <= t], y[x > t]
        if criterion == "variance":
            s = variance_reduction(y, left, right)
        elif criterion == "chi_square":
            s = chi_square(left, right)
        else:
            s = information_gain(y, left, right, criterion=criterion)
        all_scores.append(s)
        if s > best[0] + 1e-12:
            best = (s, t)
    got = best_split(x, y, criterion)
    if best[1] is None:
        assert np.isnan(got.threshold)
    else:
        assert got.threshold == pytest.approx(best[1])
        assert got.score == pytest.approx(best[0], rel=1e-9, abs=1e-12)
        assert got.n_left == int((x <= got.threshold).sum())
    # split_scores: every midpoint between distinct values, each scored as the loop did.
    thresholds, scores = split_scores(x, y, criterion)
    np.testing.assert_allclose(thresholds, (values[1:] + values[:-1]) / 2, rtol=1e-15)
    np.testing.assert_allclose(scores, all_scores, rtol=1e-9, atol=1e-12)


def test_best_split_hand_worked_and_limits():
    assert best_split([1, 2, 3, 4], [0, 0, 1, 1]) == (2.5, 0.5, 2)
    assert np.isnan(best_split([5, 5, 5], [0, 1, 0]).threshold)       # constant feature
    assert [len(a) for a in split_scores([5, 5, 5], [0, 1, 0])] == [0, 0]
    # min_samples_leaf=2 on 4 points leaves the middle threshold only.
    np.testing.assert_allclose(split_scores([1, 2, 3, 4], [0, 0, 1, 1], min_samples_leaf=2),
                               [[2.5], [0.5]])
    got = best_split([1, 2, 3, 4, 5, 6], [0, 1, 1, 1, 1, 1], min_samples_leaf=2)
    assert got.n_left >= 2 and 6 - got.n_left >= 2


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="criterion"):
        best_split([1, 2], [0, 1], "mse")
    with pytest.raises(ValueError, match="inconsistent"):
        best_split([1, 2, 3], [0, 1])
    with pytest.raises(ValueError, match="x"):
        best_split([1, np.nan], [0, 1])
    with pytest.raises(TypeError, match="min_samples_leaf"):
        best_split([1, 2], [0, 1], min_samples_leaf=1.5)
