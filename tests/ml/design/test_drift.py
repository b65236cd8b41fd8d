"""mlinterview.ml.design.drift on hand-worked cases, closed forms and brute force (SciPy
parity lives in tests/parity/test_training_serving.py)."""

import itertools
import math
import pickle

import numpy as np
import pytest

from mlinterview.ml.design.drift import (
    PSI_EPSILON,
    _exact_outside_probability,
    categorical_psi,
    drift_report,
    jensenshannon,
    ks_2samp,
    population_stability_index,
    psi_from_counts,
    quantile_bin_edges,
)

# -- PSI ---------------------------------------------------------------------------------

def test_psi_from_counts_hand_worked():
    # Shares 0.5/0.5 -> 0.4/0.6: (-0.1) ln 0.8 + 0.1 ln 1.2 = 0.0405465.
    assert psi_from_counts([50, 50], [40, 60]) == pytest.approx(
        -0.1 * math.log(0.8) + 0.1 * math.log(1.2), rel=1e-12)
    # Counts and proportions give the same value; identical histograms give 0.
    assert psi_from_counts([0.5, 0.5], [0.4, 0.6]) == pytest.approx(
        psi_from_counts([5, 5], [4, 6]), rel=1e-12)
    assert psi_from_counts([1, 2, 3], [2, 4, 6]) == 0.0


def test_psi_is_symmetric_kl():
    e = np.array([0.1, 0.2, 0.3, 0.4])
    a = np.array([0.25, 0.25, 0.25, 0.25])
    kl = lambda p, q: float(np.sum(p * np.log(p / q)))      # noqa: E731
    assert psi_from_counts(e, a) == pytest.approx(kl(a, e) + kl(e, a), rel=1e-12)
    assert psi_from_counts(e, a) == pytest.approx(psi_from_counts(a, e), rel=1e-12)


def test_psi_empty_bin_uses_the_epsilon_floor():
    # Current has nothing in bin 1: its share is floored at eps, not renormalised.
    eps = PSI_EPSILON
    expected = (1.0 - 0.5) * math.log(1.0 / 0.5) + (eps - 0.5) * math.log(eps / 0.5)
    assert psi_from_counts([10, 10], [20, 0]) == pytest.approx(expected, rel=1e-12)
    assert np.isfinite(psi_from_counts([10, 10], [20, 0]))
    # A larger epsilon makes the empty bin's term smaller.
    assert psi_from_counts([10, 10], [20, 0], eps=0.01) < psi_from_counts([10, 10], [20, 0])


def test_quantile_edges_and_numeric_psi_hand_worked():
    ref = np.arange(1, 11, dtype=float)                     # 1..10
    # Quartiles by linear interpolation: 3.25, 5.5, 7.75.
    np.testing.assert_allclose(quantile_bin_edges(ref, 4), [3.25, 5.5, 7.75])
    # Reference bins hold 3, 2, 2, 3 values. Current: 1, 2, 3 | 4, 5 | 6 | (none) ...
    cur = np.array([1, 2, 3, 4, 5, 6, 0, -5, 4.5, 5.5])
    # bins: (-inf,3.25): 1,2,3,0,-5 = 5; [3.25,5.5): 4,5,4.5 = 3; [5.5,7.75): 6,5.5 = 2; rest 0
    e = np.array([3, 2, 2, 3]) / 10
    a = np.array([5, 3, 2, 0]) / 10
    a = np.maximum(a, PSI_EPSILON)
    expected = float(np.sum((a - e) * np.log(a / e)))
    assert population_stability_index(ref, cur, bins=4) == pytest.approx(expected, rel=1e-12)
    assert population_stability_index(ref, ref, bins=4) == 0.0


def test_psi_merges_repeated_quantiles():
    ref = np.array([0, 0, 0, 0, 0, 0, 0, 0, 1, 2], dtype=float)
    edges = quantile_bin_edges(ref, 10)
    assert np.all(np.diff(edges) > 0) and edges.size < 9
    # Deciles by interpolation: 0 (x8, merged), 0.2 (between the 8th and 9th values) and
    # 1.1; four bins (-inf, 0), [0, 0.2), [0.2, 1.1), [1.1, inf) hold 0, 8, 1, 1 of the
    # reference; the current's six 0s and four 1s fall 0, 6, 4, 0.
    np.testing.assert_allclose(edges, [0.0, 0.2, 1.1])
    assert population_stability_index(ref, np.r_[np.zeros(6), np.ones(4)]) == pytest.approx(
        psi_from_counts([0, 8, 1, 1], [0, 6, 4, 0]), rel=1e-12)


def test_psi_shift_grows_with_the_shift():
    rng = np.random.default_rng(0)
    ref = rng.standard_normal(20_000)
    values = [population_stability_index(ref, rng.standard_normal(20_000) + s)
              for s in (0.0, 0.1, 0.3, 1.0)]
    assert values[0] < 0.01 and np.all(np.diff(values) > 0) and values[-1] > 0.25


