"""Fraud detection's feedback loop (``mlinterview.ml.design.feedback_loop``): IPW
unbiasedness by enumerating every exploration outcome and by a seeded simulation with a
tolerance from the known variance, expected cost against a brute-force loop, the best
threshold against the closed form c_FP / (c_FP + c_FN), label maturity on hand-worked
delays, and the loop's bookkeeping."""

import itertools

import numpy as np
import pytest

from mlinterview.ml.design.feedback_loop import (
    Scorecard,
    bayes_threshold,
    best_expected_cost_threshold,
    bin_one_hot,
    decision_cost,
    expected_cost,
    exploration_policy,
    fraud_posterior,
    ipw_fraud_rate,
    label_maturity,
    maturity_corrected_rate,
    quantile_edges,
    run_feedback_loop,
    simulate_transactions,
)
from mlinterview.ml.metrics import best_threshold

# -- IPW -------------------------------------------------------------------------------------


def test_ipw_hand_worked():
    # 6 transactions, the last 3 would be blocked; epsilon 0.25. Explored: #3 (fraud) and
    # #5 (good). HT = (1 + 1/0.25) / 6 = 5/6; Hajek divides by 3 + 2/0.25 = 11 instead.
    y = [0, 1, 0, 1, 1, 0]
    allowed = [1, 1, 1, 1, 0, 1]
    prop = [1, 1, 1, 0.25, 0.25, 0.25]
    assert ipw_fraud_rate(y, allowed, prop) == pytest.approx(5 / 6)
    assert ipw_fraud_rate(y, allowed, prop, normalize=True) == pytest.approx(5 / 11)


def test_ipw_exact_expectation_by_enumeration():
    # Every subset of the 4 blocked transactions may be explored; weighting each outcome by
    # its probability gives exactly the true rate 4/7.
    y = np.array([1, 0, 0, 1, 1, 0, 1])
    blocked = np.array([0, 0, 0, 1, 1, 1, 1], bool)
    eps = 0.3
    prop = np.where(blocked, eps, 1.0)
    expectation = 0.0
    for outcome in itertools.product([0, 1], repeat=int(blocked.sum())):
        explored = np.zeros(len(y), bool)
        explored[blocked] = np.array(outcome, bool)
        p = np.prod(np.where(np.array(outcome) == 1, eps, 1 - eps))
        expectation += p * ipw_fraud_rate(y, ~blocked | explored, prop)
    assert expectation == pytest.approx(4 / 7, abs=1e-12)


def test_ipw_unbiased_in_a_seeded_simulation():
    rng = np.random.default_rng(0)
    n, eps = 2000, 0.05
    score = rng.random(n)
    y = rng.random(n) < score * 0.2                       # fraud concentrated at high scores
    truth = y.mean()
    blocked_frauds = np.sum(y & (score >= 0.8))
    # Var(HT) = Σ_blocked y_i (1 − ε) / ε / n²: each blocked fraud is a scaled Bernoulli.
    se = np.sqrt(blocked_frauds * (1 - eps) / eps) / n
    reps = 2000
    estimates, naive = [], []
    for _ in range(reps):
        allowed, prop = exploration_policy(score, 0.8, eps, random_state=rng)
        estimates.append(ipw_fraud_rate(y, allowed, prop))
        naive.append(y[allowed].mean())
    # the mean of 2000 estimates is within 4 of its standard errors of the truth
    assert abs(np.mean(estimates) - truth) < 4 * se / np.sqrt(reps)
    assert np.std(estimates) == pytest.approx(se, rel=0.1)
    assert np.mean(naive) < 0.8 * truth                   # the labelled-only rate is biased


def test_exploration_policy_propensities():
    allowed, prop = exploration_policy([0.1, 0.5, 0.9], 0.5, 0.0, random_state=0)
    assert allowed.tolist() == [True, False, False]
    assert prop.tolist() == [1.0, 0.0, 0.0]
    allowed, prop = exploration_policy([0.1, 0.5, 0.9], 0.5, 1.0, random_state=0)
    assert allowed.all() and prop.tolist() == [1.0, 1.0, 1.0]


def test_ipw_refuses_unlabelled_mass():
    with pytest.raises(ValueError, match="propensity"):
        ipw_fraud_rate([1, 0], [1, 0], [1.0, 0.0])
    with pytest.raises(ValueError, match="propensity"):
        ipw_fraud_rate([1, 0], [1, 1], [1.0, 1.5])
    with pytest.raises(ValueError, match="inconsistent"):
        ipw_fraud_rate([1, 0], [1, 1, 1], [1.0, 1.0])


