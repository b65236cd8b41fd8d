"""Forgets to cap the adjusted values at 1: m p can exceed 1, which is not a probability."""
import numpy as np


def adjust_pvalues(p, method):
    p = np.asarray(p, dtype=float)
    m = p.size
    if method == "bonferroni":
        return m * p
    order = np.argsort(p)
    s = p[order]
    r = np.arange(1, m + 1)
    if method == "holm":
        adj = np.maximum.accumulate(s * (m - r + 1))
    else:
        adj = np.minimum.accumulate((s * m / r)[::-1])[::-1]
    out = np.empty(m)
    out[order] = adj
    return out
