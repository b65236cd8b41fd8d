"""A/B-testing statistics against statsmodels and SciPy.

- power and sample size (``ml.stats.power``) vs ``statsmodels.stats.power.NormalIndPower``
  (with ``proportion_effectsize``), ``statsmodels.stats.proportion``
  (``power_proportions_2indep``, ``samplesize_proportions_2indep_onetail``) and the closed
  forms written with ``scipy.stats.norm``;
- group-sequential boundaries vs the crossing probabilities of ``scipy.stats.
  multivariate_normal`` (the z-statistics at the looks are jointly normal with
  ``corr(z_i, z_j) = √(t_i / t_j)``) and the published Lan-DeMets values;
- the SRM check vs ``scipy.stats.chisquare``; CUPED vs ``numpy.linalg.lstsq``.

Tolerances are stated at each test: 1e-10 relative where both sides evaluate the same
closed form in float64; looser where one side solves numerically (statsmodels'
``solve_power`` root-finds to ~1e-8, Genz's multivariate normal integration is accurate
to ~1e-6 absolute).
"""

import numpy as np
import pytest
from scipy import stats as ss
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    power_proportions_2indep,
    proportion_effectsize,
    samplesize_proportions_2indep_onetail,
)

from mlinterview.ml.stats.power import (
    cohens_h,
    mde_two_means,
    mde_two_proportions,
    power_two_means,
    power_two_proportions,
    sample_size_two_means,
    sample_size_two_proportions,
)
from mlinterview.ml.stats.sequential import (
    cuped_effect,
    group_sequential_boundaries,
    sample_ratio_mismatch,
    spending_function,
)

RTOL = 1e-10
# statsmodels names the one-sided alternatives after the sign of effect_size
# (d = (mean_2 - mean_1)/sd in our convention): "greater" is its "larger".
SM_ALT = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}

RATES = [(0.10, 0.11), (0.02, 0.025), (0.5, 0.45), (0.3, 0.2), (0.9, 0.95)]
DESIGNS = [(0.05, 0.8, 1.0), (0.01, 0.9, 1.0), (0.05, 0.8, 2.0), (0.1, 0.95, 0.5)]


# -- two means -------------------------------------------------------------------------

@pytest.mark.parametrize("alpha, power, ratio", DESIGNS)
@pytest.mark.parametrize("alternative", ["two-sided", "greater"])
@pytest.mark.parametrize("delta, sd", [(0.1, 1.0), (2.5, 10.0), (0.02, 0.3)])
def test_sample_size_means_closed_form_and_statsmodels(delta, sd, alpha, power, ratio,
                                                       alternative):
    ours = sample_size_two_means(delta, sd, alpha=alpha, power=power, ratio=ratio,
                                 alternative=alternative)
    a = alpha / 2 if alternative == "two-sided" else alpha
    closed = (ss.norm.isf(a) + ss.norm.ppf(power)) ** 2 * sd**2 * (1 + 1 / ratio) / delta**2
    np.testing.assert_allclose(ours, closed, rtol=RTOL)
    # statsmodels solves the two-tailed power equation numerically; the far tail adds
    # < 1e-4 relative here, its root finder ~1e-8.
    ref = NormalIndPower().solve_power(effect_size=delta / sd, alpha=alpha, power=power,
                                       ratio=ratio, alternative=SM_ALT[alternative])
    np.testing.assert_allclose(ours, ref, rtol=1e-4)


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
@pytest.mark.parametrize("ratio", [1.0, 3.0, 0.25])
def test_power_means_matches_statsmodels(alternative, ratio):
    n = np.array([5.0, 50.0, 400.0, 3000.0, 20000.0])
    for d in (0.0, 0.05, -0.05, 0.3):
        ours = power_two_means(d * 2.0, 2.0, n, ratio=ratio, alpha=0.05,
                               alternative=alternative)
        ref = NormalIndPower().power(effect_size=d, nobs1=n, alpha=0.05, ratio=ratio,
                                     alternative=SM_ALT[alternative])
        np.testing.assert_allclose(ours, ref, rtol=RTOL, atol=1e-300)


@pytest.mark.parametrize("alpha, power, ratio", DESIGNS)
def test_mde_means_inverts_sample_size_and_matches_statsmodels(alpha, power, ratio):
    n1 = np.array([100.0, 1234.0, 1e6])
    mde = mde_two_means(n1, 3.0, alpha=alpha, power=power, ratio=ratio)
    back = [sample_size_two_means(m, 3.0, alpha=alpha, power=power, ratio=ratio) for m in mde]
    np.testing.assert_allclose(back, n1, rtol=RTOL)
    # statsmodels' power at our MDE is the target power up to the far tail (< 1e-5 here).
    # (Its solve_power for the effect size stops at an absolute tolerance, too coarse for
    # the tiny effects of n1 = 1e6, so the check goes through power().)
    ref = NormalIndPower().power(mde / 3.0, n1, alpha, ratio=ratio)
    np.testing.assert_allclose(ref, power, atol=1e-5)


