"""design.ctr: the hashing trick, the factorisation machine, NE and calibration, negative
down-sampling and delayed feedback, on hand-worked cases, brute force and closed forms.
(The comparisons with scikit-learn and PyTorch are in tests/parity/test_ads_ctr.py.)"""

import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from scipy import optimize

from mlinterview.ml.design.ctr import (
    DelayedConversions,
    FactorizationMachine,
    calibration_ratio,
    colliding_share,
    delay_corrected_rate,
    downsampling_correction,
    expected_calibration_error,
    fit_delayed_feedback,
    fm_log_loss_and_grad,
    fm_pairwise,
    generalized_second_price,
    hash_categorical,
    hash_tokens,
    murmurhash3_32,
    normalized_entropy,
    observe_conversions,
    simulate_delayed_conversions,
)
from mlinterview.ml.linear_model import LogisticRegression
from mlinterview.ml.metrics import calibration_curve

# --------------------------------------------------------------------------- hashing


@pytest.mark.parametrize("key, seed, expected", [
    # Published MurmurHash3_x86_32 test vectors (smhasher's verification set).
    ("", 0, 0), ("", 1, 0x514E28B7), ("", 0xFFFFFFFF, 0x81F16F39),
    (b"\0\0\0\0", 0, 0x2362F9DE), ("aaaa", 0x9747B28C, 0x5A97808A),
    ("abc", 0, 0xB3DD93FA), ("Hello, world!", 0x9747B28C, 0x24884CBA),
    ("The quick brown fox jumps over the lazy dog", 0x9747B28C, 0x2FA826CD),
])
def test_murmurhash_known_vectors(key, seed, expected):
    assert murmurhash3_32(key, seed=seed, positive=True) == expected
    signed = expected - 2**32 if expected >= 2**31 else expected
    assert murmurhash3_32(key, seed=seed) == signed


def test_murmurhash_vectorised_equals_one_by_one():
    keys = ["", "a", "ab", "abc", "abcd", "abcde", "é", "x" * 33]
    together = murmurhash3_32(keys, seed=7)
    assert together.dtype == np.int32
    assert together.tolist() == [murmurhash3_32(k, seed=7) for k in keys]
    assert murmurhash3_32([]).shape == (0,)


def test_murmurhash_bad_input():
    with pytest.raises(TypeError, match="keys"):
        murmurhash3_32([1, 2])
    with pytest.raises(ValueError, match="seed"):
        murmurhash3_32("a", seed=-1)


def _bucket(token, n):
    h = murmurhash3_32(token)
    return abs(h) % n, (1.0 if h >= 0 else -1.0)


def test_hash_tokens_hand_worked():
    rows = [["a", "b"], [], ["a", "a"]]
    X = hash_tokens(rows, 16)
    assert X.shape == (3, 16) and sp.issparse(X)
    dense = X.toarray()
    (ia, sa), (ib, sb) = _bucket("a", 16), _bucket("b", 16)
    expected = np.zeros((3, 16))
    expected[0, ia] += sa
    expected[0, ib] += sb
    expected[2, ia] += 2 * sa              # a repeated token adds up
    np.testing.assert_array_equal(dense, expected)
    counts = hash_tokens(rows, 16, alternate_sign=False).toarray()
    np.testing.assert_array_equal(counts, np.abs(expected) if ia != ib else counts)
    assert counts.sum() == 4


def test_hash_tokens_one_bucket_cancels_opposite_signs():
    # With one bucket every token collides; the signs make the sum of hashed tokens a sum of
    # ±1, which is what keeps collisions unbiased in inner products.
    tokens = [f"t{i}" for i in range(50)]
    signs = [_bucket(t, 1)[1] for t in tokens]
    X = hash_tokens([tokens], 1)
    assert X.toarray()[0, 0] == sum(signs)
    assert 0 < signs.count(1.0) < 50


def test_hash_tokens_errors():
    with pytest.raises(TypeError, match="rows"):
        hash_tokens("abc", 8)
    with pytest.raises(TypeError, match="rows"):
        hash_tokens(["abc"], 8)
    with pytest.raises(ValueError, match="rows"):
        hash_tokens([], 8)
    with pytest.raises(ValueError, match="n_features"):
        hash_tokens([["a"]], 0)
    with pytest.raises(TypeError, match="dtype"):
        hash_tokens([["a"]], 8, dtype=np.int64)


