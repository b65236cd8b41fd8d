"""Expands the squared distance but does not clip it at 0: for equal rows rounding leaves
tiny negative values, and exp turns them into kernel values above 1."""
import numpy as np


def rbf_kernel(X, Y=None, gamma=None):
    X = np.asarray(X, dtype=float)
    Y = X if Y is None else np.asarray(Y, dtype=float)
    gamma = 1.0 / X.shape[1] if gamma is None else gamma
    sq = (X * X).sum(axis=1)[:, None] + (Y * Y).sum(axis=1)[None, :] - 2 * X @ Y.T
    return np.exp(-gamma * sq)
