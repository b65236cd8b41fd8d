"""Forms a pair whenever grade_i >= grade_j (i != j), so equally relevant documents are
pushed apart in both directions and inflate P."""
import numpy as np


def ranknet_loss_grad(scores, grades, sigma=1.0):
    s = np.asarray(scores, float)
    g = np.asarray(grades, float)
    d = g.shape[1]
    pair = (g[:, :, None] >= g[:, None, :]) & ~np.eye(d, dtype=bool)
    P = pair.sum()
    if P == 0 or not (g[:, :, None] > g[:, None, :]).any():
        raise ValueError("no pair")
    m = sigma * (s[:, :, None] - s[:, None, :])
    loss = np.logaddexp(0, -m)[pair].sum() / P
    lam = np.where(pair, sigma * np.exp(-np.logaddexp(0, m)), 0) / P
    return float(loss), lam.sum(axis=1) - lam.sum(axis=2)
