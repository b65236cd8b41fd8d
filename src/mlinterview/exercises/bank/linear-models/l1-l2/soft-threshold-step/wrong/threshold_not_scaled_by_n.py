"""Thresholds at alpha instead of n * alpha (mixes the 1/2n and the unscaled objectives)."""
import numpy as np


def lasso_coordinate_step(X, y, w, j, alpha):
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.array(w, float)
    x_j = X[:, j]
    norm2 = x_j @ x_j
    if norm2 == 0:
        w[j] = 0.0
        return w
    z = x_j @ (y - X @ w) + norm2 * w[j]
    w[j] = np.sign(z) * max(abs(z) - alpha, 0.0) / norm2
    return w
