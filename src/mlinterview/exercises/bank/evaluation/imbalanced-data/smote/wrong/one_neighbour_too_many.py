"""Off by one: takes k + 1 neighbours after dropping the row itself."""
import numpy as np


def smote(X, y, n_new, k, seed):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    Xm = X[y == labels[np.argmin(counts)]]
    d = ((Xm[:, None, :] - Xm[None, :, :]) ** 2).sum(axis=-1)
    np.fill_diagonal(d, np.inf)
    kk = min(k + 1, len(Xm) - 1)
    nn = np.argsort(d, axis=1, kind="stable")[:, :kk]
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(Xm), size=n_new)
    cols = rng.integers(0, kk, size=n_new)
    u = rng.random(n_new)[:, None]
    base = Xm[rows]
    return base + u * (Xm[nn[rows, cols]] - base)
