import numpy as np


def lasso_coordinate_step(X, y, w, j, alpha):
    """w (p,) with coordinate j replaced by its exact lasso minimiser (others fixed).

    Objective: (1/2n)||y - X w||² + alpha ||w||₁, X (n, p), y (n,).
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.array(w, dtype=float)
    raise NotImplementedError("partial residual, soft-threshold, divide by ||x_j||²")