# -- costs and thresholds ----------------------------------------------------------------------


def _brute_expected_cost(p, t, c_fp, c_fn):
    p, c_fp, c_fn = np.asarray(p), np.broadcast_to(c_fp, len(p)), np.broadcast_to(c_fn, len(p))
    return sum(c_fp[i] * (1 - p[i]) if p[i] >= t else c_fn[i] * p[i] for i in range(len(p)))


@pytest.mark.parametrize("per_transaction", [False, True])
def test_expected_cost_matches_brute_force(per_transaction):
    rng = np.random.default_rng(1)
    p = np.round(rng.random(40), 2)                        # rounding makes ties
    c_fn = rng.uniform(20, 300, 40) if per_transaction else 150.0
    thresholds = np.r_[0.0, np.unique(p), 0.333, 1.0, np.inf]
    ours = expected_cost(p, thresholds, cost_fp=10.0, cost_fn=c_fn)
    brute = [_brute_expected_cost(p, t, 10.0, c_fn) for t in thresholds]
    np.testing.assert_allclose(ours, brute, rtol=1e-12)
    assert np.ndim(expected_cost(p, 0.5, cost_fp=10.0, cost_fn=c_fn)) == 0


def test_expected_cost_hand_worked():
    # p = 0.1, 0.6; c_FP 10, c_FN 100. t = 0.5 blocks the 0.6: 10·0.4 + 100·0.1 = 14.
    assert expected_cost([0.1, 0.6], 0.5, cost_fp=10, cost_fn=100) == pytest.approx(14.0)
    assert expected_cost([0.1, 0.6], np.inf, cost_fp=10, cost_fn=100) == pytest.approx(70.0)


def test_bayes_threshold_closed_form():
    assert bayes_threshold(10, 90) == pytest.approx(0.1)
    assert bayes_threshold(1, 1) == 0.5
    with pytest.raises(ValueError, match="cost"):
        bayes_threshold(0, 0)


def test_best_expected_cost_threshold_is_the_closed_form():
    rng = np.random.default_rng(2)
    p = rng.beta(0.5, 5, 5000)
    for c_fp, c_fn in [(10, 90), (1, 1), (5, 200), (30, 20)]:
        t, cost = best_expected_cost_threshold(p, cost_fp=c_fp, cost_fn=c_fn)
        star = c_fp / (c_fp + c_fn)
        # every threshold in (max p < p*, min p >= p*] gives the same decisions
        assert t == p[p >= star].min()
        assert cost == pytest.approx(_brute_expected_cost(p, star, c_fp, c_fn))


def test_realised_cost_threshold_approaches_the_closed_form():
    # With labels drawn from calibrated probabilities, the empirical cost-minimising
    # threshold (metrics.best_threshold) lands near p* = 10 / 60; tolerance 0.03 covers
    # the flat bottom of the cost curve at n = 200,000.
    rng = np.random.default_rng(3)
    p = rng.beta(0.6, 4, 200_000)
    y = (rng.random(len(p)) < p).astype(int)
    t, _ = best_threshold(y, p, method="cost", cost_fp=10, cost_fn=50)
    assert abs(t - bayes_threshold(10, 50)) < 0.03


def test_decision_cost_hand_worked():
    y = [1, 1, 0, 0, 0]
    blocked = [1, 0, 1, 0, 0]
    # one missed fraud of $120, one good customer blocked at $10
    assert decision_cost(y, blocked, cost_fp=10, cost_fn=[80, 120, 5, 5, 5]) == 130.0


# -- label delay ----------------------------------------------------------------------------


def test_label_maturity_hand_worked():
    delays = [10, 1, 2, 5, 2]
    np.testing.assert_allclose(label_maturity(delays, [0, 2, 5, 20]), [0, 0.6, 0.8, 1.0])
    assert label_maturity(delays, 1.5) == pytest.approx(0.2)


def test_maturity_corrected_rate_hand_worked_and_unbiased():
    # cohorts of 1000 at maturity 0.5 and 2000 at 0.25 showing 10 and 10 chargebacks:
    # 20 / (500 + 500) = 0.02.
    assert maturity_corrected_rate([10, 10], [1000, 2000], [0.5, 0.25]) == pytest.approx(0.02)
    rng = np.random.default_rng(4)
    ages = np.arange(1, 31)                               # one cohort a day
    n = np.full(30, 5000)
    delays = rng.gamma(2.0, 4.0, 100_000)                 # a mature history of delays
    f = label_maturity(delays, ages)
    true_f = 1 - np.exp(-ages / 4.0) * (1 + ages / 4.0)   # Gamma(2, 4) CDF
    np.testing.assert_allclose(f, true_f, atol=0.01)
    frauds = rng.binomial(n, 0.03)
    observed = rng.binomial(frauds, true_f)
    naive = observed.sum() / n.sum()
    corrected = maturity_corrected_rate(observed, n, f)
    assert naive < 0.025                                   # recent weeks look clean
    assert corrected == pytest.approx(0.03, abs=0.002)    # ~4 standard errors


