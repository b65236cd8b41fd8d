"""ml.stats.sequential on hand-worked cases, Monte Carlo checks with stated error bars, and
bad input (SciPy/NumPy parity is in tests/parity/test_ab_testing.py)."""

import math

import numpy as np
import pytest
from scipy.stats import norm

from mlinterview.ml.stats.sequential import (
    cumulative_rejection_rate,
    cuped_adjust,
    cuped_effect,
    cuped_theta,
    group_sequential_boundaries,
    msprt_pvalues,
    sample_ratio_mismatch,
    simulate_daily_tests,
    spending_function,
    team_draft_credit,
    team_draft_interleave,
)


def _mc_slack(p: float, n: int) -> float:
    """4 binomial standard errors: a seeded check that is wrong, not unlucky, when it fails."""
    return 4 * math.sqrt(p * (1 - p) / n)


# -- peeking ---------------------------------------------------------------------------

def test_false_positive_rate_hand_worked():
    z = np.array([[0.0, 2.0, 0.0], [0.0, 0.0, 0.0], [3.0, 0.0, 0.0], [-1.0, -1.97, 5.0]])
    np.testing.assert_allclose(cumulative_rejection_rate(z, 1.96), [1 / 4, 3 / 4, 3 / 4])
    # per-look boundaries: 2.5 at look 2 lets row 0 and row 3 through until look 3
    np.testing.assert_allclose(cumulative_rejection_rate(z, [1.96, 2.5, 1.96]),
                               [1 / 4, 1 / 4, 2 / 4])
    assert cumulative_rejection_rate(z, np.inf).tolist() == [0, 0, 0]


def test_aa_statistics_by_hand():
    aa = simulate_daily_tests(3, 10, n_experiments=5, random_state=0)
    assert aa.n_per_arm.tolist() == [10, 20, 30] and aa.z.shape == (5, 3)
    # Recompute one z from the same draws.
    daily = np.random.default_rng(0).binomial(10, 0.1, size=(5, 3, 2)).cumsum(axis=1)
    pa, pb = daily[2, 1] / 20
    pbar = (pa + pb) / 2
    expected = 0.0 if pbar in (0, 1) else (pb - pa) / math.sqrt(pbar * (1 - pbar) * 2 / 20)
    assert aa.z[2, 1] == pytest.approx(expected)
    assert aa.difference[2, 1] == pytest.approx(pb - pa)


def test_a_true_difference_is_found_by_the_last_look():
    # 0.10 vs 0.12 with 20,000 users per arm: z ≈ 0.02 / √(0.11 · 0.89 · 2 / 20000) ≈ 6.4
    ab = simulate_daily_tests(10, 2000, treatment_rate=0.12, n_experiments=200,
                              random_state=0)
    assert abs(ab.difference[:, -1].mean() - 0.02) < 4 * 0.003 / math.sqrt(200)
    assert cumulative_rejection_rate(ab.z, 1.96)[-1] == 1.0


def test_peeking_inflates_the_false_positive_rate():
    n = 4000
    aa = simulate_daily_tests(20, 500, n_experiments=n, random_state=1)
    fpr = cumulative_rejection_rate(aa.z, 1.959964)
    # one look: a valid 5% test (normal approximation with 500 units per arm)
    assert abs(fpr[0] - 0.05) < _mc_slack(0.05, n)
    # 20 looks: Armitage et al.'s table gives ~25% for 20 looks at a nominal 5%
    assert fpr[-1] > 0.2
    assert np.all(np.diff(fpr) >= 0)
    # the last look alone is still a 5% test: peeking, not the data, causes the excess
    assert abs(np.mean(np.abs(aa.z[:, -1]) >= 1.959964) - 0.05) < _mc_slack(0.05, n)


# -- spending and boundaries -----------------------------------------------------------

@pytest.mark.parametrize("kind", ["obrien-fleming", "pocock"])
def test_spending_function_ends(kind):
    t = np.linspace(0, 1, 11)
    a = spending_function(t, 0.05, kind)
    assert a[0] == 0 and a[-1] == pytest.approx(0.05, rel=1e-12)
    assert np.all(np.diff(a) > 0)


