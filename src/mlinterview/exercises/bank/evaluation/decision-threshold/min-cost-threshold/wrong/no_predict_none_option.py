"""Forgets the option of predicting nobody positive (threshold inf)."""
import numpy as np


def min_cost_threshold(y_true, scores, cost_fp, cost_fn):
    y = np.asarray(y_true, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tp = np.cumsum(y)[last]
    fp = last + 1 - tp
    cost = cost_fp * fp + cost_fn * (y.sum() - tp)
    i = int(np.argmin(cost))
    return float(s[last][i]), float(cost[i])
