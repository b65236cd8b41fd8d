"""Reports the singular values themselves (or s²/n) as the variances."""
import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(Xc, full_matrices=False)
    c = vt[:k]
    c = c * np.sign(c[np.arange(k), np.argmax(np.abs(c), axis=1)])[:, None]
    return c, s[:k]