def test_spending_functions_by_hand():
    # O'Brien-Fleming-type at t = 1/4: 2 - 2 Φ(1.96 / 0.5) = 2 Φ(-3.92) = 8.86e-5
    assert spending_function(0.25, 0.05) == pytest.approx(8.8574e-5, rel=1e-4)
    # Pocock-type at t = 1/2: 0.05 ln(1 + (e - 1)/2) = 0.05 · 0.6201
    assert spending_function(0.5, 0.05, "pocock") == pytest.approx(
        0.05 * math.log(1 + (math.e - 1) / 2), rel=1e-12)


def test_boundary_shapes():
    t = np.arange(1, 6) / 5
    obf = group_sequential_boundaries(t)
    pocock = group_sequential_boundaries(t, spending="pocock")
    assert np.all(np.diff(obf) < 0) and obf[-1] > 1.96     # strict early, near 1.96 late
    assert np.ptp(pocock) < 0.06 and pocock.min() > 2.3    # nearly flat, well above 1.96
    # One look at half the sample: each side may spend α_f(0.5; 0.025), so P(z ≥ c) is it.
    one = group_sequential_boundaries([0.5])
    assert one[0] == pytest.approx(norm.isf(spending_function(0.5, 0.025)), rel=1e-10)


def test_tiny_early_spending_is_not_rounded_to_zero():
    # O'Brien-Fleming-type at t = 1/28 spends 2Φ(−z_0.9875 · √28) ≈ 1e-32 per side: the
    # first boundary is finite, ≈ 11.8 (2 − 2Φ(11.86) would round to 0 and give inf).
    first = group_sequential_boundaries([1 / 28, 1.0])[0]
    assert first == pytest.approx(norm.isf(2 * norm.sf(norm.isf(0.0125) * math.sqrt(28))),
                                  rel=1e-9)
    assert spending_function(1 / 28, 0.025) > 0


def test_boundaries_control_alpha_by_simulation():
    # 20 daily looks: the A/A simulation with the O'Brien-Fleming-type boundaries.
    n = 4000
    t = np.arange(1, 21) / 20
    aa = simulate_daily_tests(20, 500, n_experiments=n, random_state=2)
    for spending in ("obrien-fleming", "pocock"):
        rate = cumulative_rejection_rate(aa.z, group_sequential_boundaries(t, spending=spending))
        assert abs(rate[-1] - 0.05) < _mc_slack(0.05, n)


def test_boundaries_grid_converges():
    t = [0.1, 0.35, 0.5, 0.9, 1.0]
    coarse = group_sequential_boundaries(t, n_points=401)
    fine = group_sequential_boundaries(t, n_points=2001)
    np.testing.assert_allclose(coarse, fine, atol=1e-7)


@pytest.mark.parametrize("kwargs, match", [
    (dict(information_fractions=[0.5, 0.5, 1.0]), "increasing"),
    (dict(information_fractions=[0.0, 1.0]), "information_fractions"),
    (dict(information_fractions=[0.5, 1.2]), "information_fractions"),
    (dict(information_fractions=[1.0], spending="linear"), "spending"),
    (dict(information_fractions=[1.0], n_points=400), "odd"),
    (dict(information_fractions=[1.0], alpha=0.0), "alpha"),
])
def test_boundary_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        group_sequential_boundaries(**kwargs)


# -- mSPRT -----------------------------------------------------------------------------

def test_msprt_single_look_by_hand():
    # n = 100, σ² = 1 (V = 2), τ² = 1, d̄ = 0.4
    v, n, d = 2.0, 100, 0.4
    lam = math.sqrt(v / (v + n)) * math.exp(n**2 * d**2 / (2 * v * (v + n)))
    assert msprt_pvalues([d], [n], variance=1.0)[0] == pytest.approx(min(1, 1 / lam))


