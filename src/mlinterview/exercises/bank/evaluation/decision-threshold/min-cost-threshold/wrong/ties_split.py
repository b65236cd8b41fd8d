"""Cuts between samples with equal scores, as if a threshold could separate them."""
import numpy as np


def min_cost_threshold(y_true, scores, cost_fp, cost_fn):
    y = np.asarray(y_true, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    tp = np.r_[0, np.cumsum(y)]
    fp = np.r_[0, np.arange(1, len(s) + 1) - tp[1:]]
    cost = cost_fp * fp + cost_fn * (y.sum() - tp)
    thresholds = np.r_[np.inf, s]
    i = int(np.argmin(cost))
    return float(thresholds[i]), float(cost[i])