def test_hash_categorical_is_hash_tokens_of_the_field_tokens():
    X = np.array([[3, "a"], [4, "b"], [3, "b"]], dtype=object)
    got = hash_categorical(X, 64, names=["u", "ad"], crosses=[("u", "ad")])
    rows = [[f"u={u}", f"ad={a}", f"u^ad={u}^{a}"] for u, a in X]
    np.testing.assert_array_equal(got.toarray(), hash_tokens(rows, 64).toarray())
    assert np.all(np.diff(got.indptr) <= 3)
    default = hash_categorical(np.array([[1, 2]]), 64)
    np.testing.assert_array_equal(default.toarray(), hash_tokens([["f0=1", "f1=2"]], 64).toarray())


def test_hash_categorical_errors():
    with pytest.raises(ValueError, match="X"):
        hash_categorical(np.array([1, 2, 3]), 8)
    with pytest.raises(ValueError, match="names"):
        hash_categorical(np.array([[1, 2]]), 8, names=["a"])
    with pytest.raises(ValueError, match="crosses"):
        hash_categorical(np.array([[1, 2]]), 8, names=["a", "b"], crosses=[("a", "c")])


def test_colliding_share_brute_force():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 30, (200, 2))
    tokens = {f"f0={a}" for a in X[:, 0]} | {f"f1={b}" for b in X[:, 1]} | {
        f"f0^f1={a}^{b}" for a, b in X}
    for n in (1, 7, 64, 4096):
        buckets = {t: abs(murmurhash3_32(t)) % n for t in tokens}
        load = {}
        for b in buckets.values():
            load[b] = load.get(b, 0) + 1
        expected = sum(load[b] > 1 for b in buckets.values()) / len(tokens)
        assert colliding_share(X, n, crosses=[("f0", "f1")]) == pytest.approx(expected)
    assert colliding_share(X, 1) == 1.0


# ------------------------------------------------------------------- factorisation machine


def _pairwise_brute_force(X, V):
    """Σ_{i<j} <v_i, v_j> x_i x_j, one pair at a time."""
    X = X.toarray() if sp.issparse(X) else np.asarray(X)
    out = np.zeros(X.shape[0])
    for i, j in itertools.combinations(range(X.shape[1]), 2):
        out += (V[i] @ V[j]) * X[:, i] * X[:, j]
    return out


@pytest.mark.parametrize("n, d, k, density", [(5, 4, 3, 1.0), (20, 9, 2, 0.3), (3, 1, 4, 1.0),
                                              (6, 7, 1, 0.5)])
def test_fm_pairwise_equals_brute_force(n, d, k, density):
    rng = np.random.default_rng(n + d)
    X = rng.normal(size=(n, d)) * (rng.random((n, d)) < density)
    V = rng.normal(size=(d, k))
    expected = _pairwise_brute_force(X, V)
    np.testing.assert_allclose(fm_pairwise(X, V), expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(fm_pairwise(sp.csr_matrix(X), V), expected, rtol=1e-12,
                               atol=1e-12)


def test_fm_pairwise_hand_worked():
    # x = (1, 2, 3), v = (1, 1, -1) with k = 1: 1·2·1 + 1·3·(-1) + 2·3·(-1) = 2 - 3 - 6.
    assert fm_pairwise(np.array([[1.0, 2.0, 3.0]]), np.array([[1.0], [1.0], [-1.0]]))[0] == -7
    assert fm_pairwise(np.ones((2, 3)), np.zeros((3, 0))).tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match="V"):
        fm_pairwise(np.ones((2, 3)), np.ones((2, 2)))


def _objective(X, y, b, w, V, alpha, s):
    z = b + X @ w + _pairwise_brute_force(X, V)
    losses = np.logaddexp(0, z) - y * z
    return np.sum(s * losses) / s.sum() + 0.5 * alpha * (w @ w + np.sum(V * V))


@pytest.mark.parametrize("k, alpha, weighted", [(3, 0.0, False), (2, 0.3, True), (0, 0.1, False)])
def test_fm_loss_and_gradient_by_finite_differences(k, alpha, weighted):
    rng = np.random.default_rng(k)
    X = rng.normal(size=(12, 5)) * (rng.random((12, 5)) < 0.6)
    y = rng.integers(0, 2, 12)
    b, w, V = 0.2, rng.normal(size=5), rng.normal(size=(5, k))
    s = rng.uniform(0.5, 2.0, 12) if weighted else np.ones(12)
    loss, (gb, gw, gV) = fm_log_loss_and_grad(sp.csr_matrix(X), y, b, w, V, alpha=alpha,
                                              sample_weight=s if weighted else None)
    assert loss == pytest.approx(_objective(X, y, b, w, V, alpha, s), rel=1e-12)
    eps = 1e-6
    theta = np.concatenate([[b], w, V.ravel()])

    def f(t):
        return _objective(X, y, t[0], t[1:6], t[6:].reshape(5, k), alpha, s)

    numeric = optimize.approx_fprime(theta, f, eps)
    central = np.array([(f(theta + eps * e) - f(theta - eps * e)) / (2 * eps)
                        for e in np.eye(len(theta))])
    analytic = np.concatenate([[gb], gw, gV.ravel()])
    np.testing.assert_allclose(analytic, central, atol=1e-8)   # central differences: O(eps²)
    np.testing.assert_allclose(analytic, numeric, atol=1e-5)


