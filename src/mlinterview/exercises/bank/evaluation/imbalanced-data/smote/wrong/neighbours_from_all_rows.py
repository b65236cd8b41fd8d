"""Searches the neighbours among all rows, majority included, so points cross into the
majority class."""
import numpy as np


def smote(X, y, n_new, k, seed):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    minority = np.flatnonzero(y == labels[np.argmin(counts)])
    d = ((X[minority][:, None, :] - X[None, :, :]) ** 2).sum(axis=-1)
    d[np.arange(len(minority)), minority] = np.inf
    nn = np.argsort(d, axis=1, kind="stable")[:, :k]
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(minority), size=n_new)
    cols = rng.integers(0, k, size=n_new)
    u = rng.random(n_new)[:, None]
    base = X[minority][rows]
    return base + u * (X[nn[rows, cols]] - base)
