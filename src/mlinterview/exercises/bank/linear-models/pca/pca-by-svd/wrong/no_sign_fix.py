"""Returns the SVD's arbitrary signs: right up to sign, but not reproducible."""
import numpy as np


def pca(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(Xc, full_matrices=False)
    return -vt[:k], s[:k] ** 2 / (X.shape[0] - 1)
