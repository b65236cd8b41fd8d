"""Anomaly detectors without a reference library: hand-worked trees and projections,
an independent (slow) traversal of the stored trees, thresholds worked by hand, errors."""

import numpy as np
import pytest

from mlinterview.ml.anomaly import (
    GaussianDensity,
    IsolationForest,
    PCAReconstructionDetector,
    average_path_length,
    select_threshold,
)


def test_two_point_trees_give_score_minus_one_half_everywhere():
    # max_samples=2: depth limit 1, the root splits the two points, each leaf holds one:
    # path = 1 + c(1) = 1 = c(2), so s = 2 ** -1 for any input.
    X = np.random.default_rng(0).normal(size=(50, 3))
    model = IsolationForest(n_estimators=7, max_samples=2, random_state=0).fit(X)
    np.testing.assert_allclose(model.score_samples(np.r_[X, [[100.0, -100.0, 0.0]]]), -0.5)


def test_constant_data_is_one_leaf_with_c_of_psi():
    X = np.full((300, 2), 3.0)
    model = IsolationForest(n_estimators=3, random_state=0).fit(X)
    np.testing.assert_allclose(model.path_length(X[:5]), average_path_length(256))
    np.testing.assert_allclose(model.score_samples(X[:5]), -0.5)


def _slow_path_length(model, x):
    """Walk each stored tree from the root, one node at a time (pure Python)."""
    total = 0.0
    n_internal = 2**model.depth_ - 1
    for t in range(model.n_estimators):
        node = 0
        while node < n_internal:
            f, thr = model.feature_[t, node], model.threshold_[t, node]
            node = 2 * node + (2 if x[f] > thr else 1)
        total += model.leaf_value_[t, node - n_internal]
    return total / model.n_estimators


@pytest.mark.parametrize(("n_estimators", "max_samples"), [(5, 64), (1, 2), (1, 100), (8, 300),
                                                            (33, 16)])
def test_vectorised_traversal_equals_a_slow_walk(n_estimators, max_samples):
    # One tree, a power of two and not: the trees share one heap whose size depends on it.
    rng = np.random.default_rng(1)
    X = rng.normal(size=(600, 4))
    model = IsolationForest(n_estimators=n_estimators, max_samples=max_samples,
                            random_state=2).fit(X)
    probe = np.r_[X[:20], rng.normal(size=(10, 4)) * 4]
    slow = [_slow_path_length(model, x) for x in probe]
    np.testing.assert_allclose(model.path_length(probe, chunk=7), slow, rtol=1e-12)


def test_trees_isolate_every_training_row_of_a_small_subsample():
    # With max_samples = n = 8 distinct rows (depth limit 3), every tree sees all rows and
    # the leaf values of the rows (depth + c(rows in leaf)) are at most 3 + c(8).
    X = np.random.default_rng(3).normal(size=(8, 2))
    model = IsolationForest(n_estimators=20, max_samples=8, random_state=0).fit(X)
    assert model.depth_ == 3
    pl = model.path_length(X)
    assert (pl >= 1).all() and (pl <= 3 + average_path_length(8)).all()


def test_isolation_forest_is_deterministic_for_a_seed():
    X = np.random.default_rng(4).normal(size=(500, 3))
    a = IsolationForest(random_state=5).fit(X).score_samples(X)
    b = IsolationForest(random_state=5).fit(X).score_samples(X)
    c = IsolationForest(random_state=6).fit(X).score_samples(X)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_outliers_score_lower_than_inliers():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(1000, 2))
    s = IsolationForest(random_state=0).fit(X).score_samples(np.array([[0.0, 0.0],
                                                                      [8.0, 8.0]]))
    assert s[1] < -0.6 < s[0]


def test_pca_reconstruction_error_by_hand():
    # Points on the line y = x through the origin: the principal axis is (1, 1)/sqrt(2).
    X = np.array([[-2.0, -2.0], [-1.0, -1.0], [1.0, 1.0], [2.0, 2.0]])
    model = PCAReconstructionDetector(n_components=1).fit(X)
    # (1, -1) is orthogonal to the line: all of it is residual, |(1,-1)|^2 = 2.
    # (3, 3) lies on the line: residual 0. (2, 0) = (1,1) + (1,-1): residual 2.
    np.testing.assert_allclose(model.reconstruction_error([[1.0, -1.0], [3.0, 3.0],
                                                           [2.0, 0.0]]),
                               [2.0, 0.0, 2.0], atol=1e-12)
    np.testing.assert_allclose(model.score_samples([[1.0, -1.0]]), [-2.0], atol=1e-12)


