"""mlinterview.ml.stats against scipy.stats.

Tolerance: 1e-10 relative (plus 1e-300 absolute for values that underflow) everywhere;
both sides evaluate the same special functions (incomplete beta/gamma, ndtr, stdtr) in
float64, so agreement is normally to the last few bits.
"""

import warnings

import numpy as np
import pytest
from scipy import stats as ss

from mlinterview.ml import stats

RTOL, ATOL = 1e-10, 1e-300


def close(ours, ref, rtol=RTOL, atol=ATOL):
    np.testing.assert_allclose(ours, ref, rtol=rtol, atol=atol)


# ------------------------------------------------------------------ distributions

CONTINUOUS = [
    (stats.Normal(0.0, 1.0), ss.norm(0, 1), np.linspace(-8, 8, 41)),
    (stats.Normal(-3.5, 0.2), ss.norm(-3.5, 0.2), np.linspace(-5, -2, 31)),
    (stats.Uniform(-1.0, 3.0), ss.uniform(-1, 4), np.linspace(-2, 4, 25)),
    (stats.Exponential(2.5), ss.expon(scale=1 / 2.5), np.linspace(-1, 6, 29)),
    (stats.Gamma(0.5, 2.0), ss.gamma(0.5, scale=0.5), np.linspace(0.01, 6, 29)),
    (stats.Gamma(1.0, 1.0), ss.gamma(1.0), np.linspace(0.0, 6, 13)),
    (stats.Gamma(7.5, 0.3), ss.gamma(7.5, scale=1 / 0.3), np.linspace(-1, 80, 33)),
    (stats.Beta(2.0, 5.0), ss.beta(2, 5), np.linspace(-0.1, 1.1, 25)),
    (stats.Beta(0.5, 0.5), ss.beta(0.5, 0.5), np.linspace(0.01, 0.99, 25)),
    (stats.Beta(1.0, 1.0), ss.beta(1, 1), np.linspace(0.0, 1.0, 11)),
    (stats.StudentT(3.0), ss.t(3), np.linspace(-10, 10, 41)),
    (stats.StudentT(1.0, 2.0, 3.0), ss.t(1, 2, 3), np.linspace(-30, 30, 41)),
    (stats.StudentT(30.0, -1.0, 0.5), ss.t(30, -1, 0.5), np.linspace(-4, 2, 41)),
    (stats.LogNormal(0.0, 1.0), ss.lognorm(1.0, scale=1.0), np.linspace(-1, 10, 45)),
    (stats.LogNormal(1.5, 0.4), ss.lognorm(0.4, scale=np.exp(1.5)), np.linspace(0.1, 20, 45)),
]


@pytest.mark.parametrize("ours, ref, x", CONTINUOUS, ids=[repr(c[0]) for c in CONTINUOUS])
def test_continuous_pdf_cdf_moments(ours, ref, x):
    close(ours.pdf(x), ref.pdf(x))
    close(ours.cdf(x), ref.cdf(x))
    inside = ref.pdf(x) > 0
    close(ours.logpdf(x)[inside], ref.logpdf(x)[inside])
    if np.isfinite(ref.var()):  # the Cauchy case (t, df=1) has no moments: tested below
        close(ours.mean(), ref.mean())
        close(ours.var(), ref.var())


def test_student_t_moments_are_undefined_or_infinite_for_small_df():
    # df <= 1: the mean integral diverges (NaN: undefined); 1 < df <= 2: variance infinite.
    assert np.isnan(stats.StudentT(1.0).mean()) and np.isnan(stats.StudentT(1.0).var())
    assert stats.StudentT(1.5).mean() == 0.0 and stats.StudentT(1.5).var() == np.inf


