"""Off by one: draws rows from [0, m - 1), so the last minority row is never a base."""
import numpy as np


def smote(X, y, n_new, k, seed):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    Xm = X[y == labels[np.argmin(counts)]]
    # Squared distances between minority rows; a row is not its own neighbour.
    d = ((Xm[:, None, :] - Xm[None, :, :]) ** 2).sum(axis=-1)
    np.fill_diagonal(d, np.inf)
    nn = np.argsort(d, axis=1, kind="stable")[:, :k]
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(Xm) - 1, size=n_new)  # integers() already excludes high
    cols = rng.integers(0, k, size=n_new)
    u = rng.random(n_new)[:, None]
    base = Xm[rows]
    return base + u * (Xm[nn[rows, cols]] - base)
