"""Hard-thresholding: zeroes small values but does not shrink the survivors."""
import numpy as np


def lasso_coordinate_step(X, y, w, j, alpha):
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.array(w, float)
    n = X.shape[0]
    x_j = X[:, j]
    norm2 = x_j @ x_j
    if norm2 == 0:
        w[j] = 0.0
        return w
    z = x_j @ (y - X @ w) + norm2 * w[j]
    w[j] = z / norm2 if abs(z) > n * alpha else 0.0
    return w
