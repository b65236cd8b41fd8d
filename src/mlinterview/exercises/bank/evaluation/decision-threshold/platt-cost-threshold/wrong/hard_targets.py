"""Fits the sigmoid to the hard 0/1 labels instead of Platt's targets (N+ + 1)/(N+ + 2) and
1/(N- + 2): a different optimum, and no finite one on separable data."""
import numpy as np


def platt_cost_threshold(scores, y, cost_fp, cost_fn):
    s = np.asarray(scores, float)
    t = (np.asarray(y) == 1).astype(float)
    X = np.column_stack([s, np.ones_like(s)])
    theta = np.array([0.0, np.log((np.sum(t == 0) + 1) / (np.sum(t == 1) + 1))])
    for _ in range(100):
        q = np.exp(-np.logaddexp(0, -(X @ theta)))
        g = X.T @ (q - (1 - t))
        if np.max(np.abs(g)) < 1e-10:
            break
        H = X.T @ (X * (q * (1 - q))[:, None]) + 1e-12 * np.eye(2)
        theta = theta - np.linalg.solve(H, g)
    A, B = theta
    if A >= 0:
        raise ValueError("A >= 0")
    return float(A), float(B), float((np.log(cost_fn / cost_fp) - B) / A)