# -- two proportions -------------------------------------------------------------------

@pytest.mark.parametrize("p1, p2", RATES)
@pytest.mark.parametrize("alpha, power, ratio", DESIGNS)
def test_sample_size_pooled_matches_statsmodels(p1, p2, alpha, power, ratio):
    ours = sample_size_two_proportions(p1, p2, alpha=alpha, power=power, ratio=ratio)
    # statsmodels' arm 1 has rate prop2 + diff and nobs1 units, its arm 2 rate prop2 and
    # ratio * nobs1: the same layout as ours with diff = p1 - p2, prop2 = p2.
    ref = samplesize_proportions_2indep_onetail(p1 - p2, p2, power, ratio=ratio, alpha=alpha)
    np.testing.assert_allclose(ours, ref, rtol=RTOL)
    # Fleiss' formula written out with scipy.stats.norm
    pb = (p1 + ratio * p2) / (1 + ratio)
    z_a, z_b = ss.norm.isf(alpha / 2), ss.norm.ppf(power)
    closed = (z_a * np.sqrt(pb * (1 - pb) * (1 + 1 / ratio))
              + z_b * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio)) ** 2 / (p2 - p1) ** 2
    np.testing.assert_allclose(ours, closed, rtol=RTOL)


@pytest.mark.parametrize("p1, p2", RATES)
@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_power_pooled_matches_statsmodels(p1, p2, alternative, ratio):
    n = np.array([10.0, 300.0, 5000.0, 80000.0])
    ours = power_two_proportions(p1, p2, n, ratio=ratio, alternative=alternative)
    # statsmodels' diff is arm 1 minus arm 2, so our "greater" (p2 > p1) is its "smaller".
    flip = {"two-sided": "two-sided", "greater": "smaller", "less": "larger"}
    ref = power_proportions_2indep(p1 - p2, p2, n, ratio=ratio,
                                   alternative=flip[alternative], return_results=False)
    np.testing.assert_allclose(ours, ref, rtol=RTOL, atol=1e-300)


@pytest.mark.parametrize("p1, p2", RATES)
@pytest.mark.parametrize("alpha, power, ratio", DESIGNS)
def test_arcsine_matches_normal_ind_power(p1, p2, alpha, power, ratio):
    h = proportion_effectsize(p2, p1)
    np.testing.assert_allclose(cohens_h(p1, p2), h, rtol=RTOL)
    ours = sample_size_two_proportions(p1, p2, alpha=alpha, power=power, ratio=ratio,
                                       method="arcsine")
    ref = NormalIndPower().solve_power(effect_size=h, alpha=alpha, power=power, ratio=ratio)
    np.testing.assert_allclose(ours, ref, rtol=1e-4)     # root finder and far tail, as above
    n = np.array([50.0, 5000.0])
    np.testing.assert_allclose(
        power_two_proportions(p1, p2, n, alpha=alpha, ratio=ratio, method="arcsine"),
        NormalIndPower().power(h, n, alpha, ratio=ratio), rtol=RTOL)


@pytest.mark.parametrize("p1, p2", RATES)
def test_unpooled_closed_form(p1, p2):
    ours = sample_size_two_proportions(p1, p2, method="unpooled", ratio=1.5, power=0.9)
    var = p1 * (1 - p1) + p2 * (1 - p2) / 1.5
    closed = (ss.norm.isf(0.025) + ss.norm.ppf(0.9)) ** 2 * var / (p2 - p1) ** 2
    np.testing.assert_allclose(ours, closed, rtol=RTOL)


@pytest.mark.parametrize("method", ["pooled", "unpooled", "arcsine"])
@pytest.mark.parametrize("p1, n1", [(0.1, 14751.0), (0.02, 2e5), (0.5, 800.0)])
def test_mde_proportions_inverts_sample_size(method, p1, n1):
    mde = mde_two_proportions(p1, n1, method=method)
    back = sample_size_two_proportions(p1, p1 + mde, method=method)
    np.testing.assert_allclose(back, n1, rtol=1e-8)      # Brent's root to 1e-14 in p2
    down = mde_two_proportions(p1, n1, method=method, alternative="less", alpha=0.025)
    back = sample_size_two_proportions(p1, p1 + down, method=method, alternative="less",
                                       alpha=0.025)
    np.testing.assert_allclose(back, n1, rtol=1e-8)
    if method == "arcsine":   # statsmodels' effect size at n1, turned back into a rate
        h = NormalIndPower().solve_power(effect_size=None, nobs1=n1, alpha=0.05, power=0.8)
        p2 = np.sin(np.arcsin(np.sqrt(p1)) + h / 2) ** 2
        np.testing.assert_allclose(p1 + mde, p2, rtol=1e-6)


