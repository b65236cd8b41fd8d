"""Rescales the weights to sum to 1 before solving: that silently multiplies the penalty
by the total weight, so alpha no longer means what the objective says."""
import numpy as np


def ridge_fit(X, y, alpha, sample_weight=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    s = s / s.sum()
    xm, ym = s @ X, s @ y
    Xc, yc = X - xm, y - ym
    w = np.linalg.solve((Xc.T * s) @ Xc + alpha * np.eye(X.shape[1]), (Xc.T * s) @ yc)
    return w, float(ym - xm @ w)
