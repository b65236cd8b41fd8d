"""Evaluates the CDFs only at the values of the first sample."""
import numpy as np


def ks_statistics(a, b):
    a = np.sort(np.asarray(a, dtype=float))
    b = np.sort(np.asarray(b, dtype=float))
    gap = (np.searchsorted(a, a, side="right") / a.size
           - np.searchsorted(b, a, side="right") / b.size)
    d_plus = max(float(gap.max()), 0.0)
    d_minus = max(float(-gap.min()), 0.0)
    return max(d_plus, d_minus), d_plus, d_minus
