"""Takes the left singular vectors (per-sample scores) instead of the rows of Vt."""
import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    u, s, _ = np.linalg.svd(Xc, full_matrices=False)
    c = u[:, :k].T
    c = c * np.sign(c[np.arange(k), np.argmax(np.abs(c), axis=1)])[:, None]
    return c, s[:k] ** 2 / (X.shape[0] - 1)
