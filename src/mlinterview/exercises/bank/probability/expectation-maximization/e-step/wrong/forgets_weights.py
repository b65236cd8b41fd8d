"""Ignores the mixing weights: normalises the densities alone (a uniform prior)."""
import numpy as np


def responsibilities(X, weights, means, covariances):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    log_p = np.empty((n, len(weights)))
    for k, (mu, cov) in enumerate(zip(np.asarray(means, float), np.asarray(covariances, float))):
        diff = X - mu
        maha = np.einsum("ij,jk,ik->i", diff, np.linalg.inv(cov), diff)
        log_p[:, k] = -0.5 * (d * np.log(2 * np.pi) + np.linalg.slogdet(cov)[1] + maha)
    log_p -= log_p.max(axis=1, keepdims=True)
    r = np.exp(log_p)
    return r / r.sum(axis=1, keepdims=True)
