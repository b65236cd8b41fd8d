"""Benjamini-Hochberg without the running minimum: m p_(i) / i alone is not monotone, so
a smaller p-value can end up with a larger adjusted value than a bigger one."""
import numpy as np


def adjust_pvalues(p, method):
    p = np.asarray(p, dtype=float)
    m = p.size
    if method == "bonferroni":
        return np.minimum(m * p, 1.0)
    order = np.argsort(p)
    s = p[order]
    r = np.arange(1, m + 1)
    adj = np.maximum.accumulate(s * (m - r + 1)) if method == "holm" else s * m / r
    out = np.empty(m)
    out[order] = np.minimum(adj, 1.0)
    return out
