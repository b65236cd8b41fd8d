"""Fits A and B by 200 steps of plain gradient descent with a fixed step: far from
converged when the scores have a large or small scale."""
import numpy as np


def platt_cost_threshold(scores, y, cost_fp, cost_fn):
    s = np.asarray(scores, float)
    pos = np.asarray(y) == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    t = np.where(pos, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    A, B = 0.0, float(np.log((n_neg + 1) / (n_pos + 1)))
    for _ in range(200):
        q = np.exp(-np.logaddexp(0, -(A * s + B)))
        g = q - (1 - t)
        A -= 0.1 * np.mean(g * s)
        B -= 0.1 * np.mean(g)
    if A >= 0:
        raise ValueError("A >= 0")
    return float(A), float(B), float((np.log(cost_fn / cost_fp) - B) / A)