def test_fm_with_no_factors_is_the_project_logistic_regression():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 4))
    y = (rng.random(200) < 1 / (1 + np.exp(-(X @ [1.0, -2.0, 0.5, 0.0] + 0.3)))).astype(int)
    alpha = 0.05
    fm = FactorizationMachine(0, alpha=alpha, tol=1e-10, max_iter=1000).fit(X, y)
    # LogisticRegression minimises C·Σ loss + ½||w||²; ours mean loss + ½α||w||²: C = 1/(αn).
    lr = LogisticRegression(C=1 / (alpha * 200), tol=1e-12, max_iter=1000).fit(X, y)
    np.testing.assert_allclose(fm.coef_, lr.coef_.ravel(), atol=1e-5)
    assert fm.intercept_ == pytest.approx(float(lr.intercept_[0]), abs=1e-5)
    assert fm.factors_.shape == (4, 0)


def test_fm_learns_an_interaction_that_logistic_regression_cannot():
    # y = 1 when the two ±1 features agree: a pure pairwise effect (XOR), no main effect.
    rng = np.random.default_rng(0)
    X = rng.choice([-1.0, 1.0], size=(400, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    fm = FactorizationMachine(2, alpha=1e-4, init_std=0.1).fit(sp.csr_matrix(X), y)
    lr = FactorizationMachine(0, alpha=1e-4).fit(X, y)
    assert (fm.predict(X) == y).mean() == 1.0
    assert abs(lr.predict_proba(X)[:, 1] - 0.5).max() < 0.1     # LR can only say 1/2
    proba = fm.predict_proba(X)
    assert proba.shape == (400, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)


def test_fm_errors():
    with pytest.raises(ValueError, match="y"):
        FactorizationMachine().fit(np.ones((3, 2)), [0, 1, 2])
    with pytest.raises(ValueError, match="n_factors"):
        FactorizationMachine(-1).fit(np.ones((3, 2)), [0, 1, 0])
    fm = FactorizationMachine(1).fit(np.eye(3), [0, 1, 0])
    with pytest.raises(ValueError, match="features"):
        fm.predict_proba(np.ones((2, 4)))
    with pytest.raises(ValueError, match="coef"):
        fm_log_loss_and_grad(np.ones((2, 3)), [0, 1], 0.0, np.ones(2), np.ones((3, 1)))


# -------------------------------------------------------------------- metrics, sampling


def test_normalized_entropy_hand_worked():
    y = np.array([1, 0, 0, 0])
    # Predicting the base rate 1/4 everywhere: the log loss is the entropy, NE = 1.
    assert normalized_entropy(y, np.full(4, 0.25)) == pytest.approx(1.0)
    h = -(0.25 * np.log(0.25) + 0.75 * np.log(0.75))
    p = np.array([0.5, 0.1, 0.2, 0.1])
    loss = -(np.log(0.5) + np.log(0.9) + np.log(0.8) + np.log(0.9)) / 4
    assert normalized_entropy(y, p) == pytest.approx(loss / h)
    # Weights: the base rate becomes 3/6 = 1/2 and the loss weighted the same way.
    w = np.array([3, 1, 1, 1])
    wl = -(3 * np.log(0.5) + np.log(0.9) + np.log(0.8) + np.log(0.9)) / 6
    assert normalized_entropy(y, p, sample_weight=w) == pytest.approx(wl / np.log(2))
    with pytest.raises(ValueError, match="base rate"):
        normalized_entropy([0, 0], [0.1, 0.2])


def test_calibration_ratio_hand_worked():
    assert calibration_ratio([1, 0, 0, 0], [0.5, 0.2, 0.2, 0.1]) == pytest.approx(1.0)
    assert calibration_ratio([1, 1, 0, 0], [0.5, 0.2, 0.2, 0.1]) == pytest.approx(0.5)
    assert calibration_ratio([1, 0], [0.6, 0.3], sample_weight=[2, 1]) == pytest.approx(1.5 / 2)
    with pytest.raises(ValueError, match="no positives"):
        calibration_ratio([0, 0], [0.1, 0.2])


def test_expected_calibration_error_hand_worked():
    y = np.array([0, 1, 0, 1, 1])
    p = np.array([0.1, 0.2, 0.7, 0.8, 0.9])
    # Two uniform bins: (0, 0.5] holds 0.1, 0.2 (mean 0.15, rate 0.5); (0.5, 1] holds
    # 0.7, 0.8, 0.9 (mean 0.8, rate 2/3): ECE = 2/5·0.35 + 3/5·(0.8 - 2/3) = 0.22.
    assert expected_calibration_error(y, p, n_bins=2) == pytest.approx(0.22)
    assert expected_calibration_error(y, p, n_bins=1) == pytest.approx(abs(0.54 - 0.6))
    assert expected_calibration_error([0, 1], [0.0, 1.0], n_bins=10) == 0.0


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
def test_expected_calibration_error_uses_the_reliability_diagram_bins(strategy):
    rng = np.random.default_rng(1)
    p = rng.random(500)
    y = (rng.random(500) < p**1.5).astype(int)
    prob_true, prob_pred = calibration_curve(y, p, n_bins=8, strategy=strategy)
    q = np.linspace(0, 1, 9)
    edges = q if strategy == "uniform" else np.percentile(p, 100 * q)
    counts = np.bincount(np.searchsorted(edges[1:-1], p), minlength=8)
    expected = np.sum(counts[counts > 0] * np.abs(prob_true - prob_pred)) / 500
    assert expected_calibration_error(y, p, n_bins=8, strategy=strategy) == pytest.approx(expected)


def test_downsampling_correction():
    # Odds of 0.5 are 1; keeping 10% of negatives made them 10x: the truth is 1/11.
    assert downsampling_correction(0.5, 0.1) == pytest.approx(1 / 11)
    np.testing.assert_allclose(downsampling_correction([0.0, 1.0], 0.3), [0.0, 1.0])
    assert downsampling_correction(0.2, 1.0) == pytest.approx(0.2)
    with pytest.raises(ValueError, match="negative_rate"):
        downsampling_correction(0.5, 0.0)
    with pytest.raises(ValueError, match="p"):
        downsampling_correction([1.2], 0.5)


def test_downsampled_logistic_regression_is_fixed_by_the_correction():
    # A well-specified logistic model: keeping w of the negatives shifts the intercept by
    # -log w; the correction recovers the base rate within sampling noise.
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40_000, 1))
    p = 1 / (1 + np.exp(-(x[:, 0] - 3.0)))
    y = (rng.random(40_000) < p).astype(int)
    keep = (y == 1) | (rng.random(40_000) < 0.1)
    model = FactorizationMachine(0, alpha=0.0).fit(x[keep], y[keep])
    raw = model.predict_proba(x)[:, 1]
    assert model.intercept_ == pytest.approx(-3.0 - np.log(0.1), abs=0.15)
    assert calibration_ratio(y, raw) > 4
    assert calibration_ratio(y, downsampling_correction(raw, 0.1)) == pytest.approx(1.0, abs=0.05)


