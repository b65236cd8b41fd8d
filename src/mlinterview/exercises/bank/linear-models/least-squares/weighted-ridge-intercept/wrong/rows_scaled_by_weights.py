"""Reduces weighted to ordinary least squares by multiplying each row by s_i instead of
sqrt(s_i): the squared residuals are then weighted by s_i², not s_i."""
import numpy as np


def ridge_fit(X, y, alpha, sample_weight=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    xm, ym = s @ X / s.sum(), s @ y / s.sum()
    Xw, yw = (X - xm) * s[:, None], (y - ym) * s
    w = np.linalg.solve(Xw.T @ Xw + alpha * np.eye(X.shape[1]), Xw.T @ yw)
    return w, float(ym - xm @ w)
