"""Holm without the running maximum: (m - i + 1) p_(i) alone can decrease along the
sorted order, which the step-down procedure does not allow."""
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
        adj = s * (m - r + 1)
    else:
        adj = np.minimum.accumulate((s * m / r)[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adj, 1.0)
    return out
