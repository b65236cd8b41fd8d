"""Averages the pair losses within each query, then averages the queries: queries with
few pairs weigh as much as queries with many."""
import numpy as np


def ranknet_loss_grad(scores, grades, sigma=1.0):
    s = np.asarray(scores, float)
    g = np.asarray(grades, float)
    pair = g[:, :, None] > g[:, None, :]
    per_query = pair.sum(axis=(1, 2))
    has = per_query > 0
    if not has.any():
        raise ValueError("no pair")
    m = sigma * (s[:, :, None] - s[:, None, :])
    weight = np.where(has, 1.0 / np.maximum(per_query, 1), 0.0)[:, None, None] / has.sum()
    loss = (np.where(pair, np.logaddexp(0, -m), 0) * weight).sum()
    lam = np.where(pair, sigma * np.exp(-np.logaddexp(0, m)), 0) * weight
    return float(loss), lam.sum(axis=1) - lam.sum(axis=2)
