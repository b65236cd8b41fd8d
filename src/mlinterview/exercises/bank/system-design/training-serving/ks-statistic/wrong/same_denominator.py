"""Divides both counts by the size of the first sample."""
import numpy as np


def ks_statistics(a, b):
    a = np.sort(np.asarray(a, dtype=float))
    b = np.sort(np.asarray(b, dtype=float))
    x = np.concatenate([a, b])
    gap = (np.searchsorted(a, x, side="right") - np.searchsorted(b, x, side="right")) / a.size
    d_plus = max(float(gap.max()), 0.0)
    d_minus = max(float(-gap.min()), 0.0)
    return max(d_plus, d_minus), d_plus, d_minus
