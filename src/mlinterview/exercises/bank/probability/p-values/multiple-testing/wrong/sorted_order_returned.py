"""Returns the adjusted values in sorted order, forgetting to put them back in the order
of the input hypotheses."""
import numpy as np


def adjust_pvalues(p, method):
    p = np.asarray(p, dtype=float)
    m = p.size
    if method == "bonferroni":
        return np.minimum(m * p, 1.0)
    s = np.sort(p)
    r = np.arange(1, m + 1)
    if method == "holm":
        adj = np.maximum.accumulate(s * (m - r + 1))
    else:
        adj = np.minimum.accumulate((s * m / r)[::-1])[::-1]
    return np.minimum(adj, 1.0)
