import numpy as np


def rbf_kernel(X, Y=None, gamma=None):
    """K[i, j] = exp(-gamma ||X[i] - Y[j]||²), shape (n, m)."""
    X = np.asarray(X, dtype=float)
    Y = X if Y is None else np.asarray(Y, dtype=float)
    if gamma is None:
        gamma = 1.0 / X.shape[1]
    # ||x - y||² = ||x||² + ||y||² - 2 x·y for every pair: one (n, m) matrix product.
    sq_dist = np.sum(X**2, axis=1)[:, None] + np.sum(Y**2, axis=1)[None, :] - 2 * X @ Y.T
    # Rounding can leave -1e-12 where the true value is 0; a squared distance is >= 0.
    sq_dist = np.maximum(sq_dist, 0.0)
    return np.exp(-gamma * sq_dist)
