"""Input errors and hand-worked values of mlinterview.ml.stats."""

import numpy as np
import pytest

from mlinterview.ml import stats


def test_binomial_hand_worked():
    # P(X = 2) for 4 fair coins: C(4, 2) / 16 = 6/16.
    assert stats.binom_pmf(2, 4, 0.5) == pytest.approx(6 / 16, rel=1e-14)
    # P(at least 1 six in 4 rolls) = 1 - (5/6)^4.
    assert stats.binom_sf(0, 4, 1 / 6) == pytest.approx(1 - (5 / 6) ** 4, rel=1e-13)


def test_binomial_pmf_sums_to_one_and_cdf_is_its_cumulative_sum():
    k = np.arange(0, 61)
    pmf = stats.binom_pmf(k, 60, 0.37)
    np.testing.assert_allclose(pmf.sum(), 1.0, rtol=1e-13)
    np.testing.assert_allclose(stats.binom_cdf(k, 60, 0.37), np.cumsum(pmf), rtol=1e-12)


def test_holm_and_bonferroni_hand_worked():
    p = np.array([0.01, 0.04, 0.03, 0.20])
    reject, adj = stats.multipletests(p, alpha=0.05, method="bonferroni")
    np.testing.assert_allclose(adj, [0.04, 0.16, 0.12, 0.80])
    assert reject.tolist() == [True, False, False, False]
    # Holm: sorted 0.01*4, 0.03*3, 0.04*2, 0.20*1 -> 0.04, 0.09, 0.08 -> 0.09 (monotone), 0.20.
    _, adj = stats.multipletests(p, method="holm")
    np.testing.assert_allclose(adj, [0.04, 0.09, 0.09, 0.20])
    # BH: sorted 0.01*4/1, 0.03*4/2, 0.04*4/3, 0.2*4/4 = 0.04, 0.06, 0.0533, 0.2;
    # the running minimum from the top lowers 0.06 to 0.0533.
    _, adj = stats.multipletests(p, method="fdr_bh")
    np.testing.assert_allclose(adj, [0.04, 0.16 / 3, 0.16 / 3, 0.20])


def test_permutation_test_by_hand():
    # x = [3, 4], y = [1, 2]: of the 6 splits only the observed one has difference >= 2.
    res = stats.permutation_test([3.0, 4.0], [1.0, 2.0], alternative="greater")
    assert res.statistic == 2.0 and res.pvalue == pytest.approx(1 / 6)


def test_ttest_constant_samples_give_nan():
    # t = 0/0: NaN, said out loud (SciPy warns too), never a silent NaN.
    with pytest.warns(stats.DegenerateDataWarning, match="constant and equal"):
        assert np.isnan(stats.ttest_ind([1.0, 1.0], [1.0, 1.0]).pvalue)


@pytest.mark.parametrize("call, exc, message", [
    (lambda: stats.Normal(0, -1), ValueError, "scale"),
    (lambda: stats.Bernoulli(1.5), ValueError, "p"),
    (lambda: stats.Binomial(2.5, 0.5), TypeError, "n"),
    (lambda: stats.Categorical([0.5, 0.6]), ValueError, "probs"),
    (lambda: stats.Dirichlet([1.0, -1.0]), ValueError, "alpha"),
    (lambda: stats.Uniform(2.0, 1.0), ValueError, "high"),
    (lambda: stats.binom_pmf(1, 3, 1.2), ValueError, "p: expected a probability"),
    (lambda: stats.binom_pmf(1, -3, 0.2), ValueError, "n: expected"),
    (lambda: stats.ttest_ind([1.0], [1.0, 2.0]), ValueError, "a: expected at least 2"),
    (lambda: stats.ttest_ind([1.0, 2.0], [1.0, 2.0], alternative="bigger"), ValueError,
     "alternative"),
    (lambda: stats.binomtest(5, 3), ValueError, "k"),
    (lambda: stats.multipletests([0.1, 1.5]), ValueError, "pvals"),
    (lambda: stats.multipletests([0.1], method="sidak"), ValueError, "method"),
    (lambda: stats.Normal().rvs(3, random_state="x"), TypeError, "random_state"),
    (lambda: stats.Normal().pdf("a"), TypeError, "x"),
])
def test_bad_input(call, exc, message):
    with pytest.raises(exc, match=message):
        call()
