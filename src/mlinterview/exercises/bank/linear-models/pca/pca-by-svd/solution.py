import numpy as np


def pca(X, k):
    """Top-k principal axes (k, p) and their variances (k,) of X (n, p), via the SVD."""
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    Xc = X - X.mean(axis=0)                    # PCA describes variation around the mean
    _, s, vt = np.linalg.svd(Xc, full_matrices=False)
    components = vt[:k]
    # Each axis is only defined up to sign: make its largest entry positive.
    idx = np.argmax(np.abs(components), axis=1)
    signs = np.sign(components[np.arange(k), idx])
    components = components * signs[:, None]
    return components, s[:k] ** 2 / (n - 1)
