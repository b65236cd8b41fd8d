"""Click models and IPW (``mlinterview.ml.design.clicks``): hand-worked values, an exact
expectation by enumerating every click outcome, simulations with a fixed seed checked
against a tolerance derived from the known variance, and the errors."""

import itertools

import numpy as np
import pytest

from mlinterview.ml.design.clicks import (
    ctr_by_position,
    estimate_propensities_randomized,
    estimate_propensities_swap,
    examination_propensities,
    ipw_ctr,
    ipw_weights,
    relevance_probability,
    simulate_clicks,
)


def test_examination_propensities_closed_form():
    np.testing.assert_allclose(examination_propensities(4), [1, 1 / 2, 1 / 3, 1 / 4])
    np.testing.assert_allclose(examination_propensities(3, eta=2.0), [1, 1 / 4, 1 / 9])
    np.testing.assert_array_equal(examination_propensities(3, eta=0.0), [1, 1, 1])


def test_relevance_probability_hand_worked():
    # noise 0.1, max grade 4: grade 0 -> 0.1, grade 4 -> 1, grade 2 -> 0.1 + 0.9 * 3/15.
    np.testing.assert_allclose(relevance_probability([0, 2, 4]), [0.1, 0.28, 1.0])
    np.testing.assert_allclose(relevance_probability([[1]], max_grade=1, noise=0.0), [[1.0]])
    with pytest.raises(ValueError, match="grades"):
        relevance_probability([5])


def test_simulated_clicks_follow_the_position_based_model():
    theta = examination_propensities(5)
    gamma = np.full((40_000, 5), 0.6)
    clicks = simulate_clicks(gamma, theta, random_state=0)
    assert clicks.dtype == bool and clicks.shape == gamma.shape
    ctr = ctr_by_position(clicks)
    # Binomial standard error of each column mean: sqrt(p (1 - p) / n); allow 4 of them.
    p = 0.6 * theta
    assert np.all(np.abs(ctr - p) < 4 * np.sqrt(p * (1 - p) / 40_000))
    np.testing.assert_array_equal(simulate_clicks(gamma[:3], theta, random_state=1),
                                  simulate_clicks(gamma[:3], theta, random_state=1))


def test_randomized_estimate_recovers_the_propensities():
    rng = np.random.default_rng(0)
    theta = examination_propensities(6, eta=1.2)
    gamma = rng.uniform(0.1, 0.9, size=(60_000, 6))      # shuffled: same law everywhere
    est = estimate_propensities_randomized(simulate_clicks(gamma, theta, random_state=1))
    assert est[0] == 1.0
    np.testing.assert_allclose(est, theta, atol=0.02)      # ~4 standard errors of a ratio


def test_swap_estimate_hand_worked():
    # Sessions 0-1 unswapped: top clicked once in two. Sessions 2-3 swapped with
    # position 2: the old top, now at position 2, clicked once in two -> 0.5 / 0.5 = 1.
    # Sessions 4-7 swapped with position 1: clicked once in four -> 0.25 / 0.5 = 0.5.
    clicks = np.array([[1, 1, 0], [0, 1, 1], [0, 0, 1], [1, 1, 0],
                       [0, 1, 0], [1, 0, 1], [0, 0, 0], [1, 0, 0]])
    swap = np.array([0, 0, 2, 2, 1, 1, 1, 1])
    np.testing.assert_allclose(estimate_propensities_swap(clicks, swap), [1.0, 0.5, 1.0])
    est = estimate_propensities_swap(clicks[:4], swap[:4])    # nobody swapped with 1
    assert est[0] == 1.0 and np.isnan(est[1]) and est[2] == 1.0


def test_swap_estimate_recovers_the_propensities_where_naive_ctr_does_not():
    rng = np.random.default_rng(3)
    n, n_pos = 200_000, 5
    theta = examination_propensities(n_pos)
    # The production ranking puts better documents first: relevance falls with position.
    gamma = np.clip(np.array([0.8, 0.6, 0.45, 0.35, 0.3]) + rng.normal(0, 0.1, (n, n_pos)),
                    0, 1)
    swap = rng.integers(0, n_pos, n)
    shown = gamma.copy()
    rows = np.arange(n)
    shown[rows, 0], shown[rows, swap] = gamma[rows, swap], gamma[rows, 0]
    clicks = simulate_clicks(shown, theta, random_state=4)
    est = estimate_propensities_swap(clicks, swap)
    np.testing.assert_allclose(est, theta, atol=0.02)
    naive = ctr_by_position(clicks[swap == 0]) / ctr_by_position(clicks[swap == 0])[0]
    assert naive[-1] < 0.6 * theta[-1]           # relevance and exposure confounded


