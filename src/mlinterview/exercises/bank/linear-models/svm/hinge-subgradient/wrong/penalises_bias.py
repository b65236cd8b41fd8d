"""Penalises the intercept too: lam/2 b² in the loss and lam b in its gradient."""
import numpy as np


def hinge_subgradient(w, b, X, y, lam):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    n = len(y)
    margin = y * (X @ w + b)
    active = margin < 1.0
    loss = 0.5 * lam * (w @ w + b * b) + np.maximum(0.0, 1.0 - margin).sum() / n
    return (float(loss), lam * w - X[active].T @ y[active] / n,
            float(lam * b - y[active].sum() / n))
