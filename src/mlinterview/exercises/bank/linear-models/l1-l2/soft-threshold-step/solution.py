import numpy as np


def lasso_coordinate_step(X, y, w, j, alpha):
    """w (p,) with coordinate j replaced by its exact lasso minimiser (others fixed)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.array(w, dtype=float)          # a copy: the caller's w is left alone
    n = X.shape[0]
    x_j = X[:, j]
    norm2 = x_j @ x_j
    if norm2 == 0.0:
        w[j] = 0.0
        return w
    # Correlation of x_j with the residual that ignores feature j's own contribution.
    z = x_j @ (y - X @ w) + norm2 * w[j]
    w[j] = np.sign(z) * max(abs(z) - n * alpha, 0.0) / norm2
    return w
