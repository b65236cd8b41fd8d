"""Draws a separate u for every feature, so the point lands in the box spanned by the two
rows instead of on the segment between them."""
import numpy as np


def smote(X, y, n_new, k, seed):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    Xm = X[y == labels[np.argmin(counts)]]
    d = ((Xm[:, None, :] - Xm[None, :, :]) ** 2).sum(axis=-1)
    np.fill_diagonal(d, np.inf)
    nn = np.argsort(d, axis=1, kind="stable")[:, :k]
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(Xm), size=n_new)
    cols = rng.integers(0, k, size=n_new)
    u = rng.random((n_new, X.shape[1]))
    base = Xm[rows]
    return base + u * (Xm[nn[rows, cols]] - base)
