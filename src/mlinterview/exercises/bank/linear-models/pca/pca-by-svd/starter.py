import numpy as np


def pca(X, k):
    """Top-k principal axes (k, p) and their variances (k,) of X (n, p), via the SVD.

    Each axis is signed so that its largest-magnitude entry is positive.
    """
    X = np.asarray(X, dtype=float)
    raise NotImplementedError("centre, SVD, take rows of Vt, s**2 / (n - 1), fix signs")