DISCRETE = [
    (stats.Bernoulli(0.3), ss.bernoulli(0.3), np.arange(-2, 4)),
    (stats.Bernoulli(0.0), ss.bernoulli(0.0), np.arange(-1, 3)),
    (stats.Bernoulli(1.0), ss.bernoulli(1.0), np.arange(-1, 3)),
    (stats.Binomial(20, 0.35), ss.binom(20, 0.35), np.arange(-2, 24)),
    (stats.Binomial(1000, 0.01), ss.binom(1000, 0.01), np.arange(0, 60)),
    (stats.Binomial(7, 1.0), ss.binom(7, 1.0), np.arange(0, 9)),
    (stats.Geometric(0.2), ss.geom(0.2), np.arange(-1, 40)),
    (stats.Geometric(1.0), ss.geom(1.0), np.arange(0, 4)),
    (stats.Poisson(3.7), ss.poisson(3.7), np.arange(-1, 30)),
    (stats.Poisson(250.0), ss.poisson(250.0), np.arange(150, 350, 5)),
]


@pytest.mark.parametrize("ours, ref, k", DISCRETE, ids=[repr(c[0]) for c in DISCRETE])
def test_discrete_pmf_cdf_moments(ours, ref, k):
    close(ours.pmf(k), ref.pmf(k))
    with np.errstate(divide="ignore"):  # SciPy's geometric cdf takes log(0) at p = 1
        ref_cdf, ref_cdf_half = ref.cdf(k), ref.cdf(k + 0.5)
    close(ours.cdf(k), ref_cdf)
    close(ours.cdf(k + 0.5), ref_cdf_half)  # between integers the cdf is flat
    close(ours.pmf(k + 0.5), 0.0)
    with np.errstate(divide="ignore"):  # SciPy computes the skewness too, 1/0 at p = 1
        close(ours.mean(), ref.mean())
        close(ours.var(), ref.var())


def test_poisson_zero_rate_is_a_point_mass():
    close(stats.Poisson(0.0).pmf([0, 1, 2]), ss.poisson(0.0).pmf([0, 1, 2]))


def test_categorical_matches_a_one_trial_multinomial():
    p = np.array([0.1, 0.0, 0.6, 0.3])
    ref = ss.multinomial(1, p)
    onehot = np.eye(4)
    close(stats.Categorical(p).pmf(np.arange(4)), ref.pmf(onehot))
    close(stats.Categorical(p).mean(), ref.mean())
    close(stats.Categorical(p).pmf([-1, 4, 1.5]), 0.0)


@pytest.mark.parametrize("n, p", [(5, [0.2, 0.3, 0.5]), (12, [0.05, 0.05, 0.4, 0.5]),
                                  (3, [1.0, 0.0])])
def test_multinomial(n, p):
    ours, ref = stats.Multinomial(n, p), ss.multinomial(n, p)
    rng = np.random.default_rng(0)
    x = rng.multinomial(n, p, size=20)
    close(ours.pmf(x), ref.pmf(x))
    close(ours.mean(), ref.mean())
    close(ours.cov(), ref.cov())
    close(ours.pmf(x[:, ::-1] if len(p) > 2 else x), ref.pmf(x[:, ::-1] if len(p) > 2 else x))
    assert ours.pmf(np.full(len(p), n)) == 0.0  # does not sum to n


@pytest.mark.parametrize("alpha", [[1.0, 1.0, 1.0], [0.5, 2.0, 3.0, 0.7], [10.0, 1.0]])
def test_dirichlet(alpha):
    ours, ref = stats.Dirichlet(alpha), ss.dirichlet(alpha)
    x = np.random.default_rng(1).dirichlet(alpha, size=15)
    x = x / x.sum(1, keepdims=True)
    close(ours.pdf(x), ref.pdf(x.T), rtol=1e-9)  # SciPy takes (K, n)
    close(ours.logpdf(x), ref.logpdf(x.T), rtol=1e-9)
    close(ours.mean(), ref.mean())
    close(ours.var(), ref.var())


ALL = [stats.Bernoulli(0.3), stats.Binomial(10, 0.4), stats.Geometric(0.3), stats.Poisson(2.0),
       stats.Uniform(1.0, 2.0), stats.Normal(1.0, 2.0), stats.Exponential(0.5),
       stats.Gamma(3.0, 2.0), stats.Beta(2.0, 3.0), stats.StudentT(5.0), stats.LogNormal(0, 0.5)]