def test_categorical_psi_hand_worked_and_new_category():
    ref = ["a"] * 50 + ["b"] * 50
    cur = ["a"] * 40 + ["b"] * 60
    assert categorical_psi(ref, cur) == pytest.approx(psi_from_counts([50, 50], [40, 60]))
    # A category unseen in the reference gets share eps there.
    cur2 = ["a"] * 45 + ["b"] * 45 + ["c"] * 10
    assert categorical_psi(ref, cur2) == pytest.approx(
        psi_from_counts([50, 50, 0], [45, 45, 10]), rel=1e-12)
    assert categorical_psi(ref, cur2) > 0.25
    assert categorical_psi([1, 2, 2], [2, 1, 2]) == 0.0


def test_psi_bad_input():
    with pytest.raises(ValueError, match="expected"):
        psi_from_counts([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="negative"):
        psi_from_counts([1, -1], [1, 1])
    with pytest.raises(ValueError, match="all zeros"):
        psi_from_counts([0, 0], [1, 1])
    with pytest.raises(ValueError, match="eps"):
        psi_from_counts([1, 1], [1, 1], eps=0)
    with pytest.raises(TypeError, match="current"):
        population_stability_index([1.0, 2.0], ["a", "b"])
    with pytest.raises(ValueError, match="reference"):
        population_stability_index([1.0, np.nan], [1.0])
    with pytest.raises(TypeError, match="bins"):
        population_stability_index([1.0, 2.0], [1.0], bins=2.5)
    with pytest.raises(TypeError, match="reference and current"):
        categorical_psi(["a", "b"], [1, 2])


# -- KS ----------------------------------------------------------------------------------

def _brute_force_pvalue(n1, n2, d, alternative):
    """Share of the C(n1 + n2, n1) merge orders whose statistic is >= d (no ties)."""
    hits = total = 0
    for firsts in itertools.combinations(range(n1 + n2), n1):
        step = np.zeros(n1 + n2, dtype=bool)
        step[list(firsts)] = True
        gap = np.cumsum(step) / n1 - np.cumsum(~step) / n2
        stat = {"greater": gap.max(), "less": (-gap).max(),
                "two-sided": np.abs(gap).max()}[alternative]
        hits += stat >= d - 1e-12
        total += 1
    return hits / total


@pytest.mark.parametrize("sizes", [(3, 4), (4, 4), (2, 6), (5, 3)])
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_exact_pvalue_matches_enumeration(sizes, alternative):
    n1, n2 = sizes
    for h in range(1, n1 * n2 + 1):
        # threshold in units of 1 / (n1 n2): D = h / (n1 n2)
        ours = _exact_outside_probability(n1, n2, h, alternative)
        assert ours == pytest.approx(_brute_force_pvalue(n1, n2, h / (n1 * n2), alternative),
                                     abs=1e-13)


def test_ks_hand_worked():
    # Fully separated samples of 3: D = 1; 2 of the C(6, 3) = 20 orders are as extreme.
    res = ks_2samp([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    assert (res.statistic, res.statistic_sign, res.statistic_location) == (1.0, 1, 3.0)
    assert res.pvalue == pytest.approx(0.1, rel=1e-12)
    d, p = res
    assert (d, p) == (res.statistic, res.pvalue)
    # One-sided: only the order "all of sample 1 first" is as extreme: 1/20.
    assert ks_2samp([1.0, 2.0, 3.0], [4.0, 5.0, 6.0], "greater").pvalue == pytest.approx(0.05)
    assert ks_2samp([1.0, 2.0, 3.0], [4.0, 5.0, 6.0], "less").statistic == 0.0
    # Equal-size closed form (reflection principle), one-sided: C(2n, n-h) / C(2n, n).
    n, h = 10, 4
    x = np.arange(n, dtype=float)
    y = x + h - 0.5                  # after x = 0..3 the first CDF leads by 4/10, at most
    res = ks_2samp(x, y, "greater")
    assert res.statistic == pytest.approx(h / n)
    assert res.pvalue == pytest.approx(math.comb(2 * n, n - h) / math.comb(2 * n, n), rel=1e-12)


def test_ks_ties_use_right_continuous_cdfs():
    # F1 and F2 at 1: 2/3 vs 1/3; at 2: 1 vs 2/3; at 3: 1 vs 1: D = 1/3.
    res = ks_2samp([1, 1, 2], [1, 2, 3])
    assert res.statistic == pytest.approx(1 / 3)
    assert ks_2samp([5, 5, 5], [5, 5]).statistic == 0.0
    assert ks_2samp([5, 5, 5], [5, 5]).pvalue == 1.0


def test_ks_result_is_read_only_and_pickles():
    res = ks_2samp([1.0, 2.0], [3.0, 4.0])
    with pytest.raises(AttributeError):
        res.statistic_sign = 2
    again = pickle.loads(pickle.dumps(res))
    assert tuple(again) == tuple(res) and again.statistic_location == res.statistic_location


def test_ks_pvalue_is_uniform_under_the_null():
    # 400 exact two-sided tests of n = 30 vs 40 from one law: p < 0.05 about 5% of the time
    # (at most 5%: the statistic is discrete). Binomial sd at 400 is 1.1%.
    rng = np.random.default_rng(3)
    p = np.array([ks_2samp(rng.random(30), rng.random(40)).pvalue for _ in range(400)])
    assert 0.015 < np.mean(p < 0.05) <= 0.08


def test_ks_bad_input():
    with pytest.raises(ValueError, match="alternative"):
        ks_2samp([1.0], [2.0], alternative="bigger")
    with pytest.raises(ValueError, match="method"):
        ks_2samp([1.0], [2.0], method="approx")
    with pytest.raises(ValueError, match="data2"):
        ks_2samp([1.0], [])
    with pytest.raises(TypeError, match="data1"):
        ks_2samp(["a"], [1.0])


# -- Jensen-Shannon ----------------------------------------------------------------------

def test_jensenshannon_hand_worked():
    # Disjoint supports: JS = ln 2, distance sqrt(ln 2); in bits, 1.
    assert jensenshannon([1, 0], [0, 1]) == pytest.approx(math.sqrt(math.log(2)), rel=1e-12)
    assert jensenshannon([1, 0], [0, 1], base=2) == pytest.approx(1.0, rel=1e-12)
    assert jensenshannon([1, 2, 3], [2, 4, 6]) == 0.0
    # p = (1/2, 1/2), q = (1, 0): m = (3/4, 1/4).
    js = 0.5 * (0.5 * math.log(0.5 / 0.75) + 0.5 * math.log(0.5 / 0.25)) \
        + 0.5 * math.log(1 / 0.75)
    assert jensenshannon([1, 1], [1, 0]) == pytest.approx(math.sqrt(js), rel=1e-12)


def test_jensenshannon_along_an_axis():
    p = np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(jensenshannon(p, p[::-1], axis=0), [math.sqrt(math.log(2))] * 2)
    with pytest.raises(ValueError, match="same shape"):
        jensenshannon([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="positive total"):
        jensenshannon([[1, 0], [0, 0]], [[1, 1], [1, 1]], axis=1)
    with pytest.raises(ValueError, match="non-negative"):
        jensenshannon([1, -1], [1, 1])


# -- Report ------------------------------------------------------------------------------

def test_drift_report_flags_the_shifted_feature_only():
    rng = np.random.default_rng(0)
    ref = rng.standard_normal((3000, 6))
    cur = rng.standard_normal((3000, 6))
    cur[:, 2] = cur[:, 2] * 1.0 + 0.5                       # the one drifted feature
    rep = drift_report(ref, cur, feature_names=list("abcdef"))
    assert rep.drifted.tolist() == [False, False, True, False, False, False]
    assert rep.psi[2] > 0.2 and np.all(np.delete(rep.psi, 2) < 0.02)
    # Holm's adjusted p-values are never below the raw ones.
    assert np.all(rep.ks_pvalue_adjusted >= rep.ks_pvalue)
    assert rep.feature_names == list("abcdef")


def test_drift_report_needs_both_significance_and_size():
    # A tiny shift on a large sample: KS rejects, PSI stays below 0.1 -> not "drifted".
    rng = np.random.default_rng(1)
    ref = rng.standard_normal((20_000, 1))
    cur = rng.standard_normal((20_000, 1)) + 0.06
    rep = drift_report(ref, cur, ks_method="asymp")
    assert rep.ks_reject[0] and rep.psi[0] < 0.1 and not rep.drifted[0]


def test_drift_report_bad_input():
    with pytest.raises(ValueError, match="2-D"):
        drift_report(np.zeros(5), np.zeros((5, 1)))
    with pytest.raises(ValueError, match="same number of features"):
        drift_report(np.zeros((5, 2)), np.zeros((5, 1)))
    with pytest.raises(ValueError, match="feature_names"):
        drift_report(np.zeros((5, 2)), np.zeros((5, 2)), feature_names=["a"])


def test_joint_codes_hand_worked_and_mixed_kinds_refused_by_name():
    from mlinterview.ml.design.drift import categorical_psi, joint_codes
    from mlinterview.ml.design.feature_store import point_in_time_join

    cats, codes = joint_codes(np.array(["b", "a"]), np.array(["c", "a", "b"]), "x and y")
    assert cats.tolist() == ["a", "b", "c"] and codes.tolist() == [1, 0, 2, 0, 1]
    _, codes = joint_codes(np.array([], dtype=float), np.array(["a"]), "x and y")
    assert codes.tolist() == [0]  # an empty side has no kind to clash with
    with pytest.raises(TypeError, match=r"^reference and current: expected labels of one"):
        categorical_psi(np.array([1, 2]), np.array(["1", "2"]))
    with pytest.raises(TypeError, match=r"^event_entity and feature_entity: expected labels"):
        point_in_time_join(np.array([1]), np.array([0.0]), np.array(["1"]), np.array([0.0]))
