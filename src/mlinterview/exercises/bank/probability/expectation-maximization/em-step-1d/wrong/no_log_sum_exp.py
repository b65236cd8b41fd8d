"""Exponentiates the densities before normalising: a point far from every component has
all densities underflow to 0, its responsibilities become 0/0 = NaN, and so does the
M-step."""
import numpy as np


def em_step(x, weights, means, variances):
    x = np.asarray(x, dtype=float)
    w, mu, s2 = (np.asarray(a, dtype=float) for a in (weights, means, variances))
    dens = w * np.exp(-0.5 * (x[:, None] - mu) ** 2 / s2) / np.sqrt(2 * np.pi * s2)
    total = dens.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        resp = dens / total
        ll = float(np.log(total).sum())
    nk = resp.sum(axis=0)
    new_mu = resp.T @ x / nk
    return nk / x.size, new_mu, np.sum(resp * (x[:, None] - new_mu) ** 2, axis=0) / nk, ll
