"""The MLE fits: closed forms, the NLL == cross-entropy identity, zero counts, bad input."""

import numpy as np
import pytest

from mlinterview.ml import information as info
from mlinterview.ml import stats


def test_gaussian_mle_variance_divides_by_n():
    fit = stats.fit_gaussian([1.0, 2.0, 3.0, 6.0])
    assert fit.mean == 3.0
    assert fit.var == pytest.approx((4 + 1 + 0 + 9) / 4)   # not / 3
    # At the MLE the total NLL is n/2 (log(2 pi var) + 1).
    assert -fit.log_likelihood == pytest.approx(2 * (np.log(2 * np.pi * 3.5) + 1), rel=1e-14)


def test_mle_maximises_the_likelihood_by_brute_force():
    x = np.random.default_rng(0).integers(0, 2, 37)
    grid = np.linspace(0.001, 0.999, 999)
    nll = np.array([stats.bernoulli_nll(x, p) for p in grid])
    assert grid[nll.argmin()] == pytest.approx(stats.fit_bernoulli(x).p, abs=1e-3)


def test_categorical_nll_is_cross_entropy():
    x = np.array([0, 0, 1, 2, 2, 2])
    q = np.array([0.2, 0.3, 0.5])
    empirical = np.array([2, 1, 3]) / 6
    assert stats.categorical_nll(x, q) == pytest.approx(info.cross_entropy(empirical, q),
                                                        rel=1e-14)
    assert stats.categorical_nll(x, q, reduction="sum") == pytest.approx(
        -np.log([0.2, 0.2, 0.3, 0.5, 0.5, 0.5]).sum(), rel=1e-14)


def test_unseen_category_gets_zero_probability_without_smoothing():
    train = np.array([0, 0, 1, 1, 1])
    plain = stats.fit_categorical(train, 3)
    smooth = stats.fit_categorical(train, 3, alpha=1.0)
    np.testing.assert_allclose(plain.probs, [0.4, 0.6, 0.0])
    np.testing.assert_allclose(smooth.probs, [3 / 8, 4 / 8, 1 / 8])
    assert stats.categorical_nll([2], plain.probs) == np.inf
    assert np.isfinite(stats.categorical_nll([2], smooth.probs))


def test_a_constant_sample_has_an_unbounded_gaussian_likelihood():
    assert stats.fit_gaussian([2.0, 2.0, 2.0]).log_likelihood == np.inf


@pytest.mark.parametrize("call, exc, message", [
    (lambda: stats.fit_bernoulli([0, 1, 2]), ValueError, "x: expected only 0/1"),
    (lambda: stats.fit_categorical([0, -1]), ValueError, "x: expected category indices >= 0"),
    (lambda: stats.fit_categorical([0, 3], 2), ValueError, "x: expected category indices <"),
    (lambda: stats.fit_categorical([0.5, 1]), TypeError, "x: expected integer"),
    (lambda: stats.categorical_nll([0], [0.5, 0.6]), ValueError, "probs: expected"),
    (lambda: stats.fit_categorical([0, 1], alpha=-1.0), ValueError, "alpha"),
    (lambda: stats.fit_gaussian([[[1.0]]]), ValueError, "x: expected shape"),
])
def test_bad_input(call, exc, message):
    with pytest.raises(exc, match=message):
        call()
