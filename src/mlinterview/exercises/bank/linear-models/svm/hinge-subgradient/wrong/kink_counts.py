"""Counts samples exactly on the margin (m = 1) as active: the subgradient convention says 0."""
import numpy as np


def hinge_subgradient(w, b, X, y, lam):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    n = len(y)
    margin = y * (X @ w + b)
    active = margin <= 1.0
    loss = 0.5 * lam * (w @ w) + np.maximum(0.0, 1.0 - margin).sum() / n
    return float(loss), lam * w - X[active].T @ y[active] / n, float(-y[active].sum() / n)