@pytest.mark.parametrize("dist", ALL, ids=repr)
def test_sample_moments_match_within_sampling_error(dist):
    x = dist.rvs(size=40_000, random_state=0)
    # The sample mean is within 5 standard errors of the mean (a false alarm is ~1e-6).
    assert abs(x.mean() - dist.mean()) < 5 * np.sqrt(dist.var() / x.size)
    np.testing.assert_array_equal(x, dist.rvs(size=40_000, random_state=0))  # seeded


@pytest.mark.parametrize("dist, ref", [(stats.Normal(1, 2), ss.norm(1, 2)),
                                       (stats.Gamma(3.0, 2.0), ss.gamma(3, scale=0.5)),
                                       (stats.Beta(2.0, 3.0), ss.beta(2, 3)),
                                       (stats.StudentT(5.0), ss.t(5))],
                         ids=["normal", "gamma", "beta", "t"])
def test_samples_pass_a_kolmogorov_smirnov_test_against_scipy(dist, ref):
    x = dist.rvs(size=5000, random_state=3)
    assert ss.kstest(x, ref.cdf).pvalue > 1e-4


# ------------------------------------------------------------------ binomial

@pytest.mark.parametrize("n, p", [(1, 0.5), (10, 0.3), (50, 0.9), (400, 0.02), (5000, 0.5),
                                  (30, 0.0), (30, 1.0)])
def test_binomial_functions(n, p):
    k = np.arange(-1, n + 2)
    close(stats.binom_pmf(k, n, p), ss.binom.pmf(k, n, p))
    close(stats.binom_cdf(k, n, p), ss.binom.cdf(k, n, p))
    close(stats.binom_sf(k, n, p), ss.binom.sf(k, n, p))


def test_binomial_broadcasts_over_n_and_p():
    n = np.array([[5], [40]])
    p = np.array([0.1, 0.5, 0.8])
    close(stats.binom_cdf(3, n, p), ss.binom.cdf(3, n, p))


def test_normal_approximation_is_scipy_norm_with_half_a_unit():
    n, p = 100, 0.3
    k = np.arange(0, 101)
    sd = np.sqrt(n * p * (1 - p))
    close(stats.binom_normal_approx(k, n, p), ss.norm.cdf(k + 0.5, n * p, sd))
    close(stats.binom_normal_approx(k, n, p, continuity=False), ss.norm.cdf(k, n * p, sd))


# ------------------------------------------------------------------ tests

def _samples(kind, rng):
    if kind == "small":
        return rng.normal(0, 1, 5), rng.normal(0.5, 1, 7)
    if kind == "unequal":
        return rng.normal(0, 1, 40), rng.normal(0.3, 4, 13)
    if kind == "ints":
        return rng.integers(0, 10, 30), rng.integers(0, 12, 25)
    return rng.normal(10, 3, 2000), rng.normal(10.1, 3, 1500)


@pytest.mark.parametrize("kind", ["small", "unequal", "ints", "large"])
@pytest.mark.parametrize("equal_var", [True, False])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_ttest_ind(kind, equal_var, alternative):
    a, b = _samples(kind, np.random.default_rng(len(kind)))
    ours = stats.ttest_ind(a, b, equal_var=equal_var, alternative=alternative)
    ref = ss.ttest_ind(a, b, equal_var=equal_var, alternative=alternative)
    close(ours.statistic, ref.statistic)
    close(ours.pvalue, ref.pvalue)
    close(ours.df, ref.df)


@pytest.mark.parametrize("k, n, p", [(7, 20, 0.5), (3, 20, 0.5), (10, 20, 0.5), (0, 10, 0.3),
                                     (10, 10, 0.3), (682, 1000, 0.7), (5, 100, 0.02),
                                     (1, 100, 0.02), (2, 100, 0.02), (9, 12, 0.25),
                                     (50, 2000, 0.03)])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_binomtest(k, n, p, alternative):
    ours = stats.binomtest(k, n, p, alternative=alternative)
    ref = ss.binomtest(k, n, p, alternative=alternative)
    close(ours.pvalue, ref.pvalue)
    close(ours.statistic, ref.statistic)