# -------------------------------------------------------------------- delayed feedback


def test_observe_conversions_hand_worked():
    log = DelayedConversions(click_time=np.array([0.0, 1.0, 2.0, 5.0]),
                             converts=np.array([True, True, False, True]),
                             delay=np.array([0.5, 3.0, np.inf, 0.1]))
    elapsed, observed, delay = observe_conversions(log, 3.0)
    np.testing.assert_array_equal(elapsed, [3.0, 2.0, 1.0])       # the click at 5 is future
    np.testing.assert_array_equal(observed, [True, False, False])  # 3.0 > 2.0: not yet
    np.testing.assert_array_equal(delay, [0.5, np.nan, np.nan])


def test_delay_corrected_rate_hand_worked():
    mu = 1.0
    elapsed = np.array([np.log(2), np.log(2), 10.0, 10.0])       # F = 1/2, 1/2, ~1, ~1
    observed = np.array([1, 0, 1, 0])
    f10 = 1 - np.exp(-10.0)
    assert delay_corrected_rate(elapsed, observed, mu) == pytest.approx((2 + 1 / f10) / 4)
    # A window of 1: only the two old clicks remain.
    assert delay_corrected_rate(elapsed, observed, mu, min_elapsed=1.0) == pytest.approx(
        0.5 / f10)
    with pytest.raises(ValueError, match="min_elapsed"):
        delay_corrected_rate(elapsed, observed, mu, min_elapsed=20.0)


