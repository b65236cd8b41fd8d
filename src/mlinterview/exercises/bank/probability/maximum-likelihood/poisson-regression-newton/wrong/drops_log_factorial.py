"""Finds the right weights but reports the log-likelihood without the -log(y_i!) term,
as if a constant could be left out of the value (it can only be left out of the
maximisation)."""
import numpy as np


def poisson_regression(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)

    def ll(w):
        eta = X @ w
        with np.errstate(over="ignore"):
            return float(np.sum(y * eta - np.exp(eta)))

    w = np.zeros(X.shape[1])
    for _ in range(100):
        mu = np.exp(X @ w)
        d = np.linalg.solve((X * mu[:, None]).T @ X, X.T @ (y - mu))
        big = np.max(np.abs(d)) > 1e-6 * (1 + np.max(np.abs(w)))
        t = 1.0
        while big and ll(w + t * d) < ll(w) and t >= 1e-10:
            t /= 2
        w = w + t * d
        if np.max(np.abs(d)) <= 1e-10 * (1 + np.max(np.abs(w - t * d))):
            break
    return w, ll(w)
