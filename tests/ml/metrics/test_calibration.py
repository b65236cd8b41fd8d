"""Brier score and calibration curve against scikit-learn (1e-12, same arithmetic)."""

import numpy as np
import pytest
from sklearn import calibration as skc
from sklearn import metrics as skm

from mlinterview.ml import metrics


def _data(n, seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    return y, np.clip(0.3 * y + 0.7 * rng.random(n), 0, 1).round(2)


@pytest.mark.parametrize("n", [2, 50, 2000])
def test_brier_score(n):
    y, p = _data(n, n)
    w = np.linspace(0.1, 1, n)
    assert metrics.brier_score_loss(y, p) == pytest.approx(skm.brier_score_loss(y, p),
                                                           rel=1e-12)
    assert metrics.brier_score_loss(y, p, sample_weight=w) == pytest.approx(
        skm.brier_score_loss(y, p, sample_weight=w), rel=1e-12)
    labels = np.where(y == 1, "yes", "no")
    assert metrics.brier_score_loss(labels, p, pos_label="yes") == pytest.approx(
        skm.brier_score_loss(labels, p, pos_label="yes"), rel=1e-12)


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
@pytest.mark.parametrize("n_bins", [1, 5, 10, 50])
def test_calibration_curve(strategy, n_bins):
    y, p = _data(500, n_bins)
    ours = metrics.calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    ref = skc.calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)


def test_perfect_calibration_closed_form():
    # Labels drawn with probability p: each bin's positive rate is near its mean p.
    rng = np.random.default_rng(0)
    p = rng.random(200_000)
    y = (rng.random(p.size) < p).astype(int)
    prob_true, prob_pred = metrics.calibration_curve(y, p, n_bins=10)
    np.testing.assert_allclose(prob_true, prob_pred, atol=0.01)
    # Brier of calibrated uniform p: E[p(1 - p)] = 1/6.
    assert metrics.brier_score_loss(y, p) == pytest.approx(1 / 6, abs=0.003)


def test_bad_input():
    with pytest.raises(ValueError, match="y_prob"):
        metrics.calibration_curve([0, 1], [0.2, 1.2])
    with pytest.raises(ValueError, match="pos_label"):
        metrics.brier_score_loss(["a", "b"], [0.2, 0.3])
    with pytest.raises(ValueError, match="strategy"):
        metrics.calibration_curve([0, 1], [0.2, 0.3], strategy="kmeans")