def test_delay_corrections_remove_the_bias():
    log = simulate_delayed_conversions(200_000, conversion_rate=0.1, mean_delay=2.0,
                                       horizon=10.0, random_state=0)
    elapsed, observed, delay = observe_conversions(log, 10.0)
    truth = log.converts.mean()
    # Naive: E[F(age)] for age ~ U(0, 10) is 1 - (2/10)(1 - e^-5) = 0.8013.
    assert observed.mean() == pytest.approx(truth * (1 - 0.2 * (1 - np.exp(-5))), rel=0.02)
    assert delay_corrected_rate(elapsed, observed, 2.0) == pytest.approx(truth, rel=0.02)
    p, mu = fit_delayed_feedback(elapsed, observed, delay)
    assert p == pytest.approx(truth, rel=0.02) and mu == pytest.approx(2.0, rel=0.03)


def test_fit_delayed_feedback_is_the_maximum_likelihood():
    rng = np.random.default_rng(5)
    log = simulate_delayed_conversions(3000, conversion_rate=0.2, mean_delay=3.0, horizon=8.0,
                                       random_state=rng)
    e, o, d = observe_conversions(log, 8.0)

    def nll(t):
        p, lam = 1 / (1 + np.exp(-t[0])), np.exp(t[1])
        arrived = np.log(p) + np.log(lam) - lam * d[o]
        waiting = np.log(1 - p + p * np.exp(-lam * e[~o]))
        return -(arrived.sum() + waiting.sum())

    best = optimize.minimize(nll, [0.0, 0.0], method="Nelder-Mead",
                             options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 5000}).x
    p, mu = fit_delayed_feedback(e, o, d)
    assert p == pytest.approx(1 / (1 + np.exp(-best[0])), rel=1e-5)
    assert mu == pytest.approx(np.exp(-best[1]), rel=1e-5)


def test_fit_delayed_feedback_errors():
    with pytest.raises(ValueError, match="no conversion"):
        fit_delayed_feedback([1.0, 2.0], [0, 0], [np.nan, np.nan])
    with pytest.raises(ValueError, match="observed_delay"):
        fit_delayed_feedback([1.0, 2.0], [1, 0], [3.0, np.nan])
    with pytest.raises(ValueError, match="elapsed"):
        fit_delayed_feedback([-1.0, 2.0], [1, 0], [0.5, np.nan])


# -------------------------------------------------------------------------- the auction


def test_generalized_second_price_hand_worked():
    # eCPM: A 2 × 0.03 × 1000 = 60, B 5 × 0.01 × 1000 = 50, C 1 × 0.02 × 1000 = 20.
    one = generalized_second_price([2.0, 5.0, 1.0], [0.03, 0.01, 0.02])
    assert one.winners.tolist() == [0]
    np.testing.assert_allclose(one.ecpm, [60.0])
    np.testing.assert_allclose(one.price_per_click, [50 / 30])    # B's eCPM / A's pCTR
    two = generalized_second_price([2.0, 5.0, 1.0], [0.03, 0.01, 0.02], n_slots=2)
    assert two.winners.tolist() == [0, 1]
    np.testing.assert_allclose(two.price_per_click, [50 / 30, 20 / 10])
    # The last eligible ad pays the reserve; below the reserve an ad is not shown.
    res = generalized_second_price([2.0, 5.0, 1.0], [0.03, 0.01, 0.02], n_slots=3,
                                   reserve_ecpm=30.0)
    assert res.winners.tolist() == [0, 1]
    np.testing.assert_allclose(res.price_per_click, [50 / 30, 30 / 10])


def test_generalized_second_price_overestimated_ctr_wins_and_pays_less():
    fair = generalized_second_price([2.0, 3.0], [0.02, 0.02])
    assert fair.winners.tolist() == [1]
    inflated = generalized_second_price([2.0, 3.0], [0.04, 0.02])  # ad 0's pCTR doubled
    assert inflated.winners.tolist() == [0]
    np.testing.assert_allclose(inflated.price_per_click, [60 / 40])
    # Price never exceeds the bid (equal eCPMs: the earlier ad wins and pays its bid).
    tie = generalized_second_price([1.0, 1.0], [0.1, 0.1])
    assert tie.winners.tolist() == [0] and tie.price_per_click[0] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="pctr"):
        generalized_second_price([1.0], [0.0])
