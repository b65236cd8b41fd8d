"""Walks the merged sorted values one at a time and takes the gap after each: inside a
group of tied values it sees one sample's copies counted without the other's, a gap the
CDFs never have."""
import numpy as np


def ks_statistics(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    values = np.concatenate([a, b])
    from_a = np.r_[np.ones(a.size), np.zeros(b.size)]
    order = np.argsort(values, kind="stable")
    steps = from_a[order]
    gap = np.cumsum(steps) / a.size - np.cumsum(1 - steps) / b.size
    d_plus = max(float(gap.max()), 0.0)
    d_minus = max(float(-gap.min()), 0.0)
    return max(d_plus, d_minus), d_plus, d_minus
