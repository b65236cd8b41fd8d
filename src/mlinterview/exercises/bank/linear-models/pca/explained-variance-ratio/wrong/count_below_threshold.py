"""Returns the number of components whose running total is still at or below the
threshold (searchsorted without the + 1): one component short of reaching it."""
import numpy as np


def explained_variance_ratio(X, threshold):
    X = np.asarray(X, dtype=float)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    ratio = s**2 / np.sum(s**2)
    return ratio, int(np.searchsorted(np.cumsum(ratio), threshold, side="right"))
