"""mlinterview.ml.information against scipy.stats.entropy and scikit-learn's
mutual_info_score; the MLE fits against scipy.stats ``fit``.

Tolerance 1e-12 relative: the same sums of p log p in float64, possibly in another order.
"""

import numpy as np
import pytest
from scipy import stats as ss
from sklearn.metrics import mutual_info_score

from mlinterview.ml import information as info
from mlinterview.ml import stats

RTOL = 1e-12

DISTS = [
    ([0.5, 0.5], [0.9, 0.1]),
    ([1.0, 0.0, 0.0], [0.2, 0.3, 0.5]),          # zero in p: 0 log 0 = 0
    ([3, 1, 0, 6], [1, 1, 1, 1]),                # counts, normalised
    (np.random.default_rng(0).random(50), np.random.default_rng(1).random(50)),
]


@pytest.mark.parametrize("p, q", DISTS)
@pytest.mark.parametrize("base", [None, 2, 10])
def test_entropy_and_kl_match_scipy(p, q, base):
    np.testing.assert_allclose(info.entropy(p, base=base), ss.entropy(p, base=base), rtol=RTOL)
    np.testing.assert_allclose(info.kl_divergence(p, q, base=base),
                               ss.entropy(p, q, base=base), rtol=RTOL, atol=1e-15)
    # Cross-entropy = H(p) + KL(p || q).
    np.testing.assert_allclose(info.cross_entropy(p, q, base=base),
                               ss.entropy(p, base=base) + ss.entropy(p, q, base=base),
                               rtol=1e-12)


@pytest.mark.parametrize("base", [None, 2])
def test_a_sure_outcome_has_entropy_plus_zero_as_in_scipy(base):
    # Not -0.0, which a summary printed as "-0.000 bits": the sign is compared too.
    for p in ([1.0, 0.0], [0, 7, 0], np.array([[1.0, 0.5], [0.0, 0.5]])):
        ours, ref = info.entropy(p, base=base), ss.entropy(p, base=base)
        np.testing.assert_array_equal(ours, ref)
        np.testing.assert_array_equal(np.signbit(ours), np.signbit(ref))
    assert not np.signbit(info.cross_entropy([1.0, 0.0], [1.0, 0.0], base=base))


def test_axis_handles_many_distributions_at_once():
    rng = np.random.default_rng(2)
    p, q = rng.random((6, 4)), rng.random((6, 4))
    np.testing.assert_allclose(info.entropy(p, axis=1), ss.entropy(p, axis=1), rtol=RTOL)
    np.testing.assert_allclose(info.kl_divergence(p, q, axis=0), ss.entropy(p, q, axis=0),
                               rtol=RTOL)


def test_kl_is_infinite_where_q_rules_out_an_observed_outcome():
    assert info.kl_divergence([0.5, 0.5], [1.0, 0.0]) == ss.entropy([0.5, 0.5], [1.0, 0.0])
    assert info.cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf


@pytest.mark.parametrize("seed, kx, ky, n", [(0, 2, 2, 10), (1, 5, 3, 500), (2, 10, 10, 5000),
                                             (3, 1, 4, 50)])
def test_mutual_information_matches_scikit_learn(seed, kx, ky, n):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, kx, n)
    y = np.where(rng.random(n) < 0.5, x % ky, rng.integers(0, ky, n))  # dependent
    np.testing.assert_allclose(info.mutual_information(x, y), mutual_info_score(x, y),
                               rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(info.mutual_information(x, y, base=2),
                               mutual_info_score(x, y) / np.log(2), rtol=1e-10, atol=1e-15)


def test_mutual_information_of_string_labels():
    x = np.array(["a", "b", "a", "c", "b", "a"])
    y = np.array([1, 0, 1, 0, 0, 1])
    np.testing.assert_allclose(info.mutual_information(x, y), mutual_info_score(x, y),
                               rtol=1e-12)


@pytest.mark.parametrize("seed, shape", [(0, (10,)), (1, (500,)), (2, (300, 3))])
def test_gaussian_mle_matches_scipy_norm_fit(seed, shape):
    x = np.random.default_rng(seed).normal(2.0, 3.0, shape)
    fit = stats.fit_gaussian(x)
    cols = x.reshape(len(x), -1).T
    refs = np.array([ss.norm.fit(c) for c in cols])
    np.testing.assert_allclose(np.ravel(fit.mean), refs[:, 0], rtol=1e-12)
    np.testing.assert_allclose(np.sqrt(np.ravel(fit.var)), refs[:, 1], rtol=1e-10)
    ll = sum(ss.norm.logpdf(c, *r).sum() for c, r in zip(cols, refs, strict=True))
    np.testing.assert_allclose(fit.log_likelihood, ll, rtol=1e-10)


def test_bernoulli_mle_log_likelihood_matches_scipy():
    x = np.array([1, 0, 0, 1, 1, 1, 0, 1])
    fit = stats.fit_bernoulli(x)
    assert fit.p == 5 / 8
    np.testing.assert_allclose(fit.log_likelihood, ss.bernoulli(5 / 8).logpmf(x).sum(),
                               rtol=1e-12)


def test_categorical_nll_equals_cross_entropy_of_the_empirical_distribution():
    rng = np.random.default_rng(5)
    x = rng.integers(0, 6, 1000)
    q = rng.dirichlet(np.ones(6))
    empirical = np.bincount(x, minlength=6) / x.size
    np.testing.assert_allclose(stats.categorical_nll(x, q), ss.entropy(empirical) +
                               ss.entropy(empirical, q), rtol=1e-12)
    fit = stats.fit_categorical(x, 6)
    np.testing.assert_allclose(fit.probs, empirical, rtol=1e-15)
    # At the MLE the mean NLL is the entropy of the empirical distribution.
    np.testing.assert_allclose(-fit.log_likelihood / x.size, ss.entropy(empirical), rtol=1e-12)
