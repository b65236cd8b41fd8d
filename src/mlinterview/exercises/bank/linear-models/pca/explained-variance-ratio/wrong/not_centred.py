"""Takes the SVD of X itself instead of the centred data: the first direction then
points towards the mean and its "variance" includes the squared mean."""
import numpy as np


def explained_variance_ratio(X, threshold):
    s = np.linalg.svd(np.asarray(X, dtype=float), compute_uv=False)
    ratio = s**2 / np.sum(s**2)
    k = int(np.searchsorted(np.cumsum(ratio), threshold, side="right")) + 1
    return ratio, min(k, ratio.size)
