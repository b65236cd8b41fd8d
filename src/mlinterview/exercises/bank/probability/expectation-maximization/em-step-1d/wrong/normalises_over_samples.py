"""Normalises the responsibilities over the samples (axis 0) instead of over the
components: each column sums to 1 rather than each row."""
import numpy as np
from scipy.special import logsumexp


def em_step(x, weights, means, variances):
    x = np.asarray(x, dtype=float)
    w, mu, s2 = (np.asarray(a, dtype=float) for a in (weights, means, variances))
    log_joint = np.log(w) - 0.5 * (np.log(2 * np.pi * s2) + (x[:, None] - mu) ** 2 / s2)
    resp = np.exp(log_joint - logsumexp(log_joint, axis=0, keepdims=True))
    ll = float(logsumexp(log_joint, axis=1).sum())
    nk = resp.sum(axis=0)
    new_mu = resp.T @ x / nk
    return nk / nk.sum(), new_mu, np.sum(resp * (x[:, None] - new_mu) ** 2, axis=0) / nk, ll
