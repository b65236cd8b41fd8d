import numpy as np


def min_cost_threshold(y_true, scores, cost_fp, cost_fn):
    """Threshold (a distinct score or inf) minimising cost_fp * FP + cost_fn * FN."""
    y = np.asarray(y_true, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    # Cut after the last sample of each run of equal scores (threshold = that score).
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tp = np.r_[0, np.cumsum(y)[last]]
    fp = np.r_[0, last + 1 - tp[1:]]
    fn = y.sum() - tp
    cost = cost_fp * fp + cost_fn * fn
    thresholds = np.r_[np.inf, s[last]]       # decreasing
    i = int(np.argmin(cost))                  # first minimum = largest threshold
    return float(thresholds[i]), float(cost[i])
