"""Appends a column of ones and solves one ridge system: the intercept is shrunk towards
0 with the weights, so the fit depends on where the origin of y is."""
import numpy as np


def ridge_fit(X, y, alpha, sample_weight=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    Z = np.hstack([X, np.ones((len(y), 1))])
    theta = np.linalg.solve((Z.T * s) @ Z + alpha * np.eye(Z.shape[1]), (Z.T * s) @ y)
    return theta[:-1], float(theta[-1])