def test_msprt_is_running_minimum_and_always_valid():
    p = msprt_pvalues([0.5, 0.0, 0.3], [10, 20, 30], variance=1.0, tau=0.5)
    assert np.all(np.diff(p) <= 0)
    # A/A tests with a look after every day: the share ever below 0.05 stays below 0.05.
    n = 4000
    rng = np.random.default_rng(3)
    y = rng.normal(size=(n, 30, 2, 50)).sum(axis=3).cumsum(axis=1)     # 50 units a day
    units = 50 * np.arange(1, 31)
    diff = (y[..., 1] - y[..., 0]) / units
    ever = (msprt_pvalues(diff, units, variance=1.0)[:, -1] <= 0.05).mean()
    assert ever <= 0.05 + _mc_slack(0.05, n)


def test_msprt_detects_a_real_effect():
    rng = np.random.default_rng(4)
    units = 100 * np.arange(1, 41)
    diff = 0.2 + rng.normal(size=(500, 40)) * np.sqrt(2 / units)
    assert (msprt_pvalues(diff, units, variance=1.0)[:, -1] <= 0.05).mean() > 0.95


def test_msprt_errors():
    with pytest.raises(ValueError, match="n_per_arm"):
        msprt_pvalues([0.1, 0.2], [10], variance=1.0)
    with pytest.raises(ValueError, match="variance"):
        msprt_pvalues([0.1], [10], variance=0.0)


# -- SRM -------------------------------------------------------------------------------

def test_srm_hand_worked():
    res = sample_ratio_mismatch([60, 40])
    # (60 - 50)² / 50 + (40 - 50)² / 50 = 4; chi-square(1) tail at 4 = 2 Φ(-2) = 0.0455
    assert res.statistic == pytest.approx(4.0)
    assert res.pvalue == pytest.approx(0.04550026, rel=1e-6)
    assert sample_ratio_mismatch([50, 50]).pvalue == pytest.approx(1.0)
    # a planned 30/70 split observed exactly
    res = sample_ratio_mismatch([300, 700], [3, 7])
    assert res.statistic == 0 and res.expected.tolist() == [300, 700]


def test_srm_errors():
    with pytest.raises(ValueError, match="counts"):
        sample_ratio_mismatch([10])
    with pytest.raises(ValueError, match="counts"):
        sample_ratio_mismatch([-1, 10])
    with pytest.raises(ValueError, match="expected_ratios"):
        sample_ratio_mismatch([10, 10], [0, 1])
    with pytest.raises(ValueError):
        sample_ratio_mismatch([10, 10], [1, 1, 1])


# -- CUPED -----------------------------------------------------------------------------

def test_cuped_theta_and_variance_identity():
    rng = np.random.default_rng(5)
    x = rng.normal(size=500)
    y = 2.0 * x + rng.normal(size=500)
    theta = cuped_theta(y, x)
    assert theta == pytest.approx(np.cov(y, x)[0, 1] / np.var(x, ddof=1))
    adjusted = cuped_adjust(y, x)
    rho = np.corrcoef(x, y)[0, 1]
    # in-sample identity: var(Y - θ(X - x̄)) = var(Y) (1 - ρ²) at θ = cov/var
    assert adjusted.var() == pytest.approx(y.var() * (1 - rho**2), rel=1e-12)
    assert adjusted.mean() == pytest.approx(y.mean(), abs=1e-12)


def test_cuped_hand_worked():
    # y = x + 1 for control, x + 3 for treatment: θ from both arms, the estimate and its se.
    x = np.array([1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0])
    t = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    y = x + 1 + 2 * t
    res = cuped_effect(y, x, t, theta=1.0)
    assert res.raw_estimate == pytest.approx(2.0)
    assert res.estimate == pytest.approx(2.0) and res.standard_error == pytest.approx(0.0)
    assert res.variance_reduction == pytest.approx(1.0)
    # the raw se: each arm has sample variance 5/3, so √(5/12 + 5/12)
    assert res.raw_standard_error == pytest.approx(math.sqrt(5 / 6))
    assert cuped_theta(y, x) == pytest.approx(1.0)     # x balanced across arms


