"""Choosing the cut-off of an anomaly score on a labelled validation set."""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import (
    check_1d,
    check_consistent_length,
    check_finite,
    check_option,
    check_scalar,
)
from mlinterview.ml.metrics import best_threshold

METHODS = ("f1", "fpr")


def select_threshold(y_true, anomaly_score, *, method="f1", max_fpr=0.01) -> float:
    """The threshold ``t`` on ``anomaly_score`` (flag when ``score >= t``).

    Parameters
    ----------
    y_true : (n_samples,) 1 for an anomaly, 0 for normal (validation labels).
    anomaly_score : (n_samples,) higher = more anomalous (e.g. ``-score_samples``).
    method :
        ``"f1"``: maximise F1 of the anomaly class
        (:func:`mlinterview.ml.metrics.best_threshold`);
        ``"fpr"``: the lowest threshold whose false-positive rate on the normal
        validation points is at most ``max_fpr`` (needs only normal points; useful
        when labelled anomalies are too few to trust an F1 optimum).
    max_fpr : float in [0, 1), for ``"fpr"``.

    Returns
    -------
    float; may be ``inf`` (flag nothing).
    """
    check_option(method, "method", METHODS)
    y = check_1d(y_true, "y_true")
    s = check_finite(check_1d(anomaly_score, "anomaly_score").astype(np.float64),
                     "anomaly_score")
    check_consistent_length(y_true=y, anomaly_score=s)
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true: expected 0 (normal) / 1 (anomaly) labels")
    if method == "f1":
        if not (y == 1).any():
            raise ValueError("y_true: method 'f1' needs at least one anomaly")
        return best_threshold(y.astype(np.int64), s, method="f_beta", beta=1.0)[0]
    check_scalar(max_fpr, "max_fpr", numbers.Real, lo=0.0, hi=1.0, include_hi=False)
    normal = np.sort(s[y == 0])[::-1]               # descending
    if normal.size == 0:
        raise ValueError("y_true: method 'fpr' needs normal (0) samples")
    # Flagging the top j normal scores costs FPR j/n; allow j = floor(max_fpr * n) of
    # them, and stop above the next one (ties with it would be flagged too).
    j = int(np.floor(max_fpr * normal.size + 1e-12))
    if j >= normal.size:
        return float(normal[-1])
    return float(np.nextafter(normal[j], np.inf))
