"""Choosing the decision threshold of a binary scorer: :func:`threshold_metrics` (every
count and rate at every distinct threshold) and :func:`best_threshold`.

A sample is predicted positive when ``score >= threshold``. The candidates are the
distinct scores plus ``+inf`` (predict nothing positive); one sort and two cumulative
sums give TP and FP at all of them, so no loop over thresholds.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import (
    check_1d,
    check_consistent_length,
    check_option,
    check_scalar,
)
from mlinterview.ml.metrics._labels import check_scores

METHODS = ("f_beta", "youden", "cost", "precision_at", "recall_at")


def threshold_metrics(y_true, y_score) -> dict[str, np.ndarray]:
    """Counts and rates at every candidate threshold, thresholds in decreasing order.

    Returns a dict of arrays of shape (n_thresholds,): ``threshold`` (``inf`` first),
    ``tp``, ``fp``, ``fn``, ``tn``, ``precision`` (1 where nothing is predicted
    positive), ``recall`` (= TPR) and ``fpr``. ``y_true`` is 0/1 (or boolean).
    """
    y = check_1d(y_true, "y_true")
    s = check_scores(check_1d(y_score, "y_score"), "y_score")
    check_consistent_length(y_true=y, y_score=s)
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true: expected 0/1 labels (1 = positive)")
    y = y.astype(np.int64)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    # The last index of each run of equal scores: the threshold equal to that score
    # admits everything up to there.
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tp = np.r_[0, np.cumsum(y)[last]]
    fp = np.r_[0, (last + 1) - tp[1:]]
    n_pos, n_neg = int(y.sum()), len(y) - int(y.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
        recall = tp / n_pos if n_pos else np.zeros(len(tp))
        fpr = fp / n_neg if n_neg else np.zeros(len(fp))
    return {"threshold": np.r_[np.inf, s[last]], "tp": tp, "fp": fp, "fn": n_pos - tp,
            "tn": n_neg - fp, "precision": precision, "recall": recall, "fpr": fpr}


def best_threshold(y_true, y_score, *, method="f_beta", beta=1.0, cost_fp=1.0, cost_fn=1.0,
                   target=None):
    """The threshold that optimises a criterion, and the criterion's value there.

    Parameters
    ----------
    y_true : (n_samples,) 0/1 labels; y_score : (n_samples,) scores (higher = positive)
    method :
        ``"f_beta"``: maximise F-beta (``beta > 1`` favours recall);
        ``"youden"``: maximise Youden's J = TPR - FPR (the ROC point farthest above chance);
        ``"cost"``: minimise ``cost_fp * FP + cost_fn * FN`` (value: the total cost);
        ``"precision_at"``: the highest recall with precision >= ``target``
        (value: that recall);
        ``"recall_at"``: the highest precision with recall >= ``target``
        (value: that precision).
    Ties are broken towards the **highest** threshold (fewest positive predictions).

    Returns
    -------
    (threshold, value) : floats; ``threshold`` may be ``inf`` (predict no positive).
    """
    check_option(method, "method", METHODS)
    m = threshold_metrics(y_true, y_score)
    if method == "f_beta":
        check_scalar(beta, "beta", lo=0.0, include_lo=False)
        b2 = beta * beta
        den = (1 + b2) * m["tp"] + b2 * m["fn"] + m["fp"]
        value = np.divide((1 + b2) * m["tp"], den, out=np.zeros(len(den)), where=den > 0)
        objective = value
    elif method == "youden":
        value = m["recall"] - m["fpr"]
        objective = value
    elif method == "cost":
        check_scalar(cost_fp, "cost_fp", lo=0.0)
        check_scalar(cost_fn, "cost_fn", lo=0.0)
        value = cost_fp * m["fp"] + cost_fn * m["fn"]
        objective = -value
    else:
        if target is None:
            raise ValueError(f"target: method {method!r} needs a target in [0, 1], got None")
        check_scalar(target, "target", lo=0.0, hi=1.0)
        meets, value = ((m["precision"] >= target, m["recall"]) if method == "precision_at"
                        else (m["recall"] >= target, m["precision"]))
        if not meets.any():
            raise ValueError(f"target: no threshold reaches {method[:-3]} {target}")
        objective = np.where(meets, value, -np.inf)
    # argmax returns the first maximiser, and thresholds decrease: the highest one wins.
    i = int(np.argmax(objective))
    return float(m["threshold"][i]), float(value[i])
