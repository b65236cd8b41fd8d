"""Mixes 0-based and 1-based ranks in Holm: multiplies the i-th smallest by m - i (so the
smallest gets m - 1 instead of m, and the largest 0)."""
import numpy as np


def adjust_pvalues(p, method):
    p = np.asarray(p, dtype=float)
    m = p.size
    if method == "bonferroni":
        return np.minimum(m * p, 1.0)
    order = np.argsort(p)
    s = p[order]
    r = np.arange(1, m + 1)
    if method == "holm":
        adj = np.maximum.accumulate(s * (m - r))
    else:
        adj = np.minimum.accumulate((s * m / r)[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adj, 1.0)
    return out
