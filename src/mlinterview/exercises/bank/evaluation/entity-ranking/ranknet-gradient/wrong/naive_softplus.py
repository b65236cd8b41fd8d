"""Writes the pair loss as log(1 + exp(-m)) and the sigmoid as 1 / (1 + exp(m)): a gap of
~700 or more overflows to inf."""
import numpy as np


def ranknet_loss_grad(scores, grades, sigma=1.0):
    s = np.asarray(scores, float)
    g = np.asarray(grades, float)
    pair = g[:, :, None] > g[:, None, :]
    P = pair.sum()
    if P == 0:
        raise ValueError("no pair")
    m = sigma * (s[:, :, None] - s[:, None, :])
    with np.errstate(over="ignore"):
        loss = np.log(1 + np.exp(-m))[pair].sum() / P
        lam = np.where(pair, sigma / (1 + np.exp(m)), 0) / P
    return float(loss), lam.sum(axis=1) - lam.sum(axis=2)
