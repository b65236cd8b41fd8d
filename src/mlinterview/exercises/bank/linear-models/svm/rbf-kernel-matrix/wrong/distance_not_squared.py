"""Uses the distance ||x - y|| instead of its square: exp(-gamma ||x - y||) is the
Laplacian-type kernel, not the Gaussian RBF kernel."""
import numpy as np


def rbf_kernel(X, Y=None, gamma=None):
    X = np.asarray(X, dtype=float)
    Y = X if Y is None else np.asarray(Y, dtype=float)
    gamma = 1.0 / X.shape[1] if gamma is None else gamma
    sq = (X * X).sum(axis=1)[:, None] + (Y * Y).sum(axis=1)[None, :] - 2 * X @ Y.T
    return np.exp(-gamma * np.sqrt(np.maximum(sq, 0.0)))
