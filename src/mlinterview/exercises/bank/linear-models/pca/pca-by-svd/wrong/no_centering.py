"""Skips centring: the first 'component' points at the mean instead of the spread."""
import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    _, s, vt = np.linalg.svd(X, full_matrices=False)
    c = vt[:k]
    c = c * np.sign(c[np.arange(k), np.argmax(np.abs(c), axis=1)])[:, None]
    return c, s[:k] ** 2 / (X.shape[0] - 1)