def test_cuped_reduces_variance_by_rho_squared_without_bias():
    rng = np.random.default_rng(6)
    n, rho = 2000, 0.8
    estimates, raw = [], []
    for _ in range(200):
        x = rng.normal(size=n)
        t = rng.random(n) < 0.5
        y = 0.1 * t + rho * x + math.sqrt(1 - rho**2) * rng.normal(size=n)
        r = cuped_effect(y, x, t)
        estimates.append(r.estimate)
        raw.append(r.raw_estimate)
        assert r.variance_reduction == pytest.approx(rho**2, abs=0.06)
    estimates, raw = np.array(estimates), np.array(raw)
    # sd of a mean of 200 estimates with sd ≈ 0.027: 4 standard errors = 0.008
    assert abs(estimates.mean() - 0.1) < 0.008
    assert estimates.var() / raw.var() == pytest.approx(1 - rho**2, rel=0.3)


def test_cuped_errors():
    with pytest.raises(ValueError, match="constant"):
        cuped_theta([1.0, 2.0, 3.0], [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="treatment"):
        cuped_effect([1.0, 2.0, 3.0], [1.0, 2.0, 0.0], [0, 1, 2])
    with pytest.raises(ValueError, match="treatment"):
        cuped_effect([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 0.0, 1.0], [0, 1, 1, 1])
    with pytest.raises(ValueError):
        cuped_theta([1.0, 2.0], [1.0, 2.0, 3.0])


# -- team-draft interleaving -----------------------------------------------------------

def test_team_draft_hand_worked():
    a, b = ["a", "b", "c", "d"], ["b", "a", "d", "c"]
    # tie -> heads: A takes a; B (behind) takes b; tie -> tails: B first, d; then A, c
    out = team_draft_interleave(a, b, coins=[True, False])
    assert out.items == ["a", "b", "d", "c"] and out.teams == ["A", "B", "B", "A"]
    # tails first: B takes b, A takes a; heads: A takes c, B takes d
    out = team_draft_interleave(a, b, coins=[False, True])
    assert out.items == ["b", "a", "c", "d"] and out.teams == ["B", "A", "A", "B"]


def test_team_draft_identical_rankings_keep_the_order():
    r = list(range(10))
    for seed in range(5):
        assert team_draft_interleave(r, r, random_state=seed).items == r


def test_team_draft_exhausted_ranker_and_length():
    out = team_draft_interleave(["x"], ["y", "z", "w"], coins=[True, True])
    # A: x; B: y; tie, heads, but A has nothing new: B takes z; A behind, exhausted: B w
    assert out.items == ["x", "y", "z", "w"] and out.teams == ["A", "B", "B", "B"]
    out = team_draft_interleave(list("abcdef"), list("fedcba"), length=3, coins=[True, True])
    assert out.items == ["a", "f", "b"] and len(out.teams) == 3


def test_team_draft_coin_is_fair_and_seeded():
    firsts = [team_draft_interleave([1, 2], [2, 1], random_state=s).teams[0]
              for s in range(2000)]
    assert abs(firsts.count("A") / 2000 - 0.5) < _mc_slack(0.5, 2000)
    assert (team_draft_interleave(list("abcd"), list("dcba"), random_state=7)
            == team_draft_interleave(list("abcd"), list("dcba"), random_state=7))


def test_team_draft_credit():
    teams = ["A", "B", "B", "A"]
    assert team_draft_credit(teams, [True, False, True, True]) == (2, 1)
    assert team_draft_credit(teams, np.array([1])) == (0, 1)
    assert team_draft_credit(teams, np.array([], dtype=int)) == (0, 0)


def test_team_draft_errors():
    with pytest.raises(ValueError, match="ranking_a"):
        team_draft_interleave(["a", "a"], ["b"])
    with pytest.raises(ValueError, match="coins"):
        team_draft_interleave(["a", "b"], ["b", "a"], coins=[])
    with pytest.raises(ValueError, match="clicked"):
        team_draft_credit(["A", "B"], [5])
    with pytest.raises(ValueError, match="teams"):
        team_draft_credit(["A", "C"], [0])
