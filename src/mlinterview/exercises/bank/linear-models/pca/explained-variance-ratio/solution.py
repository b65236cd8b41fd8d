import numpy as np


def explained_variance_ratio(X, threshold):
    """Explained variance ratio of every principal direction, and the components needed."""
    X = np.asarray(X, dtype=float)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)   # centred data, largest first
    variance = s**2                      # the common factor 1/(n - 1) cancels in the ratio
    ratio = variance / variance.sum()
    # The first k whose running total exceeds the threshold (strictly), at most r.
    cumulative = np.cumsum(ratio)
    k = int(np.searchsorted(cumulative, threshold, side="right")) + 1
    return ratio, min(k, ratio.size)
