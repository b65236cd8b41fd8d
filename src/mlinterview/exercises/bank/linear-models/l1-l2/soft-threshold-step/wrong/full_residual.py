"""Uses the full residual y - X w, forgetting to add back feature j's own contribution."""
import numpy as np


def lasso_coordinate_step(X, y, w, j, alpha):
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.array(w, float)
    n = X.shape[0]
    x_j = X[:, j]
    norm2 = x_j @ x_j
    if norm2 == 0:
        w[j] = 0.0
        return w
    z = x_j @ (y - X @ w)
    w[j] = np.sign(z) * max(abs(z) - n * alpha, 0.0) / norm2
    return w
