"""Drops the factor sigma from the gradient (the chain rule through sigma (s_i - s_j))."""
import numpy as np


def ranknet_loss_grad(scores, grades, sigma=1.0):
    s = np.asarray(scores, float)
    g = np.asarray(grades, float)
    pair = g[:, :, None] > g[:, None, :]
    P = pair.sum()
    if P == 0:
        raise ValueError("no pair")
    m = sigma * (s[:, :, None] - s[:, None, :])
    loss = np.logaddexp(0, -m)[pair].sum() / P
    lam = np.where(pair, np.exp(-np.logaddexp(0, m)), 0) / P
    return float(loss), lam.sum(axis=1) - lam.sum(axis=2)
