"""Takes -y x from every sample, not only the margin violators (the gradient of a linear loss)."""
import numpy as np


def hinge_subgradient(w, b, X, y, lam):
    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)
    n = len(y)
    margin = y * (X @ w + b)
    loss = 0.5 * lam * (w @ w) + np.maximum(0.0, 1.0 - margin).sum() / n
    return float(loss), lam * w - X.T @ y / n, float(-y.sum() / n)