def test_maturity_corrected_rate_errors():
    with pytest.raises(ValueError, match="maturity"):
        maturity_corrected_rate([1], [100], [0.0])
    with pytest.raises(ValueError, match="observed_frauds"):
        maturity_corrected_rate([200], [100], [0.5])


# -- simulator and model ----------------------------------------------------------------------


def test_simulate_transactions_rates():
    tx = simulate_transactions(100_000, fraud_rate=0.03, new_pattern_share=0.25,
                               random_state=5)
    assert tx.X.shape == (100_000, 4)
    assert tx.is_fraud.mean() == pytest.approx(0.03, abs=0.002)
    assert (tx.pattern[tx.is_fraud] == 1).mean() == pytest.approx(0.25, abs=0.02)
    assert np.isinf(tx.delay[~tx.is_fraud]).all()
    assert tx.delay[tx.is_fraud].mean() == pytest.approx(8.0, rel=0.05)
    assert ((tx.day >= 0) & (tx.day < 7)).all()


def test_fraud_posterior_is_bayes_rule():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(50, 4)) * 2

    def phi(z):                                           # N(0, I) density, 4-D
        return np.exp(-0.5 * (z**2).sum(axis=1)) / (2 * np.pi) ** 2

    cA, cB = np.array([3.0, 0, 0, 0]), np.array([0, 0, 3.0, 0])
    fraud = 0.03 * (0.7 * phi(X - cA) + 0.3 * phi(X - cB))
    expected = fraud / (fraud + 0.97 * phi(X))
    np.testing.assert_allclose(fraud_posterior(X, fraud_rate=0.03, new_pattern_share=0.3),
                               expected, rtol=1e-10)
    assert np.isfinite(fraud_posterior(X * 100, fraud_rate=0.03)).all()


def test_bin_one_hot_hand_worked():
    X = np.array([[0.0, 5.0], [1.0, -1.0], [2.5, 0.0]])
    edges = [np.array([1.0, 2.0]), np.array([0.0])]
    expected = np.array([[1, 0, 0, 0, 1],
                         [0, 1, 0, 1, 0],
                         [0, 0, 1, 0, 1]], float)
    np.testing.assert_array_equal(bin_one_hot(X, edges), expected)
    with pytest.raises(ValueError, match="edges"):
        bin_one_hot(X, edges[:1])


def test_scorecard_keeps_empty_bins_at_zero():
    # Trained only where x0 < 1, the bins above carry no data: their coefficients stay 0
    # (the L2 prior), so the model has nothing to say about that region.
    rng = np.random.default_rng(7)
    X = rng.normal(size=(3000, 2))
    X = X[X[:, 0] < 1]
    y = (rng.random(len(X)) < 0.1 + 0.2 * (X[:, 1] > 0)).astype(int)
    edges = [np.array([-1.0, 0.0, 1.0, 2.0]), np.array([0.0])]
    model = Scorecard(edges=edges).fit(X, y)
    coef = model.model_.coef_[0]
    np.testing.assert_allclose(coef[3:5], 0.0, atol=1e-6)  # bins [1, 2) and [2, inf)
    assert model.predict_proba(X).shape == (len(X), 2)
    assert len(quantile_edges(X, 4)) == 2


# -- the loop --------------------------------------------------------------------------------


def test_run_feedback_loop_bookkeeping():
    kw = dict(n_rounds=3, n_per_round=2000, random_state=8)
    a, b = run_feedback_loop(epsilon=0.05, **kw), run_feedback_loop(epsilon=0.05, **kw)
    np.testing.assert_array_equal(a.recall, b.recall)           # seeded
    assert all(len(v) == 3 for v in a)
    none = run_feedback_loop(epsilon=0.0, **kw)
    assert np.isnan(none.ipw_rate).all() and (none.n_explored == 0).all()
    everything = run_feedback_loop(epsilon=1.0, **kw)           # nothing is blocked
    assert (everything.recall == 0).all() and (everything.friction_cost == 0).all()
    np.testing.assert_allclose(everything.naive_rate, everything.fraud_rate)
    with pytest.raises(ValueError, match="epsilon"):
        run_feedback_loop(epsilon=1.5, **kw)
