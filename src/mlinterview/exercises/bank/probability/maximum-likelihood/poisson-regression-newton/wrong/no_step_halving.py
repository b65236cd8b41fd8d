"""Plain Newton without step halving: fine near the optimum, but from w = 0 with large
counts the first step sends the rates to exp(thousands) = inf and the iterates to NaN."""
import numpy as np
from scipy.special import gammaln


def poisson_regression(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(100):
            mu = np.exp(X @ w)
            step = np.linalg.solve((X * mu[:, None]).T @ X, X.T @ (y - mu))
            w = w + step
            if np.max(np.abs(step)) <= 1e-10 * (1 + np.max(np.abs(w))):
                break
        eta = X @ w
        ll = float(np.sum(y * eta - np.exp(eta) - gammaln(y + 1)))
    return w, ll
