"""Uses sample variances (ddof=1) for the parent and the children."""
from itertools import pairwise

import numpy as np


def best_variance_split(x, y, min_samples_leaf=1):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xs_all = np.unique(x)
    best, best_gain = None, -np.inf
    for a, b in pairwise(xs_all):
        t = (a + b) / 2
        left, right = y[x <= t], y[x > t]
        if min(len(left), len(right)) < min_samples_leaf:
            continue
        vl = left.var(ddof=1) if len(left) > 1 else 0.0
        vr = right.var(ddof=1) if len(right) > 1 else 0.0
        gain = y.var(ddof=1) - len(left) / len(y) * vl - len(right) / len(y) * vr
        if gain > best_gain:
            best, best_gain = t, gain
    return (None, 0.0) if best is None else (float(best), float(best_gain))
