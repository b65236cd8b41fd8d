"""Are predicted probabilities trustworthy? :func:`brier_score_loss` and
:func:`calibration_curve` (the reliability diagram), with scikit-learn's names.

A model is *calibrated* when, among the samples it gives probability ``p``, a share ``p``
is positive. Ranking metrics (ROC AUC) ignore this; expected-cost decisions need it.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import (
    check_1d,
    check_consistent_length,
    check_option,
    check_scalar,
)
from mlinterview.ml.metrics._labels import check_label_vector, check_scores, check_weights


def _binary_targets(y_true, y_prob, pos_label, prob_name="y_prob"):
    """0/1 floats for ``y == pos_label`` and the probabilities, checked; ``prob_name`` is
    the caller's name for the probabilities (``y_proba`` or ``y_prob``)."""
    y, _ = check_label_vector(y_true, "y_true")
    p = check_scores(check_1d(y_prob, prob_name), prob_name)
    check_consistent_length(**{"y_true": y, prob_name: p})
    if (p < 0).any() or (p > 1).any():
        raise ValueError(f"{prob_name}: expected probabilities in [0, 1], got values outside")
    classes = np.unique(y)
    if len(classes) > 2:
        raise ValueError(f"y_true: expected binary labels, got {len(classes)} classes")
    if pos_label is None:
        if not (set(classes.tolist()) <= {0, 1} or set(classes.tolist()) <= {-1, 1}):
            raise ValueError(f"pos_label: required when the labels of y_true are not 0/1 or "
                             f"-1/1, got labels {classes.tolist()}")
        pos_label = 1
    return (y == pos_label).astype(np.float64), p


def brier_score_loss(y_true, y_proba, *, sample_weight=None, pos_label=None):
    """Mean squared error of probabilities: ``mean_i (p_i - [y_i = pos])^2``, in [0, 1].

    ``y_true`` of shape (n_samples,) with two classes, ``y_proba`` the probability of the
    positive class. A proper scoring rule: it is minimised by the true probabilities.
    """
    y, p = _binary_targets(y_true, y_proba, pos_label, "y_proba")
    w = check_weights(sample_weight, len(y))
    return float(np.average((p - y) ** 2, weights=w))


def calibration_curve(y_true, y_prob, *, pos_label=None, n_bins=5, strategy="uniform"):
    """Observed positive rate against mean predicted probability, per bin.

    Parameters
    ----------
    y_true : (n_samples,) binary labels; y_prob : (n_samples,) probabilities
    n_bins : int >= 1
    strategy : "uniform" (equal-width bins on [0, 1]) or "quantile" (equal counts)

    Returns
    -------
    prob_true, prob_pred : arrays of shape (n_nonempty_bins,); a calibrated model has
        ``prob_true ≈ prob_pred``.
    """
    y, p = _binary_targets(y_true, y_prob, pos_label)
    check_scalar(n_bins, "n_bins", int, lo=1)
    check_option(strategy, "strategy", ("uniform", "quantile"))
    if strategy == "uniform":
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    else:
        edges = np.percentile(p, np.linspace(0, 100, n_bins + 1))
    # Inner edges only: bin b holds edges[b] < p <= edges[b + 1] (searchsorted "left").
    bins = np.searchsorted(edges[1:-1], p)
    total = np.bincount(bins, minlength=len(edges))
    sum_p = np.bincount(bins, weights=p, minlength=len(edges))
    sum_y = np.bincount(bins, weights=y, minlength=len(edges))
    keep = total > 0
    return sum_y[keep] / total[keep], sum_p[keep] / total[keep]
