"""Anomaly detectors against SciPy and scikit-learn.

- GaussianDensity / EllipticGaussian: ``score_samples`` equals
  ``scipy.stats.multivariate_normal.logpdf`` at the fitted mean and covariance within
  1e-10 (both evaluate the same log-density in float64), and the fitted moments equal
  NumPy's (MLE covariance, ``bias=True``) plus ``reg_covar``.
- IsolationForest: ``average_path_length`` equals scikit-learn's ``c(n)`` (1e-12); on a
  contaminated set the ROC-AUC averaged over 5 seeds is within 0.02 of
  ``sklearn.ensemble.IsolationForest``'s (the trees are random, so only the quality can be
  compared), the scores have the same range and ``offset_`` conventions.
"""

import numpy as np
import pytest
from scipy.stats import multivariate_normal
from sklearn.ensemble import IsolationForest as SkIsolationForest
from sklearn.ensemble._iforest import _average_path_length
from sklearn.metrics import roc_auc_score

from mlinterview.ml.anomaly import (
    EllipticGaussian,
    GaussianDensity,
    IsolationForest,
    average_path_length,
)


def _correlated(n, d, seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(d, d))
    return rng.normal(size=(n, d)) @ A + rng.normal(size=d) * 3


@pytest.mark.parametrize("d", [1, 3, 8])
@pytest.mark.parametrize("covariance", ["diag", "full"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_gaussian_log_density_matches_scipy(d, covariance, dtype):
    X = _correlated(400, d, seed=d).astype(dtype)
    X_test = _correlated(50, d, seed=d + 100) * 1.5
    model = GaussianDensity(covariance=covariance).fit(X)
    X64 = X.astype(np.float64)
    np.testing.assert_allclose(model.location_, X64.mean(axis=0), rtol=1e-12, atol=1e-12)
    cov = np.atleast_2d(np.cov(X64, rowvar=False, bias=True))
    if covariance == "diag":
        cov = np.diag(np.diag(cov))
    np.testing.assert_allclose(model.covariance_, cov + 1e-6 * np.eye(d), rtol=1e-10,
                               atol=1e-12)
    ref = multivariate_normal(mean=model.location_, cov=model.covariance_).logpdf(X_test)
    np.testing.assert_allclose(model.score_samples(X_test), np.atleast_1d(ref), rtol=1e-10,
                               atol=1e-10)


def test_elliptic_gaussian_is_the_full_covariance_model():
    X = _correlated(300, 4, seed=9)
    ell, full = EllipticGaussian().fit(X), GaussianDensity(covariance="full").fit(X)
    assert ell.covariance == "full"
    np.testing.assert_array_equal(ell.score_samples(X), full.score_samples(X))


def test_full_covariance_catches_a_broken_correlation_that_diag_misses():
    """Two strongly correlated features; the point (2, -2) is ordinary per feature but
    far off the diagonal: the full model ranks it as the outlier, the diagonal one not."""
    rng = np.random.default_rng(0)
    z = rng.normal(size=2000)
    X = np.c_[z, z + 0.1 * rng.normal(size=2000)]
    probe = np.array([[2.0, -2.0], [2.5, 2.5]])
    full = GaussianDensity(covariance="full").fit(X).score_samples(probe)
    diag = GaussianDensity(covariance="diag").fit(X).score_samples(probe)
    assert full[0] < full[1] and diag[0] > diag[1]


def test_zero_variance_feature_is_regularised():
    X = _correlated(100, 3, seed=1)
    X[:, 1] = 4.0
    for cov in ("diag", "full"):
        s = GaussianDensity(covariance=cov).fit(X).score_samples(X)
        assert np.isfinite(s).all()
    with pytest.raises(ValueError, match="reg_covar"):
        GaussianDensity(covariance="full", reg_covar=0.0).fit(X)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 10, 255, 256, 10_000])
def test_average_path_length_matches_scikit_learn(n):
    np.testing.assert_allclose(average_path_length(n), _average_path_length([n])[0],
                               rtol=1e-12)


def test_average_path_length_closed_form_by_hand():
    # c(3) = 2 (ln 2 + gamma) - 4/3; c(2) = 1 (two points: one split).
    np.testing.assert_allclose(average_path_length([1, 2, 3]),
                               [0.0, 1.0, 2 * (np.log(2) + np.euler_gamma) - 4 / 3],
                               rtol=1e-14)
    assert average_path_length(np.array([[5, 6]])).shape == (1, 2)


def _contaminated(seed, n=2000, d=6, share=0.05):
    rng = np.random.default_rng(seed)
    n_out = int(n * share)
    X = rng.normal(size=(n, d))
    X[:n_out] = rng.uniform(-6, 6, size=(n_out, d))
    y = np.zeros(n, int)
    y[:n_out] = 1
    return X, y


def test_roc_auc_close_to_scikit_learn_averaged_over_seeds():
    ours, ref = [], []
    for seed in range(5):
        X, y = _contaminated(seed)
        ours.append(roc_auc_score(y, -IsolationForest(n_estimators=50, random_state=seed)
                                  .fit(X).score_samples(X)))
        ref.append(roc_auc_score(y, -SkIsolationForest(n_estimators=50, random_state=seed)
                                 .fit(X).score_samples(X)))
    assert abs(np.mean(ours) - np.mean(ref)) < 0.02
    assert np.mean(ours) > 0.9


def test_score_ranges_and_sign_conventions_match_scikit_learn():
    X, y = _contaminated(11)
    ours = IsolationForest(random_state=0).fit(X)
    ref = SkIsolationForest(random_state=0).fit(X)
    s, r = ours.score_samples(X), ref.score_samples(X)
    assert s.min() > -1 and s.max() < 0
    assert r.min() > -1 and r.max() < 0
    assert ours.offset_ == ref.offset_ == -0.5
    # Means of normal and anomalous scores agree within a few hundredths.
    for mask in (y == 0, y == 1):
        assert abs(s[mask].mean() - r[mask].mean()) < 0.03
    np.testing.assert_array_equal(ours.decision_function(X), s + 0.5)
    np.testing.assert_array_equal(ours.predict(X), np.where(s + 0.5 < 0, -1, 1))


@pytest.mark.parametrize("contamination", [0.01, 0.05, 0.2])
def test_float_contamination_flags_that_share_of_training_data(contamination):
    X, _ = _contaminated(3)
    ours = IsolationForest(contamination=contamination, random_state=1).fit(X)
    ref = SkIsolationForest(contamination=contamination, random_state=1).fit(X)
    share = (ours.predict(X) == -1).mean()
    assert share == pytest.approx((ref.predict(X) == -1).mean(), abs=0.002)
    assert share == pytest.approx(contamination, abs=0.001)
