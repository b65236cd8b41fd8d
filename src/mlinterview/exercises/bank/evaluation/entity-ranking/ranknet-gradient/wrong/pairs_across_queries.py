"""Flattens the batch and forms pairs between documents of DIFFERENT queries too."""
import numpy as np


def ranknet_loss_grad(scores, grades, sigma=1.0):
    s = np.asarray(scores, float)
    g = np.asarray(grades, float)
    sf, gf = s.ravel(), g.ravel()
    pair = gf[:, None] > gf[None, :]
    P = pair.sum()
    if P == 0:
        raise ValueError("no pair")
    m = sigma * (sf[:, None] - sf[None, :])
    loss = np.logaddexp(0, -m)[pair].sum() / P
    lam = np.where(pair, sigma * np.exp(-np.logaddexp(0, m)), 0) / P
    return float(loss), (lam.sum(0) - lam.sum(1)).reshape(s.shape)
