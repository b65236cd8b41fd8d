"""Forgets the regulariser's gradient lam * w (the loss includes it, the gradient does not)."""
import numpy as np


def hinge_subgradient(w, b, X, y, lam):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    n = len(y)
    margin = y * (X @ w + b)
    active = margin < 1.0
    loss = 0.5 * lam * (w @ w) + np.maximum(0.0, 1.0 - margin).sum() / n
    return float(loss), -X[active].T @ y[active] / n, float(-y[active].sum() / n)
