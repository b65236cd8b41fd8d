"""Computes the new variances around the old means instead of the new ones (the M-step
must update the means first)."""
import numpy as np
from scipy.special import logsumexp


def em_step(x, weights, means, variances):
    x = np.asarray(x, dtype=float)
    w, mu, s2 = (np.asarray(a, dtype=float) for a in (weights, means, variances))
    log_joint = np.log(w) - 0.5 * (np.log(2 * np.pi * s2) + (x[:, None] - mu) ** 2 / s2)
    log_norm = logsumexp(log_joint, axis=1, keepdims=True)
    resp = np.exp(log_joint - log_norm)
    nk = resp.sum(axis=0)
    new_mu = resp.T @ x / nk
    new_s2 = np.sum(resp * (x[:, None] - mu) ** 2, axis=0) / nk
    return nk / x.size, new_mu, new_s2, float(log_norm.sum())
