"""Breaks ties in cost towards the smallest threshold instead of the largest."""
import numpy as np


def min_cost_threshold(y_true, scores, cost_fp, cost_fn):
    y = np.asarray(y_true, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tp = np.r_[0, np.cumsum(y)[last]]
    fp = np.r_[0, last + 1 - tp[1:]]
    cost = cost_fp * fp + cost_fn * (y.sum() - tp)
    thresholds = np.r_[np.inf, s[last]]
    i = len(cost) - 1 - int(np.argmin(cost[::-1]))
    return float(thresholds[i]), float(cost[i])