def _scipy_perm(x, y, alternative, n_resamples):
    return ss.permutation_test((x, y), lambda a, b, axis: a.mean(axis) - b.mean(axis),
                               permutation_type="independent", vectorized=True,
                               n_resamples=n_resamples, alternative=alternative)


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("x, y", [([1.0, 2.0, 3.5], [0.5, 4.0, 4.5, 5.0]),
                                  ([3, 1, 4, 1, 5], [9, 2, 6, 5, 3, 5]),
                                  ([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.35, 0.7, 0.8, 0.9]),
                                  ([2.0, 2.5], [1.0, 3.0, 5.0])])
def test_exact_permutation_test(x, y, alternative):
    ours = stats.permutation_test(x, y, alternative=alternative, n_resamples=10_000)
    ref = _scipy_perm(np.array(x, float), np.array(y, float), alternative, np.inf)
    close(ours.statistic, ref.statistic)
    close(ours.pvalue, ref.pvalue, rtol=1e-12)


def test_random_permutation_test_agrees_with_scipy_within_monte_carlo_error():
    rng = np.random.default_rng(4)
    x, y = rng.normal(0, 1, 30), rng.normal(0.5, 1, 35)
    ours = stats.permutation_test(x, y, n_resamples=20_000, random_state=0)
    ref = _scipy_perm(x, y, "two-sided", 20_000)
    # Two independent Monte Carlo estimates of p ~ 0.05: standard error ~ 0.0016 each.
    assert abs(ours.pvalue - ref.pvalue) < 0.012


# ------------------------------------------------------------------ result objects
# Our results must behave like SciPy's: unpack and index exactly where SciPy's do, and
# carry the same public attribute names (issue 11).


def _public(obj) -> set[str]:
    return {name for name in dir(obj) if not name.startswith("_")}


def _unpackable(obj) -> bool:
    try:
        iter(obj)
    except TypeError:
        return False
    return True


def _result_pairs():
    a, b = _samples("unequal", np.random.default_rng(3))
    x, y = [1.0, 2.0, 3.5], [0.5, 4.0, 4.5, 5.0]
    return {
        "ttest_ind": (stats.ttest_ind(a, b), ss.ttest_ind(a, b)),
        "ttest_ind welch": (stats.ttest_ind(a, b, equal_var=False),
                            ss.ttest_ind(a, b, equal_var=False)),
        "binomtest": (stats.binomtest(7, 20, 0.3), ss.binomtest(7, 20, 0.3)),
        "permutation_test": (stats.permutation_test(x, y, n_resamples=10_000),
                             _scipy_perm(np.array(x), np.array(y), "two-sided", np.inf)),
    }


@pytest.mark.parametrize("name", ["ttest_ind", "ttest_ind welch", "binomtest",
                                  "permutation_test"])
def test_results_have_scipys_shape(name):
    ours, ref = _result_pairs()[name]
    assert _public(ours) == _public(ref), (name, _public(ours) ^ _public(ref))
    assert _unpackable(ours) == _unpackable(ref)
    if _unpackable(ref):
        assert len(ours) == len(ref)
        for i in range(len(ref)):
            close(ours[i], ref[i])
        assert [getattr(ours, f) for f in ("statistic", "pvalue")] == list(ours)


@pytest.mark.parametrize("equal_var", [True, False])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_ttest_result_unpacks_and_gives_scipys_confidence_interval(equal_var, alternative):
    a, b = _samples("small", np.random.default_rng(5))
    ours = stats.ttest_ind(a, b, equal_var=equal_var, alternative=alternative)
    ref = ss.ttest_ind(a, b, equal_var=equal_var, alternative=alternative)
    t, p = ours
    t_ref, p_ref = ref
    close([t, p, ours.df], [t_ref, p_ref, ref.df])
    assert isinstance(ours, tuple) and ours == (ours.statistic, ours.pvalue)
    for level in (0.5, 0.9, 0.95, 0.999):
        low, high = ours.confidence_interval(level)
        ci = ref.confidence_interval(level)
        # stdtrit on both sides; the ends are +-inf for one-sided alternatives.
        close([low, high], [ci.low, ci.high])
        assert ours.confidence_interval(confidence_level=level).low == low


