"""Leaves the mixture weights out of the E-step: responsibilities proportional to the
densities alone, as if every component had weight 1/K."""
import numpy as np
from scipy.special import logsumexp


def em_step(x, weights, means, variances):
    x = np.asarray(x, dtype=float)
    w, mu, s2 = (np.asarray(a, dtype=float) for a in (weights, means, variances))
    log_dens = -0.5 * (np.log(2 * np.pi * s2) + (x[:, None] - mu) ** 2 / s2)
    resp = np.exp(log_dens - logsumexp(log_dens, axis=1, keepdims=True))
    ll = float(logsumexp(log_dens + np.log(w), axis=1).sum())
    nk = resp.sum(axis=0)
    new_mu = resp.T @ x / nk
    return nk / x.size, new_mu, np.sum(resp * (x[:, None] - new_mu) ** 2, axis=0) / nk, ll