def test_ipw_weights_and_clip():
    np.testing.assert_allclose(ipw_weights([1, 0, 1], [1.0, 0.5, 0.1]), [1, 0, 10])
    np.testing.assert_allclose(ipw_weights([1, 0, 1], [1.0, 0.5, 0.1], clip=0.2), [1, 0, 5])
    with pytest.raises(ValueError, match="propensity"):
        ipw_weights([1, 0], [1.0, 0.0])


def test_ipw_ctr_hand_worked():
    theta = [1.0, 0.5, 0.25]
    # Doc 0: clicked at position 0 (1/1), not at 2 -> 0.5. Doc 1: clicked at 1 -> 2.
    # Doc 2: one impression, no click -> 0. Doc 3 never shown -> NaN.
    est = ipw_ctr([0, 1, 0, 2], [0, 1, 2, 0], [1, 1, 0, 0], theta, n_docs=4)
    np.testing.assert_allclose(est[:3], [0.5, 2.0, 0.0])
    assert np.isnan(est[3])
    naive = ipw_ctr([0, 1, 0, 2], [0, 1, 2, 0], [1, 1, 0, 0], np.ones(3))
    np.testing.assert_allclose(naive, [0.5, 1.0, 0.0])


def test_ipw_ctr_is_exactly_unbiased_by_enumeration():
    # Every one of the 2^6 click outcomes with its probability under the PBM: the
    # expectation of the IPW estimate is gamma exactly; the naive CTR's is not.
    theta = np.array([1.0, 0.5, 0.2])
    gamma = np.array([0.9, 0.3, 0.5])
    docs = np.array([0, 0, 1, 1, 2, 2])
    pos = np.array([0, 2, 1, 0, 2, 1])
    p_click = theta[pos] * gamma[docs]
    expected = np.zeros(3)
    expected_naive = np.zeros(3)
    for outcome in itertools.product([0, 1], repeat=6):
        c = np.array(outcome)
        prob = np.prod(np.where(c == 1, p_click, 1 - p_click))
        expected += prob * ipw_ctr(docs, pos, c, theta)
        expected_naive += prob * ipw_ctr(docs, pos, c, np.ones(3))
    np.testing.assert_allclose(expected, gamma, rtol=1e-12)
    # Naive: doc 0 at positions 0 and 2 -> 0.9 (1 + 0.2) / 2 = 0.54.
    np.testing.assert_allclose(expected_naive, [0.54, 0.225, 0.175], rtol=1e-12)


def test_ipw_ctr_unbiased_by_simulation():
    rng = np.random.default_rng(7)
    n_docs, n_imp = 4, 400_000
    theta = examination_propensities(5)
    gamma = np.array([0.2, 0.5, 0.7, 0.9])
    docs = rng.integers(0, n_docs, n_imp)
    # Better documents are shown higher: exposure and relevance are confounded.
    pos = np.clip(3 - docs + rng.integers(0, 2, n_imp), 0, 4)
    clicks = rng.random(n_imp) < theta[pos] * gamma[docs]
    est = ipw_ctr(docs, pos, clicks, theta)
    # Var(c / θ) = γ/θ - γ² per impression; tolerance: 4 standard errors of the mean.
    var = np.array([np.mean(gamma[d] / theta[pos[docs == d]]) - gamma[d] ** 2
                    for d in range(n_docs)])
    se = np.sqrt(var / np.bincount(docs))
    assert np.all(np.abs(est - gamma) < 4 * se)
    naive = ipw_ctr(docs, pos, clicks, np.ones(5))
    assert np.all(naive < gamma - 4 * se)


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="positions"):
        ipw_ctr([0], [3], [1], [1.0, 0.5])
    with pytest.raises(ValueError, match="doc_ids, positions, clicks"):
        ipw_ctr([0, 1], [0], [1], [1.0])
    with pytest.raises(ValueError, match="swap_position"):
        estimate_propensities_swap([[1, 0]], [2])
    with pytest.raises(ValueError, match="relevance"):
        simulate_clicks([[1.5]], [1.0])
    with pytest.raises(ValueError, match="n_positions"):
        examination_propensities(0)
    with pytest.raises(ValueError, match="clicks"):
        estimate_propensities_randomized([[0, 1], [0, 1]])
