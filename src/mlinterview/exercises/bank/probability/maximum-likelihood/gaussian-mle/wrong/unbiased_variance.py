"""Uses the unbiased variance (ddof=1, dividing by n - 1), which is not the maximiser of
the likelihood; the log-likelihood is then evaluated at the wrong variance too."""
import numpy as np


def gaussian_mle(X):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    mean = X.mean(axis=0)
    if n < 2:
        return mean, np.zeros(X.shape[1]), float("inf")
    var = X.var(axis=0, ddof=1)
    if np.any(var == 0):
        return mean, var, float("inf")
    ll = -0.5 * np.sum(np.log(2 * np.pi * var) * n + ((X - mean) ** 2).sum(axis=0) / var)
    return mean, var, float(ll)
