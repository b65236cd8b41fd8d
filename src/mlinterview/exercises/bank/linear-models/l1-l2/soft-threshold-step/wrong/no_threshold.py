"""Plain least-squares coordinate update: forgets the soft-threshold, so no exact zeros."""
import numpy as np


def lasso_coordinate_step(X, y, w, j, alpha):
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.array(w, float)
    x_j = X[:, j]
    norm2 = x_j @ x_j
    if norm2 == 0:
        w[j] = 0.0
        return w
    w[j] = (x_j @ (y - X @ w) + norm2 * w[j]) / norm2
    return w
