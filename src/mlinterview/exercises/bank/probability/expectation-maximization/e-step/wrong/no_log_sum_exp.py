"""Exponentiates densities directly: far points underflow to 0/0 = nan."""
import numpy as np


def responsibilities(X, weights, means, covariances):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    dens = np.empty((n, len(weights)))
    for k, (mu, cov) in enumerate(zip(np.asarray(means, float), np.asarray(covariances, float))):
        diff = X - mu
        maha = np.einsum("ij,jk,ik->i", diff, np.linalg.inv(cov), diff)
        dens[:, k] = np.exp(-0.5 * maha) / np.sqrt((2 * np.pi) ** d * np.linalg.det(cov))
    joint = dens * np.asarray(weights, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return joint / joint.sum(axis=1, keepdims=True)
