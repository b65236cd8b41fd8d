"""Weights the normal equations but centres with the plain means: the intercept no longer
absorbs the weighted mean, and a sample of weight 0 still moves the fit."""
import numpy as np


def ridge_fit(X, y, alpha, sample_weight=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    xm, ym = X.mean(axis=0), y.mean()
    Xc, yc = X - xm, y - ym
    w = np.linalg.solve((Xc.T * s) @ Xc + alpha * np.eye(X.shape[1]), (Xc.T * s) @ yc)
    return w, float(ym - xm @ w)