def test_pca_reconstruction_error_equals_explicit_projection():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(200, 2)) @ rng.normal(size=(2, 5)) + 0.05 * rng.normal(size=(200, 5))
    probe = rng.normal(size=(30, 5))
    model = PCAReconstructionDetector(n_components=2).fit(X)
    mu = X.mean(axis=0)
    _, _, vt = np.linalg.svd(X - mu, full_matrices=False)
    P = vt[:2].T @ vt[:2]                                # projector onto the top-2 axes
    residual = (probe - mu) - (probe - mu) @ P
    np.testing.assert_allclose(model.reconstruction_error(probe),
                               (residual**2).sum(axis=1), rtol=1e-9)


def test_contamination_quantile_sets_the_offset():
    X = np.random.default_rng(9).normal(size=(1000, 3))
    for model in (GaussianDensity(contamination=0.05), PCAReconstructionDetector(
            n_components=2, contamination=0.05)):
        model.fit(X)
        assert (model.predict(X) == -1).mean() == pytest.approx(0.05, abs=0.002)


def test_select_threshold_max_f1_by_hand():
    # Scores (high = anomalous) and labels; t = 0.7 flags {0.9, 0.8, 0.7}: TP 2, FP 1,
    # FN 0 -> F1 = 4/5, better than t = 0.9 (F1 = 2/3) or t = 0.8 (TP 1, FP 1: 1/2).
    y = [1, 0, 1, 0, 0]
    s = [0.9, 0.8, 0.7, 0.2, 0.1]
    assert select_threshold(y, s, method="f1") == 0.7


def test_select_threshold_target_fpr_by_hand():
    # 4 normal scores; max_fpr = 0.25 allows flagging one of them (0.8), not 0.5.
    y = [0, 0, 0, 0, 1]
    s = [0.1, 0.5, 0.8, 0.3, 0.6]
    t = select_threshold(y, s, method="fpr", max_fpr=0.25)
    assert 0.5 < t <= 0.5 + 1e-12
    assert select_threshold(y, s, method="fpr", max_fpr=0.0) > 0.8
    # 0.99 * 4 = 3.96 -> three normals may be flagged (FPR 0.75), the lowest (0.1) not.
    assert select_threshold(y, s, method="fpr", max_fpr=0.99) == np.nextafter(0.1, 1.0)


@pytest.mark.parametrize("call, name", [
    (lambda: IsolationForest(n_estimators=0).fit(np.zeros((5, 2))), "n_estimators"),
    (lambda: IsolationForest(max_samples="many").fit(np.zeros((5, 2))), "max_samples"),
    (lambda: IsolationForest(contamination=0.7).fit(np.zeros((5, 2))), "contamination"),
    (lambda: GaussianDensity(covariance="tied").fit(np.zeros((5, 2))), "covariance"),
    (lambda: GaussianDensity().fit(np.zeros(5)), "X"),
    (lambda: GaussianDensity().score_samples(np.zeros((5, 2))), "not fitted"),
    (lambda: GaussianDensity().fit(np.ones((5, 2))).score_samples(np.ones((2, 3))), "X"),
    (lambda: select_threshold([0, 1], [0.1, 0.2], method="max"), "method"),
    (lambda: select_threshold([0, 2], [0.1, 0.2]), "y_true"),
    (lambda: select_threshold([0, 0], [0.1, 0.2], method="f1"), "y_true"),
    (lambda: select_threshold([0, 1], [0.1, np.nan]), "anomaly_score"),
    (lambda: select_threshold([0, 1], [0.1, 0.2], method="fpr", max_fpr=1.0), "max_fpr"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises((ValueError, TypeError), match=name):
        call()


def test_auto_offsets():
    X = np.random.default_rng(10).normal(size=(4000, 3))
    g = GaussianDensity(contamination="auto").fit(X)
    # "auto": the log-density at squared Mahalanobis distance d + 3 sqrt(2 d).
    d = 3
    var = X.var(axis=0) + 1e-6
    expected = -0.5 * (d * np.log(2 * np.pi) + np.log(var).sum() + d + 3 * np.sqrt(2 * d))
    assert g.offset_ == pytest.approx(expected, rel=1e-12)
    pca = PCAReconstructionDetector(n_components=2, contamination="auto").fit(X)
    assert (pca.predict(X) == -1).mean() == pytest.approx(0.01, abs=0.001)
    assert IsolationForest(n_estimators=5, random_state=0).fit(X).offset_ == -0.5
