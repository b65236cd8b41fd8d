"""Copies random minority rows instead of interpolating (random over-sampling)."""
import numpy as np


def smote(X, y, n_new, k, seed):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    Xm = X[y == labels[np.argmin(counts)]]
    rng = np.random.default_rng(seed)
    return Xm[rng.integers(0, len(Xm), size=n_new)]
