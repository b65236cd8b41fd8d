"""Calibrates, then keeps the default probability threshold 0.5 (s = -B / A), ignoring the
costs."""
import numpy as np


def platt_cost_threshold(scores, y, cost_fp, cost_fn):
    s = np.asarray(scores, float)
    pos = np.asarray(y) == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    t = np.where(pos, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    X = np.column_stack([s, np.ones_like(s)])
    theta = np.array([0.0, np.log((n_neg + 1) / (n_pos + 1))])
    for _ in range(100):
        q = np.exp(-np.logaddexp(0, -(X @ theta)))
        g = X.T @ (q - (1 - t))
        if np.max(np.abs(g)) < 1e-10:
            break
        theta = theta - np.linalg.solve(X.T @ (X * (q * (1 - q))[:, None]), g)
    A, B = theta
    if A >= 0:
        raise ValueError("A >= 0")
    return float(A), float(B), float(-B / A)