# -- group-sequential boundaries -------------------------------------------------------

def _crossing_probabilities(bounds, t):
    """P(first |z_k| ≥ c_k at look k) under H0 from scipy's multivariate normal cdf."""
    t = np.asarray(t)
    corr = np.sqrt(np.minimum.outer(t, t) / np.maximum.outer(t, t))
    stay = [1.0]
    for k in range(1, len(t) + 1):
        c = bounds[:k]
        mvn = ss.multivariate_normal(mean=np.zeros(k), cov=corr[:k, :k], maxpts=400_000 * k,
                                     abseps=1e-9, releps=1e-9)
        stay.append(mvn.cdf(c, lower_limit=-c, rng=np.random.default_rng(0)))
    return -np.diff(stay)


@pytest.mark.parametrize("spending", ["obrien-fleming", "pocock"])
@pytest.mark.parametrize("t", [[0.5, 1.0], [0.3, 0.7, 1.0], [0.2, 0.4, 1.0],
                               [0.1, 0.6, 1.0]])
@pytest.mark.parametrize("alpha", [0.05, 0.01])
def test_boundaries_spend_alpha_per_multivariate_normal(spending, t, alpha):
    bounds = group_sequential_boundaries(t, alpha, spending=spending)
    target = 2 * np.diff(spending_function(np.asarray(t), alpha / 2, spending), prepend=0)
    # Two looks: scipy's bivariate normal is exact (~1e-13). Three: Genz's quasi-Monte
    # Carlo with 4e5 points per dimension is within ~1e-9 (measured; four dimensions
    # would need 1e6 points for ~3e-7, too slow here: 4-5 looks are checked against the
    # published values below). 2e-8 absolute is far below the increments (>= 1e-5).
    np.testing.assert_allclose(_crossing_probabilities(bounds, t), target,
                               atol=1e-11 if len(t) == 2 else 2e-8)


def test_boundaries_match_published_lan_demets_values():
    # Jennison & Turnbull (2000) / gsDesign / ldbounds: five equally spaced looks,
    # two-sided alpha 0.05, O'Brien-Fleming-type spending, to the 3 printed decimals.
    t = np.linspace(0.2, 1.0, 5)
    np.testing.assert_allclose(group_sequential_boundaries(t),
                               [4.877, 3.357, 2.680, 2.290, 2.031], atol=6e-4)
    assert group_sequential_boundaries([1.0])[0] == pytest.approx(ss.norm.isf(0.025),
                                                                  rel=RTOL)


# -- SRM and CUPED ---------------------------------------------------------------------

@pytest.mark.parametrize("counts, ratios", [
    ([50_000, 50_500], None), ([50_000, 49_000], [1, 1]), ([10_200, 9_800, 10_000], None),
    ([9_000, 21_000], [0.3, 0.7]), ([5, 5], [1, 1]), ([0, 12], None),
    ([1_000_000, 1_003_000], [50, 50]), ([3, 7, 1, 9], [0.1, 0.4, 0.2, 0.3])])
@pytest.mark.parametrize("dtype", [np.int64, np.float64])
def test_srm_matches_chisquare(counts, ratios, dtype):
    counts = np.asarray(counts, dtype=dtype)
    res = sample_ratio_mismatch(counts, ratios)
    f_exp = None if ratios is None else counts.sum() * np.asarray(ratios) / np.sum(ratios)
    ref = ss.chisquare(counts, f_exp=f_exp)
    np.testing.assert_allclose([res.statistic, res.pvalue], [ref.statistic, ref.pvalue],
                               rtol=RTOL, atol=1e-300)


@pytest.mark.parametrize("n, rho, seed", [(40, 0.5, 0), (1000, 0.9, 1), (5001, 0.1, 2)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_cuped_with_the_within_arm_slope_is_the_regression_coefficient(n, rho, seed, dtype):
    rng = np.random.default_rng(seed)
    x = rng.normal(10, 2, n)
    t = rng.random(n) < 0.4
    y = 3 + 0.2 * t + rho * (x - 10) / 2 + np.sqrt(1 - rho**2) * rng.normal(size=n)
    x, y = x.astype(dtype), y.astype(dtype)
    design = np.column_stack([np.ones(n), t, x]).astype(np.float64)
    coef = np.linalg.lstsq(design, y.astype(np.float64), rcond=None)[0]
    res = cuped_effect(y, x, t, theta=float(coef[2]))
    # Same float64 arithmetic, different order of operations: 1e-9 relative.
    np.testing.assert_allclose(res.estimate, coef[1], rtol=1e-9)
    # Default theta (pooled over both arms) is the lstsq slope of y on [1, x].
    pooled = np.linalg.lstsq(np.column_stack([np.ones(n), x]).astype(np.float64),
                             y.astype(np.float64), rcond=None)[0][1]
    np.testing.assert_allclose(cuped_effect(y, x, t).theta, pooled, rtol=1e-9)
