"""Compares the CDFs on a common grid of 100 evenly spaced points between the smallest and
the largest value: the largest gap can fall between grid points."""
import numpy as np


def ks_statistics(a, b):
    a = np.sort(np.asarray(a, dtype=float))
    b = np.sort(np.asarray(b, dtype=float))
    x = np.linspace(min(a[0], b[0]), max(a[-1], b[-1]), 100)
    gap = (np.searchsorted(a, x, side="right") / a.size
           - np.searchsorted(b, x, side="right") / b.size)
    d_plus = max(float(gap.max()), 0.0)
    d_minus = max(float(-gap.min()), 0.0)
    return max(d_plus, d_minus), d_plus, d_minus