def test_ttest_result_is_read_only_and_pickles():
    import pickle

    res = stats.ttest_ind([1.0, 2.0, 3.0], [2.0, 3.0, 5.0])
    with pytest.raises(AttributeError):
        res.df = 3
    back = pickle.loads(pickle.dumps(res))
    assert back == res and back.df == res.df
    assert back.confidence_interval() == res.confidence_interval()


@pytest.mark.parametrize("a, b", [([1.0, 1.0], [2.0, 2.0]), ([1.0, 1.0], [1.0, 1.0, 1.0])])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_ttest_constant_samples_match_scipy(a, b, alternative):
    # se = 0: t is +-inf (p 0 or 1) when the means differ and NaN when they are equal; the
    # two-sided interval collapses on the difference and an infinite end times 0 is NaN.
    # SciPy warns about all of it (precision loss, inf * 0); we warn only about t = 0/0.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ours = stats.ttest_ind(a, b, alternative=alternative)
    assert [w.category for w in caught] == ([stats.DegenerateDataWarning]
                                            if np.mean(a) == np.mean(b) else [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ref = ss.ttest_ind(a, b, alternative=alternative)
        ref_ci = ref.confidence_interval(0.9)
    np.testing.assert_array_equal(list(ours), list(ref))
    np.testing.assert_array_equal(ours.confidence_interval(0.9), ref_ci)


@pytest.mark.parametrize("k, n", [(0, 10), (1, 10), (7, 20), (10, 10), (50, 2000)])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("method", ["exact", "wilson", "wilsoncc"])
def test_binomtest_proportion_ci(k, n, alternative, method):
    ours = stats.binomtest(k, n, 0.4, alternative=alternative)
    ref = ss.binomtest(k, n, 0.4, alternative=alternative)
    assert (ours.k, ours.n, ours.alternative) == (ref.k, ref.n, ref.alternative)
    close(ours.proportion_estimate, ref.proportion_estimate)
    for level in (0.8, 0.95, 0.99):
        low, high = ours.proportion_ci(level, method=method)
        ci = ref.proportion_ci(level, method=method)
        # "exact": SciPy finds the bounds with brentq (absolute tolerance ~2e-12); we take
        # them as beta quantiles in closed form, so 1e-10 absolute. Wilson: same formula.
        np.testing.assert_allclose([low, high], [ci.low, ci.high], rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("x, y", [([1.0, 2.0, 3.5], [0.5, 4.0, 4.5, 5.0]),
                                  ([3, 1, 4, 1, 5], [9, 2, 6, 5, 3, 5])])
def test_permutation_null_distribution_matches_scipy(x, y):
    # Exact mode: both enumerate every split, in their own order; compare sorted values.
    ours = stats.permutation_test(x, y, n_resamples=10_000)
    ref = _scipy_perm(np.array(x, float), np.array(y, float), "two-sided", np.inf)
    close(np.sort(ours.null_distribution), np.sort(ref.null_distribution), rtol=1e-12,
          atol=1e-12)


@pytest.mark.parametrize("call, match", [
    (lambda: stats.ttest_ind([1.0, 2.0], [3.0, 5.0]).confidence_interval(1.5),
     "confidence_level"),
    (lambda: stats.binomtest(3, 10).proportion_ci(-0.1), "confidence_level"),
    (lambda: stats.binomtest(3, 10).proportion_ci(method="wald"), "method"),
])
def test_result_methods_refuse_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("seed", range(4))
def test_benjamini_hochberg_matches_scipy(seed):
    p = np.random.default_rng(seed).random(25) ** 3
    _, adjusted = stats.multipletests(p, method="fdr_bh")
    close(adjusted, ss.false_discovery_control(p, method="bh"), rtol=1e-12)
